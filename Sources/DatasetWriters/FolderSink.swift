import Foundation

/// The `folder` format: `images/<key>.png` and `samples.jsonl` (one record per line, in index
/// order), plus `run.json` describing the run, written last as the completion marker.
///
/// Nothing is half-written: samples go to a staging folder `.scenewright-partial/` inside the
/// output; only when every sample is written are `images/` and `samples.jsonl` moved into
/// place, then `run.json` is written atomically. A killed run leaves only the staging folder,
/// which the next run removes. An output that already holds a dataset is refused unless
/// `overwrite` is set, and even then the old files are replaced only once the new are complete.
public final class FolderSink {
    public static let stagingName = ".scenewright-partial"
    public static let markerName = "run.json"

    public let directory: String
    let staging: String
    let overwrite: Bool
    var lines: [UInt8] = []
    var linesFD: Int32 = -1
    var finished = false

    public init(directory: String, overwrite: Bool) throws(WriteError) {
        self.directory = directory
        self.overwrite = overwrite
        self.staging = directory + "/" + FolderSink.stagingName
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: directory, isDirectory: &isDir), !isDir.boolValue {
            throw WriteError(path: directory, message: "exists and is not a folder")
        }
        let existing = ["images", "samples.jsonl", FolderSink.markerName].filter {
            fm.fileExists(atPath: directory + "/" + $0)
        }
        if !existing.isEmpty, !overwrite {
            throw WriteError(
                path: directory,
                message:
                    "already holds a dataset (\(existing.joined(separator: ", "))); choose another --out or pass --overwrite"
            )
        }
        try AtomicFile.makeDirectory(directory)
        try AtomicFile.remove(staging)
        try AtomicFile.makeDirectory(staging + "/images")
        let path = staging + "/samples.jsonl"
        linesFD = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard linesFD >= 0 else { throw WriteError(path: path, message: AtomicFile.systemMessage()) }
        lines.reserveCapacity(1 << 20)
    }

    deinit {
        if linesFD >= 0 { close(linesFD) }
        if !finished { try? AtomicFile.remove(staging) }
    }

    /// Adds one sample. Call in index order.
    /// `record` is one line of JSON without its newline.
    public func write(key: String, png: [UInt8], record: [UInt8]) throws(WriteError) {
        try AtomicFile.writeFile(png, to: staging + "/images/" + key + ".png")
        lines.append(contentsOf: record)
        lines.append(0x0A)
        if lines.count >= 1 << 20 { try flush() }
    }

    func flush() throws(WriteError) {
        let failure = AtomicFile.writeAll(lines, to: linesFD)
        lines.removeAll(keepingCapacity: true)
        if let failure { throw WriteError(path: staging + "/samples.jsonl", message: failure) }
    }

    /// Moves the staged dataset into place and writes the completion marker last.
    public func finish(metadata: JSONValue) throws(WriteError) {
        try flush()
        if close(linesFD) != 0 {
            linesFD = -1
            throw WriteError(path: staging + "/samples.jsonl", message: AtomicFile.systemMessage())
        }
        linesFD = -1
        for name in [FolderSink.markerName, "samples.jsonl", "images"] {
            try AtomicFile.remove(directory + "/" + name)
        }
        try AtomicFile.move(staging + "/images", to: directory + "/images")
        try AtomicFile.move(staging + "/samples.jsonl", to: directory + "/samples.jsonl")
        try AtomicFile.remove(staging)
        var bytes = metadata.bytes
        bytes.append(0x0A)
        try AtomicFile.write(bytes, to: directory + "/" + FolderSink.markerName, sync: true)
        finished = true
    }
}

import Foundation
import SampleRecords

/// Reads back the samples of a dataset Scenewright wrote: their records, images and masks,
/// from the WebDataset shards when the run wrote them, else from the `folder` layout. Used by
/// `verify`, `stats` and `browse`, which trust nothing but these files.
public struct DatasetReader: Sendable {
    public enum Source: Sendable, Equatable {
        case webdataset(shards: [String])
        case folder
    }

    /// One stored sample. Problems found while reading it (a missing or damaged image, an
    /// unreadable record) are in `problems`, each naming its file; the sample is still returned
    /// so the caller can report them.
    public struct Sample: Sendable {
        public var key: String
        /// Where it was read from: a shard path or `samples.jsonl:<line>`.
        public var location: String
        public var recordJSON: [UInt8]
        public var png: [UInt8]?
        public var maskPNG: [UInt8]?
        public var caption: String?
        /// File extensions of the sample's entries, in stored order (WebDataset only).
        public var fields: [String]
        public var problems: [String]
        /// The file the image was read from: `images/<key>.png`, or the shard.
        public var imageFile: String = ""
        /// True when this is no sample but a damaged file (a shard that reads as a tar only up
        /// to some byte): `key` and `location` are the file's path, `problems` say what was lost.
        public var isFileProblem = false
    }

    public let directory: String
    public let source: Source

    /// Finds the samples' source in `directory`.
    public init(directory: String) throws(WriteError) {
        self.directory = directory
        let fm = FileManager.default
        let train = directory + "/train"
        let tars = ((try? fm.contentsOfDirectory(atPath: train)) ?? []).filter { $0.hasSuffix(".tar") }.sorted()
        if !tars.isEmpty {
            source = .webdataset(shards: tars.map { "train/" + $0 })
        } else if fm.fileExists(atPath: directory + "/samples.jsonl") {
            source = .folder
        } else {
            throw WriteError(
                path: directory,
                message: "holds no Scenewright samples (neither train/*.tar nor samples.jsonl)")
        }
    }

    /// Calls `body` with each sample in stored order, in batches of up to `batch` samples (so
    /// a caller can check a batch on several threads while memory stays bounded).
    public func forEachBatch(of batch: Int = 256, _ body: ([Sample]) throws -> Void) throws {
        var pending: [Sample] = []
        func flush() throws {
            if !pending.isEmpty { try body(pending) }
            pending.removeAll(keepingCapacity: true)
        }
        switch source {
        case .webdataset(let shards):
            for shard in shards {
                for sample in try readShard(shard) {
                    pending.append(sample)
                    if pending.count >= batch { try flush() }
                }
            }
        case .folder:
            try JSONLines.forEachLine(path: directory + "/samples.jsonl") { n, record, lineProblem in
                var problems: [String] = []
                if let lineProblem {
                    // A last line without line end is fine when it parses: it was cut short when not.
                    if lineProblem != .unterminated || (try? JSONValue.parse(record)) == nil {
                        let torn = lineProblem == .unterminated ? " and is not valid JSON: the file was cut short" : ""
                        problems.append("samples.jsonl line \(n) \(lineProblem)\(torn)")
                    }
                } else if record.isEmpty {
                    return true
                }
                let key = DatasetReader.recordKey(of: record) ?? "line-\(n)"
                let file = "images/" + key + ".png"
                var png: [UInt8]?
                if !DatasetReader.isFileName(key) {
                    problems.append("key '\(key)' cannot name a file; no image read")
                } else if let data = FileManager.default.contents(atPath: directory + "/" + file) {
                    let bytes = [UInt8](data)
                    png = bytes
                    if let p = DatasetReader.pngProblem(bytes) { problems.append("\(file) \(p)") }
                } else {
                    problems.append("\(file) is missing")
                }
                var sample = Sample(
                    key: key, location: "samples.jsonl:\(n)", recordJSON: record, png: png, maskPNG: nil,
                    caption: nil, fields: [], problems: problems)
                sample.imageFile = file
                pending.append(sample)
                if pending.count >= batch { try flush() }
                return true
            }
        }
        try flush()
    }

    /// The samples of one shard, grouped by key in stored order. A shard that reads as a tar
    /// only up to some byte (cut short, or a damaged header) gives the samples before that
    /// byte, then a file-problem sample (`isFileProblem`) under the shard's path saying what
    /// was lost.
    public func readShard(_ shard: String) throws -> [Sample] {
        let bytes = try AtomicFile.read(directory + "/" + shard)
        var entries: [TarReader.Entry] = []
        var damage: TarReader.Failure?
        switch TarReader.entries(bytes) {
        case .success(let e): entries = e
        case .failure(let f):
            damage = f
            entries = DatasetReader.entriesBefore(f, in: bytes)
        }
        var out: [Sample] = []
        for entry in entries {
            // WebDataset splits a name at its first dot: key, then the field's extension.
            let name = entry.name
            guard let dot = name.firstIndex(of: ".") else {
                out.append(
                    Sample(
                        key: name, location: shard, recordJSON: [], png: nil, maskPNG: nil, caption: nil, fields: [],
                        problems: ["entry '\(name)' has no extension"], imageFile: shard))
                continue
            }
            let key = String(name[..<dot])
            let field = String(name[name.index(after: dot)...])
            if out.last?.key != key {
                out.append(
                    Sample(
                        key: key, location: shard, recordJSON: [], png: nil, maskPNG: nil, caption: nil, fields: [],
                        problems: [], imageFile: shard))
            }
            let i = out.count - 1
            if entry.type != UInt8(ascii: "0") && entry.type != 0 {
                out[i].problems.append("entry \(name) is not a regular file")
            }
            if out[i].fields.contains(field) { out[i].problems.append("field \(field) appears twice") }
            out[i].fields.append(field)
            switch field {
            case "json": out[i].recordJSON = entry.bytes
            case "png", "mask.png":
                if field == "png" { out[i].png = entry.bytes } else { out[i].maskPNG = entry.bytes }
                if let p = DatasetReader.pngProblem(entry.bytes) { out[i].problems.append("\(name) in \(shard) \(p)") }
            case "txt": out[i].caption = String(decoding: entry.bytes, as: UTF8.self)
            default: break
            }
        }
        if let damage {
            if let first = out.first, let last = out.last, out.count > 1, last.fields != first.fields {
                out[out.count - 1].problems.append(
                    "cut short by the damage in \(shard): has \(last.fields.joined(separator: ",")) only")
            }
            out.append(
                Sample(
                    key: shard, location: shard, recordJSON: [], png: nil, maskPNG: nil, caption: nil, fields: [],
                    problems: [
                        "reads as a tar only up to byte \(min(damage.offset, bytes.count)) of \(bytes.count) (\(damage.message)); "
                            + "\(out.count) samples before it are read, any after it are lost"
                    ], imageFile: shard, isFileProblem: true))
        }
        return out
    }

    /// The whole entries of a damaged tar before the failure: the bytes up to its offset (a
    /// header's, or past the end when only the last entry's padding or the end blocks are
    /// missing), read as an archive that ends there. A failure in that read moves the cut back
    /// to its offset; each try cuts earlier, so this ends.
    static func entriesBefore(_ failure: TarReader.Failure, in bytes: [UInt8]) -> [TarReader.Entry] {
        var cut = min(max(failure.offset, 0), bytes.count)
        while cut > 0 {
            // Zeros for a padding cut off (up to 511 bytes) and the two end blocks.
            switch TarReader.entries(Array(bytes[..<cut]) + [UInt8](repeating: 0, count: 1535)) {
            case .success(let e): return e
            case .failure(let g):
                guard g.offset < cut else { return [] }
                cut = g.offset
            }
        }
        return []
    }

    /// Keys name files (`images/<key>.png`): no path separator, not empty, not `.` or `..`.
    public static func isFileName(_ key: String) -> Bool {
        !key.isEmpty && key != "." && key != ".." && !key.contains("/") && !key.contains("\0")
    }

    /// The `key` field of a record line, found without parsing the whole record (the checker
    /// parses it once, later): the bytes `"key":"` can only be the field itself, as quotes
    /// inside strings are escaped. Falls back to parsing for records written otherwise.
    public static func recordKey(of record: [UInt8]) -> String? {
        let pattern = Array(#""key":""#.utf8)
        if record.count > pattern.count {
            for i in 0...(record.count - pattern.count) where record[i] == pattern[0] {
                guard record[i..<(i + pattern.count)].elementsEqual(pattern) else { continue }
                let start = i + pattern.count
                guard let end = record[start...].firstIndex(of: UInt8(ascii: "\"")) else { break }
                let key = record[start..<end]
                if !key.contains(UInt8(ascii: "\\")) { return String(decoding: key, as: UTF8.self) }
                break
            }
        }
        guard let value = try? JSONValue.parse(record) else { return nil }
        return value["key"]?.stringValue
    }
}

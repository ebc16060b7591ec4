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

    /// One stored sample. Problems found while reading it (a missing image, an unreadable
    /// record) are in `problems`; the sample is still returned so the caller can report them.
    public struct Sample: Sendable {
        public var key: String
        /// Where it was read from: a shard path or `samples.jsonl` line.
        public var location: String
        public var recordJSON: [UInt8]
        public var png: [UInt8]?
        public var maskPNG: [UInt8]?
        public var caption: String?
        /// File extensions of the sample's entries, in stored order (WebDataset only).
        public var fields: [String]
        public var problems: [String]
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
            // Line by line, a megabyte at a time: a million records do not fit in memory.
            let path = directory + "/samples.jsonl"
            guard let file = FileHandle(forReadingAtPath: path) else {
                throw WriteError(path: path, message: "cannot be read")
            }
            defer { try? file.close() }
            var buffer: [UInt8] = []
            var n = 0
            func take(_ record: [UInt8]) throws {
                n += 1
                guard !record.isEmpty else { return }
                var problems: [String] = []
                let key = DatasetReader.key(of: record) ?? "line-\(n)"
                let png = FileManager.default.contents(atPath: directory + "/images/" + key + ".png").map {
                    [UInt8]($0)
                }
                if png == nil { problems.append("images/\(key).png is missing") }
                pending.append(
                    Sample(
                        key: key, location: "samples.jsonl:\(n)", recordJSON: record, png: png, maskPNG: nil,
                        caption: nil, fields: [], problems: problems))
                if pending.count >= batch { try flush() }
            }
            while let chunk = try file.read(upToCount: 1 << 20), !chunk.isEmpty {
                buffer.append(contentsOf: chunk)
                var start = 0
                while let end = buffer[start...].firstIndex(of: 0x0A) {
                    try take(Array(buffer[start..<end]))
                    start = end + 1
                }
                buffer.removeFirst(start)
            }
            if !buffer.isEmpty { try take(buffer) }
        }
        try flush()
    }

    /// The samples of one shard, grouped by key in stored order; structural problems of the
    /// archive become a sample-less problem under the key `<shard>`.
    public func readShard(_ shard: String) throws -> [Sample] {
        let bytes = try AtomicFile.read(directory + "/" + shard)
        let entries: [TarReader.Entry]
        switch TarReader.entries(bytes) {
        case .success(let e): entries = e
        case .failure(let f):
            return [
                Sample(
                    key: shard, location: shard, recordJSON: [], png: nil, maskPNG: nil, caption: nil, fields: [],
                    problems: ["unreadable tar: \(f)"])
            ]
        }
        var out: [Sample] = []
        for entry in entries {
            // WebDataset splits a name at its first dot: key, then the field's extension.
            let name = entry.name
            guard let dot = name.firstIndex(of: ".") else {
                out.append(
                    Sample(
                        key: name, location: shard, recordJSON: [], png: nil, maskPNG: nil, caption: nil, fields: [],
                        problems: ["entry '\(name)' has no extension"]))
                continue
            }
            let key = String(name[..<dot])
            let field = String(name[name.index(after: dot)...])
            if out.last?.key != key {
                out.append(
                    Sample(
                        key: key, location: shard, recordJSON: [], png: nil, maskPNG: nil, caption: nil, fields: [],
                        problems: []))
            }
            let i = out.count - 1
            if entry.type != UInt8(ascii: "0") && entry.type != 0 {
                out[i].problems.append("entry \(name) is not a regular file")
            }
            if out[i].fields.contains(field) { out[i].problems.append("field \(field) appears twice") }
            out[i].fields.append(field)
            switch field {
            case "json": out[i].recordJSON = entry.bytes
            case "png": out[i].png = entry.bytes
            case "mask.png": out[i].maskPNG = entry.bytes
            case "txt": out[i].caption = String(decoding: entry.bytes, as: UTF8.self)
            default: break
            }
        }
        return out
    }

    /// The `key` field of a record line, found without parsing the whole record (the checker
    /// parses it once, later): the bytes `"key":"` can only be the field itself, as quotes
    /// inside strings are escaped. Falls back to parsing for records written otherwise.
    static func key(of record: [UInt8]) -> String? {
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

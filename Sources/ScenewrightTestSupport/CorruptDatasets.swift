import Foundation

/// One small generated dataset (12 samples, shards of 4, WebDataset and folder layouts, masks),
/// copied and damaged in each way `verify`, `stats`, `browse` and `render` must report rather
/// than crash on. Made once per process (a static), read-only afterwards: parallel tests share it.
public enum CorruptDataset: String, CaseIterable, Sendable, CustomStringConvertible {
    /// `train/scenewright-000001.tar` (samples 4-7) cut in the middle of an entry.
    case truncatedShard
    /// One byte of `000000003.png`'s image data flipped inside its shard (its CRC fails).
    case badCRCInShard
    /// The same in the folder layout: `images/000000003.png`.
    case badCRCInFolder
    /// In the shard, `000000005.json` lacks `image.width` and `000000006.json` has a list for
    /// `image.height`.
    case badRecordsInShard
    /// The same two records in `samples.jsonl` (folder layout, lines 6 and 7).
    case badRecordsInFolder
    /// `samples.jsonl` cut in the middle of its last line (`000000011`, line 12).
    case tornLastLine

    public var description: String { rawValue }
    public static let count = 12

    /// True for the folder layout (no `train/`): `render` reads its `samples.jsonl`.
    public var isFolder: Bool { [.badCRCInFolder, .badRecordsInFolder, .tornLastLine].contains(self) }

    /// What a report must name for each defect: a key and a fragment of its file.
    public var expected: [(key: String, file: String)] {
        switch self {
        case .truncatedShard: [("train/scenewright-000001.tar", "train/scenewright-000001.tar")]
        case .badCRCInShard: [("000000003", "scenewright-000000.tar")]
        case .badCRCInFolder: [("000000003", "images/000000003.png")]
        case .badRecordsInShard: [("000000005", "scenewright-000001.tar"), ("000000006", "scenewright-000001.tar")]
        case .badRecordsInFolder: [("000000005", "samples.jsonl:6"), ("000000006", "samples.jsonl:7")]
        case .tornLastLine: [("000000011", "samples.jsonl:12")]
        }
    }

    /// The damaged dataset's folder.
    public var path: String {
        get throws { try Self.made.get() + "/" + rawValue }
    }

    static let made: Result<String, any Error> = Result {
        let root = try TemporaryDirectory("scenewright-corrupt").path
        let base = root + "/base"
        let r = try runScenewright([
            "generate", "--count", "\(count)", "--shard-size", "4", "--seed", "5", "--format", "webdataset,folder",
            "--masks", "--quiet", "--out", base,
        ])
        guard r.status == 0 else { throw CorruptDatasetError(message: "generate failed: \(r.stderr)") }
        for c in allCases { try c.make(from: base, into: root + "/" + c.rawValue) }
        return root
    }

    func make(from base: String, into out: String) throws {
        let fm = FileManager.default
        try fm.copyItem(atPath: base, toPath: out)
        if isFolder { try fm.removeItem(atPath: out + "/train") }
        let shard0 = out + "/train/scenewright-000000.tar"
        let shard1 = out + "/train/scenewright-000001.tar"
        let jsonl = out + "/samples.jsonl"
        switch self {
        case .truncatedShard:
            try edit(shard1) { $0 = Array($0[..<($0.count / 2 + 100)]) }
        case .badCRCInShard:
            try edit(shard0) { tar in
                let start = try Self.entry("000000003.png", in: tar)
                try Self.flipImageData(&tar, pngAt: start)
            }
        case .badCRCInFolder:
            try edit(out + "/images/000000003.png") { try Self.flipImageData(&$0, pngAt: 0) }
        case .badRecordsInShard:
            try edit(shard1) { tar in
                try Self.damageRecords(
                    &tar, at: Self.entry("000000005.json", in: tar), Self.entry("000000006.json", in: tar))
            }
        case .badRecordsInFolder:
            try edit(jsonl) { bytes in
                let starts = [0] + bytes.indices.filter { bytes[$0] == 0x0A }.map { $0 + 1 }
                try Self.damageRecords(&bytes, at: starts[5], starts[6])
            }
        case .tornLastLine:
            try edit(jsonl) { bytes in
                let last = (bytes.dropLast().lastIndex(of: 0x0A) ?? -1) + 1
                bytes = Array(bytes[..<(last + (bytes.count - last) / 2)])
            }
        }
    }

    func edit(_ path: String, _ change: (inout [UInt8]) throws -> Void) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CorruptDatasetError(message: "\(path) is missing")
        }
        var bytes = [UInt8](data)
        try change(&bytes)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Where the data of the tar entry `name` starts (headers are 512-byte aligned).
    static func entry(_ name: String, in tar: [UInt8]) throws -> Int {
        let pattern = Array(name.utf8) + [0]
        for offset in stride(from: 0, to: tar.count - 512, by: 512)
        where tar[offset..<(offset + pattern.count)].elementsEqual(pattern) {
            return offset + 512
        }
        throw CorruptDatasetError(message: "no entry \(name)")
    }

    /// Flips a byte in the middle of the first IDAT chunk of the PNG at `start`, in place.
    static func flipImageData(_ bytes: inout [UInt8], pngAt start: Int) throws {
        var offset = start + 8
        while offset + 8 < bytes.count {
            let length = bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            if bytes[(offset + 4)..<(offset + 8)].elementsEqual(Array("IDAT".utf8)) {
                bytes[offset + 8 + length / 2] ^= 0x55
                return
            }
            offset += 12 + length
        }
        throw CorruptDatasetError(message: "no IDAT chunk")
    }

    /// Same-length edits (so a tar stays a tar): the record at `missing` loses `image.width`
    /// (renamed `wxdth`), the one at `wrongType` gets `[6]` for its `image.height` of 256.
    static func damageRecords(_ bytes: inout [UInt8], at missing: Int, _ wrongType: Int) throws {
        try replace(#""width":"#, with: #""wxdth":"#, in: &bytes, after: missing)
        try replace(#""height":256"#, with: #""height":[6]"#, in: &bytes, after: wrongType)
    }

    static func replace(_ old: String, with new: String, in bytes: inout [UInt8], after start: Int) throws {
        let (a, b) = (Array(old.utf8), Array(new.utf8))
        let image = Array(#""image":{"#.utf8)
        var i = start
        while i + image.count < bytes.count, !bytes[i..<(i + image.count)].elementsEqual(image) { i += 1 }
        while i + a.count < bytes.count {
            if bytes[i..<(i + a.count)].elementsEqual(a) {
                bytes.replaceSubrange(i..<(i + a.count), with: b)
                return
            }
            i += 1
        }
        throw CorruptDatasetError(message: "no \(old) after byte \(start)")
    }
}

public struct CorruptDatasetError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

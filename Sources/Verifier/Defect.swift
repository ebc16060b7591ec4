/// One thing wrong with a dataset: which sample (or file), which check, and what was found.
public struct Defect: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The sample's key, or a file path for defects of a whole file.
    public var key: String
    /// The check that failed (`png`, `pixels`, `measure`, `colors`, `qa`, `refs`, `negatives`,
    /// `captions`, `text`, `files`, `record`, `tar`, `coco`, `vqa`, `keys`).
    public var check: String
    public var message: String
    /// The file the sample (or the defect) was read from: a shard, `samples.jsonl:<line>`,
    /// `images/<key>.png`; empty when the key is itself a file.
    public var file: String

    public init(_ key: String, _ check: String, _ message: String, file: String = "") {
        self.key = key
        self.check = check
        self.message = message
        self.file = file
    }

    public static func < (a: Defect, b: Defect) -> Bool {
        (a.key, a.check, a.message, a.file) < (b.key, b.check, b.message, b.file)
    }

    public var description: String {
        file.isEmpty || file == key ? "\(key): [\(check)] \(message)" : "\(key) (\(file)): [\(check)] \(message)"
    }
}

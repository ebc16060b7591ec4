/// One thing wrong with a dataset: which sample (or file), which check, and what was found.
public struct Defect: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The sample's key, or a file path for defects of a whole file.
    public var key: String
    /// The check that failed (`png`, `pixels`, `measure`, `colors`, `qa`, `refs`, `negatives`,
    /// `captions`, `text`, `record`, `tar`, `coco`, `vqa`, `keys`).
    public var check: String
    public var message: String

    public init(_ key: String, _ check: String, _ message: String) {
        self.key = key
        self.check = check
        self.message = message
    }

    public static func < (a: Defect, b: Defect) -> Bool {
        (a.key, a.check, a.message) < (b.key, b.check, b.message)
    }

    public var description: String { "\(key): [\(check)] \(message)" }
}

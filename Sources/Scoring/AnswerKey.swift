import DatasetWriters
import Foundation
import SampleRecords

/// The true answers a prediction file is scored against: every ``ScoringItem`` of a dataset,
/// read back from its records through `DatasetReader` (WebDataset shards, else `samples.jsonl`),
/// or from a held-out answer key (`heldout-key/answers.jsonl`, ``init(keyFile:)``).
public struct AnswerKey: Sendable {
    public var items: [ScoringItem]
    /// Where the items came from, for the report: `webdataset`, `folder` or `answer key`.
    public var source: String
    /// Records or key lines that could not be read, each naming its key or line; their items
    /// are not scored.
    public var problems: [String]
    /// The plan of the run the key comes from: its name and the CRC-32 of its bytes.
    public struct Plan: Sendable, Hashable {
        public var name: String
        public var crc32: String
        public init(name: String, crc32: String) {
            self.name = name
            self.crc32 = crc32
        }
    }
    /// Read from the dataset's `run.json` (or, for a run not finalized, its manifest); nil
    /// when neither is found (an answer key file away from its dataset).
    public var plan: Plan?

    public init(items: [ScoringItem], source: String, problems: [String] = [], plan: Plan? = nil) {
        self.items = items
        self.source = source
        self.problems = problems
        self.plan = plan
    }

    /// The plan named by `<folder>/run.json`, else `<folder>/.scenewright/manifest.json`.
    static func plan(ofRunIn folder: String) -> Plan? {
        for file in ["run.json", DatasetSink.stateFolder + "/" + DatasetSink.manifestName] {
            guard let bytes = try? AtomicFile.read(folder + "/" + file), let run = try? JSONValue.parse(bytes),
                let name = run["plan"]?.stringValue, let crc = run["plan_crc32"]?.stringValue
            else { continue }
            return Plan(name: name, crc32: crc)
        }
        return nil
    }

    /// The key of a dataset folder: its records when it holds samples, else its held-out
    /// answer key (`heldout-key/answers.jsonl`); `path` may also name an answer key file.
    public static func load(_ path: String) throws -> AnswerKey {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ScoringError("dataset \(path) does not exist; expected a dataset folder or an answer key file")
        }
        if !isDirectory.boolValue {
            // heldout-key/answers.jsonl of a dataset folder: the run is two folders up.
            var key = try AnswerKey(keyFile: path)
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().deletingLastPathComponent().path
            key.plan = plan(ofRunIn: folder)
            return key
        }
        let key = path + "/" + AnswerKey.keyPath
        let hasSamples =
            FileManager.default.fileExists(atPath: path + "/samples.jsonl")
            || FileManager.default.fileExists(atPath: path + "/train")
        var loaded =
            if !hasSamples, FileManager.default.fileExists(atPath: key) {
                try AnswerKey(keyFile: key)
            } else {
                try AnswerKey(dataset: path)
            }
        loaded.plan = plan(ofRunIn: path)
        return loaded
    }

    /// Where the `heldout` format writes the answer key, relative to the output folder.
    public static let keyPath = "heldout-key/answers.jsonl"

    /// Every item of every readable record of the dataset in `directory`, in stored order.
    public init(dataset directory: String) throws {
        let reader = try DatasetReader(directory: directory)
        var items: [ScoringItem] = []
        var problems: [String] = []
        try reader.forEachBatch { batch in
            for sample in batch where !sample.isFileProblem {
                do {
                    let record = try SampleRecord(json: try JSONValue.parse(sample.recordJSON))
                    items += ScoringItem.items(of: record)
                } catch {
                    problems.append("\(sample.key) (\(sample.location)): \(error)")
                }
            }
            for sample in batch where sample.isFileProblem { problems += sample.problems }
        }
        switch reader.source {
        case .webdataset: source = "webdataset"
        case .folder: source = "folder"
        }
        self.items = items
        self.problems = problems
    }
}

/// What `score` could not do, with what to change.
public struct ScoringError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension AnswerKey {
    /// The items of a held-out answer key (JSON Lines of ``ScoringItem/keyJSON``); a line that
    /// does not read is a problem naming its line and field.
    public init(keyFile path: String) throws {
        var items: [ScoringItem] = []
        var problems: [String] = []
        try JSONLines.forEachLine(path: path) { n, line, lineProblem in
            if let lineProblem, lineProblem != .unterminated {
                problems.append("\(path) line \(n) \(lineProblem)")
                return true
            }
            if line.isEmpty { return true }
            do {
                items.append(try ScoringItem(keyJSON: try JSONValue.parse(line)))
            } catch {
                problems.append("\(path) line \(n): \(error)")
            }
            return true
        }
        self.init(items: items, source: "answer key", problems: problems)
    }
}

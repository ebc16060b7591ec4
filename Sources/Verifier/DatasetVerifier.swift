import DatasetWriters
import Describer
import Dispatch
import Foundation
import PNGCodec
import ParallelWork
import SampleRecords
import SceneModel

/// What `verify` found.
public struct VerificationReport: Sendable {
    public var samples = 0
    public var defects: [Defect] = []
    /// Samples whose pixels equal an earlier sample's.
    public var exactDuplicates = 0
    /// Samples whose scene content (objects and coarse positions) equals an earlier sample's.
    public var nearDuplicates = 0
    /// Checks that ran, for the report.
    public var checks: [String] = []
    public var seconds = 0.0

    public var isClean: Bool { defects.isEmpty }

    public var json: JSONValue {
        var byCheck = JSONObject()
        for d in defects { byCheck[d.check] = .int((byCheck[d.check]?.intValue ?? 0) + 1) }
        let list: [JSONValue] = defects.map { d in
            .object(
                JSONObject([
                    ("check", .string(d.check)), ("file", .string(d.file.isEmpty ? d.key : d.file)),
                    ("key", .string(d.key)), ("message", .string(d.message)),
                ]))
        }
        let n = Double(max(samples, 1))
        let exactRate = Double(exactDuplicates) / n
        let nearRate = Double(nearDuplicates) / n
        let fields: JSONObject = [
            "samples": .int(samples),
            "defects": .int(defects.count),
            "defects_by_check": .object(byCheck),
            "exact_duplicates": .int(exactDuplicates),
            "near_duplicates": .int(nearDuplicates),
            "exact_duplicate_rate": .double(exactRate),
            "near_duplicate_rate": .double(nearRate),
            "checks": .array(checks.map { .string($0) }),
            "seconds": .double((seconds * 1000).rounded() / 1000),
            "list": .array(list),
        ]
        return .object(fields)
    }
}

/// Re-reads a dataset from disk and checks every sample (on `workers` threads) and every
/// whole-run file it can read: the shards' layout, COCO's annotations and VQA's answers against
/// the samples' own records.
public struct DatasetVerifier: Sendable {
    public let checker: SampleChecker
    public let workers: Int

    public init(checker: SampleChecker, workers: Int) {
        self.checker = checker
        self.workers = max(1, workers)
    }

    public func verify(directory: String) throws -> VerificationReport {
        let start = DispatchTime.now().uptimeNanoseconds
        let reader = try DatasetReader(directory: directory)
        var report = VerificationReport()
        report.checks = ["png", "pixels", "measure", "mask", "colors", "qa", "refs", "negatives", "captions"]
        if checker.describer != nil { report.checks.append("text") }
        if checker.heldOut != nil { report.checks.append("holdout") }
        var pixelDigests = Set<UInt64>()
        var sceneDigests = Set<UInt64>()
        var keys = Set<String>()
        var fieldSet: [String]?
        /// Per sample (index, twin number, key): a digest of its objects' (id, area, box), and of
        /// its answers per language, for checking the whole-run files without holding the records.
        var digests: [(index: Int, twin: Int, key: String, objects: UInt64, answers: [(String, UInt64)])] = []
        /// Anchors' scene digests by key, and each twin's (key, anchor, restored digest, file).
        var anchors: [String: UInt64] = [:]
        var twins: [(String, String, UInt64, String)] = []
        try reader.forEachBatch(of: 64 * workers) { batch in
            let results = ParallelWork.map(count: batch.count, workers: workers) { checker.check(batch[$0]) }
            for (sample, result) in zip(batch, results) {
                if sample.isFileProblem {
                    for p in sample.problems { report.defects.append(Defect(sample.key, "files", p)) }
                    continue
                }
                report.samples += 1
                report.defects += result.defects
                if result.conversations > 0 && !report.checks.contains("conversations") {
                    report.checks.append("conversations")
                }
                if result.chart && !report.checks.contains("chart") { report.checks.append("chart") }
                let file = sample.location
                if let d = result.anchorDigest { anchors[sample.key] = d }
                if let t = result.twinOf {
                    twins.append((sample.key, t.anchor, t.digest, file))
                    if !report.checks.contains("twins") { report.checks.append("twins") }
                }
                if !keys.insert(sample.key).inserted {
                    report.defects.append(Defect(sample.key, "keys", "key appears more than once", file: file))
                }
                if sample.key.contains(".") {
                    report.defects.append(Defect(sample.key, "keys", "key contains a dot", file: file))
                }
                if case .webdataset = reader.source {
                    if let expected = fieldSet {
                        if sample.fields != expected {
                            report.defects.append(
                                Defect(
                                    sample.key, "tar",
                                    "fields \(sample.fields.joined(separator: ",")) differ from the first sample's \(expected.joined(separator: ","))",
                                    file: file))
                        }
                    } else {
                        fieldSet = sample.fields
                    }
                }
                if let d = result.pixelDigest, !pixelDigests.insert(d).inserted { report.exactDuplicates += 1 }
                if let d = result.sceneDigest, !sceneDigests.insert(d).inserted { report.nearDuplicates += 1 }
                if let index = result.index, let digest = result.objectDigest {
                    digests.append((index, result.twinNumber, sample.key, digest, result.answerDigests))
                }
            }
        }
        for (key, anchor, digest, file) in twins {
            if let d = anchors[anchor] {
                if d != digest {
                    report.defects.append(
                        Defect(key, "twins", "the anchor restored from this twin is not \(anchor)'s scene", file: file))
                }
            } else {
                report.defects.append(Defect(key, "twins", "its anchor \(anchor) is not in the dataset", file: file))
            }
        }
        // Image ids as the formats give them: with K twins per sample, `index * (1 + K) + k + 1`.
        let perIndex = 1 + (digests.map(\.twin).max() ?? 0)
        var objectDigests: [Int: (key: String, digest: UInt64)] = [:]
        var answerDigests: [String: [Int: (key: String, digest: UInt64)]] = [:]
        for d in digests {
            let id = DatasetIDs.image(index: UInt64(truncatingIfNeeded: d.index), twin: d.twin, perIndex: perIndex)
            objectDigests[id] = (d.key, d.objects)
            for (language, digest) in d.answers { answerDigests[language, default: [:]][id] = (d.key, digest) }
        }
        report.defects += FormatChecker.coco(directory: directory, objects: objectDigests)
        report.defects += FormatChecker.vqa(directory: directory, answers: answerDigests)
        if FileManager.default.fileExists(atPath: directory + "/annotations/instances.json") {
            report.checks.append("coco")
        }
        if FileManager.default.fileExists(atPath: directory + "/vqa") { report.checks.append("vqa") }
        report.defects.sort()
        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return report
    }

    static func objectDigest(_ objects: [(Int, Int, PixelBox)]) -> UInt64 {
        var words: [UInt8] = []
        for (id, area, box) in objects.sorted(by: { $0.0 < $1.0 }) {
            words += Array("\(id):\(area):\(box.x),\(box.y),\(box.width),\(box.height);".utf8)
        }
        return digest(words)
    }

    static func answerDigest(_ pairs: [(String, String)]) -> UInt64 {
        var words: [UInt8] = []
        for (q, a) in pairs { words += Array("\(q)\u{1F}\(a)\u{1E}".utf8) }
        return digest(words)
    }

    static func digest(_ bytes: [UInt8]) -> UInt64 { Digest64(bytes).value }
}

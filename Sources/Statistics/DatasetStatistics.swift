import DatasetWriters
import Describer
import Foundation
import ParallelWork
import SampleRecords
import SceneModel

/// What `scenewright stats` measures about a written dataset, read back from its files alone
/// (the records in the shards or `samples.jsonl`), so the numbers describe what a user will
/// train on, not what the generator meant to write.
///
/// Only counters are kept while the samples stream by in batches: memory grows with the
/// number of distinct values (question strings, words), never with the number of samples.
public struct DatasetStatistics: Sendable {
    /// Grid cells per side of the positions heat map.
    public static let heatBins = 32
    /// Answers listed per question family.
    public static let topAnswers = 5
    /// Unreadable and damaged samples listed by key in `stats.json`, each (the counts are
    /// always exact).
    public static let maxProblems = 200

    /// `webdataset` or `folder`: where the records were read from.
    public var source: String = ""
    public var samples = 0
    public var unreadable = 0
    public var problems: [String] = []
    /// Samples counted whose files are damaged (a bad image CRC, a missing image) and damaged
    /// files (a shard cut short): one message each, `<key> (<file>): <what>`.
    public var damaged = 0
    public var damage: [String] = []
    /// `<width>x<height>` per image.
    public var imageSizes = Tally()
    public var objectsPerImage = Histogram()
    public var shapes = Tally()
    public var colors = Tally()
    public var sizes = Tally()
    public var fills = Tally()
    /// Each color name's RGB as first met (bars of the colors chart are drawn in it).
    public var colorRGB: [String: RGB] = [:]
    /// Object centers per heat-map cell, `positions[row][column]`, each center placed by its
    /// fraction of its own image's width and height.
    public var positions = [[Int]](
        repeating: [Int](repeating: 0, count: DatasetStatistics.heatBins), count: DatasetStatistics.heatBins)
    public var languages: [String: LanguageStatistics] = [:]

    public init() {}

    /// The languages met, sorted.
    public var languageCodes: [String] { languages.keys.sorted { Array($0.utf8).lexicographicallyPrecedes($1.utf8) } }

    /// The most common image size, for the heat map's axes.
    public var typicalImageSize: (width: Int, height: Int) {
        guard let top = imageSizes.byCount.first?.key else { return (0, 0) }
        let parts = top.split(separator: "x").compactMap { Int($0) }
        return parts.count == 2 ? (parts[0], parts[1]) : (0, 0)
    }

    /// Counts one record.
    public mutating func add(_ r: SampleRecord) {
        samples += 1
        imageSizes.add("\(r.width)x\(r.height)")
        objectsPerImage.add(r.objects.count)
        let bins = Self.heatBins
        for o in r.objects {
            let s = o.object
            shapes.add(s.shape.rawValue)
            colors.add(s.color.name)
            if colorRGB[s.color.name] == nil { colorRGB[s.color.name] = s.color.rgb }
            sizes.add(s.size)
            fills.add(s.fill.rawValue)
            if r.width > 0, r.height > 0, s.center.x.isFinite, s.center.y.isFinite {
                let col = min(max(Int(s.center.x / Double(r.width) * Double(bins)), 0), bins - 1)
                let row = min(max(Int(s.center.y / Double(r.height) * Double(bins)), 0), bins - 1)
                positions[row][col] += 1
            }
        }
        let d = r.description
        let fit = r.index % 2 == 0
        for (language, c) in d.captions {
            languages[language, default: LanguageStatistics(code: language)].addCaptions(c)
        }
        for q in d.qa { languages[q.language, default: LanguageStatistics(code: q.language)].addQuestion(q, fit: fit) }
        for ref in d.refs {
            languages[ref.language, default: LanguageStatistics(code: ref.language)].addRef(ref.text)
        }
        for n in d.negatives {
            languages[n.language, default: LanguageStatistics(code: n.language)].addNegative(n.text, kind: n.kind)
        }
        for c in d.conversations {
            languages[c.language, default: LanguageStatistics(code: c.language)].conversations.add(c)
        }
    }

    /// Counts a sample that could not be read.
    public mutating func addUnreadable(_ message: String) {
        unreadable += 1
        if problems.count < Self.maxProblems { problems.append(message) }
    }

    /// Counts a damaged sample that was counted nonetheless, or a damaged file.
    public mutating func addDamaged(_ message: String) {
        damaged += 1
        if damage.count < Self.maxProblems { damage.append(message) }
    }

    /// Every defect found, unreadable or damaged.
    public var defects: Int { unreadable + damaged }

    /// Reads every sample of the dataset in `directory` and counts it. Records are parsed on
    /// `workers` threads per batch and counted in stored order.
    public static func compute(directory: String, workers: Int = 1, batch: Int = 512) throws -> DatasetStatistics {
        let reader: DatasetReader
        do { reader = try DatasetReader(directory: directory) } catch {
            throw StatisticsError("\(directory) \(error.message); run `scenewright generate --out \(directory)` first")
        }
        var stats = DatasetStatistics()
        switch reader.source {
        case .webdataset: stats.source = "webdataset"
        case .folder: stats.source = "folder"
        }
        try reader.forEachBatch(of: batch) { samples in
            let parsed = ParsedBatch.parse(samples, workers: workers)
            for item in parsed {
                switch item {
                case .success(let r, let damage):
                    stats.add(r)
                    if let damage { stats.addDamaged(damage) }
                case .failure(let message): stats.addUnreadable(message)
                case .damagedFile(let message): stats.addDamaged(message)
                }
            }
        }
        guard stats.samples > 0 else {
            throw StatisticsError(
                "\(directory): no readable sample (\(stats.unreadable) unreadable\(stats.problems.first.map { "; first: \($0)" } ?? ""))"
            )
        }
        return stats
    }
}

/// The per-language share of the statistics: text lengths, distinct strings, vocabulary,
/// answers per family and the blind baselines.
public struct LanguageStatistics: Sendable {
    public var code: String
    /// Samples with captions in this language.
    public var captions = 0
    public var shortLengths = Histogram()
    public var detailedLengths = Histogram()
    public var densePhrases = 0
    public var questions = 0
    public var questionLengths = Histogram()
    public var questionsPerFamily = Tally()
    public var answersPerFamily: [String: Tally] = [:]
    public var answers = Tally()
    public var answerTypes = Tally()
    public var refs = 0
    public var refLengths = Histogram()
    public var negatives = 0
    public var negativeKinds = Tally()
    public var baseline = ShortcutBaseline()
    /// Plans with a `conversations:` section only.
    public var conversations = ConversationStatistics()
    var shortSet = Set<UInt64>()
    var detailedSet = Set<UInt64>()
    var denseSet = Set<UInt64>()
    var questionSet = Set<UInt64>()
    var refSet = Set<UInt64>()
    var negativeSet = Set<UInt64>()
    var vocabulary = Set<String>()
    var captionVocabulary = Set<String>()
    var questionVocabulary = Set<String>()

    public init(code: String) { self.code = code }

    /// "words" or "characters": the unit of lengths and vocabulary.
    public var unit: String { TextMeasure.countsCharacters(code) ? "characters" : "words" }

    public var distinctShortCaptions: Int { shortSet.count }
    public var distinctDetailedCaptions: Int { detailedSet.count }
    public var distinctDensePhrases: Int { denseSet.count }
    public var distinctQuestions: Int { questionSet.count }
    public var distinctAnswers: Int { answers.distinct }
    public var distinctRefs: Int { refSet.count }
    public var distinctNegatives: Int { negativeSet.count }
    /// Distinct words (or characters) over captions, dense phrases, questions, answers,
    /// referring expressions and negatives.
    public var vocabularySize: Int { vocabulary.union(captionVocabulary).count }
    public var captionVocabularySize: Int { captionVocabulary.count }
    public var questionVocabularySize: Int { questionVocabulary.count }

    mutating func addCaptions(_ c: Captions) {
        captions += 1
        shortLengths.add(TextMeasure.length(c.short, language: code))
        detailedLengths.add(TextMeasure.length(c.detailed, language: code))
        shortSet.insert(digest(c.short))
        detailedSet.insert(digest(c.detailed))
        TextMeasure.tokens(c.short, language: code, into: &captionVocabulary)
        TextMeasure.tokens(c.detailed, language: code, into: &captionVocabulary)
        for d in c.dense {
            densePhrases += 1
            denseSet.insert(digest(d.text))
            TextMeasure.tokens(d.text, language: code, into: &captionVocabulary)
        }
    }

    mutating func addQuestion(_ q: QAItem, fit: Bool) {
        questions += 1
        questionLengths.add(TextMeasure.length(q.question, language: code))
        questionsPerFamily.add(q.family)
        answersPerFamily[q.family, default: Tally()].add(q.answer)
        answers.add(q.answer)
        answerTypes.add(q.answerType.rawValue)
        questionSet.insert(digest(q.question))
        TextMeasure.tokens(q.question, language: code, into: &questionVocabulary)
        TextMeasure.tokens(q.question, language: code, into: &vocabulary)
        TextMeasure.tokens(q.answer, language: code, into: &vocabulary)
        baseline.add(question: q.question, family: q.family, answer: q.answer, fit: fit)
    }

    mutating func addRef(_ text: String) {
        refs += 1
        refLengths.add(TextMeasure.length(text, language: code))
        refSet.insert(digest(text))
        TextMeasure.tokens(text, language: code, into: &vocabulary)
    }

    mutating func addNegative(_ text: String, kind: String) {
        negatives += 1
        negativeKinds.add(kind)
        negativeSet.insert(digest(text))
        TextMeasure.tokens(text, language: code, into: &vocabulary)
    }
}

/// A statistics failure, with what to do about it.
public struct StatisticsError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Parses a batch's records on several threads; results keep the batch's order.
enum ParsedBatch {
    enum Item: Sendable {
        /// A record, and what is wrong with the sample's files if anything.
        case success(SampleRecord, String?)
        case failure(String)
        /// No sample: a file that is damaged as a whole (a shard cut short).
        case damagedFile(String)
    }

    static func parse(_ sample: DatasetReader.Sample) -> Item {
        if sample.isFileProblem { return .damagedFile("\(sample.key): \(sample.problems.joined(separator: "; "))") }
        guard !sample.recordJSON.isEmpty else {
            let why = sample.problems.isEmpty ? "no record" : sample.problems.joined(separator: "; ")
            return .failure("\(sample.key) (\(sample.location)): \(why)")
        }
        do {
            let record = try SampleRecord(json: try JSONValue.parse(sample.recordJSON))
            let damage = sample.problems.isEmpty ? nil : sample.problems.joined(separator: "; ")
            return .success(record, damage.map { "\(sample.key) (\(sample.location)): \($0)" })
        } catch {
            return .failure("\(sample.key) (\(sample.location)): \(error)")
        }
    }

    static func parse(_ samples: [DatasetReader.Sample], workers: Int) -> [Item] {
        ParallelWork.map(count: samples.count, workers: workers) { parse(samples[$0]) }
    }
}

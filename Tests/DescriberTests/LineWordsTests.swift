import Foundation
import Pipeline
import ScenewrightTestSupport
import Testing

@testable import Describer
@testable import SceneSampler

/// Rows, columns and ordinals belong to layouts that place objects in lines (grid, row,
/// column): a reader of a scattered image cannot count "the fifth row". Every other shipped
/// plan says none of them, in any shipped language, in any caption, question, reference or
/// negative, and no program of theirs filters by row or column.
@Suite struct LineWordsTests {
    static let lineLayouts: [ScenePlan.LayoutKind] = [.grid, .row, .column]

    /// Shipped plans whose layout has no lines.
    static let scatteredPlans: [String] = {
        let dir = TestResources.home.appendingPathComponent("scenes").path
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".yaml") }
        return files.map { String($0.dropLast(".yaml".count)) }.sorted().filter { name in
            guard let plan = try? TestResources.plan(name) else { return true }  // a plan that fails is reported below
            // Chart plans draw no shapes; their text quotes the chart's own words (自行车).
            return !lineLayouts.contains(plan.layout) && plan.chart == nil
        }
    }()

    static let languages: [String] = {
        let dir = TestResources.home.appendingPathComponent("assets/lang").path
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".yaml") }
        return files.map { String($0.dropLast(".yaml".count)) }.sorted()
    }()

    /// Samples per plan (SCENEWRIGHT_LINE_WORD_SAMPLES changes it).
    static let samples = ProcessInfo.processInfo.environment["SCENEWRIGHT_LINE_WORD_SAMPLES"].flatMap { Int($0) } ?? 400

    /// The line words of a lexicon: its ordinals, row and column words, "from the left/top" and
    /// corner cells. Words in Latin letters match whole words (plurals too); others match
    /// anywhere in the text.
    static func lineWords(_ lexicon: Lexicon) -> (whole: [String], inside: [String]) {
        let l = lexicon.layout
        var words = l.ordinals + [l.row, l.column, l.fromLeft, l.fromTop] + l.corners.values.sorted()
        words = words.filter { !$0.isEmpty }
        let latin = words.filter { $0.unicodeScalars.allSatisfy { $0.isASCII } }
        return (latin.flatMap { [$0.lowercased(), $0.lowercased() + "s"] }, words.filter { !latin.contains($0) })
    }

    static func says(_ text: String, _ words: (whole: [String], inside: [String])) -> String? {
        // A quoted string is text written in the image (a sign's "银行"), not the describer's words.
        var text = text
        for (open, close) in [("“", "”"), ("\"", "\"")] {
            while let a = text.range(of: open), let b = text.range(of: close, range: a.upperBound..<text.endIndex) {
                text.removeSubrange(a.lowerBound..<b.upperBound)
            }
        }
        let lower = text.lowercased()
        let tokens = Set(lower.split { !($0.isLetter || $0 == "-") }.map(String.init))
        if let w = words.whole.first(where: { $0.contains(" ") ? lower.contains($0) : tokens.contains($0) }) {
            return w
        }
        return words.inside.first { text.contains($0) }
    }

    @Test func scatteredPlansAreFound() {
        for plan in ["shapes", "clevr2d", "counting", "cogent-a", "ring"] {
            #expect(Self.scatteredPlans.contains(plan), "\(Self.scatteredPlans)")
        }
        for plan in ["grid", "rows"] { #expect(!Self.scatteredPlans.contains(plan)) }
        #expect(Self.languages.contains("en") && Self.languages.contains("zh"))
    }

    @Test(arguments: scatteredPlans)
    func noLineWordsWithoutLines(_ name: String) throws {
        let lexicons = try Self.languages.map { try TestResources.lexicon($0) }
        let words = Dictionary(uniqueKeysWithValues: lexicons.map { ($0.code, Self.lineWords($0)) })
        let factory = try TestResources.factory(plan: name, seed: 43, languages: Self.languages)
        var said = [String: Int]()
        for index in 0..<UInt64(Self.samples) {
            let d = try factory.make(index: index).record.description
            var texts: [(String, String)] = []
            for (language, c) in d.captions {
                texts += [(language, c.short), (language, c.detailed)] + c.dense.map { (language, $0.text) }
            }
            texts += d.qa.map { ($0.language, $0.question) } + d.refs.map { ($0.language, $0.text) }
            texts += d.negatives.map { ($0.language, $0.text) }
            for (language, text) in texts {
                guard let w = words[language], let hit = Self.says(text, w) else { continue }
                said[language, default: 0] += 1
                Issue.record("\(name) index \(index) [\(language)] says '\(hit)': \(text)")
            }
            for q in d.qa {
                #expect(!q.family.hasPrefix("line_"), "\(name) index \(index): \(q.family)")
            }
            let programs = d.qa.map(\.program) + d.refs.map(\.program)
            for p in programs {
                #expect(
                    !p.nodes.contains { $0.function == .filterRow || $0.function == .filterColumn },
                    "\(name) index \(index): a program filters by line")
            }
        }
        #expect(said.isEmpty, "\(name): \(said)")
    }

    /// The check sees line words where they belong: a grid's references and questions say them.
    @Test func theCheckFindsLineWordsInAGrid() throws {
        let words = Self.lineWords(try TestResources.lexicon("en"))
        let factory = try TestResources.factory(plan: "grid", seed: 43, languages: ["en"])
        var hits = 0
        for index in 0..<UInt64(50) {
            let d = try factory.make(index: index).record.description
            hits += (d.qa.map(\.question) + d.refs.map(\.text)).filter { Self.says($0, words) != nil }.count
        }
        #expect(hits > 10)
    }
}

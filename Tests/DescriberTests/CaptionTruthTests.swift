import Foundation
import ScenewrightTestSupport
import Testing

@testable import Describer
@testable import SceneModel
@testable import SceneSampler

/// Captions checked back against the scene by an independent reading of the text: the test
/// knows English number words and the lexicon's words, nothing of how captions are built.
@Suite struct CaptionTruthTests {
    static let numberWords = [
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
        "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    ]

    struct Attributes: Hashable {
        var size: String?
        var fill: String?
        var color: String?
        var shape: String?
    }

    /// Reads "two large striped red circles" into a count and attributes.
    static func read(_ phrase: String, lexicon: Lexicon) -> (Int, Attributes)? {
        var words = phrase.split(separator: " ").map(String.init)
        guard let first = words.first, let count = numberWords[first] ?? Int(first) else { return nil }
        words.removeFirst()
        var a = Attributes()
        var rest = words.joined(separator: " ")
        func take(_ table: [String: String]) -> String? {
            for (key, word) in table.sorted(by: { $0.value.count > $1.value.count }) where rest.hasPrefix(word + " ") {
                rest.removeFirst(word.count + 1)
                return key
            }
            return nil
        }
        a.size = take(lexicon.sizes)
        a.fill = take(Dictionary(uniqueKeysWithValues: lexicon.fills.map { ($0.key.rawValue, $0.value) }))
        a.color = take(lexicon.colors)
        for (kind, noun) in lexicon.shapes where rest == noun.one || rest == noun.many {
            a.shape = kind.rawValue
            let plural = rest == noun.many && noun.many != noun.one
            if plural != (count > 1) { return nil }
        }
        if a.shape == nil, rest == "shape" || rest == "shapes" { return (count, a) }
        return a.shape == nil ? nil : (count, a)
    }

    static func groups(_ list: String) -> [String] {
        list.replacingOccurrences(of: " and ", with: ", ").components(separatedBy: ", ")
    }

    @Test func detailedCaptionNamesEveryObjectExactly() throws {
        let factory = try TestResources.factory(seed: 21)
        let lexicon = try TestResources.lexicon()
        for index in UInt64(0)..<400 {
            let s = try factory.make(index: index)
            let scene = s.rendered.scene
            let detailed = s.record.description.captions[0].captions.detailed
            let afterColon = try #require(detailed.split(separator: ":", maxSplits: 1).last, "index \(index)")
            // The object list ends at the first full stop; a relation sentence may follow.
            let list = String(afterColon.split(separator: ".", maxSplits: 1).first ?? "")
                .trimmingCharacters(in: CharacterSet(charactersIn: " ."))
            var said: [Attributes: Int] = [:]
            for phrase in Self.groups(list) {
                let parsed = try #require(
                    Self.read(phrase, lexicon: lexicon), "index \(index): cannot read '\(phrase)' in '\(detailed)'")
                said[parsed.1, default: 0] += parsed.0
            }
            var truth: [Attributes: Int] = [:]
            for o in scene.objects {
                truth[
                    Attributes(size: o.size, fill: o.fill.rawValue, color: o.color.name, shape: o.shape.rawValue),
                    default: 0] += 1
            }
            #expect(said == truth, "index \(index): '\(detailed)'")
            let total = scene.objects.count
            #expect(
                detailed.lowercased().contains(lexicon.nounPhrase(count: total, PhraseParts())),
                "index \(index): count of shapes")
        }
    }

    @Test func shortCaptionNamesOnlyWhatIsThere() throws {
        let factory = try TestResources.factory(seed: 22)
        let lexicon = try TestResources.lexicon()
        var templatesSeen = Set<String>()
        for index in UInt64(0)..<400 {
            let s = try factory.make(index: index)
            let scene = s.rendered.scene
            let short = s.record.description.captions[0].captions.short
            templatesSeen.insert(String(short.prefix(12)))
            let bgWord = lexicon.backgrounds[scene.background.name] ?? ""
            // The background's name ("light gray") is not an object's color.
            let text =
                " "
                + short.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
                .replacingOccurrences(of: "\(bgWord) background", with: "background") + " "
            for (name, word) in lexicon.colors where text.contains(" \(word) ") {
                #expect(scene.objects.contains { $0.color.name == name }, "index \(index): '\(short)' names \(name)")
            }
            for (kind, noun) in lexicon.shapes
            where text.contains(" \(noun.one) ") || text.contains(" \(noun.many) ") || text.contains(" \(noun.many),") {
                #expect(scene.objects.contains { $0.shape == kind }, "index \(index): '\(short)' names \(kind)")
            }
            let bg = lexicon.backgrounds[scene.background.name] ?? ""
            #expect(short.lowercased().contains("\(bg) background") || !short.contains("background"), "index \(index)")
        }
        #expect(templatesSeen.count >= 4, "several templates are used")
    }

    /// The "groups" templates state exact counts per color and shape.
    @Test func groupCountsAreExact() throws {
        let lexicon = try TestResources.lexicon()
        let plan = try TestResources.plan()
        let sampler = Sampler(plan: plan, seed: 4)
        for index in UInt64(0)..<200 {
            let s = try sampler.sample(index: index)
            // Render the slot alone through a one-slot template.
            var lex = lexicon
            lex.shortTemplates = [
                try Template("{groups}", slots: Lexicon.captionSlots)
            ]
            var rng = Xoshiro256(seed: index)
            let facts = SceneFacts(scene: s.scene, measurements: s.rendered.measurements, relations: plan.relations)
            let captionPlan = CaptionPlan(facts, rng: &rng)
            let groups = Captioner(lexicon: lex).captions(
                captionPlan, scene: s.scene, measurements: s.rendered.measurements,
                choice: Captioner.Choice(short: 0, detailed: 0, statement: 0)
            ).short
            var said: [String: Int] = [:]
            for phrase in Self.groups(groups.lowercased()) {
                let parsed = try #require(Self.read(phrase, lexicon: lexicon), "'\(phrase)'")
                said["\(parsed.1.color ?? "?") \(parsed.1.shape ?? "?")", default: 0] += parsed.0
            }
            var truth: [String: Int] = [:]
            for o in s.scene.objects { truth["\(o.color.name) \(o.shape.rawValue)", default: 0] += 1 }
            #expect(said == truth, "index \(index): '\(groups)'")
        }
    }
}

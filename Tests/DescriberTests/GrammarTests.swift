import ScenewrightTestSupport
import Testing

@testable import Describer
@testable import SceneModel

@Suite struct GrammarTests {
    @Test func englishArticlesAndPlurals() throws {
        let en = try TestResources.lexicon()
        #expect(en.nounPhrase(count: 1, PhraseParts(color: "orange", shape: .circle)) == "an orange circle")
        #expect(en.nounPhrase(count: 1, PhraseParts(fill: .outline, shape: .square)) == "an outlined square")
        #expect(en.nounPhrase(count: 1, PhraseParts(shape: .ellipse)) == "an ellipse")
        #expect(en.nounPhrase(count: 1, PhraseParts(color: "red", shape: .ellipse)) == "a red ellipse")
        #expect(
            en.nounPhrase(count: 3, PhraseParts(size: "large", fill: .striped, color: "red", shape: .cross))
                == "three large striped red crosses")
        #expect(en.nounPhrase(count: 1, PhraseParts()) == "a shape")
        #expect(en.nounPhrase(count: 14, PhraseParts()) == "14 shapes")
        #expect(en.indefiniteArticle(for: "one-eyed cat") == "a")
        #expect(en.joinList(["a", "b", "c"]) == "a, b and c")
        #expect(en.joinList(["a", "b"]) == "a and b")
    }

    /// No "1 circles", "one circles", "a apple" or "an red" anywhere in generated captions.
    @Test func generatedCaptionsAreGrammatical() throws {
        let factory = try TestResources.factory(seed: 5)
        let en = try TestResources.lexicon()
        let plurals = Set(en.shapes.values.map(\.many) + [en.shapeNoun.many])
        let singulars = Set(en.shapes.values.map(\.one) + [en.shapeNoun.one])
        for index in UInt64(0)..<300 {
            let c = try factory.make(index: index).record.description.captions[0].captions
            for text in [c.short, c.detailed] + c.dense.map(\.text) {
                let words = text.lowercased().split(whereSeparator: { " ,.:".contains($0) }).map(String.init)
                for (w, next) in zip(words, words.dropFirst()) {
                    if w == "a" { #expect(!"aeiou".contains(next.first ?? "x"), "index \(index): '\(text)'") }
                    if w == "an" { #expect("aeiou".contains(next.first ?? "x"), "index \(index): '\(text)'") }
                }
                // Each shape noun agrees with the nearest count before it: "a"/"an"/"one" with
                // a singular, a larger number with a plural.
                let counts = [
                    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                    "eight": 8,
                ]
                for (i, w) in words.enumerated() where singulars.contains(w) || plurals.contains(w) {
                    let before = words[max(0, i - 4)..<i].reversed()
                    guard let determiner = before.first(where: { counts[$0] != nil || Int($0) != nil }) else {
                        continue
                    }
                    let n = counts[determiner] ?? Int(determiner) ?? 0
                    #expect((n == 1) == singulars.contains(w), "index \(index): '\(determiner) ... \(w)' in '\(text)'")
                }
                #expect(
                    text.first?.isUppercase == true || c.dense.map(\.text).contains(text),
                    "captions start with a capital")
            }
        }
    }
}

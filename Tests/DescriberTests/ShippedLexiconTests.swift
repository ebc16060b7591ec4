import DatasetWriters
import Describer
import Foundation
import Pipeline
import ScenewrightTestSupport
import Testing

/// Every lexicon in assets/lang loads, names every color, background and size of every shipped
/// plan, and says a few samples of the default plan: a new or edited lexicon fails here, not in
/// the first run that uses it.
@Suite struct ShippedLexiconTests {
    static let codes: [String] = {
        let folder = TestResources.home.appendingPathComponent("assets/lang")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }()

    static let plans: [String] = {
        let folder = TestResources.home.appendingPathComponent("scenes")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }()

    @Test func theShippedLexiconsAreFound() {
        #expect(Self.codes.contains("en") && Self.codes.contains("zh"))
        #expect(Self.plans.contains("shapes"))
    }

    @Test(arguments: codes) func lexiconCoversEveryShippedPlanAndSpeaks(code: String) throws {
        let lexicon = try TestResources.lexicon(code)
        #expect(lexicon.code == code)
        for name in Self.plans {
            try lexicon.check(covers: try TestResources.plan(name))
        }
        let factory = try TestResources.factory(plan: "shapes", seed: 3, languages: [code])
        for index in UInt64(0)..<5 {
            let record = try factory.output(index: index, needs: .description).record
            let captions = try #require(record.description.captions.first { $0.language == code }?.captions)
            #expect(!captions.short.isEmpty && !captions.detailed.isEmpty)
        }
    }
}

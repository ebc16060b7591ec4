import Foundation
import PlanFiles
import SceneSampler
import ScenewrightTestSupport
import Testing

/// `YAMLTree` writes a plan back (what `generate --focus` does): every shipped plan, read,
/// written and read again, is the same plan.
@Suite struct YAMLTreeTests {
    @Test func everyShippedPlanRoundTrips() throws {
        let home = TestResources.home
        let urls = ResourceLocator.shippedPlans(home: home)
        #expect(urls.count >= 14)
        for url in urls {
            let original = try ScenePlan.load(contentsOf: url, home: home, displayName: "p.yaml")
            let merged = try ScenePlan.applyingLevel(try YAMLValue.load(contentsOf: url), home: home).root
            let text = try YAMLTree(merged).text
            let again = try ScenePlan.parse(try YAMLValue.parse(text, file: "p.yaml"), home: home)
            #expect(Self.unplaced(again) == Self.unplaced(original), "\(url.lastPathComponent):\n\(text)")
        }
    }

    /// The plan without the file positions its text entries keep for messages.
    static func unplaced(_ plan: ScenePlan) -> ScenePlan {
        var p = plan
        func strip(_ entries: [TextSettings.Entry]?) -> [TextSettings.Entry]? {
            entries?.map {
                var e = $0
                e.line = nil
                e.column = nil
                return e
            }
        }
        p.text.families = strip(p.text.families)
        p.text.difficulty = strip(p.text.difficulty)
        p.text.txt = strip(p.text.txt)
        return p
    }

    @Test func scalarsAreQuotedWhenYAMLWouldReadThemOtherwise() throws {
        let tree = YAMLTree.mapping([
            .init("plain", .scalar("light gray")), .init("colon", .scalar("a: b")), .init("hash", .scalar("x #y")),
            .init("dash", .scalar("- z")), .init("negative", .scalar("-20")),
            .init("quoted", .scalar("16", quoted: true)),
            .init("list", .list([.scalar("a"), .scalar("[b]")])),
            .init(
                "items",
                .list([
                    .mapping([
                        .init("when", .mapping([.init("shape", .scalar("circle"))])), .init("color", .scalar("red")),
                    ])
                ])),
            .init("number", .number(0.73333333)), .init("whole", .number(4)),
        ])
        let text = tree.text
        #expect(
            text.contains("plain: light gray\n") && text.contains("colon: \"a: b\"\n")
                && text.contains("negative: -20\n"))
        #expect(text.contains("number: 0.7333\n") && text.contains("whole: 4\n") && text.contains("quoted: \"16\"\n"))
        // Read back, the same text (what needed quotes is now marked quoted).
        let back = try YAMLTree(try YAMLValue.parse(text, file: "t.yaml"))
        #expect(back.text == text, "\(text)")
        #expect(back["items"] == tree["items"] && back["negative"] == tree["negative"])
    }
}

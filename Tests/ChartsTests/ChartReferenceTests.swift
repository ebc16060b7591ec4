import Foundation
import Pipeline
import SampleRecords
import ScenewrightTestSupport
import Testing

/// Every referring expression of the shipped chart plans (data marks, legend entries, the
/// title, axis labels and tick labels) re-run by ``IndependentChartReferences`` from the
/// record's JSON: its program must name exactly the `object` and `bbox` the reference states,
/// and every kind of reference over every kind of chart must occur.
/// `SCENEWRIGHT_BALANCE_SAMPLES` sets the samples per plan (300 by default).
struct ChartReferenceTests {
    @Test(arguments: ["charts", "charts-lines"])
    func everyReferenceNamesItsReferent(plan: String) throws {
        let samples = UInt64(ProcessInfo.processInfo.environment["SCENEWRIGHT_BALANCE_SAMPLES"] ?? "") ?? 300
        let factory = try TestResources.factory(plan: plan, seed: 35)
        var wrong: [String] = []
        var byKind: [String: Int] = [:]
        var chartKinds: Set<String> = []
        for index in UInt64(0)..<samples {
            let json = try JSONValue.parse(try factory.make(index: index).record.jsonBytes)
            let resolver = try #require(IndependentChartReferences(record: json))
            chartKinds.insert(resolver.kind)
            for r in json["refs"]?.arrayValue ?? [] {
                guard let program = r["program"], let object = r["object"]?.intValue,
                    let bbox = r["bbox"]?.arrayValue?.compactMap(\.intValue)
                else {
                    wrong.append("\(plan) \(index): a reference without program, object or bbox")
                    continue
                }
                let got = resolver.referent(program)
                if got != IndependentChartReferences.Referent(object: object, bbox: bbox), wrong.count < 5 {
                    wrong.append(
                        "\(plan) \(index) \"\(r["text"]?.stringValue ?? "")\": stated \(object) \(bbox), program names \(got.map { "\($0.object) \($0.bbox)" } ?? "nothing")"
                    )
                }
                if r["lang"]?.stringValue == "en" { byKind[Self.kind(program), default: 0] += 1 }
            }
        }
        #expect(wrong.isEmpty, "\(wrong)")
        print(
            "\(plan): references by kind over \(samples) samples: "
                + byKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        // Every kind of reference occurs; tick labels only on charts with axes, legends only with
        // a legend, axis labels only where the plan draws them.
        for k in ["mark", "legend_entry", "title", "axis_label", "tick_label"] {
            #expect(byKind[k, default: 0] > 0, "\(plan): no \(k) reference in \(samples) samples")
        }
        if plan == "charts" {
            #expect(chartKinds == ["vertical_bar", "horizontal_bar", "line", "pie", "scatter"])
        }
    }

    /// The kind of a reference from its program: a data mark, a legend entry, or the role its
    /// chart text is filtered by.
    static func kind(_ program: JSONValue) -> String {
        let nodes = program.arrayValue ?? []
        if nodes.first?["type"]?.stringValue == "chart_points" { return "mark" }
        if nodes.first?["type"]?.stringValue == "legend_entry" { return "legend_entry" }
        let role = nodes.first { $0["type"]?.stringValue == "filter_text_role" }
        return role?["value_inputs"]?.arrayValue?.first?.stringValue ?? "other"
    }
}

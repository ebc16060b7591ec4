import DatasetWriters
import Foundation
import Pipeline
import SampleRecords
import ScenewrightTestSupport
import Testing

@testable import Describer
@testable import SceneModel

/// Counterfactual twins checked from their records by the tests' independent executor: every
/// statement a twin's record says the edit flips (questions, references, caption clauses) is true
/// of the anchor and false of the twin,
/// no anchor question or reference whose truth changes is left out, and pixels change only
/// inside the edited objects' regions.
@Suite struct TwinTests {
    static let anchors = 150

    static func samples() throws -> [[GeneratedSample]] {
        var factory = try TestResources.factory(seed: 41)
        factory.twins = 4
        return try (0..<UInt64(anchors)).map { try factory.makeWithTwins(index: $0) }
    }

    static func json(_ s: GeneratedSample) throws -> JSONValue { try JSONValue.parse(s.record.jsonBytes) }

    @Test func flippedStatementsAreTrueOfTheAnchorAndFalseOfTheTwin() throws {
        var flips = 0
        var kinds = Set<String>()
        for group in try Self.samples() {
            #expect(group.count == 5)
            let anchor = try Self.json(group[0])
            #expect(anchor["twin"] == .null)
            let anchorRun = IndependentExecutor(record: anchor)
            for (k, sample) in group.dropFirst().enumerated() {
                let twin = try Self.json(sample)
                let key = twin["key"]?.stringValue ?? "?"
                #expect(key == "\(anchor["key"]?.stringValue ?? "")-t\(k + 1)")
                let link = try #require(sample.record.twin)
                kinds.insert(link.edit.kind.rawValue)
                let twinRun = IndependentExecutor(record: twin)
                var listed = Set<String>()
                for f in twin["twin"]?["flips"]?.arrayValue ?? [] {
                    flips += 1
                    let list = f["list"]?.stringValue ?? ""
                    let item = f["item"]?.intValue ?? -1
                    listed.insert("\(list)\(item)")
                    let program = f["program"] ?? .null
                    if list == "qa" || list == "captions" {
                        let language = f["lang"]?.stringValue ?? ""
                        let before = anchorRun.run(program).flatMap { LanguageEngineTests.said($0, language) }
                        let after = twinRun.run(program).flatMap { LanguageEngineTests.said($0, language) }
                        #expect(before == f["anchor"]?.stringValue, "\(key): \(f)")
                        #expect(after != before, "\(key): \(f["text"]?.stringValue ?? "") is not flipped")
                    } else {
                        let object = Int(f["anchor"]?.stringValue ?? "") ?? -1
                        #expect(anchorRun.run(program) == .object(object), "\(key): \(f)")
                        if let moved = link.edit.twinID(object) {
                            #expect(
                                twinRun.run(program) != .object(moved),
                                "\(key): \(f["text"]?.stringValue ?? "") still holds")
                        }
                    }
                }
                // Nothing left out: every anchor question whose answer the twin changes is listed,
                // unless the twin leaves it undecided (within the engine's margins).
                let facts = SceneFacts(
                    scene: sample.rendered.scene, measurements: sample.rendered.measurements,
                    relations: Relations(margin: 8))
                for (i, q) in (anchor["qa"]?.arrayValue ?? []).enumerated() {
                    if ProgramExecutor.outcome(group[0].record.description.qa[i].program, on: facts) == .undecided {
                        continue
                    }
                    let language = q["lang"]?.stringValue ?? ""
                    let after = twinRun.run(q["program"] ?? .null).flatMap { LanguageEngineTests.said($0, language) }
                    if after != q["answer"]?.stringValue {
                        #expect(listed.contains("qa\(i)"), "\(key): qa[\(i)] flips but is not listed")
                    }
                }
            }
        }
        #expect(flips > Self.anchors * 4)
        #expect(kinds == Set(TwinEdit.Kind.allCases.map(\.rawValue)), "\(kinds)")
    }

    @Test func pixelsChangeOnlyInsideTheEditedObjectsRegions() throws {
        for group in try Self.samples() {
            let anchor = group[0]
            let a = anchor.rendered.canvas.rgb
            for twin in group.dropFirst() {
                let link = try #require(twin.record.twin)
                // The edited objects' whole extents in both scenes, one pixel wider (antialiased
                // edges below half coverage lie outside the measured boxes).
                var boxes: [PixelBox] = []
                func add(_ e: Rect) {
                    let x = Int(e.minX.rounded(.down)) - 1
                    let y = Int(e.minY.rounded(.down)) - 1
                    boxes.append(
                        PixelBox(
                            x: x, y: y, width: Int(e.maxX.rounded(.up)) + 1 - x,
                            height: Int(e.maxY.rounded(.up)) + 1 - y))
                }
                for id in link.edit.objects {
                    if let o = anchor.record.objects.first(where: { $0.object.id == id }) { add(o.object.extent) }
                    if let t = link.edit.twinID(id), let o = twin.record.objects.first(where: { $0.object.id == t }) {
                        add(o.object.extent)
                    }
                }
                let b = twin.rendered.canvas.rgb
                let w = anchor.record.width
                var changed = 0
                for p in 0..<(a.count / 3)
                where a[3 * p] != b[3 * p] || a[3 * p + 1] != b[3 * p + 1] || a[3 * p + 2] != b[3 * p + 2] {
                    changed += 1
                    let (x, y) = (p % w, p / w)
                    let inside = boxes.contains {
                        x >= $0.x && x < $0.x + $0.width && y >= $0.y && y < $0.y + $0.height
                    }
                    #expect(inside, "\(twin.record.key): pixel \(x),\(y) changed outside the edit (\(link.edit.kind))")
                    if !inside { break }
                }
                #expect(changed > 0, "\(twin.record.key): the edit changes nothing")
                // Every object the edit does not touch keeps its attributes and place.
                for o in anchor.record.objects where !link.edit.objects.contains(o.object.id) {
                    let t = try #require(link.edit.twinID(o.object.id))
                    let same = twin.record.objects.first { $0.object.id == t }?.object
                    #expect(
                        same?.with(id: o.object.id) == o.object, "\(twin.record.key): object \(o.object.id) changed")
                }
            }
        }
    }

    @Test func twinsAreDeterministic() throws {
        var factory = try TestResources.factory(seed: 41)
        factory.twins = 3
        for i: UInt64 in [0, 7, 19] {
            let a = try factory.makeWithTwins(index: i).map { $0.record.jsonBytes }
            let b = try factory.makeWithTwins(index: i).map { $0.record.jsonBytes }
            #expect(a == b)
            // The anchor is the sample a run without twins makes, but for the twin field.
            var plain = try factory.make(index: i).record
            plain.inTwinRun = true
            #expect(plain.jsonBytes == a[0])
        }
    }
}

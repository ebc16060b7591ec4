import Foundation
import SampleRecords
import ScenewrightTestSupport
import Testing

@testable import DatasetWriters
@testable import PNGCodec
@testable import Pipeline

@Suite struct DeterminismTests {
    @Test func sameIndexGivesIdenticalBytes() throws {
        let a = try TestResources.factory(seed: 7)
        let b = try TestResources.factory(seed: 7)
        for index: UInt64 in [0, 1, 999, 81234] {
            let x = try a.make(index: index)
            let y = try b.make(index: index)
            #expect(x.png == y.png, "index \(index)")
            #expect(x.record.jsonBytes == y.record.jsonBytes, "index \(index)")
        }
    }

    @Test func workerCountDoesNotChangeSamples() throws {
        let f = try TestResources.factory(seed: 9)
        let one = try Generation.makeBatch(factory: f, indices: 100..<164, workers: 1)
        let four = try Generation.makeBatch(factory: f, indices: 100..<164, workers: 4)
        #expect(one.map(\.png) == four.map(\.png))
        #expect(one.map { $0.record.jsonBytes } == four.map { $0.record.jsonBytes })
    }

    /// The image decodes through libpng to exactly the rasterized pixels, and the record alone
    /// redraws them.
    @Test func recordRedrawsTheImagePixelForPixel() throws {
        let f = try TestResources.factory(seed: 13)
        for index in UInt64(0)..<40 {
            let s = try f.make(index: index)
            let decoded = try PNGDecoder.decode(s.png)
            #expect(decoded.rgb == s.rendered.canvas.rgb)
            let reread = try SampleRecord(json: try JSONValue.parse(s.record.jsonBytes))
            #expect(reread.scene == s.rendered.scene, "index \(index)")
            #expect(reread == s.record, "index \(index)")
        }
    }
}

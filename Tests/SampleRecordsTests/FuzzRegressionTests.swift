import Foundation
import Testing

@testable import SampleRecords

/// Inputs the record fuzzer (Tests/Fuzz/record) once crashed on: each must now be refused with
/// an error, not a trap.
@Suite struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/record/regressions")

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }
            .sorted()
    }

    @Test(arguments: inputs) func refusedWithAnError(_ name: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(name)))
        #expect(throws: (any Error).self) { try SampleRecord(json: try JSONValue.parse(bytes)) }
    }

    @Test func highSurrogateNeedsALowOne() {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(#""\ud800\u0000""#.utf8)) }
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(#""\udbff\ud800""#.utf8)) }
    }
}

import Foundation
import Testing

@testable import PNGCodec

/// Inputs the PNG fuzzer (Tests/Fuzz/png) once found a fault with: each must now be refused
/// with an error, quickly and without a large allocation.
@Suite struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/png/regressions")

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }
            .sorted()
    }

    @Test(arguments: inputs) func refusedWithAnError(_ name: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(name)))
        #expect(throws: PNGError.self) { try PNGDecoder.decode(bytes) }
    }

    /// A 189-byte file whose sPLT chunk states 1.1 GB: libpng allocated and filled that much
    /// before finding the data missing. The chunk is now skipped unread.
    @Test func hugeAncillaryChunkIsNotAllocated() throws {
        let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent("splt-length-1gb.png")))
        let clock = ContinuousClock()
        let took = clock.measure { _ = try? PNGDecoder.decode(bytes) }
        #expect(took < .milliseconds(500))
    }
}

import FuzzDriver
import PNGCodec

/// PNG bytes -> 8-bit RGB through libpng (what verify, stats and browse do with each image):
/// an image of the size it states, or a PNGError; never a trap. libpng itself is not
/// instrumented, and it refuses a critical chunk whose CRC is wrong, so inputs of odd size get
/// their chunk CRCs repaired first: mutations then reach the chunk handlers and inflate. Inputs
/// of even size are decoded as they are (the CRC checks themselves).
@main
enum PNGHarness {
    static func main() {
        runLibFuzzer { data, size in
            var bytes = fuzzBytes(data, size)
            if size % 2 == 1 { PNGHarness.repairCRCs(&bytes) }
            do throws(PNGError) {
                let image = try PNGDecoder.decode(bytes)
                precondition(image.rgb.count == image.width * image.height * 3)
            } catch {
                _ = error.description
            }
            return 0
        }
    }

    /// Rewrites the CRC of every whole chunk after the 8-byte signature.
    static func repairCRCs(_ bytes: inout [UInt8]) {
        var at = 8
        while at + 12 <= bytes.count {
            let length = bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) }
            let end = at + 8 + length
            guard length <= bytes.count, end + 4 <= bytes.count else { return }
            let crc = CRC32(bytes[(at + 4)..<end]).value
            for i in 0..<4 { bytes[end + i] = UInt8(truncatingIfNeeded: crc >> (24 - 8 * i)) }
            at = end + 4
        }
    }
}

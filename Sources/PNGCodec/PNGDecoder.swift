import CPNGShim

/// A decoded PNG, expanded to 8-bit RGB whatever the file stored.
public struct DecodedPNG: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// Row-major RGB, `width * height * 3` bytes.
    public var rgb: [UInt8]
    /// The file's color type: rgb, grayscale or palette (alpha variants map to rgb / grayscale).
    public var fileColorType: PNGOptions.ColorType
    public var bitDepth: Int
}

/// Decodes PNG bytes through libpng (used by tests and the verifier).
public enum PNGDecoder {
    public static func decode(_ bytes: [UInt8]) throws(PNGError) -> DecodedPNG {
        var image = swpng_image(width: 0, height: 0, color_type: 0, bit_depth: 0, rgb: nil)
        var message = [CChar](repeating: 0, count: 512)
        let status = bytes.withUnsafeBufferPointer { b in
            swpng_decode(b.baseAddress, b.count, &image, &message, message.count)
        }
        defer { swpng_free(image.rgb) }
        guard status == 0, let pixels = image.rgb else {
            throw .libpng(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        let count = Int(image.width) * Int(image.height) * 3
        let type: PNGOptions.ColorType =
            switch image.color_type {
            case 0, 4: .grayscale
            case 3: .palette
            default: .rgb
            }
        return DecodedPNG(
            width: Int(image.width), height: Int(image.height),
            rgb: PNGLibrary.copy(pixels, count: count), fileColorType: type,
            bitDepth: Int(image.bit_depth))
    }
}

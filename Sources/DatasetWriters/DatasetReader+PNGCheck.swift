import PNGCodec

extension DatasetReader {
    /// What is wrong with the chunk structure of a PNG file, or nil: the signature, each chunk's
    /// length within the file and its CRC-32, and an IEND chunk at the end. Costs one CRC pass,
    /// a fraction of decoding, so `stats` and `browse`, which do not decode images, still find
    /// a damaged or cut-short image; `verify` decodes it as well.
    public static func pngProblem(_ png: [UInt8]) -> String? {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard png.count >= 8, png[0..<8].elementsEqual(signature) else { return "is not a PNG file (no signature)" }
        var offset = 8
        while offset < png.count {
            guard offset + 12 <= png.count else { return "ends inside a chunk header at byte \(offset)" }
            let length = png[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self)
            guard length <= png.count - offset - 12 else {
                return "chunk \(type) at byte \(offset) declares \(length) bytes; the file ends first"
            }
            let end = offset + 8 + length
            let stored = png[end..<(end + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            guard CRC32(png[(offset + 4)..<end]).value == stored else {
                return "chunk \(type) at byte \(offset) fails its CRC-32"
            }
            if type == "IEND" { return end + 4 == png.count ? nil : "has bytes after its IEND chunk" }
            offset = end + 4
        }
        return "ends without an IEND chunk"
    }
}

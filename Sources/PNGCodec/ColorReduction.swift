/// Conversions of RGB pixels to the smaller PNG color types.
enum ColorReduction {
    /// Integer BT.601 luma, rounded: (299 R + 587 G + 114 B + 500) / 1000. Exact for gray pixels.
    static func luma(_ rgb: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let n = rgb.count / 3
        return [UInt8](unsafeUninitializedCapacity: n) { out, initialized in
            for i in 0..<n {
                let r = Int(rgb[3 * i])
                let g = Int(rgb[3 * i + 1])
                let b = Int(rgb[3 * i + 2])
                out[i] = UInt8((299 * r + 587 * g + 114 * b + 500) / 1000)
            }
            initialized = n
        }
    }

    /// Palette indices and the palette (RGB triples, in order of first appearance, so bytes
    /// are deterministic), or nil when the image has more than 256 colors.
    static func palette(_ rgb: UnsafeBufferPointer<UInt8>) -> (indices: [UInt8], palette: [UInt8])? {
        // Open addressing over 24-bit colors; 1024 slots keep probes short for 256 entries.
        var keys = [UInt32](repeating: UInt32.max, count: 1024)
        var values = [UInt8](repeating: 0, count: 1024)
        var palette: [UInt8] = []
        let n = rgb.count / 3
        var indices = [UInt8](repeating: 0, count: n)
        var lastKey = UInt32.max
        var lastIndex: UInt8 = 0
        for i in 0..<n {
            let key = UInt32(rgb[3 * i]) << 16 | UInt32(rgb[3 * i + 1]) << 8 | UInt32(rgb[3 * i + 2])
            if key == lastKey {
                indices[i] = lastIndex
                continue
            }
            var slot = Int((key &* 2_654_435_761) >> 22) & 1023
            while keys[slot] != UInt32.max && keys[slot] != key { slot = (slot + 1) & 1023 }
            if keys[slot] == UInt32.max {
                if palette.count == 256 * 3 { return nil }
                keys[slot] = key
                values[slot] = UInt8(palette.count / 3)
                palette.append(contentsOf: [rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]])
            }
            lastKey = key
            lastIndex = values[slot]
            indices[i] = lastIndex
        }
        return (indices, palette)
    }
}

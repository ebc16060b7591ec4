import CPNGShim

/// Versions of the C libraries in use, recorded in every run's metadata: another zlib build
/// may compress the same pixels to different bytes.
public enum PNGLibrary {
    public static let libpngVersion = String(cString: swpng_libpng_version())
    public static let zlibVersion = String(cString: swpng_zlib_version())
}

extension PNGLibrary {
    /// Bytes the C side allocated, copied into an array in one block (the sequence
    /// initializer copied byte by byte: a decoded image is 196 KB).
    static func copy(_ source: UnsafePointer<UInt8>, count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0, let target = buffer.baseAddress { target.update(from: source, count: count) }
            initialized = count
        }
    }
}

import CPNGShim

/// Versions of the C libraries in use, recorded in every run's metadata: another zlib build
/// may compress the same pixels to different bytes.
public enum PNGLibrary {
    public static let libpngVersion = String(cString: swpng_libpng_version())
    public static let zlibVersion = String(cString: swpng_zlib_version())
}

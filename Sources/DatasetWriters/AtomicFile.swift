import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// File primitives of the writers. Plain POSIX calls: one `open`/`write`/`close` per file is
/// the cheapest way to put many small images on disk.
public enum AtomicFile {
    /// Writes `bytes` under a temporary name in the same folder, then renames it into place, so
    /// a reader never sees a partial file at `path`. With `sync`, the data reaches the disk
    /// before the rename (for completion markers).
    public static func write(_ bytes: [UInt8], to path: String, sync: Bool = false) throws(WriteError) {
        let temporary = path + ".tmp-\(getpid())"
        try writeFile(bytes, to: temporary, sync: sync)
        guard rename(temporary, path) == 0 else {
            let reason = systemMessage()
            unlink(temporary)
            throw WriteError(path: path, message: reason)
        }
    }

    /// Creates or truncates `path` and writes `bytes` (not atomic: for files inside a staging
    /// folder that is renamed as a whole).
    public static func writeFile(_ bytes: [UInt8], to path: String, sync: Bool = false) throws(WriteError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, message: systemMessage()) }
        var failure = writeAll(bytes, to: fd)
        if failure == nil, sync, fsync(fd) != 0 { failure = systemMessage() }
        if close(fd) != 0, failure == nil { failure = systemMessage() }
        if let failure {
            unlink(path)
            throw WriteError(path: path, message: failure)
        }
    }

    /// Creates a folder and its parents.
    public static func makeDirectory(_ path: String) throws(WriteError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: path, message: (error as NSError).localizedFailureReason ?? "\(error)")
        }
    }

    /// Removes a file or folder tree if present.
    public static func remove(_ path: String) throws(WriteError) {
        guard FileManager.default.fileExists(atPath: path) else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw WriteError(path: path, message: "\(error)")
        }
    }

    /// Renames, replacing nothing: the destination must not exist.
    public static func move(_ from: String, to: String) throws(WriteError) {
        guard rename(from, to) == 0 else { throw WriteError(path: to, message: systemMessage()) }
    }

    /// Writes every byte to an open descriptor, retrying short writes; nil or the failure.
    static func writeAll(_ bytes: [UInt8], to fd: Int32) -> String? {
        bytes.withUnsafeBytes { raw -> String? in
            guard let base = raw.baseAddress else { return nil }
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, base + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return systemMessage()
                }
                offset += n
            }
            return nil
        }
    }

    static func systemMessage() -> String { String(cString: strerror(errno)) }
}

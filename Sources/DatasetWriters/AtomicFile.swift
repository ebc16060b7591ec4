import CFileShim
import Foundation
import PNGCodec

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
        try write(bytes, to: path, temporary: path + ".tmp-\(getpid())", sync: sync)
    }

    /// The same with the temporary name given: a dataset keeps its temporaries in one folder,
    /// so that whatever a killed run left behind is found and removed in one place.
    public static func write(_ bytes: [UInt8], to path: String, temporary: String, sync: Bool = false)
        throws(WriteError)
    {
        try write(bytes[...], to: path, temporary: temporary, sync: sync)
    }

    public static func write(_ bytes: ArraySlice<UInt8>, to path: String, temporary: String, sync: Bool = false)
        throws(WriteError)
    {
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
        try writeFile(bytes[...], to: path, sync: sync)
    }

    public static func writeFile(_ bytes: ArraySlice<UInt8>, to path: String, sync: Bool = false) throws(WriteError) {
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

    /// Removes a file or folder tree if present (another process removing it first is fine).
    public static func remove(_ path: String) throws(WriteError) {
        guard FileManager.default.fileExists(atPath: path) else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch let error as CocoaError where error.code == .fileNoSuchFile {
            return
        } catch {
            guard FileManager.default.fileExists(atPath: path) else { return }
            throw WriteError(path: path, message: "\(error)")
        }
    }

    /// Renames, replacing nothing: the destination must not exist.
    public static func move(_ from: String, to: String) throws(WriteError) {
        guard rename(from, to) == 0 else { throw WriteError(path: to, message: systemMessage()) }
    }

    /// Writes every byte to an open descriptor, retrying short writes; nil or the failure.
    static func writeAll(_ bytes: ArraySlice<UInt8>, to fd: Int32) -> String? {
        writeAllBytes(bytes, to: fd).error.map { String(cString: strerror($0)) }
    }

    /// Writes every byte, retrying after signals; on failure, the errno and how many bytes got
    /// through first.
    static func writeAllBytes(_ bytes: ArraySlice<UInt8>, to fd: Int32) -> (written: Int, error: Int32?) {
        bytes.withUnsafeBytes { raw -> (Int, Int32?) in
            guard let base = raw.baseAddress else { return (0, nil) }
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, base + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return (offset, errno)
                }
                offset += n
            }
            return (offset, nil)
        }
    }

    static func systemMessage() -> String { String(cString: strerror(errno)) }

    /// The whole content of a file.
    public static func read(_ path: String) throws(WriteError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WriteError(path: path, message: "cannot be read")
        }
        return [UInt8](data)
    }

    public static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// Flushes the data written under `directory` to disk: one call instead of one `fsync` per
    /// file, as a shard is hundreds of files. Only that file system is flushed (`syncfs`), so a
    /// busy node's other writers do not hold the run up; `sync` where that is not available.
    public static func syncWrittenData(under directory: String) {
        if swfile_sync_filesystem(directory) != 0 { sync() }
    }

    /// A file written in parts under a temporary name and renamed into place by ``commit()``:
    /// merged files (a million images' annotations) stream through without being held whole.
    public final class Stream {
        public let path: String
        let temporary: String
        var fd: Int32
        var buffer: [UInt8] = []

        public init(path: String, temporary: String? = nil) throws(WriteError) {
            self.path = path
            self.temporary = temporary ?? path + ".tmp-\(getpid())"
            fd = open(self.temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw WriteError(path: path, message: AtomicFile.systemMessage()) }
            buffer.reserveCapacity(1 << 20)
        }

        deinit {
            if fd >= 0 {
                close(fd)
                unlink(temporary)
            }
        }

        /// The CRC-32 and size of everything appended so far.
        public private(set) var crc = CRC32()
        public private(set) var size = 0

        public func append(_ bytes: [UInt8]) throws(WriteError) {
            try append(bytes[...])
        }

        public func append(_ bytes: ArraySlice<UInt8>) throws(WriteError) {
            if buffer.count + bytes.count > 1 << 20 { try flush() }
            if bytes.count >= 1 << 20 {
                crc.add(bytes)
                size += bytes.count
                if let failure = AtomicFile.writeAll(bytes, to: fd) { throw WriteError(path: path, message: failure) }
            } else {
                buffer.append(contentsOf: bytes)
            }
        }

        func flush() throws(WriteError) {
            guard !buffer.isEmpty else { return }
            // Summed while the buffer is in cache, just before the kernel copies it.
            crc.add(buffer[...])
            size += buffer.count
            if let failure = AtomicFile.writeAll(buffer[...], to: fd) { throw WriteError(path: path, message: failure) }
            buffer.removeAll(keepingCapacity: true)
        }

        /// Writes what is buffered, syncs (unless `sync` is false: for a file whose folder is
        /// synced as a whole later), and renames the file into place.
        public func commit(sync: Bool = true) throws(WriteError) {
            try flush()
            var failure: String? = nil
            if sync, fsync(fd) != 0 { failure = AtomicFile.systemMessage() }
            if close(fd) != 0, failure == nil { failure = AtomicFile.systemMessage() }
            fd = -1
            if failure == nil, rename(temporary, path) != 0 { failure = AtomicFile.systemMessage() }
            if let failure {
                unlink(temporary)
                throw WriteError(path: path, message: failure)
            }
        }
    }
}

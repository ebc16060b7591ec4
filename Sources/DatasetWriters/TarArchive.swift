import SampleRecords

/// A USTAR archive built in memory, byte for byte deterministic: WebDataset shards are tars, and
/// a shard's bytes must depend only on its samples, never on the clock, the user or the umask
/// (which is why this does not shell out to `tar`). Every entry is a regular file with mode 0644,
/// owner 0:0, no user or group name and modification time 0.
///
/// Entries are appended into one growing buffer (header, data, zero padding to 512 bytes), so
/// adding an entry costs one copy of its bytes. Reserve the expected size up front for large
/// shards (``init(reservingCapacity:)``; ``archiveSize(fileSizes:)`` computes it exactly).
///
/// Limits, checked: names are ASCII, 1 to 99 bytes, without NUL (USTAR's `name` field; the
/// `prefix` field is not used); a file is smaller than 8 GiB (11 octal digits).
public struct TarArchive: Sendable {
    /// Header and data blocks are 512 bytes; the archive is padded to records of 20 blocks,
    /// the size GNU tar and Python's `tarfile` write and expect.
    public static let blockSize = 512
    public static let recordSize = 10240

    /// The entries so far, without the end-of-archive marker.
    private var storage: [UInt8] = []

    public init(reservingCapacity capacity: Int = 0) {
        storage.reserveCapacity(capacity)
    }

    /// The exact size of the finished archive holding files of these sizes, in order: for
    /// indexes that state a shard's byte count without building the shard.
    public static func archiveSize(fileSizes: some Sequence<Int>) -> Int {
        var total = 0
        for size in fileSizes { total += blockSize + padded(size) }
        return padded(total + 2 * blockSize, to: recordSize)
    }

    /// Appends a regular file. Throws, naming the entry, for a name USTAR cannot hold as given
    /// or a file too large for the size field.
    public mutating func add(name: String, bytes data: [UInt8]) throws(WriteError) {
        let nameBytes = try TarArchive.checkedName(name, size: data.count)
        storage.append(contentsOf: TarArchive.header(name: nameBytes, size: data.count))
        storage.append(contentsOf: data)
        storage.append(contentsOf: repeatElement(0, count: TarArchive.padded(data.count) - data.count))
    }

    /// The finished archive (a copy: the archive stays open for more entries).
    public var bytes: [UInt8] {
        var copy = self
        return copy.finish()
    }

    /// The finished archive, without copying the entries.
    public consuming func finished() -> [UInt8] {
        finish()
    }

    /// Appends the end-of-archive marker (two zero blocks) and pads to a whole record.
    private mutating func finish() -> [UInt8] {
        let end = TarArchive.padded(storage.count + 2 * TarArchive.blockSize, to: TarArchive.recordSize)
        storage.append(contentsOf: repeatElement(0, count: end - storage.count))
        return storage
    }

    /// The archive of `entries`, in order, as runs of bytes: per entry a header, the entry's
    /// own buffer (not copied) and zero padding, then the end of the archive. Joined, the runs
    /// are the bytes of an archive built with ``add(name:bytes:)``; a shard's writer writes
    /// them as they are instead of copying every sample into one buffer first.
    public static func parts(_ entries: [(name: String, bytes: [UInt8])]) throws(WriteError) -> [ArraySlice<UInt8>] {
        // Every header in one buffer, each a slice of it.
        var headers: [UInt8] = []
        headers.reserveCapacity(entries.count * blockSize)
        var total = 0
        for entry in entries {
            let name = try checkedName(entry.name, size: entry.bytes.count)
            headers.append(contentsOf: header(name: name, size: entry.bytes.count))
            total += blockSize + padded(entry.bytes.count)
        }
        var out: [ArraySlice<UInt8>] = []
        out.reserveCapacity(3 * entries.count + 1)
        for (k, entry) in entries.enumerated() {
            out.append(headers[(k * blockSize)..<((k + 1) * blockSize)])
            if !entry.bytes.isEmpty { out.append(entry.bytes[...]) }
            let padding = padded(entry.bytes.count) - entry.bytes.count
            if padding > 0 { out.append(zeros[..<padding]) }
        }
        out.append(zeros[..<(padded(total + 2 * blockSize, to: recordSize) - total)])
        return out
    }

    /// Zeros for padding and the end of an archive (at most two blocks and a record's worth).
    static let zeros = [UInt8](repeating: 0, count: recordSize + 2 * blockSize)

    /// The name's bytes, checked against USTAR's limits, and the size.
    static func checkedName(_ name: String, size: Int) throws(WriteError) -> [UInt8] {
        let nameBytes = Array(name.utf8)
        guard !nameBytes.isEmpty, nameBytes.count < 100 else {
            throw WriteError(
                path: name, message: "tar entry name must be 1 to 99 bytes (USTAR name field), got \(nameBytes.count)")
        }
        guard nameBytes.allSatisfy({ $0 > 0 && $0 < 0x80 }) else {
            throw WriteError(path: name, message: "tar entry name must be ASCII without NUL")
        }
        guard size < 1 << 33 else {
            throw WriteError(path: name, message: "tar entry of \(size) bytes exceeds USTAR's 8 GiB limit")
        }
        return nameBytes
    }

    static func padded(_ n: Int, to block: Int = blockSize) -> Int {
        (n + block - 1) / block * block
    }

    /// A regular file's USTAR header block. Field offsets per POSIX `ustar`.
    static func header(name: [UInt8], size: Int) -> [UInt8] {
        var h = [UInt8](repeating: 0, count: blockSize)
        func octal(_ value: Int, at offset: Int, width: Int) {
            // `width - 1` zero-padded octal digits, then NUL.
            h.replaceSubrange(
                offset..<(offset + width - 1), with: zeroPaddedDigits(UInt64(value), width: width - 1, radix: 8))
            h[offset + width - 1] = 0
        }
        h.replaceSubrange(0..<name.count, with: name)
        octal(0o644, at: 100, width: 8)  // mode "0000644\0"
        octal(0, at: 108, width: 8)  // uid
        octal(0, at: 116, width: 8)  // gid
        octal(size, at: 124, width: 12)  // size
        octal(0, at: 136, width: 12)  // mtime
        h[156] = UInt8(ascii: "0")  // typeflag: regular file
        h.replaceSubrange(257..<262, with: "ustar".utf8)  // magic "ustar\0"
        h[263] = UInt8(ascii: "0")  // version "00"
        h[264] = UInt8(ascii: "0")
        // uname, gname, devmajor, devminor, prefix stay zero.
        // Checksum: the sum of all header bytes with the checksum field taken as spaces,
        // written as six octal digits, NUL, space.
        for i in 148..<156 { h[i] = UInt8(ascii: " ") }
        octal(h.reduce(0) { $0 + Int($1) }, at: 148, width: 7)
        h[155] = UInt8(ascii: " ")
        return h
    }
}

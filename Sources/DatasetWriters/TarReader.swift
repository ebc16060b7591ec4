/// Reads the entries of a USTAR archive in order (what ``TarArchive`` writes, and any plain
/// tar of regular files). Every structural problem is reported with the entry's offset, so a
/// verifier can say what is wrong with a damaged shard rather than stop at the first byte.
public struct TarReader {
    public struct Entry: Sendable {
        public var name: String
        public var offset: Int
        public var bytes: [UInt8]
        /// The header's type flag (`0` for a regular file).
        public var type: UInt8
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var offset: Int
        public var message: String
        public var description: String { "at byte \(offset): \(message)" }
    }

    /// All entries, or the first structural failure (bad checksum, truncated data, missing end).
    public static func entries(_ tar: [UInt8]) -> Result<[Entry], Failure> {
        var out: [Entry] = []
        var offset = 0
        while true {
            guard offset + 512 <= tar.count else {
                return .failure(Failure(offset: offset, message: "archive ends without its two zero end blocks"))
            }
            let header = tar[offset..<(offset + 512)]
            if header.allSatisfy({ $0 == 0 }) {
                guard offset + 1024 <= tar.count, tar[(offset + 512)..<(offset + 1024)].allSatisfy({ $0 == 0 })
                else { return .failure(Failure(offset: offset, message: "only one zero end block")) }
                return .success(out)
            }
            guard let size = octal(header, 124, 12), let stored = octal(header, 148, 8) else {
                return .failure(Failure(offset: offset, message: "header fields are not octal numbers"))
            }
            var sum = 0
            for (i, b) in header.enumerated() { sum += (148..<156).contains(i) ? 32 : Int(b) }
            guard sum == stored else {
                return .failure(
                    Failure(offset: offset, message: "header checksum \(stored) does not match its bytes (\(sum))"))
            }
            let name = text(header, 0, 100)
            let prefix = text(header, 345, 155)
            let full = prefix.isEmpty ? name : prefix + "/" + name
            let start = offset + 512
            guard start + size <= tar.count else {
                return .failure(Failure(offset: offset, message: "entry \(full) is truncated: \(size) bytes declared"))
            }
            out.append(
                Entry(name: full, offset: offset, bytes: Array(tar[start..<(start + size)]), type: header[offset + 156])
            )
            offset = start + (size + 511) / 512 * 512
        }
    }

    static func octal(_ header: ArraySlice<UInt8>, _ at: Int, _ length: Int) -> Int? {
        let base = header.startIndex + at
        var value = 0
        var digits = 0
        for b in header[base..<(base + length)] {
            if b == 0 || b == 0x20 {
                if digits > 0 { break } else { continue }
            }
            guard b >= 0x30, b <= 0x37 else { return nil }
            value = value * 8 + Int(b - 0x30)
            digits += 1
        }
        return digits > 0 ? value : nil
    }

    static func text(_ header: ArraySlice<UInt8>, _ at: Int, _ length: Int) -> String {
        let base = header.startIndex + at
        let field = header[base..<(base + length)]
        let end = field.firstIndex(of: 0) ?? field.endIndex
        return String(decoding: field[base..<end], as: UTF8.self)
    }
}

import Foundation

/// Reads a JSON Lines file (`samples.jsonl`, a record file) line by line, a megabyte at a time,
/// so memory holds one line whatever the file's size, and no line more than `maxLineBytes`.
public enum JSONLines {
    /// A record is tens of kilobytes; a longer line is not a record (or the file is not JSON Lines).
    public static let maxLineBytes = 64 << 20

    /// Calls `body` with each line's 1-based number, its bytes (without the line end) and what
    /// is wrong with it as a line, if anything: longer than `maxLineBytes` (its bytes are then
    /// empty) or, for the last line only, no line end (`unterminated` true). `body` returns
    /// false to stop.
    public static func forEachLine(
        path: String, maxLineBytes: Int = maxLineBytes,
        _ body: (_ number: Int, _ line: [UInt8], _ problem: LineProblem?) throws -> Bool
    ) throws {
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw WriteError(path: path, message: "cannot be read")
        }
        defer { try? file.close() }
        var buffer: [UInt8] = []
        var n = 0
        // The current line passed maxLineBytes: its bytes are dropped up to its line end.
        var overlong = false
        while let chunk = try file.read(upToCount: 1 << 20), !chunk.isEmpty {
            buffer.append(contentsOf: chunk)
            var start = 0
            while let end = buffer[start...].firstIndex(of: 0x0A) {
                n += 1
                let more: Bool
                if overlong {
                    overlong = false
                    more = try body(n, [], .tooLong(maxLineBytes))
                } else {
                    more = try body(n, Array(buffer[start..<end]), nil)
                }
                guard more else { return }
                start = end + 1
            }
            buffer.removeFirst(start)
            if buffer.count > maxLineBytes {
                overlong = true
                buffer = []
            }
        }
        if overlong {
            _ = try body(n + 1, [], .tooLong(maxLineBytes))
        } else if !buffer.isEmpty {
            _ = try body(n + 1, buffer, .unterminated)
        }
    }

    public enum LineProblem: Sendable, Equatable, CustomStringConvertible {
        case tooLong(Int)
        /// The last line has no line end: harmless when it parses, a torn write when it does not.
        case unterminated

        public var description: String {
            switch self {
            case .tooLong(let limit): "is longer than \(limit) bytes, not a record; skipped"
            case .unterminated: "has no line end"
            }
        }
    }
}

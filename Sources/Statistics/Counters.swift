import PNGCodec

/// Counts per name. Only counters are kept while a dataset streams by; every view of them
/// is sorted, so nothing written depends on dictionary order.
public struct Tally: Sendable, Equatable {
    public private(set) var counts: [String: Int] = [:]

    public init() {}

    public mutating func add(_ key: String, _ n: Int = 1) { counts[key, default: 0] += n }

    public subscript(key: String) -> Int { counts[key] ?? 0 }

    public var total: Int { counts.values.reduce(0, +) }
    public var distinct: Int { counts.count }

    /// Most frequent first; ties by name (byte order), so the order is the same on every run.
    public var byCount: [(key: String, count: Int)] {
        counts.map { (key: $0.key, count: $0.value) }.sorted {
            $0.count != $1.count ? $0.count > $1.count : Array($0.key.utf8).lexicographicallyPrecedes($1.key.utf8)
        }
    }

    /// By name (byte order).
    public var byKey: [(key: String, count: Int)] {
        counts.map { (key: $0.key, count: $0.value) }.sorted {
            Array($0.key.utf8).lexicographicallyPrecedes($1.key.utf8)
        }
    }
}

/// Counts per integer value (objects per image, words per question).
public struct Histogram: Sendable, Equatable {
    public private(set) var counts: [Int: Int] = [:]
    public private(set) var total = 0
    public private(set) var sum = 0

    public init() {}

    public mutating func add(_ value: Int) {
        counts[value, default: 0] += 1
        total += 1
        sum += value
    }

    /// `(value, count)` by ascending value.
    public var sorted: [(value: Int, count: Int)] {
        counts.map { (value: $0.key, count: $0.value) }.sorted { $0.value < $1.value }
    }

    public var mean: Double { total == 0 ? 0 : Double(sum) / Double(total) }
    public var minimum: Int? { counts.keys.min() }
    public var maximum: Int? { counts.keys.max() }

    /// Every value from the smallest to the largest, zero where absent (bars of a histogram).
    public var dense: [(value: Int, count: Int)] {
        guard let lo = minimum, let hi = maximum else { return [] }
        return (lo...hi).map { (value: $0, count: counts[$0] ?? 0) }
    }
}

/// A 64-bit digest of a string, for counting distinct strings in 8 bytes each instead of keeping
/// the strings. Two different strings share a digest with probability about n²/2⁶⁵ (1e-8 for a
/// million strings); counts could then be one low.
func digest(_ s: String) -> UInt64 { Digest64(s).value }

/// How text is measured per language: words for languages written with spaces, characters for
/// Chinese and Japanese, which are not.
public enum TextMeasure {
    /// Whether `language` is measured in characters rather than words.
    public static func countsCharacters(_ language: String) -> Bool {
        let base = language.split(separator: "-").first.map(String.init) ?? language
        return base == "zh" || base == "ja"
    }

    /// Words (space-separated tokens holding a letter or digit), or for Chinese and Japanese
    /// the characters that are neither space nor punctuation.
    public static func length(_ text: String, language: String) -> Int {
        if countsCharacters(language) {
            return text.reduce(0) { $0 + ($1.isWhitespace || $1.isPunctuation || $1.isSymbol ? 0 : 1) }
        }
        var n = 0
        if asciiWords(text, { _ in n += 1 }) { return n }
        for token in text.split(whereSeparator: \.isWhitespace)
        where token.contains(where: { $0.isLetter || $0.isNumber }) {
            n += 1
        }
        return n
    }

    /// Vocabulary units: lower-cased words with surrounding punctuation removed, or single
    /// characters for Chinese and Japanese.
    public static func tokens(_ text: String, language: String, into set: inout Set<String>) {
        if countsCharacters(language) {
            for c in text where !(c.isWhitespace || c.isPunctuation || c.isSymbol) { set.insert(String(c)) }
            return
        }
        if asciiWords(text, { set.insert($0.lowercased()) }) { return }
        for token in text.split(whereSeparator: \.isWhitespace) {
            let trimmed = token.drop(while: { $0.isPunctuation || $0.isSymbol }).reversed().drop(while: {
                $0.isPunctuation || $0.isSymbol
            })
            guard !trimmed.isEmpty else { continue }
            set.insert(String(trimmed.reversed()).lowercased())
        }
    }

    /// The fast path for ASCII text (English, most of the data): calls `body` with each
    /// space-separated token, trimmed of punctuation, that holds a letter or digit. Returns
    /// false, having called nothing, when the text is not all ASCII (the caller then works on
    /// Characters).
    static func asciiWords(_ text: String, _ body: (String) -> Void) -> Bool {
        var text = text
        return text.withUTF8 { buf -> Bool in
            for b in buf where b >= 0x80 { return false }
            func isWordByte(_ b: UInt8) -> Bool {
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            }
            var i = 0
            let n = buf.count
            while i < n {
                while i < n, buf[i] == 0x20 || (buf[i] >= 0x09 && buf[i] <= 0x0D) { i += 1 }
                let start = i
                while i < n, !(buf[i] == 0x20 || (buf[i] >= 0x09 && buf[i] <= 0x0D)) { i += 1 }
                // Trim punctuation and symbols at both ends, as the general path does.
                var lo = start
                var hi = i
                while lo < hi, !isWordByte(buf[lo]) { lo += 1 }
                while hi > lo, !isWordByte(buf[hi - 1]) { hi -= 1 }
                if lo < hi { body(String(decoding: buf[lo..<hi], as: UTF8.self)) }
            }
            return true
        }
    }
}

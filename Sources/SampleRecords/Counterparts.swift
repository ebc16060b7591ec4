/// For each item of a list said in several languages, its counterpart: the item at the same
/// position among the list's first-language items (none for those items themselves), and
/// where each item's bytes were written, so an equal counterpart's bytes can be copied.
struct Counterparts {
    let counterpart: [Int?]
    var written: [Range<Int>?]

    /// `languages[i]` is item `i`'s language.
    init(_ languages: [String]) {
        var firstLanguage: [Int] = []
        firstLanguage.reserveCapacity(languages.count)
        var next: [(language: String, position: Int)] = []
        var counterpart: [Int?] = []
        counterpart.reserveCapacity(languages.count)
        for (i, language) in languages.enumerated() {
            if language == languages[0] {
                firstLanguage.append(i)
                counterpart.append(nil)
                continue
            }
            let slot =
                next.firstIndex { $0.language == language }
                ?? {
                    next.append((language, 0))
                    return next.count - 1
                }()
            let k = next[slot].position
            next[slot].position += 1
            counterpart.append(k < firstLanguage.count ? firstLanguage[k] : nil)
        }
        self.counterpart = counterpart
        written = Array(repeating: nil, count: languages.count)
    }

    /// Item `i`'s value: a copy of its counterpart's when `same(counterpart)`, else `body`.
    mutating func write(
        _ i: Int, _ w: inout JSONWriter, same: (Int) -> Bool, _ body: (inout JSONWriter) -> Void
    ) {
        if let c = counterpart[i], let span = written[c], same(c) {
            w.repeatValue(at: span.lowerBound, to: span.upperBound)
            return
        }
        let start = w.byteCount
        body(&w)
        written[i] = start..<w.byteCount
    }

    /// Item `i`'s run of fields: a copy of its counterpart's when `same(counterpart)`, else `body`.
    mutating func writeFields(
        _ i: Int, _ w: inout JSONWriter, same: (Int) -> Bool, _ body: (inout JSONWriter) -> Void
    ) {
        if let c = counterpart[i], let span = written[c], same(c) {
            w.rawBytes(at: span.lowerBound, to: span.upperBound)
            return
        }
        let start = w.byteCount
        body(&w)
        written[i] = start..<w.byteCount
    }
}

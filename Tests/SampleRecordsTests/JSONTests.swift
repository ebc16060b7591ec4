import Testing

@testable import SampleRecords

@Suite struct JSONTests {
    @Test func keysAreSortedAndFloatsStayFloats() {
        let v: JSONValue = .object([
            "b": .int(1), "a": .double(2), "é": .string("x\"y\n"), "A": .array([.bool(true), .null]),
        ])
        #expect(v.text == #"{"A":[true,null],"a":2.0,"b":1,"é":"x\"y\n"}"#)
    }

    @Test func parseRoundTrips() throws {
        let v: JSONValue = .object([
            "n": .int(-12), "d": .double(0.1), "big": .double(1e300), "s": .string("中文 \u{1F600} \t"),
            "l": .array([.object([:]), .array([])]),
        ])
        #expect(try JSONValue.parse(v.bytes) == v)
        #expect(try JSONValue.parse(Array(#"{"u":"\u00e9\ud83d\ude00"}"#.utf8))["u"]?.stringValue == "é\u{1F600}")
    }

    @Test func parseErrorsSayWhere() {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(#"{"a": }"#.utf8)) }
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(#"[1, 2"#.utf8)) }
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(#"{"a": 1} x"#.utf8)) }
    }

    @Test func keysArePaddedIndices() {
        #expect(SampleRecord.key(for: 7) == "000000007")
        #expect(SampleRecord.key(for: 81234) == "000081234")
        #expect(SampleRecord.key(for: 12_345_678_901) == "12345678901")
    }
}

@Suite struct JSONWriterEscapeTests {
    /// The word-at-a-time escape check agrees with the byte-by-byte writer wherever the special
    /// byte sits (inside a word, in the tail, at the edges) and for non-ASCII text.
    @Test func escapesMatchTheReferenceWriterAtEveryPosition() {
        let specials: [Character] = ["\"", "\\", "\n", "\t", "\u{01}", "\u{1F}", "é", "中", " ", "~"]
        for length in 0..<20 {
            for position in 0..<max(length, 1) {
                for special in specials {
                    var chars = Array(repeating: Character("a"), count: length)
                    if length > 0 { chars[position] = special }
                    let s = String(chars)
                    var w = JSONWriter()
                    w.string(s)
                    var reference: [UInt8] = []
                    JSONValue.writeString(s, into: &reference)
                    #expect(w.bytes == reference, "\(s.debugDescription)")
                }
            }
        }
    }
}

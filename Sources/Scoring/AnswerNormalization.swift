/// The answer normalisation VQA evaluations apply before comparing strings, extended to the
/// languages Scenewright writes: both the prediction and the true answer are normalised, and
/// an answer is right when the two are equal.
///
/// In order: Unicode lowercase; full-width ASCII (`０`-`９`, `Ａ`...) to ASCII; punctuation
/// (ASCII and CJK: `.,;:!?"'` and `。，；：！？、「」“”‘’`) becomes a space; the English articles
/// `a`, `an`, `the` are dropped as words; number words `zero` to `twenty` become digits; a
/// Chinese numeral (`零 〇 一 二 两 三 ... 九 十`, up to 99, optionally followed by the measure
/// word `个`) becomes digits; whitespace runs become one space, trimmed at both ends.
/// So `"The Two."`, `"two"`, `"2"`, `"２"`, `"两个"` and `"二"` all read `2`.
public enum AnswerNormalization {
    static let numberWords = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    ]
    static let articles: Set<String> = ["a", "an", "the"]
    static let punctuation: Set<Character> = [
        ".", ",", ";", ":", "!", "?", "\"", "'", "`", "(", ")", "[", "]", "{", "}", "。", "，", "；", "：", "！", "？",
        "、", "「", "」", "“", "”", "‘", "’", "（", "）",
    ]
    static let chineseDigits: [Character: Int] = [
        "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]

    public static func normalize(_ answer: String) -> String {
        var text = ""
        for ch in answer.lowercased() {
            if punctuation.contains(ch) {
                text.append(" ")
            } else if let v = ch.unicodeScalars.first?.value, ch.unicodeScalars.count == 1,
                (0xFF01...0xFF5E).contains(v),
                let ascii = Unicode.Scalar(v - 0xFEE0)
            {
                text.append(Character(ascii).lowercased())
            } else {
                text.append(ch)
            }
        }
        var words: [String] = []
        for word in text.split(whereSeparator: { $0.isWhitespace }).map(String.init) {
            if articles.contains(word) { continue }
            if let n = numberWords.firstIndex(of: word) {
                words.append(String(n))
            } else if let n = chineseNumber(word) {
                words.append(String(n))
            } else {
                words.append(word)
            }
        }
        return words.joined(separator: " ")
    }

    /// The value of a Chinese numeral from 0 to 99 (`七`, `十`, `十二`, `二十`, `三十五`), with an
    /// optional trailing `个`; nil for anything else.
    static func chineseNumber(_ word: String) -> Int? {
        var chars = Array(word)
        if chars.count > 1, chars.last == "个" { chars.removeLast() }
        switch chars.count {
        case 1:
            if chars[0] == "十" { return 10 }
            return chineseDigits[chars[0]]
        case 2:
            if chars[0] == "十", let d = chineseDigits[chars[1]], d > 0 { return 10 + d }
            if chars[1] == "十", let d = chineseDigits[chars[0]], d > 1 { return d * 10 }
            return nil
        case 3:
            guard chars[1] == "十", let t = chineseDigits[chars[0]], t > 1, let d = chineseDigits[chars[2]], d > 0
            else { return nil }
            return t * 10 + d
        default: return nil
        }
    }
}

import SceneModel

/// The grammar rules a language's words need. Words come from the ``Lexicon``; only the rules
/// are code: how a noun phrase is built, how a list is joined, where relation words go.
public enum Grammar: String, CaseIterable, Sendable {
    /// Articles a/an by sound, number words then digits, plural nouns, adjectives in the order
    /// size, fill, color before the noun, relations after it ("the circle to the left of ...").
    case english
    /// Number + measure word (两个, 一个), no plurals or articles, attributes joined by 的
    /// before the noun, relations as 在…的左边 before it.
    case chinese
}

/// The attributes a noun phrase mentions (nil: not mentioned) are those of a filter: text and
/// programs describe objects the same way.
public typealias PhraseParts = ObjectFilter

/// How a noun phrase is determined.
public enum NounForm: Sendable {
    /// "the red circle" / 红色圆形
    case definite
    /// "a red circle" / 一个红色圆形
    case indefinite
    /// "red circles" / 红色圆形
    case plural
}

extension Lexicon {
    /// The number as a word where the lexicon has one, else digits.
    public func number(_ n: Int) -> String {
        n >= 0 && n < numbers.count ? numbers[n] : String(n)
    }

    /// The noun phrase without determiner: "large striped red circle(s)", "大的带条纹的红色圆形".
    /// `thing` is used when no shape is named (with `shapeNoun` where "shape" reads better).
    func bare(_ parts: PhraseParts, plural: Bool, noun fallback: Noun? = nil) -> String {
        // Appends into one buffer: this runs for every phrase of every caption, question and
        // negative, and array joins were a visible share of describing.
        let noun = parts.shape.map { shapeNouns[$0.ordinal] } ?? fallback ?? thing
        var out = ""
        out.reserveCapacity(48)
        switch grammar {
        case .english:
            if let size = parts.size {
                out += sizeWords[size] ?? size
                out += " "
            }
            if let fill = parts.fill {
                out += fillWords[fill.ordinal]
                out += " "
            }
            if let color = parts.color {
                out += colorWords[color] ?? color
                out += " "
            }
            out += plural ? noun.many : noun.one
        case .chinese:
            if let size = parts.size {
                out += sizeWords[size] ?? size
                out += "的"
            }
            if let fill = parts.fill {
                out += fillWords[fill.ordinal]
                out += "的"
            }
            if let color = parts.color { out += colorWords[color] ?? color }
            out += noun.one
        }
        return out
    }

    /// A counted noun phrase: "a large striped red circle", "three blue squares", "两个红色圆形".
    public func nounPhrase(count: Int, _ parts: PhraseParts, noun: Noun? = nil) -> String {
        let fallback = noun ?? shapeNoun
        switch grammar {
        case .english:
            let body = bare(parts, plural: count != 1, noun: fallback)
            var out = count == 1 ? indefiniteArticle(for: body) : number(count)
            out.reserveCapacity(out.utf8.count + 1 + body.utf8.count)
            out += " "
            out += body
            return out
        case .chinese:
            let n = parts.shape.map { shapeNouns[$0.ordinal] } ?? fallback
            return number(count) + (n.measure.isEmpty ? "个" : n.measure) + bare(parts, plural: false, noun: fallback)
        }
    }

    /// A noun phrase for a filter in a given form.
    public func phrase(_ parts: PhraseParts, _ form: NounForm) -> String {
        switch (grammar, form) {
        case (.english, .definite): return "the " + bare(parts, plural: false)
        case (.english, .indefinite):
            let body = bare(parts, plural: false)
            return indefiniteArticle(for: body) + " " + body
        case (.english, .plural): return bare(parts, plural: true)
        case (.chinese, .indefinite):
            let n = parts.shape.map { shapeNouns[$0.ordinal] } ?? thing
            return "一" + (n.measure.isEmpty ? "个" : n.measure) + bare(parts, plural: false)
        case (.chinese, _): return bare(parts, plural: false)
        }
    }

    /// The definite description of a referent: "the red thing to the left of the blue square",
    /// "the leftmost circle", 在蓝色正方形左边的红色物体, 最左边的圆形.
    public func describe(_ r: Referent) -> String { describe(r, nested: false) }

    func describe(_ r: Referent, nested: Bool) -> String {
        switch (grammar, r) {
        case (_, .filter(let f)): return phrase(f.parts, .definite)
        case (.english, .related(let f, let d, let anchor)):
            return phrase(f.parts, .definite) + " " + direction(d) + " " + describe(anchor, nested: true)
        case (.chinese, .related(let f, let d, let anchor)):
            // 在…的左边 frames the outermost relation only: 在[黄色物体下方的青色物体]左边的圆形.
            return (nested ? "" : "在") + describe(anchor, nested: true) + direction(d) + "的"
                + bare(f.parts, plural: false)
        case (.english, .extreme(let f, let k)):
            return "the " + (extremes[k] ?? k.rawValue) + " " + bare(f.parts, plural: false)
        case (.chinese, .extreme(let f, let k)):
            return (extremes[k] ?? k.rawValue) + "的" + bare(f.parts, plural: false)
        case (.english, .nearest(let anchor)):
            return "the " + thing.one + " " + nearest + " " + describe(anchor, nested: true)
        case (.chinese, .nearest(let anchor)):
            // 离红色星形最近的物体
            return "离" + describe(anchor, nested: true) + nearest + "的" + thing.one
        }
    }

    /// Objects of a filter that lie in a direction of a referent, for counting: "red things to
    /// the left of the blue square" / 在蓝色正方形左边的红色物体.
    public func relatedPlural(_ f: ObjectFilter, _ d: Relations.Direction, _ anchor: Referent) -> String {
        switch grammar {
        case .english: return phrase(f.parts, .plural) + " " + direction(d) + " " + describe(anchor)
        case .chinese: return "在" + describe(anchor) + direction(d) + "的" + bare(f.parts, plural: false)
        }
    }

    /// The word for a direction, as used between two noun phrases.
    public func direction(_ d: Relations.Direction) -> String { directions[d] ?? d.rawValue }

    /// An attribute value as an adjective or noun answer ("red", "circle", "large", "striped").
    public func word(for token: String) -> String {
        // The fast tables, in the same order of precedence as the dictionaries.
        if let c = colorWords[token] { return c }
        for (i, k) in ShapeKind.allCases.enumerated() where k.rawValue == token { return shapeNouns[i].one }
        if let s = sizeWords[token] { return s }
        for (i, f) in Fill.allCases.enumerated() where f.rawValue == token { return fillWords[i] }
        return token
    }

    /// "a" or "an" by the sound the next word starts with.
    public func indefiniteArticle(for text: String) -> String {
        guard let first = text.utf8.first, [0x61, 0x65, 0x69, 0x6F, 0x75, 0x41, 0x45, 0x49, 0x4F, 0x55].contains(first)
        else { return "a" }
        // Exceptions are lowercase ASCII prefixes ("one", "uni"): compared byte by byte,
        // folding ASCII capitals, as full case mapping cost more than the rest of the phrase.
        let head = text.utf8
        for exception in articleExceptions {
            var matches = true
            var i = head.startIndex
            for e in exception.utf8 {
                guard i != head.endIndex else {
                    matches = false
                    break
                }
                let b = head[i]
                if b != e && !(b >= 0x41 && b <= 0x5A && b | 0x20 == e) {
                    matches = false
                    break
                }
                i = head.index(after: i)
            }
            if matches { return "a" }
        }
        return "an"
    }

    /// "a", "a and b", "a, b and c" (English); "a、b和c" (Chinese), by the lexicon's list words.
    public func joinList(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default:
            var out = ""
            out.reserveCapacity(items.reduce(0) { $0 + $1.utf8.count } + 8 * items.count)
            for i in 0..<(items.count - 1) {
                if i > 0 { out += listSeparator }
                out += items[i]
            }
            out += listLast
            out += items[items.count - 1]
            return out
        }
    }
}

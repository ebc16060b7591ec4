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
        var t = [UInt8](reservingCapacity: 96)
        bare(parts, plural: plural, noun: fallback, into: &t)
        return String(decoding: t, as: UTF8.self)
    }

    /// The noun's word: the shape's, else `fallback`'s, else `thing`'s.
    func nounWord(_ parts: PhraseParts, plural: Bool, _ fallback: Noun?) -> String {
        if let shape = parts.shape { return plural ? shapeNouns[shape.ordinal].many : shapeNouns[shape.ordinal].one }
        if let fallback { return plural ? fallback.many : fallback.one }
        return plural ? thing.many : thing.one
    }

    func bare(_ parts: PhraseParts, plural: Bool, noun fallback: Noun? = nil, into t: inout [UInt8]) {
        switch grammar {
        case .english:
            if let size = parts.size {
                t.append(sizeWords[size] ?? size)
                t.append(UInt8(ascii: " "))
            }
            if let fill = parts.fill {
                t.append(fillWords[fill.ordinal])
                t.append(UInt8(ascii: " "))
            }
            if let color = parts.color {
                t.append(colorWords[color] ?? color)
                t.append(UInt8(ascii: " "))
            }
            t.append(nounWord(parts, plural: plural, fallback))
        case .chinese:
            if let size = parts.size {
                t.append(sizeWords[size] ?? size)
                t.append("的")
            }
            if let fill = parts.fill {
                t.append(fillWords[fill.ordinal])
                t.append("的")
            }
            if let color = parts.color { t.append(colorWords[color] ?? color) }
            t.append(nounWord(parts, plural: false, fallback))
        }
    }

    /// The first word of ``bare(_:plural:noun:)``: what the English article depends on.
    func firstWord(_ parts: PhraseParts, plural: Bool, noun fallback: Noun? = nil) -> String {
        if let size = parts.size { return sizeWords[size] ?? size }
        if let fill = parts.fill { return fillWords[fill.ordinal] }
        if let color = parts.color { return colorWords[color] ?? color }
        return nounWord(parts, plural: plural, fallback)
    }

    /// A counted noun phrase: "a large striped red circle", "three blue squares", "两个红色圆形".
    public func nounPhrase(count: Int, _ parts: PhraseParts, noun: Noun? = nil) -> String {
        var t = [UInt8](reservingCapacity: 96)
        nounPhrase(count: count, parts, noun: noun, into: &t)
        return String(decoding: t, as: UTF8.self)
    }

    func nounPhrase(count: Int, _ parts: PhraseParts, noun: Noun? = nil, into t: inout [UInt8]) {
        let fallback = noun ?? shapeNoun
        switch grammar {
        case .english:
            if count == 1 {
                t.append(indefiniteArticle(for: firstWord(parts, plural: false, noun: fallback)))
            } else {
                t.append(number(count))
            }
            t.append(UInt8(ascii: " "))
            bare(parts, plural: count != 1, noun: fallback, into: &t)
        case .chinese:
            let n = parts.shape.map { shapeNouns[$0.ordinal] } ?? fallback
            t.append(number(count))
            if n.measure.isEmpty { t.append("个") } else { t.append(n.measure) }
            bare(parts, plural: false, noun: fallback, into: &t)
        }
    }

    /// A noun phrase for a filter in a given form.
    public func phrase(_ parts: PhraseParts, _ form: NounForm) -> String {
        var t = [UInt8](reservingCapacity: 96)
        phrase(parts, form, into: &t)
        return String(decoding: t, as: UTF8.self)
    }

    func phrase(_ parts: PhraseParts, _ form: NounForm, into t: inout [UInt8]) {
        switch (grammar, form) {
        case (.english, .definite):
            t.append("the ")
            bare(parts, plural: false, into: &t)
        case (.english, .indefinite):
            t.append(indefiniteArticle(for: firstWord(parts, plural: false)))
            t.append(UInt8(ascii: " "))
            bare(parts, plural: false, into: &t)
        case (.english, .plural): bare(parts, plural: true, into: &t)
        case (.chinese, .indefinite):
            let n = parts.shape.map { shapeNouns[$0.ordinal] } ?? thing
            t.append("一")
            if n.measure.isEmpty { t.append("个") } else { t.append(n.measure) }
            bare(parts, plural: false, into: &t)
        case (.chinese, _): bare(parts, plural: false, into: &t)
        }
    }

    /// The definite description of a referent: "the red thing to the left of the blue square",
    /// "the leftmost circle", 在蓝色正方形左边的红色物体, 最左边的圆形.
    public func describe(_ r: Referent) -> String {
        var t = [UInt8](reservingCapacity: 96)
        describe(r, nested: false, into: &t)
        return String(decoding: t, as: UTF8.self)
    }

    func describe(_ r: Referent, nested: Bool, into t: inout [UInt8]) {
        switch (grammar, r) {
        case (_, .filter(let f)): phrase(f.parts, .definite, into: &t)
        case (.english, .related(let f, let d, let anchor)):
            phrase(f.parts, .definite, into: &t)
            t.append(UInt8(ascii: " "))
            t.append(direction(d))
            t.append(UInt8(ascii: " "))
            describe(anchor, nested: true, into: &t)
        case (.chinese, .related(let f, let d, let anchor)):
            // 在…的左边 frames the outermost relation only: 在[黄色物体下方的青色物体]左边的圆形.
            if !nested { t.append("在") }
            describe(anchor, nested: true, into: &t)
            t.append(direction(d))
            t.append("的")
            bare(f.parts, plural: false, into: &t)
        case (.english, .extreme(let f, let k)):
            t.append("the ")
            t.append(extremes[k] ?? k.rawValue)
            t.append(UInt8(ascii: " "))
            bare(f.parts, plural: false, into: &t)
        case (.chinese, .extreme(let f, let k)):
            t.append(extremes[k] ?? k.rawValue)
            t.append("的")
            bare(f.parts, plural: false, into: &t)
        case (.english, .nearest(let anchor)):
            t.append("the ")
            t.append(thing.one)
            t.append(UInt8(ascii: " "))
            t.append(nearest)
            t.append(UInt8(ascii: " "))
            describe(anchor, nested: true, into: &t)
        case (.chinese, .nearest(let anchor)):
            // 离红色星形最近的物体
            t.append("离")
            describe(anchor, nested: true, into: &t)
            t.append(nearest)
            t.append("的")
            t.append(thing.one)
        case (.english, .line(let f, let axis, let k)):
            // the red circle in the second row
            t.append("the ")
            bare(f.parts, plural: false, into: &t)
            t.append(" in the ")
            t.append(layout.ordinal(k))
            t.append(UInt8(ascii: " "))
            t.append(layout.lineWord(axis))
        case (.chinese, .line(let f, let axis, let k)):
            // 第二行的红色圆形
            t.append(layout.ordinal(k))
            t.append(layout.lineWord(axis))
            t.append("的")
            bare(f.parts, plural: false, into: &t)
        case (.english, .ordinal(let axis, let k)):
            // the third thing from the left
            t.append("the ")
            t.append(layout.ordinal(k))
            t.append(UInt8(ascii: " "))
            t.append(thing.one)
            t.append(UInt8(ascii: " "))
            t.append(layout.from(axis))
        case (.chinese, .ordinal(let axis, let k)):
            // 从左数第三个物体
            t.append(layout.from(axis))
            t.append(layout.ordinal(k))
            t.append(thing.measure.isEmpty ? "个" : thing.measure)
            t.append(thing.one)
        case (.english, .cell(let f, let row, let column)):
            // the thing in the second row and the third column
            t.append("the ")
            bare(f.parts, plural: false, into: &t)
            t.append(" in the ")
            t.append(layout.ordinal(row))
            t.append(UInt8(ascii: " "))
            t.append(layout.lineWord(.row))
            t.append(" and the ")
            t.append(layout.ordinal(column))
            t.append(UInt8(ascii: " "))
            t.append(layout.lineWord(.column))
        case (.chinese, .cell(let f, let row, let column)):
            // 第二行第三列的物体
            t.append(layout.ordinal(row))
            t.append(layout.lineWord(.row))
            t.append(layout.ordinal(column))
            t.append(layout.lineWord(.column))
            t.append("的")
            bare(f.parts, plural: false, into: &t)
        case (_, .layered(let f, let relation, let anchor)):
            // the red star inside the blue square / 在蓝色正方形里面的红色星形: the lexicon's
            // phrase with `~` for the anchor, after the noun in English and before it in Chinese.
            let pattern = layout.relations[relation] ?? "\(relation.rawValue) ~"
            var anchorText = [UInt8](reservingCapacity: 96)
            describe(anchor, nested: true, into: &anchorText)
            let said = pattern.replacingOccurrences(of: "~", with: String(decoding: anchorText, as: UTF8.self))
            switch grammar {
            case .english:
                t.append("the ")
                bare(f.parts, plural: false, into: &t)
                t.append(UInt8(ascii: " "))
                t.append(said)
            case .chinese:
                t.append(said)
                t.append("的")
                bare(f.parts, plural: false, into: &t)
            }
        case (.english, .corner(let f, let corner)):
            // the thing in the top-right cell
            t.append("the ")
            bare(f.parts, plural: false, into: &t)
            t.append(" in the ")
            t.append(layout.corners[corner] ?? corner.rawValue)
        case (.chinese, .corner(let f, let corner)):
            // 右上角的物体
            t.append(layout.corners[corner] ?? corner.rawValue)
            t.append("的")
            bare(f.parts, plural: false, into: &t)
        }
    }

    /// Objects of a filter that lie in a direction of a referent, for counting: "red things to
    /// the left of the blue square" / 在蓝色正方形左边的红色物体.
    public func relatedPlural(_ f: ObjectFilter, _ d: Relations.Direction, _ anchor: Referent) -> String {
        var t = [UInt8](reservingCapacity: 96)
        switch grammar {
        case .english:
            phrase(f.parts, .plural, into: &t)
            t.append(UInt8(ascii: " "))
            t.append(direction(d))
            t.append(UInt8(ascii: " "))
            describe(anchor, nested: false, into: &t)
        case .chinese:
            t.append("在")
            describe(anchor, nested: false, into: &t)
            t.append(direction(d))
            t.append("的")
            bare(f.parts, plural: false, into: &t)
        }
        return String(decoding: t, as: UTF8.self)
    }

    /// The word for a direction, as used between two noun phrases.
    public func direction(_ d: Relations.Direction) -> String { directionWords[d.ordinal] }

    /// An attribute value as an adjective or noun answer ("red", "circle", "large", "striped").
    public func word(for token: String) -> String {
        tokenWords[token] ?? token
    }

    /// "a" or "an" by the sound the next word starts with.
    public func indefiniteArticle(for text: String) -> String {
        switch text.utf8.first {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"),
            UInt8(ascii: "A"), UInt8(ascii: "E"), UInt8(ascii: "I"), UInt8(ascii: "O"), UInt8(ascii: "U"):
            break
        default: return "a"
        }
        // Exceptions are lowercase ASCII prefixes ("one", "uni"), matched folding ASCII capitals.
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
            var t = [UInt8](reservingCapacity: 96)
            joinList(items, into: &t)
            return String(decoding: t, as: UTF8.self)
        }
    }

    func joinList(_ items: [String], into t: inout [UInt8]) {
        for (i, item) in items.enumerated() {
            if i > 0 { t.append(listWord(before: i, of: items.count)) }
            t.append(item)
        }
    }

    /// What goes before item `i` (from 1) of a list of `n`: the separator, or the last word.
    func listWord(before i: Int, of n: Int) -> String { i == n - 1 ? listLast : listSeparator }
}

import SceneModel

/// The grammar rules a language's words need: how a counted noun phrase is built and how a
/// list is joined. Words come from the ``Lexicon``; only the rules are code.
public enum Grammar: String, CaseIterable, Sendable {
    /// Articles a/an, number words then digits past the lexicon's list, plural nouns,
    /// adjectives in the order size, fill, color before the noun.
    case english
}

/// The attributes a noun phrase mentions; nil means "not mentioned".
public struct PhraseParts: Hashable, Sendable {
    public var size: String?
    public var fill: Fill?
    public var color: String?
    public var shape: ShapeKind?

    public init(size: String? = nil, fill: Fill? = nil, color: String? = nil, shape: ShapeKind? = nil) {
        self.size = size
        self.fill = fill
        self.color = color
        self.shape = shape
    }

    /// All attributes of an object.
    public init(_ object: SceneObject) {
        self.init(size: object.size, fill: object.fill, color: object.color.name, shape: object.shape)
    }
}

extension Lexicon {
    /// The number as a word where the lexicon has one, else digits.
    public func number(_ n: Int) -> String {
        n >= 0 && n < numbers.count ? numbers[n] : String(n)
    }

    /// A counted noun phrase: "a large striped red circle", "three blue squares", "one shape".
    public func nounPhrase(count: Int, _ parts: PhraseParts) -> String {
        switch grammar {
        case .english:
            var words: [String] = []
            if let size = parts.size { words.append(sizes[size] ?? size) }
            if let fill = parts.fill { words.append(fills[fill] ?? fill.rawValue) }
            if let color = parts.color { words.append(colors[color] ?? color) }
            let noun = parts.shape.flatMap { shapes[$0] } ?? shapeNoun
            words.append(count == 1 ? noun.one : noun.many)
            let body = words.joined(separator: " ")
            return count == 1 ? "\(indefiniteArticle(for: body)) \(body)" : "\(number(count)) \(body)"
        }
    }

    /// "a" or "an" by the sound the next word starts with.
    public func indefiniteArticle(for text: String) -> String {
        let lower = text.lowercased()
        guard let first = lower.first, "aeiou".contains(first) else { return "a" }
        return articleExceptions.contains(where: { lower.hasPrefix($0) }) ? "a" : "an"
    }

    /// "a", "a and b", "a, b and c".
    public func joinList(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: listSeparator) + listLast + items[items.count - 1]
        }
    }
}

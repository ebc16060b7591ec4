import SceneModel

/// The words and sentence templates of conversations in one language (lexicon section
/// `conversation:`). Each phrase has one or more variants, one chosen per turn; slots are
/// `{name}`, filled with phrases the grammar builds. The first letter of every sentence is
/// capitalised by the writer.
public struct ConversationWords: Sendable, Hashable {
    /// The template groups a lexicon's `conversation.phrases` must have, with their slots.
    public enum Phrase: String, CaseIterable, Sendable {
        case describeShort = "describe_short"
        case describeDetailed = "describe_detailed"
        case list
        case listAnswer = "list_answer"
        case whereIs = "where"
        case whatIsAt = "what_is_at"
        case whatIsAtAnswer = "what_is_at_answer"
        case followQuery = "follow_query"
        case followCount = "follow_count"
        case verify
        case verifyYes = "verify_yes"
        case verifyNo = "verify_no"
        case absent
        case setNone = "set_none"
        case setOne = "set_one"
        case setMany = "set_many"
        case extreme
        case query
        case answer
        case union
        case intersect

        /// The slots its templates may use.
        public var slots: Set<String> {
            switch self {
            case .describeShort, .describeDetailed, .list: []
            case .listAnswer: ["n", "items"]
            case .whereIs: ["x"]
            case .whatIsAt: ["box"]
            case .whatIsAtAnswer: ["x"]
            case .followQuery: ["attribute"]
            case .followCount: ["adj"]
            case .verify, .verifyYes: ["x", "value"]
            case .verifyNo: ["x", "value", "claimed"]
            case .absent: ["x"]
            case .setNone: ["x"]
            case .setOne: ["x", "members"]
            case .setMany: ["x", "n", "members"]
            case .extreme: ["extreme", "member"]
            case .query: ["attribute", "member", "value"]
            case .answer: ["answer"]
            case .union, .intersect: ["a", "b"]
            }
        }
    }

    /// Variants per phrase, indexed by `Phrase.allCases` order.
    public var phrases: [[String]]
    /// Attribute names ("color", 颜色), by `Attribute` case.
    public var attributes: [String: String]
    /// The overlap relation's phrase, `~` standing for the other object ("overlapping ~").
    public var overlapping: String

    public init(phrases: [Phrase: [String]], attributes: [String: String], overlapping: String) {
        self.phrases = Phrase.allCases.map { phrases[$0] ?? [] }
        self.attributes = attributes
        self.overlapping = overlapping
    }

    public func variants(_ p: Phrase) -> [String] { phrases[ConversationWords.ordinal(p)] }

    /// `Phrase.allCases` once (the property builds a new array at each use).
    static let order = Phrase.allCases

    static func ordinal(_ p: Phrase) -> Int { order.firstIndex(of: p) ?? 0 }

    /// A variant of `p` chosen by `rng`, its slots filled from `fills` (slot name, text).
    func say(_ p: Phrase, _ fills: [(String, String)], _ rng: inout Xoshiro256) -> String {
        let options = variants(p)
        guard !options.isEmpty else { return "" }
        let template = options[rng.int(in: 0...options.count - 1)]
        return ConversationWords.fill(template, fills)
    }

    /// The template with each `{name}` replaced by its fill; text outside slots as it is.
    /// Scans UTF-8 bytes (`{` and `}` are ASCII, never inside a multi-byte character): a
    /// character-by-character scan cost a tenth of a conversation's describing.
    static func fill(_ template: String, _ fills: [(String, String)]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(template.utf8.count + 96)
        let bytes = template.utf8
        var i = bytes.startIndex
        while i != bytes.endIndex {
            let b = bytes[i]
            guard b == UInt8(ascii: "{"), let close = bytes[i...].firstIndex(of: UInt8(ascii: "}")) else {
                out.append(b)
                i = bytes.index(after: i)
                continue
            }
            let name = bytes[bytes.index(after: i)..<close]
            if let f = fills.first(where: { $0.0.utf8.elementsEqual(name) }) { out.append(contentsOf: f.1.utf8) }
            i = bytes.index(after: close)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

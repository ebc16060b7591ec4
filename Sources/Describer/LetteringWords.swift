import Foundation

/// What captions and referring expressions say about the text drawn in a scene (lexicon section
/// `lettering:`, for plans with `lettering:`). Templates are plain strings with slots in braces:
/// `{W}` a quoted string (or the quoted strings, listed), `{A}` a color word, `{X}` an object
/// named by its attributes, `{items}` clauses joined by `itemSeparator` and `itemLast`.
public struct LetteringWords: Sendable {
    /// The quotation marks around a written string (`"` and `"`, “ and ”).
    public var open: String
    public var close: String
    /// Short caption, signs: "the sign reads {W}." / "the signs read {W}.".
    public var signsShort: (one: String, many: String)
    /// Detailed caption, signs: "the sign reads {items}." with `signItem` "{W} in {A}".
    public var signsDetailed: (one: String, many: String)
    public var signItem: String
    /// Short caption, labels: "the label reads {W}." / "the labels read {W}.".
    public var labelsShort: (one: String, many: String)
    /// Detailed caption, labels: "{items}." with `labelItem` "{X} is labelled {W}".
    public var labelsDetailed: String
    public var labelItem: String
    /// How clauses are joined: ", " and " and " (Chinese "，" and "，").
    public var itemSeparator: String
    public var itemLast: String
    /// Referring expressions: a text item by its string ("the text {W}"), an object by its
    /// label ("the shape labelled {W}").
    public var textRef: String
    public var labelRef: String

    public init(
        open: String, close: String, signsShort: (one: String, many: String),
        signsDetailed: (one: String, many: String), signItem: String, labelsShort: (one: String, many: String),
        labelsDetailed: String, labelItem: String, itemSeparator: String, itemLast: String, textRef: String,
        labelRef: String
    ) {
        self.open = open
        self.close = close
        self.signsShort = signsShort
        self.signsDetailed = signsDetailed
        self.signItem = signItem
        self.labelsShort = labelsShort
        self.labelsDetailed = labelsDetailed
        self.labelItem = labelItem
        self.itemSeparator = itemSeparator
        self.itemLast = itemLast
        self.textRef = textRef
        self.labelRef = labelRef
    }

    /// Every template with the slots it may use, for the lexicon reader's checks.
    public var templates: [(key: String, template: String, slots: Set<String>)] {
        [
            ("signs_short.one", signsShort.one, ["W"]), ("signs_short.many", signsShort.many, ["W"]),
            ("signs_detailed.one", signsDetailed.one, ["items"]),
            ("signs_detailed.many", signsDetailed.many, ["items"]), ("sign_item", signItem, ["W", "A"]),
            ("labels_short.one", labelsShort.one, ["W"]), ("labels_short.many", labelsShort.many, ["W"]),
            ("labels_detailed", labelsDetailed, ["items"]), ("label_item", labelItem, ["X", "W"]),
            ("text_ref", textRef, ["W"]), ("label_ref", labelRef, ["W"]),
        ]
    }

    /// The string in quotation marks, as written.
    public func quoted(_ s: String) -> String { open + s + close }

    /// `template` with each `{slot}` replaced by its value.
    public static func fill(_ template: String, _ slots: [(String, String)]) -> String {
        var out = template
        for (name, value) in slots { out = out.replacingOccurrences(of: "{\(name)}", with: value) }
        return out
    }

    /// Clauses joined: "a, b and c".
    func joined(_ items: [String]) -> String {
        var out = ""
        for (i, s) in items.enumerated() {
            if i > 0 { out += i == items.count - 1 ? itemLast : itemSeparator }
            out += s
        }
        return out
    }
}

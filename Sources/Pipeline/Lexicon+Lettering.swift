import Describer
import PlanFiles

extension LetteringWords {
    /// Reads the lexicon section `lettering:` (docs/LANGUAGES.md, "Text and charts in captions
    /// and references"): quotation marks, the caption templates of signs and labels (`one` and
    /// `many` where the count matters), how clauses are joined, and the two references. Each
    /// template may use only its own slots.
    init(_ node: YAMLValue) throws(PlanError) {
        try node.checkKeys([
            "quotes", "signs_short", "signs_detailed", "sign_item", "labels_short", "labels_detailed", "label_item",
            "items", "text_ref", "label_ref",
        ])
        let quotesNode = try node.required("quotes")
        let quotes = try quotesNode.strings()
        guard quotes.count == 2 else { throw quotesNode.error("expected [open, close]") }
        func pair(_ key: String) throws(PlanError) -> (one: String, many: String) {
            let n = try node.required(key)
            try n.checkKeys(["one", "many"])
            return (try n.required("one").string(), try n.required("many").string())
        }
        let items = try node.required("items")
        try items.checkKeys(["separator", "last"])
        self.init(
            open: quotes[0], close: quotes[1], signsShort: try pair("signs_short"),
            signsDetailed: try pair("signs_detailed"), signItem: try node.required("sign_item").string(),
            labelsShort: try pair("labels_short"), labelsDetailed: try node.required("labels_detailed").string(),
            labelItem: try node.required("label_item").string(),
            itemSeparator: try items.required("separator").string(), itemLast: try items.required("last").string(),
            textRef: try node.required("text_ref").string(), labelRef: try node.required("label_ref").string())
        for (key, template, slots) in templates {
            var rest = Substring(template)
            while let open = rest.firstIndex(of: "{") {
                guard let close = rest[open...].firstIndex(of: "}") else {
                    throw node.error("lettering.\(key): template '\(template)' has an unclosed '{'")
                }
                let name = String(rest[rest.index(after: open)..<close])
                guard slots.contains(name) else {
                    throw node.error(
                        "lettering.\(key): template '\(template)' uses slot {\(name)}; it has: \(slots.sorted().joined(separator: ", "))"
                    )
                }
                rest = rest[rest.index(after: close)...]
            }
        }
    }
}

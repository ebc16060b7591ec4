/// The template groups of questions in a lexicon: one per question family, with variants where
/// a family asks in several ways (compare counts: more, fewer, same).
public enum QuestionKind: String, CaseIterable, Sendable {
    case exist, count
    case queryColor = "query_color"
    case queryShape = "query_shape"
    case querySize = "query_size"
    case queryFill = "query_fill"
    case compareMore = "compare_more"
    case compareFewer = "compare_fewer"
    case compareSame = "compare_same"
    case sameColor = "same_color"
    case sameShape = "same_shape"
    case sameSize = "same_size"
    case sameFill = "same_fill"
    case relateExist = "relate_exist"
    case relateCount = "relate_count"
    case logicOr = "logic_or"
    case logicAnd = "logic_and"
    case overlap
    case rowCount = "row_count"
    case columnCount = "column_count"
    case groupCount = "group_count"
    case insideCount = "inside_count"
    case frontExist = "front_exist"
    case readText = "read_text"
    case readColoredText = "read_colored_text"
    case textColor = "text_color"
    case textCount = "text_count"
    case textCountColored = "text_count_colored"
    case textExist = "text_exist"
    case labelQuery = "label_query"
    case labelledColor = "labelled_color"
    case labelledShape = "labelled_shape"

    /// Position in `allCases` (tables of templates are indexed by it).
    var ordinal: Int { QuestionKind.all.firstIndex(of: self) ?? 0 }

    private static let all = allCases
}

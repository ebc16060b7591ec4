import SceneModel

/// The question families. Each builds its questions with one function of ``QuestionEngine``
/// in its own file (Questions/Family+<Name>.swift); templates for every language live in the
/// lexicons.
public enum QuestionFamily: String, CaseIterable, Sendable {
    case exist, count
    case queryColor = "query_color"
    case queryShape = "query_shape"
    case querySize = "query_size"
    case queryFill = "query_fill"
    case compareCount = "compare_count"
    case compareAttribute = "compare_attribute"
    case logic
    case relateQuery = "relate_query"
    case relateCount = "relate_count"
    case relateExist = "relate_exist"
    case nearestQuery = "nearest_query"
    case overlapExist = "overlap_exist"
    case superlative
    case twoHop = "two_hop"
    /// Grid: "how many red things are in the second row?" (rows or columns).
    case lineCount = "line_count"
    /// Grid, row and column layouts: an attribute of the object named by its place ("the third
    /// thing from the left", "the thing in the top-right cell", "the circle in the second row").
    case lineQuery = "line_query"
    /// Clusters: "how many groups of things are there?".
    case groupCount = "group_count"
    /// Nested: an attribute of the object inside a container, or of the container holding an
    /// object ("what color is the star inside the blue square?").
    case insideQuery = "inside_query"
    /// Nested: "how many red things are inside the blue square?".
    case insideCount = "inside_count"
    /// Stack: "is the red circle in front of the blue square?".
    case frontExist = "front_exist"
    /// Stack: an attribute of the object behind (or in front of) another ("what color is the
    /// thing behind the star?").
    case behindQuery = "behind_query"
    /// Text (plans with `lettering:`): "What is written in the image?" (one text), "What is
    /// written in red?".
    case readText = "read_text"
    /// "What color is the text "EXIT"?".
    case textColor = "text_color"
    /// "How many texts are written in red?".
    case textCount = "text_count"
    /// "Is "EXIT" written in the image?".
    case textExist = "text_exist"
    /// Labels: "What is written on the red square?".
    case labelQuery = "label_query"
    /// Labels: "What color is the shape labelled "7"?", "Which shape is labelled "B"?".
    case labelledQuery = "labelled_query"

    /// Families every plan may ask; the others need a layout that gives their words meaning,
    /// or text in the images.
    public static let general: [QuestionFamily] = allCases.filter { $0.layouts == nil && $0.lettering == nil }

    /// The lettering kinds (`signs`, `labels`) whose scenes this family's words describe; nil
    /// for families about shapes only.
    public var lettering: [String]? {
        switch self {
        case .readText, .textColor, .textCount, .textExist: ["signs", "labels"]
        case .labelQuery, .labelledQuery: ["labels"]
        default: nil
        }
    }

    /// The layouts (by plan name) whose scenes this family's words describe; nil for all.
    public var layouts: [String]? {
        switch self {
        case .lineCount: ["grid"]
        case .lineQuery: ["grid", "row", "column"]
        case .groupCount: ["clusters"]
        case .insideQuery, .insideCount: ["nested"]
        case .frontExist, .behindQuery: ["stack"]
        default: nil
        }
    }

    /// Difficulty level by relation hops: easy has none, medium one (a relation or a
    /// superlative), hard two chained relations.
    public var level: Difficulty {
        switch self {
        case .exist, .count, .queryColor, .queryShape, .querySize, .queryFill, .compareCount, .compareAttribute, .logic:
            .easy
        case .groupCount, .readText, .textColor, .textCount, .textExist, .labelQuery, .labelledQuery: .easy
        case .relateQuery, .relateCount, .relateExist, .nearestQuery, .overlapExist, .superlative, .lineCount,
            .lineQuery, .insideQuery, .insideCount, .frontExist, .behindQuery:
            .medium
        case .twoHop: .hard
        }
    }
}

public enum Difficulty: String, CaseIterable, Sendable {
    case easy, medium, hard
}

/// VQA's answer types.
public enum AnswerType: String, Sendable {
    case yesNo = "yes/no"
    case number
    case other
}

/// The attribute a question asks about or compares.
public enum Attribute: String, CaseIterable, Sendable {
    case color, shape, size, fill

    /// `allCases`, in declaration order.
    static let all = allCases

    var query: ProgramFunction {
        switch self {
        case .color: .queryColor
        case .shape: .queryShape
        case .size: .querySize
        case .fill: .queryFill
        }
    }

    var equal: ProgramFunction {
        switch self {
        case .color: .equalColor
        case .shape: .equalShape
        case .size: .equalSize
        case .fill: .equalFill
        }
    }

    var queryKind: QuestionKind {
        switch self {
        case .color: .queryColor
        case .shape: .queryShape
        case .size: .querySize
        case .fill: .queryFill
        }
    }

    var sameKind: QuestionKind {
        switch self {
        case .color: .sameColor
        case .shape: .sameShape
        case .size: .sameSize
        case .fill: .sameFill
        }
    }

    func value(of o: SceneObject) -> String {
        switch self {
        case .color: o.color.name
        case .shape: o.shape.rawValue
        case .size: o.size
        case .fill: o.fill.rawValue
        }
    }
}

import Foundation
import SceneModel

/// The words and caption templates of one language, read from assets/lang/<code>.yaml.
/// Grammar that words cannot carry (articles, plurals, measure words) lives in ``Grammar``.
public struct Lexicon: Sendable {
    public struct Noun: Sendable, Hashable {
        public var one: String
        public var many: String
        /// The classifier used when counting (Chinese 个, 颗...); empty where the language has none.
        public var measure: String

        public init(one: String, many: String, measure: String) {
            self.one = one
            self.many = many
            self.measure = measure
        }
    }

    public var code: String
    public var name: String
    public var grammar: Grammar
    public var shapes: [ShapeKind: Noun] { didSet { rebuildTables() } }
    public var shapeNoun: Noun
    public var colors: [String: String] { didSet { rebuildTables() } }
    public var backgrounds: [String: String]
    public var sizes: [String: String] { didSet { rebuildTables() } }
    public var fills: [Fill: String] { didSet { rebuildTables() } }
    // Fast forms of the tables above for the grammar's hot path.
    var shapeNouns: [Noun] = []
    var colorWords: [String: String] = [:]
    var sizeWords: [String: String] = [:]
    var fillWords: [String] = []
    /// Attribute values (color, shape, size and fill names) to their words, for answers.
    var tokenWords: [String: String] = [:]
    /// `directions` and `questions` as lists indexed by case (dictionary lookups hash the
    /// raw-value string; these run for every question and statement).
    var directionWords: [String] = []
    var questionTemplates: [[Template]] = []
    public var numbers: [String]
    public var listSeparator: String
    public var listLast: String
    public var articleExceptions: [String]
    public var shortTemplates: [Template]
    public var detailedTemplates: [Template]
    /// The noun used when no shape is named ("thing", 物体): the first of `things` unless a
    /// sample chose a synonym (see ``choosingSynonyms(_:)``).
    public var thing: Noun
    /// Synonyms for `thing` ("thing", "object"), one chosen per image and language.
    public var things: [Noun]
    public var directions: [Relations.Direction: String] { didSet { rebuildTables() } }
    public var extremes: [Extreme: String]
    /// The words of nearness ("nearest to", 最近).
    public var nearest: String
    public var yes: String
    public var no: String
    /// Words of layouts: ordinals, rows and columns, corners, groups.
    public var layout: LayoutWords
    /// Question templates by kind (see ``QuestionKind``).
    public var questions: [QuestionKind: [Template]] { didSet { rebuildTables() } }
    /// "{A} is {rel} {B}." sentences, appended to detailed captions when a relation can be stated.
    public var relationStatements: [Template]
    /// Conversation templates (section `conversation:`); nil when the lexicon has none, and
    /// then a plan with conversations cannot use the language.
    public var conversation: ConversationWords?
    /// What captions and references say about drawn text (section `lettering:`); nil when the
    /// lexicon has none, and then a plan with lettering cannot use the language.
    public var lettering: LetteringWords?

    /// Slots a caption template may use.
    public static let captionSlots: Set<String> = [
        "background", "count_shapes", "groups", "shape_groups", "detailed_groups", "largest",
    ]

    /// Slots a question or statement template may use.
    public static let questionSlots: Set<String> = [
        "X", "X.indef", "X.plural", "A", "B", "A.plural", "B.plural", "A.adj", "B.adj", "rel", "n", "W",
    ]

    public init(
        code: String, name: String, grammar: Grammar, shapes: [ShapeKind: Noun], shapeNoun: Noun,
        colors: [String: String], backgrounds: [String: String], sizes: [String: String], fills: [Fill: String],
        numbers: [String], listSeparator: String, listLast: String, articleExceptions: [String],
        shortTemplates: [Template], detailedTemplates: [Template], thing: Noun, things: [Noun],
        directions: [Relations.Direction: String], extremes: [Extreme: String], nearest: String, yes: String,
        no: String, layout: LayoutWords, questions: [QuestionKind: [Template]], relationStatements: [Template]
    ) {
        self.code = code
        self.name = name
        self.grammar = grammar
        self.shapes = shapes
        self.shapeNoun = shapeNoun
        self.colors = colors
        self.backgrounds = backgrounds
        self.sizes = sizes
        self.fills = fills
        self.numbers = numbers
        self.listSeparator = listSeparator
        self.listLast = listLast
        self.articleExceptions = articleExceptions
        self.shortTemplates = shortTemplates
        self.detailedTemplates = detailedTemplates
        self.thing = thing
        self.things = things
        self.directions = directions
        self.extremes = extremes
        self.nearest = nearest
        self.yes = yes
        self.no = no
        self.layout = layout
        self.questions = questions
        self.relationStatements = relationStatements
        rebuildTables()
    }

    /// The lexicon with one of its synonyms chosen by `rng` (wording only: what is said stays
    /// the same).
    public func choosingSynonyms(_ rng: inout Xoshiro256) -> Lexicon {
        guard things.count > 1, let t = rng.pick(things) else { return self }
        var copy = self
        copy.thing = t
        return copy
    }

    /// Builds the grammar's fast lookup tables from the word dictionaries.
    mutating func rebuildTables() {
        shapeNouns = ShapeKind.allCases.map { shapes[$0] ?? Noun(one: $0.rawValue, many: $0.rawValue, measure: "") }
        colorWords = colors
        sizeWords = sizes
        fillWords = Fill.allCases.map { fills[$0] ?? $0.rawValue }
        // Inserted from the lowest precedence up, so a name shared by two kinds (none today)
        // says what the dictionaries' order says: color, shape, size, fill.
        var tokens: [String: String] = [:]
        for (i, f) in Fill.allCases.enumerated() { tokens[f.rawValue] = fillWords[i] }
        for (k, v) in sizes { tokens[k] = v }
        for (i, k) in ShapeKind.allCases.enumerated() { tokens[k.rawValue] = shapeNouns[i].one }
        for (k, v) in colors { tokens[k] = v }
        tokenWords = tokens
        directionWords = Relations.Direction.all.map { directions[$0] ?? $0.rawValue }
        questionTemplates = QuestionKind.allCases.map { questions[$0] ?? [] }
    }

    /// The background as captions name it: its color's word, after its pattern's when it has
    /// one ("striped white", 带条纹的白色).
    public func background(of scene: Scene) -> String {
        let color = backgrounds[scene.background.name] ?? scene.background.name
        guard let fill = scene.backgroundPattern?.fill, let word = fills[fill] else { return color }
        return grammar == .chinese ? word + "的" + color : word + " " + color
    }
}

/// The words layouts add (lexicon section `layout`): ordinals for rows, columns and places in a
/// line, the words for row and column, "from the left" / "from the top", and corner cells.
public struct LayoutWords: Sendable {
    /// "first", "second", … (第一, 第二, …); at least 12, the most lines a layout has.
    public var ordinals: [String]
    public var row: String
    public var column: String
    /// How places along a line are counted: columns "from the left", rows "from the top".
    public var fromLeft: String
    public var fromTop: String
    public var corners: [Corner: String]
    /// Phrases of nested and stacked layouts, `~` standing for the anchor: "inside ~",
    /// "that contains ~", "in front of ~", "behind ~" (在~里面, 包含~, 在~前面, 在~后面).
    public var relations: [Relations.Layering: String]

    public func ordinal(_ k: Int) -> String { k >= 1 && k <= ordinals.count ? ordinals[k - 1] : String(k) }
    public func lineWord(_ axis: LineAxis) -> String { axis == .row ? row : column }
    public func from(_ axis: LineAxis) -> String { axis == .column ? fromLeft : fromTop }

    public init(
        ordinals: [String], row: String, column: String, fromLeft: String, fromTop: String,
        corners: [Corner: String], relations: [Relations.Layering: String]
    ) {
        self.ordinals = ordinals
        self.row = row
        self.column = column
        self.fromLeft = fromLeft
        self.fromTop = fromTop
        self.corners = corners
        self.relations = relations
    }
}

import SceneModel

/// The plan's `lettering:` section: text drawn into scenes with real fonts. `signs` places
/// free-standing lines in the space the objects leave; `labels` writes a label inside or beside
/// objects. Every choice is weighted; texts come from word lists (assets/words/<name>.txt, one
/// text per line) per language, and fonts are the catalog's families (docs/SCENES.md).
public struct Lettering: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Free-standing lines of text ("OPEN", "出口") where no object is.
        case signs
        /// A label per object (a share of them), inside its hollow or face, or beside it.
        case labels
    }

    public enum Placement: String, Sendable, Hashable, CaseIterable {
        case inside, beside
    }

    /// A language's texts: the list's name and its lines, with their line numbers for messages.
    public struct WordList: Sendable, Hashable {
        public var language: String
        public var name: String
        public var texts: [String]
    }

    public var kind: Kind
    /// Signs per image.
    public var count: ClosedRange<Int> = 1...3
    /// Labels: the share of objects that get one.
    public var share = 1.0
    public var placements: [ScenePlan.Weighted<Placement>] = [.init(value: .inside, weight: 1)]
    public var languages: [ScenePlan.Weighted<WordList>]
    /// Font families with weights; each item takes one that covers its language.
    public var fonts: [ScenePlan.Weighted<String>]
    /// "regular", "bold"; an item takes one its family has.
    public var weights: [ScenePlan.Weighted<String>] = [.init(value: "regular", weight: 1)]
    /// Pixels per em, drawn uniformly and rounded to half pixels.
    public var size: ClosedRange<Double> = 14...28
    /// Degrees, clockwise; drawn uniformly and rounded to hundredths.
    public var rotation: ClosedRange<Double> = 0...0
    /// Text colors; an item takes one that stands out from everything beneath it.
    public var colors: [ScenePlan.Weighted<NamedColor>]
    /// Least CIEDE2000 distance between a text's color and every color beneath it.
    public var minContrast = 30.0
    /// Pixels kept between a text's ink and objects, other texts and the canvas border.
    public var gap = 3.0
    /// The canvas background beneath the text: plain, or a pattern in a shade of it
    /// (`background_patterns:`), drawn once per image; nil when the plan offers none (its
    /// images and records are as before patterns existed).
    public var backgroundPatterns: [ScenePlan.Weighted<BackgroundPattern>]?
    /// Which families cover which languages (the font catalog's), for choosing fonts.
    public var fontLanguages: [String: [String]] = [:]
    /// Which weights each family has (the font catalog's).
    public var fontWeights: [String: [String]] = [:]
}

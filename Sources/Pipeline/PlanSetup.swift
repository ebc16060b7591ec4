import Describer
import Foundation
import PNGCodec
import PlanFiles
import SampleRecords
import SceneSampler

/// What every command that makes samples starts from: a plan, the lexicons of its languages,
/// checked to cover it, and the text options, the plan's unless the command line overrides them.
public struct PlanSetup: Sendable {
    public var plan: ScenePlan
    public var lexicons: [Lexicon]
    public var text: TextOptions
    public var languages: [String]
    /// What a sample's one caption file (`<key>.txt`) holds.
    public var caption: CaptionChoice
    /// The installation: `assets/` and `scenes/`.
    public var home: URL
    /// The plan file as the user named it (or the default's name under `scenes/`).
    public var planPath: String
    public var planURL: URL
    /// The plan file's bytes (the run is identified by their CRC-32).
    public var planBytes: [UInt8]

    /// What the command line may override of a plan's `text:` section.
    public struct TextOverrides: Sendable {
        public var languages: [String]?
        public var questions: Int?
        public var refs: Int?
        public var negatives: Int?
        public var families: [QuestionFamily]?
        public var caption: CaptionChoice?

        public init(
            languages: [String]? = nil, questions: Int? = nil, refs: Int? = nil, negatives: Int? = nil,
            families: [QuestionFamily]? = nil, caption: CaptionChoice? = nil
        ) {
            self.caption = caption
            self.languages = languages
            self.questions = questions
            self.refs = refs
            self.negatives = negatives
            self.families = families
        }
    }

    /// Loads `plan` (default: `scenes/shapes.yaml` of the installation) and its lexicons.
    public init(plan path: String?, overrides: TextOverrides = TextOverrides()) throws {
        let home = try ResourceLocator.home()
        let url = path.map { URL(fileURLWithPath: $0) } ?? ResourceLocator.defaultPlan(home: home)
        let shown = path ?? "scenes/shapes.yaml"
        guard FileManager.default.fileExists(atPath: url.path),
            let data = FileManager.default.contents(atPath: url.path)
        else {
            throw PlanError(file: shown, message: "no such plan file; `scenewright plans` lists the shipped ones")
        }
        try self.init(planBytes: [UInt8](data), shown: shown, url: url, home: home, overrides: overrides)
    }

    /// A plan given as the bytes of a plan file (a derived plan, `generate --focus`), shown as
    /// `shown`, to be written at `url`.
    public init(planBytes: [UInt8], shown: String, url: URL, overrides: TextOverrides = TextOverrides()) throws {
        try self.init(
            planBytes: planBytes, shown: shown, url: url, home: try ResourceLocator.home(), overrides: overrides)
    }

    private init(planBytes: [UInt8], shown: String, url: URL, home: URL, overrides: TextOverrides) throws {
        guard let source = String(validating: planBytes, as: UTF8.self) else {
            throw PlanError(file: shown, message: "the file is not UTF-8 text")
        }
        let loaded = try ScenePlan.parse(try YAMLValue.parse(source, file: shown), home: home)
        let codes = overrides.languages ?? loaded.text.languages
        var lexicons: [Lexicon] = []
        for code in codes {
            let lexicon = try Lexicon.load(code: code, home: home)
            try lexicon.check(covers: loaded)
            lexicons.append(lexicon)
        }
        var text = try TextOptions(
            settings: loaded.text, file: shown, layout: loaded.layout, lettering: loaded.lettering?.kind.rawValue)
        if let questions = overrides.questions { text.questions = questions }
        if let refs = overrides.refs { text.refs = refs }
        if let negatives = overrides.negatives { text.negatives = negatives }
        if let families = overrides.families { text.families = families.map { ($0, 1) } }
        var caption = CaptionChoice.standard
        if let entries = loaded.text.txt {
            var options: [CaptionChoice.Option] = []
            for e in entries {
                do { options.append(try CaptionChoice.option(e.name, weight: e.weight)) } catch {
                    throw PlanError(
                        file: shown, line: e.line, column: e.column, field: e.field, message: error.description)
                }
            }
            caption = CaptionChoice(options: options)
        }
        caption = overrides.caption ?? caption
        if let missing = caption.languages.first(where: { !codes.contains($0) }) {
            throw PlanError(
                file: overrides.caption == nil ? shown : "--txt", field: overrides.caption == nil ? "text.txt" : "",
                message:
                    "the caption file asks for language '\(missing)', but the run's languages are \(codes.joined(separator: ", "))"
            )
        }
        self.caption = caption
        if text.conversations != nil {
            for l in lexicons where l.conversation == nil {
                throw PlanError(
                    file: "assets/lang/\(l.code).yaml", field: "conversation",
                    message: "no conversation templates, which plan '\(loaded.name)' needs for its conversations")
            }
        }
        self.plan = loaded
        self.lexicons = lexicons
        self.text = text
        self.languages = codes
        self.home = home
        self.planPath = shown
        self.planURL = url
        self.planBytes = planBytes
    }

    /// The factory of this plan's samples.
    /// `twins`: counterfactual twins per sample, the plan's `twins:` when nil.
    public func factory(seed: UInt64, text: TextOptions? = nil, png: PNGOptions, twins: Int? = nil) -> SampleFactory {
        SampleFactory(
            plan: plan, seed: seed, lexicons: lexicons, text: text ?? self.text, png: png, caption: caption,
            twins: twins ?? plan.twins)
    }

    /// Each plan shipped in `scenes/`, as `scenes/<file>`, with its description or why it does
    /// not load.
    public static func shippedPlans() throws -> [(file: String, description: Result<String, PlanError>)] {
        let home = try ResourceLocator.home()
        return ResourceLocator.shippedPlans(home: home).map { url in
            let shown = "scenes/" + url.lastPathComponent
            return (
                shown,
                Result { () throws(PlanError) -> String in
                    try ScenePlan.load(contentsOf: url, home: home, displayName: shown).description
                }
            )
        }
    }
}

extension PlanSetup {
    /// PNG settings, with the plan drawn as asked: `color` `.indexed` draws palette images at
    /// `coverageLevels` steps (else the plan's, else 16); any other color draws RGB with full
    /// anti-aliasing; nil keeps the plan's `canvas: color` (and `coverageLevels` then applies
    /// only to a plan drawn indexed). Indexed images use zlib's RLE strategy.
    public mutating func draw(
        color: PNGOptions.ColorType?, coverageLevels: Int?, level: Int, filter: PNGOptions.RowFilter
    )
        -> PNGOptions
    {
        switch color {
        case .indexed?: plan.coverageLevels = coverageLevels ?? plan.coverageLevels ?? 16
        case nil: if let coverageLevels, plan.coverageLevels != nil { plan.coverageLevels = coverageLevels }
        case .some: plan.coverageLevels = nil
        }
        let chosen = color ?? (plan.coverageLevels == nil ? .rgb : .indexed)
        return PNGOptions(level: level, filter: filter, colorType: chosen, strategy: chosen.defaultStrategy)
    }
}

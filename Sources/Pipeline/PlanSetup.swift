import Describer
import Foundation
import PNGCodec
import PlanFiles
import SceneSampler

/// What every command that makes samples starts from: a plan, the lexicons of its languages,
/// checked to cover it, and the text options, the plan's unless the command line overrides them.
public struct PlanSetup: Sendable {
    public var plan: ScenePlan
    public var lexicons: [Lexicon]
    public var text: TextOptions
    public var languages: [String]
    /// The installation: `assets/` and `scenes/`.
    public var home: URL
    /// The plan file as the user named it (or the default's name under `scenes/`).
    public var planPath: String
    public var planURL: URL

    /// What the command line may override of a plan's `text:` section.
    public struct TextOverrides: Sendable {
        public var languages: [String]?
        public var questions: Int?
        public var refs: Int?
        public var negatives: Int?
        public var families: [QuestionFamily]?

        public init(
            languages: [String]? = nil, questions: Int? = nil, refs: Int? = nil, negatives: Int? = nil,
            families: [QuestionFamily]? = nil
        ) {
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
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw PlanError(file: shown, message: "no such plan file; `scenewright plans` lists the shipped ones")
        }
        let loaded = try ScenePlan.load(contentsOf: url, home: home, displayName: shown)
        let codes = overrides.languages ?? loaded.text.languages
        var lexicons: [Lexicon] = []
        for code in codes {
            let lexicon = try Lexicon.load(code: code, home: home)
            try lexicon.check(covers: loaded)
            lexicons.append(lexicon)
        }
        var text = try TextOptions(settings: loaded.text, file: shown, layout: loaded.layout)
        if let questions = overrides.questions { text.questions = questions }
        if let refs = overrides.refs { text.refs = refs }
        if let negatives = overrides.negatives { text.negatives = negatives }
        if let families = overrides.families { text.families = families.map { ($0, 1) } }
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
    }

    /// The factory of this plan's samples.
    public func factory(seed: UInt64, text: TextOptions? = nil, png: PNGOptions) -> SampleFactory {
        SampleFactory(plan: plan, seed: seed, lexicons: lexicons, text: text ?? self.text, png: png)
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

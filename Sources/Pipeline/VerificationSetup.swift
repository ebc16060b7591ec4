import DatasetWriters
import Describer
import Foundation
import PNGCodec
import PlanFiles
import SampleRecords
import SceneModel
import SceneSampler

/// What checking a written dataset needs besides the dataset: the lexicons of its languages and,
/// when the run's very plan file is at hand, the describer and relations the run used, and which
/// objects its holdout kept out of training.
public struct VerificationSetup {
    public var run: RunSetup
    public var lexicons: [String: Lexicon]
    /// nil when the run's plan was not found (wording and relations are then not compared).
    public var describer: Describer?
    public var relations: Relations
    /// For a training split of a plan with a holdout: what a held-out object is, nil otherwise.
    public var heldOut: (@Sendable (SceneObject) -> String?)?
    /// Why the plan is missing, for the user, when it is.
    public var note: String?

    /// Reads the run's manifest in `folder` and looks for its plan: the file `plan` when given,
    /// else the derived plan a focused run wrote into the folder, else the shipped plans, taking the one whose bytes have the run's checksum.
    public init(folder: String, plan: String?) throws {
        let home = try ResourceLocator.home()
        let manifestPath = folder + "/" + DatasetSink.stateFolder + "/" + DatasetSink.manifestName
        let manifest = try JSONValue.parse(try AtomicFile.read(manifestPath))
        run = try RunSetup(manifest: manifest, path: manifestPath)
        lexicons = [:]
        var ordered: [Lexicon] = []
        for code in run.info.languages {
            let lexicon = try Lexicon.load(code: code, home: home)
            lexicons[code] = lexicon
            ordered.append(lexicon)
        }
        relations = Relations(margin: 0)
        // A focused run keeps its derived plan in the folder (`focus_plan`).
        let focused = manifest["focus_plan"]?.stringValue.map { [URL(fileURLWithPath: folder + "/" + $0)] } ?? []
        let candidates = plan.map { [URL(fileURLWithPath: $0)] } ?? focused + ResourceLocator.shippedPlans(home: home)
        for url in candidates {
            guard let bytes = FileManager.default.contents(atPath: url.path),
                CRC32([UInt8](bytes)).hex == manifest["plan_crc32"]?.stringValue,
                let loaded = try? ScenePlan.load(contentsOf: url, home: home)
            else { continue }
            var options = try Self.textOptions(manifest, path: manifestPath)
            // Conversations come from the plan alone (no option overrides them), and this is
            // the run's plan byte for byte.
            if let c = loaded.text.conversations {
                options.conversations = try ConversationOptions(settings: c, file: url.path)
            }
            describer = Describer(plan: loaded, lexicons: ordered, options: options)
            relations = loaded.relations
            if let holdout = loaded.holdout, holdout.split == .train {
                heldOut = { o in loaded.isHeldOut(o) ? loaded.describe(loaded.condition(of: o)) : nil }
            }
            break
        }
        if describer == nil {
            note =
                "note: the run's plan '\(run.info.plan)' (CRC-32 \(manifest["plan_crc32"]?.stringValue ?? "?")) was not found; pass --plan to compare wording and relations"
        }
    }

    /// The run's text options, from its manifest (`text`).
    static func textOptions(_ manifest: JSONValue, path: String) throws(PipelineError) -> TextOptions {
        guard let text = manifest["text"], let questions = text["questions"]?.intValue,
            let refs = text["refs"]?.intValue, let negatives = text["negatives"]?.intValue
        else { throw .options("\(path): field 'text' is missing or incomplete") }
        func pairs<T>(_ name: String, _ make: (String) -> T?) -> [(T, Double)] {
            (text[name]?.arrayValue ?? []).compactMap { item in
                guard let a = item.arrayValue, a.count == 2, let k = a[0].stringValue.flatMap(make),
                    let w = a[1].doubleValue
                else { return nil }
                return (k, w)
            }
        }
        return TextOptions(
            questions: questions, refs: refs, negatives: negatives,
            families: pairs("families") { QuestionFamily(rawValue: $0) },
            difficulty: pairs("difficulty") { Difficulty(rawValue: $0) })
    }
}

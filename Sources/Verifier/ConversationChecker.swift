import Describer
import SampleRecords
import SceneModel

/// Checks a record's conversations against the scene measured from its pixels: every program
/// re-executed step by step, every stated intermediate result equal to its step's result,
/// every answer equal to the program's, every referent the one its step finds and every
/// follow-up about the previous turn's referent, every box the object's measured box, every
/// false premise about objects that are really absent.
struct ConversationChecker {
    let record: SampleRecord
    let facts: SceneFacts
    let measurements: [ObjectMeasurement]
    let lexicons: [String: Lexicon]
    let key: String

    static let kinds: Set<String> = [
        "describe_short", "describe_detailed", "list", "question", "follow_up", "where", "what_is_at", "verify",
        "false_premise",
    ]

    func defects() -> [Defect] {
        var out: [Defect] = []
        let ids = record.objects.map(\.object.id)
        for (c, conversation) in record.description.conversations.enumerated() {
            for (k, turn) in conversation.turns.enumerated() {
                let at = "conversations[\(c)].turns[\(k)] (\(conversation.language), \(turn.kind))"
                for m in problems(turn, previous: k > 0 ? conversation.turns[k - 1] : nil, ids, conversation.language) {
                    out.append(Defect(key, "conversations", "\(at): \(m)"))
                }
            }
        }
        return out
    }

    func problems(_ t: ConversationTurn, previous: ConversationTurn?, _ ids: [Int], _ language: String) -> [String] {
        var out: [String] = []
        guard Self.kinds.contains(t.kind) else { return ["unknown kind"] }
        guard let lexicon = lexicons[language] else { return ["no lexicon for language \(language)"] }
        let visible = measurements.indices.filter { measurements[$0].bbox != nil }
        func objectIndex(_ id: Int) -> Int? { ids.firstIndex(of: id) }
        switch t.kind {
        case "describe_short", "describe_detailed":
            if !t.program.nodes.isEmpty || !t.referent.isEmpty {
                out.append("a description names no program or objects")
            }
            return out
        case "list":
            if t.referent != visible.map({ ids[$0] }) {
                out.append("lists \(t.referent), the visible objects are \(visible.map { ids[$0] })")
            }
            return out
        case "what_is_at":
            guard t.referent.count == 1, let o = objectIndex(t.referent[0]) else { return ["names no single object"] }
            if t.bbox == nil || measurements[o].bbox != t.bbox {
                out.append("its box is not object \(t.referent[0])'s measured box")
            }
            if measurements.indices.contains(where: { $0 != o && measurements[$0].bbox == t.bbox }) {
                out.append("another object has the same box")
            }
            return out
        default: break
        }
        guard let trace = ProgramExecutor.trace(t.program, on: facts), let result = trace.last else {
            return ["its program does not run on the scene"]
        }
        func idsOf(_ v: ProgramValue) -> [Int]? {
            switch v {
            case .objects(let s): s.indices.map { ids[$0] }
            case .object(let o): [ids[o]]
            default: nil
            }
        }
        // The answer.
        switch t.kind {
        case "verify":
            guard case .token(let truth) = result else { return ["its program gives no attribute"] }
            let expected = t.claimed == truth ? lexicon.yes : lexicon.no
            if t.value != expected {
                out.append("answers \(t.value) to the claim '\(t.claimed)'; the scene gives '\(truth)'")
            }
        case "false_premise":
            if result != .boolean(false) { out.append("the objects it asks about are in the image") }
            if t.value != lexicon.no { out.append("value \(t.value), expected \(lexicon.no)") }
        case "where":
            guard t.referent.count == 1, let o = objectIndex(t.referent[0]) else { return ["names no single object"] }
            if result != .object(o) { out.append("its program does not find object \(t.referent[0])") }
            if t.bbox == nil || measurements[o].bbox != t.bbox {
                out.append("its box is not object \(t.referent[0])'s measured box")
            }
        default:
            let expected = Describer.answerWords(result, lexicon)
            if t.value != expected { out.append("answer \(t.value), the scene gives \(expected)") }
        }
        // Every stated step.
        for s in t.reasoning {
            guard s.step >= 0 && s.step < trace.count else {
                out.append("states step \(s.step), which the program does not have")
                continue
            }
            let actual = Reasoning.stated(trace[s.step], ids: { ids[$0] })
            if actual.objects != s.objects || actual.value != s.value {
                out.append(
                    "states step \(s.step) as \(s.objects) \(s.value); on the scene it gives \(actual.objects) \(actual.value)"
                )
            }
        }
        // The referent, and a follow-up's link to the turn before.
        if t.referentStep >= 0 {
            if t.referentStep >= trace.count || idsOf(trace[t.referentStep]) != t.referent {
                out.append("its referent \(t.referent) is not what step \(t.referentStep) finds")
            }
        }
        if t.kind == "follow_up" {
            guard let previous else { return out + ["a follow-up opens the conversation"] }
            if previous.referent != t.referent || t.referentStep < 0 {
                out.append("refers to \(t.referent), the previous turn named \(previous.referent)")
            } else if previous.referentStep < 0
                || Array(t.program.nodes.prefix(t.referentStep + 1))
                    != Array(previous.program.nodes.prefix(previous.referentStep + 1))
            {
                out.append("does not find the previous turn's referent the way that turn did")
            }
        }
        return out
    }
}

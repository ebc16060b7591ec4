import Describer
import SceneModel

extension TwinLink {
    /// The caption clauses of an anchor (``Describer/captionClauses``) that a twin makes false:
    /// its program gives another value there, or its referent is gone or not alone (`none`).
    /// A clause the twin leaves undecided is not listed.
    public static func captionFlips(_ clauses: [CaptionClause], _ twin: SceneFacts, lexicons: [Lexicon]) -> [Flip] {
        var outcomes = Outcomes(twin)
        return judged(clauses.map(\.language), lexicons: lexicons) { i, lexicon in
            let c = clauses[i]
            let now: String
            switch outcomes.of(c.program) {
            case .value(let v): now = Describer.answerWords(v, lexicon)
            case .referentFails: now = none
            case .undecided: return nil
            }
            let claimed = Describer.answerWords(c.claim, lexicon)
            guard now != claimed else { return nil }
            return Flip(
                list: "captions", item: c.item, language: c.language, level: c.level, text: c.text,
                program: c.program, anchor: claimed, twin: now)
        }
    }

    /// The flips `judge` finds among statements said in several languages (`languages`: each
    /// statement's), in the statements' order. Each statement is judged (by its position) with
    /// the lexicon of its language, the first of that code (statements in no lexicon's language
    /// are skipped), visiting the lexicons one after another: a lexicon is large to copy, so it
    /// is not fetched once per statement.
    public static func judged(
        _ languages: [String], lexicons: [Lexicon], _ judge: (Int, Lexicon) -> Flip?
    ) -> [Flip] {
        var found: [(item: Int, flip: Flip)] = []
        var codes: [String] = []
        for lexicon in lexicons where !codes.contains(lexicon.code) {
            codes.append(lexicon.code)
            for (i, language) in languages.enumerated() where language == lexicon.code {
                if let f = judge(i, lexicon) { found.append((i, f)) }
            }
        }
        found.sort { $0.item < $1.item }
        return found.map(\.flip)
    }

    /// What programs give on one scene, each distinct program run once: the languages say the
    /// same questions, references and most caption clauses with the same programs.
    public struct Outcomes {
        public let facts: SceneFacts
        var programs: [Program] = []
        var outcomes: [ProgramExecutor.Outcome] = []

        public init(_ facts: SceneFacts) { self.facts = facts }

        public mutating func of(_ program: Program) -> ProgramExecutor.Outcome {
            if let k = programs.firstIndex(of: program) { return outcomes[k] }
            let o = ProgramExecutor.outcome(program, on: facts)
            programs.append(program)
            outcomes.append(o)
            return o
        }
    }
}

import SceneModel

/// What fills a template slot, before it is said in a language.
public enum Slot: Hashable, Sendable {
    case referent(Referent)
    case filter(ObjectFilter)
    case direction(Relations.Direction)
    case token(String)
    /// An ordinal ("second", 第二) from the lexicon's layout words.
    case ordinal(Int)
    /// A written string, said as it is (in the lexicon's quotation marks, which the template holds).
    case written(String)
}

/// A question built once and said in every language: its program, its answer (the program's
/// result) and what fills its template's slots.
public struct QuestionSpec: Hashable, Sendable {
    public var family: QuestionFamily
    public var kind: QuestionKind
    public var program: Program
    public var answer: ProgramValue
    /// Slot name and filler, in the order the engine gave them (one to three).
    public var slots: [SlotFill]
    /// Relation hops of the program (relate and extreme steps).
    public var hops: Int

    public struct SlotFill: Hashable, Sendable {
        public var name: Template.Slot
        public var value: Slot
    }

    public func slot(_ name: Template.Slot) -> Slot? {
        for fill in slots where fill.name == name { return fill.value }
        return nil
    }

    public var answerType: AnswerType {
        switch answer {
        case .boolean: .yesNo
        case .integer: .number
        default: .other
        }
    }
}

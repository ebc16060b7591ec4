import SceneModel

/// One intermediate result an answer states: program step `step` gave `objects` (ids, for a
/// set or one object) or `value` (a count, yes/no or attribute, in the program's own words:
/// "2", "true", "red").
public struct StatedStep: Sendable, Hashable {
    public var step: Int
    public var objects: [Int]
    public var value: String

    public init(step: Int, objects: [Int], value: String) {
        self.step = step
        self.objects = objects
        self.value = value
    }
}

/// One exchange: what the user says and what the assistant answers, with what makes the answer
/// checkable: the program it ran, the results it stated, the objects it names and their box.
public struct ConversationTurn: Sendable, Hashable {
    /// What the turn is: `describe_short`, `describe_detailed`, `list`, `question`,
    /// `follow_up`, `where`, `what_is_at`, `verify`, `false_premise`.
    public var kind: String
    public var question: String
    public var answer: String
    /// The normalised answer ("yes", "2", "red"); empty for describe and list turns.
    public var value: String
    /// The question family of `question` turns; empty otherwise.
    public var family: String
    /// Empty for describe, list and what-is-at turns.
    public var program: Program
    /// The intermediate results the answer states, in the order it states them.
    public var reasoning: [StatedStep]
    /// The step of `program` whose result is `referent`, or -1. A follow-up's program first
    /// finds the previous turn's referent again: its referent is that one.
    public var referentStep: Int
    /// Ids of the objects the turn is about (a follow-up may refer to them).
    public var referent: [Int]
    /// The box a grounding turn states (where, what-is-at); nil otherwise.
    public var bbox: PixelBox?
    /// A verify turn's claimed attribute value (the program's result when the claim is true).
    public var claimed: String

    public init(
        kind: String, question: String, answer: String, value: String = "", family: String = "",
        program: Program = Program(), reasoning: [StatedStep] = [], referentStep: Int = -1, referent: [Int] = [],
        bbox: PixelBox? = nil, claimed: String = ""
    ) {
        self.kind = kind
        self.question = question
        self.answer = answer
        self.value = value
        self.family = family
        self.program = program
        self.reasoning = reasoning
        self.referentStep = referentStep
        self.referent = referent
        self.bbox = bbox
        self.claimed = claimed
    }
}

/// One conversation in one language. `shortfall` counts the turns the plan asked for that the
/// scene could not give as distinct true turns (none is repeated or invented instead).
public struct Conversation: Sendable, Hashable {
    public var language: String
    public var turns: [ConversationTurn]
    public var shortfall: Int

    public init(language: String, turns: [ConversationTurn], shortfall: Int) {
        self.language = language
        self.turns = turns
        self.shortfall = shortfall
    }
}

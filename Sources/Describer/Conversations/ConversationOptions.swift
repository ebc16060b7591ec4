import SceneModel

/// The kinds of turn a plan's `conversations.kinds` mixes. A kind names what the user asks;
/// the record names the turn more precisely (``ConversationTurn/kind``).
public enum TurnKind: String, CaseIterable, Sendable {
    /// "Describe the image" (short or detailed): answered with the sample's caption.
    case describe
    /// "List every object with its position": every visible object with its box.
    case list
    /// A question of any family the plan asks, answered with the reasoning level's steps.
    case question
    /// "And what color is it?" / "How many of those are striped?": about the previous turn's
    /// referent.
    case followUp = "follow_up"
    /// "Where is …?" answered with a box, or "What is at [box]?" answered with the object.
    case grounding
    /// "Is it true that …?" over a true statement or a hard negative.
    case verify
}

/// How much of a question's program an answer says before the answer itself.
public enum ReasoningLevel: String, CaseIterable, Sendable {
    /// The answer alone ("2").
    case none
    /// The last set the program found, then the answer.
    case brief
    /// Every program step with its intermediate result, then the answer.
    case steps
}

/// What the plan's `conversations:` section asks for.
public struct ConversationOptions: Sendable, Hashable {
    /// Conversations per image and turns (user message and answer) per conversation.
    public var count: Int
    public var turns: Int
    /// Kinds with weights (zero-weight kinds are never chosen).
    public var kinds: [TurnKindWeight]
    public var reasoning: ReasoningLevel
    /// The share of turns that ask about an object the image does not have.
    public var falsePremiseRate: Double
    /// The token syntax of boxes in grounding and list turns.
    public var boxes: GroundingStyle

    public struct TurnKindWeight: Sendable, Hashable {
        public var kind: TurnKind
        public var weight: Double
        public init(_ kind: TurnKind, _ weight: Double) {
            self.kind = kind
            self.weight = weight
        }
    }

    public init(
        count: Int = 1, turns: Int = 4, kinds: [TurnKindWeight] = TurnKind.allCases.map { TurnKindWeight($0, 1) },
        reasoning: ReasoningLevel = .steps, falsePremiseRate: Double = 0.1, boxes: GroundingStyle = .qwen
    ) {
        self.count = count
        self.turns = turns
        self.kinds = kinds
        self.reasoning = reasoning
        self.falsePremiseRate = falsePremiseRate
        self.boxes = boxes
    }
}

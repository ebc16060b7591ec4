import PlanFiles

/// The plan's `conversations:` section as written: how many conversations per image, turns per
/// conversation, the mix of turn kinds, the reasoning level, the false-premise rate and the box
/// syntax. Kind, level and style names are checked by the describer, which defines them;
/// each keeps its place in the file for the message.
public struct ConversationSettings: Sendable, Hashable {
    public struct Name: Sendable, Hashable {
        public var name: String
        public var line: Int?
        public var column: Int?
        public var field: String
    }

    public var count = 1
    public var turns = 4
    /// nil: every kind, equally weighted.
    public var kinds: [TextSettings.Entry]?
    public var reasoning: Name?
    public var falsePremiseRate = 0.1
    public var boxes: Name?

    public init() {}

    static func parse(_ node: YAMLValue?) throws(PlanError) -> ConversationSettings? {
        guard let node else { return nil }
        try node.checkKeys(["count", "turns", "kinds", "reasoning", "false_premise_rate", "boxes"])
        var c = ConversationSettings()
        if let v = try node.optional("count") {
            c.count = try v.int()
            guard (1...20).contains(c.count) else {
                throw v.error("conversations per image must be 1 to 20, got \(c.count)")
            }
        }
        if let v = try node.optional("turns") {
            c.turns = try v.int()
            guard (1...20).contains(c.turns) else {
                throw v.error("turns per conversation must be 1 to 20, got \(c.turns)")
            }
        }
        if let v = try node.optional("kinds") {
            c.kinds = try TextSettings.entries(v)
            if let kinds = c.kinds, !kinds.contains(where: { $0.weight > 0 }) {
                throw v.error("expected at least one turn kind with a positive weight")
            }
        }
        if let v = try node.optional("reasoning") {
            c.reasoning = Name(name: try v.string(), line: v.line, column: v.column, field: v.path)
        }
        if let v = try node.optional("false_premise_rate") {
            c.falsePremiseRate = try v.double()
            guard (0...1).contains(c.falsePremiseRate) else {
                throw v.error("false_premise_rate must be 0 to 1, got \(c.falsePremiseRate)")
            }
        }
        if let v = try node.optional("boxes") {
            c.boxes = Name(name: try v.string(), line: v.line, column: v.column, field: v.path)
        }
        return c
    }
}

/// A problem in a data file (a scene plan, a palette, a lexicon) or in what it asks for, with
/// where it is and what was expected, so a user can fix it without reading code.
public struct PlanError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file, as the user named it; empty when the problem is not in a file.
    public var file: String
    /// 1-based line and column, when known.
    public var line: Int?
    public var column: Int?
    /// Dotted path of the field, e.g. `objects.sizes.large`; empty for the whole file.
    public var field: String
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, field: String = "", message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    public var description: String {
        var location = file.isEmpty ? "plan" : file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return field.isEmpty ? "\(location): \(message)" : "\(location): \(field): \(message)"
    }
}

/// A file could not be written: the path and the system's reason.
public struct WriteError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "cannot write \(path): \(message)" }
}

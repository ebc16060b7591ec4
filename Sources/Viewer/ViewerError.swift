import DatasetWriters

/// Why a viewer could not be written, with the path involved and what to do about it: the
/// command prints it as is.
public struct ViewerError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    init(_ error: WriteError) {
        self.init(path: error.path, message: error.message)
    }

    public var description: String { "\(path): \(message)" }
}

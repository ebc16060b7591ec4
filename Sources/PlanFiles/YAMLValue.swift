import Foundation
import Yams

/// A node of a YAML data file that knows where it came from, so every conversion failure
/// becomes a ``PlanError`` naming the file, line, column and field.
public struct YAMLValue {
    /// What a node is, for readers that accept more than one shape of value.
    public enum Kind: Sendable { case scalar, mapping, list, alias }

    let node: Node
    public let file: String
    /// Dotted path from the document root ("" for the root).
    public let path: String

    init(node: Node, file: String, path: String) {
        self.node = node
        self.file = file
        self.path = path
    }

    /// A single value that is in no file (a default standing in for a missing field).
    public init(scalar: String, file: String = "", path: String = "") {
        self.init(node: .scalar(.init(scalar)), file: file, path: path)
    }

    public var kind: Kind {
        switch node {
        case .scalar: .scalar
        case .mapping: .mapping
        case .sequence: .list
        case .alias: .alias
        }
    }

    /// 1-based line and column of the value in its file, when known.
    public var line: Int? { node.mark?.line }
    public var column: Int? { node.mark?.column }

    /// Parses a whole document. Syntax errors carry libyaml's position and problem.
    public static func parse(_ text: String, file: String) throws(PlanError) -> YAMLValue {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw PlanError(file: file, message: "the file is empty; expected a YAML mapping")
            }
            return YAMLValue(node: node, file: file, path: "")
        } catch let error as PlanError {
            throw error
        } catch let error as YamlError {
            throw PlanError(yamlError: error, file: file)
        } catch {
            throw PlanError(file: file, message: "cannot parse YAML: \(error)")
        }
    }

    /// Reads and parses a file.
    public static func load(contentsOf url: URL, displayName: String? = nil) throws(PlanError) -> YAMLValue {
        let name = displayName ?? url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw PlanError(file: name, message: "cannot read the file: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PlanError(file: name, message: "the file is not UTF-8 text")
        }
        return try parse(text, file: name)
    }

    public func error(_ message: String) -> PlanError {
        PlanError(file: file, line: node.mark?.line, column: node.mark?.column, field: path, message: message)
    }

    private func child(_ node: Node, _ key: String) -> YAMLValue {
        YAMLValue(node: node, file: file, path: path.isEmpty ? key : "\(path).\(key)")
    }

    /// The entries of a mapping, in file order.
    public func entries() throws(PlanError) -> [(key: String, value: YAMLValue)] {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping (key: value lines)") }
        var out: [(key: String, value: YAMLValue)] = []
        for (k, v) in mapping {
            guard let key = k.string else { throw error("mapping keys must be strings") }
            out.append((key, child(v, key)))
        }
        return out
    }

    /// The items of a sequence.
    public func items() throws(PlanError) -> [YAMLValue] {
        guard case .sequence(let seq) = node else { throw error("expected a list") }
        return seq.enumerated().map { i, n in child(n, "\(i)") }
    }

    /// A field of a mapping, if present.
    public func optional(_ key: String) throws(PlanError) -> YAMLValue? {
        try entries().first { $0.key == key }?.value
    }

    public func required(_ key: String) throws(PlanError) -> YAMLValue {
        guard let v = try optional(key) else {
            throw error("missing field '\(key)'")
        }
        return v
    }

    /// Fails on keys not in `allowed`, naming the valid ones (catches typos such as `colour`).
    public func checkKeys(_ allowed: [String]) throws(PlanError) {
        for (key, value) in try entries() where !allowed.contains(key) {
            throw value.error("unknown field '\(key)'; valid fields here: \(allowed.joined(separator: ", "))")
        }
    }

    public func string() throws(PlanError) -> String {
        guard case .scalar(let s) = node else { throw error("expected a single value") }
        return s.string
    }

    public func int() throws(PlanError) -> Int {
        guard let v = node.int else { throw error("expected an integer, got '\(describe)'") }
        return v
    }

    public func double() throws(PlanError) -> Double {
        guard let v = node.float, v.isFinite else { throw error("expected a number, got '\(describe)'") }
        return v
    }

    public func bool() throws(PlanError) -> Bool {
        guard let v = node.bool else { throw error("expected true or false, got '\(describe)'") }
        return v
    }

    /// A list of strings, or a single string as a one-element list.
    public func strings() throws(PlanError) -> [String] {
        if case .scalar = node { return [try string()] }
        var out: [String] = []
        for item in try items() { out.append(try item.string()) }
        return out
    }

    /// `[low, high]` or a single number (low = high); low must not exceed high.
    public func doubleRange() throws(PlanError) -> ClosedRange<Double> {
        if case .scalar = node {
            let v = try double()
            return v...v
        }
        let parts = try items()
        guard parts.count == 2 else { throw error("expected [low, high]") }
        let lo = try parts[0].double()
        let hi = try parts[1].double()
        guard lo <= hi else { throw error("low \(lo) is above high \(hi)") }
        return lo...hi
    }

    public func intRange() throws(PlanError) -> ClosedRange<Int> {
        if case .scalar = node {
            let v = try int()
            return v...v
        }
        let parts = try items()
        guard parts.count == 2 else { throw error("expected [low, high]") }
        let lo = try parts[0].int()
        let hi = try parts[1].int()
        guard lo <= hi else { throw error("low \(lo) is above high \(hi)") }
        return lo...hi
    }

    private var describe: String {
        switch node {
        case .scalar(let s): s.string
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}

extension PlanError {
    init(yamlError: YamlError, file: String) {
        switch yamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let extra = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            self.init(file: file, line: mark.line, column: mark.column, message: "invalid YAML: \(problem)\(extra)")
        default:
            self.init(file: file, message: "invalid YAML: \(yamlError)")
        }
    }
}

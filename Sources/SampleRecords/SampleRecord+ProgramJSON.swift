import Describer
import SceneModel

extension SampleRecord {
    /// A program read back from its JSON node list.
    static func program(_ v: JSONValue?, _ field: String) throws(RecordError) -> Program {
        func need(_ v: JSONValue?, _ field: String) throws(RecordError) -> JSONValue {
            guard let v else { throw RecordError(field: field, message: "missing") }
            return v
        }
        func string(_ v: JSONValue?, _ field: String) throws(RecordError) -> String {
            guard let s = try need(v, field).stringValue else {
                throw RecordError(field: field, message: "expected a string")
            }
            return s
        }
        func int(_ v: JSONValue?, _ field: String) throws(RecordError) -> Int {
            guard let i = try need(v, field).intValue else {
                throw RecordError(field: field, message: "expected an integer")
            }
            return i
        }
        guard let nodes = try need(v, field).arrayValue else {
            throw RecordError(field: field, message: "expected a list")
        }
        var out: [ProgramNode] = []
        for (i, n) in nodes.enumerated() {
            let name = try string(n["type"], "\(field)[\(i)].type")
            guard let f = ProgramFunction(rawValue: name) else {
                throw RecordError(field: "\(field)[\(i)].type", message: "unknown function '\(name)'")
            }
            var inputs: [Int] = []
            for (k, x) in (n["inputs"]?.arrayValue ?? []).enumerated() {
                inputs.append(try int(x, "\(field)[\(i)].inputs[\(k)]"))
            }
            guard inputs.count <= ProgramInputs.capacity else {
                throw RecordError(
                    field: "\(field)[\(i)].inputs",
                    message: "expected at most \(ProgramInputs.capacity) inputs, found \(inputs.count)")
            }
            let value = n["value_inputs"]?.arrayValue?.first?.stringValue
            out.append(ProgramNode(f, ProgramInputs(inputs), value))
        }
        return Program(nodes: out)
    }
}

import DatasetWriters
import Describer
import SampleRecords

/// A sample's text laid out for a person to read: its objects, every caption, each question
/// with its answer and program, each referring expression with its object and box, and each
/// hard negative with what it altered.
public enum ReadableSample {
    /// The lines, in order (a line may start with a newline to leave a blank line before it).
    public static func lines(_ record: SampleRecord) -> [String] {
        var out = ["objects:"]
        for o in record.objects {
            let s = o.object
            out.append(
                "  #\(s.id) \(s.size) \(s.fill.rawValue) \(s.color.name) \(s.shape.rawValue), box \(o.measurement.bbox?.description ?? "-"), \(o.measurement.visiblePixels) px"
            )
        }
        let d = record.description
        for (language, c) in d.captions {
            out.append("\n[\(language)] short:    \(c.short)")
            out.append("[\(language)] detailed: \(c.detailed)")
            for p in c.dense { out.append("[\(language)] dense #\(p.objectID) \(p.bbox): \(p.text)") }
        }
        out.append("\nquestions:")
        for q in d.qa {
            out.append(
                "  [\(q.language)] \(q.family) (\(q.level), \(q.steps) steps, \(q.hops) hops): \(q.question)  ->  \(q.answer)"
            )
            if q.language == d.qa.first?.language { out.append("      " + program(q.program)) }
        }
        out.append("\nreferring expressions:")
        for r in d.refs { out.append("  [\(r.language)] \(r.text)  ->  object #\(r.objectID) \(r.bbox)") }
        out.append("\nhard negatives (false variants of the detailed caption):")
        for n in d.negatives { out.append("  [\(n.language)] \(n.kind): \(n.text)") }
        if !d.conversations.isEmpty {
            out.append("\nconversations:")
            var numbers: [String: Int] = [:]
            for c in d.conversations {
                numbers[c.language, default: 0] += 1
                let shortfall = c.shortfall > 0 ? " (\(c.shortfall) turns short)" : ""
                out.append("  [\(c.language)] conversation \(numbers[c.language] ?? 1)\(shortfall)")
                for t in c.turns {
                    out.append("    user (\(t.kind)\(t.family.isEmpty ? "" : ", \(t.family)")): \(t.question)")
                    out.append("    assistant: \(t.answer)")
                }
            }
        }
        return out
    }

    /// A program on one line: scene → filter_color[red] → unique → query_shape.
    public static func program(_ p: Program) -> String {
        p.nodes.enumerated().map { i, n in
            let value = n.value.map { "[\($0)]" } ?? ""
            let inputs =
                n.inputs.count > 1 || (n.inputs.first.map { $0 != i - 1 } ?? false)
                ? "(" + n.inputs.map(String.init).joined(separator: ",") + ")" : ""
            return "\(i):\(n.function.rawValue)\(value)\(inputs)"
        }.joined(separator: " → ")
    }
}

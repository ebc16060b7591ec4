import Charts
import DatasetWriters
import Foundation
import PNGCodec
import Rasterizer
import SampleRecords
import SceneModel
import Typesetting

/// An image redrawn from its sample record alone, pixel for pixel.
public struct Redraw {
    /// The record's key.
    public var key: String
    public var objectCount: Int
    /// The image, encoded with the given options.
    public var png: [UInt8]

    /// Lines passed over while looking for the record because they are no record (not
    /// JSON, cut short, too long), each `<file>:<line> (key <key>): <what>`.
    public var skipped: [String] = []

    /// Redraws the record in `file` (one JSON record, or a samples.jsonl with `key` choosing the
    /// line; without a key, the first record). Lines that are no record are passed over and
    /// listed in `skipped`; a chosen record that does not read as a sample is an error naming
    /// its file, line and key.
    public init(recordFile file: String, key: String?, png options: PNGOptions) throws {
        var chosen: (value: JSONValue, line: Int)?
        var skipped: [String] = []
        do {
            try JSONLines.forEachLine(path: file) { n, line, problem in
                if case .tooLong = problem, let problem {
                    skipped.append("\(file):\(n): line \(problem)")
                    return true
                }
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { return true }
                let value: JSONValue
                do { value = try JSONValue.parse(line) } catch {
                    let torn = problem == .unterminated ? " (the last line, without line end: cut short)" : ""
                    let lineKey = DatasetReader.recordKey(of: line).map { " (key \($0))" } ?? ""
                    skipped.append("\(file):\(n)\(lineKey): not a JSON record\(torn): \(error)")
                    return true
                }
                guard key == nil || value["key"]?.stringValue == key else { return true }
                chosen = (value, n)
                return false
            }
        } catch let error as WriteError {
            throw RedrawError("cannot read \(file): \(error.message)")
        }
        guard let chosen else {
            let what = key.map { "\(file): no record with key '\($0)'" } ?? "\(file): no record"
            throw RedrawError(what + skipped.map { "\n  passed over \($0)" }.joined())
        }
        let parsed: SampleRecord
        do { parsed = try SampleRecord(json: chosen.value) } catch {
            let recordKey = chosen.value["key"]?.stringValue.map { " (key \($0))" } ?? ""
            throw RedrawError("\(file):\(chosen.line)\(recordKey): \(error)")
        }
        self.skipped = skipped
        let scene: Scene
        do {
            scene = try ChartLayout.drawn(try Typesetter.shared.typeset(parsed.scene))
            try scene.checkInvariants()
        } catch {
            throw RedrawError("\(file):\(chosen.line) (key \(parsed.key)): \(error)")
        }
        let rendered = Rasterizer.render(scene, coverageLevels: parsed.coverageLevels)
        // An indexed record's image is a palette image, written as generate writes them.
        var encoding = options
        if parsed.coverageLevels != nil { encoding.strategy = PNGOptions.ColorType.indexed.defaultStrategy }
        png = try SampleFactory.encode(rendered.canvas, encoding)
        self.key = parsed.key
        objectCount = scene.objects.count
    }
}

/// A record file that cannot be redrawn: unreadable, not JSON, or without the asked-for key.
public struct RedrawError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

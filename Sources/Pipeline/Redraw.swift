import DatasetWriters
import Foundation
import PNGCodec
import Rasterizer
import SampleRecords

/// An image redrawn from its sample record alone, pixel for pixel.
public struct Redraw {
    /// The record's key.
    public var key: String
    public var objectCount: Int
    /// The image, encoded with the given options.
    public var png: [UInt8]

    /// Redraws the record in `file` (one JSON record, or a samples.jsonl with `key` choosing the
    /// line; without a key, the first).
    public init(recordFile file: String, key: String?, png options: PNGOptions) throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw RedrawError("cannot read \(file)")
        }
        let lines = data.split(separator: 0x0A).filter { !$0.allSatisfy { $0 == 0x20 || $0 == 0x0D } }
        var chosen: JSONValue?
        for (n, line) in lines.enumerated() {
            let value: JSONValue
            do { value = try JSONValue.parse(Array(line)) } catch {
                throw RedrawError("\(file):\(n + 1): \(error)")
            }
            if key == nil || value["key"]?.stringValue == key {
                chosen = value
                break
            }
        }
        guard let chosen else {
            throw RedrawError(key.map { "\(file): no record with key '\($0)'" } ?? "\(file): no record")
        }
        let parsed = try SampleRecord(json: chosen)
        let scene = parsed.scene
        try scene.checkInvariants()
        let rendered = Rasterizer.render(scene)
        png = try PNGEncoder(options: options).encode(
            rgb: rendered.canvas.pixels, width: scene.width, height: scene.height)
        self.key = parsed.key
        objectCount = scene.objects.count
    }
}

/// A record file that cannot be redrawn: unreadable, not JSON, or without the asked-for key.
public struct RedrawError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

import SampleRecords

/// Identifiers the formats share, derived from a sample's global index alone so every shard
/// computes its own ids without coordination and they never collide across shards or machines.
///
/// - `image_id = index + 1` (COCO and VQA readers treat 0 as "no image").
/// - an item inside a sample (a COCO annotation, a caption, a question) gets
///   `image_id * 1000 + k`, the convention of VQA v2 itself; `k` is the object id for COCO
///   instances and the item's position within the sample otherwise. `k` must stay below 1000.
enum DatasetIDs {
    static func image(_ index: UInt64) -> Int { Int(truncatingIfNeeded: index) + 1 }

    static func item(image: Int, _ k: Int, path: String, key: String) throws(WriteError) -> Int {
        guard k >= 0, k < 1000 else {
            throw WriteError(
                path: path,
                message: "sample \(key): item \(k) does not fit the id scheme image_id * 1000 + k (k < 1000)")
        }
        return image * 1000 + k
    }

    /// The license every merged file states: the data a run produces is the user's; CC BY 4.0 is
    /// the default the dataset card and headers declare (change it in the card when publishing
    /// under other terms).
    static let licenseName = "Creative Commons Attribution 4.0 International"
    static let licenseURL = "https://creativecommons.org/licenses/by/4.0/"

    /// Where every image-referencing format points: the PNG as the `coco` (and `folder`)
    /// format writes it, relative to the output folder.
    static func imagePath(_ key: String) -> String { "images/" + key + ".png" }

    /// The images every image-referencing format puts at ``imagePath(_:)``, so that each is
    /// complete on its own (the sink writes a path once when several formats share it).
    static func imageFiles(_ samples: [SampleOutput]) -> [(path: String, bytes: [UInt8])] {
        samples.map { (imagePath($0.record.key), $0.png) }
    }

    /// The items of a JSON array without its brackets, commas between: one shard's piece of a
    /// merged array.
    static func listBody(_ body: (inout JSONWriter) throws(WriteError) -> Void) throws(WriteError) -> [UInt8] {
        var w = JSONWriter(capacity: 1 << 16)
        w.beginArray()
        try body(&w)
        w.endArray()
        return Array(w.bytes.dropFirst().dropLast())
    }

    /// One value serialized alone (for the literal parts of merged files).
    static func json(_ body: (inout JSONWriter) -> Void) -> [UInt8] {
        var w = JSONWriter(capacity: 1024)
        body(&w)
        return w.bytes
    }

    /// True when `a` sorts before `b` by UTF-8 bytes (the order JSON keys and tables use).
    static func byteOrder(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
}

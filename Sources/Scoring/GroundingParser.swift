import DatasetWriters
import Describer

/// A box in pixel coordinates, edges as doubles: what a prediction decodes to.
public struct EdgeBox: Sendable, Hashable {
    public var x1: Double
    public var y1: Double
    public var x2: Double
    public var y2: Double

    public init(x1: Double, y1: Double, x2: Double, y2: Double) {
        self.x1 = x1
        self.y1 = y1
        self.x2 = x2
        self.y2 = y2
    }

    /// A COCO box `[x, y, w, h]` on pixel edges.
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.init(x1: x, y1: y, x2: x + width, y2: y + height)
    }

    public var area: Double { max(0, x2 - x1) * max(0, y2 - y1) }

    /// Intersection over union; 0 when both are empty.
    public func iou(_ b: EdgeBox) -> Double {
        let w = max(0, min(x2, b.x2) - max(x1, b.x1))
        let h = max(0, min(y2, b.y2) - max(y1, b.y1))
        let inter = w * h
        let union = area + b.area - inter
        return union > 0 ? inter / union : 0
    }
}

/// Reads a box back from text in any token syntax the `grounding` format writes
/// (``GroundingStyle``), decoding each the way its model's own code does:
///
/// - `qwen`: `<box>(X1,Y1),(X2,Y2)</box>`, `x = X / 1000 * width`;
/// - `kosmos2`: `<patch_index_UL><patch_index_LR>`, Hugging Face's `patch_index_to_coordinate`
///   (cell edges when both corners share a row or column, cell centres otherwise);
/// - `shikra`: `[x1,y1,x2,y2]` with values in [0, 1], `x = v * width`;
/// - `paligemma`: `<locY1><locX1><locY2><locX2>`, `x = loc / 1023 * width`.
///
/// The first box in the text is used (the earliest match of any style, or of `style` when
/// given). A text with none, or whose first box is malformed, gives a message saying what was
/// expected.
public enum GroundingParser {
    public static let expected =
        "a box in a grounding style: qwen <box>(x1,y1),(x2,y2)</box> (0-1000), kosmos2 <patch_index_NNNN><patch_index_NNNN> (0-1023), "
        + "shikra [x1,y1,x2,y2] (0-1), paligemma <locNNNN><locNNNN><locNNNN><locNNNN> (0-1023, y before x)"

    public static func box(
        in text: String, style: GroundingStyle? = nil, width: Int, height: Int
    ) -> Result<EdgeBox, ScoringError> {
        let chars = Array(text.utf8)
        var found: [(Int, GroundingStyle)] = []
        for s in style.map({ [$0] }) ?? GroundingStyle.allCases {
            if let at = start(of: s, in: chars) { found.append((at, s)) }
        }
        guard let first = found.min(by: { $0.0 < $1.0 }) else {
            return .failure(
                ScoringError(
                    style.map { "no \($0.rawValue) box in the text; expected \($0.rawValue) tokens" }
                        ?? "no box in the text; expected \(expected)"))
        }
        return decode(first.1, chars, at: first.0, width: Double(width), height: Double(height))
    }

    static func start(of style: GroundingStyle, in s: [UInt8]) -> Int? {
        switch style {
        case .qwen: return find(Array("<box>".utf8), in: s)
        case .kosmos2: return find(Array("<patch_index_".utf8), in: s)
        case .paligemma: return find(Array("<loc".utf8), in: s)
        case .shikra:
            // A "[" followed by a digit (or a sign or point): not a word in brackets.
            var i = 0
            while let at = find([UInt8(ascii: "[")], in: s, from: i) {
                var j = at + 1
                while j < s.count, s[j] == 0x20 { j += 1 }
                if j < s.count, (s[j] >= 0x30 && s[j] <= 0x39) || s[j] == UInt8(ascii: ".") || s[j] == UInt8(ascii: "-")
                {
                    return at
                }
                i = at + 1
            }
            return nil
        }
    }

    static func find(_ pattern: [UInt8], in s: [UInt8], from: Int = 0) -> Int? {
        guard s.count >= pattern.count, from <= s.count - pattern.count else { return nil }
        for i in from...(s.count - pattern.count) where s[i] == pattern[0] {
            if s[i..<(i + pattern.count)].elementsEqual(pattern) { return i }
        }
        return nil
    }

    /// The text from `at` up to the first `end` byte (inclusive), as a String.
    static func span(_ s: [UInt8], _ at: Int, through end: String) -> String? {
        guard let e = find(Array(end.utf8), in: s, from: at) else { return nil }
        return String(decoding: s[at..<(e + end.utf8.count)], as: UTF8.self)
    }

    /// The unsigned integers of a token run, in order (`<loc0012><loc0300>` gives 12, 300).
    static func integers(_ text: String) -> [Int] {
        text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    }

    static func decode(
        _ style: GroundingStyle, _ s: [UInt8], at: Int, width w: Double, height h: Double
    ) -> Result<EdgeBox, ScoringError> {
        func fail(_ what: String) -> Result<EdgeBox, ScoringError> {
            .failure(ScoringError("malformed \(style.rawValue) box at byte \(at): \(what)"))
        }
        func checked(_ b: EdgeBox) -> Result<EdgeBox, ScoringError> {
            guard b.x2 >= b.x1, b.y2 >= b.y1 else { return fail("the second corner is above or left of the first") }
            return .success(b)
        }
        switch style {
        case .qwen:
            guard let t = span(s, at, through: "</box>") else { return fail("expected (x1,y1),(x2,y2)</box>") }
            let inner = t.dropFirst(5).dropLast(6).filter { $0 != " " }
            let v = integers(String(inner))
            guard v.count == 4, inner.hasPrefix("("), inner.hasSuffix(")") else {
                return fail("expected (x1,y1),(x2,y2) with 4 integers, found '\(inner)'")
            }
            guard v.allSatisfy({ $0 <= 1000 }) else { return fail("coordinates must be 0-1000") }
            return checked(
                EdgeBox(
                    x1: Double(v[0]) / 1000 * w, y1: Double(v[1]) / 1000 * h, x2: Double(v[2]) / 1000 * w,
                    y2: Double(v[3]) / 1000 * h))
        case .kosmos2:
            let tokens = tokenRun(s, at, prefix: "<patch_index_", count: 2)
            guard tokens.count == 2 else { return fail("expected two <patch_index_NNNN> tokens") }
            guard tokens.allSatisfy({ $0 <= 1023 }) else { return fail("patch indices must be 0-1023") }
            return checked(kosmosBox(tokens[0], tokens[1], width: w, height: h))
        case .paligemma:
            let v = tokenRun(s, at, prefix: "<loc", count: 4)
            guard v.count == 4 else { return fail("expected four <locNNNN> tokens (y1 x1 y2 x2)") }
            guard v.allSatisfy({ $0 <= 1023 }) else { return fail("locations must be 0-1023") }
            return checked(
                EdgeBox(
                    x1: Double(v[1]) / 1023 * w, y1: Double(v[0]) / 1023 * h, x2: Double(v[3]) / 1023 * w,
                    y2: Double(v[2]) / 1023 * h))
        case .shikra:
            guard let t = span(s, at, through: "]") else { return fail("expected [x1,y1,x2,y2]") }
            let parts = t.dropFirst().dropLast().split(separator: ",").map { $0.trimmingSpaces }
            let v = parts.compactMap { Double($0) }
            guard parts.count == 4, v.count == 4, v.allSatisfy({ $0.isFinite }) else {
                return fail("expected 4 numbers in [x1,y1,x2,y2], found '\(t)'")
            }
            guard v.allSatisfy({ (0...1).contains($0) }) else { return fail("values must be in [0, 1]") }
            return checked(EdgeBox(x1: v[0] * w, y1: v[1] * h, x2: v[2] * w, y2: v[3] * h))
        }
    }

    /// The numbers of up to `count` consecutive `<prefix>NNNN>` tokens starting at `at`.
    static func tokenRun(_ s: [UInt8], _ at: Int, prefix: String, count: Int) -> [Int] {
        var out: [Int] = []
        var i = at
        let p = Array(prefix.utf8)
        while out.count < count, i + p.count < s.count, s[i..<(i + p.count)].elementsEqual(p) {
            var j = i + p.count
            var n = 0
            var digits = 0
            while j < s.count, s[j] >= 0x30, s[j] <= 0x39, digits < 6 {
                n = n * 10 + Int(s[j] - 0x30)
                j += 1
                digits += 1
            }
            guard digits > 0, j < s.count, s[j] == UInt8(ascii: ">") else { break }
            out.append(n)
            i = j + 1
        }
        return out
    }

    /// Hugging Face `Kosmos2Processor`'s `patch_index_to_coordinate` on the 32 × 32 grid, scaled
    /// to the image.
    static func kosmosBox(_ ul: Int, _ lr: Int, width: Double, height: Double) -> EdgeBox {
        let cell = 1.0 / 32
        let (ulx, uly, lrx, lry) = (Double(ul % 32), Double(ul / 32), Double(lr % 32), Double(lr / 32))
        if ul == lr || ulx == lrx || uly == lry {
            return EdgeBox(
                x1: ulx * cell * width, y1: uly * cell * height, x2: (lrx * cell + cell) * width,
                y2: (lry * cell + cell) * height)
        }
        return EdgeBox(
            x1: (ulx * cell + cell / 2) * width, y1: (uly * cell + cell / 2) * height,
            x2: (lrx * cell + cell / 2) * width, y2: (lry * cell + cell / 2) * height)
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }
}

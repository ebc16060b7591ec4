import SceneModel

/// The grounding syntaxes of the vision-language models people fine-tune, so a referring
/// expression or caption trains or tests a model in the exact token form it was trained on.
///
/// Every style reads the box as pixel edges: `x1 = x`, `y1 = y`, `x2 = x + width`,
/// `y2 = y + height` (a box touching the right border has `x2 = image width`). The arithmetic is
/// the reference implementations' own IEEE double operations in the same order, so the tokens
/// are bit-identical to what their Python code produces for the same box:
///
/// - ``qwen`` (Qwen-VL): `<ref>phrase</ref><box>(X1,Y1),(X2,Y2)</box>` with
///   `X = int(x / width * 1000)` (truncation) on Qwen-VL's 0-1000 grid. The right or bottom
///   border gives 1000, which Qwen-VL decodes back to the border.
/// - ``kosmos2`` (Kosmos-2, Hugging Face `Kosmos2Processor.coordinate_to_patch_index`):
///   `<phrase>phrase</phrase><object><patch_index_UL><patch_index_LR></object>` on a 32×32 grid,
///   index `row * 32 + column`, 4 digits; the upper-left cell is `floor(x1 / width * 32)`, the
///   lower-right `ceil(x2 / width * 32 - 1)` (the last cell the box enters), each clamped to 0-31.
///   A full-image box is `<patch_index_0000><patch_index_1023>`. Prompts start with `<grounding>`.
/// - ``shikra`` (Shikra's `PlainBoxFormatter`): `phrase[x1,y1,x2,y2]` with each value
///   `x / width` clamped to [0, 1] and written with 3 decimals, rounded correctly from the double
///   (ties to even), as Python's `f"{round(v, 3):.3f}"`.
/// - ``paligemma`` (PaliGemma, big_vision): `<locY1><locX1><locY2><locX2> phrase`, y before x,
///   each `round(y / height * 1023)` (ties to even, Python's `round`), 4 digits, in 0-1023: the
///   inverse of big_vision's decoding `loc / 1023`.
public enum GroundingStyle: String, CaseIterable, Sendable {
    case qwen, kosmos2, shikra, paligemma

    /// The grounded text of `phrase` at `box` in an image of `width` × `height` pixels.
    public static func text(style: GroundingStyle, phrase: String, box: PixelBox, width: Int, height: Int) -> String {
        let b = boxText(style: style, box: box, width: width, height: height)
        switch style {
        case .qwen: return "<ref>\(phrase)</ref>\(b)"
        case .kosmos2: return "<phrase>\(phrase)</phrase>\(b)"
        case .shikra: return "\(phrase)\(b)"
        case .paligemma: return "\(b) \(phrase)"
        }
    }

    /// The box alone in the style's tokens, as ``text(style:phrase:box:width:height:)`` writes it
    /// after (Qwen-VL, Kosmos-2, Shikra) or before (PaliGemma) the phrase.
    public static func boxText(style: GroundingStyle, box: PixelBox, width: Int, height: Int) -> String {
        let w = Double(max(width, 1))
        let h = Double(max(height, 1))
        let x1 = Double(box.x)
        let y1 = Double(box.y)
        let x2 = Double(box.x + box.width)
        let y2 = Double(box.y + box.height)
        switch style {
        case .qwen:
            func q(_ v: Double, _ size: Double) -> Int { Int((v / size * 1000).rounded(.towardZero)) }
            return "<box>(\(q(x1, w)),\(q(y1, h))),(\(q(x2, w)),\(q(y2, h)))</box>"
        case .kosmos2:
            func cell(_ v: Double) -> Int { min(max(Int(v), 0), 31) }
            let ul = cell((y1 / h * 32).rounded(.down)) * 32 + cell((x1 / w * 32).rounded(.down))
            let lr = cell((y2 / h * 32 - 1).rounded(.up)) * 32 + cell((x2 / w * 32 - 1).rounded(.up))
            return "<object><patch_index_\(pad4(ul))><patch_index_\(pad4(lr))></object>"
        case .shikra:
            let values = [x1 / w, y1 / h, x2 / w, y2 / h].map { threeDecimals(min(max($0, 0), 1)) }
            return "[\(values.joined(separator: ","))]"
        case .paligemma:
            func loc(_ v: Double, _ size: Double) -> String {
                "<loc\(pad4(min(max(Int((v / size * 1023).rounded(.toNearestOrEven)), 0), 1023)))>"
            }
            return "\(loc(y1, h))\(loc(x1, w))\(loc(y2, h))\(loc(x2, w))"
        }
    }

    /// How phrases of one image join in a grounded caption: `; ` (Chinese `；`).
    public static func separator(_ language: String) -> String { language == "zh" ? "；" : "; " }

    /// A non-negative number in at least four digits.
    static func pad4(_ n: Int) -> String {
        let digits = String(n)
        return digits.count >= 4 ? digits : String(repeating: "0", count: 4 - digits.count) + digits
    }

    /// `v` in [0, 1] with 3 decimals, the decimal nearest the double's exact value, ties to even:
    /// what C's and Python's correctly rounded formatting give. `v = m / 2^s` exactly, so
    /// `1000 v = 1000 m / 2^s` and the integer quotient and remainder decide the rounding.
    static func threeDecimals(_ v: Double) -> String {
        var q: UInt64 = 0
        if v > 0, v.isFinite, v.isNormal {
            let m = v.significandBitPattern | (1 << 52)  // v = m × 2^(exponent - 52)
            let shift = 52 - Int(v.exponent)
            let scaled = m * 1000  // < 2^63 since m < 2^53
            if shift <= 0 {
                q = scaled << UInt64(-shift)
            } else if shift < 64 {
                q = scaled >> UInt64(shift)
                let remainder = scaled & ((1 << UInt64(shift)) - 1)
                let half: UInt64 = 1 << UInt64(shift - 1)
                if remainder > half || (remainder == half && q & 1 == 1) { q += 1 }
            }  // shift >= 64: 1000 v < 1/2, rounds to 0
        }
        let fraction = String(q % 1000)
        return "\(q / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}

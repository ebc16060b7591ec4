import CTextShim
import SceneModel
import Synchronization

/// One opened font file: shaping (HarfBuzz) and unhinted glyph outlines (FreeType), both behind
/// one lock, with the results cached: shaped runs by (text, language) in font units, and glyph
/// outlines flattened to polygons by (glyph, size), so a word list's labels cost a dictionary
/// look-up after their first use. Fonts live as long as the ``Typesetter`` that opened them.
public final class Font: Sendable {
    public let name: FontName
    public let unitsPerEm: Double
    /// Above the baseline, font units, positive.
    public let ascender: Double
    /// Below the baseline, font units, positive.
    public let descender: Double

    struct Shaped: Sendable {
        var glyphs: [UInt32]
        /// Byte offsets into the text's UTF-8.
        var clusters: [Int]
        /// Pen position of each glyph's origin and the run's advance, font units, y up.
        var x: [Double]
        var y: [Double]
        var advance: Double
    }

    struct GlyphKey: Hashable {
        var glyph: UInt32
        var sizeBits: UInt64
    }

    struct RunKey: Hashable {
        var text: String
        var language: String
    }

    struct State: ~Copyable {
        let handle: OpaquePointer
        var runs: [RunKey: Shaped] = [:]
        var outlines: [GlyphKey: [[Point]]] = [:]

        deinit { swtext_close(handle) }
    }

    /// Entries kept per cache before it starts over (bounds memory on unbounded inputs).
    static let cacheLimit = 50_000
    /// Largest distance between a curve and the polygon that replaces it, in pixels.
    static let tolerance = 0.02

    let state: Mutex<State>

    init(name: FontName, path: String, faceIndex: Int) throws(TypesettingError) {
        var message = [CChar](repeating: 0, count: 256)
        guard let handle = swtext_open(path, Int32(faceIndex), &message, message.count) else {
            let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw .unreadableFont("font '\(name)' (\(path)): \(text)")
        }
        self.name = name
        unitsPerEm = Double(swtext_units_per_em(handle))
        var ascender: Int32 = 0
        var descender: Int32 = 0
        swtext_line_metrics(handle, &ascender, &descender)
        self.ascender = Double(ascender)
        self.descender = Double(-descender)
        state = Mutex(State(handle: handle))
    }

    /// Shapes `text`; glyph id 0 (the font has no glyph) is an error naming the characters.
    func shape(_ text: String, language: String) throws(TypesettingError) -> Shaped {
        let key = RunKey(text: text, language: language)
        let shaped = state.withLock { s -> Shaped in
            if let cached = s.runs[key] { return cached }
            let run = Font.shape(s.handle, text, language)
            if s.runs.count >= Font.cacheLimit { s.runs.removeAll(keepingCapacity: true) }
            s.runs[key] = run
            return run
        }
        let missing = shaped.glyphs.indices.filter { shaped.glyphs[$0] == 0 }
        if !missing.isEmpty {
            throw .missingGlyphs(
                text: text, characters: Font.characters(text, at: missing.map { shaped.clusters[$0] }),
                font: name.description)
        }
        return shaped
    }

    static func shape(_ handle: OpaquePointer, _ text: String, _ language: String) -> Shaped {
        let length = Int32(text.utf8.count)
        var capacity = max(8, text.utf8.count + 4)
        while true {
            var glyphs = [UInt32](repeating: 0, count: capacity)
            var clusters = [UInt32](repeating: 0, count: capacity)
            var positions = [Int32](repeating: 0, count: 4 * capacity)
            let n = Int(swtext_shape(handle, text, length, language, &glyphs, &clusters, &positions, Int32(capacity)))
            if n > capacity {
                capacity = n
                continue
            }
            var run = Shaped(glyphs: [], clusters: [], x: [], y: [], advance: 0)
            var penX = 0.0
            var penY = 0.0
            for i in 0..<n {
                run.glyphs.append(glyphs[i])
                run.clusters.append(Int(clusters[i]))
                run.x.append(penX + Double(positions[4 * i + 2]))
                run.y.append(penY + Double(positions[4 * i + 3]))
                penX += Double(positions[4 * i])
                penY += Double(positions[4 * i + 1])
            }
            run.advance = penX
            return run
        }
    }

    /// The characters starting at the given UTF-8 offsets, each once, quoted with their code points.
    static func characters(_ text: String, at offsets: [Int]) -> String {
        var seen: [Character] = []
        let utf8 = text.utf8
        for offset in offsets.sorted() {
            let i = utf8.index(utf8.startIndex, offsetBy: min(offset, utf8.count))
            guard i < text.endIndex else { continue }
            let c = text[i...].first ?? " "
            if !seen.contains(c) { seen.append(c) }
        }
        return seen.map { c in
            let codes = c.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }
            return "'\(c)' (\(codes.joined(separator: " ")))"
        }.joined(separator: ", ")
    }

    /// Glyph `glyph`'s outline at `size` pixels per em as closed polygons, in pixels relative to
    /// the glyph's origin on the baseline, y down.
    func contours(glyph: UInt32, size: Double) -> [[Point]] {
        let key = GlyphKey(glyph: glyph, sizeBits: size.bitPattern)
        return state.withLock { s in
            if let cached = s.outlines[key] { return cached }
            let contours = GlyphOutline.flatten(
                Font.outline(s.handle, glyph), scale: size / unitsPerEm, tolerance: Font.tolerance)
            if s.outlines.count >= Font.cacheLimit { s.outlines.removeAll(keepingCapacity: true) }
            s.outlines[key] = contours
            return contours
        }
    }

    static func outline(_ handle: OpaquePointer, _ glyph: UInt32) -> GlyphOutline {
        var commandCapacity = 64
        var pointCapacity = 128
        while true {
            var commands = [UInt8](repeating: 0, count: commandCapacity)
            var points = [Int32](repeating: 0, count: 2 * pointCapacity)
            var commandCount: Int32 = 0
            var pointCount: Int32 = 0
            let status = swtext_outline(
                handle, glyph, &commands, Int32(commandCapacity), &points, Int32(pointCapacity), &commandCount,
                &pointCount)
            // A glyph FreeType cannot load is drawn as nothing; shaping has already refused glyph 0.
            guard status == 0 else { return GlyphOutline(commands: [], points: []) }
            if Int(commandCount) > commandCapacity || Int(pointCount) > pointCapacity {
                commandCapacity = Int(commandCount)
                pointCapacity = Int(pointCount)
                continue
            }
            return GlyphOutline(
                commands: Array(commands[0..<Int(commandCount)]), points: Array(points[0..<(2 * Int(pointCount))]))
        }
    }
}

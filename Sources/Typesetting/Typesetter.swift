import SceneModel
import Synchronization

/// Sets text in the catalog's fonts: shapes and measures lines (``layout(_:font:size:language:)``)
/// and turns a scene's text items into word outlines (``typeset(_:)``). Opens each font once
/// and keeps it; safe to share between threads (``shared`` is the process's one instance).
public final class Typesetter: Sendable {
    public let catalog: FontCatalog
    let fonts = Mutex<[FontName: Font]>([:])
    /// Layouts made, by what makes them (a pure function of it): charts measure each label
    /// before placing it and set it again, and tick labels and names recur from sample to
    /// sample. Emptied when it reaches `cacheLimit` entries.
    let layouts = Mutex<[LayoutKey: TextLayout]>([:])
    static let cacheLimit = 4096

    struct LayoutKey: Hashable {
        var text: String
        var font: FontName
        var size: Double
        var language: String
    }

    public init(catalog: FontCatalog = FontCatalog()) {
        self.catalog = catalog
    }

    /// The typesetter over the installed Debian fonts.
    public static let shared = Typesetter()

    /// The opened font of `name`: an error names an unknown family or weight, or the package
    /// that installs a missing file.
    public func font(_ name: FontName) throws(TypesettingError) -> Font {
        if let f = fonts.withLock({ $0[name] }) { return f }
        let (path, index) = try catalog.path(name)
        let opened = try Font(name: name, path: path, faceIndex: index)
        return fonts.withLock { table in
            if let f = table[name] { return f }
            table[name] = opened
            return opened
        }
    }

    /// `text` shaped in `font` at `size` pixels per em; a character the font lacks is an error.
    public func layout(_ text: String, font: FontName, size: Double, language: String) throws(TypesettingError)
        -> TextLayout
    {
        let key = LayoutKey(text: text, font: font, size: size, language: language)
        if let known = layouts.withLock({ $0[key] }) { return known }
        let made = try TextLayout(text: text, font: try self.font(font), size: size, language: language)
        layouts.withLock { table in
            if table.count >= Self.cacheLimit { table.removeAll(keepingCapacity: true) }
            table[key] = made
        }
        return made
    }

    /// The layout of a text item as its fields say.
    public func layout(_ item: TextItem) throws(TypesettingError) -> TextLayout {
        try layout(
            item.text, font: FontName(family: item.font, weight: item.weight), size: item.size,
            language: item.language)
    }

    /// `item` with its words set: one ``TextWord`` per word, ids from `firstID` on.
    public func typeset(_ item: TextItem, firstID: Int) throws(TypesettingError) -> TextItem {
        let layout = try layout(item)
        let contours = layout.wordContours(at: item.position, anchor: item.anchor, rotation: item.rotation)
        var out = item
        out.words = layout.words.enumerated().map { i, w in
            TextWord(id: firstID + i, text: w, contours: contours[i])
        }
        return out
    }

    /// `scene` with every text item's words set, numbered after the objects and chart marks in item order (what
    /// the sampler draws, and what `verify` and `render` redraw a record's scene with).
    public func typeset(_ scene: Scene) throws(TypesettingError) -> Scene {
        var out = scene
        var next = scene.objects.count + scene.marks.count + 1
        for i in out.texts.indices {
            out.texts[i] = try typeset(out.texts[i], firstID: next)
            next += out.texts[i].words.count
        }
        return out
    }
}

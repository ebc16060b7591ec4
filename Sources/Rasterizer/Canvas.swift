import SceneModel

/// An 8-bit image, RGB or indexed, plus the object-id plane drawn with it.
///
/// `ids[p]` is the id of the object that owns pixel `p` (0 for background): the topmost object
/// covering at least half of the pixel. Masks, boxes and areas all come from this plane, and
/// the same coverage values paint `pixels`, so masks and pixels cannot disagree.
public struct Canvas: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// Row-major RGB, `width * height * 3` bytes; or, when `palette` is set, one palette index
    /// per pixel, `width * height` bytes.
    public var pixels: [UInt8]
    /// The colors of an indexed image (at most 256), nil for RGB.
    public var palette: [RGB]?
    /// Row-major object ids, `width * height` bytes.
    public var ids: [UInt8]

    /// A canvas filled with `background`, every id 0.
    public init(width: Int, height: Int, background: RGB) {
        self.width = width
        self.height = height
        var px = [UInt8](repeating: 0, count: width * height * 3)
        px.withUnsafeMutableBufferPointer { p in
            for i in 0..<width {
                p[3 * i] = background.r
                p[3 * i + 1] = background.g
                p[3 * i + 2] = background.b
            }
            let rowBytes = width * 3
            guard let base = p.baseAddress else { return }
            for row in 1..<max(height, 1) {
                (base + row * rowBytes).update(from: base, count: rowBytes)
            }
        }
        pixels = px
        ids = [UInt8](repeating: 0, count: width * height)
    }

    /// An indexed canvas filled with palette entry 0, every id 0.
    init(width: Int, height: Int, palette: [RGB]) {
        self.width = width
        self.height = height
        self.palette = palette
        pixels = [UInt8](repeating: 0, count: width * height)
        ids = [UInt8](repeating: 0, count: width * height)
    }

    /// An id plane without a color plane (`pixels` empty), every id 0.
    init(idsOnlyWidth width: Int, height: Int) {
        self.width = width
        self.height = height
        pixels = []
        ids = [UInt8](repeating: 0, count: width * height)
    }

    /// Row-major RGB whatever the kind: the pixels themselves, or the palette's colors.
    public var rgb: [UInt8] {
        guard let palette else { return pixels }
        var out = [UInt8](repeating: 0, count: pixels.count * 3)
        for (i, index) in pixels.enumerated() {
            let c = palette[Int(index)]
            out[3 * i] = c.r
            out[3 * i + 1] = c.g
            out[3 * i + 2] = c.b
        }
        return out
    }

    /// The same image as RGB (previews draw on RGB canvases).
    public var asRGB: Canvas {
        var copy = self
        copy.pixels = rgb
        copy.palette = nil
        return copy
    }

    public func pixel(x: Int, y: Int) -> RGB {
        if let palette { return palette[Int(pixels[y * width + x])] }
        let i = (y * width + x) * 3
        return RGB(pixels[i], pixels[i + 1], pixels[i + 2])
    }

    /// Sets an RGB canvas's pixel (indexed canvases are drawn only by the rasterizer).
    public mutating func setPixel(x: Int, y: Int, _ c: RGB) {
        precondition(palette == nil, "setPixel needs an RGB canvas: use asRGB")
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = (y * width + x) * 3
        pixels[i] = c.r
        pixels[i + 1] = c.g
        pixels[i + 2] = c.b
    }

    /// Draws a one-pixel rectangle outline just inside `box` (for previews).
    public mutating func strokeBox(_ box: PixelBox, color: RGB) {
        let x1 = box.x + box.width - 1
        let y1 = box.y + box.height - 1
        for x in box.x...x1 {
            setPixel(x: x, y: box.y, color)
            setPixel(x: x, y: y1, color)
        }
        for y in box.y...y1 {
            setPixel(x: box.x, y: y, color)
            setPixel(x: x1, y: y, color)
        }
    }

    /// Copies another canvas's pixels (not ids) with its top-left corner at (x, y), clipped.
    public mutating func paste(_ other: Canvas, x: Int, y: Int) {
        precondition(palette == nil && other.palette == nil, "paste needs RGB canvases: use asRGB")
        for row in 0..<other.height {
            let ty = y + row
            guard ty >= 0, ty < height else { continue }
            for col in 0..<other.width {
                let tx = x + col
                guard tx >= 0, tx < width else { continue }
                let s = (row * other.width + col) * 3
                let d = (ty * width + tx) * 3
                pixels[d] = other.pixels[s]
                pixels[d + 1] = other.pixels[s + 1]
                pixels[d + 2] = other.pixels[s + 2]
            }
        }
    }
}

extension Canvas {
    /// A smaller copy, each output pixel the mean of a `factor` x `factor` block (ids dropped).
    public func downsampled(by factor: Int) -> Canvas {
        if palette != nil { return asRGB.downsampled(by: factor) }
        let w = width / factor
        let h = height / factor
        var out = Canvas(width: w, height: h, background: RGB(0, 0, 0))
        let n = factor * factor
        for y in 0..<h {
            for x in 0..<w {
                var sum = (0, 0, 0)
                for dy in 0..<factor {
                    for dx in 0..<factor {
                        let i = ((y * factor + dy) * width + x * factor + dx) * 3
                        sum.0 += Int(pixels[i])
                        sum.1 += Int(pixels[i + 1])
                        sum.2 += Int(pixels[i + 2])
                    }
                }
                out.setPixel(
                    x: x, y: y, RGB(UInt8((sum.0 + n / 2) / n), UInt8((sum.1 + n / 2) / n), UInt8((sum.2 + n / 2) / n)))
            }
        }
        return out
    }
}

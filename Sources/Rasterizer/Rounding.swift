/// Floor and ceiling through integer conversion. `Double.rounded(_:)` compiles to a libm call on
/// baseline x86-64 (no SSE4.1 `roundsd`), which showed up in per-pixel and per-row loops.
/// Valid for |x| < 2^62, far beyond any canvas coordinate.
@inline(__always)
func floorInt(_ x: Double) -> Int {
    let i = Int(x)
    return Double(i) > x ? i - 1 : i
}

@inline(__always)
func ceilInt(_ x: Double) -> Int {
    let i = Int(x)
    return Double(i) < x ? i + 1 : i
}

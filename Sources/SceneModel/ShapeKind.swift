import Foundation

/// The kinds of shape Scenewright draws. Each has exact geometry: a closed outline at unit
/// radius (curves flattened finely enough that the error is under 0.02 px at 40 px radius),
/// centered on the middle of its unrotated bounding box. See ``ShapeGeometry``.
public enum ShapeKind: String, CaseIterable, Sendable, Codable {
    case circle, ellipse, square, rectangle, triangle, pentagon, hexagon, star, cross, diamond, heart, semicircle

    /// Position in `allCases`, for tables indexed by kind.
    public var ordinal: Int {
        switch self {
        case .circle: 0
        case .ellipse: 1
        case .square: 2
        case .rectangle: 3
        case .triangle: 4
        case .pentagon: 5
        case .hexagon: 6
        case .star: 7
        case .cross: 8
        case .diamond: 9
        case .heart: 10
        case .semicircle: 11
        }
    }

    /// True for shapes whose outline is a polygon at any size; curved ones are flattened by radius.
    public var isPolygon: Bool {
        switch self {
        case .circle, .ellipse, .heart, .semicircle: false
        default: true
        }
    }

    /// The exact area at radius 1 (curves by their analytic formula, polygons by the shoelace).
    public var unitArea: Double {
        switch self {
        case .circle: Double.pi
        case .ellipse: Double.pi * ShapeGeometry.ellipseMinor
        case .semicircle: Double.pi / 2
        case .heart:
            // In the heart's own units each half is the triangle (0,0) (1/2,1/2) (0,1), area 1/4,
            // plus a half disk of radius sqrt(2)/4 on the chord (1/2,1/2)-(0,1), area pi/16.
            (0.5 + Double.pi / 8) * ShapeGeometry.heartScale * ShapeGeometry.heartScale
        default: ShapeGeometry.polygonArea(ShapeGeometry.unitOutline(self, segments: 8))
        }
    }
}

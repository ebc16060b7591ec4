import Foundation

/// Perceptual color difference, used to prove palettes are unambiguous (docs/SCENES.md) and by
/// checks that compare pixels with named colors.
public enum ColorDifference {
    /// CIE L*a*b* (D65) of an sRGB color.
    public static func lab(_ c: RGB) -> (l: Double, a: Double, b: Double) {
        func linear(_ v: UInt8) -> Double {
            let u = Double(v) / 255
            return u <= 0.04045 ? u / 12.92 : pow((u + 0.055) / 1.055, 2.4)
        }
        let r = linear(c.r)
        let g = linear(c.g)
        let b = linear(c.b)
        let x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
        let y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
        let z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883
        func f(_ t: Double) -> Double { t > 216.0 / 24389 ? cbrt(t) : (24389.0 / 27 * t + 16) / 116 }
        return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))
    }

    /// CIEDE2000 between two sRGB colors.
    public static func ciede2000(_ c1: RGB, _ c2: RGB) -> Double {
        let p = lab(c1)
        let q = lab(c2)
        return ciede2000(lab1: (p.l, p.a, p.b), lab2: (q.l, q.a, q.b))
    }

    /// CIEDE2000 (Sharma, Wu and Dalal's formulation) between two L*a*b* colors.
    public static func ciede2000(lab1: (Double, Double, Double), lab2: (Double, Double, Double)) -> Double {
        let (l1, a1, b1) = lab1
        let (l2, a2, b2) = lab2
        let deg = Double.pi / 180
        let c1 = (a1 * a1 + b1 * b1).squareRoot()
        let c2 = (a2 * a2 + b2 * b2).squareRoot()
        let cMean = (c1 + c2) / 2
        let g = 0.5 * (1 - (pow(cMean, 7) / (pow(cMean, 7) + pow(25, 7))).squareRoot())
        let a1p = (1 + g) * a1
        let a2p = (1 + g) * a2
        let c1p = (a1p * a1p + b1 * b1).squareRoot()
        let c2p = (a2p * a2p + b2 * b2).squareRoot()
        func hue(_ b: Double, _ a: Double) -> Double {
            if a == 0 && b == 0 { return 0 }
            let h = atan2(b, a) / deg
            return h < 0 ? h + 360 : h
        }
        let h1p = hue(b1, a1p)
        let h2p = hue(b2, a2p)
        let dLp = l2 - l1
        let dCp = c2p - c1p
        var dhp = 0.0
        if c1p * c2p != 0 {
            dhp = h2p - h1p
            if dhp > 180 { dhp -= 360 } else if dhp < -180 { dhp += 360 }
        }
        let dHp = 2 * (c1p * c2p).squareRoot() * sin(dhp / 2 * deg)
        let lMean = (l1 + l2) / 2
        let cpMean = (c1p + c2p) / 2
        var hMean = h1p + h2p
        if c1p * c2p != 0 {
            if abs(h1p - h2p) <= 180 {
                hMean = (h1p + h2p) / 2
            } else {
                hMean = h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2
            }
        }
        let t =
            1 - 0.17 * cos((hMean - 30) * deg) + 0.24 * cos(2 * hMean * deg) + 0.32 * cos((3 * hMean + 6) * deg)
            - 0.20 * cos((4 * hMean - 63) * deg)
        let dTheta = 30 * exp(-pow((hMean - 275) / 25, 2))
        let rc = 2 * (pow(cpMean, 7) / (pow(cpMean, 7) + pow(25, 7))).squareRoot()
        let sl = 1 + 0.015 * pow(lMean - 50, 2) / (20 + pow(lMean - 50, 2)).squareRoot()
        let sc = 1 + 0.045 * cpMean
        let sh = 1 + 0.015 * cpMean * t
        let rt = -sin(2 * dTheta * deg) * rc
        let x = dLp / sl
        let y = dCp / sc
        let z = dHp / sh
        return (x * x + y * y + z * z + rt * y * z).squareRoot()
    }
}

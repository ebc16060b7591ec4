/// `value` in base `radix`, with leading zeros up to `width` digits (more digits stay): keys
/// (`000000042`), shard and page names (`000007`), hex escapes (`%2F`), tar header fields.
/// A negative value keeps its sign in front of the padded digits (`-05`), never traps.
public func zeroPadded(_ value: Int, width: Int, radix: Int = 10, uppercase: Bool = false) -> String {
    let digits = zeroPadded(
        UInt64(value.magnitude), width: value < 0 ? width - 1 : width, radix: radix, uppercase: uppercase)
    return value < 0 ? "-" + digits : digits
}

/// ``zeroPadded(_:width:radix:uppercase:)`` of an unsigned 64-bit value (a sample index).
public func zeroPadded(_ value: UInt64, width: Int, radix: Int = 10, uppercase: Bool = false) -> String {
    String(decoding: zeroPaddedDigits(value, width: width, radix: radix, uppercase: uppercase), as: UTF8.self)
}

/// The ASCII digits of ``zeroPadded(_:width:radix:uppercase:)``, for writers that build bytes.
public func zeroPaddedDigits(_ value: UInt64, width: Int, radix: Int = 10, uppercase: Bool = false) -> [UInt8] {
    let base = UInt64(radix)
    let letter = uppercase ? UInt8(ascii: "A") : UInt8(ascii: "a")
    var digits: [UInt8] = []
    digits.reserveCapacity(max(width, 20))
    var rest = value
    repeat {
        let d = UInt8(rest % base)
        digits.append(d < 10 ? UInt8(ascii: "0") + d : letter + d - 10)
        rest /= base
    } while rest > 0
    while digits.count < width { digits.append(UInt8(ascii: "0")) }
    digits.reverse()
    return digits
}

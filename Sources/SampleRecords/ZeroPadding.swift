/// `value` in base `radix`, with leading zeros up to `width` digits (more digits stay): keys
/// (`000000042`), shard and page names (`000007`), hex escapes (`%2F`), tar header fields.
/// For non-negative values.
public func zeroPadded(_ value: Int, width: Int, radix: Int = 10, uppercase: Bool = false) -> String {
    padded(String(value, radix: radix, uppercase: uppercase), width)
}

/// ``zeroPadded(_:width:radix:uppercase:)`` of an unsigned 64-bit value (a sample index).
public func zeroPadded(_ value: UInt64, width: Int, radix: Int = 10, uppercase: Bool = false) -> String {
    padded(String(value, radix: radix, uppercase: uppercase), width)
}

private func padded(_ digits: String, _ width: Int) -> String {
    digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}

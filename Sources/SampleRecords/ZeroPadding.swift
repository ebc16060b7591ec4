/// `value` in base `radix`, with leading zeros up to `width` digits (more digits stay): keys
/// (`000000042`), shard and page names (`000007`), hex escapes (`%2F`).
public func zeroPadded<T: BinaryInteger>(_ value: T, width: Int, radix: Int = 10, uppercase: Bool = false) -> String {
    let digits = String(value, radix: radix, uppercase: uppercase)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}

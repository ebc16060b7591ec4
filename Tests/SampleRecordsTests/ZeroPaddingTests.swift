import SampleRecords
import Testing

@Suite struct ZeroPaddingTests {
    @Test func padsToTheWidthAndKeepsLongerNumbers() {
        #expect(zeroPadded(42, width: 6) == "000042")
        #expect(zeroPadded(UInt64(12_345_678_901), width: 9) == "12345678901")
        #expect(zeroPadded(0, width: 3) == "000")
        #expect(zeroPadded(0x2f, width: 2, radix: 16, uppercase: true) == "2F")
        #expect(zeroPadded(0x1f, width: 4, radix: 16) == "001f")
        #expect(zeroPadded(0o644, width: 7, radix: 8) == "0000644")
        #expect(SampleRecord.key(for: 7) == "000000007")
        #expect(zeroPadded(-5, width: 3) == "-05")
    }
}

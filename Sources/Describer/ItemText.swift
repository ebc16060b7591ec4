/// The text of a question, referring expression or negative: UTF-8 bytes in a buffer shared by
/// the items of one description, read as a `String` on demand.
///
/// An image has some thirty such texts in two languages. As `String`s each was an allocation
/// and a UTF-8 validation (the Chinese ones byte by byte) when said, and a release when the
/// record was dropped, for text that the record's JSON copies as bytes anyway. Formats that
/// read the text as strings (VQA, COCO, ...) get them from ``string``.
public struct ItemText: Hashable, Sendable, CustomStringConvertible {
    let storage: Storage
    let start: Int
    let end: Int

    /// Text with a buffer of its own (items read from files, tests).
    public init(_ string: String) {
        storage = Storage(capacity: string.utf8.count)
        storage.bytes.append(contentsOf: string.utf8)
        start = 0
        end = storage.bytes.count
    }

    init(storage: Storage, start: Int, end: Int) {
        self.storage = storage
        self.start = start
        self.end = end
    }

    public var string: String { withUTF8 { String(decoding: $0, as: UTF8.self) } }

    public var description: String { string }

    public var isEmpty: Bool { start == end }

    /// The text's bytes, in place.
    public func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try storage.bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    public static func == (a: ItemText, b: ItemText) -> Bool {
        a.withUTF8 { x in b.withUTF8 { y in x.elementsEqual(y) } }
    }

    public func hash(into hasher: inout Hasher) {
        withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// The bytes of a description's item texts. Appended to only while the description is
    /// being made, on one thread, before any item reading it leaves the describer: shared
    /// read-only after that (which is what makes it `Sendable`).
    final class Storage: @unchecked Sendable {
        // Unchecked: every item text is read through this property, and the dynamic
        // exclusivity check (a thread-local access set) cost more than the read. Writes
        // happen only while the describer builds the description, on its own thread.
        @exclusivity(unchecked) var bytes: [UInt8] = []

        init(capacity: Int) { bytes.reserveCapacity(capacity) }

        /// Appends the buffer's text and returns it as an item's text.
        func add(_ t: TextBuffer) -> ItemText {
            let start = bytes.count
            t.withBytes { bytes.append(contentsOf: $0) }
            return ItemText(storage: self, start: start, end: bytes.count)
        }
    }
}

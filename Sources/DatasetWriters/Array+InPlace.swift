extension Array {
    /// Visits the elements in place. `for item in list` copies each element: a retain and a
    /// release per list, string and boxed value in it, which for the text items of an image
    /// (read several times each) cost more than the work done with them.
    @inlinable
    public func forEachInPlace(_ body: (UnsafePointer<Element>) -> Void) {
        withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for i in buffer.indices { body(base + i) }
        }
    }
}

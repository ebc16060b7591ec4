import ParallelWork
import Testing

@Suite struct ParallelWorkTests {
    struct Failed: Error, Equatable { var index: Int }

    @Test func resultsComeInIndexOrderWhateverTheWorkerCount() {
        for workers in [1, 2, 3, 8, 100] {
            for count in [0, 1, 2, 7, 64] {
                let out = ParallelWork.map(count: count, workers: workers) { $0 * $0 }
                #expect(out == (0..<count).map { $0 * $0 }, "workers \(workers), count \(count)")
            }
        }
    }

    @Test func theLowestFailingIndexIsThrown() {
        for workers in [1, 2, 4] {
            #expect(throws: Failed(index: 3)) {
                _ = try ParallelWork.map(count: 40, workers: workers) { (k: Int) throws(Failed) -> Int in
                    if k == 3 || k == 17 || k == 30 { throw Failed(index: k) }
                    return k
                }
            }
        }
    }
}

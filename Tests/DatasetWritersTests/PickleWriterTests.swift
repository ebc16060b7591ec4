import Foundation
import SampleRecords
import ScenewrightTestSupport
import Testing

@testable import DatasetWriters

@Suite struct PickleWriterTests {
    /// Loads a pickle from stdin and compares it, types included (True is not 1, 2.0 is not 2),
    /// with the JSON in argv[1]; checks dict key order and that only protocol 0-2 opcodes occur.
    static let compare = #"""
        import json, pickle, pickletools, sys
        data = sys.stdin.buffer.read()
        value = pickle.loads(data)
        expected = json.loads(sys.argv[1])
        def same(a, b, path="$"):
            if type(a) is not type(b):
                raise SystemExit(f"{path}: {type(a).__name__} {a!r} != {type(b).__name__} {b!r}")
            if isinstance(a, dict):
                if list(a) != list(b):
                    raise SystemExit(f"{path}: keys {list(a)} != {list(b)}")
                for k in a:
                    same(a[k], b[k], f"{path}.{k}")
            elif isinstance(a, list):
                if len(a) != len(b):
                    raise SystemExit(f"{path}: length {len(a)} != {len(b)}")
                for i, (x, y) in enumerate(zip(a, b)):
                    same(x, y, f"{path}[{i}]")
            elif a != b:
                raise SystemExit(f"{path}: {a!r} != {b!r}")
        same(value, expected)
        for op, arg, pos in pickletools.genops(data):
            if op.proto > 2:
                raise SystemExit(f"opcode {op.name} needs protocol {op.proto}")
        print("ok")
        """#

    func roundTrip(_ pickle: [UInt8], _ expected: JSONValue) throws {
        let r = try FormatFixtures.python(PickleWriterTests.compare, [expected.text], stdin: pickle)
        #expect(r.status == 0 && r.out == "ok\n", "\(r.out) \(r.err)")
    }

    static let integers = [
        0, 1, 255, 256, 65535, 65536, -1, -128, -129, -256, -32768, Int(Int32.max), Int(Int32.min),
        Int(Int32.max) + 1, Int(Int32.min) - 1, 1 << 40, 128 << 32, -(1 << 40), Int.max, Int.min, 1_000_000_000_001_000,
    ]

    @Test func valuesRoundTripThroughPythonPickle() throws {
        let value: JSONValue = .object([
            "zeta": .null, "alpha": .bool(true), "beta": .bool(false),
            "ints": .array(PickleWriterTests.integers.map { .int($0) }),
            "floats": .array([.double(1.5), .double(-0.25), .double(1e300), .double(2.0), .double(0.1)]),
            "text": .array([.string(""), .string("a red circle"), .string("红色的圆"), .string("quote \" and \\")]),
            "nested": .array([.object([:]), .array([]), .object(["b": .int(2), "a": .array([.array([.int(1)])])])]),
        ])
        try roundTrip(PickleWriter.document(value), value)
    }

    @Test func smallValuesUseTheShortestOpcodes() {
        #expect(PickleWriter.document(.int(1)) == [0x80, 2, UInt8(ascii: "K"), 1, UInt8(ascii: ".")])
        #expect(PickleWriter.document(.int(300)) == [0x80, 2, UInt8(ascii: "M"), 44, 1, UInt8(ascii: ".")])
        #expect(PickleWriter.document(.int(-1)) == [0x80, 2, UInt8(ascii: "J"), 255, 255, 255, 255, UInt8(ascii: ".")])
        #expect(PickleWriter.document(.int(1 << 31)) == [0x80, 2, 0x8a, 5, 0, 0, 0, 128, 0, UInt8(ascii: ".")])
        #expect(PickleWriter.document(.array([])) == [0x80, 2, UInt8(ascii: "]"), UInt8(ascii: ".")])
        #expect(PickleWriter.listFragment([]).isEmpty)
    }

    @Test func listFragmentsConcatenateIntoOneList() throws {
        let a: [JSONValue] = [.object(["ref_id": .int(1001), "sent": .string("the red circle")]), .int(2)]
        let b: [JSONValue] = [.string("x")]
        let bytes =
            PickleWriter.listHeader + PickleWriter.listFragment(a) + PickleWriter.listFragment([])
            + PickleWriter.listFragment(b) + PickleWriter.stop
        try roundTrip(bytes, .array(a + b))
        try roundTrip(PickleWriter.listHeader + PickleWriter.stop, .array([]))
    }
}

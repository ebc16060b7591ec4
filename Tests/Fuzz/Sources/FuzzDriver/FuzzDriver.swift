import CLibFuzzer
import Foundation

/// Runs libFuzzer with this process's arguments over `body` and exits with its status.
/// SwiftPM links executables with their own `main`, so the harnesses call libFuzzer's driver
/// rather than defining `LLVMFuzzerTestOneInput` for libFuzzer's `main`.
public func runLibFuzzer(_ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, body))
}

/// The input as a byte array (libFuzzer may pass a null pointer for the empty input).
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

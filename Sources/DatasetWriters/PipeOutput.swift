import Glibc

/// Bytes to an already open file descriptor that a reader may close at any time (standard
/// output into `pipe:`): writes go through a 1 MiB buffer, and a closed reader ends the
/// stream quietly instead of killing the process with SIGPIPE.
public final class PipeOutput {
    public enum Status: Sendable { case open, readerClosed }

    let fd: Int32
    let name: String
    var buffer: [UInt8] = []
    public private(set) var status = Status.open
    /// Bytes the reader has been given.
    public private(set) var written = 0

    /// `name` names the descriptor in messages ("standard output").
    public init(fd: Int32, name: String) {
        self.fd = fd
        self.name = name
        buffer.reserveCapacity(1 << 20)
        // A write to a pipe without a reader fails with EPIPE instead of raising SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
    }

    /// Appends bytes; they reach the reader by ``flush()`` or when the buffer fills.
    public func append(_ bytes: ArraySlice<UInt8>) throws(WriteError) {
        guard status == .open else { return }
        if buffer.count + bytes.count > 1 << 20 { try flush() }
        if bytes.count >= 1 << 20 {
            try send(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// Hands everything appended so far to the reader.
    public func flush() throws(WriteError) {
        guard !buffer.isEmpty else { return }
        try send(buffer[...])
        buffer.removeAll(keepingCapacity: true)
    }

    private func send(_ bytes: ArraySlice<UInt8>) throws(WriteError) {
        guard status == .open else { return }
        let (sent, failure) = AtomicFile.writeAllBytes(bytes, to: fd)
        written += sent
        guard let failure else { return }
        if failure == EPIPE {
            status = .readerClosed
            return
        }
        throw WriteError(path: name, message: String(cString: strerror(failure)))
    }
}

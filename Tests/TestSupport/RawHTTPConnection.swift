import Foundation

/// A plain TCP connection to a loopback server, for requests no HTTP client would send: a head and
/// part of a body, the rest later or never.
public final class RawHTTPConnection {
    private let descriptor: Int32

    public init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard descriptor >= 0, connected else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw Tool.Failure(command: "connect to 127.0.0.1:\(port)", status: errno, stderr: reason)
        }
    }

    deinit { close(descriptor) }

    /// The head of a request whose body is `Content-Length` bytes of JSON.
    public static func head(_ method: String, _ path: String, contentLength: Int) -> Data {
        Data("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(contentLength)\r\n\r\n".utf8)
    }

    /// Whether all of `bytes` were written.
    @discardableResult public func send(_ bytes: Data) -> Bool {
        var written = 0
        while written < bytes.count {
            let count = bytes.dropFirst(written).withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return false }
            written += count
        }
        return true
    }

    /// The answer's first line, or nil when none comes within `seconds` (or the server closes first).
    public func statusLine(within seconds: Double) -> String? {
        var timeout = timeval(tv_sec: Int(seconds), tv_usec: Int(seconds.truncatingRemainder(dividingBy: 1) * 1_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var answer = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !answer.contains(UInt8(ascii: "\r")) {
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else { return nil }
            answer.append(buffer, count: count)
        }
        return String(decoding: answer.prefix { $0 != UInt8(ascii: "\r") }, as: UTF8.self)
    }
}

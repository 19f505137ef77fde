import Foundation
import RemixAPI

/// Where the ElevenLabs-compatible API lives: the official host, a data-residency host, or any URL
/// (a `remix serve`, a proxy).
public enum ElevenLabsEndpoint: Sendable, Hashable {
    case global, us, eu, india
    case custom(URL)

    /// The names `--backend` accepts for the official hosts, besides a URL.
    public static let names: [String: ElevenLabsEndpoint] = [
        "elevenlabs": .global, "us": .us, "eu": .eu, "in": .india,
    ]

    public var url: URL {
        switch self {
        case .global: Self.listed(Servers.Server1.url)
        case .us: Self.listed(Servers.Server2.url)
        case .eu: Self.listed(Servers.Server3.url)
        case .india: Self.listed(Servers.Server4.url)
        case .custom(let url): url
        }
    }

    /// Whether what is sent here (the API key among it) would cross a network unencrypted: plain HTTP
    /// to anything but this machine's loopback. Names other than `localhost` are not resolved, since
    /// what a name resolves to can change between this check and the request.
    public var isPlainHTTPOffLoopback: Bool {
        guard url.scheme?.lowercased() == "http" else { return false }
        guard let host = url.host(percentEncoded: false)?.lowercased() else { return true }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare == "localhost" || bare == "::1" { return false }
        var address = in_addr()
        // 127.0.0.0/8 is loopback as a whole.
        return !(inet_pton(AF_INET, bare, &address) == 1 && UInt32(bigEndian: address.s_addr) >> 24 == 127)
    }

    /// The official hosts come from openapi.yaml's `servers`, so they are written once; they are
    /// constants there, so failing to parse one is a broken build, not a runtime condition.
    private static func listed(_ make: () throws -> URL) -> URL {
        do { return try make() } catch { preconditionFailure("openapi.yaml lists an invalid server URL: \(error)") }
    }
}

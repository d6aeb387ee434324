import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Every request's context: Hummingbird's, plus the peer's address (for the failure limit).
struct WebContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Who is asking, for the failure limit: the peer's IP address (behind the reverse proxy, the
    /// proxy's, unless it sends X-Forwarded-For from loopback).
    func client(_ request: Request) -> String {
        let peer = remoteAddress?.ipAddress ?? "unknown"
        if peer == "127.0.0.1" || peer == "::1", let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!] {
            return forwarded.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? peer
        }
        return peer
    }
}

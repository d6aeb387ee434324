import DondocCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// The HTTP server, as Hummingbird's `Application` runs it but without its date cache, a task
/// that wakes the process every second to format the `Date:` header (measured: about 600
/// wake-ups a minute of an idle `dondoc web`). Here the header is formatted when a response
/// needs it, at most once a second: an idle server does not wake at all.
struct QuietServer: Service {
    let responder: RouterResponder<WebContext>
    let address: BindAddress
    let logger: Logger
    let onServerRunning: @Sendable (any Channel) async -> Void

    func run() async throws {
        let dates = HTTPDateHeader()
        let (responder, logger) = (self.responder, self.logger)
        let server = try HTTPServerBuilder.http1().buildServer(
            configuration: ServerConfiguration(address: address),
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: logger,
            responder: { (request, responseWriter: consuming ResponseWriter, channel) in
                let context = WebContext(source: .init(channel: channel, logger: logger))
                var response: Response
                do {
                    response = try await responder.respond(to: request, context: context)
                } catch {
                    logger.debug("unanswered request: \(error)")
                    response = Response(status: .internalServerError)
                }
                response.headers[.date] = dates.now()
                try await responseWriter.write(response: response.head, body: response.body)
            },
            onServerRunning: onServerRunning)
        try await server.run()
    }
}

/// `Date:` as RFC 9110's IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), formatted again only
/// when the second has changed.
final class HTTPDateHeader: Sendable {
    private let cache = Mutex<(second: Int64, text: String)>((-1, ""))

    func now() -> String {
        let second = Int64(Date().timeIntervalSince1970.rounded(.down))
        return cache.withLock { cached in
            if cached.second != second { cached = (second, HTTPDateHeader.format(second)) }
            return cached.text
        }
    }

    static func format(_ epochSeconds: Int64) -> String {
        let utc = LocalDateTime(epochSeconds: epochSeconds, offsetMinutes: 0)
        let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let seconds = Int((epochSeconds % 60 + 60) % 60)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let weekday = (utc.date.julianDay % 7 + 7) % 7   // JDN mod 7: 0 is Monday
        return "\(weekdays[weekday]), \(two(utc.date.day)) \(months[utc.date.month - 1]) \(utc.date.year) "
            + "\(two(utc.hour)):\(two(utc.minute)):\(two(seconds)) GMT"
    }
}

import DondocApp
import DondocCore
import DondocStore
import Hummingbird
import Prometheus
import Synchronization

/// `GET /metrics` (DESIGN §6.6) in Prometheus' text format, and `GET /healthz`. Counts only —
/// no keys, names or addresses: the obligations `dondoc status` lists, by state and by
/// category; from the send log, digests and notifications sent, failed hand-overs to sendmail
/// and what waits to be sent; this process's answers by status code.
final class WebMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    /// What the send log said at the last scrape: its totals only grow, so the counters move by
    /// the difference.
    private let lastCounts = Mutex(SendLogCounts())

    /// One answer with this status code.
    func count(status: Int) {
        registry.makeCounter(name: "dondoc_web_requests_total", labels: [("code", String(status))],
                             help: "Answers of dondoc web by HTTP status code.").increment()
    }

    /// The metrics now: what the store says, then the text.
    func scrape(_ site: Site) async throws -> String {
        let now = LocalDateTime(epochSeconds: site.now)
        let workflows = site.workflows
        let listing = StatusListing(planner: workflows.planner(sendAt: site.config.sendAt), records: try await site.records(), now: now)
        let tracked = listing.obligations(window: StatusListing.defaultWindow(today: now.date))
        for state in ObligationState.allCases {
            registry.makeGauge(name: "dondoc_obligations", labels: [("state", state.rawValue)],
                               help: "Obligations dondoc status lists (due from a year ago to 60 days ahead, and open overdue ones), by state.")
                .set(Int64(tracked.count { $0.state == state }))
        }
        for category in ReportCategory.allCases {
            registry.makeGauge(name: "dondoc_obligations_by_category", labels: [("category", category.rawValue)],
                               help: "The same obligations by report category.")
                .set(Int64(tracked.count { $0.category == category }))
        }
        let counts = try await site.store.sendLogCounts()
        let last = lastCounts.withLock { last in
            defer { last = counts }
            return last
        }
        func advance(_ name: String, _ help: String, _ value: KeyPath<SendLogCounts, Int>) {
            registry.makeCounter(name: name, help: help).increment(by: Int64(max(0, counts[keyPath: value] - last[keyPath: value])))
        }
        advance("dondoc_digests_sent_total", "Messages (digests) sendmail accepted.", \.messagesSent)
        advance("dondoc_notifications_sent_total", "Notifications (one obligation's reminder or escalation to one address) in those messages.",
                \.notificationsSent)
        advance("dondoc_sendmail_failures_total", "Hand-overs to sendmail that failed.", \.sendmailFailures)
        registry.makeGauge(name: "dondoc_digests_pending", help: "Messages claimed and not yet sent (failing, or in flight).")
            .set(Int64(counts.messagesPending))
        registry.makeGauge(name: "dondoc_deliveries_pending", help: "Notifications in those messages.")
            .set(Int64(counts.deliveriesPending))
        return registry.emitToString()
    }
}

struct MetricsRoutes: Sendable {
    let site: Site

    func register(on router: Router<WebContext>) {
        router.get("/metrics") { _, context in
            do {
                return await Responses.text(try site.metrics.scrape(site), contentType: "text/plain; version=0.0.4; charset=utf-8")
            } catch {
                context.logger.error("metrics: the store failed: \(error)")
                return Responses.text("the state store does not answer\n", contentType: "text/plain; charset=utf-8", status: .serviceUnavailable)
            }
        }
        // 200 when the store answers; 503, saying so, when it does not.
        router.get("/healthz") { _, context in
            do {
                _ = try await site.store.metadata(LinkSecret.metadataKey)
                return Responses.text("ok\n", contentType: "text/plain; charset=utf-8")
            } catch {
                context.logger.error("healthz: the store failed: \(error)")
                return Responses.text("the state store does not answer\n", contentType: "text/plain; charset=utf-8", status: .serviceUnavailable)
            }
        }
    }
}

/// Counts every answer by its status code (the outermost middleware: it sees the pages errors
/// became).
struct RequestMetrics<Context: RequestContext>: RouterMiddleware {
    let metrics: WebMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            let response = try await next(request, context)
            metrics.count(status: response.status.code)
            return response
        } catch {
            metrics.count(status: (error as? any HTTPResponseError)?.status.code ?? 500)
            throw error
        }
    }
}

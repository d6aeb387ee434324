import DondocApp
import DondocCore
import DondocLinks
import DondocLoader
import DondocRuntime
import DondocStore
import DondocSystemd
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// The composition root of `dondoc web` (DESIGN §6.1): builds what the process runs, and what
/// the tests run.
public enum Web {
    public struct Options: Sendable {
        public var config: InstallationConfig
        public var clock: DaemonClock

        public init(config: InstallationConfig, clock: DaemonClock = .system) {
            self.config = config
            self.clock = clock
        }
    }

    /// A problem that stops `dondoc web` before it listens, naming the file and key.
    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Checks the config, opens the store the daemon made, loads the workflows and builds the
    /// server and its reloader. READY=1 goes to systemd once the socket listens.
    public static func makeServiceGroup(_ options: Options, logger: Logger) async throws -> ServiceGroup {
        let config = options.config
        guard let base = config.http.baseURL else {
            throw StartError(description: """
                \(config.file): 'http.base-url' is not set: dondoc web needs the address staff reach \
                (such as https://dondoc.example.gov.vn), on which the links in email are built
                """)
        }
        let store: any StateStore
        do {
            store = try await StateStores.open(config, create: false)
        } catch let error as StoreError where error.code == .notFound {
            throw StartError(description: "\(error) (start `dondoc run` with this config first; 'state:' at \(config.whereSet("state")))")
        } catch {
            throw StartError(description: "\(error)")
        }
        let signer: LinkSigner
        do { signer = try await LinkSecret.signer(store) } catch { throw StartError(description: "\(config.state): \(error)") }
        let files = DirectiveFileCache()
        let report = WorkflowLoader.load(directory: config.workflows, today: options.clock.now.date, cache: files)
        for diagnostic in report.errors { logger.error("\(diagnostic)") }
        let site = Site(config: config, links: LinkBuilder(baseURL: base, signer: signer, linkDays: config.http.linkDays),
                        store: store, clock: options.clock,
                        workflows: LiveWorkflows.merge(previous: nil, report: report))
        let notifier = SystemdNotifier()
        let listen = config.http.listen
        let server = QuietServer(
            responder: router(site).buildResponder(), address: .hostname(listen.host, port: listen.port), logger: logger,
            onServerRunning: { _ in
                _ = notifier.ready(status: "Serving \(base) on \(listen)")
                logger.info("dondoc web started", metadata: ["listen": "\(listen)", "base-url": "\(base)"])
            })
        return ServiceGroup(configuration: .init(
            services: [
                .init(service: server, successTerminationBehavior: .gracefullyShutdownGroup),
                .init(service: WebReloader(site: site, files: files, notifier: notifier, logger: logger), successTerminationBehavior: .ignore),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
    }

    /// Every route, behind the headers every response carries and the pages errors become.
    static func router(_ site: Site) -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: RequestMetrics(metrics: site.metrics))
        router.add(middleware: SecurityHeaders())
        router.add(middleware: ErrorPages(pages: site.pages))
        router.add(middleware: APIRoutes.Methods())
        router.get("/static/site.css") { _, _ in
            Responses.text(PageTemplates.stylesheet, contentType: "text/css; charset=utf-8")
        }
        LinkPages(site: site).register(on: router)
        DashboardPages(site: site).register(on: router)
        APIRoutes(site: site).register(on: router)
        FeedRoutes(site: site).register(on: router)
        MetricsRoutes(site: site).register(on: router)
        return router
    }
}

/// SIGHUP: RELOADING=1, the workflows read again (a file that fails keeps its last good
/// version), READY=1 — as the daemon does.
struct WebReloader: Service {
    let site: Site
    /// The directive files as last read: a reload reads again only those that changed.
    let files: DirectiveFileCache
    let notifier: SystemdNotifier
    let logger: Logger

    func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        for await _ in hangups.cancelOnGracefulShutdown() {
            _ = notifier.reloading(status: "Reloading \(site.config.workflows)")
            let report = WorkflowLoader.load(directory: site.config.workflows, today: site.clock.now.date, cache: files)
            for diagnostic in report.errors { logger.error("\(diagnostic)") }
            site.replace(LiveWorkflows.merge(previous: site.workflows, report: report))
            _ = notifier.ready(status: "Reloaded \(site.config.workflows)")
            logger.info("workflows reloaded")
        }
    }
}

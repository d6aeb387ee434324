import DondocApp
import DondocCore
import DondocLinks
import DondocLoader
import DondocRuntime
import DondocMail
import DondocStore
import DondocSystemd
import Foundation
import Logging
import ServiceLifecycle

/// The one composition root: builds what `dondoc run` runs, and what the tests run.
public enum Daemon {
    public struct Options: Sendable {
        public var config: InstallationConfig
        public var clock: DaemonClock
        public var hangAfterReady: Bool

        public init(config: InstallationConfig, clock: DaemonClock = .system, hangAfterReady: Bool = false) {
            self.config = config
            self.clock = clock
            self.hangAfterReady = hangAfterReady
        }
    }

    /// A problem that stops the daemon before it starts, with a message naming the file.
    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Builds the daemon and runs it until SIGTERM.
    public static func run(_ options: Options, logger: Logger) async throws {
        try await makeServiceGroup(options, logger: logger).run()
    }

    /// Links to the web in digests when `http.base-url` is set (DESIGN §6.2), signed with the
    /// store's link secret (made here if this is the first process to need it).
    static func digestLinks(_ config: InstallationConfig, store: any StateStore) async throws -> DigestLinks? {
        guard let base = config.http.baseURL else { return nil }
        let builder = LinkBuilder(baseURL: base, signer: try await LinkSecret.signer(store), linkDays: config.http.linkDays)
        return DigestLinks(
            obligation: { key, address, at in builder.url(.obligation, key: key, address: address, madeAt: at.epochSeconds()) },
            feed: { builder.feedURL(unit: $0) },
            review: { key, address, at in builder.url(.review, key: key, address: address, madeAt: at.epochSeconds()) })
    }

    /// Opens the store and builds the service group. Throws `StartError` (never recreating a
    /// store that fails to open).
    public static func makeServiceGroup(_ options: Options, logger: Logger) async throws -> ServiceGroup {
        let config = options.config
        let store: any StateStore
        do {
            store = try await StateStores.open(config, create: true)
        } catch let error as StoreError {
            throw StartError(description: "\(error)")
        }
        let templates: MailTemplates
        do {
            templates = try MailTemplates.load(directory: config.templates)
        } catch {
            throw StartError(description: "\(error)")
        }
        let links: DigestLinks?
        do {
            links = try await digestLinks(config, store: store)
        } catch {
            throw StartError(description: "\(config.state): \(error)")
        }
        let composer: MessageComposer
        do {
            composer = try MessageComposer(from: config.mail.from, templates: templates, links: links)
        } catch {
            throw StartError(description: "\(config.whereSet("mail.from")): mail.from: \(error)")
        }
        guard let sendmail = Sendmail(commandLine: config.mail.sendmail) else {
            throw StartError(description: "\(config.whereSet("mail.sendmail")): mail.sendmail: cannot use '\(config.mail.sendmail)'")
        }
        let notifier = SystemdNotifier()
        let heartbeat = Heartbeat()
        let delivery = DeliveryWorker(store: store, composer: composer, sendmail: sendmail, backoff: Backoff(),
                                      journal: config.journal, heartbeat: heartbeat, logger: logger, parallel: config.mail.parallel)
        let daemon = DaemonService(config: config, clock: options.clock, store: store, delivery: delivery, heartbeat: heartbeat,
                                   notifier: notifier, logger: logger)
        let watchdog = WatchdogService(notifier: notifier, heartbeat: heartbeat, logger: logger, hangAfterReady: options.hangAfterReady)
        return ServiceGroup(configuration: .init(
            services: [
                .init(service: daemon, successTerminationBehavior: .gracefullyShutdownGroup),
                .init(service: watchdog, successTerminationBehavior: .ignore),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
    }
}

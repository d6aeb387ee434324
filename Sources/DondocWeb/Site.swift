import DondocApp
import DondocCore
import DondocLinks
import DondocLoader
import DondocRuntime
import DondocStore
import Foundation
import Synchronization

/// What every request of `dondoc web` reads: the config, the store shared with the daemon, the
/// link signer, the clock (simulated in drills) and the workflows as last loaded.
final class Site: Sendable {
    let config: InstallationConfig
    let links: LinkBuilder
    let store: any StateStore
    let clock: DaemonClock
    let pages = Pages()
    let failures = FailureLimit()
    let metrics = WebMetrics()
    private let loaded: Mutex<WorkflowSet>

    init(config: InstallationConfig, links: LinkBuilder, store: any StateStore, clock: DaemonClock, workflows: WorkflowSet) {
        self.config = config
        self.links = links
        self.store = store
        self.clock = clock
        self.loaded = Mutex(workflows)
    }

    var workflows: WorkflowSet { loaded.withLock { $0 } }

    /// Replaces the workflows after a reload.
    func replace(_ workflows: WorkflowSet) { loaded.withLock { $0 = workflows } }

    var signer: LinkSigner { links.signer }

    var auth: Authenticator { Authenticator(site: self, limit: failures) }

    /// Seconds since 1970 on the site's clock.
    var now: Int64 { clock.wall.now() }

    /// The records the states need, read now.
    func records() async throws -> TrackingRecords { try await TrackingRecords.read(from: store) }
}

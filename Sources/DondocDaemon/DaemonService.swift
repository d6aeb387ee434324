import DondocCore
import DondocLoader
import DondocRuntime
import DondocStore
import DondocSystemd
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// A flag set and cleared from any thread: that the daemon is asked to stop (read between
/// messages), that it holds the active role, that a claim found the role lost.
final class Toggle: Sendable {
    private let flag = Mutex(false)
    var isSet: Bool { flag.withLock { $0 } }
    func set(_ value: Bool) { flag.withLock { $0 = value } }
    /// Whether it was set, clearing it.
    func take() -> Bool {
        flag.withLock { value in
            defer { value = false }
            return value
        }
    }
}

/// What wakes the daemon's loop.
enum DaemonEvent: Sendable {
    case timer, storeChanged, clockStepped, reload, shutdown
}

/// `dondoc run`: loads the workflows and the store, then sleeps until the next thing to do,
/// sends what fell due, and goes back to sleep (DESIGN §3, §5).
public final class DaemonService: Service, Sendable {
    let config: InstallationConfig
    let clock: DaemonClock
    let store: any StateStore
    let delivery: DeliveryWorker
    let heartbeat: Heartbeat
    let notifier: SystemdNotifier
    let logger: Logger
    private let stopping = Toggle()
    /// Whether this process holds the store's active role (DESIGN §7).
    private let active = Toggle()
    /// The directive files as last read: a reload reads again only those that changed.
    private let files = DirectiveFileCache()
    /// The progress as the last pass read it: the next reads only what was recorded since.
    private let lastProgress = Mutex<ProgressSnapshot?>(nil)

    init(config: InstallationConfig, clock: DaemonClock, store: any StateStore,
         delivery: DeliveryWorker, heartbeat: Heartbeat, notifier: SystemdNotifier, logger: Logger) {
        self.config = config
        self.clock = clock
        self.store = store
        self.delivery = delivery
        self.heartbeat = heartbeat
        self.notifier = notifier
        self.logger = logger
    }

    public func run() async throws {
        let (events, continuation) = AsyncStream.makeStream(of: DaemonEvent.self, bufferingPolicy: .bufferingNewest(16))
        let wakeTimer = try WakeTimer { continuation.yield(.timer) }
        let started = clock.wall.now()
        let firstStart = try await recordFirstStart(now: started)
        // The completions are read while the files load (off this thread): the first pass then
        // reads only what was recorded since, where the store can tell (SQLite).
        let earlyProgress = store.extendsProgressSnapshots ? Task { [store] in try await store.progress(after: nil) } : nil
        var workflows = load(previous: nil)
        // Trapped before READY=1: systemd may send a reload's SIGHUP as soon as it has READY=1.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        try await store.audit(AuditEvent(at: started, actor: "dondoc", action: "start", key: nil, detail: config.workflows))
        _ = notifier.ready(status: status(workflows, next: nil))
        logger.info("dondoc started", metadata: ["workflows": "\(config.workflows)", "state": "\(config.state)"])

        let storeChanges = store.changes()
        clock.watchSteps { continuation.yield(.clockStepped) }
        // A child task, not an unstructured one: it runs on the caller's executor (see ThreadExecutor).
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [notifier, config] in
                for await _ in hangups {
                    // At once, so systemd (ExecReload=kill -HUP) waits for the READY=1 that ends the reload.
                    _ = notifier.reloading(status: "Reloading \(config.workflows)")
                    continuation.yield(.reload)
                }
            }
            group.addTask {
                for await _ in storeChanges { continuation.yield(.storeChanged) }
            }
            defer { group.cancelAll() }
            try await withGracefulShutdownHandler {
                guard try await becomeActive(workflows) else { return }
                if let snapshot = try await earlyProgress?.value { lastProgress.withLock { $0 = snapshot } }
                var iterator = events.makeAsyncIterator()
                var wake = try await tick(workflows: workflows, firstStart: firstStart)
                var lastStatus = ""
                while !stopping.isSet {
                    let text = status(workflows, next: wake)
                    if text != lastStatus {
                        _ = notifier.status(text)
                        lastStatus = text
                        logger.debug("next wake at \(LocalDateTime.iso8601(epochSeconds: wake))")
                    }
                    wakeTimer.arm(after: clock.sleepDuration(untilWall: wake))
                    heartbeat.idle()
                    let event = await iterator.next()
                    heartbeat.beat()
                    switch event {
                    case .reload?:
                        workflows = load(previous: workflows)
                        lastStatus = status(workflows, next: nil)
                        _ = notifier.ready(status: lastStatus)
                        try? await store.audit(AuditEvent(at: clock.wall.now(), actor: "dondoc", action: "reload", key: nil, detail: nil))
                    case .shutdown?, nil:
                        stopping.set(true)
                        continue
                    case .storeChanged?:
                        // Another writer's commit (the store does not report its own writes).
                        break
                    case .clockStepped?:
                        logger.notice("the clock was set, now \(LocalDateTime.iso8601(epochSeconds: clock.wall.now())): recomputing what is due")
                    case .timer?:
                        break
                    }
                    wake = try await tick(workflows: workflows, firstStart: firstStart)
                    if delivery.lostRole.take() {
                        // The session with the database ended (a lost network, the server's
                        // restart): another node may be active now. Stand by again.
                        active.set(false)
                        lastStatus = status(workflows, next: nil)
                        _ = notifier.status(lastStatus)
                        logger.warning("standby: this node lost the state store's active role; waiting to take it back")
                        guard try await becomeActive(workflows) else { break }
                        wake = try await tick(workflows: workflows, firstStart: firstStart)
                    }
                }
            } onGracefulShutdown: { [stopping, notifier] in
                // Tell systemd at once; the message in flight is finished before the loop ends.
                _ = notifier.stopping(status: "Stopping: finishing the message in flight")
                stopping.set(true)
                continuation.yield(.shutdown)
            }
        }
        _ = notifier.stopping(status: "Stopping")
        try? await store.close()
        logger.info("dondoc stopped")
    }

    /// Stands by until this process holds the store's active role (at once on SQLite; on
    /// PostgreSQL when no other `dondoc run` holds it: waited for on the server, no polling),
    /// then says so. False when asked to stop first.
    func becomeActive(_ workflows: WorkflowSet) async throws -> Bool {
        // Standing by is waiting, not a stall: the watchdog keeps pinging however long it lasts.
        heartbeat.idle()
        do {
            try await cancelWhenGracefulShutdown { [store] in try await store.acquireActive() }
        } catch is CancellationError {
            return false
        }
        heartbeat.beat()
        active.set(true)
        _ = notifier.status(status(workflows, next: nil))
        logger.notice("active: this node holds the state store's active role, and plans and sends", metadata: ["state": "\(config.state)"])
        return true
    }

    /// One pass: send what is due, retry what failed; returns when to wake next (epoch seconds).
    func tick(workflows: WorkflowSet, firstStart: Int64) async throws -> Int64 {
        let nowSeconds = clock.wall.now()
        let now = LocalDateTime(epochSeconds: nowSeconds)
        let catchUpFrom = max(firstStart, nowSeconds - Int64(config.catchUpDays) * 86_400)
        let since = LocalDateTime(epochSeconds: catchUpFrom)
        let planner = workflows.planner(sendAt: config.sendAt)
        let snapshot = try await store.progress(after: lastProgress.withLock { $0.take() })
        let progress = snapshot.progress
        lastProgress.withLock { $0 = snapshot }
        let claimed = ClaimedDeliveries(pairs: try await store.claimedDeliveries(since: since.epochSeconds()))
        // Claimed and unsent, to be handed over again now; a message waiting for its retry time keeps waiting.
        let resending = try await store.unsentMessages().filter { ($0.retryAt ?? nowSeconds) <= nowSeconds }
        let schedule = Scheduler(planner: planner).schedule(now: now, since: since, progress: progress, resending: resending,
                                                            isClaimed: claimed.isClaimed)
        logger.debug("tick at \(now): \(schedule.due.count) notification(s) due since \(since)")
        let shouldStop: @Sendable () -> Bool = { [stopping] in stopping.isSet }
        let released = await delivery.withdraw(schedule.withdrawals, now: nowSeconds)
        await delivery.deliver(schedule.due, now: nowSeconds, directives: workflows, claimed: claimed, released: released,
                               shouldStop: shouldStop)
        await delivery.deliverNotices(try await store.extensionRequests(.changedSince(catchUpFrom)), now: nowSeconds, workflows: workflows,
                                      sendAt: config.sendAt, progress: progress, claimed: claimed, shouldStop: shouldStop)
        let nextRetry = await delivery.retryFailed(now: clock.wall.now(), progress: progress, shouldStop: shouldStop)
        let nextWake = schedule.nextWake.epochSeconds()
        return min(nextWake, nextRetry ?? nextWake)
    }

    func load(previous: WorkflowSet?) -> WorkflowSet {
        let report = WorkflowLoader.load(directory: config.workflows, today: clock.now.date, cache: files)
        if previous != nil { logger.info("reload: \(report.directiveFilesRead) directive file(s) changed and read again") }
        for diagnostic in report.diagnostics {
            switch diagnostic.severity {
            case .error: logger.error("\(diagnostic.description)")
            case .warning: logger.warning("\(diagnostic.description)")
            }
        }
        if !report.invalidFiles.isEmpty {
            let kept = previous == nil ? "skipped" : "kept at their last good version"
            logger.error("\(report.invalidFiles.count) file(s) did not load and are \(kept): \(report.invalidFiles.sorted().joined(separator: ", "))")
        }
        return LiveWorkflows.merge(previous: previous, report: report)
    }

    func recordFirstStart(now: Int64) async throws -> Int64 {
        if let text = try await store.metadata("first-start"), let value = Int64(text) { return value }
        try await store.setMetadata("first-start", String(now))
        return now
    }

    /// `STATUS=`: the role first (`active`, or `standby` while another node holds it), then what
    /// is tracked and the next wake.
    func status(_ workflows: WorkflowSet, next: Int64?) -> String {
        let steps = workflows.directives.reduce(0) { $0 + $1.steps.count }
        var text = active.isSet ? "active: " : "standby (waiting for the active role): "
        text += "Tracking \(workflows.directives.count) directives, \(steps) steps, \(workflows.org.units.count) units"
        if let next { text += "; next wake \(LocalDateTime.iso8601(epochSeconds: next))" }
        return text
    }
}

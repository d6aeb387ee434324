import DondocCore
import DondocStore
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

/// The state store on a PostgreSQL server (DESIGN §7): any number of dondoc processes on several
/// machines share one database; one `dondoc run` is active at a time.
///
/// ## Threads: the synchronous transaction body
///
/// `transaction(_:)` takes a synchronous body (a use case reads, decides, writes), but
/// postgres-nio answers on its event loops. Each store therefore owns one worker thread (an
/// `NIOThreadPool` of one thread): every operation — a use case's transaction, a read, a claim —
/// is handed to it, and there it runs its statements one by one, waiting for each answer with
/// `EventLoopFuture.wait()`. That thread is never an event loop's (where a wait would deadlock,
/// and NIO traps it), nor one of Swift concurrency's cooperative threads (which Hummingbird's
/// handlers and the CLI run on, and which must not block), nor the daemon's `ThreadExecutor`
/// (whose idle process must sleep): callers only `await` the worker's answer. One thread also
/// serialises the operations on the store's one connection, as a transaction needs. The
/// alternative, a blocking wait on the caller's thread, would be sound for the daemon's executor
/// but would block cooperative threads for the web and the CLI.
///
/// ## Connections
///
/// - the **main** connection (on the worker): reads and writes, and `LISTEN dondoc_changes`, the
///   channel the schema's triggers notify on commits to completions, extensions, extension
///   requests and access tokens. Notifications from this store's own sessions are skipped, so
///   `changes()` yields other writers' commits only, as SQLite's `data_version` does. When it
///   is lost (a restart of the server), the next operation connects again.
/// - the **role** connection, made by `acquireActive()`: it holds the session-level advisory lock
///   of the active node, and the claims are written on it, in a transaction that first checks the
///   lock is still held. A node whose session ended (a crash, a lost network, an administrator's
///   `pg_terminate_backend`) answers `.notActive` and sends nothing.
///
/// Over TCP, keepalives on both ends (the socket's, and the server's `tcp_keepalives_*` for the
/// session) notice a lost network within seconds: the server then ends the session, which
/// releases the lock for a standby.
public final class PostgresStateStore: StateStore {
    /// The advisory lock the active node holds (classid 0, objid this value: "dond").
    static let activeLockKey: Int64 = 0x646F_6E64
    /// The advisory lock that serialises setting up the schema ("domg").
    static let migrationLockKey: Int64 = 0x646F_6D67

    public let endpoint: PostgresEndpoint
    let password: String?
    let path: String
    let worker: NIOThreadPool
    let group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton

    struct State {
        var main: PostgresConnection?
        var role: PostgresConnection?
        /// The role connection holds the lock.
        var active = false
        /// Backend pids of this store's sessions, whose notifications are its own writes.
        var ownPIDs: Set<Int32> = []
        var watchers: [AsyncStream<Void>.Continuation] = []
        /// Other sessions' notifications passed on to `changes()` (for tests).
        var reported = 0
        var closed = false
    }

    let state = Mutex(State())

    init(endpoint: PostgresEndpoint, password: String?) {
        self.endpoint = endpoint
        self.password = password
        self.path = endpoint.description
        self.worker = NIOThreadPool(numberOfThreads: 1)
        worker.start()
    }

    /// A store released without `close()` (a command that exits) closes its sessions all the same;
    /// each stays referenced until closed, as postgres-nio requires.
    deinit {
        let connections = state.withLock { [$0.main, $0.role].compactMap { $0 } }
        connections.forEach(Self.dispose)
        worker.shutdownGracefully { _ in }
    }

    /// Closes a session without waiting; the connection is kept until it is closed.
    static func dispose(_ connection: PostgresConnection) {
        connection.close().whenComplete { _ in _ = connection }
    }

    /// Connects to the database at `url`, then brings its schema up to date under an advisory
    /// lock (so two processes starting at once do not race). `create: false` (the CLI, the web):
    /// a database without dondoc's schema is refused, not set up. Refused, leaving the database
    /// untouched: an unreachable server, a missing database, refused credentials (`.unreachable`,
    /// `.notFound`), tables of another program (`.notADatabase`), a schema from a newer dondoc
    /// (`.newerSchema`). `passwordFile` is the config's `state-password-file:`.
    public static func open(url: String, passwordFile: String? = nil, create: Bool = true) async throws -> PostgresStateStore {
        let endpoint = try PostgresEndpoint(url: url)
        let password = try endpoint.password(passwordFile: passwordFile)
        let store = PostgresStateStore(endpoint: endpoint, password: password)
        do {
            try await store.onWorker { session in try store.migrate(session, create: create) }
        } catch {
            try? await store.close()
            throw error
        }
        return store
    }

    // MARK: - The worker

    /// Runs `body` on the worker thread with the main connection (connecting first when there is
    /// none, or it was lost), and awaits its answer.
    func onWorker<T>(_ body: (PostgresSession) throws -> T) async throws -> T {
        try await withoutActuallyEscaping(body) { body in
            // The worker drops the body once run: the pool may hold its closure a little longer,
            // and a non-escaping closure must not outlive this call.
            let job = Job(body)
            do {
                return try await worker.runIfActive { [self] in
                    defer { job.body = nil }
                    guard let body = job.body else { throw CancellationError() }
                    return Unchecked(try body(try mainSession()))
                }.value
            } catch let error as NIOThreadPoolError.ThreadPoolInactive {
                job.body = nil
                throw StoreError.postgres(error, path: path)
            }
        }
    }

    /// The main connection as a session; on the worker thread only.
    private func mainSession() throws -> PostgresSession {
        if let main = state.withLock({ $0.main }), !main.isClosed {
            return PostgresSession(connection: main, path: path)
        }
        let connection: PostgresConnection
        do {
            connection = try connect().wait()
        } catch {
            throw StoreError.postgres(error, path: path)
        }
        let session = PostgresSession(connection: connection, path: path)
        do {
            try watch(session)
        } catch {
            Self.dispose(connection)
            throw error
        }
        let replaced = state.withLock { state -> Bool in
            defer { state.main = connection }
            return state.main != nil
        }
        // What was committed while the connection was down was not notified to this store.
        if replaced { notifyWatchers() }
        return session
    }

    /// Listens on the schema's channel, skipping this store's own sessions.
    private func watch(_ session: PostgresSession) throws {
        let pid = try backendPID(session)
        state.withLock { _ = $0.ownPIDs.insert(pid) }
        session.connection.addListener(channel: PostgresSchema.channel) { [weak self] _, notification in
            guard let self else { return }
            let own = self.state.withLock { state -> Bool in
                let own = state.ownPIDs.contains(notification.backendPID)
                if !own { state.reported += 1 }
                return own
            }
            if !own { self.notifyWatchers() }
        }
        try session.run("LISTEN \(unescaped: PostgresSchema.channel)")
    }

    private func backendPID(_ session: PostgresSession) throws -> Int32 {
        try session.rows("SELECT pg_backend_pid()") { try $0.decode(Int32.self) }.first ?? 0
    }

    private func notifyWatchers() {
        let watchers = state.withLock { $0.watchers }
        for watcher in watchers { watcher.yield() }
    }

    /// A new session: TCP with keepalives (and the server's keepalives for the session), or the
    /// unix socket.
    func connect() -> EventLoopFuture<PostgresConnection> {
        let eventLoop = group.next()
        let tls: PostgresConnection.Configuration.TLS
        do {
            tls = try tlsConfiguration()
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
        var options = PostgresConnection.Configuration.Options()
        options.connectTimeout = .seconds(10)
        options.additionalStartupParameters = [
            ("application_name", "dondoc"),
            // The server ends the session of a node it no longer hears within ~11 s, which
            // releases the node's locks.
            ("tcp_keepalives_idle", "5"), ("tcp_keepalives_interval", "2"), ("tcp_keepalives_count", "3"),
            ("tcp_user_timeout", "10000"),
        ]
        if let directory = endpoint.socketDirectory {
            var configuration = PostgresConnection.Configuration(
                unixSocketPath: "\(directory)/.s.PGSQL.\(endpoint.port)", username: endpoint.user, password: password,
                database: endpoint.database)
            configuration.options = options
            return PostgresConnection.connect(on: eventLoop, configuration: configuration, id: 1, logger: PostgresSession.logger)
        }
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(.seconds(10))
            .channelOption(ChannelOptions.socketOption(.so_keepalive), value: 1)
            .channelOption(ChannelOptions.Types.SocketOption(level: .tcp, name: .init(rawValue: TCP_KEEPIDLE)), value: 5)
            .channelOption(ChannelOptions.Types.SocketOption(level: .tcp, name: .init(rawValue: TCP_KEEPINTVL)), value: 2)
            .channelOption(ChannelOptions.Types.SocketOption(level: .tcp, name: .init(rawValue: TCP_KEEPCNT)), value: 3)
            .channelOption(ChannelOptions.Types.SocketOption(level: .tcp, name: .init(rawValue: TCP_USER_TIMEOUT)), value: 10_000)
        let user = endpoint.user, password = password, database = endpoint.database
        return bootstrap.connect(host: endpoint.host ?? "localhost", port: endpoint.port).flatMap { channel in
            var configuration = PostgresConnection.Configuration(
                establishedChannel: channel, tls: tls, username: user, password: password, database: database)
            configuration.options = options
            return PostgresConnection.connect(on: channel.eventLoop, configuration: configuration, id: 1, logger: PostgresSession.logger)
        }
    }

    private func tlsConfiguration() throws -> PostgresConnection.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch endpoint.tls {
        case .disable:
            return .disable
        case .prefer:
            // As libpq's sslmode=prefer and require: encrypted, the certificate not verified.
            configuration.certificateVerification = .none
            return .prefer(try NIOSSLContext(configuration: configuration))
        case .require:
            configuration.certificateVerification = .none
            return .require(try NIOSSLContext(configuration: configuration))
        case .verify:
            return .require(try NIOSSLContext(configuration: configuration))
        }
    }

    // MARK: - The schema

    private func migrate(_ session: PostgresSession, create: Bool) throws {
        try session.inTransaction {
            try session.run("SELECT pg_advisory_xact_lock(\(Self.migrationLockKey))")
            let tables = try session.rows(
                "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1"
            ) { try $0.decode(String.self) }
            var applied: [String] = []
            if tables.contains("dondoc_migrations") {
                applied = try session.rows("SELECT identifier FROM dondoc_migrations ORDER BY identifier") { try $0.decode(String.self) }
                let unknown = applied.filter { !PostgresSchema.identifiers.contains($0) }
                guard unknown.isEmpty else {
                    throw StoreError(
                        code: .newerSchema, path: path,
                        message: "was set up by a newer dondoc (schema versions \(unknown.joined(separator: ", ")) are unknown to this one); left untouched: run the newer dondoc")
                }
            } else if !tables.isEmpty {
                throw StoreError(
                    code: .notADatabase, path: path,
                    message: "holds tables but not a dondoc state store (\(tables.prefix(5).joined(separator: ", "))); left untouched")
            } else if !create {
                throw StoreError(code: .notFound, path: path, message: "has no state store yet (the daemon sets it up on its first start)")
            }
            let missing = PostgresSchema.migrations.filter { !applied.contains($0.identifier) }
            guard !missing.isEmpty else { return }
            try session.run(PostgresQuery(unsafeSQL: PostgresSchema.migrationsTable))
            for migration in missing {
                for statement in migration.statements {
                    try session.run(PostgresQuery(unsafeSQL: statement))
                }
                try session.run("INSERT INTO dondoc_migrations (identifier) VALUES (\(migration.identifier))")
            }
        }
    }

    // MARK: - The store as a whole

    public func transaction<T>(_ body: (any StoreTransaction) throws -> T) async throws -> T {
        try await onWorker { session in
            try session.inTransaction { try body(PostgresTransaction(session: session)) }
        }
    }

    /// A write in one transaction (the store's own methods).
    func write<T>(_ body: (PostgresTransaction) throws -> T) async throws -> T {
        try await onWorker { session in
            try session.inTransaction { try body(PostgresTransaction(session: session)) }
        }
    }

    /// Reads in one snapshot.
    func read<T>(_ body: (PostgresTransaction) throws -> T) async throws -> T {
        try await onWorker { session in
            try session.inTransaction(readOnlySnapshot: true) { try body(PostgresTransaction(session: session)) }
        }
    }

    /// Other writers' commits, from `LISTEN` (see the type's comment); ends when the store closes.
    public func changes() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let closed = state.withLock { state -> Bool in
            if !state.closed { state.watchers.append(continuation) }
            return state.closed
        }
        if closed { continuation.finish() }
        return stream
    }

    /// Waits on the server, without polling, for the active node's session-level advisory lock,
    /// on a connection kept for the role. Returns at once when this store holds it. Cancelling
    /// the task (or closing the store) ends the wait with an error.
    public func acquireActive() async throws {
        if state.withLock({ $0.active && !($0.role?.isClosed ?? true) }) { return }
        let connection: PostgresConnection
        do {
            connection = try await connect().get()
        } catch {
            throw StoreError.postgres(error, path: path)
        }
        let (closed, previous) = state.withLock { state -> (Bool, PostgresConnection?) in
            guard !state.closed else { return (true, nil) }
            defer {
                state.role = connection
                state.active = false
            }
            return (false, state.role)
        }
        if let previous { Self.dispose(previous) }
        guard !closed else {
            Self.dispose(connection)
            throw StoreError(code: .io, path: path, message: "the store is closed")
        }
        do {
            let pid = try await PostgresSession.answer(connection.query("SELECT pg_backend_pid()", logger: PostgresSession.logger),
                                                       unlessClosed: connection, path: path).get()
                .rows.first?.decode(Int32.self) ?? 0
            state.withLock { _ = $0.ownPIDs.insert(pid) }
            try await withTaskCancellationHandler {
                _ = try await PostgresSession.answer(connection.query("SELECT pg_advisory_lock(\(Self.activeLockKey))", logger: PostgresSession.logger),
                                                     unlessClosed: connection, path: path).get()
            } onCancel: {
                Self.dispose(connection)
            }
        } catch {
            Self.dispose(connection)
            if Task.isCancelled { throw CancellationError() }
            throw StoreError.postgres(error, path: path)
        }
        state.withLock { if $0.role === connection { $0.active = true } }
    }

    /// How many of other sessions' notifications `changes()` was given.
    var reportedChanges: Int { state.withLock { $0.reported } }

    /// Whether this store holds the active role as far as it knows (its role session is open).
    public var isActive: Bool {
        state.withLock { $0.active && !($0.role?.isClosed ?? true) }
    }

    public func close() async throws {
        let wasClosed = state.withLock { state -> Bool in
            defer { state.closed = true }
            return state.closed
        }
        guard !wasClosed else { return }
        // Waits for the operation in progress, refuses later ones.
        try? await worker.shutdownGracefully()
        let (connections, watchers) = state.withLock { state in
            defer {
                state.main = nil
                state.role = nil
                state.active = false
                state.watchers = []
            }
            return ([state.main, state.role].compactMap { $0 }, state.watchers)
        }
        for watcher in watchers { watcher.finish() }
        for connection in connections {
            try? await connection.close()
        }
    }

    /// The claim's transaction on the role connection (see `claim`), on the worker thread.
    func onRoleSession<T>(_ body: (PostgresSession) throws -> T) async throws -> T? {
        try await onWorker { _ in
            guard let role = self.state.withLock({ $0.active ? $0.role : nil }), !role.isClosed else { return nil }
            let session = PostgresSession(connection: role, path: self.path)
            do {
                return try session.inTransaction {
                    let held = try session.rows(
                        """
                        SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()
                          AND granted AND classid = 0 AND objid = \(unescaped: String(Self.activeLockKey)) AND objsubid = 1)
                        """
                    ) { try $0.decode(Bool.self) }.first ?? false
                    guard held else { return nil }
                    return try body(session)
                }
            } catch let error as StoreError where role.isClosed || error.code == .unreachable {
                // The session ended under the claim (terminated, or its connection lost): nothing
                // was committed, and the role is gone with it.
                self.state.withLock { $0.active = false }
                Self.dispose(role)
                return nil
            }
        }
    }
}

/// A body handed to the worker thread, which clears it after the run (see `onWorker`).
final class Job<T>: @unchecked Sendable {
    var body: ((PostgresSession) throws -> T)?
    init(_ body: @escaping (PostgresSession) throws -> T) { self.body = body }
}

/// A value handed to the worker thread and back; the caller awaits the worker, so the value is
/// never used on two threads at once.
struct Unchecked<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

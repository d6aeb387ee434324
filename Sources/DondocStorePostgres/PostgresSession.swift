import DondocStore
import Logging
import NIOCore
import PostgresNIO

/// One connection used synchronously: each statement waits for the server's answer on the
/// calling thread, which is the store's worker thread and never an event loop's (NIO would trap a
/// `wait()` there). Every failure becomes a `StoreError` naming the store.
struct PostgresSession {
    let connection: PostgresConnection
    let path: String

    static let logger = Logger(label: "dondoc.state.postgresql", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Runs one statement.
    @discardableResult
    func run(_ query: PostgresQuery) throws -> PostgresQueryResult {
        do {
            return try Self.answer(connection.query(query, logger: Self.logger), unlessClosed: connection, path: path).wait()
        } catch {
            throw StoreError.postgres(error, path: path)
        }
    }

    /// The answer to a statement sent on `connection`, or `.unreachable` once the connection is
    /// closed. postgres-nio can leave a statement unanswered for good when it is sent while the
    /// connection is closing (the server ended the session under a stopped process: seen with
    /// SIGSTOP and `pg_terminate_backend`), and a wait on it would hang the store's worker, and
    /// with it the daemon, for ever.
    static func answer<T>(_ answer: EventLoopFuture<T>, unlessClosed connection: PostgresConnection, path: String) -> EventLoopFuture<T> {
        let promise = answer.eventLoop.makePromise(of: T.self)
        answer.cascade(to: promise)
        // A promise completed twice keeps its first result: this fails only an unanswered statement.
        connection.closeFuture.whenComplete { _ in
            promise.fail(StoreError(code: .unreachable, path: path, message: "the connection to the server was closed before it answered"))
        }
        return promise.futureResult
    }

    /// The rows of one statement, each decoded by `decode` (a decoding failure is `.corrupt`).
    func rows<T>(_ query: PostgresQuery, _ decode: (PostgresRow) throws -> T) throws -> [T] {
        let result = try run(query)
        do {
            return try result.rows.map(decode)
        } catch {
            throw StoreError.postgres(error, path: path)
        }
    }

    /// The rows of `select` through a cursor, `batchSize` at a time, each batch decoded and handed
    /// to `each`; in a transaction only. One large result is never collected whole: postgres-nio
    /// copies the rows gathered so far as each packet arrives, which grows with the square of the
    /// result (most of the daemon's start on a million completions), and a batch bounds memory.
    func forEachBatch<T>(of select: PostgresQuery, batchSize: Int = 10_000, _ decode: (PostgresRow) throws -> T,
                         _ each: ([T]) throws -> Void) throws {
        precondition(batchSize > 0)
        try run(PostgresQuery(unsafeSQL: "DECLARE dondoc_rows NO SCROLL CURSOR FOR " + select.sql, binds: select.binds))
        while true {
            let batch = try rows("FETCH FORWARD \(unescaped: String(batchSize)) FROM dondoc_rows", decode)
            guard !batch.isEmpty else { break }
            try each(batch)
        }
        try run("CLOSE dondoc_rows")
    }

    /// How many rows the statement inserted, updated or deleted.
    func changes(_ query: PostgresQuery) throws -> Int {
        try run(query).metadata.rows ?? 0
    }

    /// One transaction: committed when `body` returns, rolled back when it throws (its error
    /// rethrown as it is). `readOnlySnapshot`: the reads of several statements see one snapshot.
    func inTransaction<T>(readOnlySnapshot: Bool = false, _ body: () throws -> T) throws -> T {
        try run(readOnlySnapshot ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN")
        let result: T
        do {
            result = try body()
        } catch {
            _ = try? run("ROLLBACK")
            throw error
        }
        try run("COMMIT")
        return result
    }
}

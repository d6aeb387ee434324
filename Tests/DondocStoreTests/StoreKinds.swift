import DondocCore
import Foundation
import PostgresNIO
import Testing
@testable import DondocStore
@testable import DondocStorePostgres

/// What the contract suite asks of a store besides `StateStore`: the reads its checks use.
protocol ContractStore: StateStore {
    func sentAt(messageID: String) async throws -> Int64?
    func withdrawnAt(messageID: String) async throws -> Int64?
    func message(_ messageID: String) async throws -> OutgoingMessage?
    func extensions() async throws -> [Extension]
}

extension SQLiteStateStore: ContractStore {}
extension PostgresStateStore: ContractStore {}

/// The adapters the contract suite runs against: SQLite always, PostgreSQL when
/// `DONDOC_TEST_POSTGRES` names a server (a superuser's URL; `scripts/test` starts one).
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgresql

    static var available: [StoreKind] { PostgresTestServer.url == nil ? [.sqlite] : [.sqlite, .postgresql] }

    var testDescription: String { rawValue }
}

/// One test's store: a file in a fresh directory, or a fresh database on the test server.
final class StorePlace: @unchecked Sendable {
    let kind: StoreKind
    /// The file's path or the database's URL.
    let location: String
    private let directory: TemporaryDirectory?

    private init(kind: StoreKind, location: String, directory: TemporaryDirectory?) {
        self.kind = kind
        self.location = location
        self.directory = directory
    }

    /// Keeps the place (its directory) until the caller's scope ends: `defer { place.keep() }`.
    func keep() {}

    static func fresh(_ kind: StoreKind) async throws -> StorePlace {
        switch kind {
        case .sqlite:
            let directory = try TemporaryDirectory()
            return StorePlace(kind: kind, location: directory.file("state.sqlite"), directory: directory)
        case .postgresql:
            return StorePlace(kind: kind, location: try await PostgresTestServer.freshDatabase(), directory: nil)
        }
    }

    /// Opens a store here. `active`: acquire the active role first (what the daemon does before
    /// it claims; SQLite's is at once).
    func open(create: Bool = true, active: Bool = true) async throws -> any ContractStore {
        let store: any ContractStore = switch kind {
        case .sqlite: try SQLiteStateStore.open(path: location, create: create)
        case .postgresql: try await PostgresStateStore.open(url: location, create: create)
        }
        if active { try await store.acquireActive() }
        return store
    }
}

/// A fresh store of `kind`, active.
func freshStore(_ kind: StoreKind) async throws -> (any ContractStore, StorePlace) {
    let place = try await StorePlace.fresh(kind)
    return (try await place.open(), place)
}

/// The test server named by `DONDOC_TEST_POSTGRES`.
enum PostgresTestServer {
    static let url = ProcessInfo.processInfo.environment["DONDOC_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

    static var endpoint: PostgresEndpoint {
        get throws { try PostgresEndpoint(url: url ?? "") }
    }

    /// Runs statements as the superuser on `database` (default: the URL's).
    static func execute(_ statements: [String], database: String? = nil) async throws {
        let endpoint = try endpoint
        let configuration = PostgresConnection.Configuration(
            host: endpoint.host ?? "127.0.0.1", port: endpoint.port, username: endpoint.user, password: nil,
            database: database ?? endpoint.database, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: PostgresSession.logger)
        do {
            for statement in statements {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: PostgresSession.logger)
            }
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }

    /// The rows of one query, as text, on `database`.
    static func select(_ sql: String, database: String) async throws -> [[String?]] {
        let endpoint = try endpoint
        let configuration = PostgresConnection.Configuration(
            host: endpoint.host ?? "127.0.0.1", port: endpoint.port, username: endpoint.user, password: nil,
            database: database, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: PostgresSession.logger)
        var rows: [[String?]] = []
        do {
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: PostgresSession.logger) {
                rows.append(try row.map { cell in try cell.decode(String?.self) })
            }
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
        return rows
    }

    /// A new, empty database, as a URL of the superuser.
    static func freshDatabase() async throws -> String {
        let name = "dondoc_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await execute(["CREATE DATABASE \(name)"])
        return url(database: name)
    }

    /// The server's URL with another database (and user).
    static func url(database: String, user: String? = nil) -> String {
        var components = URLComponents(string: url ?? "")!
        components.path = "/" + database
        if let user { components.user = user }
        return components.string!
    }
}

import DondocStore
import NIOCore
import NIOPosix
import PostgresNIO

extension StoreError {
    /// `error` as a `StoreError` of the store named `path` (a URL without its password): the
    /// server's SQLSTATE picks the code and its message is kept; a `StoreError` passes through.
    /// (PSQLError's own description hides everything, so the fields are read one by one.)
    static func postgres(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? CorruptRow {
            return StoreError(code: .corrupt, path: path, message: error.message)
        }
        if let error = error as? PostgresDecodingError {
            return StoreError(code: .corrupt, path: path,
                              message: "column \(error.columnName) holds a value of type \(error.postgresType), not \(error.targetType)")
        }
        if error is NIOThreadPoolError.ThreadPoolInactive {
            return StoreError(code: .io, path: path, message: "the store is closed")
        }
        guard let error = error as? PSQLError else {
            return StoreError(code: .unreachable, path: path, message: "cannot reach the server: \(error)")
        }
        if let info = error.serverInfo {
            let state = info[.sqlState] ?? ""
            let detail = (info[.message] ?? "error") + " (SQLSTATE \(state))"
            switch state {
            case "3D000":
                return StoreError(code: .notFound, path: path,
                                  message: "the database does not exist: \(detail); create it first (createdb), dondoc does not")
            case "28P01", "28000":
                return StoreError(code: .unreachable, path: path, message: "the server refused the credentials: \(detail)")
            case "23505", "23503", "23514":
                return StoreError(code: .conflict, path: path, message: "\(detail); nothing was written")
            case "40001", "40P01", "55P03":
                return StoreError(code: .locked, path: path, message: detail)
            case "42501":
                return StoreError(code: .notWritable, path: path, message: "permission denied: \(detail)")
            case _ where state.hasPrefix("08") || state.hasPrefix("57"):
                return StoreError(code: .unreachable, path: path, message: "the server ended the session: \(detail)")
            default:
                return StoreError(code: .io, path: path, message: detail)
            }
        }
        switch error.code {
        case .authMechanismRequiresPassword:
            return StoreError(code: .unreachable, path: path,
                              message: "the server asks for a password: give it in state-password-file, $CREDENTIALS_DIRECTORY/state-password or PGPASSFILE")
        case .sslUnsupported:
            return StoreError(code: .unreachable, path: path, message: "the server does not offer TLS (sslmode=require)")
        case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
            return StoreError(code: .unreachable, path: path, message: "the connection to the server was lost")
        default:
            let underlying = error.underlying.map { "\($0)" } ?? "\(error.code)"
            return StoreError(code: .unreachable, path: path, message: "cannot reach the server: \(underlying)")
        }
    }
}

/// A row whose value the store cannot use (a date that is not one, an unknown role).
struct CorruptRow: Error {
    let message: String
}

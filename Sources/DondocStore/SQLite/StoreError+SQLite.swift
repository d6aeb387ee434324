import GRDB

extension StoreError {
    static let recoveryAdvice = "Restore a backup, or try `sqlite3 FILE .recover` on a copy."

    /// `error` as a `StoreError` of the store at `path`: SQLite's result code picks the code,
    /// SQLite's message is kept. A `StoreError` passes through unchanged.
    static func wrapping(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? CorruptValue {
            return StoreError(code: .corrupt, path: path, message: error.message)
        }
        if let error = error as? RowDecodingError {
            return StoreError(code: .corrupt, path: path, message: "a row holds a value of the wrong type (\(error))")
        }
        guard let error = error as? DatabaseError else {
            return StoreError(code: .io, path: path, message: String(describing: error))
        }
        let detail = error.message ?? "SQLite error \(error.extendedResultCode.rawValue)"
        switch error.resultCode {
        case .SQLITE_NOTADB:
            return StoreError(code: .notADatabase, path: path, message: "not an SQLite database (SQLite: \(detail)); left untouched")
        case .SQLITE_CORRUPT:
            return StoreError(code: .corrupt, path: path, message: "SQLite: \(detail); left untouched. \(StoreError.recoveryAdvice)")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return StoreError(code: .unreadable, path: path, message: "cannot be opened (SQLite: \(detail))")
        case .SQLITE_READONLY:
            return StoreError(code: .notWritable, path: path, message: "cannot be written (SQLite: \(detail))")
        case .SQLITE_CONSTRAINT:
            return StoreError(code: .conflict, path: path, message: "SQLite: \(detail); nothing was written")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(
                code: .locked, path: path,
                message: "is locked by another process for longer than \(SQLiteStateStore.busyTimeoutSeconds) s (SQLite: \(detail))")
        default:
            return StoreError(code: .io, path: path, message: detail)
        }
    }
}

/// A row whose value the store cannot use (a date that is not one, an unknown role), thrown where
/// the path is not at hand and made a `.corrupt` `StoreError` by `wrapping`.
struct CorruptValue: Error {
    let message: String
}

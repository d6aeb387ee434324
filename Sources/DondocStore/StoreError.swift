/// A failure of the state store, naming the store (a file path, or a PostgreSQL URL without its
/// password).
///
/// The daemon stops on an error at open with this error's `description` (DESIGN §5: a corrupt or
/// unreadable store is never silently recreated). Errors of later calls carry the same codes, so
/// the daemon can tell "locked for longer than the busy timeout" (retry) from "the disk failed".
///
/// `Code` is a struct with a private enum inside (the pattern of swift-service-lifecycle's
/// `ServiceGroupError`), so that codes can be added without breaking anyone's `switch`:
/// match with `case .corrupt:` and keep a `default:`.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case unreadable, corrupt, notADatabase, newerSchema, locked, io, notFound, notWritable, unknownMessage, conflict,
                 unreachable, notEmpty
        }

        private let base: Base

        private init(_ base: Base) { self.base = base }

        /// The path cannot be read: a directory, a component that is not a directory, no permission.
        public static let unreadable = Code(.unreadable)
        /// An SQLite database that fails `PRAGMA quick_check`, is truncated, or holds bad values.
        public static let corrupt = Code(.corrupt)
        /// The file is not an SQLite database at all.
        public static let notADatabase = Code(.notADatabase)
        /// The store was written by a newer dondoc (it has migrations this build does not know).
        public static let newerSchema = Code(.newerSchema)
        /// Another process held the store locked for longer than the busy timeout.
        public static let locked = Code(.locked)
        /// An I/O error, a full disk, or another failure of the storage below.
        public static let io = Code(.io)
        /// The store (with `create: false`), or the directory that should hold it, does not exist.
        public static let notFound = Code(.notFound)
        /// The store can be read but not written (file or directory permissions, read-only mount).
        public static let notWritable = Code(.notWritable)
        /// `markSent` / `markFailed` named a message that was never claimed (a bug of the caller).
        public static let unknownMessage = Code(.unknownMessage)
        /// A write that another writer's committed change contradicts (a second pending extension
        /// request of one key): nothing was written; read again and decide.
        public static let conflict = Code(.conflict)
        /// A database server that cannot be reached, refuses the credentials, or is not built in.
        public static let unreachable = Code(.unreachable)
        /// The target of a copy (`dondoc store copy`) already holds rows: nothing was copied.
        public static let notEmpty = Code(.notEmpty)

        public var description: String {
            switch base {
            case .unreadable: "unreadable"
            case .corrupt: "corrupt"
            case .notADatabase: "not a database"
            case .newerSchema: "newer schema"
            case .locked: "locked"
            case .io: "I/O error"
            case .notFound: "not found"
            case .notWritable: "not writable"
            case .unknownMessage: "unknown message"
            case .conflict: "conflict"
            case .unreachable: "unreachable"
            case .notEmpty: "not empty"
            }
        }
    }

    public let code: Code
    /// The store's path (or URL).
    public let path: String
    /// What went wrong, in a sentence an operator can act on.
    public let message: String

    public init(code: Code, path: String, message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    /// `state store /var/lib/dondoc/state.sqlite: corrupt: …`
    public var description: String { "state store \(path): \(code): \(message)" }
}

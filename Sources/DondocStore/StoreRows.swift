/// A store's rows as they are, table by table: what `dondoc store copy` moves from one adapter to
/// another (DESIGN §7). Every table of the schema but the migrations' bookkeeping is here, with
/// every column, so that a copy keeps ids, the order messages were claimed in, NULLs and bytes
/// exactly; both adapters read and write these same columns.
///
/// A source exports through `StoreRowSource`, a target imports through its adapter's `importRows`
/// (PostgreSQL); the use case is `StoreCopy` in DondocApp.
public struct StoreTable: Sendable, Hashable, CustomStringConvertible {
    /// A column's kind of value, as both dialects hold it (INTEGER/BIGINT, TEXT, BLOB/BYTEA).
    public enum Kind: Sendable, Hashable {
        case integer, text, bytes
    }

    public struct Column: Sendable, Hashable {
        public let name: String
        public let kind: Kind
        public let nullable: Bool
    }

    /// The table's name in both schemas.
    public let name: String
    /// What its rows are, in the plural, as `store copy` names them (`completions`).
    public let label: String
    public let columns: [Column]
    /// The columns that order the rows (a key: each row once, the same order in both dialects).
    public let order: [String]
    /// The identity column, whose next value must follow the copied ones (`id`; the message's
    /// `seq`, which SQLite has as the rowid).
    public let identity: String?

    public var description: String { name }

    /// In an order a copy can insert them: a message before its deliveries.
    public static let all: [StoreTable] = [
        StoreTable(name: "completion", label: "completions", columns: [
            .text("key"), .integer("at"), .text("by", nullable: true), .text("note", nullable: true),
        ], order: ["key"]),
        StoreTable(name: "extension", label: "extensions", columns: [
            .integer("id"), .text("key"), .text("to_date"), .text("reason"), .text("by", nullable: true), .integer("at"),
        ], order: ["id"], identity: "id"),
        StoreTable(name: "extension_request", label: "extension-requests", columns: [
            .integer("id"), .text("key"), .text("to_date"), .text("reason"), .text("requester", nullable: true),
            .text("by", nullable: true), .integer("at"), .text("answer", nullable: true), .text("answered_by", nullable: true),
            .integer("answered_at", nullable: true), .text("answer_note", nullable: true),
        ], order: ["id"], identity: "id"),
        StoreTable(name: "message", label: "messages", columns: [
            .integer("seq"), .text("message_id"), .text("address"), .text("notification_keys"), .integer("scheduled_at"),
            .integer("claimed_at"), .integer("sent_at", nullable: true), .integer("attempts"),
            .integer("failed_at", nullable: true), .text("last_error", nullable: true), .integer("retry_at", nullable: true),
            .integer("withdrawn_at", nullable: true), .bytes("bytes"),
        ], order: ["seq"], identity: "seq"),
        StoreTable(name: "delivery", label: "deliveries", columns: [
            .text("notification_key"), .text("address"), .text("message_id"),
        ], order: ["notification_key", "address"]),
        StoreTable(name: "audit", label: "audit-events", columns: [
            .integer("id"), .integer("at"), .text("actor"), .text("action"), .text("key", nullable: true),
            .text("detail", nullable: true),
        ], order: ["id"], identity: "id"),
        StoreTable(name: "access_token", label: "access-tokens", columns: [
            .text("name"), .text("role"), .text("token_hash"), .integer("created_at"), .integer("revoked_at", nullable: true),
            .integer("last_used_at", nullable: true),
        ], order: ["name"]),
        StoreTable(name: "metadata", label: "metadata", columns: [.text("key"), .text("value")], order: ["key"]),
    ]

    init(name: String, label: String, columns: [Column], order: [String], identity: String? = nil) {
        self.name = name
        self.label = label
        self.columns = columns
        self.order = order
        self.identity = identity
    }

    /// The value of `row` that fits none of its column's kind (or a NULL where none may be),
    /// described for an error message; nil when the row fits.
    public func misfit(_ row: StoreRow) -> String? {
        guard row.count == columns.count else { return "\(row.count) values for \(columns.count) columns" }
        for (column, value) in zip(columns, row) {
            let fits = switch (column.kind, value) {
            case (_, .null): column.nullable
            case (.integer, .integer), (.text, .text), (.bytes, .bytes): true
            default: false
            }
            if !fits { return "\(column.name) holds \(value.kindDescription)" }
        }
        return nil
    }
}

extension StoreTable.Column {
    static func integer(_ name: String, nullable: Bool = false) -> Self { Self(name: name, kind: .integer, nullable: nullable) }
    static func text(_ name: String, nullable: Bool = false) -> Self { Self(name: name, kind: .text, nullable: nullable) }
    static func bytes(_ name: String) -> Self { Self(name: name, kind: .bytes, nullable: false) }
}

/// One value of a row, exactly as stored.
public enum StoreValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case text(String)
    case bytes([UInt8])

    var kindDescription: String {
        switch self {
        case .null: "NULL"
        case .integer: "an integer"
        case .text: "text"
        case .bytes: "bytes"
        }
    }
}

/// The values of one row, in the order of its table's `columns`.
public typealias StoreRow = [StoreValue]

/// How many rows each table holds (or a copy moved), in `StoreTable.all`'s order.
public struct StoreRowCounts: Sendable, Equatable {
    public private(set) var counts: [(table: StoreTable, rows: Int)]

    public init() {
        counts = StoreTable.all.map { ($0, 0) }
    }

    public subscript(table: StoreTable) -> Int {
        get { counts.first { $0.table == table }?.rows ?? 0 }
        set {
            guard let index = counts.firstIndex(where: { $0.table == table }) else { return }
            counts[index].rows = newValue
        }
    }

    /// Every table is empty.
    public var isEmpty: Bool { counts.allSatisfy { $0.rows == 0 } }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.counts.map(\.table) == rhs.counts.map(\.table) && lhs.counts.map(\.rows) == rhs.counts.map(\.rows)
    }
}

/// A store that can hand out all its rows (`dondoc store copy`'s source).
public protocol StoreRowSource: Sendable {
    /// The store as errors name it.
    var path: String { get }
    /// Reads every row of every table of `StoreTable.all` in one snapshot, table by table in that
    /// order, each table in its `order`, and hands them to `batch` at most `batchSize` rows at a
    /// time (never the whole table at once). Runs on the caller's thread, synchronously (so that a
    /// target can call it inside its own transaction); what `batch` throws is rethrown as it is.
    /// Returns how many rows each table gave.
    func exportRows(batchSize: Int, _ batch: (StoreTable, [StoreRow]) throws -> Void) throws -> StoreRowCounts
}

import DondocStore
import NIOCore
import PostgresNIO

// Every row as it is, for `dondoc store copy` (see `StoreTable`): in from another store, out for
// reading back.

extension PostgresStateStore {
    /// Copies every row of `source` into this store, in one transaction: all or nothing. The store
    /// must be empty — no row in any table of `StoreTable.all` (a database just set up is); else
    /// `.notEmpty`, naming what it holds, and nothing is written. The tables are locked against
    /// other writers (readers go on) from that check to the commit. Rows keep their ids and the
    /// messages their `seq` (`OVERRIDING SYSTEM VALUE`); then each identity's sequence is set to
    /// the largest copied value, so that the next row gets a new one. The source is read inside
    /// the transaction, `batchSize` rows at a time, each batch one `INSERT`. Returns how many
    /// rows of each table were copied (what the source gave, and the inserts agree).
    public func importRows(from source: any StoreRowSource, batchSize: Int = 500) async throws -> StoreRowCounts {
        try await write { transaction in
            let session = transaction.session
            let names = StoreTable.all.map(\.name).joined(separator: ", ")
            try session.run("LOCK TABLE \(unescaped: names) IN EXCLUSIVE MODE")
            let held = try StoreTable.all.filter { table in
                try session.rows("SELECT EXISTS (SELECT 1 FROM \(unescaped: table.name))") { try $0.decode(Bool.self) }.first ?? false
            }
            guard held.isEmpty else {
                throw StoreError(
                    code: .notEmpty, path: path,
                    message: "already holds \(held.map(\.label).joined(separator: ", ")); a copy goes only into an empty store: nothing was copied")
            }
            var inserted = StoreRowCounts()
            let exported = try source.exportRows(batchSize: batchSize) { table, rows in
                inserted[table] += try session.changes(Self.insert(rows, into: table))
            }
            for table in StoreTable.all {
                guard inserted[table] == exported[table] else {
                    throw StoreError(
                        code: .io, path: path,
                        message: "\(inserted[table]) of \(exported[table]) \(table.label) were inserted; nothing was copied")
                }
                guard let identity = table.identity else { continue }
                // setval(…, NULL) of an empty table changes nothing: the sequence starts at 1.
                try session.run(
                    """
                    SELECT setval(pg_get_serial_sequence(\(table.name), \(identity)), max(\(unescaped: identity)))
                    FROM \(unescaped: table.name)
                    """)
            }
            return exported
        }
    }

    /// How many rows each table holds, in one snapshot.
    public func rowCounts() async throws -> StoreRowCounts {
        try await read { transaction in
            var counts = StoreRowCounts()
            for table in StoreTable.all {
                counts[table] = Int(
                    try transaction.session.rows("SELECT count(*) FROM \(unescaped: table.name)") { try $0.decode(Int64.self) }.first ?? 0)
            }
            return counts
        }
    }

    /// Every row, as `StoreRowSource.exportRows` gives them (the same tables, columns and order),
    /// in one snapshot, through a cursor: `batchSize` rows in memory at a time. `batch` runs on the
    /// store's worker thread.
    public func exportRows(batchSize: Int, _ batch: (StoreTable, [StoreRow]) throws -> Void) async throws -> StoreRowCounts {
        precondition(batchSize > 0)
        return try await read { transaction in
            let session = transaction.session
            var counts = StoreRowCounts()
            for table in StoreTable.all {
                let select: PostgresQuery = """
                    SELECT \(unescaped: table.columns.map(\.name).joined(separator: ", ")) FROM \(unescaped: table.name)
                    ORDER BY \(unescaped: table.order.joined(separator: ", "))
                    """
                try session.forEachBatch(of: select, batchSize: batchSize, { row in
                    try zip(table.columns, row).map { column, cell in try StoreValue(cell, column.kind) }
                }) { rows in
                    counts[table] += rows.count
                    try batch(table, rows)
                }
            }
            return counts
        }
    }

    /// One `INSERT` of `rows` (at most 65535 values: PostgreSQL's limit of parameters).
    static func insert(_ rows: [StoreRow], into table: StoreTable) -> PostgresQuery {
        let width = table.columns.count
        var bindings = PostgresBindings(capacity: rows.count * width)
        var tuples: [String] = []
        tuples.reserveCapacity(rows.count)
        for row in rows {
            let first = bindings.count
            for value in row {
                switch value {
                case .null: bindings.appendNull()
                case .integer(let integer): bindings.append(integer)
                case .text(let text): bindings.append(text)
                case .bytes(let bytes): bindings.append(ByteBuffer(bytes: bytes))
                }
            }
            tuples.append("(" + (1...width).map { "$\(first + $0)" }.joined(separator: ", ") + ")")
        }
        let overriding = table.identity == nil ? "" : " OVERRIDING SYSTEM VALUE"
        return PostgresQuery(
            unsafeSQL: "INSERT INTO \(table.name) (\(table.columns.map(\.name).joined(separator: ", ")))\(overriding) VALUES "
                + tuples.joined(separator: ", "),
            binds: bindings)
    }
}

extension StoreValue {
    init(_ cell: PostgresCell, _ kind: StoreTable.Kind) throws {
        switch kind {
        case .integer: self = try cell.decode(Int64?.self).map(StoreValue.integer) ?? .null
        case .text: self = try cell.decode(String?.self).map(StoreValue.text) ?? .null
        case .bytes: self = try cell.decode(ByteBuffer?.self).map { StoreValue.bytes(Array($0.readableBytesView)) } ?? .null
        }
    }
}

import Foundation
import GRDB

// Every row as it is, for `dondoc store copy` (see `StoreTable`).

extension SQLiteStateStore: StoreRowSource {
    /// One read transaction (a snapshot of the latest commit: a writer meanwhile is not seen), one
    /// cursor per table, `batchSize` rows in memory at a time. The message's `seq` is its rowid,
    /// the order SQLite's reads give messages in. A value of the wrong kind for its column (SQLite
    /// stores what it is given) is `.corrupt`, naming the table, the column and the row.
    public func exportRows(batchSize: Int, _ batch: (StoreTable, [StoreRow]) throws -> Void) throws -> StoreRowCounts {
        precondition(batchSize > 0)
        // What `batch` throws is the target's: rethrown as it is, not as this store's failure.
        var batchError: (any Error)?
        func hand(_ table: StoreTable, _ rows: [StoreRow]) throws {
            do { try batch(table, rows) } catch {
                batchError = error
                throw error
            }
        }
        do {
            return try export(batchSize: batchSize, hand)
        } catch {
            throw batchError ?? error
        }
    }

    private func export(batchSize: Int, _ batch: (StoreTable, [StoreRow]) throws -> Void) throws -> StoreRowCounts {
        try read { db in
            var counts = StoreRowCounts()
            for table in StoreTable.all {
                let columns = table.columns.map { $0.name == "seq" && table.name == "message" ? "rowid" : $0.name }
                let order = table.order.map { $0 == "seq" && table.name == "message" ? "rowid" : $0 }
                let cursor = try Row.fetchCursor(
                    db.cachedStatement(sql: "SELECT \(columns.joined(separator: ", ")) FROM \(table.name) ORDER BY \(order.joined(separator: ", "))"))
                var rows: [StoreRow] = []
                rows.reserveCapacity(batchSize)
                while let row = try cursor.next() {
                    var values: StoreRow = []
                    values.reserveCapacity(row.count)
                    for index in 0..<row.count {
                        guard let value = StoreValue(row[index] as DatabaseValue) else {
                            throw StoreError(code: .corrupt, path: path,
                                             message: "row \(counts[table] + 1) of \(table.name): \(table.columns[index].name) holds a real number")
                        }
                        values.append(value)
                    }
                    if let misfit = table.misfit(values) {
                        throw StoreError(code: .corrupt, path: path, message: "row \(counts[table] + 1) of \(table.name): \(misfit)")
                    }
                    rows.append(values)
                    counts[table] += 1
                    if rows.count == batchSize {
                        try batch(table, rows)
                        rows.removeAll(keepingCapacity: true)
                    }
                }
                if !rows.isEmpty { try batch(table, rows) }
            }
            return counts
        }
    }
}

extension StoreValue {
    /// nil for a REAL, which no column of the schema is.
    init?(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let integer): self = .integer(integer)
        case .string(let text): self = .text(text)
        case .blob(let data): self = .bytes([UInt8](data))
        case .double: return nil
        }
    }
}

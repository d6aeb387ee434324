import GRDB

/// The state store's schema, as a chain of GRDB migrations.
///
/// **A shipped migration is frozen.** Never edit the SQL of "v1" (or any later migration once a
/// release carries it): stores in the field have already run it, and GRDB records only the
/// identifier, so an edit would leave old and new stores with different schemas. Change the
/// schema by registering a new migration ("v4", …) below the others. `SchemaSnapshotTests`
/// compares what each migration adds to the schema with a committed snapshot, and fails if the
/// SQL of any of them changes.
///
/// A store with a migration identifier this list does not know was written by a newer dondoc:
/// `SQLiteStateStore.open` refuses it (`StoreError.newerSchema`) rather than run on a schema it
/// does not understand.
enum StoreSchema {
    /// The identifiers this build knows, in order.
    static var identifiers: [String] { migrator.migrations }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        // Never `eraseDatabaseOnSchemaChange`: the store is the record of what was sent.
        migrator.registerMigration("v1") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2") { db in
            try db.execute(sql: v2)
        }
        migrator.registerMigration("v3") { db in
            try db.execute(sql: v3)
        }
        // Later migrations go here, e.g. migrator.registerMigration("v4") { … }
        return migrator
    }

    // FROZEN since the first release. Do not edit; add a migration instead.
    //
    // Instants are INTEGER epoch seconds (UTC); dates are TEXT `YYYY-MM-DD`.
    // delivery's primary key is what makes a claim "insert if absent": a (notification, address)
    // pair belongs to at most one message, ever. message_id is the stable Message-ID.
    private static let v1 = """
        CREATE TABLE completion (
            key TEXT NOT NULL PRIMARY KEY,
            at INTEGER NOT NULL,
            by TEXT,
            note TEXT
        );
        CREATE TABLE extension (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            key TEXT NOT NULL,
            to_date TEXT NOT NULL,
            reason TEXT NOT NULL,
            by TEXT,
            at INTEGER NOT NULL
        );
        CREATE INDEX extension_key ON extension (key, at);
        CREATE TABLE message (
            message_id TEXT NOT NULL PRIMARY KEY,
            address TEXT NOT NULL,
            notification_keys TEXT NOT NULL,
            scheduled_at INTEGER NOT NULL,
            claimed_at INTEGER NOT NULL,
            sent_at INTEGER,
            attempts INTEGER NOT NULL DEFAULT 0,
            failed_at INTEGER,
            last_error TEXT,
            retry_at INTEGER,
            bytes BLOB NOT NULL
        );
        CREATE INDEX message_scheduled_at ON message (scheduled_at);
        CREATE INDEX message_unsent ON message (claimed_at) WHERE sent_at IS NULL;
        CREATE TABLE delivery (
            notification_key TEXT NOT NULL,
            address TEXT NOT NULL,
            message_id TEXT NOT NULL REFERENCES message (message_id),
            PRIMARY KEY (notification_key, address)
        );
        CREATE INDEX delivery_message_id ON delivery (message_id);
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            key TEXT,
            detail TEXT
        );
        CREATE TABLE metadata (
            key TEXT NOT NULL PRIMARY KEY,
            value TEXT NOT NULL
        );
        """

    // A claimed message that will never be sent: an obligation it carried was done before the
    // hand-over (see `StateStore.withdraw`). Unsent means sent_at and withdrawn_at both NULL.
    private static let v2 = """
        ALTER TABLE message ADD COLUMN withdrawn_at INTEGER;
        """

    // Extension requests and access tokens (DESIGN §6.2, §6.4), and the audit trail by key.
    //
    // extension_request: at most one pending (unanswered) request per key, which the partial
    // unique index enforces for every writer. The answer is all of answer, answered_by and
    // answered_at or none of them. The notices (request to the monitor, answer to the requester)
    // are not columns here: they are notifications in the send log under keys derived from id.
    // access_token: token_hash is the SHA-256 of the token in hex; the token itself is never
    // stored. A name is never reused, so that the audit trail's names stay unambiguous.
    private static let v3 = """
        CREATE TABLE extension_request (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            key TEXT NOT NULL,
            to_date TEXT NOT NULL,
            reason TEXT NOT NULL,
            requester TEXT,
            by TEXT,
            at INTEGER NOT NULL,
            answer TEXT CHECK (answer IN ('approved', 'refused')),
            answered_by TEXT,
            answered_at INTEGER,
            answer_note TEXT,
            CHECK ((answer IS NULL) = (answered_by IS NULL) AND (answer IS NULL) = (answered_at IS NULL))
        );
        CREATE INDEX extension_request_key ON extension_request (key, at);
        CREATE UNIQUE INDEX extension_request_pending ON extension_request (key) WHERE answer IS NULL;
        CREATE TABLE access_token (
            name TEXT NOT NULL PRIMARY KEY,
            role TEXT NOT NULL CHECK (role IN ('read', 'admin')),
            token_hash TEXT NOT NULL UNIQUE,
            created_at INTEGER NOT NULL,
            revoked_at INTEGER,
            last_used_at INTEGER
        );
        CREATE INDEX audit_key ON audit (key, id);
        """
}

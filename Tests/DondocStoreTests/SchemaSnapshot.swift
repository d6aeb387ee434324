/// What each migration adds to `sqlite_master` (see `SchemaSnapshotTests`): for "v1", the whole
/// schema. FROZEN once the migration has shipped: never edit one to make the test pass; add a
/// migration instead.
enum SchemaSnapshot {
    static let v1 = """
        -- index delivery_message_id on delivery
        CREATE INDEX delivery_message_id ON delivery (message_id);

        -- index extension_key on extension
        CREATE INDEX extension_key ON extension (key, at);

        -- index message_scheduled_at on message
        CREATE INDEX message_scheduled_at ON message (scheduled_at);

        -- index message_unsent on message
        CREATE INDEX message_unsent ON message (claimed_at) WHERE sent_at IS NULL;

        -- index sqlite_autoindex_completion_1 on completion
        -- (automatic)

        -- index sqlite_autoindex_delivery_1 on delivery
        -- (automatic)

        -- index sqlite_autoindex_grdb_migrations_1 on grdb_migrations
        -- (automatic)

        -- index sqlite_autoindex_message_1 on message
        -- (automatic)

        -- index sqlite_autoindex_metadata_1 on metadata
        -- (automatic)

        -- table audit on audit
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            key TEXT,
            detail TEXT
        );

        -- table completion on completion
        CREATE TABLE completion (
            key TEXT NOT NULL PRIMARY KEY,
            at INTEGER NOT NULL,
            by TEXT,
            note TEXT
        );

        -- table delivery on delivery
        CREATE TABLE delivery (
            notification_key TEXT NOT NULL,
            address TEXT NOT NULL,
            message_id TEXT NOT NULL REFERENCES message (message_id),
            PRIMARY KEY (notification_key, address)
        );

        -- table extension on extension
        CREATE TABLE extension (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            key TEXT NOT NULL,
            to_date TEXT NOT NULL,
            reason TEXT NOT NULL,
            by TEXT,
            at INTEGER NOT NULL
        );

        -- table grdb_migrations on grdb_migrations
        CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);

        -- table message on message
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

        -- table metadata on metadata
        CREATE TABLE metadata (
            key TEXT NOT NULL PRIMARY KEY,
            value TEXT NOT NULL
        );

        -- table sqlite_sequence on sqlite_sequence
        CREATE TABLE sqlite_sequence(name,seq);

        """

    // The column v2 adds (SQLite appends it to the table's text).
    static let v2 = """
        -- table message on message
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
        , withdrawn_at INTEGER);

        """

    static let v3 = """
        -- index audit_key on audit
        CREATE INDEX audit_key ON audit (key, id);

        -- index extension_request_key on extension_request
        CREATE INDEX extension_request_key ON extension_request (key, at);

        -- index extension_request_pending on extension_request
        CREATE UNIQUE INDEX extension_request_pending ON extension_request (key) WHERE answer IS NULL;

        -- index sqlite_autoindex_access_token_1 on access_token
        -- (automatic)

        -- index sqlite_autoindex_access_token_2 on access_token
        -- (automatic)

        -- table access_token on access_token
        CREATE TABLE access_token (
            name TEXT NOT NULL PRIMARY KEY,
            role TEXT NOT NULL CHECK (role IN ('read', 'admin')),
            token_hash TEXT NOT NULL UNIQUE,
            created_at INTEGER NOT NULL,
            revoked_at INTEGER,
            last_used_at INTEGER
        );

        -- table extension_request on extension_request
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

        """
}

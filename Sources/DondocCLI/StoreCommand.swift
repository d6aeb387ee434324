import ArgumentParser
import DondocApp
import DondocStore

/// `dondoc store copy` (DESIGN §7): the state store as a whole.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "The state store as a whole: move an installation to PostgreSQL.",
        subcommands: [Copy.self]
    )

    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy an SQLite state store into an empty PostgreSQL database, and check the copy.",
            discussion: """
                Copies everything: completions, extensions, extension requests, the send log \
                (messages with their bytes, attempts, errors and retry times; deliveries), the audit \
                trail, access tokens and metadata such as the link secret, keeping every id. The \
                copy is one transaction: all or nothing. A database without dondoc's schema gets it; \
                one holding any row is refused, unchanged. Then the database is read back: each \
                table must hold as many rows as were copied. Prints one line per table, `NAME \
                COUNT`, and one saying the copy was checked.

                Stop `dondoc run` and `dondoc web` first: what they write during the copy stays \
                behind. Then set `state:` to the URL and start them again. The SQLite file is only \
                read (an older store's schema is brought up to date first, as every dondoc \
                command does).

                The password is never in the URL: it comes from --password-file, else \
                $CREDENTIALS_DIRECTORY/state-password, else PGPASSFILE (~/.pgpass).
                Exit status: 0 copied and checked; 1 not copied, or the check found the database \
                changed (the message names the file or the URL); 2 usage error.
                """
        )

        @Argument(help: ArgumentHelp("The SQLite state store to copy, e.g. /var/lib/dondoc/state.sqlite.", valueName: "sqlite-path"))
        var source: String

        @Argument(help: ArgumentHelp(
            "The PostgreSQL database: postgresql://USER@HOST:PORT/DATABASE, or postgresql:///DATABASE?host=/run/postgresql.",
            valueName: "postgresql-url"))
        var target: String

        @Option(name: .customLong("password-file"),
                help: ArgumentHelp("A file holding the database's password, as the config's state-password-file.", valueName: "file"))
        var passwordFile: String?

        @OptionGroup var output: FormatOption

        func validate() throws {
            if case .postgresql = StoreLocation(source) {
                throw ValidationError("<sqlite-path>: \(StoreLocation(source)) is a PostgreSQL URL: store copy copies from an SQLite file")
            }
            let location = StoreLocation(target)
            guard case .postgresql = location else {
                throw ValidationError("<postgresql-url>: '\(target)' is not a PostgreSQL URL: give postgresql://USER@HOST:PORT/DATABASE")
            }
            if location.holdsPassword {
                throw ValidationError(
                    "<postgresql-url>: \(location) holds a password: remove it from the URL and give it in --password-file, "
                        + "the credential state-password or PGPASSFILE")
            }
        }

        func run() async throws {
            let outcome: StoreCopy.Outcome
            do {
                outcome = try await StoreCopy.run(from: source, to: target, passwordFile: passwordFile)
            } catch {
                throw CommandFailure.findings("\(error)")
            }
            let out = LineWriter()
            defer { out.flush() }
            for (table, rows) in outcome.copied.counts {
                switch output.format {
                case .table:
                    out.write("\(table.label) \(rows)")
                case .json:
                    var line = JSONLine()
                    line.add("table", table.name)
                    line.add("copied", rows)
                    out.write(line)
                }
            }
            switch output.format {
            case .table:
                out.write("checked: \(outcome.target) holds every row copied from \(outcome.source)")
            case .json:
                var line = JSONLine()
                line.add("checked", true)
                line.add("source", outcome.source)
                line.add("target", outcome.target)
                out.write(line)
            }
        }
    }
}

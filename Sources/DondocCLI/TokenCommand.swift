import ArgumentParser
import DondocApp
import DondocCore
import DondocStore

extension AccessToken.Role: ExpressibleByArgument {}

/// `dondoc token create|list|revoke` (DESIGN §6.4): access tokens for `dondoc web`.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Access tokens for the dashboard and the API of dondoc web.",
        discussion: "The store keeps only a token's SHA-256: a new token is printed once. Names are never reused.",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a token and print it, once.",
            discussion: "read: sees the dashboard and reads the API; admin: also records done, extensions and answers."
        )

        @Argument(help: ArgumentHelp("Who or what the token is for (letters, digits, '.', '_', '-', '@').", valueName: "name"))
        var name: String

        @Option(help: ArgumentHelp("read or admin.", valueName: "role"))
        var role: AccessToken.Role

        @OptionGroup var config: ConfigOption

        func validate() throws {
            do { try AccessTokens.validate(name: name) } catch { throw ValidationError("<name>: \(error)") }
        }

        func run() async throws {
            let tokens = AccessTokens(store: try await config.openStore(try config.load()))
            let (token, _) = try await TokenCommand.run { try await tokens.create(name: name, role: role, via: "cli", now: CivilTime.clock.now()) }
            Output.print(token)
            Output.error("token '\(name)' (\(role.rawValue)) created; it is shown only now: keep it where its holder can find it")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every token: name, role, when made, last used, revoked.")

        @OptionGroup var config: ConfigOption

        @OptionGroup var output: FormatOption

        func run() async throws {
            let tokens = AccessTokens(store: try await config.openStore(try config.load()))
            let list = try await TokenCommand.run { try await tokens.list(via: "cli", now: CivilTime.clock.now()) }
            let out = LineWriter()
            defer { out.flush() }
            var table = Table("name", "role", "created", "last used", "revoked")
            for token in list {
                switch output.format {
                case .json:
                    var line = JSONLine()
                    line.add("name", token.name)
                    line.add("role", token.role.rawValue)
                    line.add("created_at", LocalDateTime.iso8601(epochSeconds: token.createdAt))
                    line.add("last_used_at", token.lastUsedAt.map(LocalDateTime.iso8601(epochSeconds:)))
                    line.add("revoked_at", token.revokedAt.map(LocalDateTime.iso8601(epochSeconds:)))
                    out.write(line)
                case .table:
                    table.add(token.name, token.role.rawValue, LocalDateTime.iso8601(epochSeconds: token.createdAt),
                              token.lastUsedAt.map(LocalDateTime.iso8601(epochSeconds:)) ?? "-",
                              token.revokedAt.map(LocalDateTime.iso8601(epochSeconds:)) ?? "-")
                }
            }
            if output.format == .table { out.write(list.isEmpty ? "no tokens" : table.text) }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token: it stops working at once.")

        @Argument(help: ArgumentHelp("The token's name.", valueName: "name"))
        var name: String

        @OptionGroup var config: ConfigOption

        func run() async throws {
            let tokens = AccessTokens(store: try await config.openStore(try config.load()))
            _ = try await TokenCommand.run { try await tokens.revoke(name: name, via: "cli", now: CivilTime.clock.now()) }
            Output.print("revoked: \(name)")
        }
    }

    /// A token use case's failures as findings (exit 1): a name taken or unknown, a store that fails.
    static func run<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch { throw CommandFailure.findings("\(error)") }
    }
}

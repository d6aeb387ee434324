import DondocStore
import Foundation

/// Where a PostgreSQL state store is, from `state: postgresql://USER@HOST:PORT/DB` or, on a unix
/// socket, `postgresql:///DB?host=/run/postgresql` (libpq's URL forms, DESIGN §7), and the
/// password to give it.
///
/// The password is never read from `dondoc.yaml` (the config loader refuses a URL with one):
/// it comes, first found, from `state-password-file:` (a file holding the password), the systemd
/// credential `$CREDENTIALS_DIRECTORY/state-password`, or the libpq password file (`PGPASSFILE`,
/// else `~/.pgpass`, lines `host:port:database:user:password`). None: the server's other methods
/// (peer, trust) decide.
public struct PostgresEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// A TCP host, or nil on a unix socket.
    public var host: String?
    /// The directory holding the server's socket (`…/.s.PGSQL.PORT`), or nil over TCP.
    public var socketDirectory: String?
    public var port: Int
    public var user: String
    public var database: String
    /// `sslmode=`: disable, prefer (the default, over TCP), require (encrypted, the certificate
    /// not checked, as libpq), verify-ca / verify-full (checked against the system's roots).
    public var tls: TLSMode
    /// A password written in the URL itself (only where the URL does not come from dondoc.yaml
    /// nor the command line, which refuse one: a test's).
    var urlPassword: String?

    public enum TLSMode: String, Sendable, Hashable {
        case disable, prefer, require, verify
    }

    /// libpq's default socket directory on Debian.
    public static let defaultSocketDirectory = "/run/postgresql"

    /// Parses the URL; throws a `StoreError` naming it (without a password) when it is not one.
    public init(url: String) throws {
        let named = StoreLocation.postgresql(url: url).description
        func refuse(_ why: String) -> StoreError {
            StoreError(code: .unreachable, path: named, message: "not a PostgreSQL URL: \(why)")
        }
        guard let components = URLComponents(string: url), let scheme = components.scheme,
              scheme == "postgresql" || scheme == "postgres"
        else { throw refuse("give postgresql://USER@HOST:PORT/DATABASE or postgresql:///DATABASE?host=/SOCKET/DIR") }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }
        let hostParameter = query["host"]
        let host = components.percentEncodedHost.flatMap { $0.removingPercentEncoding }.flatMap { $0.isEmpty ? nil : $0 }
        if let directory = hostParameter, directory.hasPrefix("/") {
            self.host = nil
            self.socketDirectory = directory
        } else if let name = host ?? hostParameter.flatMap({ $0.isEmpty ? nil : $0 }) {
            self.host = name
            self.socketDirectory = nil
        } else {
            self.host = nil
            self.socketDirectory = Self.defaultSocketDirectory
        }
        self.port = components.port ?? query["port"].flatMap { Int($0) } ?? 5432
        let environment = ProcessInfo.processInfo.environment
        let user = components.percentEncodedUser.flatMap { $0.removingPercentEncoding }.flatMap { $0.isEmpty ? nil : $0 }
            ?? query["user"] ?? environment["PGUSER"] ?? Self.loginName()
        guard let user else { throw refuse("no user: write postgresql://USER@…") }
        self.user = user
        var path = components.percentEncodedPath.removingPercentEncoding ?? components.percentEncodedPath
        if path.hasPrefix("/") { path.removeFirst() }
        self.database = path.isEmpty ? (query["dbname"] ?? user) : path
        self.urlPassword = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        switch query["sslmode"] {
        case nil, "prefer", "allow": self.tls = .prefer
        case "disable": self.tls = .disable
        case "require": self.tls = .require
        case "verify-ca", "verify-full": self.tls = .verify
        case let other?: throw refuse("sslmode=\(other) (give disable, prefer or require)")
        }
        self.description = named
    }

    /// The URL as errors name it: no password.
    public let description: String

    private static func loginName() -> String? {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }

    /// The password for this endpoint (see the type's comment); `passwordFile` is the config's
    /// `state-password-file:`. A file named but unreadable is an error, not "no password".
    public func password(passwordFile: String?) throws -> String? {
        if let urlPassword { return urlPassword }
        if let passwordFile {
            guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                throw StoreError(code: .unreadable, path: description,
                                 message: "cannot read the password file \(passwordFile) (state-password-file)")
            }
            return Self.firstLine(text)
        }
        let environment = ProcessInfo.processInfo.environment
        if let credentials = environment["CREDENTIALS_DIRECTORY"],
           let text = try? String(contentsOfFile: credentials + "/state-password", encoding: .utf8) {
            return Self.firstLine(text)
        }
        let passfile = environment["PGPASSFILE"] ?? environment["HOME"].map { $0 + "/.pgpass" }
        if let passfile, let text = try? String(contentsOfFile: passfile, encoding: .utf8) {
            return pgpassPassword(text)
        }
        return nil
    }

    private static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            .trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
    }

    /// The password of the first line of a libpq password file that matches (`*` matches
    /// anything; `\:` and `\\` are a colon and a backslash; a unix socket matches `localhost` or
    /// its directory).
    func pgpassPassword(_ text: String) -> String? {
        let hosts = host.map { [$0] } ?? ["localhost", socketDirectory ?? Self.defaultSocketDirectory]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = Self.pgpassFields(String(line))
            guard fields.count == 5 else { continue }
            func matches(_ field: String, _ values: [String]) -> Bool { field == "*" || values.contains(field) }
            if matches(fields[0], hosts), matches(fields[1], [String(port)]), matches(fields[2], [database]),
               matches(fields[3], [user]) {
                return fields[4]
            }
        }
        return nil
    }

    private static func pgpassFields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}

import DondocCore
import Foundation
import Testing
@testable import DondocLoader

/// `dondoc.yaml`, a section at a time: defaults, values, and problems at file:line:col.
struct ConfigLoaderTests {
    func load(_ text: String) throws -> (config: InstallationConfig?, messages: [String]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dondoc-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("dondoc.yaml").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let (config, diagnostics) = ConfigLoader.load(path: file)
        return (config, diagnostics.map { $0.description.replacingOccurrences(of: file, with: "dondoc.yaml") })
    }

    @Test func everyKeyHasADefault() throws {
        let config = try #require(try load("workflows: Workflows\n").config)
        #expect(config.http == HTTPConfig(listen: ListenAddress(host: "127.0.0.1", port: 8080), baseURL: nil, linkDays: 45))
        #expect(config.mail == MailConfig())
        #expect(config.state == "/var/lib/dondoc/state.sqlite")
        #expect(config.whereSet("state").hasSuffix("dondoc.yaml (not set there: the default)"))
    }

    @Test func aPostgreSQLStateIsAURLWithItsPasswordElsewhere() throws {
        let config = try #require(try load("""
            state: postgresql://dondoc@db.haiphong.gov.vn:5432/dondoc
            state-password-file: secrets/state-password
            """).config)
        #expect(config.state == "postgresql://dondoc@db.haiphong.gov.vn:5432/dondoc")
        #expect(config.statePasswordFile?.hasSuffix("/secrets/state-password") == true)
        let (refused, messages) = try load("state: postgresql://dondoc:mat-khau@db/dondoc\n")
        #expect(refused == nil)
        #expect(messages.count == 1 && messages[0].hasPrefix("dondoc.yaml:1:8: error: 'state' holds a password"), "\(messages)")
    }

    @Test func sectionsAreReadWithWhereEachKeyWasWritten() throws {
        let config = try #require(try load("""
            state: state.sqlite
            mail:
              from: dondoc@example.gov.vn
              sendmail: /usr/bin/msmtp -C /etc/dondoc/msmtprc
              parallel: 8
            http:
              listen: "[::1]:9090"
              base-url: https://dondoc.haiphong.gov.vn/
              link-days: 30
            """).config)
        #expect(config.mail == MailConfig(from: "dondoc@example.gov.vn", sendmail: "/usr/bin/msmtp -C /etc/dondoc/msmtprc", parallel: 8))
        #expect(config.http == HTTPConfig(listen: ListenAddress(host: "::1", port: 9090),
                                          baseURL: "https://dondoc.haiphong.gov.vn", linkDays: 30))
        #expect(config.http.listen.description == "[::1]:9090")
        #expect(config.state.hasSuffix("/state.sqlite"))
        #expect(config.keyLocations["state"]?.line == 1)
        #expect(config.keyLocations["http.base-url"]?.line == 8)
        #expect(config.keyLocations["http.base-url"]?.column == 13)
    }

    @Test(arguments: ["0", "33", "four", "2.5"])
    func aParallelOutOfRangeIsAnErrorAtItsValue(value: String) throws {
        let (config, messages) = try load("mail:\n  parallel: \(value)\n")
        #expect(config == nil)
        #expect(messages == ["dondoc.yaml:2:13: error: 'parallel' must be a number of sendmail processes from 1 to 32, found '\(value)'"])
    }

    @Test func theHTTPSectionsProblemsPointAtTheirValues() throws {
        let (config, messages) = try load("""
            http:
              listen: localhost
              base-url: ftp://example.gov.vn
              link-days: 0
              port: 80
            """)
        #expect(config == nil)
        #expect(messages.count == 4, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("dondoc.yaml:2:11: error: 'listen' must be HOST:PORT") })
        #expect(messages.contains { $0.hasPrefix("dondoc.yaml:3:13: error: 'base-url' must be an http:// or https:// address") })
        #expect(messages.contains { $0 == "dondoc.yaml:4:14: error: 'link-days' must be a number of days from 1 to 3660, found '0'" })
        #expect(messages.contains { $0.hasPrefix("dondoc.yaml:5:3: error:") && $0.contains("port") })
    }

    @Test(arguments: ["127.0.0.1:8080", "0.0.0.0:80", "dondoc-web.local:8443", "[::]:8080"])
    func listenAddresses(_ text: String) {
        #expect(ListenAddress(text)?.description == text)
    }

    @Test(arguments: ["127.0.0.1", ":8080", "host:0", "host:65536", "[::1:8080", "a b:80", "[]:80"])
    func notListenAddresses(_ text: String) {
        #expect(ListenAddress(text) == nil)
    }
}

import DondocTestSupport
import Foundation
import Testing

/// `dondoc check-config`, the units' ExecCondition=: 0 starts, 1 skips (a required key unset), 255
/// fails (a broken config), as systemd reads an ExecCondition= exit status.
struct CheckConfigTests {
    typealias P = DondocProcess

    final class ConfigFile {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dondoc-check-config-\(UUID().uuidString)")
        var path: String { directory.appendingPathComponent("dondoc.yaml").path }

        init(_ text: String) throws {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        func check(_ arguments: [String]) throws -> DondocProcess.Result {
            let result = try P.run(["check-config", "--config", path] + arguments)
            #expect(!result.crashed)
            return result
        }
    }

    static let example = URL(fileURLWithPath: P.workflows).deletingLastPathComponent()
        .appendingPathComponent("systemd/dondoc.yaml.example").path

    @Test func theShippedConfigWaitsForTheSender() throws {
        // What the package and `make install` put in /etc/dondoc: dondoc.service is skipped until
        // the operator sets mail.from, and the web until http.base-url is set.
        let shipped = try ConfigFile(String(contentsOfFile: Self.example, encoding: .utf8))
        let unset = try shipped.check(["--require", "mail.from"])
        #expect(unset.status == 1, "\(unset.stderr)")
        #expect(unset.stderr.contains("\(shipped.path): 'mail.from' is not set"), "\(unset.stderr)")
        #expect(try shipped.check(["--require", "http.base-url"]).status == 1)
        let plain = try shipped.check([])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout == "\(shipped.path): ok\n")
    }

    @Test func aSetKeyPassesAndSaysWhereItIsSet() throws {
        let file = try ConfigFile("workflows: /etc/dondoc/workflows\nmail:\n  from: \"Văn phòng <vp@example.gov.vn>\"\n")
        let result = try file.check(["--require", "mail.from"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "\(file.path): ok; mail.from at \(file.path):3:9\n", "\(result.stdout)")
        #expect(result.stderr.isEmpty)
        // Two keys, one unset: only that one is named.
        let two = try file.check(["--require", "mail.from", "--require", "http.base-url"])
        #expect(two.status == 1)
        #expect(two.stderr.contains("'http.base-url' is not set") && !two.stderr.contains("'mail.from'"), "\(two.stderr)")
    }

    @Test func aBrokenConfigFailsTheUnitWithItsPlace() throws {
        let file = try ConfigFile("mail:\n  from: nobody\n")
        let result = try file.check(["--require", "mail.from"])
        #expect(result.status == 255, "\(result.stderr)")
        #expect(result.stderr.contains("\(file.path):2:9: error: 'from' must be an address"), "\(result.stderr)")
        let missing = try P.run(["check-config", "--config", "/nonexistent/dondoc.yaml"])
        #expect(missing.status == 255)
        #expect(missing.stderr.contains("/nonexistent/dondoc.yaml"))
    }

    @Test func anUnknownKeyIsAUsageError() throws {
        let file = try ConfigFile("workflows: /etc/dondoc/workflows\n")
        let result = try file.check(["--require", "mail.form"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--require: no config key 'mail.form'"), "\(result.stderr)")
        #expect(result.stderr.contains("mail.from"))
    }
}

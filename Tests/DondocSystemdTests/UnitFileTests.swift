import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `systemd/dondoc.service` as `make install` installs it: `systemd-analyze verify` says nothing,
/// `systemd-analyze security --offline=yes` rates it at most 2.0, and install/uninstall honour
/// DESTDIR and PREFIX. The real-systemd checks (start, reload, watchdog, stop) are in
/// `scripts/systemd-nspawn-test`.
extension EnvironmentTests {
    @Suite(.enabled(if: UnitFileTools.missing == nil, "\(UnitFileTools.missing ?? "")"))
    struct UnitFileTests {
        static let repository = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        static let unit = repository + "/systemd/dondoc.service"

        struct Output {
            let status: Int32
            let text: String
        }

        static func run(_ executable: String, _ arguments: [String], in directory: String? = nil) throws -> Output {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Output(status: process.terminationStatus, text: String(decoding: data, as: UTF8.self))
        }

        static func temporaryDirectory() throws -> String {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("dondoc-unit-\(UUID().uuidString.prefix(8))").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            return path
        }

        static func make(_ arguments: [String]) throws -> Output {
            try run("/usr/bin/make", ["-s", "-C", repository] + arguments)
        }

        /// `systemd-analyze verify` on `unitText`, with ExecCondition's and ExecStart's binary rewritten to `binary`.
        static func verify(_ unitText: String, binary: String, in directory: String) throws -> Output {
            let text = unitText.replacingOccurrences(of: "ExecStart=/usr/local/bin/dondoc ", with: "ExecStart=\(binary) ")
                .replacingOccurrences(of: "ExecCondition=/usr/local/bin/dondoc ", with: "ExecCondition=\(binary) ")
            let path = directory + "/verify/dondoc.service"
            try FileManager.default.createDirectory(atPath: directory + "/verify", withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return try run("/usr/bin/systemd-analyze", ["verify", path])
        }

        @Test func installedUnitVerifiesWithoutOutput() throws {
            let tmp = try Self.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: tmp) }
            let root = tmp + "/root"
            let install = try Self.make(["install", "DESTDIR=\(root)", "BINARY=/bin/true"])
            #expect(install.status == 0, "\(install.text)")

            let unitPath = root + "/usr/local/lib/systemd/system/dondoc.service"
            let unitText = try String(contentsOfFile: unitPath, encoding: .utf8)
            #expect(unitText.contains("\nExecStart=/usr/local/bin/dondoc run --config /etc/dondoc/dondoc.yaml\n"))
            #expect(FileManager.default.isExecutableFile(atPath: root + "/usr/local/bin/dondoc"))

            // Verify checks that ExecCondition= and ExecStart= exist: point them at the installed binary.
            let verify = try Self.verify(unitText, binary: root + "/usr/local/bin/dondoc", in: tmp)
            #expect(verify.status == 0)
            #expect(verify.text == "", "systemd-analyze verify printed:\n\(verify.text)")

            // The check has teeth: verify exits 0 but prints, for a missing binary or a typo.
            let missing = try Self.verify(unitText, binary: tmp + "/no/such/dondoc", in: tmp)
            #expect(missing.text.contains("is not executable"))
            let typo = try Self.verify(
                unitText.replacingOccurrences(of: "WatchdogSec=", with: "WatchdogSecs="), binary: root + "/usr/local/bin/dondoc",
                in: tmp)
            #expect(typo.text.contains("WatchdogSecs"))
        }

        @Test func exposureIsAtMostTwo() throws {
            let output = try Self.run("/usr/bin/systemd-analyze", ["security", "--offline=yes", Self.unit])
            let marker = "Overall exposure level for dondoc.service: "
            let line = try #require(output.text.split(separator: "\n").first { $0.contains(marker) }, "\(output.text)")
            let score = try #require(Double(line.components(separatedBy: marker)[1].split(separator: " ")[0]))
            #expect(score <= 2.0, "\(output.text)")
        }

        @Test func unitHasWhatTheDaemonNeeds() throws {
            let lines = Set(try String(contentsOfFile: Self.unit, encoding: .utf8).split(separator: "\n").map(String.init))
            for setting in [
                "Type=notify", "NotifyAccess=main", "ExecStart=/usr/local/bin/dondoc run --config /etc/dondoc/dondoc.yaml",
                "ExecCondition=/usr/local/bin/dondoc check-config --config /etc/dondoc/dondoc.yaml --require mail.from",
                "ExecReload=/bin/kill -HUP $MAINPID", "WatchdogSec=30s", "Restart=on-failure",
                "Environment=SWIFT_BACKTRACE=enable=no", "StateDirectory=dondoc", "ConfigurationDirectory=dondoc",
                "DynamicUser=yes", "SystemCallFilter=setpriority", "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6",
                "KillMode=mixed",
            ] {
                #expect(lines.contains(setting), "\(setting)")
            }
        }

        @Test func installHonoursPrefixKeepsConfigAndUninstalls() throws {
            let tmp = try Self.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: tmp) }
            let root = tmp + "/root"
            let args = ["DESTDIR=\(root)", "PREFIX=/opt/dondoc", "BINARY=/bin/true"]
            #expect(try Self.make(["install"] + args).status == 0)

            let unitPath = root + "/opt/dondoc/lib/systemd/system/dondoc.service"
            let unitText = try String(contentsOfFile: unitPath, encoding: .utf8)
            #expect(unitText.contains("\nExecStart=/opt/dondoc/bin/dondoc run --config /etc/dondoc/dondoc.yaml\n"))
            #expect(FileManager.default.fileExists(atPath: root + "/etc/dondoc/workflows/units.yaml"))
            #expect(FileManager.default.fileExists(atPath: root + "/etc/dondoc/workflows/calendars/vn-2026.yaml"))
            let example = try String(contentsOfFile: Self.repository + "/systemd/dondoc.yaml.example", encoding: .utf8)
            #expect(try String(contentsOfFile: root + "/etc/dondoc/dondoc.yaml", encoding: .utf8) == example)

            // An operator's config and workflows survive a second install and an uninstall.
            try "workflows: /srv/workflows\n".write(toFile: root + "/etc/dondoc/dondoc.yaml", atomically: true, encoding: .utf8)
            try FileManager.default.removeItem(atPath: root + "/etc/dondoc/workflows/units.yaml")
            let again = try Self.make(["install"] + args)
            #expect(again.status == 0)
            #expect(again.text.contains("kept"))
            #expect(try String(contentsOfFile: root + "/etc/dondoc/dondoc.yaml", encoding: .utf8) == "workflows: /srv/workflows\n")
            #expect(!FileManager.default.fileExists(atPath: root + "/etc/dondoc/workflows/units.yaml"))

            #expect(try Self.make(["uninstall"] + args).status == 0)
            #expect(!FileManager.default.fileExists(atPath: root + "/opt/dondoc/bin/dondoc"))
            #expect(!FileManager.default.fileExists(atPath: unitPath))
            #expect(FileManager.default.fileExists(atPath: root + "/etc/dondoc/dondoc.yaml"))
        }
    }
}

/// What the unit-file tests run: systemd-analyze (package systemd) and make.
enum UnitFileTools {
    static var missing: String? {
        for tool in ["/usr/bin/systemd-analyze", "/usr/bin/make"] where !FileManager.default.isExecutableFile(atPath: tool) {
            return "\(tool) missing"
        }
        return nil
    }
}

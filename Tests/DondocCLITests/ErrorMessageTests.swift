import DondocStore
import DondocTestSupport
import Foundation
import Testing

/// Every command's error paths through the real binary: an exit status, a message on standard
/// error, and never a Swift value's debug dump (`DaemonConfig(workflows: …)`) in place of a file
/// and a key.
@Suite(.serialized) struct ErrorMessageTests {
    typealias P = DondocProcess

    /// Whether the text holds `TypeName(label:` — what `"\(someStruct)"` prints.
    static func showsADebugDump(_ text: String) -> Bool {
        text.contains(#/\b[A-Z][A-Za-z]+\([a-z][A-Za-z]*:/#)
    }

    /// A folder with configs good and bad, and (for some commands) a store.
    final class Installation {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dondoc-errors-\(UUID().uuidString)")
        var path: String { directory.path }

        init() throws {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try write("no-store.yaml", "workflows: \(P.workflows)\nstate: \(path)/missing/state.sqlite\n")
            try write("with-store.yaml", "workflows: \(P.workflows)\nstate: \(path)/state.sqlite\n")
            try write("bad.yaml", """
                workflows: \(P.workflows)
                send-at: noon
                colour: blue
                mail:
                  from: nobody
                http:
                  listen: everywhere
                  link-days: forever
                """)
            try write("not-yaml.yaml", "workflows: [unclosed\n")
            try SQLiteStateStore.open(path: "\(path)/state.sqlite", create: true).close()
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        func write(_ name: String, _ text: String) throws {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }

        func config(_ name: String) -> String { "\(path)/\(name)" }
    }

    static let key = "33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026"

    /// (arguments with CONFIG_DIR standing for the installation's folder, expected status, a
    /// part of the message).
    static let cases: [([String], Int32, String)] = [
        // No store where the config says.
        (["status", "--config", "DIR/no-store.yaml"], 1, "no-store.yaml"),
        (["status", "--config", "DIR/no-store.yaml", "--format", "json"], 1, "'state:' at"),
        (["done", key, "--config", "DIR/no-store.yaml"], 1, "no-store.yaml:2:8"),
        (["extend", key, "--to", "2026-12-31", "--reason", "CV 1", "--config", "DIR/no-store.yaml"], 1, "state store"),
        // No config, a config with errors, a file that is not YAML.
        (["status", "--config", "DIR/none.yaml"], 1, "none.yaml:1:1"),
        (["done", key, "--config", "DIR/none.yaml"], 1, "none.yaml"),
        (["run", "--config", "DIR/none.yaml"], 1, "none.yaml"),
        (["status", "--config", "DIR/bad.yaml"], 1, "bad.yaml:2:10: error: 'send-at'"),
        (["status", "--config", "DIR/bad.yaml"], 1, "bad.yaml:7:11: error: 'listen'"),
        (["status", "--config", "DIR/bad.yaml"], 1, "bad.yaml:8:14: error: 'link-days'"),
        (["extend", key, "--to", "2026-12-31", "--reason", "CV 1", "--config", "DIR/bad.yaml"], 1, "bad.yaml:5:9"),
        (["status", "--config", "DIR/not-yaml.yaml"], 1, "not-yaml.yaml:"),
        // Keys that name no obligation.
        (["done", "nothing", "--config", "DIR/with-store.yaml"], 2, "<key>: 'nothing' is not an obligation key"),
        (["done", "\(key)!reminder:3wd", "--config", "DIR/with-store.yaml"], 2, "names one notification"),
        (["done", "99/CT#x@ubnd-hai-phong", "--config", "DIR/with-store.yaml"], 1, "no directive '99/CT'"),
        (["extend", "33/CT-TTg#khong-co@ubnd-hai-phong", "--to", "2026-12-31", "--reason", "CV 1",
          "--config", "DIR/with-store.yaml"], 1, "has no step 'khong-co'"),
        (["done", "33/CT-TTg#bao-cao-nam@khong-co/2026", "--config", "DIR/no-store.yaml"], 1, "no unit 'khong-co'"),
        // Units the workflows do not have.
        (["status", "--config", "DIR/with-store.yaml", "--unit", "khong-co"], 2, "--unit: no unit or group 'khong-co'"),
        (["status", "--config", "DIR/no-store.yaml", "--unit", "group:khong-co"], 2, "--unit"),
        (["agenda", P.workflows, "--unit", "khong-co"], 2, "no unit or group 'khong-co'"),
        // Dates and other arguments.
        (["status", "--config", "DIR/with-store.yaml", "--from", "2026-13-01"], 2, "--from"),
        (["status", "--config", "DIR/with-store.yaml", "--from", "2026-12-31", "--to", "2026-01-01"], 2, "is before"),
        (["done", key, "--at", "yesterday", "--config", "DIR/with-store.yaml"], 2, "--at"),
        (["extend", key, "--to", "2026-02-30", "--reason", "CV 1", "--config", "DIR/with-store.yaml"], 2, "--to"),
        (["extend", key, "--to", "2026-12-31", "--reason", " ", "--config", "DIR/with-store.yaml"], 2, "--reason"),
        (["extend", key, "--config", "DIR/with-store.yaml"], 2, "--to"),
        (["run", "--config", "DIR/with-store.yaml", "--clock-rate", "60"], 2, "--clock-rate needs --clock-start"),
        (["run", "--config", "DIR/with-store.yaml", "--clock-start", "soon"], 2, "--clock-start"),
        (["agenda", P.workflows, "--from", "2026-12-31", "--to", "2026-12-01"], 2, "is before"),
        (["simulate", P.workflows, "--from", "2026-12-01", "--to", "someday"], 2, "someday"),
        (["due", "every other day"], 2, "every"),
        (["due", "30 days after issued", "--from", "2026-02-30"], 2, "--from"),
        (["calendar", "2026-00"], 2, "2026-00"),
        (["calendar", "holidays", "2026", "--calendars", "DIR/no-calendars"], 1, "no-calendars"),
        (["check", "DIR/no-workflows"], 1, "no-workflows"),
    ]

    @Test func everyErrorNamesAFileOrAnArgumentAndNoSwiftValue() throws {
        let installation = try Installation()
        for (arguments, status, expected) in ErrorMessageTests.cases {
            let resolved = arguments.map { $0.replacingOccurrences(of: "DIR/", with: installation.path + "/") }
            let result = try P.run(resolved)
            let shown = arguments.joined(separator: " ")
            #expect(!result.crashed, "\(shown)")
            #expect(result.status == status, "\(shown): \(result.stderr)")
            #expect(result.stderr.contains(expected), "\(shown): \(result.stderr)")
            #expect(!ErrorMessageTests.showsADebugDump(result.stderr), "\(shown): \(result.stderr)")
            #expect(!ErrorMessageTests.showsADebugDump(result.stdout), "\(shown): \(result.stdout)")
        }
    }

    @Test func theDumpPatternCatchesWhatUsersSaw() {
        let seen = "check 'state:' in DaemonConfig(workflows: \"/etc/dondoc/workflows\", sendAt: 480)"
        #expect(ErrorMessageTests.showsADebugDump(seen))
        #expect(!ErrorMessageTests.showsADebugDump("bad.yaml:2:10: error: 'send-at' must be a time HH:MM (08:00)"))
    }
}

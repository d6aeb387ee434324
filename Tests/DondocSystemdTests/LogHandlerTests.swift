import DondocSystemd
import Foundation
import Logging
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite struct LogHandlerTests {
    static func event(
        _ level: Logger.Level, _ message: Logger.Message, metadata: Logger.Metadata? = nil, error: (any Error)? = nil
    ) -> LogEvent {
        LogEvent(
            level: level, message: message, error: error, metadata: metadata, source: "DondocDaemon",
            file: "DondocDaemon/Scheduler.swift", function: "tick(now:)", line: 42)
    }

    @Test(arguments: [
        (Logger.Level.trace, 7), (.debug, 7), (.info, 6), (.notice, 5), (.warning, 4), (.error, 3), (.critical, 2),
    ])
    func priority(level: Logger.Level, expected: Int) {
        #expect(JournalLogHandler.priority(for: level) == expected)
        let fields = Dictionary(JournalLogHandler(label: "x").fields(for: Self.event(level, "m")), uniquingKeysWith: { a, _ in a })
        #expect(fields["PRIORITY"] == String(expected))
    }

    @Test func journalFields() {
        var handler = JournalLogHandler(label: "dondoc.daemon")
        handler[metadataKey: "config"] = "/etc/dondoc/dondoc.yaml"
        handler[metadataKey: "DONDOC_UNIT"] = "bo-noi-vu"
        let fields = handler.fields(for: Self.event(.warning, "Không đọc được tệp", metadata: [
            "DONDOC_UNIT": "so-noi-vu-hai-phong",  // the call site wins over the handler's metadata
            "file": "workflows/33-ct-ttg.yaml",
            "line": "12",
            "message": "would clobber MESSAGE",
            "keys": .array(["a", "b"]),
        ]))
        #expect(fields.map(\.0) == [
            "MESSAGE", "PRIORITY", "SYSLOG_IDENTIFIER", "CODE_FILE", "CODE_LINE", "CODE_FUNC", "DONDOC_LOGGER",
            "CONFIG", "DONDOC_MESSAGE", "DONDOC_UNIT", "FILE", "KEYS", "LINE",
        ])
        let value = Dictionary(fields, uniquingKeysWith: { a, _ in a })
        #expect(value["MESSAGE"] == "Không đọc được tệp")
        #expect(value["PRIORITY"] == "4")
        #expect(value["SYSLOG_IDENTIFIER"] == "dondoc")
        #expect(value["CODE_FILE"] == "DondocDaemon/Scheduler.swift")
        #expect(value["CODE_LINE"] == "42")
        #expect(value["CODE_FUNC"] == "tick(now:)")
        #expect(value["DONDOC_LOGGER"] == "dondoc.daemon")
        #expect(value["CONFIG"] == "/etc/dondoc/dondoc.yaml")
        #expect(value["DONDOC_UNIT"] == "so-noi-vu-hai-phong")
        #expect(value["FILE"] == "workflows/33-ct-ttg.yaml")
        #expect(value["KEYS"] == #"["a", "b"]"#)
        #expect(value["DONDOC_MESSAGE"] == "would clobber MESSAGE")
        for (name, _) in fields { #expect(Journal.isValidFieldName(name), "\(name)") }
    }

    @Test func metadataProviderSitsBetweenHandlerAndCallSite() {
        let provider = Logger.MetadataProvider { ["request": "from-provider", "trace": "t1"] }
        var handler = JournalLogHandler(label: "x", metadataProvider: provider)
        handler.metadata = ["request": "from-handler", "static": "s"]
        let value = Dictionary(
            handler.fields(for: Self.event(.info, "m", metadata: ["trace": "from-call"])), uniquingKeysWith: { a, _ in a })
        #expect(value["REQUEST"] == "from-provider")
        #expect(value["TRACE"] == "from-call")
        #expect(value["STATIC"] == "s")
    }

    @Test func errorBecomesAField() {
        struct Broken: Error, CustomStringConvertible { var description: String { "state.sqlite: database disk image is malformed" } }
        let value = Dictionary(
            JournalLogHandler(label: "x").fields(for: Self.event(.critical, "dừng", error: Broken())), uniquingKeysWith: { a, _ in a })
        #expect(value["ERROR"] == "state.sqlite: database disk image is malformed")
        #expect(value["PRIORITY"] == "2")
    }

    @Test func stderrLine() {
        #expect(StderrLogHandler.line(level: .info, message: "Đã nạp 5 chỉ thị", metadata: [:]) == "info Đã nạp 5 chỉ thị")
        #expect(
            StderrLogHandler.line(level: .warning, message: "Bỏ qua tệp", metadata: [
                "file": "a.yaml", "line": "3", "reason": "khóa không hợp lệ", "empty": "", "note": "a=b \"c\"\nd",
            ]) == #"warning Bỏ qua tệp empty="" file=a.yaml line=3 note="a=b \"c\"\nd" reason="khóa không hợp lệ""#)
    }

    @Test func stderrHandlerWritesOneLinePerEventToItsDescriptor() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        var logger = Logger(label: "dondoc.test") { label in
            var handler = StderrLogHandler(label: label, fileDescriptor: fds[1]) { "2026-12-01T08:00:05+07:00" }
            handler.metadata = ["node": "a"]
            return handler
        }
        logger.logLevel = .debug
        logger.debug("thức dậy", metadata: ["at": "2026-12-01T08:00:00+07:00"])
        logger.trace("not shown")
        logger.error("gửi thư thất bại", metadata: ["exit": "65"])
        close(fds[1])
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while case let n = read(fds[0], &buffer, buffer.count), n > 0 { output += buffer[..<n] }
        #expect(String(decoding: output, as: UTF8.self) == """
            2026-12-01T08:00:05+07:00 debug thức dậy at=2026-12-01T08:00:00+07:00 node=a
            2026-12-01T08:00:05+07:00 error gửi thư thất bại exit=65 node=a

            """)
    }

    @Test func journalHandlerRespectsLevelThroughLogger() {
        // Through Logger: below the level nothing reaches the handler (no journald needed to tell).
        var handler = JournalLogHandler(label: "x", logLevel: .notice)
        handler.logLevel = .error
        #expect(handler.logLevel == .error)
        let logger = Logger(label: "x") { _ in handler }
        #expect(logger.logLevel == .error)
    }
}

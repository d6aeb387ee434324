import DondocTestSupport
import Foundation
import Testing

/// The command line as users meet it: exit codes, messages that name the argument, JSON lines.
struct CommandLineTests {
    typealias P = DondocProcess

    @Test(arguments: [
        (["due", "30 dayz after issued"], "column 4: expected 'days', 'working days', 'weeks', 'months' or 'years', found 'dayz'"),
        (["due", "before 2021-02-30"], "'2021-02-30' is not a date of the calendar"),
        (["due", "periodic"], "'periodic' has no cadence"),
        (["due", "10 days after step x"], "'step x' needs a directive"),
        (["calendar", "lunar", "2026-02-30"], "2026-02-30"),
        (["calendar", "2026-13"], "2026-13"),
        (["calendar", "holidays", "twenty"], "twenty"),
        (["agenda", "Workflows", "--from", "2026-13-01"], "--from"),
        (["agenda", "Workflows", "--days", "0"], "--days"),
        (["agenda", "Workflows", "--unit", "khong-co"], "no unit or group 'khong-co'"),
        (["simulate", "Workflows", "--from", "2026-12-01"], "--to"),
        (["simulate", "Workflows", "--from", "2026-12-31", "--to", "2026-12-01"], "--to is before --from"),
        (["simulate", "Workflows", "--from", "yesterday", "--to", "2026-12-01"], "yesterday"),
        (["due", "by 2026-01-01", "--on-rest-day", "never"], "--on-rest-day"),
        (["nosuchcommand"], "nosuchcommand"),
    ])
    func usageErrorsExitTwoAndNameTheArgument(_ arguments: [String], _ expected: String) throws {
        let result = try P.run(arguments)
        #expect(!result.crashed)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(expected), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func helpAndVersionExitZero() throws {
        #expect(try P.run(["--help"]).status == 0)
        #expect(try P.run(["help", "agenda"]).stdout.contains("--unit"))
        #expect(try P.run(["--version"]).status == 0)
    }

    @Test func checkOfAMissingDirectoryIsAFinding() throws {
        let result = try P.run(["check", "/nonexistent/workflows"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/nonexistent/workflows"))
    }

    @Test func theBundledWorkflowsAreValid() throws {
        let result = try P.run(["check", P.workflows, "--today", "2026-06-01"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("error:"))
    }

    @Test func holidaysOf2026AsJSON() throws {
        let result = try P.run(["calendar", "holidays", "2026", "--calendars", P.calendars, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try P.jsonLines(result.stdout)
        #expect(lines.allSatisfy { Set($0.keys) == ["date", "kind", "name", "source"] })
        let dates = lines.compactMap { $0["date"] as? String }
        // RULES.md: 12729/VPCP-KGVX, 9441/TB-BNV, Labour Code Art. 111–112.
        #expect(dates == ["2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
                          "2026-02-20", "2026-04-26", "2026-04-27", "2026-04-30", "2026-05-01", "2026-08-31",
                          "2026-09-01", "2026-09-02"])
    }

    @Test func holidaysOf2022FromTheNotice() throws {
        let result = try P.run(["calendar", "holidays", "2022", "--calendars", P.calendars, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try P.jsonLines(result.stdout)
        let days = lines.compactMap { line in (line["date"] as? String).map { ($0, line["source"] as? String ?? "") } }
        // 245/VPCP-KGVX: Tết 31/1–4/2/2022, Quốc khánh 1/9–2/9/2022; the rest by the Labour Code 2019.
        #expect(days.map(\.0) == ["2022-01-01", "2022-01-03", "2022-01-31", "2022-02-01", "2022-02-02", "2022-02-03",
                                  "2022-02-04", "2022-04-10", "2022-04-11", "2022-04-30", "2022-05-01", "2022-05-02",
                                  "2022-05-03", "2022-09-01", "2022-09-02"])
        #expect(days.filter { $0.0.hasPrefix("2022-02") || $0.0.hasPrefix("2022-09") || $0.0 == "2022-01-31" }
            .allSatisfy { $0.1 == "245/VPCP-KGVX" })
        #expect(days.filter { $0.0 == "2022-01-03" }.map(\.1) == ["Bộ luật Lao động 2019, Điều 111(3)"])
    }

    @Test func lunarDatesAsJSON() throws {
        let result = try P.run(["calendar", "lunar", "2026-02-17", "2030-02-02", "2025-07-25", "--format", "json"])
        #expect(result.stdout == """
            {"date":"2026-02-17","day":1,"month":1,"year":2026,"leap":false}
            {"date":"2030-02-02","day":1,"month":1,"year":2030,"leap":false}
            {"date":"2025-07-25","day":1,"month":6,"year":2025,"leap":true}

            """)
    }

    @Test func dueAsJSON() throws {
        let oneOff = try P.run(["due", "30 days after issued", "--from", "2021-11-26", "--format", "json"])
        let fields = try #require(try P.jsonLines(oneOff.stdout).first)
        #expect(fields["due_date"] as? String == "2021-12-27")
        #expect(fields["due_at"] as? String == "2021-12-28T00:00:00+07:00")
        #expect(fields["target_date"] as? String == "2021-12-24")

        let recurring = try P.run(["due", "quarterly", "on", "20", "--from", "2026-01-01", "--count", "2", "--format", "json"])
        let lines = try P.jsonLines(recurring.stdout)
        #expect(lines.map { $0["period"] as? String } == ["2026-Q1", "2026-Q2"])
        #expect(lines.first?["window_start"] as? String == "2025-12-15")
        #expect(lines.first?["window_end"] as? String == "2026-03-14")
        #expect(lines.first?["due_date"] as? String == "2026-03-20")
    }

    @Test func agendaAsJSONLinesKeepsItsFieldsAndTheirOrder() throws {
        let result = try P.run(["agenda", P.workflows, "--from", "2021-12-27", "--days", "1", "--unit", "ubnd-hai-phong",
                                "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").first == """
            {"key":"33/CT-TTg#quan-triet@ubnd-hai-phong","directive":"33/CT-TTg","step":"quan-triet","unit":"ubnd-hai-phong",\
            "period":null,"due_date":"2021-12-27","nominal":"2021-12-26","due_at":"2021-12-28T00:00:00+07:00",\
            "target_date":"2021-12-24","window_start":null,"window_end":null}
            """)
        let yearly = try P.run(["agenda", P.workflows, "--from", "2026-12-14", "--days", "1", "--format", "json"])
        #expect(yearly.stdout.split(separator: "\n").first == """
            {"key":"33/CT-TTg#bao-cao-nam@bo-quoc-phong/2026","directive":"33/CT-TTg","step":"bao-cao-nam",\
            "unit":"bo-quoc-phong","period":"2026","due_date":"2026-12-14","nominal":"2026-12-14",\
            "due_at":"2026-12-15T00:00:00+07:00","target_date":"2026-12-14","window_start":"2026-01-01","window_end":"2026-12-31"}
            """)
    }

    @Test func simulateAsJSONLines() throws {
        let result = try P.run(["simulate", P.workflows, "--from", "2026-12-01", "--to", "2026-12-31", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try P.jsonLines(result.stdout)
        #expect(!lines.isEmpty)
        let required: Set<String> = ["at", "kind", "key", "directive", "step", "unit", "period", "due_date", "to"]
        for line in lines {
            #expect(required.isSubset(of: Set(line.keys)))
            #expect((line["at"] as? String)?.hasSuffix("+07:00") == true)
            #expect(["reminder", "escalation"].contains(line["kind"] as? String ?? ""))
        }
        let times = lines.compactMap { $0["at"] as? String }
        #expect(times == times.sorted())
    }
}

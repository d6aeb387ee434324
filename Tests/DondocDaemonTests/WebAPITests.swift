import DondocTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The JSON API, the calendar feed and the metrics of `dondoc web` (DESIGN §6.5–6.6), served by
/// the real process on the bundled workflows, after the real daemon sent the 7/12/2026 reminders;
/// tokens made with `dondoc token create`; read back with curl, schemathesis, python's icalendar
/// and prometheus_client.
@Suite(.serialized)
struct WebAPITests {
    static let key = WebEndToEndTests.key
    static let unit = "ubnd-hai-phong"

    /// A site after the 08:00 reminders of Monday 7/12/2026 went out, with an admin and a read
    /// token, its web on 08:05 of the same day.
    struct Site {
        let rig: DaemonRig
        let admin: String
        let reader: String
        let mail: [SMTPServer.Delivered]

        var api: String { rig.baseURL + "/api/v1" }
    }

    func site() async throws -> Site {
        let rig = try DaemonRig(withWeb: true)
        try await rig.start(clockStart: "2026-12-07T07:59:58+07:00", rate: 1)
        let mail = try await rig.waitForMail { $0.contains { $0.keyList.contains { $0.hasPrefix(Self.key + "!") } } }
        #expect(try await rig.signal(SIGTERM) == 0)
        let admin = try await token(rig, "he-thong-bao-cao", role: "admin")
        let reader = try await token(rig, "lanh-dao", role: "read")
        try await rig.startWeb(clockStart: "2026-12-07T08:05:00+07:00")
        return Site(rig: rig, admin: admin, reader: reader, mail: mail)
    }

    func token(_ rig: DaemonRig, _ name: String, role: String) async throws -> String {
        let made = try await rig.dondoc(["token", "create", name, "--role", role])
        #expect(made.status == 0, "\(made.stderr)")
        return made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func obligationsAreListedReadAndRecordedThroughTheAPI() async throws {
        let site = try await site()
        let encodedKey = try #require(Self.key.addingPercentEncoding(withAllowedCharacters: .alphanumerics))

        // The list: status's fields and the API's, for one unit.
        let listed = try await HTTP.api(site.api + "/obligations?unit=\(Self.unit)&from=2026-12-01&to=2026-12-31", token: site.reader)
        #expect(listed.status == 200, "\(listed.body)")
        let obligations = try #require(try listed.json()["obligations"] as? [[String: Any]])
        let mine = try #require(obligations.first { $0["key"] as? String == Self.key }, "\(listed.body)")
        #expect(Set(mine.keys) == ["key", "directive", "step", "unit", "period", "due_date", "state", "due_at", "done_at", "done_by",
                                   "extended_to", "category"])
        #expect(mine["state"] as? String == "pending" && mine["category"] as? String == "open-on-time")
        #expect(mine["done_at"] is NSNull && (mine["due_at"] as? String)?.hasSuffix("+07:00") == true)
        #expect(obligations.allSatisfy { $0["unit"] as? String == Self.unit })
        let status = try await site.rig.dondoc(["status", "--format", "json", "--from", "2026-12-01", "--to", "2026-12-31", "--unit", Self.unit])
        let fromStatus = try DondocProcess.jsonLines(status.stdout)
        #expect(fromStatus.map { $0["key"] as? String } == obligations.map { $0["key"] as? String })
        #expect(fromStatus.map { $0["state"] as? String } == obligations.map { $0["state"] as? String })

        // One obligation: the reminder the daemon sent, in the send log.
        let detail = try await HTTP.api(site.api + "/obligation?key=\(encodedKey)", token: site.reader)
        #expect(detail.status == 200, "\(detail.body)")
        let sent = try #require(try detail.json()["notifications"] as? [[String: Any]])
        #expect(sent.contains { $0["to"] as? String == "vanphong@haiphong.gov.vn" && !($0["sent_at"] is NSNull) }, "\(detail.body)")

        // Refusals, each with a JSON error, and nothing recorded.
        let done = site.api + "/obligation/done"
        let body = #"{"key": "\#(Self.key)", "by": "Hệ thống QLVB", "note": "Văn bản số 123"}"#
        #expect(try await HTTP.api(done, token: nil, body: body).status == 401)
        #expect(try await HTTP.api(done, token: "not-a-token", body: body).status == 401)
        let readOnly = try await HTTP.api(done, token: site.reader, body: body)
        #expect(try readOnly.status == 403 && (readOnly.json()["error"] as? String)?.contains("read") == true)
        let badDate = try await HTTP.api(site.api + "/obligations?from=07/12/2026", token: site.reader)
        #expect(try badDate.status == 400 && (badDate.json()["error"] as? String)?.contains("'from'") == true, "\(badDate.body)")
        let badJSON = try await HTTP.api(done, token: site.admin, body: "{\"key\": ")
        #expect(try badJSON.status == 400 && (badJSON.json()["error"] as? String) != nil)
        let noBy = try await HTTP.api(done, token: site.admin, body: #"{"key": "\#(Self.key)"}"#)
        #expect(try noBy.status == 400 && (noBy.json()["error"] as? String)?.contains("'by'") == true, "\(noBy.body)")
        let unknown = try await HTTP.api(done, token: site.admin, body: #"{"key": "99/CT-TTg#x@y", "by": "A"}"#)
        #expect(try unknown.status == 404 && (unknown.json()["error"] as? String) != nil)
        #expect(try await HTTP.api(site.api + "/obligation?key=nope", token: site.reader).status == 404)
        let large = try await HTTP.api(done, token: site.admin, body: #"{"key": "x", "by": ""# + String(repeating: "a", count: 70_000) + #""}"#)
        #expect(try large.status == 413 && (large.json()["error"] as? String) != nil)
        #expect(try await HTTP.api(site.api + "/obligations", token: nil, method: "DELETE").status == 405)

        // Done, with an admin token: the obligation comes back done, and the daemon's store says so.
        let recorded = try await HTTP.api(done, token: site.admin, body: body)
        #expect(recorded.status == 200, "\(recorded.body)")
        let after = try recorded.json()
        #expect(after["state"] as? String == "done" && after["done_by"] as? String == "Hệ thống QLVB" && after["category"] as? String == "done-on-time")
        let again = try await HTTP.api(done, token: site.admin, body: #"{"key": "\#(Self.key)", "by": "Người khác"}"#)
        #expect(try again.json()["done_by"] as? String == "Hệ thống QLVB", "the first completion stands")
        let statusAfter = try await site.rig.dondoc(["status", "--format", "json", "--from", "2026-12-01", "--to", "2026-12-31"])
        #expect(try DondocProcess.jsonLines(statusAfter.stdout).first { $0["key"] as? String == Self.key }?["state"] as? String == "done")
        let trail = try await HTTP.api(site.api + "/obligation?key=\(encodedKey)", token: site.reader)
        let audit = try #require(try trail.json()["audit"] as? [[String: Any]])
        #expect(audit.contains { $0["action"] as? String == "done" && $0["detail"] as? String == "Văn bản số 123" }, "\(trail.body)")

        // An extension of another obligation of the unit.
        let other = try #require(obligations.first { $0["key"] as? String != Self.key && $0["state"] as? String != "done" }?["key"] as? String)
        let extended = try await HTTP.api(site.api + "/obligation/extend", token: site.admin,
                                          body: #"{"key": "\#(other)", "to": "2027-01-29", "reason": "Công văn 45/UBND"}"#)
        #expect(extended.status == 200, "\(extended.body)")
        #expect(try extended.json()["extended_to"] as? String == "2027-01-29")
        let badTo = try await HTTP.api(site.api + "/obligation/extend", token: site.admin, body: #"{"key": "\#(other)", "to": "29/01/2027", "reason": "x"}"#)
        #expect(try badTo.status == 400 && (badTo.json()["error"] as? String)?.contains("'to'") == true)

        // The report: the counts of `dondoc report --format json`.
        for by in ["unit", "directive"] {
            let report = try await HTTP.api(site.api + "/report?by=\(by)&from=2026-01-01&to=2026-12-31", token: site.reader)
            #expect(report.status == 200, "\(report.body)")
            let answer = try report.json()
            let rows = try #require(answer["rows"] as? [[String: Any]]) + [try #require(answer["total"] as? [String: Any])]
            let cli = try await site.rig.dondoc(["report", "--by", by, "--from", "2026-01-01", "--to", "2026-12-31", "--format", "json"])
            let lines = try DondocProcess.jsonLines(cli.stdout)
            #expect(rows.count == lines.count)
            for (row, line) in zip(rows, lines) {
                for field in [by, "done_on_time", "done_late", "open_on_time", "open_overdue", "total"] {
                    #expect("\(row[field] ?? "-")" == "\(line[field] ?? "-")", "\(by) \(field): \(row) vs \(line)")
                }
            }
        }
    }

    @Test func schemathesisFindsNothingAgainstTheOpenAPIDocument() async throws {
        let site = try await site()
        let document = try await HTTP.api(site.api + "/openapi.json", token: nil)
        #expect(document.status == 200)
        #expect(try document.json()["openapi"] as? String == "3.1.0")
        let st = try TestTools.pythonWith(module: "schemathesis", install: "pip install schemathesis")
        let report = site.rig.directory.appendingPathComponent("schemathesis")
        // The one rule the document states only in words: `at` is not after now (the web's clock
        // starts at 08:05), so generated completions are kept to before then.
        try """
            from datetime import datetime
            import schemathesis

            LATEST = datetime.fromisoformat("2026-12-07T08:00:00+07:00")

            @schemathesis.hook
            def filter_body(context, body):
                if not isinstance(body, dict) or not isinstance(body.get("at"), str):
                    return True
                try:
                    at = datetime.fromisoformat(body["at"])
                except ValueError:
                    return True
                return at.tzinfo is None or at <= LATEST
            """.write(to: site.rig.directory.appendingPathComponent("dondoc_hooks.py"), atomically: true, encoding: .utf8)
        let (api, base, admin, hooks) = (site.api, site.rig.baseURL, site.admin, site.rig.directory.path)
        let run = try await offThePool {
            try TestTools.run("/usr/bin/env", ["SCHEMATHESIS_HOOKS=dondoc_hooks", "PYTHONPATH=\(hooks)",
                                               st, "-m", "schemathesis.cli", "run", api + "/openapi.json", "--url", base,
                                   "--checks", "all", "-H", "Authorization: Bearer \(admin)",
                                   "--max-examples", "15", "--seed", "20261207", "--workers", "1", "--request-timeout", "30",
                                   "--report", "junit", "--report-dir", report.path])
        }
        let output = String(decoding: run.stdout, as: UTF8.self)
        #expect(run.status == 0, "schemathesis:\n\(output)\n\(run.stderr)\nweb:\n\(site.rig.webLog.all.suffix(40).joined(separator: "\n"))")
    }

    @Test func theUnitsCalendarFeedFromTheDigestParsesInICalendar() async throws {
        let site = try await site()
        let body = try #require(site.mail.first { $0.keyList.contains { $0.hasPrefix(Self.key + "!") } }?.body)
        let feed = try #require(body.split(whereSeparator: \.isWhitespace).map(String.init)
            .first { $0.hasPrefix(site.rig.baseURL + "/ics/\(Self.unit).ics?sig=") }, "no feed link in:\n\(body)")
        #expect(try await HTTP.get(feed.replacingOccurrences(of: "sig=", with: "sig=x")).status == 403)
        #expect(try await HTTP.get(site.rig.baseURL + "/ics/\(Self.unit).ics").status == 403)
        _ = try await HTTP.api(site.api + "/obligation/done", token: site.admin, body: #"{"key": "\#(Self.key)", "by": "Văn thư"}"#)

        let answer = try await HTTP.get(feed)
        #expect(answer.status == 200)
        #expect(answer.header("content-type")?.lowercased() == "text/calendar; charset=utf-8", "\(answer.headers)")
        let file = site.rig.directory.appendingPathComponent("feed.ics")
        try Data(answer.body.utf8).write(to: file)
        let script = """
            import icalendar, json, sys
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            print(json.dumps({"name": str(cal["X-WR-CALNAME"]), "events": [
                {"uid": str(e["UID"]), "start": e.decoded("DTSTART").isoformat(), "summary": str(e["SUMMARY"]),
                 "description": str(e["DESCRIPTION"])} for e in cal.walk("VEVENT")]}, ensure_ascii=False))
            """
        let python = try TestTools.pythonWith(module: "icalendar", install: "pip install icalendar")
        let parsed = try TestTools.run(python, ["-c", script, file.path])
        #expect(parsed.status == 0, "\(parsed.stderr)")
        let calendar = try #require(try JSONSerialization.jsonObject(with: parsed.stdout) as? [String: Any])
        #expect(calendar["name"] as? String == "Ủy ban nhân dân thành phố Hải Phòng")
        let events = try #require(calendar["events"] as? [[String: String]])
        let mine = try #require(events.first { $0["uid"] == Self.key }, "\(events)")
        #expect(mine["summary"]?.hasPrefix("✔ Đã hoàn thành") == true)
        #expect(mine["description"]?.contains("33/CT-TTg") == true && mine["description"]?.contains(Self.key) == true)
        // From a year back to a year ahead of 7/12/2026, and only the unit's.
        #expect(events.allSatisfy { ($0["start"] ?? "") >= "2025-12-07" && ($0["start"] ?? "") <= "2027-12-07" })
        #expect(events.allSatisfy { $0["uid"]?.contains("@\(Self.unit)") == true })
        #expect(try await HTTP.get(site.rig.baseURL + "/ics/khong-co.ics?sig=x").status == 403)
    }

    @Test func metricsAreCountsInPrometheusFormat() async throws {
        let site = try await site()
        #expect(try await HTTP.get(site.rig.baseURL + "/healthz").status == 200)
        _ = try await HTTP.api(site.api + "/obligations", token: nil)
        let scraped = try await HTTP.get(site.rig.baseURL + "/metrics")
        #expect(scraped.status == 200)
        let script = """
            import json, sys
            from prometheus_client.parser import text_string_to_metric_families
            out = {}
            for family in text_string_to_metric_families(sys.stdin.read()):
                for sample in family.samples:
                    out[sample.name + json.dumps(sample.labels, sort_keys=True)] = sample.value
            print(json.dumps(out))
            """
        let python = try TestTools.pythonWith(module: "prometheus_client", install: "pip install prometheus_client")
        let parsed = try TestTools.run(python, ["-c", script], input: Data(scraped.body.utf8))
        #expect(parsed.status == 0, "\(parsed.stderr)\n\(scraped.body)")
        let samples = try #require(try JSONSerialization.jsonObject(with: parsed.stdout) as? [String: Double])
        let sent = try await site.rig.waitForMail { _ in true }.count
        #expect(samples["dondoc_digests_sent_total{}"] == Double(sent), "\(samples)")
        #expect((samples["dondoc_notifications_sent_total{}"] ?? 0) >= Double(sent))
        #expect(samples["dondoc_sendmail_failures_total{}"] == 0)
        #expect(samples["dondoc_deliveries_pending{}"] == 0)
        #expect((samples[#"dondoc_obligations{"state": "pending"}"#] ?? 0) > 0)
        #expect(samples[#"dondoc_obligations{"state": "done"}"#] == 0)
        #expect(samples[#"dondoc_obligations_by_category{"category": "open-on-time"}"#] != nil)
        #expect(samples[#"dondoc_web_requests_total{"code": "200"}"#] == 1)
        #expect(samples[#"dondoc_web_requests_total{"code": "401"}"#] == 1)
        // Counts only: no address, no key.
        #expect(!scraped.body.contains("@") && !scraped.body.contains("CT-TTg"))
    }
}

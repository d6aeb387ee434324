import DondocStore
import DondocTestSupport
import Foundation
import Testing

/// `dondoc token` and `dondoc report` through the real binary, on a real store.
struct TokenAndReportTests {
    typealias P = DondocProcess

    /// A config naming the bundled workflows and a store in a fresh folder, set up as the daemon
    /// would on its first start.
    final class Installation {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dondoc-cli-tests-\(UUID().uuidString)")
        var config: String { directory.appendingPathComponent("dondoc.yaml").path }
        var state: String { directory.appendingPathComponent("state.sqlite").path }

        init() throws {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try "workflows: \(P.workflows)\nstate: state.sqlite\n".write(toFile: config, atomically: true, encoding: .utf8)
            try SQLiteStateStore.open(path: state).close()
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        func run(_ arguments: [String]) throws -> DondocProcess.Result {
            let result = try P.run(arguments + ["--config", config])
            #expect(!result.crashed, "\(arguments)")
            return result
        }
    }

    @Test func aTokenIsPrintedOnceListedWithoutItAndRevoked() async throws {
        let site = try Installation()
        let created = try site.run(["token", "create", "van-phong", "--role", "admin"])
        #expect(created.status == 0, "\(created.stderr)")
        let token = created.stdout.trimmingCharacters(in: .newlines)
        #expect(token.hasPrefix("ddt_") && token.count == 47)
        #expect(created.stderr.contains("shown only now"))
        #expect(try site.run(["token", "create", "lanh-dao", "--role", "read"]).status == 0)

        let listed = try site.run(["token", "list", "--format", "json"])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(!listed.stdout.contains(token.dropFirst(4)))
        let lines = try P.jsonLines(listed.stdout)
        #expect(lines.map { $0["name"] as? String } == ["lanh-dao", "van-phong"])
        #expect(lines.map { $0["role"] as? String } == ["read", "admin"])
        #expect(lines.allSatisfy { ($0["created_at"] as? String)?.hasSuffix("+07:00") == true && $0["revoked_at"] is NSNull })

        let revoked = try site.run(["token", "revoke", "van-phong"])
        #expect(revoked.status == 0 && revoked.stdout == "revoked: van-phong\n", "\(revoked.stderr)")
        let table = try site.run(["token", "list"])
        #expect(table.stdout.split(separator: "\n").first?.hasPrefix("name") == true)
        #expect(table.stdout.contains("van-phong  admin"))

        let store = try SQLiteStateStore.open(path: site.state, create: false)
        #expect(try await store.auditTrail(limit: 10).map(\.action)
            == ["token-list", "token-revoke", "token-list", "token-create", "token-create"])
        #expect(try await store.accessTokens().allSatisfy { $0.hash.count == 64 })
    }

    @Test(arguments: [
        (["token", "create", "van-phong", "--role", "owner"], 2, "--role"),
        (["token", "create", "van-phong"], 2, "--role"),
        (["token", "create", "có dấu cách", "--role", "read"], 2, "<name>: 'có dấu cách' is not a token name"),
        (["token", "revoke", "khong-co"], 1, "no token named 'khong-co'"),
        (["report", "--by", "province"], 2, "--by"),
        (["report", "--from", "2026-12-31", "--to", "2026-01-01"], 2, "--to 2026-01-01 is before --from 2026-12-31"),
        (["report", "--format", "xlsx"], 2, "--format"),
        (["report", "--from", "31/12/2026"], 2, "--from"),
    ])
    func badArgumentsAreNamed(_ arguments: [String], _ status: Int32, _ message: String) throws {
        let site = try Installation()
        let result = try site.run(arguments)
        #expect(result.status == status, "\(arguments): \(result.stderr)")
        #expect((result.stderr + result.stdout).contains(message), "\(result.stderr)")
    }

    @Test func helpNamesTheSubcommandsAndTheirOptions() throws {
        let token = try P.run(["token"])
        #expect(token.status == 0 && token.stdout.contains("create") && token.stdout.contains("revoke"))
        #expect(try P.run(["help", "token", "create"]).stdout.contains("--role <role>"))
        let report = try P.run(["help", "report"]).stdout
        #expect(report.contains("--by <unit|directive>") && report.contains("csv"))
        let help = try P.run(["help"]).stdout
        #expect(help.contains("report") && help.contains("token"))
    }

    @Test func aTakenOrRevokedNameIsAFinding() throws {
        let site = try Installation()
        #expect(try site.run(["token", "create", "van-phong", "--role", "read"]).status == 0)
        let again = try site.run(["token", "create", "van-phong", "--role", "admin"])
        #expect(again.status == 1 && again.stdout.isEmpty)
        #expect(again.stderr.contains("a token named 'van-phong' exists already"), "\(again.stderr)")
        #expect(try site.run(["token", "revoke", "van-phong"]).status == 0)
        let twice = try site.run(["token", "revoke", "van-phong"])
        #expect(twice.status == 1 && twice.stderr.contains("already revoked"), "\(twice.stderr)")
        let reused = try site.run(["token", "create", "van-phong", "--role", "read"])
        #expect(reused.status == 1 && reused.stderr.contains("names are not reused"), "\(reused.stderr)")
    }

    @Test func withoutAStoreTheCommandsSaySoAndCreateNone() throws {
        let site = try Installation()
        try FileManager.default.removeItem(atPath: site.state)
        for arguments in [["token", "list"], ["report"]] {
            let result = try site.run(arguments)
            #expect(result.status == 1 && result.stderr.contains("has `dondoc run` started"), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: site.state))
    }

    /// Directive 33's quan-triet is due 2021-12-27 for the four provinces of group:ubnd-cap-tinh.
    func reportSite() throws -> Installation {
        let site = try Installation()
        let onTime = try site.run(["done", "33/CT-TTg#quan-triet@ubnd-hai-phong", "--at", "2021-12-20T10:00:00+07:00"])
        #expect(onTime.status == 0, "\(onTime.stderr)")
        let late = try site.run(["done", "33/CT-TTg#quan-triet@ubnd-hung-yen", "--at", "2022-01-05T10:00:00+07:00"])
        #expect(late.status == 0, "\(late.stderr)")
        return site
    }

    @Test func reportPerUnitAsJSONLines() throws {
        let site = try reportSite()
        let result = try site.run(["report", "--from", "2021-12-27", "--to", "2021-12-27", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try P.jsonLines(result.stdout)
        let haiPhong = try #require(lines.first { $0["unit"] as? String == "ubnd-hai-phong" })
        #expect(haiPhong["done_on_time"] as? Int == 1 && haiPhong["total"] as? Int == 1)
        #expect(haiPhong["on_time_share"] as? Double == 1)
        let hungYen = try #require(lines.first { $0["unit"] as? String == "ubnd-hung-yen" })
        #expect(hungYen["done_late"] as? Int == 1 && hungYen["on_time_share"] as? Double == 0)
        let total = try #require(lines.last)
        #expect(total["unit"] is NSNull)
        let count = try #require(total["total"] as? Int)
        #expect(count == lines.count - 1)
        #expect(total["done_on_time"] as? Int == 1 && total["done_late"] as? Int == 1)
        #expect(total["open_overdue"] as? Int == count - 2)
        #expect(result.stdout.split(separator: "\n").first?.hasPrefix(#"{"unit":"#) == true)
        #expect(result.stdout.contains(#""done_on_time":"#) && result.stdout.contains(#""open_on_time":0"#))
    }

    @Test func reportPerDirectiveAsATable() throws {
        let site = try reportSite()
        let result = try site.run(["report", "--by", "directive", "--from", "2021-12-27", "--to", "2021-12-27"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("văn bản") == true)
        #expect(lines.count == 4, "\(result.stdout)")
        #expect(lines[1].hasPrefix("33/CT-TTg"))
        #expect(lines[2].hasPrefix("tổng cộng"))
        #expect(lines[3] == "1 văn bản, nghĩa vụ có hạn từ 2021-12-27 đến 2021-12-27")
    }

    @Test func reportAsCSVOpensInASpreadsheet() throws {
        let site = try reportSite()
        let result = try site.run(["report", "--from", "2021-12-27", "--to", "2021-12-27", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("\u{FEFF}đơn vị,tên,hoàn thành đúng hạn,hoàn thành quá hạn,\"chưa hoàn thành, trong hạn\","))
        // CRLF rows, read back by python's csv module as a spreadsheet would.
        #expect(result.stdout.hasSuffix("\r\n"))
        let rows = result.stdout.dropFirst().split(separator: "\r\n").map { String($0) }
        #expect(rows.contains { $0.hasPrefix("ubnd-hai-phong,Ủy ban nhân dân thành phố Hải Phòng,1,0,0,0,1,1.0") }, "\(rows)")
        #expect(rows.last?.hasPrefix("tổng cộng,,1,1,") == true)
    }
}

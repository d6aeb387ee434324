import DondocStore
import DondocTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The dashboard and its sign-in (DESIGN §6.3–6.4) on a real `dondoc web`, with tokens made by
/// the real `dondoc token create`, over curl and in a real headless Chromium.
@Suite(.serialized)
struct DashboardTests {
    static let key = "33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026"

    /// A rig whose store the daemon made, with an admin and a read token, and `dondoc web` on
    /// Monday 7/12/2026 08:05. The city's name carries markup, which must come back as text.
    static func site() async throws -> (rig: DaemonRig, admin: String, read: String) {
        let rig = try DaemonRig(withWeb: true)
        let units = rig.workflows.appendingPathComponent("units.yaml")
        let text = try String(contentsOf: units, encoding: .utf8)
        try text.replacingOccurrences(of: "    name: Ủy ban nhân dân thành phố Hải Phòng\n",
                                      with: "    name: \"Ủy ban nhân dân thành phố Hải Phòng <i>HP</i>\"\n")
            .write(to: units, atomically: true, encoding: .utf8)
        try await rig.start(clockStart: "2026-12-07T07:00:00+07:00", rate: 1)
        #expect(try await rig.signal(SIGTERM) == 0)
        let admin = try await token(rig, "chanh-van-phong", role: "admin")
        let read = try await token(rig, "lanh-dao", role: "read")
        try await rig.startWeb(clockStart: "2026-12-07T08:05:00+07:00")
        return (rig, admin, read)
    }

    static func token(_ rig: DaemonRig, _ name: String, role: String) async throws -> String {
        let made = try await rig.dondoc(["token", "create", name, "--role", role])
        #expect(made.status == 0, "\(made.stderr)")
        return try #require(made.stdout.split(separator: "\n").first.map(String.init))
    }

    @Test func signInTakesATokenAndRefusesOthersThenTooMany() async throws {
        let (rig, admin, _) = try await Self.site()
        let base = rig.baseURL
        let away = try await HTTP.get(base + "/")
        #expect(away.status == 303 && away.header("location") == "/login")
        #expect(try await HTTP.get(base + "/u/ubnd-hai-phong").status == 303)
        let form = try await HTTP.get(base + "/login")
        #expect(form.status == 200 && form.body.contains("name=\"token\"") && form.body.contains("Đăng nhập"))

        let wrong = try await HTTP.post(base + "/login", form: "token=ddt_nope", client: "192.0.2.1")
        #expect(wrong.status == 401 && wrong.body.contains("Mã truy cập không đúng"))
        // Ten failures a minute from one client, then 429 — even for a good token; others still get in.
        for _ in 0..<9 { #expect(try await HTTP.post(base + "/login", form: "token=ddt_nope", client: "192.0.2.1").status == 401) }
        let limited = try await HTTP.post(base + "/login", form: "token=\(admin)", client: "192.0.2.1")
        #expect(limited.status == 429 && limited.body.contains("Quá nhiều lần thử"))

        let signedIn = try await HTTP.post(base + "/login", form: "token=\(admin)", client: "192.0.2.2")
        #expect(signedIn.status == 303 && signedIn.header("location") == "/")
        let cookie = try #require(signedIn.header("set-cookie"))
        #expect(cookie.hasPrefix("dondoc_token=\(admin);") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        let overview = try await HTTP.get(base + "/", token: admin)
        #expect(overview.status == 200 && overview.body.contains("chanh-van-phong"))

        // Signing out needs the page's form token; it clears the cookie.
        #expect(try await HTTP.post(base + "/logout", form: "csrf=forged", token: admin).status == 403)
        let out = try await HTTP.post(base + "/logout", form: "csrf=\(try overview.csrf())", token: admin)
        #expect(out.status == 303 && out.header("location") == "/login")
        #expect(out.header("set-cookie")?.contains("Max-Age=0") == true)
    }

    @Test func theOverviewDirectiveAndUnitPagesShowTheCountsEscaped() async throws {
        let (rig, admin, _) = try await Self.site()
        let base = rig.baseURL
        let overview = try await HTTP.get(base + "/", token: admin)
        #expect(overview.status == 200)
        for heading in ["Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Chưa hoàn thành, trong hạn", "Chưa hoàn thành, quá hạn",
                        "Tỉ lệ hoàn thành đúng hạn", "33/CT-TTg", "9465/UBND-KSTTHC", "01/01/2026", "31/12/2026"] {
            #expect(overview.body.contains(heading), "no \(heading)")
        }
        let start = try #require(overview.body.range(of: "<svg class=\"chart\"")).lowerBound
        let end = try #require(overview.body[start...].range(of: "</svg>")).upperBound
        let chart = overview.body[start..<end]
        #expect(chart.components(separatedBy: "<rect class=\"bar ").count - 1 == 4, "\(chart)")
        for category in ["done-on-time", "done-late", "open-on-time", "open-overdue"] {
            #expect(chart.contains("<rect class=\"bar \(category)\""))
        }
        #expect(!overview.body.contains("style="), "the CSP allows no inline style")

        // A bad window: a Vietnamese 400 page, not a 500.
        for query in ["from=2026-13-01", "to=h%C3%B4m-nay", "from=2026-06-01&to=2026-01-01", "from=1900-01-01&to=2026-01-01"] {
            let bad = try await HTTP.get(base + "/?" + query, token: admin)
            #expect(bad.status == 400 && bad.body.contains("không hợp lệ"), "\(query): \(bad.status)")
        }
        #expect(try await HTTP.get(base + "/?from=01/06/2026&to=2026-12-31", token: admin).body.contains("01/06/2026"))

        // A directive: steps × units, and what implements it rolled up into it.
        let directive = try await HTTP.get(base + "/d/33%2FCT-TTg", token: admin)
        #expect(directive.status == 200)
        #expect(directive.body.contains("class=\"grid\"") && directive.body.contains("<div class=\"cell open-overdue\">"))
        #expect(directive.body.contains("Văn bản triển khai thực hiện") && directive.body.contains("9465/UBND-KSTTHC")
            && directive.body.contains("Tổng hợp"))
        #expect(try await HTTP.get(base + "/d/9465%2FUBND-KSTTHC", token: admin).body.contains("Thực hiện văn bản"))
        let unknown = try await HTTP.get(base + "/d/99%2FCT-XX", token: admin)
        #expect(unknown.status == 404 && unknown.body.contains("Không tìm thấy văn bản"))

        // A unit: markup in its name comes back as text; its calendar feed is linked.
        let unit = try await HTTP.get(base + "/u/ubnd-hai-phong", token: admin)
        #expect(unit.status == 200)
        #expect(unit.body.contains("Hải Phòng &lt;i&gt;HP&lt;/i&gt;") && !unit.body.contains("<i>HP</i>"))
        #expect(unit.body.contains(base + "/ics/ubnd-hai-phong.ics?sig="))
        #expect(unit.body.contains("Thứ Hai") && unit.body.contains("14/12/2026"))
        #expect(try await HTTP.get(base + "/u/khong-co", token: admin).status == 404)
    }

    @Test func anAdminRecordsDoneAndAReadTokenIsRefused() async throws {
        let (rig, admin, read) = try await Self.site()
        let base = rig.baseURL
        let key = HTTP.formEncode(Self.key)
        let asReader = try await HTTP.get(base + "/u/ubnd-hai-phong", token: read)
        #expect(!asReader.body.contains("/done\""), "a read token sees no forms")
        let refused = try await HTTP.post(base + "/u/ubnd-hai-phong/done", form: "csrf=\(try asReader.csrf())&key=\(key)", token: read)
        #expect(refused.status == 403 && refused.body.contains("chỉ có quyền xem"))
        #expect(try await HTTP.post(base + "/u/ubnd-hai-phong/done", form: "key=\(key)", token: admin).status == 403)
        #expect(try await HTTP.post(base + "/u/ubnd-hai-phong/done", form: "key=\(key)").status == 401)
        #expect(try await state(rig) != "done")

        let page = try await HTTP.get(base + "/u/ubnd-hai-phong", token: admin)
        let csrf = try page.csrf()
        let note = HTTP.formEncode("Đã nhận <script>alert(1)</script>")
        let done = try await HTTP.post(base + "/u/ubnd-hai-phong/done", form: "csrf=\(csrf)&key=\(key)&note=\(note)", token: admin)
        #expect(done.status == 303 && done.header("location")?.hasPrefix("/u/ubnd-hai-phong?da=hoan-thanh") == true)
        #expect(try await state(rig) == "done")
        let after = try await HTTP.get(base + "/u/ubnd-hai-phong?da=hoan-thanh", token: admin)
        #expect(after.body.contains("Đã ghi nhận hoàn thành") && after.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
            && !after.body.contains("<script>"))

        // Bad input is a 4xx page; the audit trail names the token.
        let extend = "csrf=\(csrf)&key=\(HTTP.formEncode("33/CT-TTg#ke-hoach-nam@ubnd-hai-phong/2026"))"
        #expect(try await HTTP.post(base + "/u/ubnd-hai-phong/extend", form: extend + "&to=2027-02-30&reason=x", token: admin).status == 400)
        #expect(try await HTTP.post(base + "/u/ubnd-hai-phong/extend", form: extend + "&to=2027-01-15", token: admin).status == 400)
        #expect(try await HTTP.post(base + "/u/ubnd-hai-phong/done", form: "csrf=\(csrf)&key=nope", token: admin).status == 404)
        #expect(try await HTTP.post(base + "/u/ubnd-hai-phong/extend", form: extend + "&to=2027-01-15&reason=QĐ+12", token: admin).status == 303)
        let store = try SQLiteStateStore.open(path: rig.state.path, create: false)
        let trail = try await store.auditTrail(limit: 100)
        #expect(trail.contains { $0.action == "done" && $0.key == Self.key && $0.actor == "chanh-van-phong" })
        #expect(trail.contains { $0.action == "extend" && $0.actor == "chanh-van-phong" })
    }

    @Test func screenshotsOfTheOverviewAndADirectiveInARealBrowser() async throws {
        let (rig, admin, _) = try await Self.site()
        let shots = URL(fileURLWithPath: DondocProcess.root.path).appendingPathComponent(".build/screenshots")
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
        let base = rig.baseURL
        let browser = try await offThePool {
            try TestTools.run(try TestTools.pythonWith(module: "selenium", install: "pip install selenium; apt-get install chromium chromium-driver"),
                              [TestTools.supportDirectory.appendingPathComponent("browser_dashboard.py").path, base, admin,
                               "/=" + shots.appendingPathComponent("overview.png").path,
                               "/d/33%2FCT-TTg=" + shots.appendingPathComponent("directive.png").path,
                               "/u/ubnd-hai-phong=" + shots.appendingPathComponent("unit.png").path])
        }
        #expect(browser.status == 0, "browser: \(browser.stderr)\nweb: \(rig.webLog.all.joined(separator: "\n"))")
        let text = String(decoding: browser.stdout, as: UTF8.self)
        #expect(text.contains("chanh-van-phong") && text.contains("Tiến độ theo đơn vị và nhiệm vụ"), "\(text)")
        for name in ["overview.png", "directive.png", "unit.png"] {
            let size = (try? FileManager.default.attributesOfItem(atPath: shots.appendingPathComponent(name).path)[.size] as? Int) ?? 0
            #expect(size > 10_000, "\(name): \(size) bytes")
        }
    }

    func state(_ rig: DaemonRig) async throws -> String? {
        let status = try await rig.dondoc(["status", "--format", "json", "--from", "2026-12-01", "--to", "2026-12-31"])
        return try DondocProcess.jsonLines(status.stdout).first { $0["key"] as? String == Self.key }?["state"] as? String
    }
}

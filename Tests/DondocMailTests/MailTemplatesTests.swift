@testable import DondocCore
import DondocTestSupport
import Foundation
import Testing

@testable import DondocMail

@Suite("Mail templates")
struct MailTemplatesTests {
    @Test("the built-in body tells a clerk what, who, when, how it stands, and what to run")
    func defaultBody() {
        let digests = Fixture.morningDigests()
        let moha = MailTemplates.builtIn.body(for: digests[3])
        for expected in [
            "Kính gửi: Bộ Nội vụ",
            "tính đến 08:00 Thứ Tư, ngày 09/12/2026",
            "- 1 nhiệm vụ đã quá hạn mà chưa được ghi nhận hoàn thành;",
            "- 2 nhiệm vụ sắp đến hạn.",
            "1. [Quá hạn] 02-ĐA/TU: Đề án nâng cao chất lượng công tác dân vận chính quyền",
            "   Nhiệm vụ: Sơ kết 3 năm thực hiện Đề án",
            "   Đơn vị chủ trì: Sở Nội vụ tỉnh Hưng Yên",
            "   Hạn: Thứ Ba, ngày 01/12/2026 - quá hạn 8 ngày",
            "   Gửi cơ quan theo dõi, đôn đốc việc thực hiện văn bản.",
            "       dondoc done '02-ĐA/TU#so-ket@so-noi-vu-hung-yen'",
            "       dondoc extend '02-ĐA/TU#so-ket@so-noi-vu-hung-yen' --to YYYY-MM-DD --reason \"…\"",
            "2. [Nhắc hạn] 33/CT-TTg: Về tiếp tục tăng cường",
            "   Đơn vị chủ trì: Ủy ban nhân dân thành phố Hải Phòng",
            "   Kỳ: 2026",
            "   Hạn: Thứ Hai, ngày 14/12/2026 - còn 5 ngày",
            "   Đơn vị được gửi thư này để phối hợp với đơn vị chủ trì.",
            "       dondoc done '33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026'",
            "3. [Nhắc hạn] 33/CT-TTg",
            "       dondoc done '33/CT-TTg#bao-cao-nam@ubnd-hung-yen/2026'",
        ] {
            #expect(moha.contains(expected), "missing: \(expected)")
        }
        #expect(!moha.contains("Kỳ: \n") && !moha.contains("\n\n\n"))
        #expect(moha.contains("\n-- \nThư này được gửi tự động"))   // the usual signature separator
        let lead = MailTemplates.builtIn.body(for: digests[1])
        #expect(lead.contains("Đơn vị nhận thư là đơn vị chủ trì thực hiện nhiệm vụ."))
        #expect(!lead.contains("quá hạn"))
        let copied = MailTemplates.builtIn.body(for: digests[0])
        #expect(copied.contains("Đơn vị chủ trì nhận bản sao thông báo quá hạn này"))
    }

    @Test("a due date moved off a rest day shows the last working day before it; today says so")
    func targetAndToday() {
        let n = Fixture.notification(due: "2026-12-14", target: "2026-12-11", rule: "on due", ruleID: "0",
                                     at: LocalDateTime(date: Fixture.date("2026-12-14"), hour: 8, minute: 0), to: [Fixture.moha])
        let digest = Digest.group([n], at: n.at, describe: Fixture.describe, unitName: Fixture.unitName)[0]
        let body = MailTemplates.builtIn.body(for: digest)
        #expect(body.contains("Hạn: Thứ Hai, ngày 14/12/2026 - hạn cuối là hôm nay"))
        #expect(body.contains("Ngày làm việc cuối cùng trước hạn: Thứ Sáu, ngày 11/12/2026"))
    }

    @Test("rule labels and roles in Vietnamese, for templates that show them")
    func labels() {
        #expect(TemplateContext.ruleText("3 working days before") == "trước hạn 3 ngày làm việc")
        #expect(TemplateContext.ruleText("1 day before") == "trước hạn 1 ngày")
        #expect(TemplateContext.ruleText("on due") == "vào ngày làm việc cuối cùng trước hạn")
        #expect(TemplateContext.ruleText("5 working days after due") == "sau hạn 5 ngày làm việc")
        #expect(TemplateContext.ruleText("10 days after due") == "sau hạn 10 ngày")
        #expect(TemplateContext.ruleText("whenever") == "whenever")
        #expect(TemplateContext.roleLabel("report-to") == "cơ quan nhận báo cáo")
        #expect(TemplateContext.shellQuoted("a'b") == "'a'\\''b'")
    }

    @Test("values are not HTML-escaped")
    func plainText() throws {
        let n = Fixture.notification(to: [Fixture.moha])
        let digest = Digest.group([n], at: Fixture.sendAt, describe: { _ in
            ItemContext(directiveTitle: "Về \"đổi mới\" <công tác> & 'dân vận'", stepTitle: "x")
        }, unitName: Fixture.unitName)[0]
        #expect(MailTemplates.builtIn.body(for: digest).contains("Về \"đổi mới\" <công tác> & 'dân vận'"))
        let custom = try MailTemplates(subject: "{{#items}}{{directiveTitle}}{{/items}}", body: "{{keys}}")
        #expect(custom.subject(for: digest) == "Về \"đổi mới\" <công tác> & 'dân vận'")
    }

    @Test("files in the directory override the built-in templates, each on its own")
    func overrides() throws {
        let dir = try TestTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let digest = Fixture.morningDigests()[3]
        try "Việc của {{address}}:\n{{#items}}\n* {{obligationKey}} ({{status}})\n{{/items}}\n"
            .write(to: dir.appendingPathComponent("body.mustache"), atomically: true, encoding: .utf8)
        let templates = try MailTemplates.load(directory: dir.path)
        #expect(templates.body(for: digest) == """
            Việc của vanthu@moha.gov.vn:
            * 02-ĐA/TU#so-ket@so-noi-vu-hung-yen (quá hạn 8 ngày)
            * 33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026 (còn 5 ngày)
            * 33/CT-TTg#bao-cao-nam@ubnd-hung-yen/2026 (còn 5 ngày)

            """)
        #expect(templates.subject(for: digest) == MailTemplates.builtIn.subject(for: digest))

        try "Đôn đốc\n{{count}}\n   việc\n".write(to: dir.appendingPathComponent("subject.mustache"), atomically: true, encoding: .utf8)
        #expect(try MailTemplates.load(directory: dir.path).subject(for: digest) == "Đôn đốc 3 việc")
        #expect(try MailTemplates.load(directory: nil).subject(for: digest) == MailTemplates.builtIn.subject(for: digest))
    }

    @Test("a broken template is an error naming the file, line and column")
    func broken() throws {
        let dir = try TestTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("body.mustache").path
        try "Kính gửi\n\n{{#items}}\n  {{stepTitle}}\n{{/item}}\n".write(toFile: path, atomically: true, encoding: .utf8)
        let error = try #require(throws: MailTemplateError.self) { try MailTemplates.load(directory: dir.path) }
        #expect(error.file == path)
        #expect(error.line == 5)
        #expect(error.description.hasPrefix("\(path):5:"))
        #expect(error.description.contains("error: a section is closed with a name other"))

        try "{{#items}}\n{{x}}\n".write(toFile: path, atomically: true, encoding: .utf8)
        let open = try #require(throws: MailTemplateError.self) { try MailTemplates.load(directory: dir.path) }
        #expect(open.description.contains("never closed"))

        try "ok {{unclosed\n".write(toFile: path, atomically: true, encoding: .utf8)
        let tag = try #require(throws: MailTemplateError.self) { try MailTemplates.load(directory: dir.path) }
        #expect(tag.description == "\(path):1:4: error: unclosed tag: '{{' without '}}'")

        try Data([0xff, 0xfe, 0x41]).write(to: URL(fileURLWithPath: path))
        let binary = try #require(throws: MailTemplateError.self) { try MailTemplates.load(directory: dir.path) }
        #expect(binary.description == "\(path): error: not UTF-8 text")
    }

    @Test("a template directory that does not exist is an error")
    func missingDirectory() {
        #expect(throws: MailTemplateError(file: "/nonexistent/dondoc-templates", message: "template directory not found")) {
            try MailTemplates.load(directory: "/nonexistent/dondoc-templates")
        }
    }
}

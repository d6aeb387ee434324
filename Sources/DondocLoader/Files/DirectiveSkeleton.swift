import DondocCore
import Foundation

/// The commented skeleton of a new directive file (`dondoc new directive`): the four phases of
/// an implementation cycle and a yearly report, each step with the comment lines that quote the
/// source and mark the administrator's choices, as the bundled files do. Its lead units are
/// left empty (`lead: []`), which `dondoc check` refuses at each step's line until they are
/// filled in.
public struct DirectiveSkeleton: Sendable {
    public let number: String
    public let title: String
    public let issuer: String
    public let issued: CivilDate
    public let implements: String?
    /// The `# yaml-language-server: $schema=…` target, relative to the file; none when `nil`.
    public let schema: String?

    /// Why an argument cannot go into a directive file; the argument's name first.
    public enum Problem: Error, CustomStringConvertible, Equatable {
        case number(String, Character)
        case issuer(String)
        case title(String)
        case implements(String, Character)
        case year(CivilDate)

        public var description: String {
            switch self {
            case .number(let n, let c): "<number>: '\(n)' may not contain '\(c)': numbers are part of obligation keys (NUMBER#STEP@UNIT/PERIOD)"
            case .issuer(let u): "--issuer: '\(u)' is not a unit id (ASCII letters, digits, '-', '_' and '.' only)"
            case .title(let t): "--title: '\(t)' must be one line of text"
            case .implements(let n, let c): "--implements: '\(n)' may not contain '\(c)'"
            case .year(let d): "--issued: \(d) is outside the years dondoc computes (\(WorkCalendar.tabulatedYears.lowerBound)–\(WorkCalendar.tabulatedYears.upperBound))"
            }
        }
    }

    public init(number: String, title: String, issuer: String, issued: CivilDate, implements: String? = nil,
                schema: String? = nil) throws(Problem) {
        let number = Directive.normalize(number: number)
        if let bad = ValueRules.forbiddenCharacter(inNumber: number) ?? (number.isEmpty ? "#" : nil) { throw .number(number, bad) }
        guard ValueRules.isIdentifier(issuer) else { throw .issuer(issuer) }
        let title = title.trimmingCharacters(in: .whitespaces)
        guard !title.isEmpty, !title.contains(where: \.isNewline) else { throw .title(title) }
        guard WorkCalendar.tabulatedYears.contains(issued.year) else { throw .year(issued) }
        let implements = implements.map(Directive.normalize(number:))
        if let implements, let bad = ValueRules.forbiddenCharacter(inNumber: implements) { throw .implements(implements, bad) }
        self.number = number
        self.title = title
        self.issuer = issuer
        self.issued = issued
        self.implements = implements
        self.schema = schema
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for c in text.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    /// One step: the source quotation to fill in, the choice to mark, the lead to name.
    private func step(id: String, phase: Phase, title: String, due: String, what: String, choice: String,
                      extra: [String] = []) -> String {
        ([
            "  # Nguồn (mục …): …   ← chép vào đây, trong ngoặc kép, nguyên văn câu của văn bản giao việc \(what)",
            "  # Văn bản không nêu thời hạn? Đó là lựa chọn của quản trị viên: ghi vào note: bên dưới (bỏ dấu #).",
            "  - id: \(id)",
            "    phase: \(phase.rawValue)",
            "    title: \(title)",
            "    lead: []                    # ĐIỀN: đơn vị chủ trì — id trong units.yaml hoặc group:TÊN",
            "    # support: []              # đơn vị phối hợp (nhận bản sao lời nhắc)",
        ] + extra + [
            "    due: \(due)",
            "    # note: Văn bản không nêu thời hạn; quản trị viên chọn \(choice).",
        ]).joined(separator: "\n")
    }

    public var text: String {
        var lines: [String] = []
        if let schema { lines.append("# yaml-language-server: $schema=\(schema)") }
        lines += [
            "# \(number) — \(title)",
            "# Nguồn: … (số, ký hiệu, ngày ban hành của văn bản gốc; nơi lưu bản PDF/OCR)",
            "#",
            "# Cách ghi, như các tệp trong Workflows/:",
            "# - Trên mỗi bước, trích nguyên văn câu giao việc của văn bản trong một dòng chú thích, trong",
            "#   ngoặc kép: # Nguồn (mục 3): \"...\"",
            "# - Điều văn bản không nêu (thời hạn, nơi nhận báo cáo, đơn vị phối hợp) là lựa chọn của quản trị",
            "#   viên: nói rõ trong note: (\"Văn bản không nêu thời hạn; quản trị viên chọn ...\").",
            "#   `dondoc check --strict` nhắc mọi lựa chọn chưa được đánh dấu.",
            "# - `dondoc check` không nhận tệp khi còn bước có lead: [] — điền đơn vị chủ trì của từng bước.",
            "# - Xóa bước văn bản không yêu cầu (không sơ kết, tổng kết?); thêm bước bằng cách chép một bước.",
            "# - `dondoc explain KHÓA` cho biết vì sao một nghĩa vụ đến hạn vào ngày đó.",
            "",
            "directive:",
            "  number: \(DirectiveSkeleton.quoted(number))",
            "  title: \(DirectiveSkeleton.quoted(title))",
            "  issuer: \(issuer)",
            "  issued: \(issued)",
            "  implements: \(implements.map(DirectiveSkeleton.quoted) ?? "null")" + (implements == nil ? "            # số văn bản cấp trên mà văn bản này thực hiện" : ""),
            "  monitor: \(issuer)                # cơ quan theo dõi, đôn đốc: sửa nếu không phải cơ quan ban hành",
            "  on-rest-day: extend               # hạn rơi vào ngày nghỉ: kéo đến hết ngày làm việc tiếp theo (BLDS 2015 Điều 148(5))",
            "",
            "reminders: [3 working days before, 1 working day before, on due]",
            "",
            "escalation:",
            "  - 1 working day after due: head",
            "  - 5 working days after due: monitor",
            "  - 10 working days after due: issuer",
            "",
            "steps:",
            step(id: "quan-triet", phase: .dissemination, title: "Tổ chức quán triệt, phổ biến văn bản", due: "30 days after issued",
                 what: "quán triệt, phổ biến", choice: "30 ngày sau ngày ban hành"),
            "",
            step(id: "ke-hoach", phase: .planning, title: "Xây dựng kế hoạch thực hiện", due: "30 days after step quan-triet",
                 what: "xây dựng kế hoạch", choice: "30 ngày sau hạn của bước quan-triet"),
            "",
            step(id: "so-ket", phase: .interimReview, title: "Sơ kết thực hiện", due: "2 years after issued",
                 what: "sơ kết", choice: "2 năm sau ngày ban hành"),
            "",
            step(id: "tong-ket", phase: .finalReview, title: "Tổng kết thực hiện", due: "5 years after issued",
                 what: "tổng kết", choice: "5 năm sau ngày ban hành"),
            "",
            step(id: "bao-cao-nam", phase: .report, title: "Báo cáo kết quả thực hiện hằng năm", due: "yearly before 12-15",
                 what: "báo cáo (trước ngày 15 tháng 12 hằng năm → yearly before 12-15)", choice: "trước ngày 15/12 hằng năm",
                 extra: [
                     "    report-to: \(issuer)            # nơi nhận báo cáo",
                     "    # from: \(issued.year)                # kỳ đầu tiên; mặc định: kỳ đầu có hạn sau ngày ban hành",
                 ]),
            "",
        ]
        return lines.joined(separator: "\n")
    }
}

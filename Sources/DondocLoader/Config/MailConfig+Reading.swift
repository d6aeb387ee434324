import DondocCore

extension MailConfig {
    static let keys = ["from", "sendmail", "parallel"]
}

extension ConfigSection {
    /// `mail: {from, sendmail, parallel}`.
    func read(into mail: inout MailConfig, locations: inout [String: SourceLocation]) {
        if let text = text("from", locations: &locations) {
            if text.value.contains("@") { mail.from = text.value } else {
                error(.configValue, text, "'from' must be an address such as 'Hệ thống đôn đốc <dondoc@example.gov.vn>', found '\(text.value)'")
            }
        }
        if let text = text("sendmail", locations: &locations) {
            let program = text.value.split(separator: " ").first.map(String.init) ?? ""
            if !program.hasPrefix("/") {
                error(.configValue, text, "'sendmail' must be an absolute path to a program, found '\(text.value)'")
            }
            mail.sendmail = text.value
        }
        if let text = text("parallel", locations: &locations),
           let parallel = number(text, key: "parallel", of: "sendmail processes", in: MailConfig.parallelRange) {
            mail.parallel = parallel
        }
    }
}

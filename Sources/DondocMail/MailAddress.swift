/// A mailbox as the config writes it: `Hệ thống đôn đốc <dondoc@example.gov.vn>` or a bare
/// `dondoc@example.gov.vn`.
///
/// Only the forms dondoc's config and unit registry use are accepted: an optional display name
/// followed by `<addr-spec>`, or a bare addr-spec. The address itself must be one visible token
/// with exactly one `@` and no characters that could break a header or a command line.
public struct MailAddress: Hashable, Sendable, CustomStringConvertible {
    /// The display name, `nil` when none was given. May be non-ASCII (RFC 2047-encoded on output).
    public let displayName: String?
    /// The bare address (`local@domain`): the envelope sender, the `To:` of a message.
    public let address: String

    public init(displayName: String? = nil, address: String) throws(MailAddressError) {
        guard MailAddress.isValid(address: address) else { throw MailAddressError(text: address) }
        let name = displayName.map { MailAddress.collapse($0) }
        if let name, name.unicodeScalars.contains(where: MailAddress.isControl) {
            throw MailAddressError(text: displayName ?? "")
        }
        self.displayName = (name?.isEmpty ?? true) ? nil : name
        self.address = address
    }

    /// Parses `Name <addr>`, `"Name" <addr>`, `<addr>` or `addr`.
    public init(parsing text: String) throws(MailAddressError) {
        let trimmed = text.trimmingSpaces()
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            let addr = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            var name = String(trimmed[..<open]).trimmingSpaces()
            if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
                name = MailAddress.unquote(String(name.dropFirst().dropLast()))
            }
            do {
                try self.init(displayName: name.isEmpty ? nil : name, address: addr.trimmingSpaces())
            } catch {
                throw MailAddressError(text: text)
            }
        } else {
            do {
                try self.init(displayName: nil, address: trimmed)
            } catch {
                throw MailAddressError(text: text)
            }
        }
    }

    /// The part after the `@`: names the `Message-ID`'s right-hand side.
    public var domain: String {
        String(address[address.index(after: address.lastIndex(of: "@")!)...])
    }

    /// `Name <addr>` (unencoded; for logs), or the bare address.
    public var description: String {
        displayName.map { "\($0) <\(address)>" } ?? address
    }

    /// One token of visible characters, `local@domain`, nothing that needs quoting in a header
    /// or could be taken for an option by sendmail. Non-ASCII (internationalised) addresses pass.
    public static func isValid(address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
              !address.hasPrefix("-"), address.utf8.count <= 254
        else { return false }
        let forbidden: Set<Unicode.Scalar> = ["<", ">", "(", ")", "[", "]", ",", ";", ":", "\\", "\"", " "]
        return !address.unicodeScalars.contains { isControl($0) || forbidden.contains($0) || $0.properties.isWhitespace }
    }

    static func isControl(_ s: Unicode.Scalar) -> Bool { s.value < 0x20 || s.value == 0x7F || (0x80..<0xA0).contains(s.value) }

    static func unquote(_ text: String) -> String {
        var result = ""
        var escaped = false
        for c in text {
            if escaped || c != "\\" { result.append(c); escaped = false } else { escaped = true }
        }
        return result
    }

    /// Runs of white space (including line breaks) become one space; ends trimmed.
    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}

/// A text that is not a mailbox dondoc can use.
public struct MailAddressError: Error, Sendable, Hashable, CustomStringConvertible {
    public let text: String
    public var description: String { "not a mail address: \"\(text)\" (expected \"Name <user@domain>\" or \"user@domain\")" }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}

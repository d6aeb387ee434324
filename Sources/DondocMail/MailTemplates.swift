import Foundation
import Mustache

/// The subject and body of a digest email: plain-text Vietnamese Mustache templates.
///
/// Built-in defaults cover everything; an installation can override either by putting
/// `subject.mustache` or `body.mustache` in a template directory. Templates render as plain
/// text (no HTML escaping). The values they can use are listed in `TemplateContext`.
public struct MailTemplates: Sendable {
    public static let subjectFile = "subject.mustache"
    public static let bodyFile = "body.mustache"

    let subjectTemplate: MustacheTemplate
    let bodyTemplate: MustacheTemplate

    /// Parses the two templates; `subjectName`/`bodyName` name them in errors.
    public init(
        subject: String = MailTemplates.defaultSubject, body: String = MailTemplates.defaultBody,
        subjectName: String = MailTemplates.subjectFile, bodyName: String = MailTemplates.bodyFile
    ) throws(MailTemplateError) {
        subjectTemplate = try MailTemplates.parse(subject, name: subjectName)
        bodyTemplate = try MailTemplates.parse(body, name: bodyName)
    }

    /// The built-in templates.
    public static let builtIn: MailTemplates = {
        do { return try MailTemplates() } catch { fatalError("built-in mail template: \(error)") }
    }()

    /// The templates of `directory`: each of `subject.mustache` and `body.mustache` that exists
    /// there replaces the built-in one. `nil` gives the built-in templates. A directory that does
    /// not exist, a file that cannot be read or is not UTF-8, or a template that does not parse
    /// is an error naming the file (and the line and column for a parse error).
    public static func load(directory: String?) throws(MailTemplateError) -> MailTemplates {
        guard let directory else { return builtIn }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw MailTemplateError(file: directory, message: "template directory not found")
        }
        let dir = URL(fileURLWithPath: directory)
        let subject = try read(dir.appendingPathComponent(subjectFile).path) ?? defaultSubject
        let body = try read(dir.appendingPathComponent(bodyFile).path) ?? defaultBody
        return try MailTemplates(
            subject: subject, body: body,
            subjectName: dir.appendingPathComponent(subjectFile).path,
            bodyName: dir.appendingPathComponent(bodyFile).path)
    }

    /// The subject line: the rendered template on one line, white space collapsed. Falls back to
    /// the built-in subject if an override renders to nothing.
    public func subject(for digest: Digest) -> String {
        let text = MailAddress.collapse(subjectTemplate.render(TemplateContext.make(digest)))
        if text.isEmpty, self.subjectTemplate.description != MailTemplates.builtIn.subjectTemplate.description {
            return MailTemplates.builtIn.subject(for: digest)
        }
        return text
    }

    /// The body text (line endings as the template has them; the composer makes them CRLF).
    public func body(for digest: Digest, links: DigestLinks? = nil) -> String {
        bodyTemplate.render(TemplateContext.make(digest, links: links))
    }

    /// Templates are text, not HTML: a leading pragma switches escaping off. It is a standalone
    /// line of its own, so it renders to nothing and shifts reported lines by one.
    static let textPragma = "{{% CONTENT_TYPE: TEXT }}\n"

    static func parse(_ text: String, name: String) throws(MailTemplateError) -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: textPragma + text)
        } catch let error as MustacheTemplate.ParserError {
            if "\(error.error)" == "overflow", let tag = unclosedTag(in: text) {
                // The parser ran off the end: point at the tag that never closed instead.
                throw MailTemplateError(file: name, line: tag.line, column: tag.column,
                                        message: "unclosed tag: '{{' without '}}'", source: tag.source)
            }
            let line = error.context.lineNumber - 1
            throw MailTemplateError(
                file: name, line: max(1, line), column: error.context.columnNumber,
                message: describe(error.error), source: error.context.line)
        } catch {
            throw MailTemplateError(file: name, message: "\(error)")
        }
    }

    /// The last `{{` with no `}}` after it: line, column (from 1) and the line's text.
    static func unclosedTag(in text: String) -> (line: Int, column: Int, source: String)? {
        guard let open = text.range(of: "{{", options: .backwards),
              text[open.upperBound...].range(of: "}}") == nil
        else { return nil }
        let before = text[..<open.lowerBound]
        let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        let lineEnd = text[open.lowerBound...].firstIndex(of: "\n") ?? text.endIndex
        return (before.count(where: { $0 == "\n" }) + 1, text[lineStart..<open.lowerBound].count + 1,
                String(text[lineStart..<lineEnd]))
    }

    static func read(_ path: String) throws(MailTemplateError) -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MailTemplateError(file: path, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw MailTemplateError(file: path, message: "not UTF-8 text")
        }
        return text
    }

    static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: "a section is closed with a name other than the one it was opened with"
        case .unfinishedName: "unfinished tag (missing '}}' or a bad name)"
        case .expectedSectionEnd: "a section is opened and never closed ({{#name}} needs {{/name}})"
        case .invalidSetDelimiter: "bad set-delimiter tag"
        case .transformAppliedToInheritanceSection: "a transform cannot apply to an inherited section"
        case .illegalTokenInsideInheritSection, .textInsideInheritSection: "bad content inside an inherited partial"
        case .invalidConfigVariableSyntax: "bad pragma ({{% NAME: value }})"
        case .unrecognisedConfigVariable: "unknown pragma"
        case nil: "\(error)"
        }
    }
}

/// A mail template that cannot be used, with where it went wrong:
/// `/etc/dondoc/templates/body.mustache:12:5: error: …`.
public struct MailTemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let column: Int?
    public let message: String
    /// The offending line of the template, when known.
    public let source: String?

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String, source: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.source = source
    }

    public var description: String {
        let place = [file, line.map(String.init), column.map(String.init)].compactMap { $0 }.joined(separator: ":")
        return "\(place): error: \(message)"
    }
}

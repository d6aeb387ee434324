import ArgumentParser
import DondocCore
import DondocLoader
import Foundation

/// `dondoc new directive …`: the skeleton of a new workflow file.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write the skeleton of a new file.",
        subcommands: [NewDirectiveCommand.self]
    )
}

struct NewDirectiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "directive",
        abstract: "Write a commented directive file: the four phases and a yearly report, ready for the source's wording.",
        discussion: """
            Each step has the comment lines for quoting the source and marking the administrator's choices, \
            as the bundled files do, and an empty lead: that `dondoc check` refuses (file:line:col) until the \
            lead units are filled in. Without -o the file goes to standard output; an existing file is never \
            overwritten.
            """
    )

    @Argument(help: ArgumentHelp("The directive's number (số, ký hiệu), e.g. 12-CT/TU.", valueName: "number"))
    var number: String

    @Option(help: ArgumentHelp("The directive's title (trích yếu).", valueName: "text"))
    var title: String

    @Option(help: ArgumentHelp("The issuing unit's id in units.yaml.", valueName: "unit"))
    var issuer: String

    @Option(help: ArgumentHelp("The date of issue, YYYY-MM-DD.", valueName: "date"))
    var issued: CivilDate

    @Option(help: ArgumentHelp("The number of the directive this one carries out.", valueName: "number"))
    var implements: String?

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("The file to write (not overwritten).", valueName: "file"))
    var output: String?

    func run() throws {
        let schema = output.flatMap { SchemaLink.relative(toFileAt: $0) }
        let skeleton: DirectiveSkeleton
        do {
            skeleton = try DirectiveSkeleton(number: number, title: title, issuer: issuer, issued: issued,
                                             implements: implements, schema: schema)
        } catch {
            throw CommandFailure.usage(error.description)
        }
        guard let output else {
            Output.print(skeleton.text, terminator: "")
            return
        }
        try NewDirectiveCommand.create(output, contents: skeleton.text)
        Output.error("wrote \(output): fill in the lead units of its steps (`dondoc check` points at each), then quote the source")
    }

    /// Creates the file, refusing one that exists (O_EXCL: not even a file made meanwhile).
    static func create(_ path: String, contents: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            let reason = errno == EEXIST ? "the file exists; it is not overwritten (choose another -o or remove it)"
                                         : String(cString: strerror(errno))
            throw CommandFailure.findings("\(path): \(reason)")
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do { try handle.write(contentsOf: Data(contents.utf8)) } catch {
            throw CommandFailure.findings("\(path): \(error.localizedDescription)")
        }
    }
}

/// The `# yaml-language-server: $schema=…` line of a new file: the schema in the nearest
/// `schema/` folder above it, as a relative path; none when there is none.
enum SchemaLink {
    static func relative(toFileAt path: String) -> String? {
        let file = URL(fileURLWithPath: path).standardizedFileURL
        var folder = file.deletingLastPathComponent()
        var ups = 0
        while ups < 8 {
            let candidate = folder.appendingPathComponent("schema/directive.schema.json")
            if FileManager.default.fileExists(atPath: candidate.path) {
                return String(repeating: "../", count: ups) + "schema/directive.schema.json"
            }
            if folder.path == "/" { break }
            folder = folder.deletingLastPathComponent()
            ups += 1
        }
        return nil
    }
}

import ArgumentParser

extension OutputFormat: ExpressibleByArgument {}

struct FormatOption: ParsableArguments {
    @Option(name: .long, help: "table for people, json for one JSON object per line.")
    var format: OutputFormat = .table
}

// The fuzz target of `scripts/fuzz`: libFuzzer calls `LLVMFuzzerTestOneInput` with each input.
// Not part of the package: the script compiles this file with `swiftc -sanitize=fuzzer` against
// DondocCore, DondocLoader and Yams built with coverage instrumentation.
//
// An input is one byte that picks what to fuzz, then the text:
//   0 a directive file     1 units.yaml     2 a calendar file (calendars/vn-2026.yaml)
//   3 dondoc.yaml          4 a `due:` expression (English or Vietnamese), evaluated
//   5 a `reminders:` / `escalation:` offset
// Files are checked by `WorkflowLoader.load` in a workflows directory that holds units.yaml,
// 33-ct-ttg.yaml and calendars/vn-2026.yaml of DONDOC_FUZZ_BASE (the script gives the loader
// fixture `valid/minimal`), the fuzzed file replacing its kind's, as `dondoc check` would. Besides crashes (libFuzzer) and hangs (`-timeout`), every input must be
// checked within the budget of CPU time (DONDOC_FUZZ_BUDGET_MS, default 1500 ms: a file of up
// to 1 MiB in under a second, with half as much again for the fuzzer's instrumentation and a
// busy machine — the grown calendar file takes 0.76 s quiet, 1.08 s beside a build; the work
// that grew faster than the file took 2.7 s); and for one file input in 64 the harness also checks a 1 MiB file grown from
// it by repeating its last list item, so that work growing faster than the file shows up.

import DondocCore
import DondocLoader
import Foundation

#if canImport(Glibc)
import Glibc
#endif

enum Kind: UInt8, CaseIterable {
    case directive, units, calendar, config, due, offset

    /// Where the fuzzed text goes in the scratch workflows directory.
    var file: String? {
        switch self {
        case .directive: "workflows/fuzz.yaml"
        case .units: "workflows/units.yaml"
        case .calendar: "workflows/calendars/vn-2026.yaml"
        case .config: "dondoc.yaml"
        case .due, .offset: nil
        }
    }
}

/// The scratch directory, filled once from DONDOC_FUZZ_BASE (a workflows folder such as Workflows/).
final class Scratch {
    let root: String
    let base: String
    var originals: [String: [UInt8]] = [:]

    init() {
        base = ProcessInfo.processInfo.environment["DONDOC_FUZZ_BASE"] ?? "Workflows"
        root = NSTemporaryDirectory() + "dondoc-fuzz-\(getpid())"
        let fm = FileManager.default
        try? fm.createDirectory(atPath: root + "/workflows/calendars", withIntermediateDirectories: true)
        for (from, to) in [("units.yaml", "workflows/units.yaml"), ("33-ct-ttg.yaml", "workflows/33-ct-ttg.yaml"),
                           ("calendars/vn-2026.yaml", "workflows/calendars/vn-2026.yaml")] {
            guard let bytes = fm.contents(atPath: base + "/" + from) else {
                fputs("dondoc-fuzz: cannot read \(base)/\(from): set DONDOC_FUZZ_BASE to a workflows folder\n", stderr)
                exit(2)
            }
            originals[to] = [UInt8](bytes)
            write(to, [UInt8](bytes))
        }
        write("workflows/fuzz.yaml", [])
        write("dondoc.yaml", Array("workflows: workflows\n".utf8))
        originals["workflows/fuzz.yaml"] = Array("directive: { number: 1/F, title: F, issuer: ttcp, issued: 2026-01-05 }\nsteps: []\n".utf8)
        originals["dondoc.yaml"] = Array("workflows: workflows\n".utf8)
    }

    func write(_ name: String, _ bytes: [UInt8]) {
        let path = root + "/" + name
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            fputs("dondoc-fuzz: cannot write \(path)\n", stderr)
            exit(2)
        }
    }

    /// Checks `bytes` as the file of `kind`, then puts the original back.
    func check(_ kind: Kind, _ bytes: [UInt8]) {
        guard let name = kind.file else { return }
        write(name, bytes)
        defer { write(name, originals[name] ?? []) }
        if kind == .config {
            // The workflows it names are the loader's, fuzzed through the other kinds.
            _ = ConfigLoader.load(path: root + "/dondoc.yaml")
            return
        }
        _ = WorkflowLoader.load(directory: root + "/workflows", today: CivilDate(iso: "2026-10-15"))
    }
}

nonisolated(unsafe) let scratch = Scratch()
let calculator = DeadlineCalculator(calendar: WorkCalendar())
let budget = Duration.milliseconds(Int(ProcessInfo.processInfo.environment["DONDOC_FUZZ_BUDGET_MS"] ?? "") ?? 1500)
let maxFile = 1 << 20

func parseDue(_ text: String) {
    guard case .success(let expression) = DueParser.parse(text), expression != .periodic else { return }
    let start = CivilDate(iso: "2026-01-05")!
    if expression.isRecurring {
        for _ in calculator.occurrences(of: expression, policy: .extend, issued: nil, from: nil, until: nil,
                                        startingAt: start).prefix(3) {}
    } else if expression.anchor?.stepID == nil, let nominal = calculator.nominal(of: expression, anchor: start) {
        _ = calculator.deadline(nominal: nominal, policy: .extend)
    }
}

/// `bytes` grown to just under 1 MiB by repeating its last list item (a line starting `- `
/// after indentation, to the end), or the whole text when it has none.
func grown(_ bytes: [UInt8]) -> [UInt8] {
    guard !bytes.isEmpty else { return [] }
    var start = 0
    var i = 0
    while i < bytes.count {
        if i == 0 || bytes[i - 1] == UInt8(ascii: "\n") {
            var j = i
            while j < bytes.count, bytes[j] == UInt8(ascii: " ") { j += 1 }
            if j + 1 < bytes.count, bytes[j] == UInt8(ascii: "-"), bytes[j + 1] == UInt8(ascii: " ") { start = i }
        }
        i += 1
    }
    var item = Array(bytes[start...])
    if item.last != UInt8(ascii: "\n") { item.append(UInt8(ascii: "\n")) }
    var result = bytes
    if result.last != UInt8(ascii: "\n") { result.append(UInt8(ascii: "\n")) }
    while result.count + item.count <= maxFile { result += item }
    return result
}

/// FNV-1a: picks the inputs that are also grown, the same ones on every run.
func fnv(_ bytes: [UInt8]) -> UInt64 {
    bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
}

/// The CPU time of the process (all threads: the loader composes on a thread of its own), so
/// that a machine busy with other work does not make an input look slow.
func cpuTime() -> Duration {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return .seconds(spec.tv_sec) + .nanoseconds(spec.tv_nsec)
}

func timed(_ what: String, size: Int, _ body: () -> Void) {
    let start = cpuTime()
    body()
    let elapsed = cpuTime() - start
    if ProcessInfo.processInfo.environment["DONDOC_FUZZ_VERBOSE"] != nil {
        fputs("dondoc-fuzz: \(what) of \(size) bytes: \(elapsed) of CPU time\n", stderr)
    }
    if elapsed > budget {
        fputs("dondoc-fuzz: \(what) of \(size) bytes took \(elapsed) of CPU time, over the budget of \(budget)\n", stderr)
        abort()
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let kind = Kind(rawValue: data[0] % UInt8(Kind.allCases.count))!
    let body = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    switch kind {
    case .due, .offset:
        guard body.count <= 4096 else { return -1 }
        let text = String(decoding: body, as: UTF8.self)
        timed("\(kind)", size: body.count) {
            if kind == .due {
                parseDue(text)
            } else {
                _ = OffsetParser.reminder(text)
                _ = OffsetParser.escalation(text)
            }
        }
    case .directive, .units, .calendar, .config:
        timed("checking a \(kind) file", size: body.count) { scratch.check(kind, body) }
        if fnv(body) % 64 == 0 {
            let big = grown(body)
            timed("checking a \(kind) file grown", size: big.count) { scratch.check(kind, big) }
        }
    }
    return 0
}

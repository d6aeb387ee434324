import DondocCore
import Foundation

/// The directive files of a workflows directory, read and parsed on every core, each file once
/// while it stays as it was (DESIGN §5: a reload re-reads only what changed).
///
/// Pass the same cache to every load of one directory (the daemon and the web keep one for their
/// reloads): a file whose size, modification and change times, device and inode are those of its
/// last read is not read again; its draft, its built directive and its own diagnostics are reused.
/// A file changed less than two seconds before it was read is read again all the same: the file
/// system's clock is coarse, and a second write within its tick would leave the same times.
/// A directive's checks against the units and the calendars alone (`DirectiveFiles.OwnChecks`)
/// are kept with it while those files keep their stamps; the checks that span files run again on
/// every load.
///
/// units.yaml is kept the same way: read again only when its stamp changed.
public final class DirectiveFileCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: DirectiveFiles.Read] = [:]
    private var unitsRead: (stamp: DirectiveFiles.Stamp, units: UnitsFile?, diagnostics: [Diagnostic])?

    public init() {}

    /// The reads kept, as they are now (a load looks each file up in them).
    var kept: Kept {
        lock.lock()
        defer { lock.unlock() }
        return Kept(entries: entries)
    }

    struct Kept {
        fileprivate let entries: [String: DirectiveFiles.Read]

        func entry(_ path: String, stamp: DirectiveFiles.Stamp?) -> DirectiveFiles.Read? {
            guard let stamp, let entry = entries[path], entry.stamp == stamp, !entry.racy else { return nil }
            return entry
        }
    }

    /// units.yaml as last read, when it has this stamp (and had it long enough to trust it).
    func units(stamp: DirectiveFiles.Stamp?) -> (units: UnitsFile?, diagnostics: [Diagnostic])? {
        lock.lock()
        defer { lock.unlock() }
        guard let stamp, let kept = unitsRead, kept.stamp == stamp else { return nil }
        return (kept.units, kept.diagnostics)
    }

    /// Keeps units.yaml as read under `stamp`, unless it changed too recently to be told apart.
    func keepUnits(_ units: UnitsFile?, diagnostics: [Diagnostic], stamp: DirectiveFiles.Stamp?) {
        lock.lock()
        defer { lock.unlock() }
        if let stamp, !stamp.isRecent(at: DirectiveFiles.Stamp.now) {
            unitsRead = (stamp, units, diagnostics)
        } else {
            unitsRead = nil
        }
    }

    /// Keeps the reads of one load, and forgets the files it no longer lists.
    func replace(with reads: [DirectiveFiles.Read]) {
        var kept: [String: DirectiveFiles.Read] = [:]
        kept.reserveCapacity(reads.count)
        for read in reads { kept[read.path] = read }
        lock.lock()
        defer { lock.unlock() }
        entries = kept
    }
}

enum DirectiveFiles {
    /// What identifies a file's version without reading it.
    struct Stamp: Equatable, Sendable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modified: timespec
        var changed: timespec

        static func == (a: Stamp, b: Stamp) -> Bool {
            a.device == b.device && a.inode == b.inode && a.size == b.size
                && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
                && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
        }

        /// Whether the file changed so shortly before `now` that a later write could leave the same times.
        func isRecent(at now: timespec) -> Bool {
            modified.tv_sec >= now.tv_sec - 2
        }

        static var now: timespec {
            var now = timespec()
            clock_gettime(CLOCK_REALTIME, &now)
            return now
        }

        /// `nil` when the file cannot be examined (the read then reports why).
        static func of(_ path: String) -> Stamp? {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            return Stamp(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                         modified: info.st_mtim, changed: info.st_ctim)
        }
    }

    /// One file as read (`Parsed`: shared, not copied, by the cache and every load that keeps
    /// it), its stamp, and what `OwnChecks` found in it.
    struct Read: Sendable {
        var path: String
        var stamp: Stamp?
        var parsed: Parsed
        /// Changed just before it was read: to be read again next time (see `DirectiveFileCache`).
        var racy = false
        /// What `OwnChecks` found in the draft, and on what basis.
        var checked: Checked?

        var draft: DirectiveDraft? { parsed.draft }
        var directive: Directive? { parsed.directive }
    }

    /// A file's draft (nil when nothing in it could be used), the directive it builds when
    /// every required part was read, the problems found in the file alone, and where its
    /// directive and steps were written.
    final class Parsed: Sendable {
        let draft: DirectiveDraft?
        let directive: Directive?
        let diagnostics: [Diagnostic]
        /// By normalised number, when the draft has one.
        let locations: (number: String, locations: DirectiveLocations)?

        init(draft: DirectiveDraft?, directive: Directive?, diagnostics: [Diagnostic]) {
            self.draft = draft
            self.directive = directive
            self.diagnostics = diagnostics
            locations = draft.flatMap { draft in draft.normalizedNumber.map { ($0, draft.locations) } }
        }
    }

    /// The checks of one directive against the units and the calendars alone, no other
    /// directive: run on the file's worker with its read, and kept with it while the file and
    /// what they read besides it (`Basis`) stay as they were.
    struct OwnChecks: Sendable {
        /// nil when one of those files changed just before the load: checked again next time.
        let basis: Basis?
        let run: @Sendable (DirectiveDraft) -> Findings
    }

    /// What the own checks found: problems, and the units the directive may send to (for the
    /// check that each one can be reached, which looks at them all).
    struct Findings: Sendable {
        var diagnostics: [Diagnostic]
        var addressedUnits: Set<String>

        static let none = Findings(diagnostics: [], addressedUnits: [])
    }

    /// What the own checks read besides the file: units.yaml and the calendar files as they
    /// were (their stamps, in order), and the day.
    struct Basis: Equatable, Sendable {
        var stamps: [Stamp?]
        var today: CivilDate?

        /// nil when a file changed so recently that a later write could leave the same stamp.
        static func of(_ paths: [String], today: CivilDate?) -> Basis? {
            let now = Stamp.now
            let stamps = paths.map(Stamp.of)
            if stamps.contains(where: { $0?.isRecent(at: now) ?? false }) { return nil }
            return Basis(stamps: stamps, today: today)
        }
    }

    struct Checked: Sendable {
        var basis: Basis?
        var findings: Findings
    }

    /// Reads every file of `paths`, in their order: from the cache where unchanged, the others on
    /// as many threads as there are cores, each with `own` checks (run again on a cached read when
    /// their basis changed). The files' diagnostics go into `bag`, file by file. Returns the reads
    /// and how many files were read rather than taken from the cache.
    static func read(_ paths: [String], cache: DirectiveFileCache?, own: OwnChecks, bag: DiagnosticBag) -> (reads: [Read], fresh: Int) {
        // The file system stamps files with the real time, whatever clock the process runs on.
        let now = Stamp.now
        var reads: [Read?] = []
        var pending: [(index: Int, path: String, stamp: Stamp?, cached: Read?)] = []
        let kept = cache?.kept
        reads.reserveCapacity(paths.count)
        for (index, path) in paths.enumerated() {
            let stamp = Stamp.of(path)
            let cached = kept?.entry(path, stamp: stamp)
            if let cached, own.basis != nil, cached.checked?.basis == own.basis {
                reads.append(cached)
            } else {
                pending.append((index, path, stamp, cached))
                reads.append(nil)
            }
        }
        let done = LargeStack.map(pending, workers: ProcessInfo.processInfo.activeProcessorCount) { file in
            var read = file.cached ?? readOne(file.path, stamp: file.stamp)
            if file.cached == nil { read.racy = file.stamp?.isRecent(at: now) ?? true }
            read.checked = Checked(basis: own.basis, findings: read.draft.map(own.run) ?? .none)
            return read
        }
        for (file, read) in zip(pending, done) { reads[file.index] = read }
        let all = reads.map { $0! }
        for read in all {
            bag.append(contentsOf: read.parsed.diagnostics)
            bag.append(contentsOf: read.checked?.findings.diagnostics ?? [])
        }
        cache?.replace(with: all)
        return (all, pending.count { $0.cached == nil })
    }

    private static func readOne(_ path: String, stamp: Stamp?) -> Read {
        let bag = DiagnosticBag()
        var draft: DirectiveDraft?
        if let document = WorkflowFiles.document(at: path, bag: bag) {
            draft = DirectiveDraft.read(document, bag: bag)
        }
        let directive = bag.errorCount == 0 ? draft?.build() : nil
        return Read(path: path, stamp: stamp, parsed: Parsed(draft: draft, directive: directive, diagnostics: bag.diagnostics))
    }
}

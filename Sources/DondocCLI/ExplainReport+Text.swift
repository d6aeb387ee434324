import DondocCore

extension ExplainReport {
    /// For people: the computation numbered, each step with its basis, then the dates, what
    /// the store recorded, and the notifications planned.
    var text: String {
        var out: [String] = []
        out.append(key)
        out.append("  directive \(directive): \(title)")
        if let file { out.append("  file \(file)") }
        out.append("  step \(computation?.step ?? "?") (\(phase)): \(stepTitle)")
        out.append("  unit \(unit)" + (period.map { ", period \($0)" } ?? ""))
        if let holder {
            let until = holder.validUntil.map { " ceased to exist after \($0)" } ?? " is not valid on the due date"
            out.append(holder.holder == "none"
                ? "  the file names \(holder.assigned), which\(until), and no successor exists on the due date: an administrator must reassign it"
                : "  the file names \(holder.assigned), which\(until): its successor \(holder.holder) holds the obligation")
        }
        out.append("")
        if let computation {
            out.append("How the deadline was reached:")
            var number = 0
            ExplainReport.render(computation, into: &out, number: &number, indent: "  ", written: dueWritten)
        } else {
            out.append("No computation was traced (the step counts from a step in a cycle?).")
        }
        out.append("")
        out.append("nominal      \(nominal)")
        out.append("due_date     \(dueDate)")
        out.append("due_at       \(dueAt)   \(dueAtBasis)")
        out.append("target_date  \(targetDate)")
        out.append("")
        out.append("Recorded: \(recorded.note)")
        if let to = recorded.extendedTo { out.append("  extension to \(to): the deadline in force follows it (due_date \(to))") }
        if let at = recorded.doneAt {
            out.append("  done at \(at)" + (recorded.doneBy.map { " by \($0)" } ?? "") + (recorded.doneNote.map { ": \($0)" } ?? "")
                       + "; nothing more is sent for it")
        }
        out.append("")
        out.append("Notifications planned (\(notifications.count)):")
        for n in notifications {
            out.append("  \(n.at)  \(n.kind) \(n.rule)")
            out.append("    to \(ExplainReport.names(n.to))")
            if !n.cc.isEmpty { out.append("    cc \(ExplainReport.names(n.cc))") }
        }
        return out.joined(separator: "\n")
    }

    static func names(_ recipients: [Recipient]) -> String {
        if recipients.isEmpty { return "(nobody: no unit answers to this target)" }
        return recipients.map { r in
            var text = "\(r.unit) (\(r.role))"
            text += r.email.map { " <\($0)>" } ?? " (no address)"
            if let old = r.insteadOf { text += " in place of \(old), which had ceased to exist" }
            return text
        }.joined(separator: ", ")
    }

    static func render(_ computation: Computation, into out: inout [String], number: inout Int, indent: String, written: String?) {
        out.append("\(indent)due: \(computation.due)" + (written.map { "   (written at \($0))" } ?? "")
                   + ", on-rest-day: \(computation.onRestDay)")
        for step in computation.steps {
            number += 1
            out.append("\(indent)\(number). \(step.text)")
            for day in step.days ?? [] {
                var reason = "\(day.date) \(day.weekday): \(day.reason)"
                if let name = day.name { reason += ", \(name)" }
                if let source = day.source { reason += " (\(source))" }
                out.append("\(indent)     - \(reason)")
            }
            for unit in step.anchorUnits ?? [] where (step.anchorUnits?.count ?? 0) > 1 {
                out.append("\(indent)     - \(unit.unit): \(unit.date ?? "not done")")
            }
            out.append("\(indent)     basis: \(step.basis)")
        }
        for anchor in computation.anchors {
            out.append("\(indent)  where \(anchor.key) is computed:")
            render(anchor, into: &out, number: &number, indent: indent + "    ", written: nil)
        }
    }
}

import DondocApp
import DondocCore
import DondocLoader
import Foundation

/// What `dondoc explain` says about one obligation, as data: `--format json` encodes it, the
/// text is printed from it. Built from the deadline code's own trace (`Planner.explain`).
struct ExplainReport: Encodable {
    struct Day: Encodable {
        let date: String
        let weekday: String
        /// `weekend`, `holiday`, `swap-off` or `working-day`.
        let reason: String
        let name: String?
        let source: String?
    }

    struct Step: Encodable {
        /// `anchor`, `count`, `named`, `rest-day`, `target`.
        let step: String
        let text: String
        let basis: String
        var from: String?
        var to: String?
        var date: String?
        var days: [Day]?
        var anchorUnits: [AnchorUnit]?

        enum CodingKeys: String, CodingKey {
            case step, text, basis, from, to, date, days
            case anchorUnits = "anchor_units"
        }
    }

    struct AnchorUnit: Encodable {
        let unit: String
        let key: String
        let date: String?
    }

    struct Computation: Encodable {
        let key: String
        let step: String
        let unit: String
        let period: String?
        let due: String
        let onRestDay: String
        let steps: [Step]
        let anchors: [Computation]

        enum CodingKeys: String, CodingKey {
            case key, step, unit, period, due, steps, anchors
            case onRestDay = "on_rest_day"
        }
    }

    struct Recipient: Encodable {
        let role: String
        let unit: String
        let email: String?
        let insteadOf: String?

        enum CodingKeys: String, CodingKey {
            case role, unit, email
            case insteadOf = "instead_of"
        }
    }

    struct PlannedNotification: Encodable {
        let at: String
        let kind: String
        let rule: String
        let notification: String
        let to: [Recipient]
        let cc: [Recipient]
    }

    struct Holder: Encodable {
        let assigned: String
        let validUntil: String?
        let holder: String

        enum CodingKeys: String, CodingKey {
            case assigned, holder
            case validUntil = "valid_until"
        }
    }

    struct Recorded: Encodable {
        /// The store read, or `null` when none was.
        let store: String?
        let note: String
        let extendedTo: String?
        let doneAt: String?
        let doneBy: String?
        let doneNote: String?

        enum CodingKeys: String, CodingKey {
            case store, note
            case extendedTo = "extended_to"
            case doneAt = "done_at"
            case doneBy = "done_by"
            case doneNote = "done_note"
        }
    }

    let key: String
    let directive: String
    let title: String
    let file: String?
    let dueWritten: String?
    let phase: String
    let stepTitle: String
    let unit: String
    let period: String?
    let holder: Holder?
    let computation: Computation?
    let nominal: String
    let dueDate: String
    let dueAt: String
    let targetDate: String
    let dueAtBasis: String
    let recorded: Recorded
    let notifications: [PlannedNotification]

    enum CodingKeys: String, CodingKey {
        case key, directive, title, file, phase, unit, period, holder, computation, nominal, recorded, notifications
        case dueWritten = "due_written_at"
        case stepTitle = "step_title"
        case dueDate = "due_date"
        case dueAt = "due_at"
        case targetDate = "target_date"
        case dueAtBasis = "due_at_basis"
    }
}

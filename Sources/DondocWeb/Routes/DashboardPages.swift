import DondocApp
import DondocCore
import DondocLinks
import DondocLoader
import Foundation
import Hummingbird

/// The dashboard for leaders and the monitoring body (DESIGN §6.3), behind the sign-in: `/` every
/// directive with its counts per report category, `/d/NUMBER` one directive's steps × units,
/// `/u/UNIT` one unit's obligations. The counts are `Report`'s, as `dondoc report` prints them.
struct DashboardPages: Sendable {
    let site: Site
    var signIn: SignInPages { SignInPages(site: site) }

    func register(on router: Router<WebContext>) {
        signIn.register(on: router)
        router.get("/") { request, context in try await self.signIn.page(request, context) { try await self.overview(request, $0) } }
        router.get("/d/**") { request, context in try await self.signIn.page(request, context) { try await self.directive(request, context, $0) } }
        router.get("/u/:unit") { request, context in try await self.signIn.page(request, context) { try await self.unit(request, context, $0) } }
        DashboardActions(site: site, signIn: signIn).register(on: router)
    }

    /// What every dashboard page reads: the window asked for, the records, the time.
    struct Snapshot {
        let window: DueWindow
        let records: TrackingRecords
        let now: LocalDateTime

        var values: [String: Any] {
            window.values.merging(["nowText": WebText.instant(now.epochSeconds())]) { first, _ in first }
        }
    }

    func snapshot(_ request: Request) async throws -> Snapshot {
        let now = LocalDateTime(epochSeconds: site.now)
        return Snapshot(window: try DueWindow(request, today: now.date), records: try await site.records(), now: now)
    }

    func render(_ template: String, title: String, _ holder: SignedIn, _ values: [String: Any]) -> String {
        site.pages.render(template, title: title, signedIn: holder.access.name, logout: holder.csrf, values)
    }

    // MARK: - /

    func overview(_ request: Request, _ holder: SignedIn) async throws -> String {
        let snapshot = try await snapshot(request)
        let workflows = site.workflows
        let report = Report(workflows.tracked(due: snapshot.window.dates, records: snapshot.records, now: snapshot.now),
                            by: .directive, window: snapshot.window.dates, workflows: workflows)
        let counted = Dictionary(report.rows.map { ($0.id, $0.counts) }, uniquingKeysWith: { first, _ in first })
        let rows: [[String: Any]] = workflows.directives.map { directive in
            var row = Self.countValues(counted[directive.number] ?? Report.Counts())
            row["number"] = directive.number
            row["title"] = directive.title
            row["href"] = Self.directivePath(directive.number) + (snapshot.window.values["query"] as? String ?? "")
            if let implements = directive.implements { row["implements"] = implements }
            return row
        }
        var values = snapshot.values
        values["rows"] = rows
        values["total"] = Self.countValues(report.total)
        values["figures"] = Self.figures(report.total)
        values["share"] = report.total.onTimePercent
        values["chart"] = BarChart(counts: report.total).values
        values["headings"] = ReportCategory.allCases.map(WebText.category)
        values["legend"] = Self.legend
        return render("overview", title: "Tổng quan", holder, values)
    }

    // MARK: - /d/NUMBER

    func directive(_ request: Request, _ context: WebContext, _ holder: SignedIn) async throws -> String {
        let asked = context.parameters.getCatchAll().joined(separator: "/").removingPercentEncoding ?? ""
        guard let directive = site.workflows.directive(asked) else {
            throw Refusal(.notFound, "Không tìm thấy văn bản", "Không có văn bản số “\(asked)” trong danh mục theo dõi.")
        }
        let snapshot = try await snapshot(request)
        var workflows = site.workflows
        let cascade = Self.cascade(of: directive, in: workflows.directives)
        workflows.directives = [directive] + cascade
        let tracked = workflows.tracked(due: snapshot.window.dates, records: snapshot.records, now: snapshot.now)
        let own = tracked.filter { $0.obligation.directive == directive.number }
        let report = Report(tracked, by: .directive, window: snapshot.window.dates, workflows: workflows)
        let counted = Dictionary(report.rows.map { ($0.id, $0.counts) }, uniquingKeysWith: { first, _ in first })
        let ownCounts = counted[directive.number] ?? Report.Counts()

        var values = snapshot.values
        values["number"] = directive.number
        values["title"] = directive.title
        values["issuer"] = site.workflows.org[directive.issuer]?.name ?? directive.issuer
        values["issued"] = directive.issued.vietnamese
        if let monitor = directive.monitor { values["monitor"] = site.workflows.org[monitor]?.name ?? monitor }
        if let implements = directive.implements {
            values["implements"] = implements
            if site.workflows.directive(implements) != nil { values["implementsHref"] = Self.directivePath(implements) }
        }
        values["figures"] = Self.figures(ownCounts)
        values["share"] = ownCounts.onTimePercent
        values["legend"] = Self.legend
        values["steps"] = directive.steps.map { ["title": $0.title] }
        let units = grid(directive, own, query: snapshot.window.values["query"] as? String ?? "")
        values["units"] = units
        values["hasUnits"] = !units.isEmpty
        values["headings"] = ReportCategory.allCases.map(WebText.category)
        if !cascade.isEmpty {
            let cascaded = Report(tracked.filter { $0.obligation.directive != directive.number }, by: .directive,
                                  window: snapshot.window.dates, workflows: workflows).total
            var rows: [[String: Any]] = []
            for item in cascade {
                let counts = counted[item.number] ?? Report.Counts()
                var row = Self.countValues(counts)
                row["number"] = item.number
                row["title"] = item.title
                row["href"] = Self.directivePath(item.number) + (snapshot.window.values["query"] as? String ?? "")
                row["implements"] = item.implements ?? ""
                rows.append(row)
            }
            values["cascade"] = ["rows": rows, "own": Self.countValues(ownCounts), "cascaded": Self.countValues(cascaded),
                                 "total": Self.countValues(report.total)]
        }
        return render("directive", title: directive.number, holder, values)
    }

    /// One row per unit, in the order the planner meets them; one cell per step, with each
    /// obligation due in the window (a periodic step has one a period).
    func grid(_ directive: Directive, _ tracked: [TrackedObligation], query: String) -> [[String: Any]] {
        var order: [String] = []
        var cells: [String: [String: [TrackedObligation]]] = [:]
        for item in tracked {
            let unit = item.obligation.unit
            if cells[unit] == nil { order.append(unit) }
            cells[unit, default: [:]][item.obligation.step, default: []].append(item)
        }
        return order.map { unit in
            ["name": site.workflows.org[unit]?.name ?? unit,
             "href": "/u/" + LinkBuilder.pathSegment(unit) + query,
             "cells": directive.steps.map { step in
                 ["items": (cells[unit]?[step.id] ?? []).map { item in
                     var cell: [String: Any] = ["category": item.category.rawValue, "due": item.obligation.deadline.dueDate.vietnamese,
                                                "state": WebText.state(item.state), "categoryLabel": WebText.category(item.category)]
                     if let period = item.obligation.period { cell["period"] = WebText.period(period) }
                     return cell
                 }]
             }]
        }
    }

    /// The directives that implement `directive`, and those that implement them, and so on.
    static func cascade(of directive: Directive, in directives: [Directive]) -> [Directive] {
        var found: [Directive] = []
        var frontier = [directive.number]
        while let number = frontier.popLast() {
            for candidate in directives where candidate.implements == number && candidate.number != directive.number
                && !found.contains(where: { $0.number == candidate.number }) {
                found.append(candidate)
                frontier.append(candidate.number)
            }
        }
        return found
    }

    // MARK: - /u/UNIT

    func unit(_ request: Request, _ context: WebContext, _ holder: SignedIn) async throws -> String {
        let id = context.parameters.get("unit")?.removingPercentEncoding ?? ""
        guard let unit = site.workflows.org[id], let filter = try? UnitFilter(unit: id, org: site.workflows.org) else {
            throw Refusal(.notFound, "Không tìm thấy đơn vị", "Không có đơn vị “\(id)” trong sơ đồ đơn vị.")
        }
        let snapshot = try await snapshot(request)
        let workflows = site.workflows
        let tracked = workflows.tracked(due: snapshot.window.dates, records: snapshot.records, now: snapshot.now, unit: filter)
        let report = Report(tracked, by: .unit, window: snapshot.window.dates, workflows: workflows)
        let query = snapshot.window.values["query"] as? String ?? ""

        var values = snapshot.values
        values["id"] = unit.id
        values["name"] = unit.name
        values["path"] = "/u/" + LinkBuilder.pathSegment(unit.id)
        if let email = unit.email { values["email"] = email }
        if let head = unit.head { values["head"] = head.title }
        if let parent = unit.parent, let parentUnit = workflows.org[parent] {
            values["parent"] = ["name": parentUnit.name, "href": "/u/" + LinkBuilder.pathSegment(parent) + query]
        }
        values["feed"] = site.links.feedURL(unit: unit.id)
        values["figures"] = Self.figures(report.total)
        values["share"] = report.total.onTimePercent
        values["isAdmin"] = holder.access.isAdmin
        values["csrf"] = holder.csrf
        values["today"] = snapshot.now.date.description
        values["obligations"] = tracked.map { item in obligationValues(item, query: query) }
        values["hasObligations"] = !tracked.isEmpty
        if let notice = DashboardActions.notice(request) { values["notice"] = notice }
        return render("unit", title: unit.name, holder, values)
    }

    func obligationValues(_ item: TrackedObligation, query: String) -> [String: Any] {
        let obligation = item.obligation
        let directive = site.workflows.directive(obligation.directive)
        var row: [String: Any] = [
            "key": obligation.key,
            "directive": obligation.directive,
            "directiveHref": Self.directivePath(obligation.directive) + query,
            "step": directive?.step(obligation.step)?.title ?? obligation.step,
            "due": obligation.deadline.dueDate.vietnamese,
            "weekday": obligation.deadline.dueDate.weekday.vietnameseName,
            "state": WebText.state(item.state),
            "category": item.category.rawValue,
            "categoryLabel": WebText.category(item.category),
            "open": item.completion == nil,
        ]
        if let period = obligation.period { row["period"] = WebText.period(period) }
        if item.extendedTo != nil { row["extended"] = true }
        if let completion = item.completion {
            row["doneAt"] = WebText.instant(completion.at)
            if let by = completion.by { row["doneBy"] = by }
            if let note = completion.note { row["doneNote"] = note }
        }
        return row
    }

    // MARK: - Shared values

    static func directivePath(_ number: String) -> String { "/d/" + LinkBuilder.pathSegment(number) }

    /// The four counts, the total and the share, for a table row.
    static func countValues(_ counts: Report.Counts) -> [String: Any] {
        ["counts": ReportCategory.allCases.map { ["value": counts[$0], "category": $0.rawValue, "zero": counts[$0] == 0] },
         "total": counts.total, "share": counts.onTimePercent, "segments": BarChart.segments(counts)]
    }

    static var legend: [[String: Any]] {
        ReportCategory.allCases.map { ["category": $0.rawValue, "label": WebText.category($0)] }
    }

    /// The four counts as figures above a page's tables.
    static func figures(_ counts: Report.Counts) -> [[String: Any]] {
        ReportCategory.allCases.map { ["category": $0.rawValue, "label": WebText.category($0), "value": counts[$0]] }
    }
}

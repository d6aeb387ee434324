import DondocApp
import DondocCore
import DondocStore
import HTTPTypes
import Hummingbird

/// The JSON API (DESIGN §6.5), behind `Authorization: Bearer TOKEN`; its OpenAPI document at
/// `/api/v1/openapi.json` needs none. Methods a path does not take get 405 with `Allow`.
struct APIRoutes: Sendable {
    let site: Site

    func register(on router: Router<WebContext>) {
        router.get("/api/v1/openapi.json") { _, _ in
            Responses.text(OpenAPIDocument.text, contentType: "application/json; charset=utf-8")
        }
        router.get("/api/v1/obligations") { request, context in try await self.obligations(request, context) }
        router.get("/api/v1/obligation") { request, context in try await self.obligation(request, context) }
        router.post("/api/v1/obligation/done") { request, context in try await self.done(request, context) }
        router.post("/api/v1/obligation/extend") { request, context in try await self.extend(request, context) }
        router.get("/api/v1/report") { request, context in try await self.report(request, context) }
    }

    /// Each path of the API and the one method it takes.
    static let methods: [String: HTTPRequest.Method] = [
        "/api/v1/openapi.json": .get, "/api/v1/obligations": .get, "/api/v1/obligation": .get,
        "/api/v1/obligation/done": .post, "/api/v1/obligation/extend": .post, "/api/v1/report": .get,
    ]

    /// Any other method on a path of the API, standard or not, is 405 with `Allow` (RFC 9110
    /// §15.5.6), before a token is asked for.
    struct Methods<Context: RequestContext>: RouterMiddleware {
        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
            guard let allowed = APIRoutes.methods[request.uri.path], request.method != allowed else {
                return try await next(request, context)
            }
            var response = try APIJSON.response(["error": "\(request.method) is not allowed here; allowed: \(allowed)"],
                                                status: .methodNotAllowed)
            response.headers[.allow] = allowed.rawValue
            return response
        }
    }

    /// The time the answers are computed at: the site's clock.
    var now: LocalDateTime { LocalDateTime(epochSeconds: site.now) }

    func obligations(_ request: Request, _ context: WebContext) async throws -> Response {
        _ = try await site.auth.bearer(request, context)
        let query = APIQuery(request: request)
        let workflows = site.workflows
        let filter = try unitFilter(try query.string("unit"))
        let directive = try query.string("directive")
        if let directive, workflows.directive(directive) == nil { throw APIJSON.notFound("no directive '\(directive)'") }
        let state = try query.choice("state", ObligationState.self)
        let today = now.date
        let defaults = StatusListing.defaultWindow(today: today)
        var listed: [TrackedObligation] = []
        if let window = APIWindow.bounded((try query.date("from") ?? defaults.lowerBound), (try query.date("to") ?? defaults.upperBound), today: today) {
            let listing = StatusListing(planner: workflows.planner(sendAt: site.config.sendAt), records: try await site.records(), now: now)
            listed = listing.obligations(window: window, unit: filter)
        }
        let obligations = listed
            .filter { directive == nil || $0.obligation.directive == directive }
            .filter { state == nil || $0.state == state }
            .map { ObligationDTO($0, fields: .api) }
        return try APIJSON.response(["obligations": obligations])
    }

    func obligation(_ request: Request, _ context: WebContext) async throws -> Response {
        _ = try await site.auth.bearer(request, context)
        let key = try APIQuery(request: request).required("key")
        return try await APIJSON.response(try detail(key))
    }

    func done(_ request: Request, _ context: WebContext) async throws -> Response {
        let access = try await admin(request, context)
        let body = try await APIJSON.body(request, as: DoneBody.self)
        let by = try BodyText.required(body.by, "by", limit: 200)
        let note = try BodyText.optional(body.note, "note", limit: 2000)
        let key = try BodyText.required(body.key, "key", limit: 500)
        _ = try await find(key)
        let now = site.now
        var at: Int64?
        if let text = body.at {
            let instant = try BodyText.instant(text, "at")
            guard instant <= now else { throw APIJSON.bad("field 'at' is in the future") }
            at = instant
        }
        let useCase = RecordCompletion(UseCaseContext(workflows: site.workflows, store: site.store))
        _ = try await useCase.run(.init(key: key, at: at, by: by, note: note, via: access.name), now: now)
        return try await APIJSON.response(ObligationDTO(try find(key).tracked, fields: .api))
    }

    func extend(_ request: Request, _ context: WebContext) async throws -> Response {
        let access = try await admin(request, context)
        let body = try await APIJSON.body(request, as: ExtendBody.self)
        let reason = try BodyText.required(body.reason, "reason", limit: 2000)
        let key = try BodyText.required(body.key, "key", limit: 500)
        guard let to = CivilDate(iso: body.to) else { throw APIJSON.bad("field 'to' is not a date (YYYY-MM-DD)") }
        _ = try await find(key)
        let useCase = RecordExtension(UseCaseContext(workflows: site.workflows, store: site.store))
        _ = try await useCase.run(.init(key: key, to: to, reason: reason, by: access.name, via: access.name), now: site.now)
        return try await APIJSON.response(ObligationDTO(try find(key).tracked, fields: .api))
    }

    func report(_ request: Request, _ context: WebContext) async throws -> Response {
        _ = try await site.auth.bearer(request, context)
        let query = APIQuery(request: request)
        let grouping = try query.choice("by", Report.Grouping.self) ?? .unit
        let today = now.date
        let (start, end) = Report.bounds(from: try query.date("from"), to: try query.date("to"), today: today)
        let workflows = site.workflows
        var tracked: [TrackedObligation] = []
        if let window = APIWindow.bounded(start, end, today: today) {
            tracked = workflows.tracked(due: window, records: try await site.records(), now: now)
        }
        let report = Report(tracked, by: grouping, window: min(start, end)...end, workflows: workflows)
        return try APIJSON.response(ReportAnswer(report: report, from: start, to: end))
    }

    // MARK: -

    /// A POST needs an `admin` token: a `read` one gets 403.
    func admin(_ request: Request, _ context: WebContext) async throws -> Access {
        let access = try await site.auth.bearer(request, context)
        guard access.isAdmin else { throw Refusal(.forbidden, "Không đủ quyền", "the token '\(access.name)' may only read") }
        return access
    }

    func unitFilter(_ unit: String?) throws -> UnitFilter? {
        guard let unit else { return nil }
        do { return try UnitFilter(unit: unit, org: site.workflows.org) } catch { throw APIJSON.notFound("\(error)") }
    }

    /// The obligation `key` names now; any key the workflows do not have (or not written as a
    /// key) is 404.
    func find(_ key: String) async throws -> ObligationLookup.Found {
        let lookup = ObligationLookup(workflows: site.workflows, sendAt: site.config.sendAt)
        let found: ObligationLookup.Found?
        do { found = try await lookup.find(key: key, in: site.store, now: now) } catch let error as ObligationKeyError {
            throw APIJSON.notFound("no obligation '\(key)': \(error)")
        }
        guard let found else { throw APIJSON.notFound("no obligation '\(key)'") }
        return found
    }

    func detail(_ key: String) async throws -> ObligationDetail {
        let found = try await find(key)
        return ObligationDetail(
            obligation: ObligationDTO(found.tracked, fields: .api),
            notifications: try await site.store.notifications(ofObligation: key).map(ObligationDetail.Sent.init),
            audit: try await site.store.auditTrail(key: key, limit: ObligationDetail.auditLimit).map(ObligationDetail.Event.init))
    }
}

/// The windows the API computes over are bounded, so that no query makes the planner walk
/// centuries: due dates from 100 years back to 10 years ahead of today. A window that ends
/// before it starts holds nothing.
enum APIWindow {
    static let yearsBack = 100
    static let yearsAhead = 10

    static func bounded(_ from: CivilDate, _ to: CivilDate, today: CivilDate) -> ClosedRange<CivilDate>? {
        let start = max(from, today.adding(years: -yearsBack))
        let end = min(to, today.adding(years: yearsAhead))
        return start <= end ? start...end : nil
    }
}

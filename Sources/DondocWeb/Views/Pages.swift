import Mustache

/// Renders the pages: a page's template into the layout. Every value is escaped by Mustache.
struct Pages: Sendable {
    private let library: MustacheLibrary

    init() {
        var library = MustacheLibrary()
        do {
            // Each group of pages brings its own templates.
            for (name, text) in PageTemplates.all {
                try library.register(text, named: name)
            }
        } catch {
            fatalError("built-in page template: \(error)")
        }
        self.library = library
    }

    /// `template` rendered with `values`, inside the layout titled `title`; with the name of who
    /// is signed in and the form token of the sign-out button.
    func render(_ template: String, title: String, signedIn: String? = nil, logout: String? = nil, _ values: [String: Any]) -> String {
        let body = library.render(values, withTemplate: template) ?? ""
        var layout: [String: Any] = ["title": title, "body": body]
        if let signedIn { layout["signedIn"] = signedIn }
        if let logout { layout["logout"] = logout }
        return library.render(layout, withTemplate: "layout") ?? body
    }

    /// A page that only says something: a refusal, an error, a confirmation.
    func message(heading: String, text: String, isError: Bool, back: String? = nil) -> String {
        var values: [String: Any] = ["heading": heading, "text": text, "noticeClass": isError ? "error" : "ok"]
        if let back { values["back"] = back }
        return render("message", title: heading, values)
    }
}

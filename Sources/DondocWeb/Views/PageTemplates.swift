/// The pages' Mustache templates, in Vietnamese. `{{value}}` is HTML-escaped; only `{{{body}}}`
/// of the layout takes HTML, and that is a page rendered by these templates.
enum PageTemplates {
    /// Every template by name: the layout and messages here, each group of pages' own beside it.
    static var all: [String: String] {
        ["layout": layout, "message": message, "obligation": obligation, "review": review]
            .merging(DashboardTemplates.all) { first, _ in first }
    }

    static let layout = """
        <!DOCTYPE html>
        <html lang="vi">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>{{title}} — Hệ thống đôn đốc</title>
        <link rel="stylesheet" href="/static/site.css">
        </head>
        <body>
        <header><div class="masthead"><a class="brand" href="/">Hệ thống đôn đốc thực hiện văn bản chỉ đạo</a>
        {{#signedIn}}<nav class="account"><a href="/">Tổng quan</a><span class="who">{{signedIn}}</span>{{#logout}}<form class="logout" method="post" action="/logout"><input type="hidden" name="csrf" value="{{.}}"><button type="submit">Đăng xuất</button></form>{{/logout}}</nav>{{/signedIn}}
        </div></header>
        <main>
        {{{body}}}
        </main>
        <footer>dondoc</footer>
        </body>
        </html>

        """

    static let obligation = """
        <h1>{{stepTitle}}</h1>
        <p class="directive">{{directiveNumber}} — {{directiveTitle}}</p>
        {{#notice}}<p class="notice {{noticeClass}}">{{notice}}</p>{{/notice}}
        <table class="facts">
        <tr><th>Đơn vị chủ trì</th><td>{{unitName}}</td></tr>
        {{#period}}<tr><th>Kỳ</th><td>{{period}}</td></tr>{{/period}}
        <tr><th>Hạn</th><td>{{dueWeekday}}, {{dueDate}}{{#extendedTo}} (đã gia hạn){{/extendedTo}}</td></tr>
        <tr><th>Trạng thái</th><td><span class="state {{stateClass}}">{{stateLabel}}</span></td></tr>
        {{#doneAt}}<tr><th>Hoàn thành lúc</th><td>{{doneAt}}{{#doneBy}} — {{doneBy}}{{/doneBy}}</td></tr>{{/doneAt}}
        {{#doneNote}}<tr><th>Ghi chú</th><td>{{doneNote}}</td></tr>{{/doneNote}}
        </table>
        {{#hasSent}}
        <h2>Đã gửi</h2>
        <ul class="sent">{{#sent}}<li>{{at}} — {{what}}</li>{{/sent}}</ul>
        {{/hasSent}}
        {{#canAct}}
        <section class="forms">
        <form method="post" action="{{actionBase}}/done">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <h2>Báo cáo đã hoàn thành</h2>
        <label>Người thực hiện <input name="by" maxlength="200" required></label>
        <label>Ghi chú <textarea name="note" maxlength="2000"></textarea></label>
        <button type="submit" name="action" value="done">Xác nhận đã hoàn thành</button>
        </form>
        {{#canRequestExtension}}
        <form method="post" action="{{actionBase}}/extension">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <h2>Đề nghị gia hạn</h2>
        <label>Gia hạn đến ngày <input type="date" name="to" required></label>
        <label>Người đề nghị <input name="by" maxlength="200"></label>
        <label>Lý do <textarea name="reason" maxlength="2000" required></textarea></label>
        <button type="submit" name="action" value="extension">Gửi đề nghị gia hạn</button>
        </form>
        {{/canRequestExtension}}
        </section>
        {{/canAct}}

        """

    static let review = """
        <h1>Đề nghị gia hạn</h1>
        <p class="directive">{{directiveNumber}} — {{stepTitle}}</p>
        {{#notice}}<p class="notice ok">{{notice}}</p>{{/notice}}
        <table class="facts">
        <tr><th>Đơn vị chủ trì</th><td>{{unitName}}</td></tr>
        {{#period}}<tr><th>Kỳ</th><td>{{period}}</td></tr>{{/period}}
        <tr><th>Hạn hiện tại</th><td>{{dueDate}}</td></tr>
        {{#requestID}}
        <tr><th>Đề nghị gia hạn đến</th><td>{{requestedTo}}</td></tr>
        <tr><th>Lý do</th><td>{{reason}}</td></tr>
        <tr><th>Người đề nghị</th><td>{{requestedBy}} — {{requestedAt}}</td></tr>
        {{#answered}}<tr><th>Trả lời</th><td>{{answered}} — {{answeredBy}}, {{answeredAt}}</td></tr>{{/answered}}
        {{/requestID}}
        </table>
        {{^requestID}}<p class="notice">Nhiệm vụ này không có đề nghị gia hạn nào.</p>{{/requestID}}
        {{#waiting}}
        <section class="forms">
        <form method="post" action="{{actionBase}}/approve">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="request" value="{{requestID}}">
        <h2>Chấp thuận</h2>
        <label>Gia hạn đến ngày <input type="date" name="to" value="{{requestedToISO}}"></label>
        <label>Người trả lời <input name="by" maxlength="200"></label>
        <label>Ghi chú <textarea name="note" maxlength="2000"></textarea></label>
        <button type="submit" name="action" value="approve">Chấp thuận gia hạn</button>
        </form>
        <form method="post" action="{{actionBase}}/refuse">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="request" value="{{requestID}}">
        <h2>Không chấp thuận</h2>
        <label>Người trả lời <input name="by" maxlength="200"></label>
        <label>Lý do <textarea name="note" maxlength="2000"></textarea></label>
        <button type="submit" name="action" value="refuse">Không chấp thuận</button>
        </form>
        </section>
        {{/waiting}}

        """

    static let message = """
        <h1>{{heading}}</h1>
        <p class="notice {{noticeClass}}">{{text}}</p>
        {{#back}}<p><a href="{{back}}">Quay lại</a></p>{{/back}}

        """

    static let stylesheet = """
        body { font-family: "Noto Sans", "DejaVu Sans", sans-serif; margin: 0; color: #1a1a1a; background: #fafafa; }
        header { background: #8b0000; color: #fff; padding: .6em 1em; }
        header a.brand { color: #fff; text-decoration: none; font-weight: bold; }
        header .who { float: right; }
        main { max-width: 60em; margin: 1em auto; padding: 0 1em; background: #fff; }
        footer { text-align: center; color: #888; font-size: .8em; padding: 1em; }
        h1 { font-size: 1.4em; }
        table { border-collapse: collapse; }
        th, td { border: 1px solid #ccc; padding: .3em .6em; text-align: left; vertical-align: top; }
        .facts th { background: #f0f0f0; width: 12em; }
        .state, .cell { padding: .1em .4em; border-radius: .2em; }
        .done-on-time { background: #c8e6c9; } .done-late { background: #fff3c4; }
        .open-on-time { background: #e3f2fd; } .open-overdue { background: #ffcdd2; }
        .notice { padding: .6em; border-left: .3em solid #888; background: #f5f5f5; }
        .notice.ok { border-color: #2e7d32; } .notice.error { border-color: #c62828; }
        form { margin: 1em 0; padding: .6em; border: 1px solid #ddd; }
        label { display: block; margin: .4em 0; }
        input, textarea { display: block; width: 100%; max-width: 30em; }
        button { margin-top: .6em; padding: .4em 1em; }
        @media print { header, footer, form, .forms { display: none; } main { max-width: none; } }

        """ + DashboardTemplates.stylesheet
}

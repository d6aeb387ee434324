/// The dashboard's templates (DESIGN §6.3) and its part of the stylesheet. Every `{{value}}` is
/// HTML-escaped; the SVG charts are drawn from numbers and class names only.
enum DashboardTemplates {
    static var all: [String: String] {
        ["login": login, "overview": overview, "directive": directive, "unit": unit,
         "window": window, "figures": figures, "chart": chart, "countCells": countCells, "stack": stack, "legend": legend]
    }

    static let login = """
        <section class="login">
        <h1>Đăng nhập</h1>
        <p>Nhập mã truy cập do quản trị viên hệ thống cấp cho cơ quan, đơn vị.</p>
        {{#notice}}<p class="notice error">{{notice}}</p>{{/notice}}
        <form method="post" action="/login">
        <label for="token">Mã truy cập</label>
        <input id="token" type="password" name="token" autocomplete="current-password" maxlength="200" required>
        <button type="submit">Đăng nhập</button>
        </form>
        </section>

        """

    static let window = """
        <form class="window" method="get">
        <label for="from">Nhiệm vụ có hạn từ ngày</label> <input id="from" type="date" name="from" value="{{from}}">
        <label for="to">đến ngày</label> <input id="to" type="date" name="to" value="{{to}}">
        <button type="submit">Xem</button>
        </form>
        <p class="period">Số liệu các nhiệm vụ có hạn từ {{fromText}} đến {{toText}}, tính đến {{nowText}}.</p>

        """

    static let figures = """
        <div class="figures">{{#figures}}<div class="figure {{category}}"><span class="value">{{value}}</span><span class="label">{{label}}</span></div>{{/figures}}<div class="figure share"><span class="value">{{share}}</span><span class="label">Tỉ lệ hoàn thành đúng hạn</span></div></div>

        """

    static let chart = """
        <figure class="chart">
        <svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{width}} {{height}}" width="{{width}}" height="{{height}}" role="img" aria-label="{{summary}}">
        <title>{{summary}}</title>
        {{#bars}}<text class="label" x="{{labelX}}" y="{{labelY}}" text-anchor="end">{{label}}</text><rect class="bar {{category}}" x="{{x}}" y="{{y}}" width="{{width}}" height="{{height}}"></rect><text class="count" x="{{textX}}" y="{{textY}}">{{count}}</text>
        {{/bars}}<line class="axis" x1="{{axisX}}" y1="2" x2="{{axisX}}" y2="{{axisY2}}"></line>
        </svg>
        <figcaption>Số nhiệm vụ theo tình trạng thực hiện</figcaption>
        </figure>

        """

    /// A row's categories in one thin bar, for the tables.
    static let stack = """
        <svg class="stack" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 10" width="120" height="12" preserveAspectRatio="none" aria-hidden="true"><rect class="track" x="0" y="0" width="100" height="10"></rect>{{#segments}}<rect class="seg {{category}}" x="{{x}}" y="0" width="{{width}}" height="10"></rect>{{/segments}}</svg>
        """

    static let countCells = """
        {{#counts}}<td class="num{{#zero}} zero{{/zero}}{{^zero}} n-{{category}}{{/zero}}">{{value}}</td>{{/counts}}<td class="num total">{{total}}</td><td class="num share">{{share}}</td>
        """

    static let overview = """
        <h1>Tình hình thực hiện văn bản chỉ đạo</h1>
        {{>window}}
        <section class="summary">
        {{>figures}}
        {{#chart}}{{>chart}}{{/chart}}
        </section>
        <h2>Theo văn bản</h2>
        <table class="report">
        <thead><tr><th>Số, ký hiệu</th><th>Trích yếu</th>{{#headings}}<th class="num">{{.}}</th>{{/headings}}<th class="num">Tổng số</th><th class="num">Tỉ lệ đúng hạn</th><th class="bars">Cơ cấu</th></tr></thead>
        <tbody>
        {{#rows}}<tr><td class="number"><a href="{{href}}">{{number}}</a>{{#implements}}<div class="sub">thực hiện {{implements}}</div>{{/implements}}</td><td class="title">{{title}}</td>{{>countCells}}<td class="bars">{{>stack}}</td></tr>
        {{/rows}}
        </tbody>
        <tfoot>{{#total}}<tr><th colspan="2">Tổng cộng</th>{{>countCells}}<td class="bars">{{>stack}}</td></tr>{{/total}}</tfoot>
        </table>
        {{>legend}}

        """

    static let directive = """
        <p class="crumbs"><a href="/{{query}}">Tổng quan</a> › {{number}}</p>
        <h1>{{number}}</h1>
        <p class="lead">{{title}}</p>
        <table class="facts">
        <tr><th>Cơ quan ban hành</th><td>{{issuer}}</td></tr>
        <tr><th>Ngày ban hành</th><td>{{issued}}</td></tr>
        {{#monitor}}<tr><th>Cơ quan theo dõi</th><td>{{monitor}}</td></tr>{{/monitor}}
        {{#implements}}<tr><th>Thực hiện văn bản</th><td>{{#implementsHref}}<a href="{{implementsHref}}{{query}}">{{implements}}</a>{{/implementsHref}}{{^implementsHref}}{{implements}}{{/implementsHref}}</td></tr>{{/implements}}
        </table>
        {{>window}}
        {{>figures}}
        <h2>Tiến độ theo đơn vị và nhiệm vụ</h2>
        {{>legend}}
        {{#hasUnits}}
        <div class="scroll">
        <table class="grid">
        <thead><tr><th>Đơn vị</th>{{#steps}}<th>{{title}}</th>{{/steps}}</tr></thead>
        <tbody>
        {{#units}}<tr><th><a href="{{href}}">{{name}}</a></th>{{#cells}}<td>{{#items}}<div class="cell {{category}}"><span class="date">{{due}}</span>{{#period}} <span class="sub">({{period}})</span>{{/period}}<span class="what">{{state}}</span></div>{{/items}}{{^items}}<span class="none">—</span>{{/items}}</td>{{/cells}}</tr>
        {{/units}}
        </tbody>
        </table>
        </div>
        {{/hasUnits}}
        {{^hasUnits}}<p class="notice">Không có nhiệm vụ nào có hạn trong khoảng thời gian này.</p>{{/hasUnits}}
        {{#cascade}}
        <h2>Văn bản triển khai thực hiện</h2>
        <p>Các văn bản dưới đây thực hiện văn bản {{number}}; tình hình của chúng được tổng hợp vào văn bản này.</p>
        <table class="report">
        <thead><tr><th>Số, ký hiệu</th><th>Trích yếu</th>{{#headings}}<th class="num">{{.}}</th>{{/headings}}<th class="num">Tổng số</th><th class="num">Tỉ lệ đúng hạn</th></tr></thead>
        <tbody>
        {{#rows}}<tr><td class="number"><a href="{{href}}">{{number}}</a><div class="sub">thực hiện {{implements}}</div></td><td class="title">{{title}}</td>{{>countCells}}</tr>
        {{/rows}}
        </tbody>
        <tfoot>
        {{#own}}<tr><th colspan="2">Riêng văn bản {{number}}</th>{{>countCells}}</tr>{{/own}}
        {{#cascaded}}<tr><th colspan="2">Các văn bản triển khai</th>{{>countCells}}</tr>{{/cascaded}}
        {{#total}}<tr class="rollup"><th colspan="2">Tổng hợp</th>{{>countCells}}</tr>{{/total}}
        </tfoot>
        </table>
        {{/cascade}}

        """

    static let unit = """
        <p class="crumbs"><a href="/{{query}}">Tổng quan</a> › {{name}}</p>
        <h1>{{name}}</h1>
        {{#notice}}<p class="notice ok">{{notice}}</p>{{/notice}}
        <table class="facts">
        <tr><th>Mã đơn vị</th><td><code>{{id}}</code></td></tr>
        {{#email}}<tr><th>Thư điện tử</th><td>{{email}}</td></tr>{{/email}}
        {{#head}}<tr><th>Người đứng đầu</th><td>{{head}}</td></tr>{{/head}}
        {{#parent}}<tr><th>Cơ quan cấp trên</th><td><a href="{{href}}">{{name}}</a></td></tr>{{/parent}}
        <tr><th>Lịch công việc</th><td><a href="{{feed}}">Đăng ký lịch (iCalendar)</a><div class="sub">Dán địa chỉ này vào Outlook, Thunderbird hoặc lịch trên điện thoại: <code class="url">{{feed}}</code></div></td></tr>
        </table>
        {{>window}}
        {{>figures}}
        <h2>Nhiệm vụ</h2>
        {{#hasObligations}}
        <table class="list">
        <thead><tr><th>Văn bản</th><th>Nhiệm vụ</th><th>Hạn</th><th>Tình trạng</th><th>Kết quả</th>{{#isAdmin}}<th class="actions">Ghi nhận</th>{{/isAdmin}}</tr></thead>
        <tbody>
        {{#obligations}}<tr>
        <td class="number"><a href="{{directiveHref}}">{{directive}}</a></td>
        <td>{{step}}{{#period}}<div class="sub">Kỳ: {{period}}</div>{{/period}}</td>
        <td class="due">{{due}}<div class="sub">{{weekday}}{{#extended}}, đã gia hạn{{/extended}}</div></td>
        <td><span class="state {{category}}">{{state}}</span><div class="sub">{{categoryLabel}}</div></td>
        <td>{{#doneAt}}{{doneAt}}{{#doneBy}}<div class="sub">{{doneBy}}</div>{{/doneBy}}{{#doneNote}}<div class="note">{{doneNote}}</div>{{/doneNote}}{{/doneAt}}</td>
        {{#isAdmin}}<td class="actions">{{#open}}<details><summary>Ghi nhận…</summary>
        <form method="post" action="{{path}}/done"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="key" value="{{key}}"><input type="hidden" name="from" value="{{from}}"><input type="hidden" name="to-window" value="{{to}}">
        <label>Ghi chú <textarea name="note" maxlength="2000" rows="2"></textarea></label>
        <button type="submit">Ghi nhận hoàn thành</button></form>
        <form method="post" action="{{path}}/extend"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="key" value="{{key}}"><input type="hidden" name="from" value="{{from}}"><input type="hidden" name="to-window" value="{{to}}">
        <label>Gia hạn đến ngày <input type="date" name="to" min="{{today}}" required></label>
        <label>Căn cứ gia hạn <textarea name="reason" maxlength="2000" rows="2" required></textarea></label>
        <button type="submit">Ghi nhận gia hạn</button></form>
        </details>{{/open}}</td>{{/isAdmin}}
        </tr>
        {{/obligations}}
        </tbody>
        </table>
        {{/hasObligations}}
        {{^hasObligations}}<p class="notice">Đơn vị không có nhiệm vụ nào có hạn trong khoảng thời gian này.</p>{{/hasObligations}}

        """

    static let legend = """
        <ul class="legend">{{#legend}}<li><span class="swatch {{category}}"></span>{{label}}</li>{{/legend}}</ul>
        """

    static let stylesheet = """
        /* dashboard */
        body { background: #eef0f3; line-height: 1.45; }
        header { padding: 0; border-bottom: 3px solid #c9a227; }
        .masthead { max-width: 76em; margin: 0 auto; padding: .7em 1em; display: flex; align-items: center; justify-content: space-between; gap: 1em; }
        header a.brand { font-size: 1.05em; letter-spacing: .01em; }
        nav.account { display: flex; align-items: center; gap: 1em; font-size: .92em; }
        nav.account a { color: #fff; }
        header .who { float: none; padding-left: 1em; border-left: 1px solid rgba(255,255,255,.4); }
        form.logout { margin: 0; padding: 0; border: 0; display: inline; }
        form.logout button { margin: 0; padding: .2em .8em; background: transparent; color: #fff; border: 1px solid rgba(255,255,255,.7); border-radius: 3px; cursor: pointer; }
        main { max-width: 76em; padding: 1.2em 1.6em 2em; border: 1px solid #d8dce2; border-top: 0; }
        h1 { color: #3a0a0a; margin: .2em 0 .4em; }
        h2 { font-size: 1.12em; color: #333; border-bottom: 1px solid #d8dce2; padding-bottom: .25em; margin-top: 1.6em; }
        a { color: #0b4f8a; }
        .crumbs { font-size: .9em; color: #555; margin: 0; }
        .lead { font-size: 1.05em; color: #333; margin-top: 0; }
        .sub { font-size: .82em; color: #666; }
        .period { color: #555; font-size: .9em; margin: .2em 0 1em; }
        code.url { word-break: break-all; font-size: .85em; }
        form.window { display: flex; flex-wrap: wrap; align-items: center; gap: .5em; border: 1px solid #d8dce2; background: #f6f7f9; padding: .5em .8em; margin: .8em 0 .3em; }
        form.window label { display: inline; margin: 0; }
        form.window input { display: inline-block; width: auto; }
        form.window button { margin: 0; }
        button { background: #8b0000; color: #fff; border: 1px solid #6d0000; border-radius: 3px; cursor: pointer; }
        .figures { display: flex; flex-wrap: wrap; gap: .6em; margin: .6em 0 1em; }
        .figure { flex: 1 1 9em; border: 1px solid #d8dce2; border-left-width: .35em; padding: .5em .8em; background: #fff; }
        .figure .value { display: block; font-size: 1.7em; font-weight: bold; font-variant-numeric: tabular-nums; }
        .figure .label { display: block; font-size: .85em; color: #444; }
        .figure.done-on-time, .figure.done-late, .figure.open-on-time, .figure.open-overdue { background: #fff; }
        .figure.done-on-time { border-left-color: #2e7d32; } .figure.done-late { border-left-color: #c77c02; }
        .figure.open-on-time { border-left-color: #1f5fa8; } .figure.open-overdue { border-left-color: #b3261e; }
        .figure.open-overdue .value { color: #b3261e; } .figure.share { border-left-color: #555; }
        figure.chart { margin: 0 0 1em; }
        figure.chart figcaption { font-size: .85em; color: #555; }
        svg.chart { max-width: 100%; height: auto; }
        svg.chart text { font-family: "Noto Sans", "DejaVu Sans", sans-serif; font-size: 13px; fill: #222; }
        svg.chart text.count { font-weight: bold; }
        svg.chart line.axis { stroke: #888; stroke-width: 1; }
        .bar.done-on-time, .seg.done-on-time { fill: #2e7d32; } .bar.done-late, .seg.done-late { fill: #e0a030; }
        .bar.open-on-time, .seg.open-on-time { fill: #5b8fd0; } .bar.open-overdue, .seg.open-overdue { fill: #c62828; }
        svg.stack rect.track { fill: #e6e8eb; }
        table.report, table.list, table.grid { width: 100%; font-size: .92em; background: #fff; }
        table.report th, table.list th, table.grid thead th { background: #eef0f3; font-weight: 600; }
        table.report tbody tr:nth-child(even), table.list tbody tr:nth-child(even) { background: #fafbfc; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.num { white-space: nowrap; } th.num { width: 6.2em; font-size: .86em; vertical-align: bottom; }
        table.report td.title { min-width: 16em; } table.report thead th { vertical-align: bottom; }
        td.zero { color: #aaa; } td.n-open-overdue { color: #b3261e; font-weight: bold; }
        td.total, td.share { font-weight: 600; }
        td.number { white-space: nowrap; }
        td.bars, th.bars { width: 124px; }
        tfoot th, tfoot td { border-top: 2px solid #999; background: #f3f4f6; }
        tfoot tr.rollup th, tfoot tr.rollup td { background: #e9ecf1; }
        .legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 1.2em; font-size: .88em; color: #333; }
        .swatch { display: inline-block; width: .9em; height: .9em; margin-right: .35em; vertical-align: -.1em; border: 1px solid #999; }
        .scroll { overflow-x: auto; }
        table.grid tbody th { text-align: left; font-weight: normal; background: #fff; min-width: 14em; }
        table.grid td { min-width: 8em; }
        .cell { display: block; margin: .1em 0; padding: .15em .4em; border-left: .3em solid transparent; }
        .cell .date { font-variant-numeric: tabular-nums; }
        .cell .what { display: block; font-size: .78em; color: #333; }
        .cell.done-on-time { border-left-color: #2e7d32; } .cell.done-late { border-left-color: #c77c02; }
        .cell.open-on-time { border-left-color: #1f5fa8; } .cell.open-overdue { border-left-color: #b3261e; }
        .swatch.done-on-time { background: #2e7d32; } .swatch.done-late { background: #e0a030; }
        .swatch.open-on-time { background: #5b8fd0; } .swatch.open-overdue { background: #c62828; }
        .none { color: #bbb; }
        td.due { white-space: nowrap; }
        .note { white-space: pre-wrap; font-size: .88em; margin-top: .2em; }
        td.actions { min-width: 12em; }
        td.actions details form { border: 0; padding: 0; margin: .4em 0 .8em; }
        td.actions label { font-size: .88em; }
        td.actions button { font-size: .85em; }
        section.login { max-width: 26em; margin: 2em auto; }
        section.login form { background: #f6f7f9; }
        section.login input { margin: .3em 0; padding: .3em; }
        @media print {
          body { background: #fff; font-size: 10.5pt; } main { border: 0; padding: 0; max-width: none; }
          form.window, details, th.actions, td.actions, nav.account { display: none; }
          a { color: #000; text-decoration: none; }
          .figure, .cell, .swatch, svg { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
          tr { break-inside: avoid; } .scroll { overflow: visible; }
        }

        """
}

extension MailTemplates {
    /// `[dondoc] Nhắc hạn: 3 việc đến hạn ngày 14/12/2026`, `[dondoc] Quá hạn: …`, or both.
    /// Rendered on one line: the line breaks here are for reading only.
    public static let defaultSubject = """
        [dondoc]
        {{#onlyReminders}}Nhắc hạn: {{count}} việc đến hạn {{^sameDueDate}}từ {{/sameDueDate}}ngày {{firstDueDate}}{{/onlyReminders}}
        {{#onlyEscalations}}Quá hạn: {{count}} việc chưa hoàn thành, hạn {{^sameDueDate}}từ {{/sameDueDate}}ngày {{firstDueDate}}{{/onlyEscalations}}
        {{#mixed}}Quá hạn và nhắc hạn: {{escalationCount}} việc quá hạn, {{reminderCount}} việc sắp đến hạn{{/mixed}}

        """

    /// One block per item: what is due, by whom, when, how it stands, and the two commands.
    public static let defaultBody = """
        Kính gửi: {{recipientNames}}

        Hệ thống đôn đốc thực hiện văn bản chỉ đạo (dondoc) thông báo {{count}} nhiệm vụ \
        cần theo dõi, tính đến {{time}} {{weekday}}, ngày {{date}}:
        {{#hasEscalations}}
        - {{escalationCount}} nhiệm vụ đã quá hạn mà chưa được ghi nhận hoàn thành;
        {{/hasEscalations}}
        {{#hasReminders}}
        - {{reminderCount}} nhiệm vụ sắp đến hạn.
        {{/hasReminders}}

        {{#items}}
        {{index}}. [{{kindLabel}}] {{directiveNumber}}: {{directiveTitle}}
           Nhiệm vụ: {{stepTitle}}
           Đơn vị chủ trì: {{unitName}}
        {{#hasPeriod}}
           Kỳ: {{period}}
        {{/hasPeriod}}
           Hạn: {{dueWeekday}}, ngày {{dueDate}}{{#extended}} (đã gia hạn){{/extended}} - {{status}}
        {{#targetDiffers}}
           Ngày làm việc cuối cùng trước hạn: {{targetWeekday}}, ngày {{targetDate}}
        {{/targetDiffers}}
        {{#isSupport}}
           Đơn vị được gửi thư này để phối hợp với đơn vị chủ trì.
        {{/isSupport}}
        {{^isSupport}}
           {{roleNote}}
        {{/isSupport}}
        {{#link}}
           Báo cáo hoàn thành hoặc đề nghị gia hạn tại:
               {{link}}
        {{/link}}
        {{^link}}
           Khi nhiệm vụ đã hoàn thành, ghi nhận bằng lệnh:
               {{doneCommand}}
           Đề nghị gia hạn (thay YYYY-MM-DD bằng ngày đề nghị, "…" bằng lý do):
               {{extendCommand}}
        {{/link}}

        {{/items}}
        Sau khi nhiệm vụ được ghi nhận hoàn thành, hệ thống không gửi nhắc nhở về nhiệm vụ đó nữa.
        {{#hasLinks}}
        Mỗi đường dẫn trên dành riêng cho địa chỉ {{address}}; xin không chuyển tiếp thư này.
        {{#feedLinks}}
        Lịch các hạn của {{unitName}} (đăng ký trong Thunderbird, Outlook hoặc điện thoại):
            {{url}}
        {{/feedLinks}}
        {{/hasLinks}}

        --\u{20}
        Thư này được gửi tự động từ hệ thống dondoc, vui lòng không trả lời thư này.

        """
}

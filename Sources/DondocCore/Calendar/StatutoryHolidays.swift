/// The days off of a year as the Labour Code computes them (DESIGN §2.5), before any year's
/// official notice is applied.
///
/// From 2021, the Labour Code 2019 (Law 45/2019/QH14), Art. 112(1): 1/1; Tết, 5 days; Giỗ Tổ
/// Hùng Vương 10/3 lunar; 30/4; 1/5; Quốc khánh 2/9 and one adjacent day; Art. 111(3): a holiday
/// on a weekly rest day gives the next working day off. Before 2021, the Labour Code 2012
/// (Law 10/2012/QH13), Art. 115: the same days but Quốc khánh 2/9 alone, no adjacent day; the
/// same rule for a holiday on a weekly rest day (Art. 115(3)).
enum StatutoryHolidays {
    static let labourCode = "Bộ luật Lao động 2019, Điều 112"
    static let restDayRule = "Bộ luật Lao động 2019, Điều 111(3)"
    static let labourCode2012 = "Bộ luật Lao động 2012, Điều 115"
    static let restDayRule2012 = "Bộ luật Lao động 2012, Điều 115(3)"
    /// The first year the Labour Code 2019 governs (it took effect on 1/1/2021).
    static let firstYearOf2019Code = 2021

    static func law(year: Int) -> (holidays: String, restDay: String) {
        year >= firstYearOf2019Code ? (labourCode, restDayRule) : (labourCode2012, restDayRule2012)
    }

    /// The holidays of `year` in date order. With `fixedOnly`, Tết and the second National Day
    /// day are left out: a calendar file for the year decides them (DESIGN §1.4).
    static func holidays(year: Int, fixedOnly: Bool) -> [DayEntry] {
        var days: [DayEntry] = []
        let source = law(year: year).holidays
        func add(_ date: CivilDate, _ name: String) {
            days.append(DayEntry(date: date, kind: .holiday, name: name, source: source))
        }
        add(CivilDate(year: year, month: 1, day: 1)!, "Tết Dương lịch")
        if !fixedOnly {
            let tet = LunarCalendar.newYear(year)
            let yearName = LunarCalendar.yearName(year)
            add(tet.adding(days: -1), "Tết \(yearName) (30 tháng Chạp)")
            for offset in 0..<4 {
                add(tet.adding(days: offset), "Tết \(yearName) (mùng \(offset + 1))")
            }
        }
        if let gioTo = LunarCalendar.civilDate(for: LunarDate(day: 10, month: 3, year: year)) {
            add(gioTo, "Giỗ Tổ Hùng Vương")
        }
        add(CivilDate(year: year, month: 4, day: 30)!, "Ngày Chiến thắng")
        add(CivilDate(year: year, month: 5, day: 1)!, "Ngày Quốc tế Lao động")
        let nationalDay = CivilDate(year: year, month: 9, day: 2)!
        add(nationalDay, "Quốc khánh")
        if !fixedOnly && year >= firstYearOf2019Code {
            add(adjacentNationalDay(nationalDay), "Quốc khánh (ngày liền kề)")
        }
        return days.sorted { $0.date < $1.date }
    }

    /// The day next to 2/9 that the Government usually picks: the one that joins the holiday
    /// to a weekend or to the longer run of days off (2021: 3/9, 2022: 1/9, 2023: 1/9, 2024: 3/9,
    /// 2025: 1/9, 2026: 1/9).
    static func adjacentNationalDay(_ nationalDay: CivilDate) -> CivilDate {
        switch nationalDay.weekday {
        case .monday, .thursday: return nationalDay.adding(days: 1)
        default: return nationalDay.adding(days: -1)
        }
    }

    /// Nghỉ bù: for each holiday on a Saturday or Sunday, the next weekday that is neither a
    /// holiday nor already given as a day off.
    static func compensatoryDays(for holidays: [DayEntry], isOff: (CivilDate) -> Bool) -> [DayEntry] {
        var taken = Set<CivilDate>()
        var result: [DayEntry] = []
        for holiday in holidays.sorted(by: { $0.date < $1.date }) where holiday.date.isWeekend {
            var day = holiday.date.adding(days: 1)
            while day.isWeekend || isOff(day) || taken.contains(day) { day = day.adding(days: 1) }
            taken.insert(day)
            result.append(DayEntry(date: day, kind: .swapOff, name: "Nghỉ bù \(holiday.name)", source: law(year: holiday.date.year).restDay))
        }
        return result
    }
}

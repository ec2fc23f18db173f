import CorridorCore
import Testing

@Suite struct DayTextTests {
    @Test func everyDayWritesAsISOAndReadsBack() {
        var day = Day(year: 1900, month: 1, day: 1)!
        while day.year < 2200 {
            let text = day.description
            #expect(text.utf8.count == 10)
            #expect(Day.parse(text) == day, "\(text)")
            day = day.adding(days: 37)
        }
        #expect(Day(year: 2026, month: 3, day: 9)!.description == "2026-03-09")
        #expect(Day(year: 2199, month: 12, day: 31)!.description == "2199-12-31")
    }
}

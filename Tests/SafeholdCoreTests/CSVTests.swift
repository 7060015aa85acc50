import Testing

@testable import SafeholdCore

@Suite struct CSVTests {
    @Test(arguments: ["=1+1", "+44 20 7946 0000", "-2+3", "@SUM(A1:A2)", "\t=cmd", "\r=cmd", "  =HYPERLINK(\"x\")"])
    func aCellASpreadsheetWouldRunAsAFormulaStaysText(_ value: String) {
        let cell = CSV.cell(value)
        let unquoted = cell.hasPrefix("\"") ? String(cell.dropFirst().dropLast()) : cell
        #expect(unquoted.hasPrefix("'"))
    }

    @Test func aNegativeNumberStaysANumber() {
        #expect(CSV.cell("-2") == "-2")
        #expect(CSV.cell("-1.5") == "-1.5")
    }

    @Test func commasQuotesAndLineBreaksAreQuoted() {
        #expect(CSV.cell("North, team") == "\"North, team\"")
        #expect(CSV.cell("say \"no\"") == "\"say \"\"no\"\"\"")
        #expect(CSV.cell("two\nlines") == "\"two\nlines\"")
        #expect(CSV.cell("plain") == "plain")
    }

    @Test func theFileHasAHeaderAndCRLFLineEnds() {
        var csv = CSV(header: ["Worker", "Children"])
        csv.append(["=cmd|' /C calc'!A0", "12"])
        #expect(csv.text == "Worker,Children\r\n'=cmd|' /C calc'!A0,12\r\n")
    }
}

//
// Safehold: the escaping patch (see ../../PATCHES.md).
//

import XCTest

@testable import Mustache

final class EscapeTests: XCTestCase {
    func testEscapesTheFiveCharacters() throws {
        let template = try MustacheTemplate(string: "<p title=\"{{v}}\">{{v}}</p>")
        XCTAssertEqual(
            template.render(["v": "<a href='x'>\"&\"</a>"]),
            "<p title=\"&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;\">"
                + "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;</p>")
    }

    /// A combining mark after a quote or a bracket makes one Character of the two: escaping Character by Character
    /// left the quote as it was, so a value could close its attribute and add another.
    func testEscapesAQuoteOrBracketFollowedByACombiningMark() throws {
        let template = try MustacheTemplate(string: "<input value=\"{{v}}\">")
        XCTAssertEqual(
            template.render(["v": "x\"\u{301} autofocus <\u{338}b>'\u{300}"]),
            "<input value=\"x&quot;\u{301} autofocus &lt;\u{338}b&gt;&#39;\u{300}\">")
    }

    func testLeavesTextWithNothingToEscapeAsItIs() throws {
        let text = "Zoë Ødegård · 李小龍 · \u{202E}txt.exe · e\u{301}"
        XCTAssertEqual(try MustacheTemplate(string: "{{v}}").render(["v": text]), text)
        XCTAssertEqual(text.htmlEscape(), text)
    }

    func testTripleMustacheIsNotEscaped() throws {
        XCTAssertEqual(try MustacheTemplate(string: "{{{v}}}").render(["v": "<b>"]), "<b>")
    }
}

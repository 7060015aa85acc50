"""Timeliness in the browser (issue 11). A team manager's home page opens with the children whose next
statutory step will be late unless it is done in the next three working days; the Performance page shows the
team's figures with charts, each figure opening the children behind it, and downloads as CSV with no cell a
spreadsheet would run. A performance analyst sees the whole service's figures, and behind a figure a count,
never a child's name. Every page landed on is checked with axe."""

from __future__ import annotations

import csv
import io

from playwright.sync_api import Page, expect

from safehold_e2e import Visit

MANAGER = ("tm.north", "Child Protection North")
ICPC = "Initial conferences within 15 working days of the strategy discussion"


def test_a_manager_sees_predicted_breaches_and_the_teams_figures_and_the_analyst_sees_no_names(
    page: Page, visit: Visit, a11y
):
    # 1. The manager's home page starts with the team's steps about to be late.
    visit.sign_in(MANAGER[0])
    page.goto("/")
    breaches = page.locator("#breach-team")
    expect(breaches.get_by_role("heading", level=2)).to_contain_text(
        "Will be late unless done in the next three working days: my team")
    expect(breaches.locator("tbody tr").first).to_be_visible()
    visit.seen("performance-home-breaches")

    # 2. The Performance page: the team's figures, a chart with a text alternative, a table beside it.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Performance").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Performance: {MANAGER[1]}")
    expect(page.locator("main svg[role=img]").first).to_be_visible()
    measures = page.locator("section[aria-labelledby=period-h] tbody tr")
    expect(measures.filter(has_text=ICPC)).to_have_count(1)
    visit.seen("performance-team")

    # 3. A figure opens the children behind it: the manager may open them, so they are named and linked.
    conferences = measures.filter(has_text=ICPC)
    conferences.locator("td").nth(1).get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ICPC)
    expect(page.locator("main table tbody tr a").first).to_be_visible()
    visit.seen("performance-children-named")
    page.go_back()

    # 4. The CSV holds the same figures, and no cell starts with a formula character.
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these figures (CSV)").click()
    assert download.value.suggested_filename.startswith("performance-")
    with open(download.value.path(), encoding="utf-8") as handle:
        rows = list(csv.reader(io.StringIO(handle.read())))
    assert rows[0][:3] == ["Whose", "Name", "Measure"]
    assert any(row[2] == ICPC for row in rows[1:])
    assert not [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@")]
    visit.sign_out()

    # 5. The analyst sees every team's figures, and behind a figure a count without names.
    visit.sign_in("analyst")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Performance").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Performance")
    visit.seen("performance-service")
    total = page.locator("section[aria-labelledby=period-h] tbody tr").filter(
        has_text=ICPC).locator("td").nth(1).get_by_role("link")
    total.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ICPC)
    expect(page.locator("main a[href^='/people/']")).to_have_count(0)
    visit.seen("performance-children-counted")
    a11y.assert_clean()

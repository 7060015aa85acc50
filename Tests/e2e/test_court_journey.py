"""Statements for court and the court bundle in the browser (issue 12). A north team social worker starts a
statement on their own child, inserts chronology entries and rewords one for court, confirms the statement of
truth and saves a new version; the team manager signs it off; the manager builds a bundle with a phrase redacted
and downloads it. The PDF is read back with pdftotext: the index names the statement at the page where it starts
(B1), every section's pages carry their letter, and the redacted phrase is not in the file. Every page landed on
is checked with axe."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from playwright.sync_api import Page, expect

from safehold_e2e import Visit, uk_today

WORKER = "sw.north1"
MANAGER = "tm.north"
SECRET = "Larkspur Row"


def _pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True, timeout=60).stdout
    pages = text.split("\f")
    return [p for p in pages if p.strip()]


def test_a_statement_is_signed_off_and_the_bundle_downloads_indexed_and_redacted(page: Page, visit: Visit, a11y,
                                                                                  tmp_path: Path):
    today = uk_today().isoformat()

    # 1. The social worker's own child, found by local id.
    visit.sign_in(WORKER)
    child_name, _ = visit.open_own_child()

    # 2. A statement: started, chronology inserted and reworded, statement of truth confirmed.
    page.get_by_role("link", name="Statements for court").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Statements for court")
    visit.seen("statements")
    page.get_by_label("Title").fill("Journey statement of the social worker")
    page.get_by_label("Proceedings (court and case number)").fill("ZW26C00777")
    page.get_by_role("button", name="Start the statement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Journey statement of the social worker")
    visit.seen("statement")
    insert = page.get_by_role("region", name="Insert entries from the chronology")
    if insert.count():
        insert.locator("input[type=checkbox]").first.check()
        insert.get_by_role("button", name="Insert the chosen entries").click()
        expect(page.locator("main")).to_contain_text("Version 2")
        page.locator("textarea[name=lineText]").first.fill("The school told children's services of the child's "
                                                           "absences and hunger.")
    page.get_by_label("Background").fill(f"The family moved to 7 {SECRET} in the spring.")
    page.get_by_label("I confirm the statement of truth").check()
    page.get_by_label("Full name").fill("North Worker One")
    page.get_by_label("Date", exact=True).fill(today)
    page.get_by_role("button", name="Save as a new version").click()
    expect(page.locator("main")).to_contain_text("draft")
    statement_url = page.url
    visit.seen("statement-saved")
    visit.sign_out()

    # 3. The team manager signs off the latest version; it is frozen.
    visit.sign_in(MANAGER)
    page.goto(statement_url)
    page.get_by_role("button", name=re.compile(r"^Sign off version \d+$")).click()
    expect(page.locator("main")).to_contain_text("signed off")
    expect(page.get_by_role("button", name="Save as a new version")).to_have_count(0)
    visit.seen("statement-signed")

    # 4. The bundle: the statement, the chronology, the phrase redacted; downloaded and read back.
    page.get_by_role("link", name=re.compile("^Statements for court")).click()
    page.get_by_role("link", name="Court bundle and PDFs").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Court bundle")
    visit.seen("bundles")
    page.get_by_label("Title", exact=True).fill("Journey bundle")
    page.get_by_label(re.compile("^Journey statement of the social worker")).check()
    page.get_by_label(re.compile("^Phrases to redact")).fill(SECRET)
    page.get_by_role("button", name="Build the bundle").click()
    expect(page.get_by_role("region", name="Bundles")).to_contain_text("Journey bundle")
    visit.seen("bundle-built")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download Journey bundle (PDF)").click()
    pdf = tmp_path / "bundle.pdf"
    download.value.save_as(pdf)
    pages = _pdf_pages(pdf)
    whole = "\n".join(pages)
    assert SECRET.lower() not in whole.lower(), "the redacted phrase is in the bundle"
    assert "[redacted]" in whole
    index = [line.strip() for line in pages[1].splitlines()] if len(pages) > 1 else []
    assert any(re.fullmatch(r"B/1\s+.*\s+B1", line) for line in index), index
    labels = [p.strip().splitlines()[-1].split()[-1] for p in pages]
    starts = [i for i, p in enumerate(pages) if p.strip().splitlines()[0].strip() == "Item 1 of section B"]
    assert starts and labels[starts[0]] == "B1", labels
    assert any(label.startswith("C") for label in labels), "the chronology is in the bundle"
    a11y.assert_clean()

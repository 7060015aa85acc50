"""Documents, body maps and the court bundle in the browser (issue 12). A north team social worker uploads a
medical report (a PDF made here) to their own child's record, records a body map of two marks, builds a court
bundle holding the report and downloads it. The PDF is read back with pdftotext: the index lists the report in
section E at the page where it starts (E1), that page carries its title and its label, and every page landed
on is checked with axe."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from playwright.sync_api import Page, expect

from safehold_e2e import Visit, uk_today

WORKER = "sw.north1"
REPORT = "Journey paediatric report"
BUNDLE = "Journey documents bundle"


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF 1.4 of text lines in Helvetica, its cross-reference table at the right offsets."""
    text = "\n".join(f"BT /F1 12 Tf 72 {720 - i * 18} Td ({line}) Tj ET" for i, line in enumerate(lines))
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(text)} >>\nstream\n{text}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = "%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n"
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("ascii")


def _pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True, timeout=60).stdout
    return [p for p in text.split("\f") if p.strip()]


def _lines(page: str) -> list[str]:
    return [line.strip() for line in page.splitlines() if line.strip()]


def test_a_document_and_a_body_map_are_recorded_and_the_bundle_holds_the_document(page: Page, visit: Visit, a11y,
                                                                                   tmp_path: Path):
    today = uk_today().isoformat()

    # 1. The social worker's own child, found by local id.
    visit.sign_in(WORKER)
    child_name, _ = visit.open_own_child()
    child_url = page.url

    # 2. A medical report uploaded to the child's record, its type read from the file.
    page.get_by_role("region", name="Body maps and documents").get_by_role("link", name="Documents").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Documents on the child's record")
    visit.seen("documents")
    page.get_by_label("Title").fill(REPORT)
    page.get_by_label("What it is").select_option("medical_report")
    page.get_by_label("File").set_input_files(
        files=[{"name": "paediatric-report.pdf", "mimeType": "application/pdf",
                "buffer": _pdf(["Child protection medical (synthetic journey report)",
                                "A bruise on the left forearm, 25 mm."])}])
    page.get_by_label("Third-party material (from another agency or person)").check()
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(REPORT)
    expect(page.locator("main")).to_contain_text("PDF")
    visit.seen("document")

    # 3. A body map of two marks: drawn on the outline and listed in the table.
    page.goto(child_url)
    page.get_by_role("region", name="Body maps and documents").get_by_role("link", name="Body maps").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Body maps")
    visit.seen("body-maps")
    page.get_by_label("Date the marks were seen").fill(today)
    page.get_by_label("Notes (optional)").fill("Seen at a home visit; the child was calm.")
    first = page.get_by_role("group", name="Mark 1 (leave blank if none)")
    first.get_by_label("Site on the body").select_option("forearm_left_front")
    first.get_by_label("Type").select_option("bruise")
    first.get_by_label("Size (mm)").fill("25")
    first.get_by_label("Colour").fill("Blue-purple")
    first.get_by_label("Explanation given", exact=True).fill("Fell off the sofa")
    first.get_by_label("Explanation given by").fill("Mother")
    first.get_by_label("Seen by").fill("North Worker One")
    second = page.get_by_role("group", name="Mark 2 (leave blank if none)")
    second.get_by_label("Site on the body").select_option("upper_back")
    second.get_by_label("Type").select_option("bruise")
    second.get_by_label("Size (mm)").fill("30")
    second.get_by_label("Seen by").fill("North Worker One")
    page.get_by_role("button", name="Record body map").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Body map: marks seen")
    expect(page.locator("main svg").first).to_be_visible()
    expect(page.locator("main")).to_contain_text("Fell off the sofa")
    visit.seen("body-map")

    # 4. The bundle with the report in section E, built and downloaded.
    page.goto(child_url)
    page.get_by_role("link", name="Court bundle", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Court bundle")
    visit.seen("bundles")
    page.get_by_label("Title", exact=True).fill(BUNDLE)
    page.get_by_label(f"{REPORT} (PDF)").check()
    page.get_by_role("button", name="Build the bundle").click()
    expect(page.get_by_role("region", name="Bundles")).to_contain_text(BUNDLE)
    visit.seen("bundle-built")
    with page.expect_download() as download:
        page.get_by_role("link", name=f"Download {BUNDLE} (PDF)").click()
    pdf = tmp_path / "bundle.pdf"
    download.value.save_as(pdf)
    pages = _pdf_pages(pdf)

    # The index (front pages) names the report as E/1 at page E1; that page starts with its marker, holds the
    # report's title and is labelled E1 (its last line's last word).
    index = [line for p in pages[:3] for line in _lines(p)]
    assert any(re.fullmatch(r"E\s+Documents\s+E1", line) for line in index), index
    assert any(re.fullmatch(rf"E/1\s+{re.escape(REPORT)}\s+E1", line) for line in index), index
    labels = [_lines(p)[-1].split()[-1] for p in pages]
    starts = [i for i, p in enumerate(pages) if _lines(p)[0] == "Item 1 of section E"]
    assert starts, "section E is not in the bundle"
    assert labels[starts[0]] == "E1", labels
    assert REPORT in pages[starts[0]]
    assert child_name in pages[0], "the cover names the child"
    a11y.assert_clean()

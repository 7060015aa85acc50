"""Partner agencies in the browser (issue 8). A school's safeguarding lead finds a child by name (the name
only), raises a concern with the child's own words and why the parents are not told; the front door
decides and says what it chooses to tell the school; the school sees that, and nothing else of the
child's record. A probation officer's question for advice is answered and shown to him. Every page
landed on is checked with axe."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from safehold_e2e import Visit

SCHOOL = "dsl.riverside"
DOOR = "frontdoor1"
MARK = "Journey concern: bruise on the forearm seen at swimming"
WORDS = "Dad squeezed my arm when I spilt the juice."
FEEDBACK = "Thank you for telling us. We have spoken to the family and early help will visit this week."


def test_a_school_raises_a_concern_and_the_front_door_tells_it_what_it_chose(page: Page, visit: Visit, a11y):
    nav = page.get_by_role("navigation", name="Main")

    # 1. The school: search before raising, refused without the parents' answer, then raised.
    visit.sign_in(SCHOOL)
    nav.get_by_role("link", name="My concerns").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Concerns you raised")
    visit.seen("my-concerns")
    page.get_by_role("link", name="Raise a concern").click()
    page.get_by_label("Find the child by name").fill("Ashdown")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    found = page.locator("fieldset#childIds input[type=checkbox]")
    expect(found.first).to_be_visible()
    child_label = page.locator("fieldset#childIds label").first.inner_text()
    # Name only: no local id, no date of birth.
    assert not re.search(r"SH-\d|born", child_label), child_label
    visit.seen("concern-form")
    found.first.check()
    page.get_by_label("What you saw or heard").fill(MARK)
    page.get_by_label(re.compile("^The child's own words")).fill(WORDS)
    page.get_by_label("What you have already done").fill("Spoke to the child alone; noted the mark.")
    page.get_by_role("button", name="Raise concern").click()
    expect(page.locator("#error-summary")).to_contain_text("parents")
    visit.seen("concern-refused")
    page.locator("fieldset#childIds input[type=checkbox]").first.check()
    page.get_by_role("radio", name="No").check()
    page.get_by_label(re.compile("^If not, why not")).fill("Telling them could put the child at risk.")
    page.get_by_role("button", name="Raise concern").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Concern raised")
    expect(page.locator("#concern-status")).to_have_text("Received")
    expect(page.locator("main")).to_contain_text(WORDS)
    expect(page.get_by_role("link", name="Open the contact")).to_have_count(0)
    concern_path = page.url
    visit.seen("concern-received")
    visit.sign_out()

    # 2. The front door finds the contact the concern became and decides, with a message for the school.
    visit.sign_in(DOOR)
    nav.get_by_role("link", name="Contacts").click()
    row = page.locator("main tbody tr").filter(has_text=MARK[:60])
    expect(row).to_have_count(1)
    row.get_by_role("link").first.click()
    expect(page.locator("main")).to_contain_text("The child's own words: " + WORDS)
    expect(page.locator("main")).to_contain_text("Rita Rivers")
    visit.seen("contact-from-school")
    page.get_by_label("Decision", exact=True).select_option("early_help")
    page.get_by_label("Reason").fill("Single bruise with an account; family to be offered early help.")
    page.get_by_label("Urgency").select_option("green")
    page.get_by_label(re.compile("^What to tell the referrer")).fill(FEEDBACK)
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Contacts awaiting a decision")
    visit.sign_out()

    # 3. The school is told: a notification, the status and the message; never the decision's reasons.
    visit.sign_in(SCHOOL)
    expect(nav.locator(".badge")).to_be_visible()
    nav.get_by_role("link", name=re.compile("^Notifications")).click()
    told = page.locator("main tbody tr.unread").filter(has_text="decided on the concern you raised")
    expect(told.first).to_contain_text(FEEDBACK)
    visit.seen("school-notifications")
    told.first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Concerns you raised")
    page.goto(concern_path)
    expect(page.locator("#concern-status")).to_contain_text("Decided")
    expect(page.locator("#feedback")).to_contain_text(FEEDBACK)
    expect(page.locator("main")).not_to_contain_text("Single bruise with an account")
    visit.seen("concern-decided")
    visit.sign_out()
    a11y.assert_clean()


def test_a_partner_asks_for_advice_and_sees_the_answer(page: Page, visit: Visit, a11y):
    nav = page.get_by_role("navigation", name="Main")
    visit.sign_in("probation1")
    nav.get_by_role("link", name="Safeguarding advice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Safeguarding advice")
    page.get_by_role("button", name="Ask for advice").click()
    expect(page.locator("#error-summary")).to_contain_text("question")
    page.get_by_label("Your question").fill("Journey question: may I share a licence condition with a nursery?")
    page.get_by_role("button", name="Ask for advice").click()
    expect(page.locator("main")).to_contain_text("Journey question")
    expect(page.locator("main")).to_contain_text("Waiting for the front door")
    visit.seen("advice-asked")
    visit.sign_out()

    visit.sign_in(DOOR)
    nav.get_by_role("link", name="Safeguarding advice").click()
    card = page.locator("article.card").filter(has_text="Journey question")
    card.get_by_label("Advice").fill("Yes, with the nursery manager only, under the public task basis.")
    card.get_by_role("button", name="Give advice").click()
    expect(page.locator("article.card").filter(has_text="Journey question")).to_contain_text("public task basis")
    visit.seen("advice-given")
    visit.sign_out()

    visit.sign_in("probation1")
    nav.get_by_role("link", name="Safeguarding advice").click()
    expect(page.locator("article.card").filter(has_text="Journey question")).to_contain_text("public task basis")
    visit.sign_out()
    a11y.assert_clean()


REPORT_MARK = "Journey report: baby gaining weight well; mother low in mood"
WORKERS = ["sw.north1", "sw.north2", "sw.north3", "sw.south1", "sw.south2", "sw.cin1"]


def test_the_health_visitor_sends_a_report_that_the_social_worker_reads(page: Page, visit: Visit, a11y):
    nav = page.get_by_role("navigation", name="Main")

    # 1. The health visitor opens an invitation to a conference with no report yet and sends one.
    visit.sign_in("hv1")
    nav.get_by_role("link", name="Invitations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invitations")
    visit.seen("invitations")
    row = page.locator("main tbody tr").filter(has_text="Not yet sent").filter(has_text="conference").first
    child = row.locator("td").first.inner_text().strip()
    row.get_by_role("link").click()
    expect(page.locator("main dl.facts")).to_contain_text(child)
    visit.seen("invitation")
    page.get_by_label("What we know").fill(REPORT_MARK)
    page.get_by_label("What we are worried about").fill("Mother says she is not sleeping; missed a clinic.")
    page.get_by_label("What is working well").fill("Baby's weight is on the 50th centile; father is supportive.")
    page.get_by_label("Our view and recommendation").fill("A child in need plan with health visiting weekly.")
    page.get_by_role("button", name="Submit report").click()
    expect(page.get_by_label("What we know")).to_have_value(REPORT_MARK)
    page.goto("/invitations")
    expect(page.locator("main tbody tr").filter(has_text=child).filter(has_text="Sent").first).to_be_visible()
    # The health visitor never opens the child's record.
    expect(page.locator("main a[href^='/people/']")).to_have_count(0)
    visit.sign_out()

    # 2. The child's social worker is told and reads the report before the meeting.
    for worker in WORKERS:
        visit.sign_in(worker)
        nav.get_by_role("link", name=re.compile("^Notifications")).click()
        told = page.locator("main tbody tr").filter(has_text="sent its report").filter(has_text=child)
        if told.count() > 0:
            break
        visit.sign_out()
    else:
        raise AssertionError(f"no social worker was told of the report about {child}")
    visit.seen("report-notification")
    told.first.get_by_role("link").click()
    page.get_by_role("link", name=re.compile("^Conferences and core groups")).click()
    page.locator("main tbody tr").filter(has_text="conference").first.get_by_role("link").click()
    expect(page.locator("main")).to_contain_text(REPORT_MARK)
    visit.seen("meeting-with-report")
    visit.sign_out()
    a11y.assert_clean()

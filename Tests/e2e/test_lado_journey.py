"""Allegations against people who work with children in the browser (issue 9). The LADO receives an
allegation about a teacher, is refused an outcome before the evaluation, holds the strategy meeting,
records the outcome and raises a contact to the front door for the pupil concerned; the pupil's social
worker is told and sees the contact on the child's chronology. The teacher's record is the LADO's alone:
the social worker does not find it by name. Every page landed on is checked with axe."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from safehold_e2e import Visit, uk_today

LADO = "lado1"
WORKER = "sw.north1"
TEACHER_GIVEN, TEACHER_FAMILY = "Journey", "Chalkwright"
CONCERN = "Journey contact from the LADO: the pupil may need support after an allegation against her teacher."


def test_the_lado_manages_an_allegation_and_the_childs_worker_sees_the_contact(page: Page, visit: Visit, a11y):
    nav = page.get_by_role("navigation", name="Main")
    today = uk_today().isoformat()

    # 1. The social worker's own child: the first one allocated to them (name and local id).
    visit.sign_in(WORKER)
    child_name, child_local = visit.own_child()
    assert re.fullmatch(r"SH-\d{6}", child_local), child_local
    visit.sign_out()

    # 2. The LADO lands on the LADO home (the demo's work) and records the allegation.
    visit.sign_in(LADO)
    expect(page).to_have_url(re.compile(r"/lado$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("LADO")
    expect(page.get_by_role("region", name="Initial considerations due")).to_contain_text("Ashby")
    visit.seen("lado-home")
    page.get_by_role("link", name="Record a new allegation").click()
    visit.seen("allegation-form")
    page.get_by_label("Given name").fill(TEACHER_GIVEN)
    page.get_by_label("Family name").fill(TEACHER_FAMILY)
    page.get_by_label("Date of birth").fill("1984-06-02")
    page.get_by_label("Employer or organisation").fill("Riverside Primary School")
    page.get_by_label("Sector").select_option("education")
    page.get_by_label("Their role").fill("Year 5 class teacher")
    page.get_by_label(re.compile("^Behaved in a way that has harmed")).check()
    page.get_by_label("Referred by").select_option("employer")
    page.get_by_label("Referrer's name").fill("Head teacher")
    page.get_by_label(re.compile("^Children it concerns")).fill(child_local)
    page.get_by_label("What is alleged").fill("A pupil says the teacher pulled her hair in the classroom.")
    page.get_by_role("button", name="Record the allegation").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{TEACHER_GIVEN} {TEACHER_FAMILY}")
    expect(page.locator("main")).to_contain_text("Awaiting the initial consideration")
    case_path = page.url
    visit.seen("allegation")

    # 3. The outcome is not offered before the evaluation; the initial consideration comes first.
    expect(page.get_by_role("button", name="Record the outcome")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("The outcome is recorded after the strategy meeting or evaluation.")
    page.get_by_label("Decision").select_option("threshold_met")
    page.get_by_label("Reasons").fill("Physical harm to a pupil is alleged.")
    page.get_by_role("button", name="Record the initial consideration").click()
    expect(page.locator("main")).to_contain_text("Awaiting the strategy meeting or evaluation")

    # 4. The strategy meeting, with its attendees; a meeting with nobody named is refused first.
    page.get_by_label("Held as").select_option("strategy_meeting")
    page.get_by_label("What was agreed").fill("Police to speak to the pupil; the school to suspend meanwhile.")
    page.get_by_role("button", name="Record the meeting or evaluation").click()
    expect(page.locator("#error-summary")).to_contain_text("at least one person")
    visit.seen("meeting-refused")
    page.get_by_label("Held as").select_option("strategy_meeting")
    page.locator("#attendee-1").fill("Lee Adoson")
    page.locator("#agency-1").fill("LADO Service")
    page.locator("#attendee-2").fill("DS Carter")
    page.locator("#agency-2").fill("Northbridge Police")
    page.get_by_label("What was agreed").fill("Police to speak to the pupil; the school to suspend meanwhile.")
    page.get_by_role("button", name="Record the meeting or evaluation").click()
    expect(page.locator("main")).to_contain_text("Awaiting the outcome")
    expect(page.locator("main")).to_contain_text("DS Carter (Northbridge Police)")

    # 5. The outcome: substantiated, referred to the DBS.
    page.locator("select#outcome").select_option("substantiated")
    page.get_by_label("Reasons and what follows").fill("The pupil's account was consistent; the teacher resigned.")
    page.get_by_label("Referred to the DBS on").fill(today)
    page.get_by_role("button", name="Record the outcome").click()
    expect(page.locator("main")).to_contain_text("Closed: substantiated")
    expect(page.locator("main")).to_contain_text("Referred to the Disclosure and Barring Service")
    visit.seen("allegation-closed")

    # 6. A contact to the front door for the pupil.
    page.get_by_label("Raise a contact to the front door about").select_option(label=child_name)
    page.get_by_label("What the front door needs to know about the child").fill(CONCERN)
    page.get_by_role("button", name="Raise the contact").click()
    expect(page.locator("main")).to_contain_text(f"Contact about {child_name} raised to the front door")
    visit.seen("contact-raised")
    nav.get_by_role("link", name="LADO").click()
    page.get_by_role("link", name="Annual figures").click()
    expect(page.locator("main svg").first).to_be_visible()
    expect(page.locator("main")).to_contain_text("Resolved within one month")
    visit.seen("lado-figures")
    visit.sign_out()

    # 7. The pupil's social worker is told, and reads the contact on the child's chronology.
    visit.sign_in(WORKER)
    nav.get_by_role("link", name=re.compile("^Notifications")).click()
    told = page.locator("main tbody tr").filter(has_text="The LADO service raised a contact").filter(has_text=child_name)
    expect(told.first).to_be_visible()
    visit.seen("worker-notifications")
    told.first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(child_name)
    page.get_by_role("link", name="Chronology").click()
    expect(page.locator("main")).to_contain_text(CONCERN[:60])
    visit.seen("chronology-with-contact")

    # 8. The teacher's record is the LADO service's: the social worker does not find it by name, nor open it.
    visit.search(TEACHER_FAMILY)
    expect(page.locator("main table", has_text=TEACHER_FAMILY)).to_have_count(0)
    page.goto(case_path)
    expect(page.locator("main")).to_contain_text("There is no record with that id that you may see.")
    visit.sign_out()
    a11y.assert_clean()

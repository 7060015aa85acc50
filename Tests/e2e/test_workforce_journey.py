"""The workforce in the browser (issue 10). A team manager reallocates a child from one social worker to
another with a reason that the allocation history keeps, then records the new worker's supervision with a
case discussion whose decision and action appear on the child's record and chronology, while the reflective
part stays in the worker's own supervision record. The manager's workforce dashboard shows the team's
figures with charts and a CSV download. A police officer whose ABE accreditation has expired is refused as an
interviewer, until an administrator records the renewal in the training register. Every page landed on is
checked with axe.

The ABE journey renews DS Bobbitt's accreditation: it runs after the police journey (file order), which
needs her refused."""

from __future__ import annotations

import re
from datetime import date, timedelta

from playwright.sync_api import Page, expect

import test_police_journey as police
from safehold_e2e import UK, Visit, shown, uk_today

MANAGER = ("tm.north", "Morgan Northgate")
FROM = ("sw.north2", "Nia Worthing")
TO = ("sw.north3", "Kofi Mensworth")
LAPSED = police.LAPSED


def test_a_manager_reallocates_a_child_and_records_supervision_with_a_case_decision(page: Page, visit: Visit, a11y):
    today = uk_today()
    reason = f"Journey reallocation {police.random.randrange(10**6)}: Nia is going on leave; Kofi knows the family."
    decision = f"Journey decision {police.random.randrange(10**6)}: convene a core group before the review."
    reflection = "Journey reflection: Kofi found the last home visit distressing and wants a joint visit next."
    action = "Book the core group meeting"
    action_due = today + timedelta(days=7)

    # 1. The manager opens the team's caseloads and one of Nia's children.
    visit.sign_in(MANAGER[0])
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Caseloads").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Caseloads")
    visit.seen("workforce-caseloads")
    nia = page.locator("main details").filter(has=page.locator("summary", has_text=f"{FROM[1]}:"))
    nia.locator("summary").click()
    first = nia.locator("tbody tr").first.get_by_role("link")
    child_name = first.inner_text().strip()
    first.click()
    # The caseload links each child to its allocation page.
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Allocation and access: {child_name}")
    child_path = re.sub(r"/allocation$", "", page.url)

    # 2. A reallocation without a reason is refused; with one it moves the child to Kofi, and the history keeps both.
    visit.seen("workforce-allocation")
    page.get_by_label("Worker").select_option(label=f"{TO[1]} (Child protection social worker, Northbridge Council Children's Services)")
    page.get_by_role("button", name="Allocate").click()
    expect(page.locator("#error-summary")).to_contain_text("Reason")
    page.get_by_label("Worker").select_option(label=f"{TO[1]} (Child protection social worker, Northbridge Council Children's Services)")
    page.get_by_label("Reason").fill(reason)
    page.get_by_role("button", name="Allocate").click()
    expect(page.locator("#error-summary")).to_have_count(0)
    page.goto(child_path + "/allocation")
    history = page.locator("#allocation-history")
    # Kofi's row opened with the reason; Nia's row ended with it.
    expect(history.locator("tr").filter(has_text=reason).filter(has_text=TO[1])).to_have_count(1)
    expect(history.locator("tr").filter(has_text=reason).filter(has_text=FROM[1])).to_have_count(1)
    visit.seen("workforce-reallocated")

    # 3. The manager records Kofi's supervision: a case discussion about the child, with an action, and a reflection.
    page.goto("/workforce/supervision")
    expect(page.get_by_role("heading", level=1)).to_have_text("Supervision")
    visit.seen("workforce-supervision")
    page.locator("#supervision-list").get_by_role("link", name=TO[1]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Supervision: {TO[1]}")
    discussion = page.get_by_role("group", name=re.compile(r"^Case discussion 1"))
    discussion.get_by_label("Child").select_option(label=child_name)
    discussion.get_by_label("Decision").fill(decision)
    discussion.get_by_label("Action").first.fill(action)
    discussion.get_by_label("Owner").first.select_option(label=TO[1])
    discussion.get_by_label("Due").first.fill(action_due.isoformat())
    page.get_by_label(re.compile(r"^Reflective supervision")).fill(reflection)
    page.get_by_role("button", name="Record the session").click()
    expect(page.locator("#error-summary")).to_have_count(0)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Supervision of {TO[1]}, {shown(today)}")
    expect(page.locator("main")).to_contain_text(decision)
    expect(page.locator("main")).to_contain_text(reflection)   # the supervisor who recorded it reads it
    visit.seen("workforce-supervision-recorded")

    # 4. The decision is on the child's record and chronology; the reflection is on neither.
    page.goto(child_path)
    oversight = page.locator("#oversight")
    expect(oversight).to_contain_text(decision)
    expect(oversight).to_contain_text(action)
    expect(page.locator("main")).not_to_contain_text(reflection)
    page.goto(child_path + "/chronology")
    expect(page.locator("main")).to_contain_text(decision)
    expect(page.locator("main")).not_to_contain_text(reflection)
    visit.seen("workforce-oversight-chronology")

    # 5. The dashboard shows the team with its charts and a CSV download.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Workforce").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Workforce: Child Protection North")
    expect(page.locator("main svg[role=img]").first).to_be_visible()
    expect(page.locator("main table").filter(has_text=TO[1])).to_have_count(1)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these figures (CSV)").click()
    assert download.value.suggested_filename.startswith("workforce-")
    visit.seen("workforce-dashboard")
    visit.sign_out()

    # 6. Kofi reads the reflection in his own supervision record; the action is on his due list.
    visit.sign_in(TO[0])
    page.goto("/me/supervision")
    expect(page.locator("main")).to_contain_text(reflection)
    visit.seen("workforce-my-supervision")
    a11y.assert_clean()


def test_an_expired_abe_interviewer_is_refused_until_the_renewal_is_recorded(page: Page, visit: Visit, a11y):
    today = uk_today()
    reference = f"NB/{police.random.randrange(30000, 100000)}/{today.year % 100:02d}"
    child = police.school_concern(visit, today)
    police.joint_strategy_discussion(visit, child, today)
    path = police.allocate(visit, child, reference, "Police-only: nothing further known.", today)

    # 1. DS Bobbitt's ABE accreditation has expired: refused as the only interviewer, the gate naming it.
    planned = police.utc_minute() - timedelta(hours=1)
    plan = police.open_details(page, "Plan an ABE interview")
    fill_interview(plan, child.name, planned)
    plan.get_by_role("group", name="Interviewers (ABE-accredited on the day)").get_by_label(LAPSED, exact=True).check()
    police.submit_refused(page, plan.get_by_role("button", name="Plan interview"), "/interviews")
    problem = police.error_summary(page).locator("li")
    expect(problem).to_contain_text(
        f"{LAPSED} holds no ABE interviewing accreditation current on {shown(planned.astimezone(UK).date())}")
    expect(page.locator("main")).to_contain_text("No interview planned.")
    visit.seen("workforce-abe-refused")
    visit.sign_out()

    # 2. An administrator records the renewal in the training register (the team view lists her as expired).
    visit.sign_in("admin")
    page.goto("/workforce/training")
    expect(page.get_by_role("heading", level=1)).to_have_text("Training and accreditations")
    row = page.locator("main table tbody tr").filter(has_text=LAPSED)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Achieving Best Evidence interviewing")
    visit.seen("workforce-training-team")
    row.get_by_role("link", name=LAPSED).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(LAPSED)
    page.get_by_label("Course", exact=True).select_option(label="Achieving Best Evidence interviewing")
    page.get_by_label("Completed on", exact=True).fill((today - timedelta(days=2)).isoformat())
    page.get_by_label("Provider", exact=True).fill("College of Policing")
    page.get_by_label(re.compile(r"^Evidence reference")).fill("ABE-REFRESH-2026-17")
    page.get_by_role("button", name="Record").click()
    expect(page.locator("#error-summary")).to_have_count(0)
    standing = page.locator("main table").first.locator("tr").filter(has_text="Achieving Best Evidence interviewing")
    expect(standing).to_contain_text("Current")
    visit.seen("workforce-training-renewed")
    visit.sign_out()

    # 3. The officer plans the interview again with DS Bobbitt: accepted now.
    visit.sign_in(police.OFFICER[0])
    page.goto(path)
    plan = police.open_details(page, "Plan an ABE interview")
    fill_interview(plan, child.name, planned)
    plan.get_by_role("group", name="Interviewers (ABE-accredited on the day)").get_by_label(LAPSED, exact=True).check()
    police.submit_accepted(page, plan.get_by_role("button", name="Plan interview"), path)
    card = page.locator("main .card").filter(has_text=child.name)
    expect(card).to_contain_text(f"Interviewer: {LAPSED}")
    visit.seen("workforce-abe-accepted")
    a11y.assert_clean()


def fill_interview(plan, child_name: str, planned) -> None:
    plan.get_by_label("Child", exact=True).select_option(label=child_name)
    plan.get_by_label("When (UK time)", exact=True).fill(police.local_minute(planned))
    plan.get_by_label("Type of interview", exact=True).select_option(
        label="Video-recorded interview (evidence in chief)")
    plan.get_by_label("Why this type of interview", exact=True).fill(
        "A young child disclosing physical abuse: a video-recorded interview gives best evidence.")

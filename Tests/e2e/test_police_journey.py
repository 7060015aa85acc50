"""The police child protection team in the browser (issue 7). A school raises a concern about a new child;
the front door passes it to a child protection team for a strategy discussion, which decides a section 47
enquiry jointly with the police and opens an investigation for the Child Abuse Investigation Team. An officer
of that team finds the joint enquiry waiting on the police home, allocates it (a crime reference in the wrong
format is refused first), plans an Achieving Best Evidence interview (an interviewer whose accreditation has
lapsed is refused), records it as held, and records the Crown Prosecution Service's decision to charge (refused
until the child's views are recorded). While the joint enquiry is open the officer reads the child's record;
the social worker then sees the outcome on the child's page, the investigation's shared view and the
chronology, and never the police-only intelligence or the child's interview account. A second journey records
police protection and its 72-hour clock. Every page landed on is checked with axe."""

from __future__ import annotations

import random
import re
from datetime import date, datetime, timedelta, timezone

from playwright.sync_api import Locator, Page, expect

from safehold_e2e import UK, UUID_PATH, Child, Visit, open_child, shown, start_step, submit_step, uk_today

FRONT_DOOR = ("frontdoor1", "Farah Doorley")
DECIDER = ("frontdoor2", "Frank Mashford")
WORKER = ("sw.north1", "Sam Northam")
TEAM = "Child Protection North"
OFFICER = ("police.cait1", "DC Jordan Peel")      # ABE-accredited
LAPSED = "DS Casey Bobbitt"                        # ABE accreditation lapsed; supervises
POLICE_TEAM = "Child Abuse Investigation Team"
POLICE_SOURCE = f"Police: {POLICE_TEAM}"
INVESTIGATION_PATH = re.compile(r"/investigations/[0-9A-Fa-f-]{36}$")
PROTECTION_PATH = re.compile(r"/police-protection/[0-9A-Fa-f-]{36}$")
OFFENCE = "OAPA47: Assault occasioning actual bodily harm (OAPA 1861 s47)"


def utc_minute() -> datetime:
    """Now, to the minute, in UTC: hours added to it are real hours, whatever the UK clocks do."""
    return datetime.now(timezone.utc).replace(second=0, microsecond=0)


def local_minute(at: datetime) -> str:
    """A moment as a datetime-local field takes it, in UK time: 2026-11-26T09:35."""
    return at.astimezone(UK).strftime("%Y-%m-%dT%H:%M")


def facts(page: Page) -> dict[str, str]:
    """The investigation's (or protection's) first list of facts: term -> description."""
    dl = page.locator("main dl.facts").first
    terms = [t.strip() for t in dl.locator("dt").all_inner_texts()]
    values = [d.strip() for d in dl.locator("dd").all_inner_texts()]
    return dict(zip(terms, values))


def folded_form(page: Page, summary: str, within: Locator | None = None) -> Locator:
    """The <details> with this summary: a form folded away on the investigation's page."""
    scope = within if within is not None else page.locator("main")
    details = scope.locator("details").filter(has=page.locator("summary", has_text=summary))
    expect(details).to_have_count(1)
    return details


def open_details(page: Page, summary: str, within: Locator | None = None) -> Locator:
    """Unfolds the form under this summary, as a worker would, and returns it."""
    details = folded_form(page, summary, within)
    expect(details).not_to_have_attribute("open", "")
    details.locator("summary").click()
    return details


def refused_form(page: Page, summary: str, within: Locator | None = None) -> Locator:
    """A refused form comes back on the page unfolded, so that what was typed can be put right."""
    details = folded_form(page, summary, within)
    expect(details).to_have_attribute("open", "")
    expect(details.locator("form")).to_be_visible()
    return details


def error_summary(page: Page) -> Locator:
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    return summary


def submit_refused(page: Page, button: Locator, path_part: str) -> None:
    """Submits a form that must come back with its problems (422), not be saved."""
    with page.expect_response(lambda r: path_part in r.url and r.request.method == "POST") as answer:
        button.click()
    status = answer.value.status
    assert status == 422, f"expected the form at {path_part} to be refused with 422, got {status}"
    page.wait_for_load_state("load")


def submit_accepted(page: Page, button: Locator, back_to: str) -> None:
    """Submits a form that must be saved, landing back on `back_to`."""
    button.click()
    try:
        expect(page).to_have_url(re.compile(re.escape(back_to) + "$"))
        expect(page.locator("#error-summary")).to_have_count(0)
    except AssertionError:
        problems = page.locator("main .notice.error").all_inner_texts()
        raise AssertionError(f"the form was not saved; now at {page.url} showing {problems}") from None


# --- 1-2. the school's concern, the front door and the strategy discussion -------------------------

def school_concern(visit: Visit, today: date) -> Child:
    """The front door records the child and the school's concern; a second front-door worker sends it to
    the North team for a strategy discussion. Returns the child."""
    page = visit.page
    family = f"Policecase{random.randrange(10**6, 10**7)}"
    visit.sign_in(FRONT_DOOR[0])
    page.get_by_role("navigation", name="Main").get_by_role("link", name="New person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a new person")
    page.get_by_label("Kind of person", exact=True).select_option("child")
    page.get_by_label("Given name", exact=True).fill("Robin")
    page.get_by_label("Family name", exact=True).fill(family)
    page.get_by_label("Date of birth", exact=True).fill(date(today.year - 9, 6, 2).isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/contacts/new\?children=SH-\d+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a contact")
    local_id = page.get_by_label(re.compile(r"^Children it concerns")).input_value()
    assert re.fullmatch(r"SH-\d+", local_id), f"the new child's local id was not carried to the contact: {local_id!r}"

    page.get_by_label("Received (date and time, UK time)", exact=True).fill(local_minute(datetime.now(UK)))
    page.get_by_label("Who raised the concern", exact=True).select_option(label="2A: Schools")
    page.get_by_label(re.compile(r"^Referrer's name")).fill("Ms Alex Teachwell")
    page.get_by_label("Referrer's agency", exact=True).fill("Riverside Primary School")
    name = f"Robin {family}"
    page.get_by_label("What was said", exact=True).fill(
        f"{name} came to school with finger-mark bruises on the upper arm and said their mum's boyfriend "
        "grabbed them and threw them against the wall last night. The class teacher saw the bruising.")
    page.get_by_role("button", name="Record contact").click()
    expect(page.locator("#error-summary")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/contacts/[0-9A-Fa-f-]{36}$"))
    contact_path = re.search(r"/contacts/[0-9A-Fa-f-]{36}$", page.url).group(0)
    contact_facts = page.locator("dl.facts").first
    expect(contact_facts).to_contain_text("2A: Schools")
    expect(contact_facts).to_contain_text("Ms Alex Teachwell")
    child_path = page.locator("main").get_by_role("link", name=name).get_attribute("href")
    assert child_path and UUID_PATH.search(child_path), f"no link to the child on the contact page: {child_path!r}"
    visit.seen("contact")
    visit.sign_out()

    visit.sign_in(DECIDER[0])
    page.goto(contact_path)
    page.get_by_label("Decision", exact=True).select_option(label="Strategy discussion (s47)")
    page.get_by_label("Reason", exact=True).fill("Injury disclosed by a 9-year-old, caused by an adult in the home.")
    page.get_by_label("Urgency", exact=True).select_option(label="Red")
    page.get_by_label(re.compile(r"^Team that will hold the case")).select_option(label=TEAM)
    page.get_by_role("button", name="Record decision").click()
    expect(page.locator("#error-summary")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/contacts$"))
    visit.sign_out()
    return Child(name, child_path, local_id)


def joint_strategy_discussion(visit: Visit, child: Child, today: date) -> None:
    """The team's social worker finds the child, holds the strategy discussion that decides a joint
    enquiry with the police's investigating team, and starts the section 47 enquiry."""
    page = visit.page
    visit.sign_in(WORKER[0])
    visit.search(child.name)
    page.locator(f"main table a[href='{child.path}']").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(child.name)
    expect(page.get_by_role("region", name="Police")).to_have_count(0)   # no police work yet

    start_step(visit, child, "Strategy discussion", today)
    page.get_by_label(re.compile(r"^Participants")).fill(
        f"{WORKER[1]}, Northbridge Council, local_authority\n"
        f"{OFFICER[1]}, Northbridge Police, police\n"
        "Nurse Test, Northbridge Health, health\n"
        "Ms Alex Teachwell, Riverside Primary School, school")
    page.get_by_label("Information shared", exact=True).fill(
        "School saw finger-mark bruising; the mother's boyfriend moved in a month ago.")
    page.get_by_label("Decision", exact=True).select_option(label="Section 47 enquiry, joint with police")
    page.get_by_label("Police team that will investigate (opens an investigation)", exact=True).select_option(
        label=POLICE_TEAM)
    page.get_by_label("Immediate safety actions", exact=True).fill("Child to stay with grandmother tonight.")
    submit_step(visit, child)

    start_step(visit, child, "Start a section 47 enquiry", today)
    submit_step(visit, child)
    # The joint enquiry already shows on the child's page, as the police share it: awaiting its officer.
    police = page.get_by_role("region", name="Police")
    expect(police).to_contain_text("Investigation No reference yet")
    expect(police).to_contain_text("Reported")
    expect(police).to_contain_text("Awaiting allocation")
    expect(police).to_contain_text("(as shared by the police)")
    visit.seen("person-joint-enquiry")
    visit.sign_out()


# --- 3-5. the police officer's side -------------------------------------------------------------------

def allocate(visit: Visit, child: Child, reference: str, intelligence: str, today: date) -> str:
    """The officer finds the joint enquiry on the police home and allocates it. Returns the investigation's path."""
    page = visit.page
    visit.sign_in(OFFICER[0])
    expect(page).to_have_url(re.compile(r"/police$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Police work")
    visit.seen("police-home")
    waiting = page.get_by_role("region", name="Joint enquiries awaiting an officer")
    entry = waiting.locator("p").filter(has_text=child.name)
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text("(Reported)")
    entry.get_by_role("link", name="No reference yet").click()
    expect(page).to_have_url(INVESTIGATION_PATH)
    path = re.search(INVESTIGATION_PATH, page.url).group(0)
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Investigation No reference yet Joint with social care")
    before = facts(page)
    assert before["Status"] == "Reported" and before["Investigating team"] == POLICE_TEAM, before
    assert before["Officer in the case"] == "Awaiting allocation", before
    people = page.locator("main table").first
    expect(people.locator("tbody tr").filter(has_text=child.name)).to_contain_text("Victim")
    visit.seen("investigation-unallocated")

    page.get_by_role("link", name="Change details or allocate").click()
    expect(page).to_have_url(re.compile(re.escape(path) + "/edit$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the investigation")
    expect(page.get_by_label(re.compile(r"^Child victims"))).to_have_value(child.local_id)
    expect(page.get_by_label(re.compile(r"^Summary of the allegation"))).to_have_value(
        re.compile("finger-mark bruising"))
    visit.seen("investigation-form")
    crime_ref = page.get_by_label(re.compile(r"^Crime reference"))
    crime_ref.fill(reference.replace("/", "-"))            # NB-12345-26: the wrong separators
    page.get_by_role("group", name="Offences").get_by_label(OFFENCE, exact=True).check()
    page.get_by_label("Officer in the case", exact=True).select_option(label=OFFICER[1])
    page.get_by_label("Supervising officer", exact=True).select_option(label=LAPSED)
    page.get_by_label(re.compile(r"^Police-only intelligence")).fill(intelligence)
    submit_refused(page, page.get_by_role("button", name="Save"), "/edit")
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the investigation")
    problem = error_summary(page).locator("li")
    expect(problem).to_have_count(1)
    expect(problem).to_contain_text("Crime reference")
    expect(problem).to_contain_text("NB/12345/26")              # the format it wants
    visit.seen("investigation-form-refused")

    # Nothing was saved: the investigation, read in another tab, is still unallocated with no reference.
    other = page.context.new_page()
    other.goto(path)
    expect(other.get_by_role("heading", level=1)).to_have_text("Investigation No reference yet Joint with social care")
    unchanged = facts(other)
    assert unchanged["Officer in the case"] == "Awaiting allocation", unchanged
    assert unchanged["Crime reference"] == "None", unchanged
    expect(other.locator("main")).not_to_contain_text(intelligence)
    other.close()

    # The refused form kept what was typed: correct the reference and save.
    expect(page.get_by_role("group", name="Offences").get_by_label(OFFENCE, exact=True)).to_be_checked()
    expect(page.get_by_label("Officer in the case", exact=True)).to_have_value(re.compile(r"[0-9A-Fa-f-]{36}"))
    expect(page.get_by_label(re.compile(r"^Police-only intelligence"))).to_have_value(intelligence)
    crime_ref.fill(reference)
    submit_accepted(page, page.get_by_role("button", name="Save"), path)
    expect(heading).to_have_text(f"Investigation {reference} Joint with social care")
    after = facts(page)
    assert after["Officer in the case"] == OFFICER[1] and after["Supervising officer"] == LAPSED, after
    assert after["Crime reference"] == reference, after
    expect(page.locator("main")).to_contain_text(OFFENCE)
    expect(page.locator("main .police-only").first).to_have_text(intelligence)
    visit.seen("investigation-allocated")
    return path


def plan_and_hold_interview(visit: Visit, child: Child, path: str, account: str, today: date) -> None:
    page = visit.page
    planned = utc_minute() - timedelta(hours=2)
    plan = open_details(page, "Plan an ABE interview")
    plan.get_by_label("Child", exact=True).select_option(label=child.name)
    plan.get_by_label("When (UK time)", exact=True).fill(local_minute(planned))
    plan.get_by_label("Type of interview", exact=True).select_option(
        label="Video-recorded interview (evidence in chief)")
    plan.get_by_label("Why this type of interview", exact=True).fill(
        "A young child disclosing physical abuse: a video-recorded interview gives best evidence.")
    interviewers = plan.get_by_role("group", name="Interviewers (ABE-accredited on the day)")
    interviewers.get_by_label(LAPSED, exact=True).check()
    plan.get_by_role("group", name="Special measures").get_by_label("Live link", exact=True).check()

    # Only DS Bobbitt, whose accreditation has lapsed: refused, naming the interviewers, nothing planned.
    submit_refused(page, plan.get_by_role("button", name="Plan interview"), "/interviews")
    problem = error_summary(page).locator("li")
    expect(problem).to_have_count(1)
    expect(problem).to_contain_text("Interviewers")
    expect(problem).to_contain_text(
        f"{LAPSED} holds no ABE interviewing accreditation current on {shown(planned.astimezone(UK).date())}")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Investigation "))
    expect(page.locator("main")).to_contain_text("No interview planned.")
    visit.seen("investigation-interview-refused")

    plan = refused_form(page, "Plan an ABE interview")
    expect(plan.get_by_label("Child", exact=True)).to_have_value(re.compile(r"[0-9A-Fa-f-]{36}"))
    expect(plan.get_by_label("When (UK time)", exact=True)).to_have_value(local_minute(planned))
    interviewers = plan.get_by_role("group", name="Interviewers (ABE-accredited on the day)")
    expect(interviewers.get_by_label(LAPSED, exact=True)).to_be_checked()
    interviewers.get_by_label(LAPSED, exact=True).uncheck()
    interviewers.get_by_label(OFFICER[1], exact=True).check()
    plan.get_by_role("group", name="Special measures").get_by_label("Live link", exact=True).check()
    submit_accepted(page, plan.get_by_role("button", name="Plan interview"), path)
    card = page.locator("main .card").filter(has_text=child.name)
    expect(card).to_have_count(1)
    expect(card).to_contain_text("Video-recorded interview (evidence in chief)")
    expect(card).to_contain_text("(planned)")
    expect(card).to_contain_text(f"Interviewer: {OFFICER[1]}")
    expect(card).to_contain_text("Live link")
    visit.seen("investigation-interview-planned")

    held = open_details(page, "Record the interview as held", within=card)
    held_at = local_minute(planned + timedelta(minutes=15))
    held.get_by_label("Held at (UK time)", exact=True).fill(held_at)
    held.get_by_label("Consent given by", exact=True).fill("The child, with their grandmother")
    held.get_by_label("Who was present", exact=True).fill(f"{OFFICER[1]} (interviewer); Sam Northam (monitoring)")
    recording = f"ABE-{random.randrange(10**5, 10**6)}"
    held.get_by_label("Recording reference", exact=True).fill(recording)
    held.get_by_label("Where the recording is kept", exact=True).fill("Northbridge Police digital evidence store")
    review, destroy = date(today.year + 1, today.month, 1), date(today.year + 7, today.month, 1)
    held.get_by_label("Review on", exact=True).fill(review.isoformat())
    held.get_by_label("Destroy on", exact=True).fill(destroy.isoformat())
    held.get_by_label("Summary of the child's account", exact=True).fill(account)
    # Consent not ticked: refused, and the form comes back open with everything typed still in it.
    submit_refused(page, held.get_by_role("button", name="Record interview"), "/held")
    problem = error_summary(page).locator("li")
    expect(problem).to_have_count(1)
    expect(problem).to_contain_text("Consent")
    card = page.locator("main .card").filter(has_text=child.name)
    expect(card).to_contain_text("(planned)")
    held = refused_form(page, "Record the interview as held", within=card)
    expect(held.get_by_label("Held at (UK time)", exact=True)).to_have_value(held_at)
    expect(held.get_by_label("Recording reference", exact=True)).to_have_value(recording)
    expect(held.get_by_label("Destroy on", exact=True)).to_have_value(destroy.isoformat())
    expect(held.get_by_label("Summary of the child's account", exact=True)).to_have_value(account)
    expect(held.get_by_label("Consent was given", exact=True)).not_to_be_checked()
    visit.seen("investigation-interview-held-refused")
    held.get_by_label("Consent was given", exact=True).check()
    submit_accepted(page, held.get_by_role("button", name="Record interview"), path)
    card = page.locator("main .card").filter(has_text=child.name).first
    expect(card).to_contain_text("(held)")
    expect(card).to_contain_text(f"Recording {recording}, kept at Northbridge Police digital evidence store")
    expect(card).to_contain_text(f"Review {shown(review)}; destroy {shown(destroy)}")
    expect(card).to_contain_text(account)                    # the team sees the account
    expect(card.locator("details")).to_have_count(0)
    visit.seen("investigation-interview-held")


def change_status(visit: Visit, path: str, label: str) -> None:
    """Moves the investigation on by one allowed step with the status form."""
    page = visit.page
    form = open_details(page, "Change the status")
    form.get_by_label("New status", exact=True).select_option(label=label)
    submit_accepted(page, form.get_by_role("button", name="Change status"), path)
    assert facts(page)["Status"] == label, facts(page)


def charging_decision(visit: Visit, path: str, views: str, bail_until: date, today: date) -> None:
    page = visit.page
    # A decision to charge follows the file to the CPS: the status moves there first, one allowed step at a time.
    change_status(visit, path, "Under investigation")
    change_status(visit, path, "File to CPS")
    form = open_details(page, "Record a charging decision")
    form.get_by_label("Decided on", exact=True).fill(today.isoformat())
    form.get_by_label("Decided by", exact=True).select_option(label="Crown Prosecution Service")
    form.get_by_label("Test", exact=True).select_option(label="Full Code Test")
    form.get_by_label("Outcome", exact=True).select_option(label="Charge")
    form.get_by_label("How the child's best interests were weighed", exact=True).fill(
        "Prosecution protects the child; special measures and a live link spare them the courtroom.")
    form.get_by_label("Bail", exact=True).select_option(label="Bail")
    form.get_by_label("Bail or review date", exact=True).fill(bail_until.isoformat())
    form.get_by_label("Bail conditions", exact=True).fill("Not to contact the child or enter their street.")

    # Without the child's views: refused, naming them; the status stays.
    submit_refused(page, form.get_by_role("button", name="Record decision"), "/decisions")
    problem = error_summary(page).locator("li")
    expect(problem).to_have_count(1)
    expect(problem).to_contain_text("The child's views")
    expect(page.locator("main")).to_contain_text("No decision yet.")
    assert facts(page)["Status"] == "File to CPS", facts(page)
    visit.seen("investigation-decision-refused")

    form = refused_form(page, "Record a charging decision")
    expect(form.get_by_label("Outcome", exact=True)).to_have_value("charge")
    expect(form.get_by_label("Bail or review date", exact=True)).to_have_value(bail_until.isoformat())
    form.get_by_label("The child's views, sought before the decision", exact=True).fill(views)
    submit_accepted(page, form.get_by_role("button", name="Record decision"), path)
    assert facts(page)["Status"] == "Charged", facts(page)
    decision = page.locator("main .card").filter(has_text="Crown Prosecution Service, Full Code Test")
    expect(decision).to_have_count(1)
    expect(decision).to_contain_text(f"Charge (Crown Prosecution Service, Full Code Test, {shown(today)})")
    expect(decision).to_contain_text(f"The child's views: {views}")
    expect(decision).to_contain_text(
        f"Bail until {shown(bail_until)}: Not to contact the child or enter their street.")
    expect(page.locator("main")).not_to_contain_text("No decision yet.")
    visit.seen("investigation-charged")


# --- the journey ----------------------------------------------------------------------------------

def test_school_concern_to_joint_investigation_abe_interview_and_charge(page: Page, visit: Visit, a11y):
    today = uk_today()
    reference = f"NB/{random.randrange(30000, 100000)}/{today.year % 100:02d}"
    intelligence = f"Police-only: the boyfriend is known to police for violence (ref {random.randrange(10**6)})."
    account = "Police-only account: Robin said he grabbed my arm hard and pushed me into the wall."
    views = "Robin wants him to stop coming to the house and is willing to tell the court by video."
    bail_until = today + timedelta(days=28)

    # 1. The school's concern reaches the North team for a strategy discussion.
    child = school_concern(visit, today)

    # 2. The strategy discussion decides a joint enquiry: an investigation opens for the police team.
    joint_strategy_discussion(visit, child, today)

    # 3. The officer allocates it (a wrongly formatted crime reference first: 422, nothing saved).
    path = allocate(visit, child, reference, intelligence, today)

    # 4. An ABE interview: an interviewer without current accreditation is refused; then planned and held.
    plan_and_hold_interview(visit, child, path, account, today)

    # 5. The CPS decides to charge: refused until the child's views are recorded.
    charging_decision(visit, path, views, bail_until, today)

    # The police home lists the investigation with its bail date.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Police work").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Police work")
    expect(page.get_by_role("region", name="Joint enquiries awaiting an officer")).not_to_contain_text(child.name)
    row = page.get_by_role("region", name="Our investigations").locator("tbody tr").filter(has_text=reference)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(child.name)
    expect(row).to_contain_text("Charged")
    expect(row).to_contain_text(OFFICER[1])
    bail = page.get_by_role("region", name="Bail and release under investigation dates")
    expect(bail.locator("p").filter(has_text=reference)).to_contain_text(f"Bail until {shown(bail_until)}")
    visit.seen("police-home-after")

    # 6. While the joint enquiry is open the officer reads the child's record (not to edit it), with the
    #    police panel; the police-only intelligence stays on the investigation's page.
    page.goto(path)
    page.locator("main table").first.get_by_role("link", name=child.name).click()
    expect(page).to_have_url(re.compile(re.escape(child.path) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(child.name)
    expect(page.locator("main")).to_contain_text(child.local_id)
    expect(page.get_by_role("link", name="Edit details")).to_have_count(0)
    expect(page.locator("main details").filter(has_text="Record a step")).to_have_count(0)
    police = page.get_by_role("region", name="Police")
    expect(police).to_contain_text(f"Investigation {reference}")
    expect(police).to_contain_text("Charged")
    expect(police).not_to_contain_text("(as shared by the police)")   # the team's own, full view
    expect(page.locator("body")).not_to_contain_text(intelligence)
    expect(page.locator("body")).not_to_contain_text(account)
    visit.seen("person-police")
    visit.sign_out()

    # 7. The social worker sees the outcome, as the police share it.
    visit.sign_in(WORKER[0])
    open_child(page, child)
    police = page.get_by_role("region", name="Police")
    link = police.get_by_role("link", name=f"Investigation {reference}")
    expect(link).to_be_visible()
    expect(police).to_contain_text(f"Charged; officer in the case {OFFICER[1]}")
    expect(police).to_contain_text("(as shared by the police)")
    expect(page.locator("body")).not_to_contain_text(intelligence)
    visit.seen("person-worker-charged")

    link.click()
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Investigation {reference} Joint with social care")
    expect(page.locator("main .notice").first).to_have_text(
        "You see what the police share with social care. "
        "Police-only information stays with the investigating team unless they share it.")
    shared = facts(page)
    assert shared["Status"] == "Charged" and shared["Officer in the case"] == OFFICER[1], shared
    assert "Crime reference" not in shared and "Supervising officer" not in shared, shared
    decision = page.locator("main .card").filter(has_text="Crown Prosecution Service, Full Code Test")
    expect(decision).to_contain_text("Charge")
    expect(decision).to_contain_text(f"The child's views: {views}")
    main = page.locator("main")
    expect(main).not_to_contain_text(intelligence)
    expect(main).not_to_contain_text("Police-only intelligence")
    expect(main).not_to_contain_text(account)
    expect(main.get_by_role("link", name="Change details or allocate")).to_have_count(0)
    expect(main.locator("form")).to_have_count(0)
    visit.seen("investigation-shared")

    # The chronology: the police events, from the police team, without police-only words.
    open_child(page, child)
    page.get_by_role("link", name="Chronology", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Chronology: {child.name}")
    page.get_by_label("Police events shared", exact=True).check()
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"kind="))
    entries = page.locator("ol#chronology > li")
    expect(entries.first).to_be_visible()
    lines = [li.locator("p").first.inner_text() for li in entries.all()]
    for line in lines:
        assert line.endswith(f"({POLICE_SOURCE})"), f"a police event from another source: {line!r} (all: {lines})"
        assert line.startswith(shown(today)), f"a police event dated other than today: {line!r}"
    titles = [re.sub(r"^.*? · | \([^)]*\)$", "", line) for line in lines]
    # What the police share, in the order it happened; the interview's planning and the allocation are not
    # shared. The decision and the status it sets are recorded at the same moment, in either order.
    assert titles[:4] == [
        "Police investigation: reported", "Police: ABE interview held", "Police investigation: under investigation",
        "Police investigation: file to cps"] and sorted(titles[4:]) == [
        "Police investigation: charged", "Police: charging decision"], f"police events on the chronology: {titles}"
    chronology = page.locator("ol#chronology")
    expect(chronology).to_contain_text("Crown Prosecution Service, Full Code Test: Charge")
    expect(chronology).not_to_contain_text("Strategy discussion")     # only police events are shown
    expect(page.locator("body")).not_to_contain_text(intelligence)
    expect(page.locator("body")).not_to_contain_text(account)
    visit.seen("chronology-police")
    visit.sign_out()
    a11y.assert_clean()


# --- 8. police protection -----------------------------------------------------------------------------

def visible_joint_children(visit: Visit, wanted: int) -> list[Child]:
    """Demo children the officer may read (their team's joint enquiry is open), found from the police home
    and then by search, as an officer would: name and local id, never in police protection already."""
    page = visit.page
    page.goto("/police")
    protected = set(page.get_by_role("region", name="Police protection clocks").locator("tbody td:first-child")
                    .all_inner_texts())
    rows = page.get_by_role("region", name="Our investigations").locator("tbody tr").filter(has_text="Joint")
    names = []
    for tr in rows.all():
        children = tr.locator("td").nth(1).inner_text().strip()
        if "," not in children and children not in protected and tr.locator("td").nth(2).inner_text() != "Charged":
            names.append(children)
    found: list[Child] = []
    for name in names:
        visit.search(name)
        link = page.locator("main table tbody tr").filter(has=page.get_by_role("link", name=name, exact=True))
        if link.count() != 1:
            continue                                   # the enquiry has closed: name only
        local_id = link.locator("td").nth(1).inner_text().strip()
        href = link.get_by_role("link", name=name, exact=True).get_attribute("href")
        assert re.fullmatch(r"SH-\d+", local_id), f"search shows {name!r} with local id {local_id!r}"
        found.append(Child(name, href, local_id))
        if len(found) == wanted:
            return found
    raise AssertionError(f"only {len(found)} demo children on open joint enquiries are visible to {OFFICER[0]} "
                         f"(looked at {names})")


def record_protection(visit: Visit, child: Child, removed: datetime, place: str) -> str:
    """From the police home's 'Record police protection' link. Returns the protection's path."""
    page = visit.page
    page.goto("/police")
    page.get_by_role("link", name="Record police protection").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record police protection (Children Act 1989 s46)")
    prefilled = page.get_by_label("Removed at (date and time, UK time)", exact=True).input_value()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d", prefilled), f"removal time prefilled with {prefilled!r}"
    visit.seen("protection-form")
    page.get_by_label(re.compile(r"^Child's local id")).fill(child.local_id)
    page.get_by_label("Removed at (date and time, UK time)", exact=True).fill(local_minute(removed))
    page.get_by_label("Removed from", exact=True).fill("The family home, 12 Example Row")
    page.get_by_label("Place of safety", exact=True).fill(place)
    page.get_by_label("Why the child was at risk of significant harm", exact=True).fill(
        "Found alone at night with an intoxicated adult who had assaulted them.")
    page.get_by_label("Designated officer", exact=True).select_option(label=OFFICER[1])
    page.get_by_label("Local authority told at", exact=True).fill(local_minute(removed + timedelta(minutes=20)))
    page.get_by_label("Child told at", exact=True).fill(local_minute(removed + timedelta(minutes=5)))
    page.get_by_label("What the child was told, in words they understand", exact=True).fill(
        "You are going somewhere safe for tonight while we make sure home is safe.")
    page.get_by_role("button", name="Record police protection").click()
    try:
        expect(page).to_have_url(PROTECTION_PATH)
    except AssertionError:
        problems = page.locator("main .notice.error").all_inner_texts()
        raise AssertionError(f"police protection not recorded; now at {page.url} showing {problems}") from None
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Police protection: {child.name}")
    return re.search(PROTECTION_PATH, page.url).group(0)


def test_police_protection_clock_and_72_hour_limit(page: Page, visit: Visit, a11y):
    visit.sign_in(OFFICER[0])
    expect(page.get_by_role("heading", level=1)).to_have_text("Police work")
    running_child, late_child = visible_joint_children(visit, 2)
    now = utc_minute()

    # A removal two hours ago: the clock counts 2 of the 72 hours, here and on the police home.
    removed = now - timedelta(hours=2)
    path = record_protection(visit, running_child, removed, "Emergency foster carers, Northbridge")
    clock = page.get_by_role("status")
    expect(clock).to_have_text("2 of 72 hours")
    expect(clock).to_have_class(re.compile(r"\bclock-running\b"))
    must_end = (removed + timedelta(hours=72)).astimezone(UK)
    assert facts(page)["Must end by"] == f"{shown(must_end.date())} {must_end.strftime('%H:%M %Z')}", facts(page)
    visit.seen("protection-running")
    page.goto("/police")
    row = page.get_by_role("region", name="Police protection clocks").locator("tbody tr").filter(
        has_text=running_child.name)
    expect(row).to_have_count(1)
    expect(row.locator(".clock")).to_have_text("2 of 72 hours")
    expect(row.get_by_role("link", name=running_child.name)).to_have_attribute("href", path)
    visit.seen("police-home-protection")

    # A removal recorded late, 75 hours ago: the clock is overdue; an end more than 72 hours after the
    # removal is refused naming 'Ended at', and nothing is saved; an end within them (an emergency
    # protection order applied for) is accepted.
    removed = now - timedelta(hours=75)
    path = record_protection(visit, late_child, removed, "Northbridge Police station family room")
    clock = page.get_by_role("status")
    expect(clock).to_have_text("Overdue: 75 hours, more than the 72 the law allows")
    expect(clock).to_have_class(re.compile(r"\bclock-overdue\b"))
    visit.seen("protection-overdue")
    page.get_by_label(re.compile(r"^Ended at")).fill(local_minute(removed + timedelta(hours=73)))
    page.get_by_label("How it ended", exact=True).select_option(label="Returned home")
    submit_refused(page, page.get_by_role("button", name="End police protection"), "/end")
    problem = error_summary(page).locator("li")
    expect(problem).to_have_count(1)
    expect(problem).to_contain_text("Ended at")
    expect(problem).to_contain_text("more than 72 hours after the removal")
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^Overdue: "))
    assert "Ended" not in facts(page), facts(page)
    visit.seen("protection-end-refused")

    ended = removed + timedelta(hours=70)
    page.get_by_label(re.compile(r"^Ended at")).fill(local_minute(ended))
    page.get_by_label("How it ended", exact=True).select_option(label="Emergency protection order applied for")
    page.get_by_label(re.compile(r"^Court")).fill("Northbridge Family Court")
    page.get_by_label("Date of the application", exact=True).fill(ended.astimezone(UK).date().isoformat())
    submit_accepted(page, page.get_by_role("button", name="End police protection"), path)
    expect(page.get_by_role("status")).to_have_text("Ended")
    assert facts(page)["Ended"].startswith("Emergency protection order applied for at "), facts(page)
    expect(page.get_by_role("button", name="End police protection")).to_have_count(0)
    visit.seen("protection-ended")
    visit.sign_out()
    a11y.assert_clean()

"""The statutory pipeline in the browser, end to end: the front door records an anonymous concern about a
new child and a second front-door worker decides on a strategy discussion, passing the case to a child
protection team (the front door's sight of the child ends with the decision); the team's social worker takes
the child's episode of need through the strategy discussion, a section 47 enquiry, an initial child
protection conference, a plan, a visit, a review conference that ends the plan and a closure; the team
manager authorises the plan and the closure; the chronology tells the story. At each step the due dates the pages show are checked against a calendar
worked out here, independently of the server (England and Wales bank holidays, the worker convention
that the first working day after the start is day 1). Every new kind of page is checked with axe."""

from __future__ import annotations

import random
import re
from datetime import date, datetime, timedelta

import pytest
from playwright.sync_api import Locator, Page, expect

from safehold_e2e import UK, UUID_PATH, Child, Visit, episode, shown, start_step, submit_step, uk_today

FRONT_DOOR = ("frontdoor1", "Farah Doorley")
DECIDER = ("frontdoor2", "Frank Mashford")      # four eyes: never the worker who recorded the contact
WORKER = ("sw.north1", "Sam Northam")
MANAGER = ("tm.north", "Morgan Northgate")
TEAM = "Child Protection North"

# England and Wales bank holidays, written out by hand (gov.uk/bank-holidays) so that the expected
# dates do not come from the code under test.
BANK_HOLIDAYS = {
    2026: [(1, 1), (4, 3), (4, 6), (5, 4), (5, 25), (8, 31), (12, 25), (12, 28)],
    2027: [(1, 1), (3, 26), (3, 29), (5, 3), (5, 31), (8, 30), (12, 27), (12, 28)],
}
HOLIDAYS = {date(year, m, d) for year, days in BANK_HOLIDAYS.items() for m, d in days}


def is_working_day(d: date) -> bool:
    if d.year not in BANK_HOLIDAYS:
        pytest.fail(f"{d} is outside the bank holidays this test knows ({sorted(BANK_HOLIDAYS)}): extend BANK_HOLIDAYS")
    return d.weekday() < 5 and d not in HOLIDAYS


def add_working_days(start: date, n: int) -> date:
    """The worker convention: the first working day after `start` is day 1."""
    d, counted = start, 0
    while counted < n:
        d += timedelta(days=1)
        if is_working_day(d):
            counted += 1
    return d


def add_months(start: date, n: int) -> date:
    """Calendar months later, clamped to the end of a shorter month."""
    total = start.year * 12 + start.month - 1 + n
    year, month = divmod(total, 12)
    month += 1
    next_month = date(year + (month == 12), month % 12 + 1, 1)
    return date(year, month, min(start.day, (next_month - timedelta(days=1)).day))


def test_calendar_helpers():
    """The oracle itself, on dates worked out by hand."""
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)   # Christmas, Boxing Day moved to Mon 28
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)       # Good Friday and Easter Monday
    assert add_working_days(date(2026, 11, 24), 15) == date(2026, 12, 15)
    assert add_working_days(date(2026, 11, 27), 1) == date(2026, 11, 30)   # Friday to Monday
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 11, 24), 3) == date(2027, 2, 24)
    assert add_months(date(2027, 10, 31), 4) == date(2028, 2, 29)
    assert shown(date(2026, 3, 5)) == "5 Mar 2026"


# --- reading the child's page ---------------------------------------------------------------------

def due_items(page: Page) -> dict[str, str]:
    """The 'What is due next' table of the child's one episode: what -> due date as shown."""
    table = episode(page).get_by_role("table", name="What is due next")
    expect(table).to_be_visible()
    items = {}
    for tr in table.locator("tbody tr").all():
        what, due, _status = [c.strip() for c in tr.locator("td").all_inner_texts()]
        assert what not in items, f"'{what}' is due twice: {tr.inner_text()}"
        items[what] = due
    return items


def expect_due(page: Page, expected: dict[str, date], when: str) -> None:
    actual = due_items(page)
    wanted = {what: shown(d) for what, d in expected.items()}
    assert actual == wanted, f"due table {when}:\n  shown    {actual}\n  expected {wanted}"


def step_row(page: Page, title: str) -> Locator:
    table = episode(page).get_by_role("table", name="Steps recorded, newest first")
    rows = table.locator("tbody tr").filter(has=page.get_by_role("cell", name=title, exact=True))
    expect(rows).to_have_count(1)
    return rows.first


def step_titles(page: Page) -> list[str]:
    table = episode(page).get_by_role("table", name="Steps recorded, newest first")
    return [t.strip() for t in table.locator("tbody tr td:nth-child(2)").all_inner_texts()]


def fill_conference(page: Page, decision: str, chair: str, views: str) -> None:
    page.get_by_label("Chair", exact=True).fill(chair)
    page.get_by_label(re.compile(r"^Attendees")).fill(
        "Farah Doorley, Northbridge Council, local_authority\n"
        "DC Test, Northbridge Police, police\n"
        "Nurse Test, Northbridge Health, health")
    page.get_by_label("The child's views, in their words where possible", exact=True).fill(views)
    page.get_by_label("How the views were obtained", exact=True).fill("Seen at school with a trusted teacher")
    page.get_by_label("Decision", exact=True).select_option(label=decision)
    page.get_by_label("Category of abuse", exact=True).select_option(label="Neglect")


def authorise(page: Page, child: Child, title: str, comment: str) -> None:
    row = step_row(page, title)
    expect(row).to_contain_text("Awaiting a manager's authorisation")
    row.get_by_label("Manager's comment", exact=True).fill(comment)
    row.get_by_role("button", name="Authorise").click()
    expect(page).to_have_url(re.compile(re.escape(child.path) + r"(#episodes)?$"))
    expect(step_row(page, title)).to_contain_text(f"Authorised by {MANAGER[1]}: {comment}")


# --- the journey ----------------------------------------------------------------------------------

def test_anonymous_concern_through_the_pipeline_to_closure(page: Page, visit: Visit, a11y):
    today = uk_today()
    decision_due = add_working_days(today, 1)
    assessment_due = add_working_days(today, 45)
    icpc_due = add_working_days(today, 15)             # from the strategy discussion, held today
    core_group_due = add_working_days(today, 10)       # from the initial conference, held today
    first_review_due = add_months(today, 3)            # from the initial conference
    visit_due = add_working_days(today, 10)            # from the plan's start, then from the last visit
    family = f"Testcase{random.randrange(10**6, 10**7)}"
    born = date(today.year - 6, 3, 15)

    # 1. The front door opens a record for the child. It does not hold the record: it goes straight on to
    #    record the contact, with the child's local id filled in.
    visit.sign_in(FRONT_DOOR[0])
    expect(page.get_by_role("banner")).to_contain_text(FRONT_DOOR[1])
    page.get_by_role("navigation", name="Main").get_by_role("link", name="New person").click()
    expect(page).to_have_url(re.compile(r"/people/new$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a new person")
    visit.seen("person-form")
    page.get_by_label("Kind of person", exact=True).select_option("child")
    page.get_by_label("Given name", exact=True).fill("Journey")
    page.get_by_label("Family name", exact=True).fill(family)
    page.get_by_label("Date of birth", exact=True).fill(born.isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/contacts/new\?children=SH-\d+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a contact")
    children = page.get_by_label(re.compile(r"^Children it concerns"))
    local_id = children.input_value()
    assert re.fullmatch(r"SH-\d+", local_id), f"the new child's local id was not carried to the contact form: {local_id!r}"

    # 2. An anonymous concern about the child, received now.
    received = page.get_by_label("Received (date and time, UK time)", exact=True)
    prefilled = received.input_value()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d", prefilled), f"received prefilled with {prefilled!r}"
    assert prefilled.startswith(today.isoformat()), f"received prefilled with {prefilled!r}, today is {today} (UK)"
    visit.seen("contact-form")
    received.fill(datetime.now(UK).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Who raised the concern", exact=True).select_option(label="9: Anonymous")
    name = f"Journey {family}"
    concern = (f"Anonymous caller says {name} is often left alone at home in the evenings "
               "and has been seen hungry at the school gate.")
    page.get_by_label("What was said", exact=True).fill(concern)
    page.get_by_role("button", name="Record contact").click()
    expect(page.locator("#error-summary")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/contacts/[0-9A-Fa-f-]{36}$"))
    contact_path = re.search(r"/contacts/[0-9A-Fa-f-]{36}$", page.url).group(0)
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(rf"^Contact received {shown(today)} \d\d:\d\d (GMT|BST)$"))
    facts = page.locator("dl.facts").first
    expect(facts).to_contain_text("9: Anonymous")
    expect(page.locator("#decision-due")).to_have_text(shown(decision_due))
    child_link = page.locator("main").get_by_role("link", name=name)
    child_path = child_link.get_attribute("href")
    assert child_path and UUID_PATH.search(child_path), f"no link to the child on the contact page: {child_path!r}"
    child = Child(name, child_path, local_id)
    visit.seen("contact")
    # While the contact awaits its decision, the front door sees the child's record.
    child_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(child.name)
    expect(page.get_by_role("region", name="Episodes of need")).to_have_count(0)
    visit.seen("person")
    visit.sign_out()

    # 3. Another front-door worker decides: a strategy discussion, the case to the North team; the anonymous
    #    referrer cannot be told. The contact waits in the front door's list with the same due date.
    visit.sign_in(DECIDER[0])
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Contacts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Contacts awaiting a decision")
    visit.seen("contacts")
    row = page.locator("table tbody tr").filter(has=page.locator(f"a[href='{contact_path}']"))
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(2)).to_have_text(shown(decision_due))
    expect(row.locator("td").nth(1)).to_have_text("Anonymous")
    row.get_by_role("link").click()
    expect(page).to_have_url(re.compile(re.escape(contact_path) + "$"))
    page.get_by_label("Decision", exact=True).select_option(label="Strategy discussion (s47)")
    page.get_by_label("Reason", exact=True).fill("Repeated neglect concerns about a young child left alone; threshold for s47 met.")
    page.get_by_label("Urgency", exact=True).select_option(label="Red")
    expect(page.get_by_label(re.compile(r"^Referrer told on"))).to_have_value("")
    page.get_by_label(re.compile(r"^Team that will hold the case")).select_option(label=TEAM)
    page.get_by_role("button", name="Record decision").click()
    expect(page.locator("#error-summary")).to_have_count(0)
    # The decision ends the front door's sight of the child: back to the list, without the contact.
    expect(page).to_have_url(re.compile(r"/contacts$"))
    expect(page.locator(f"a[href='{contact_path}']")).to_have_count(0)
    page.goto(child.path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Not Found")
    visit.sign_out()

    # The team's social worker sees the decision on the contact.
    visit.sign_in(WORKER[0])
    page.goto(contact_path)
    expect(page.get_by_role("heading", level=2, name="Decision")).to_be_visible()
    expect(page.locator("#decision")).to_have_text("Strategy discussion (s47)")
    decided = page.locator("dl.facts").nth(1)
    expect(decided).to_contain_text("Red")
    expect(decided).to_contain_text(DECIDER[1])
    expect(decided).to_contain_text("Not told")
    expect(page.get_by_role("button", name="Record decision")).to_have_count(0)
    visit.seen("contact-decided")

    # 4. The child's page: an episode of need opened by the referral, with an assessment due.
    page.locator("main").get_by_role("link", name=child.name).click()
    expect(page).to_have_url(re.compile(re.escape(child.path) + "$"))
    expect(episode(page).get_by_role("heading", level=3)).to_have_text(f"Referral {shown(today)} (Anonymous)")
    expect_due(page, {"Assessment completed": assessment_due}, "after the referral")
    visit.seen("person-episode")

    # 5a. Strategy discussion, deciding a joint section 47 enquiry.
    start_step(visit, child, "Strategy discussion", today)
    page.get_by_label(re.compile(r"^Participants")).fill(
        "Farah Doorley, Northbridge Council, local_authority\n"
        "DC Test, Northbridge Police, police\n"
        "Nurse Test, Northbridge Health, health")
    page.get_by_label("Information shared", exact=True).fill("Police hold two welfare-check logs; health visitor notes missed appointments.")
    page.get_by_label("Decision", exact=True).select_option(label="Section 47 enquiry, joint with police")
    page.get_by_label(re.compile(r"^Police team that will investigate")).select_option(label="Child Abuse Investigation Team")
    page.get_by_label("Immediate safety actions", exact=True).fill("Welfare visit today by police and social care.")
    submit_step(visit, child)
    expect_due(page, {"Assessment completed": assessment_due}, "after the strategy discussion")

    # 5b. The enquiry starts: an initial conference falls due 15 working days after the strategy discussion.
    start_step(visit, child, "Start a section 47 enquiry", today)
    submit_step(visit, child)
    expect_due(page, {"Assessment completed": assessment_due, "Initial child protection conference": icpc_due},
               "after the section 47 enquiry started")

    # 5c. A review conference before any plan is refused with a sentence (409), and nothing is recorded.
    steps_before = step_titles(page)
    start_step(visit, child, "Review conference", today)
    fill_conference(page, "Plan continues", "Chris Chairley", "I want to stay at home.")
    with page.expect_response(lambda r: "/steps/new" in r.url and r.request.method == "POST") as refused:
        page.get_by_role("button", name="Record", exact=True).click()
    assert refused.value.status == 409, f"a review conference before a plan gave {refused.value.status}"
    expect(page.get_by_role("heading", level=1)).to_have_text("Conflict")
    expect(page.get_by_role("alert")).to_contain_text(
        "A review conference reviews a child protection plan, and this child has none open.")
    visit.seen("refused-step")
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review conference")
    page.locator("main").get_by_role("link", name=child.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(child.name)
    assert step_titles(page) == steps_before, "the refused review conference was recorded after all"

    # 5d. The enquiry completes: concerns substantiated, a conference needed.
    start_step(visit, child, "Complete the section 47 enquiry", today)
    page.get_by_role("group", name="Were concerns substantiated?").get_by_label("Yes", exact=True).check()
    page.get_by_role("group", name="Is an initial child protection conference needed?").get_by_label("Yes", exact=True).check()
    submit_step(visit, child)
    expect_due(page, {"Assessment completed": assessment_due, "Initial child protection conference": icpc_due},
               "after the section 47 enquiry completed")

    # 5d'. No conference decides without the child's voice: their wishes and feelings, in their own words.
    page.get_by_role("link", name=re.compile(r"^The child's voice and Signs of Safety")).click()
    page.get_by_label("In the child's own words", exact=True).fill("In my worries house I put nobody coming home.")
    page.get_by_label("How they were gathered", exact=True).select_option(label="Three Houses")
    page.get_by_role("button", name="Record wishes and feelings").click()
    expect(page).to_have_url(re.compile(re.escape(child.path) + r"#voice$"))
    expect(page.locator("#voice")).to_contain_text("In my worries house I put nobody coming home.")

    # 5e. The initial conference decides on a child protection plan under neglect.
    start_step(visit, child, "Initial child protection conference", today)
    fill_conference(page, "Child protection plan", "Chris Chairley", "I get scared when nobody comes home.")
    submit_step(visit, child)
    expect_due(page, {"Assessment completed": assessment_due}, "after the initial conference")

    # 5f. The plan starts; the manager must authorise it.
    start_step(visit, child, "Start a plan", today)
    page.get_by_label("Kind of plan", exact=True).select_option(label="Child protection plan")
    page.get_by_label("Category of abuse (child protection plans)", exact=True).select_option(label="Neglect")
    page.get_by_label(re.compile(r"^Visit the child every")).fill("10")
    submit_step(visit, child)
    expect_due(page, {
        "Assessment completed": assessment_due,
        "First core group meeting": core_group_due,
        "First review conference": first_review_due,
        "Visit (child protection plan)": visit_due,
    }, "after the plan started")
    plan_row = step_row(page, "Child protection plan started")
    expect(plan_row).to_contain_text("Awaiting a manager's authorisation")
    expect(plan_row.get_by_role("button", name="Authorise")).to_have_count(0)  # not for the social worker

    # 5g. A visit: the child seen, and seen alone; the next visit is due 10 working days after it.
    start_step(visit, child, "Visit", today)
    expect(page.get_by_label("Visited by", exact=True)).to_have_value(WORKER[1])
    page.get_by_label("The child was seen", exact=True).check()
    page.get_by_label("The child was seen alone", exact=True).check()
    page.get_by_label("Where", exact=True).fill("Family home")
    page.get_by_label("Observations", exact=True).fill("Little food in the kitchen; the child was clean and cheerful.")
    page.get_by_label("The child's own words", exact=True).fill("Mum is trying harder now.")
    submit_step(visit, child)
    expect(step_row(page, "Visit")).to_contain_text(shown(today))
    expect_due(page, {
        "Assessment completed": assessment_due,
        "First core group meeting": core_group_due,
        "First review conference": first_review_due,
        "Visit (child protection plan)": add_working_days(today, 10),
    }, "after the visit")

    # 5h. A review conference ends the plan: the child protection items leave the due table.
    start_step(visit, child, "Review conference", today)
    fill_conference(page, "Plan ends", "Chris Chairley", "Things are better at home.")
    submit_step(visit, child)
    expect_due(page, {"Assessment completed": assessment_due}, "after the plan ended at review")

    # 5i. The episode closes, pending the manager's authorisation.
    start_step(visit, child, "Close the episode", today)
    page.get_by_label("Reason for closure", exact=True).select_option("RC7")
    submit_step(visit, child)
    closure_row = step_row(page, "Episode closed")
    expect(closure_row).to_contain_text(shown(today))
    expect(closure_row).to_contain_text("Awaiting a manager's authorisation")
    assert step_titles(page) == [
        "Episode closed", "Review conference", "Visit", "Child protection plan started",
        "Initial child protection conference", "Section 47 enquiry completed", "Section 47 enquiry started",
        "Strategy discussion",
    ], f"steps recorded: {step_titles(page)}"
    visit.sign_out()

    # 6. The team's manager authorises the plan and then the closure.
    visit.sign_in(MANAGER[0])
    expect(page.get_by_role("banner")).to_contain_text(MANAGER[1])
    visit.search(child.name)
    result = page.locator(f"main table a[href='{child.path}']")
    expect(result).to_have_text(child.name)
    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(child.name)
    visit.seen("person-manager")
    authorise(page, child, "Child protection plan started", "Plan agreed at conference; authorised.")
    authorise(page, child, "Episode closed", "Plan ended at review; closure agreed.")
    heading = episode(page).get_by_role("heading", level=3)
    expect(heading).to_have_text(
        f"Referral {shown(today)} (Anonymous): closed {shown(today)}, "
        "Services ceased for any other reason, including child no longer in need")
    expect(episode(page).get_by_role("table", name="What is due next")).to_have_count(0)
    expect(episode(page).locator("details").filter(has_text="Record a step")).to_have_count(0)
    visit.seen("person-closed")

    # 7. The chronology: the contact, then every step in date order, then the police investigation the joint
    #    enquiry opened (entries of one day keep the order of their kinds: contacts, steps, notes, police).
    page.get_by_role("link", name="Chronology", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Chronology: {child.name}")
    entries = page.locator("ol#chronology > li")
    titles = []
    for li in entries.all():
        first = li.locator("p").first.inner_text()
        when, _, rest = first.partition(" · ")
        titles.append(re.sub(r"\s*\([^)]*\)$", "", rest).strip())
        assert when.strip() == shown(today), f"chronology entry dated {when!r}, expected {shown(today)}: {first!r}"
    assert titles == [
        "Contact from Anonymous", "Strategy discussion", "Section 47 enquiry started", "Section 47 enquiry completed",
        "Initial child protection conference", "Child protection plan started", "Visit", "Review conference",
        "Episode closed", "Police investigation: reported",
    ], f"chronology titles: {titles}"
    chronology = page.locator("ol#chronology")
    expect(entries.last).to_contain_text("(Police: Child Abuse Investigation Team)")
    expect(chronology).to_contain_text(concern)
    expect(chronology).to_contain_text("Section 47 enquiry, joint with police")
    expect(chronology).to_contain_text("Child protection plan, Neglect")
    expect(chronology).to_contain_text("child seen alone")
    expect(chronology).to_contain_text("Episode closed: Services ceased for any other reason")
    visit.seen("chronology")
    visit.sign_out()
    a11y.assert_clean()

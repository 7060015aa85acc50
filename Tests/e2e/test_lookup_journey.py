"""Unscheduled care's look-up in the browser (issue 8, item 5). An emergency department nurse asks whether
a child is on a plan with the NHS number and date of birth she holds: she learns the flag, since when and
whom to ring, never the child's record. A wrong check digit gets the same answer as a child nobody knows.
The child's social worker finds the look-up in her notifications (the count in the header) and on the
child's page. Every page landed on is checked with axe."""

from __future__ import annotations

import re
import time
from datetime import datetime

from playwright.sync_api import Page, expect

from safehold_e2e import MONTHS, Visit

WORKER = "sw.north1"
NURSE = ("ed.nurse1", "Eden Casualty")
SETTING = "Emergency department, Northbridge General (journey)"
EMAIL = "sw.north1@demo.example"


def fact(page: Page, label: str) -> str:
    """The value beside a label in the child's details or identifiers."""
    return page.locator("main dl.facts dt", has_text=re.compile(f"^{label}$")).first.locator(
        "xpath=following-sibling::dd[1]").inner_text().strip()


def iso(shown: str) -> str:
    """'12 Apr 2016 (age 10)' -> '2016-04-12'."""
    day, month, year = shown.split(" ")[:3]
    return datetime(int(year), MONTHS.index(month) + 1, int(day)).strftime("%Y-%m-%d")


def test_a_nurse_looks_up_a_child_and_the_social_worker_is_told(page: Page, visit: Visit, a11y, mail_sink):
    # 1. The social worker's notifications lead to a child on a plan (the demo's look-ups); note its details.
    visit.sign_in(WORKER)
    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_role("link", name=re.compile("^Notifications")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    visit.seen("notifications-before")
    on_plan = page.locator("main tbody tr").filter(has_text="on a child protection plan").first
    on_plan.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/people/[0-9A-Fa-f-]{36}$"))
    name = page.get_by_role("heading", level=1).inner_text()
    child_path = page.url
    nhs = fact(page, "NHS number")
    born = iso(fact(page, "Date of birth"))
    visit.seen("child-before")
    page.goto("/notifications")
    page.get_by_role("button", name="Mark all read").click()
    expect(page.locator(".badge")).to_have_count(0)
    # She gives an address for notification emails (the test's SMTP sink receives them).
    nav.get_by_role("link", name="Your account").click()
    page.get_by_label("Email address").fill("not an address")
    page.get_by_role("button", name="Save email").click()
    expect(page.locator("#error-summary")).to_contain_text("email")
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_role("button", name="Save email").click()
    expect(page.get_by_label("Email address")).to_have_value(EMAIL)
    visit.seen("account-email")
    visit.sign_out()

    # 2. The nurse signs in to the look-up, the only page she has.
    visit.sign_in(NURSE[0])
    expect(page).to_have_url(re.compile(r"/lookup$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Is this child on a plan?")
    expect(nav.get_by_role("link", name="My caseload")).to_have_count(0)
    visit.seen("lookup")

    # A bad number is refused naming the field; a wrong check digit answers like no match at all.
    page.get_by_label("NHS number (10 digits)").fill("12345")
    page.get_by_label("Date of birth").fill(born)
    page.get_by_label(re.compile("^Where you are")).fill(SETTING)
    page.get_by_role("button", name="Look up").click()
    expect(page.locator("#error-summary")).to_contain_text("NHS number")
    visit.seen("lookup-refused")
    digits = nhs.replace(" ", "")
    wrong = digits[:-1] + str((int(digits[-1]) + 1) % 10)
    answers = []
    for number in (wrong, "9876543210"):
        page.get_by_label("NHS number (10 digits)").fill(number)
        page.get_by_label("Date of birth").fill(born)
        page.get_by_role("button", name="Look up").click()
        answers.append(page.get_by_role("status").inner_text())
    assert answers[0] == answers[1] and "No information" in answers[0]

    # The real details: the flag, since when, the team and its duty telephone; nothing of the record.
    page.get_by_label("NHS number (10 digits)").fill(nhs)
    page.get_by_label("Date of birth").fill(born)
    page.get_by_role("button", name="Look up").click()
    answer = page.get_by_role("status")
    expect(answer).to_contain_text("on a child protection plan since")
    expect(answer).to_contain_text("Duty telephone")
    expect(answer).to_contain_text("01632 960")
    expect(page.locator("main")).not_to_contain_text(name)
    expect(page.get_by_label("NHS number (10 digits)")).to_have_value("")
    visit.seen("lookup-answer")
    page.goto(child_path)
    expect(page.get_by_role("heading", level=1)).not_to_have_text(name)
    visit.sign_out()

    # 3. The social worker is told by email (the kind only, never the child) and in Safehold: the header
    # count, the notification, and the look-up on the child's page.
    deadline = time.monotonic() + 20
    while not mail_sink.to(EMAIL) and time.monotonic() < deadline:
        time.sleep(0.25)
    emails = mail_sink.to(EMAIL)
    assert [m["subject"] for m in emails] == ["Safehold: Look-up by unscheduled care"], emails
    assert name not in emails[0]["body"] and nhs not in emails[0]["body"]
    assert "/notifications" in emails[0]["body"], emails[0]["body"]
    visit.sign_in(WORKER)
    expect(nav.locator(".badge")).to_have_text("1")
    nav.get_by_role("link", name=re.compile("^Notifications")).click()
    latest = page.locator("main tbody tr.unread")
    expect(latest).to_have_count(1)
    expect(latest).to_contain_text(f"{NURSE[1]} (Northbridge General Hospital, {SETTING}) looked up {name}")
    visit.seen("notifications-after")
    latest.get_by_role("link").click()
    lookups = page.get_by_role("region", name="Look-ups by unscheduled care")
    expect(lookups.locator("tbody tr").first).to_contain_text(SETTING)
    expect(lookups.locator("tbody tr").first).to_contain_text(NURSE[1])
    visit.seen("child-after")

"""Helpers shared by the browser journeys: signing in and out, TOTP codes, axe checks, screenshots,
UK dates as the pages show them, and reading and recording steps on a child's page."""

from __future__ import annotations

import base64
import re
import time
import warnings
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pyotp
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, expect

DEMO_PASSWORD = "safehold-demo-2026"
# The demo authority's TOTP keys are these ASCII strings (DemoAuthority.swift); an authenticator app
# is given their base32 form, which is what pyotp wants too.
DEMO_TOTP_KEYS = {"dpo": b"DemoDPOSecret0000001", "admin": b"DemoAdminSecret00001",
                  "admin2": b"DemoAdmin2Secret0001", "auditor": b"DemoAuditorSecret001"}
UUID_PATH = re.compile(r"/people/([0-9A-Fa-f-]{36})$")

BLOCKING_IMPACTS = ("serious", "critical")
_axe = Axe()


def totp_code(username: str, at: float | None = None) -> str:
    secret = base64.b32encode(DEMO_TOTP_KEYS[username]).decode().rstrip("=")
    return pyotp.TOTP(secret).at(at if at is not None else time.time())


_LAST_STEP: dict = {}


class A11y:
    """Runs axe on pages and keeps what it finds; serious and critical violations fail the test."""

    def __init__(self, test_name: str):
        self.test_name = test_name
        self.blocking: list[str] = []
        self.checked: list[str] = []

    def check(self, page: Page, label: str) -> None:
        results = _axe.run(page)
        self.checked.append(label)
        for v in results.response.get("violations", []):
            text = self._describe(label, page.url, v)
            if v.get("impact") in BLOCKING_IMPACTS:
                self.blocking.append(text)
            else:
                warnings.warn(f"axe ({v.get('impact')}) {text}", stacklevel=2)

    @staticmethod
    def _describe(label: str, url: str, v: dict) -> str:
        lines = [f"[{label}] {url}: {v.get('id')} ({v.get('impact')}): {v.get('help')}",
                 f"    {v.get('helpUrl')}"]
        for node in v.get("nodes", [])[:5]:
            target = " ".join(str(t) for t in node.get("target", []))
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    - {target}: {summary}")
            lines.append(f"      {node.get('html', '')[:200]}")
        if len(v.get("nodes", [])) > 5:
            lines.append(f"    ... and {len(v['nodes']) - 5} more elements")
        return "\n".join(lines)

    def assert_clean(self) -> None:
        assert not self.blocking, (
            f"axe found {len(self.blocking)} serious/critical accessibility violation(s) on "
            f"{len(self.checked)} checked page(s):\n" + "\n".join(self.blocking))


class Shots:
    """Full-page screenshots into a folder outside the repository, when SAFEHOLD_E2E_SCREENSHOTS is set."""

    def __init__(self, folder: str | None, test_name: str):
        self.folder = Path(folder) if folder else None
        self.prefix = re.sub(r"[^A-Za-z0-9_.-]+", "_", test_name)
        self.count = 0

    def take(self, page: Page, label: str) -> None:
        if not self.folder:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        self.count += 1
        page.screenshot(path=str(self.folder / f"{self.prefix}-{self.count:02d}-{label}.png"), full_page=True)


class Visit:
    """Every page a journey lands on goes through `seen`: axe-checked and, if asked, photographed."""

    def __init__(self, page: Page, a11y: A11y, shots: Shots):
        self.page, self.a11y, self.shots = page, a11y, shots

    def seen(self, label: str) -> None:
        self.page.wait_for_load_state("load")
        self.shots.take(self.page, label)
        self.a11y.check(self.page, label)

    def sign_in(self, username: str, password: str = DEMO_PASSWORD) -> None:
        page = self.page
        page.goto("/login")
        expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Safehold")
        self.seen("login")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        if username in DEMO_TOTP_KEYS:
            expect(page).to_have_url(re.compile(r"/login/code$"))
            expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
            self.seen("login-code")
            self._enter_code(username)
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    def _enter_code(self, username: str) -> None:
        page = self.page
        # A code generated near the end of its 30-second step is still accepted (the server allows
        # one step either side), but wait out the last second so a slow submit cannot straddle two.
        if 30 - time.time() % 30 < 1.5:
            time.sleep(1.6)
        # The server accepts each code once: a second sign-in in the same 30-second step waits for the next code.
        step = int(time.time() // 30)
        if _LAST_STEP.get(username) == step:
            time.sleep(30 - time.time() % 30 + 0.5)
            step = int(time.time() // 30)
        _LAST_STEP[username] = step
        page.get_by_label(re.compile("code", re.I)).fill(totp_code(username))
        page.get_by_role("button", name="Continue").click()
        expect(page).not_to_have_url(re.compile(r"/login"))

    def sign_out(self) -> None:
        page = self.page
        page.get_by_role("banner").get_by_role("button", name="Sign out").click()
        expect(page).to_have_url(re.compile(r"/login"))
        expect(page.get_by_role("button", name="Sign in")).to_be_visible()

    def search(self, query: str) -> None:
        """Uses the 'Find a person' link and the search form, as a worker would."""
        page = self.page
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Find a person").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Find a person")
        page.get_by_label("Name, NHS number, UPN or local id").fill(query)
        page.get_by_role("search").get_by_role("button", name="Search").click()
        expect(page.get_by_role("heading", level=2, name=re.compile(r"\d+ found"))).to_be_visible()
        self.seen("search")

    def own_child(self) -> tuple[str, str]:
        """The name and local id of the first child in the signed-in worker's "Allocated to me" table."""
        mine = self.page.locator("section[aria-labelledby=mine-h] table tbody tr").first
        return mine.locator("td").nth(0).inner_text().strip(), mine.locator("td").nth(1).inner_text().strip()

    def open_own_child(self) -> tuple[str, str]:
        """Finds the worker's own child by local id, as a worker would, and opens their page."""
        name, local = self.own_child()
        self.search(local)
        self.page.get_by_role("link", name=name).first.click()
        expect(self.page.get_by_role("heading", level=1)).to_contain_text(name)
        return name, local


# --- UK dates -------------------------------------------------------------------------------------

UK = ZoneInfo("Europe/London")
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def shown(d: date) -> str:
    """A date as the pages show it: '24 Nov 2026'."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def uk_today() -> date:
    """Today in UK time, as the server counts it; waits out the last minutes before midnight so that
    the whole journey happens on one day."""
    now = datetime.now(UK)
    to_midnight = (datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), UK) - now).total_seconds()
    if to_midnight < 300:
        time.sleep(to_midnight + 5)
    return datetime.now(UK).date()


# --- a child's page and its steps -----------------------------------------------------------------

@dataclass
class Child:
    name: str
    path: str      # /people/{UUID}
    local_id: str  # SH-000123


def episode(page: Page) -> Locator:
    """The child's one episode of need."""
    section = page.get_by_role("region", name="Episodes of need")
    expect(section).to_be_visible()
    articles = section.locator("article")
    expect(articles).to_have_count(1)
    return articles.first


def open_child(page: Page, child: Child) -> None:
    page.goto(child.path)
    expect(page.get_by_role("heading", level=1)).to_have_text(child.name)


def start_step(visit: Visit, child: Child, label: str, today: date) -> None:
    """Opens the step form from the episode's 'Record a step' list, and checks its prefilled date."""
    page = visit.page
    details = episode(page).locator("details").filter(has=page.locator("summary", has_text="Record a step"))
    details.locator("summary").click()
    details.get_by_role("link", name=label, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(label)
    expect(page.locator("main").get_by_role("link", name=child.name)).to_have_attribute("href", child.path)
    expect(page.get_by_label("Date", exact=True)).to_have_value(today.isoformat())
    visit.seen(f"step-{label}")


def submit_step(visit: Visit, child: Child) -> None:
    page = visit.page
    form_url = page.url
    page.get_by_role("button", name="Record", exact=True).click()
    try:
        expect(page).to_have_url(re.compile(re.escape(child.path) + r"(#episodes)?$"))
        expect(page.get_by_role("heading", level=1)).to_have_text(child.name)
    except AssertionError:
        problems = page.locator("main .notice.error").all_inner_texts()
        raise AssertionError(f"recording the step at {form_url} did not lead back to the child's page; "
                             f"now at {page.url} showing {problems}") from None

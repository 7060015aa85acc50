"""The idle-session warning: two minutes before a session left idle would end, a signed-in page says so and
offers to stay signed in. The button asks the server, which counts as activity, and the warning goes; when the
session has already ended, the warning says so, so the worker can copy what they typed before signing in again.
The browser's clock is Playwright's, moved on by the test; the server's is the real one."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from safehold_e2e import A11y, Visit


def test_the_idle_warning_keeps_a_live_session_and_reports_an_ended_one(visit: Visit, page: Page, a11y: A11y):
    page.clock.install()
    visit.sign_in("sw.north1")
    page.goto("/account")
    warning = page.locator("#session-warning")
    stay = warning.get_by_role("button", name="Stay signed in")
    expect(warning).to_be_hidden()

    page.clock.fast_forward("28:01")  # the 30-minute idle time, less the two minutes' notice
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("signed out in two minutes")
    expect(stay).to_be_focused()
    visit.seen("idle warning")
    stay.click()
    expect(warning).to_be_hidden()

    # Signed out meanwhile (another tab, an administrator): the check finds no session and says what to do.
    page.context.clear_cookies()
    page.clock.fast_forward("28:01")
    expect(warning).to_be_visible()
    stay.click()
    expect(warning).to_contain_text("Your session has ended. Copy anything you typed")
    expect(stay).to_be_hidden()
    a11y.assert_clean()

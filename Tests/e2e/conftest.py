"""Fixtures for Safehold's browser journeys.

One Safehold server per test session: the already-built `safehold` binary (scripts/test runs
`swift build` first), `serve --demo` on a free loopback port with a fresh temporary data folder and a
cheap bcrypt cost. One headless Debian Chromium per session, a fresh browser context (no cookies) per
test. Playwright never downloads a browser here.

Environment knobs (all optional):
  SAFEHOLD_BIN                  the safehold executable (default: from `swift build --show-bin-path`)
  SAFEHOLD_E2E_BASE_URL         use a server that is already running instead of starting one
  SAFEHOLD_CHROMIUM             the browser (default /usr/bin/chromium)
  SAFEHOLD_E2E_SCREENSHOTS      a folder to save a full-page screenshot of every checked page into
  SAFEHOLD_E2E_KEEP_DATA=1      keep the server's temporary data folder and log afterwards
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from safehold_e2e import A11y, Shots, Visit

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("SAFEHOLD_CHROMIUM", "/usr/bin/chromium")
START_TIMEOUT = float(os.environ.get("SAFEHOLD_E2E_START_TIMEOUT", "120"))

# Belt and braces: never let Playwright fetch a browser of its own.
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")


@dataclass
class Server:
    base_url: str
    log_path: Path | None

    def url(self, path: str) -> str:
        return self.base_url.rstrip("/") + path

    def log_tail(self, lines: int = 40) -> str:
        if not self.log_path or not self.log_path.exists():
            return "(no server log)"
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def _safehold_binary() -> Path:
    if explicit := os.environ.get("SAFEHOLD_BIN"):
        return Path(explicit)
    try:
        out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=REPO, check=True,
                             capture_output=True, text=True, timeout=300).stdout.strip()
    except (OSError, subprocess.SubprocessError) as error:
        pytest.exit(f"cannot find the safehold binary (swift build --show-bin-path failed: {error}); "
                    "run `swift build` first or set SAFEHOLD_BIN", returncode=3)
    return Path(out.splitlines()[-1]) / "safehold"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


class MailSink:
    """A real SMTP server (aiosmtpd) on loopback that keeps every message the server sends."""

    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's handler name)
        from email import message_from_bytes
        from email.policy import default

        message = message_from_bytes(envelope.content, policy=default)
        self.messages.append({"to": list(envelope.rcpt_tos), "subject": str(message["Subject"]),
                              "body": message.get_content()})
        return "250 OK"

    def to(self, address: str) -> list:
        return [m for m in self.messages if address in m["to"]]


@pytest.fixture(scope="session")
def mail_sink():
    from aiosmtpd.controller import Controller

    sink = MailSink()
    controller = Controller(sink, hostname="127.0.0.1", port=_free_port())
    controller.start()
    sink.port = controller.port
    yield sink
    controller.stop()


@pytest.fixture(scope="session")
def server(mail_sink) -> Server:
    if base := os.environ.get("SAFEHOLD_E2E_BASE_URL"):
        if not _healthy(base.rstrip("/") + "/health"):
            pytest.exit(f"SAFEHOLD_E2E_BASE_URL={base} does not answer /health", returncode=3)
        yield Server(base, None)
        return

    binary = _safehold_binary()
    if not binary.is_file():
        pytest.exit(f"{binary} does not exist: run `swift build` first (scripts/test does)", returncode=3)

    data_dir = Path(tempfile.mkdtemp(prefix="safehold-e2e-"))
    log_path = data_dir / "server.log"
    port = _free_port()
    env = {k: v for k, v in os.environ.items()
           if k not in ("SAFEHOLD_DATABASE_URL", "SAFEHOLD_DATA_DIR", "SAFEHOLD_PORT", "SAFEHOLD_HOST")}
    env["SAFEHOLD_BCRYPT_COST"] = "8"
    # Every journey signs in several workers from the one loopback address: the per-address limit of 20 a
    # minute (right for an office) would refuse the suite itself once journeys run back to back.
    env["SAFEHOLD_LOGIN_ATTEMPTS_PER_MINUTE"] = "1000"
    # Notification emails go to the sink, checked every second.
    env["SAFEHOLD_SMTP_HOST"] = "127.0.0.1"
    env["SAFEHOLD_SMTP_PORT"] = str(mail_sink.port)
    env["SAFEHOLD_SMTP_FROM"] = "safehold@demo.example"
    env["SAFEHOLD_SMTP_INTERVAL_SECONDS"] = "1"
    env["SAFEHOLD_PUBLIC_URL"] = f"http://127.0.0.1:{port}/"
    log = open(log_path, "wb")
    process = subprocess.Popen(
        [str(binary), "serve", "--demo", "--data-dir", str(data_dir / "data"), "--host", "127.0.0.1",
         "--port", str(port)],
        cwd=data_dir, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        start_new_session=True)
    srv = Server(f"http://127.0.0.1:{port}", log_path)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _healthy(srv.url("/health")):
            if process.poll() is not None:
                pytest.exit(f"safehold serve exited with {process.returncode} before it was healthy:\n"
                            f"{srv.log_tail()}", returncode=3)
            if time.monotonic() > deadline:
                pytest.exit(f"safehold serve was not healthy within {START_TIMEOUT:.0f} s:\n{srv.log_tail()}",
                            returncode=3)
            time.sleep(0.2)
        yield srv
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        log.close()
        if os.environ.get("SAFEHOLD_E2E_KEEP_DATA") == "1":
            print(f"\nsafehold e2e data and log kept in {data_dir}", file=sys.stderr)
        else:
            shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.exit(f"{CHROMIUM} is missing: apt-get install chromium (Playwright must not download one)",
                    returncode=3)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A page in a fresh browser context: no cookies, British English, a laptop-sized window."""
    context = browser.new_context(base_url=server.base_url, locale="en-GB", timezone_id="Europe/London",
                                  viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture
def a11y(request) -> A11y:
    """Axe checks collected through a test; the test calls `a11y.assert_clean()` at its end."""
    return A11y(test_name=request.node.name)


@pytest.fixture
def shots(request) -> Shots:
    return Shots(os.environ.get("SAFEHOLD_E2E_SCREENSHOTS"), request.node.name)


@pytest.fixture
def visit(page, a11y, shots) -> Visit:
    """The test's page, with every landing checked by axe (and photographed when asked)."""
    return Visit(page, a11y, shots)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failing test, add the server log's last lines to the report."""
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        srv = item.funcargs.get("server")
        if isinstance(srv, Server):
            report.sections.append(("safehold server log (last lines)", srv.log_tail()))

"""The demo authority's CIN census return, exported by `safehold census export`, passes the public DfE-rule
validator (csc-validator-be-cin, PyPI) with zero errors.

No browser: a fresh demo data folder is made by `safehold serve --demo` (stopped once healthy), then the
command line exports the last collection year that has ended (the year the demo's census children fall in)
and the validator's 2025-26 rules run on the file. The validator is necessary, not sufficient: it misses
rules 8869, 8945Q, 8950Q and 8870Q and reads only the first review date of each plan, so the export has
already run Safehold's own checker, which refuses a file with errors.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

REPO = Path(__file__).resolve().parents[2]


def _binary() -> Path:
    if explicit := os.environ.get("SAFEHOLD_BIN"):
        return Path(explicit)
    out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=REPO, check=True, capture_output=True,
                         text=True, timeout=300).stdout.strip()
    return Path(out.splitlines()[-1]) / "safehold"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _last_ended_year() -> int:
    """The collection year (by its starting year) that ended most recently, on today's UK date."""
    today = dt.datetime.now(ZoneInfo("Europe/London")).date()
    return (today.year if today.month >= 4 else today.year - 1) - 1


def _demo_data(binary: Path, data: Path, env: dict[str, str]) -> None:
    port = _free_port()
    log = (data.parent / "serve.log").open("w")
    process = subprocess.Popen([str(binary), "serve", "--demo", "--data-dir", str(data), "--host", "127.0.0.1",
                                "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + float(os.environ.get("SAFEHOLD_E2E_START_TIMEOUT", "180"))
        while True:
            if process.poll() is not None:
                pytest.fail(f"safehold serve exited with {process.returncode}: "
                            f"{(data.parent / 'serve.log').read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail("safehold serve --demo was not healthy in time")
            time.sleep(0.5)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _validate(path: Path) -> tuple[list[tuple[str, str, str]], int]:
    """The validator's errors (code, child, message) on the file, and the children it read."""
    from cin_validator import cin_validator

    root = ET.parse(path).getroot()
    data = cin_validator.process_data(cin_validator.convert_data(root))
    registry = importlib.import_module("cin_validator.rules.cin2025_26").registry
    validator = cin_validator.CinValidator(data, registry)
    rows = []
    issues = validator.full_issue_df
    if issues is not None and len(issues):
        for _, r in issues.drop_duplicates(subset=["child_id", "rule_code", "row_id"]).iterrows():
            rows.append((str(r["rule_code"]), str(r.get("child_id", "")), str(r.get("rule_description", ""))))
    multi = getattr(validator, "multichild_issues", None)
    if multi is not None and len(multi):
        for _, r in multi.iterrows():
            rows.append((str(r.get("rule_code", r.get("ERROR_ID", "?"))), "(whole return)",
                         str(r.get("rule_description", ""))))
    errors = sorted({r for r in rows if not r[0].endswith("Q")})
    return errors, len(data["ChildIdentifiers"])


def test_the_demo_return_passes_the_public_validator_with_zero_errors(tmp_path: Path) -> None:
    binary = _binary()
    env = {k: v for k, v in os.environ.items() if k != "SAFEHOLD_DATABASE_URL"}
    env.update({"SAFEHOLD_BCRYPT_COST": "4", "SAFEHOLD_CENSUS_LA_CODE": "999",
                "SAFEHOLD_CENSUS_SOFTWARE_CODE": "Safehold", "SAFEHOLD_CENSUS_RELEASE": "1.0",
                "SAFEHOLD_CENSUS_SERIAL_NO": "1"})
    data = tmp_path / "data"
    _demo_data(binary, data, env)
    year = _last_ended_year()
    output = tmp_path / "cin-census.xml"
    export = subprocess.run([str(binary), "census", "export", "--year", str(year), "--data-dir", str(data),
                             "--output", str(output)], env=env, capture_output=True, text=True, timeout=300)
    assert export.returncode == 0, f"census export refused:\n{export.stderr}"

    root = ET.parse(output).getroot()
    assert root.tag == "Message"
    assert root.findtext("Header/CollectionDetails/Year") == str(year + 1)
    assert root.findtext("Header/CollectionDetails/ReferenceDate") == f"{year + 1}-03-31"
    assert root.findtext("Header/Source/LEA") == "999"
    children = root.findall("Children/Child")
    assert len(children) >= 10, "the demo's census children are in the return"
    assert any(c.findtext("CINdetails/ReferralNFA") == "true" for c in children)
    assert any(len(c.findall("CINdetails/ChildProtectionPlans/Reviews/CPPreviewDate")) >= 2 for c in children)

    errors, read = _validate(output)
    assert read == len(children)
    assert errors == [], "the public validator found errors:\n" + "\n".join("\t".join(e) for e in errors)


def test_a_year_not_ended_is_refused(tmp_path: Path) -> None:
    binary = _binary()
    env = {k: v for k, v in os.environ.items() if k != "SAFEHOLD_DATABASE_URL"}
    env.update({"SAFEHOLD_CENSUS_LA_CODE": "999"})
    result = subprocess.run([str(binary), "census", "export", "--year", str(_last_ended_year() + 1), "--data-dir",
                             str(tmp_path / "data")], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "ends on" in result.stderr

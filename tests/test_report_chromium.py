"""The HTML report opened in real headless Chromium, as a person on a desk or a phone sees it.

How the browser is driven, and why this way: Chromium runs with ``--remote-debugging-pipe``,
so the DevTools protocol travels over two inherited file descriptors (3: commands in, 4: events
out), with no debugging port open, no extra Python package, and no race for a port. Over it we
read every network request the page makes (``Network.requestWillBeSent``), every console
message, log entry and uncaught exception, the page's text, the fonts the group's name was
drawn with, and a screenshot. As a second net, the browser's proxy points at a closed local
port (127.0.0.1:9), so any request that did slip past would fail loudly instead of reaching
the internet; background networking, component updates and sync are off so that the browser
itself stays quiet.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import io
import json
import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
GROUPS = ROOT / "tests" / "report_groups"
AS_OF = "2026-11-25"
HANG_GUARD = 120.0  # seconds before a silent browser is declared stuck (not a timing check)

pytestmark = pytest.mark.slow


class DevTools:
    """A Chromium process and its DevTools protocol over the debugging pipe."""

    def __init__(self, profile: Path) -> None:
        browser = shutil.which("chromium") or shutil.which("chromium-browser")
        assert browser, "Debian's chromium is needed (python3 tools/test.py installs it)"
        to_browser_r, to_browser_w = os.pipe()
        from_browser_r, from_browser_w = os.pipe()
        # Park the child's ends on high descriptors, then put them on 3 and 4 in the child.
        high_r = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 60)
        high_w = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 60)
        os.close(to_browser_r)
        os.close(from_browser_w)

        def wire() -> None:
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        self.process = subprocess.Popen(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--disable-default-apps",
                "--proxy-server=http://127.0.0.1:9",
                "--proxy-bypass-list=<-loopback>",
                f"--user-data-dir={profile}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,
            preexec_fn=wire,  # the test process is single-threaded
        )
        os.close(high_r)
        os.close(high_w)
        self.out = to_browser_w
        self.inp = from_browser_r
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict[str, Any]] = []
        self.session: str | None = None

    def close(self) -> None:
        with contextlib.suppress(OSError, AssertionError):
            self.call("Browser.close", session=False)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self.out)
        os.close(self.inp)

    def _messages(self) -> Iterator[dict[str, Any]]:
        deadline = time.monotonic() + HANG_GUARD
        while True:
            while b"\0" in self.buffer:
                raw, self.buffer = self.buffer.split(b"\0", 1)
                yield json.loads(raw)
            remaining = deadline - time.monotonic()
            assert remaining > 0, "Chromium stopped answering on the DevTools pipe"
            ready, _, _ = select.select([self.inp], [], [], remaining)
            if ready:
                chunk = os.read(self.inp, 1 << 20)
                assert chunk, "Chromium closed the DevTools pipe"
                self.buffer += chunk

    def call(self, method: str, session: bool = True, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.out, json.dumps(message).encode() + b"\0")
        for reply in self._messages():
            if reply.get("id") == self.next_id:
                assert "error" not in reply, (method, reply["error"])
                result: dict[str, Any] = reply.get("result", {})
                return result
            self.events.append(reply)
        raise AssertionError("unreachable")

    def wait_for(self, method: str) -> dict[str, Any]:
        for event in self.events:
            if event.get("method") == method:
                self.events.remove(event)
                return event
        for event in self._messages():
            if event.get("method") == method:
                return event
            self.events.append(event)
        raise AssertionError("unreachable")

    def open(self, url: str, width: int, height: int, mobile: bool) -> None:
        target = self.call("Target.createTarget", session=False, url="about:blank")
        attached = self.call(
            "Target.attachToTarget", session=False, targetId=target["targetId"], flatten=True
        )
        self.session = attached["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network", "DOM", "CSS"):
            self.call(f"{domain}.enable")
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=mobile,
        )
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")
        # Round-trip once more so events sent with the load are collected.
        self.call("Runtime.evaluate", expression="document.readyState", returnByValue=True)

    def evaluate(self, expression: str) -> Any:
        reply = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return reply["result"].get("value")

    def screenshot(self) -> Image.Image:
        shot = self.call("Page.captureScreenshot", format="png")
        return Image.open(io.BytesIO(base64.b64decode(shot["data"]))).convert("RGB")

    def fonts_of(self, selector: str) -> list[str]:
        root = self.call("DOM.getDocument", depth=0)["root"]["nodeId"]
        node = self.call("DOM.querySelector", nodeId=root, selector=selector)["nodeId"]
        assert node, f"no element matches {selector}"
        fonts = self.call("CSS.getPlatformFontsForNode", nodeId=node)["fonts"]
        return [font["familyName"] for font in fonts if font.get("glyphCount", 0) > 0]

    def problems(self) -> list[str]:
        """Console errors and warnings, log errors, and uncaught exceptions seen so far."""
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning"):
                found.append(f"console.{params['type']}: {params.get('args')}")
            elif method == "Runtime.exceptionThrown":
                found.append(f"exception: {params.get('exceptionDetails')}")
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                found.append(f"log: {params['entry'].get('text')} {params['entry'].get('url')}")
            elif method == "Network.loadingFailed":
                found.append(f"network failure: {params.get('errorText')}")
        return found

    def requests(self) -> list[str]:
        return [
            event["params"]["request"]["url"]
            for event in self.events
            if event.get("method") == "Network.requestWillBeSent"
        ]


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("chromium") / "audit.html"
    run = subprocess.run(
        [sys.executable, "-m", "groupcheck", "report", str(GROUPS), "--format", "html",
         "--output", str(out), "--as-of", AS_OF, "--inspector", "林督学", "--detail", "full"],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0 and out.exists(), run.stderr
    return out


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[DevTools]:
    tools = DevTools(tmp_path / "profile")
    try:
        yield tools
    finally:
        tools.close()


def ink_share(image: Image.Image) -> float:
    """The share of pixels that are clearly not background (text, rules, bars)."""
    grey = image.convert("L")
    histogram = grey.histogram()
    dark = sum(histogram[:160])
    return dark / (image.width * image.height)


def test_desktop_renders_the_report_offline_without_errors(
    browser: DevTools, report_file: Path, tmp_path: Path
) -> None:
    url = report_file.as_uri()
    browser.open(url, width=1100, height=1500, mobile=False)
    text = browser.evaluate("document.body.innerText")
    assert "泰安示范教育集团" in text and "济南示范教育集团" in text
    assert "泰安示范中学" in text
    assert "集团化办学督导意见书" in text
    assert browser.problems() == []
    assert [u for u in browser.requests() if u != url] == []
    assert browser.evaluate("document.scripts.length") == 0
    # The group's name is drawn with a CJK font, not boxes.
    fonts = browser.fonts_of("section.annex-group h3")
    assert any("CJK" in name or "WenQuanYi" in name for name in fonts), fonts
    shot = browser.screenshot()
    shot.save(tmp_path / "desktop.png")
    assert shot.size == (1100, 1500)
    assert ink_share(shot) > 0.01  # text and tables, not a blank page
    assert len(shot.resize((110, 150)).getcolors(1 << 16) or []) > 20  # verdicts, charts


def test_phone_reads_without_sideways_scrolling(
    browser: DevTools, report_file: Path, tmp_path: Path
) -> None:
    browser.open(report_file.as_uri(), width=390, height=844, mobile=True)
    assert browser.problems() == []
    assert browser.evaluate("document.documentElement.scrollWidth") <= 390
    size = browser.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert size >= 14  # readable without zooming
    shot = browser.screenshot()
    shot.save(tmp_path / "phone.png")
    assert ink_share(shot) > 0.01


def test_print_media_breaks_a_page_before_the_annex_and_each_full_group(
    browser: DevTools, report_file: Path
) -> None:
    browser.open(report_file.as_uri(), width=1100, height=1500, mobile=False)
    browser.call("Emulation.setEmulatedMedia", media="print")
    breaks = browser.evaluate(
        "[...document.querySelectorAll('section.annex, section.annex-group')]"
        ".map(s => getComputedStyle(s).breakBefore)"
    )
    assert breaks == ["page", "auto", "page"]  # the annex; the first group starts it
    assert browser.evaluate("getComputedStyle(document.querySelector('thead')).display") == (
        "table-header-group"
    )
    pdf = browser.call("Page.printToPDF", preferCSSPageSize=True)
    assert base64.b64decode(pdf["data"]).startswith(b"%PDF")
    assert browser.problems() == []

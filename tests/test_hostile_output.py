"""Outputs that cannot hurt their readers (issue 19 items 1-3; review hostile-input E1-E3, D1-D3).

``tests/corpus/hostile-output-values`` is the example group with values aimed at each reader:
spreadsheet formulas, terminal escapes, workflow commands after newlines, @mentions and URLs.
Each test renders it with the real command and checks what the reader of that output receives;
the file and folder names come from ``tmp_path``.
"""

from __future__ import annotations

import csv
import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from groupcheck import escaping

CORPUS = Path(__file__).resolve().parent / "corpus"
HOSTILE = CORPUS / "hostile-output-values"
GC = [sys.executable, "-m", "groupcheck"]
AS_OF = ["--as-of", "2026-11-25", "--lang", "en"]
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""What no text output may hold raw: every control character but tab and LF (CR included)."""
ESCAPES = re.compile("[\x1b\x07\x9b\x9d]")


def run(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[bytes]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    environment.update(env)
    return subprocess.run(
        [*GC, *args], capture_output=True, cwd=cwd, env=environment, timeout=120, check=False
    )


@pytest.fixture
def group(tmp_path: Path) -> Path:
    """The hostile group, copied under a folder whose name is hostile too."""
    folder = tmp_path / "g\x1b]0;TITLE\x07\x1b[31mred\n::error file=x.yml::forged"
    shutil.copytree(HOSTILE, folder, ignore=shutil.ignore_patterns("expected.yaml"))
    return folder


# --- the escaping functions ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("a\x1b]52;c;ZWNobw==\x07b", "a\\x1b]52;c;ZWNobw==\\x07b"),
        ("line\r\nnext", "line\\x0d\\x0anext"),
        ("\x9b31m", "\\x9b31m"),
        ("a\u2028b\u202eevil", "a\\u2028b\\u202eevil"),
        ("明德 plain", "明德 plain"),
    ],
)
def test_terminal_writes_every_control_as_its_escape(value: str, shown: str) -> None:
    assert escaping.terminal(value) == shown


@pytest.mark.parametrize("lead", ["=", "+", "-", "@", "\t", "\r"])
def test_spreadsheet_quotes_every_formula_lead(lead: str) -> None:
    assert escaping.spreadsheet(f"{lead}1+2") == f"'{lead}1+2"
    assert escaping.spreadsheet(f"{lead}1+2", quote=False) == f"{lead}1+2"
    assert escaping.spreadsheet("1+2") == "1+2"


def test_spreadsheet_escapes_what_a_workbook_cannot_hold() -> None:
    assert escaping.spreadsheet("a\x1bb\x00\nc\td") == "a\\x1bb\\x00\nc\td"


def test_workflow_safe_only_under_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "ok\n::error file=a::b\n  ::stop-commands::x\nend::x\n"
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert escaping.workflow_safe(text) == text
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    safe = escaping.workflow_safe(text)
    assert not [line for line in safe.splitlines() if line.lstrip().startswith("::")]
    assert "\\x3a:error file=a::b" in safe and "end::x" in safe


def test_markdown_text_defuses_mentions_references_and_urls() -> None:
    shown = escaping.markdown_text("@octocat #12 https://evil.example www.evil.example a@b.c")
    for live in ("@octocat", "#12", "https://", "www.", "@b"):
        assert live not in shown


# --- item 1: no output runs what a charter says --------------------------------------------


def _lines_starting_commands(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.lstrip().startswith("::")]


@pytest.mark.parametrize("fmt", ["table", "parsable"])
def test_terminal_formats_hold_no_escape_and_one_line_per_finding(group: Path, fmt: str) -> None:
    done = run("validate", str(group.parent), "--format", fmt, "--no-waivers", *AS_OF)
    out = done.stdout.decode("utf-8")
    assert done.returncode == 1, done.stderr
    assert not RAW_CONTROL.search(out), out
    assert "\\x1b]52;c;" in out  # shown, not obeyed
    rows = [line for line in out.splitlines() if "GC201" in line]
    assert len(rows) == 1 and "::stop-commands::pwn" in rows[0]
    assert not _lines_starting_commands(out)


def test_table_under_github_actions_forges_no_annotation(group: Path, tmp_path: Path) -> None:
    """E3: the default table before the annotations; only groupcheck's own lines are commands."""
    summary = tmp_path / "summary.md"
    done = run(
        "validate",
        str(group.parent),
        "--no-waivers",
        *AS_OF,
        GITHUB_ACTIONS="true",
        GITHUB_STEP_SUMMARY=str(summary),
    )
    out = done.stdout.decode("utf-8")
    err = done.stderr.decode("utf-8")
    assert not _lines_starting_commands(out)  # issue 17: the annotations go to stderr
    commands = _lines_starting_commands(err)
    assert commands, err  # the annotations are there
    for line in commands:
        assert re.match(r"::(error|warning|notice) file=[^,]*rotations\.yaml", line), line
        assert "%0A" in line or "\n" not in line
    assert "::stop-commands::pwn" not in "\n".join(line[:20] for line in out.splitlines())
    assert "::stop-commands::pwn" not in "\n".join(line[:20] for line in err.splitlines())
    assert not ESCAPES.search(out) and not ESCAPES.search(err)


@pytest.mark.parametrize("fmt", ["table", "parsable", "markdown", "junit", "json"])
def test_no_format_but_github_starts_a_command_line(group: Path, fmt: str) -> None:
    done = run(
        "validate", str(group.parent), "--format", fmt, "--no-waivers", *AS_OF, GITHUB_ACTIONS="1"
    )
    assert done.returncode == 1, done.stderr
    assert not _lines_starting_commands(done.stdout.decode("utf-8"))


def test_github_format_escapes_controls_in_its_messages(group: Path) -> None:
    done = run("validate", str(group.parent), "--format", "github", "--no-waivers", *AS_OF)
    out = done.stdout.decode("utf-8")
    assert not ESCAPES.search(out)
    assert all(line.startswith("::error ") for line in out.splitlines())


def test_show_files_writes_one_line_per_file(group: Path) -> None:
    done = run("validate", str(group.parent), "--show-files", GITHUB_ACTIONS="true")
    out = done.stdout.decode("utf-8")
    assert done.returncode == 0, done.stderr
    assert not RAW_CONTROL.search(out) and not _lines_starting_commands(out)
    assert len([line for line in out.splitlines() if line.endswith(".yaml")]) == 2


def test_markdown_defuses_mentions_and_urls(group: Path) -> None:
    """A value GC002 quotes reaches the pull-request comment as text: no mention, no link."""
    charter = group / "charter.yaml"
    hostile = '"@octocat https://evil.example/x www.evil.example #12 \\e[2J"'
    charter.write_text(
        charter.read_text("utf-8").replace("teachers: 40", f"teachers: {hostile}"), "utf-8"
    )
    done = run("validate", str(group.parent), "--format", "markdown", *AS_OF)
    out = done.stdout.decode("utf-8")
    assert "GC002" in out and "octocat" in out, out
    assert not RAW_CONTROL.search(out)
    for live in ("@octocat", "https://evil", "www.evil", "#12"):
        assert live not in out


def test_markdown_of_a_member_name(tmp_path: Path) -> None:
    """A name reaches the Markdown when a finding quotes it: GC205 names the school."""
    from groupcheck.reporters import markdown

    shown = markdown.escape("@octocat see https://evil.example/x and www.evil.example #12 \x1b[2J")
    assert "\x1b" not in shown and "@octocat" not in shown and "https://" not in shown
    assert "#12" not in shown and "www.evil" not in shown


@pytest.mark.skipif(shutil.which("true") is None, reason="needs a POSIX shell")
def test_html_report_holds_no_raw_control_character(group: Path, tmp_path: Path) -> None:
    pytest.importorskip("jinja2")
    target = tmp_path / "report.html"
    done = run("report", str(group.parent), "--format", "html", "-o", str(target), *AS_OF)
    assert done.returncode in (0, 1), done.stderr
    page = target.read_text("utf-8")
    assert not RAW_CONTROL.search(page)
    assert "\\x1b" in page  # the ESC of the names, shown


def test_xlsx_export_writes_text_never_a_formula(group: Path, tmp_path: Path) -> None:
    """E1 and C12: no <f> element, every formula-like text a string cell with a quote prefix,
    and control characters do not crash the export."""
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "out.xlsx"
    done = run("export", str(group.parent), "--format", "xlsx", "-o", str(target), *AS_OF)
    assert done.returncode in (0, 1), done.stderr
    with zipfile.ZipFile(target) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets
        for name in sheets:
            assert b"<f>" not in archive.read(name), name
    workbook = openpyxl.load_workbook(target)
    formula_like = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and escaping.formula_like(cell.value):
                    formula_like.append(cell)
                    assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
    shown = [cell.value for cell in formula_like]
    assert "=cmd|' /C calc'!A0" in shown  # as written, not quoted twice


def test_csv_export_neutralises_every_formula_lead(group: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    done = run("export", str(group.parent), "--format", "csv", "-o", str(target), *AS_OF)
    assert done.returncode in (0, 1), done.stderr
    files = sorted(tmp_path.glob("out*.csv"))
    assert len(files) == 4
    cells = []
    for file in files:
        with file.open(encoding="utf-8-sig", newline="") as stream:
            cells += [cell for row in csv.reader(stream) for cell in row]
        assert not RAW_CONTROL.search(file.read_text("utf-8").replace("\r\n", "\n"))
    assert "'=cmd|' /C calc'!A0" in cells
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_stderr_names_a_hostile_path_on_one_line(tmp_path: Path) -> None:
    target = tmp_path / "nowhere\x1b]0;T\x07\n::error::x" / "out.json"
    done = run("validate", str(HOSTILE), "--format", "json", "-o", str(target), *AS_OF)
    assert done.returncode == 2
    err = done.stderr.decode("utf-8")
    assert len(err.splitlines()) == 1 and not ESCAPES.search(err), err


# --- item 2: an output never replaces an input ---------------------------------------------


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    folder = tmp_path / "g"
    shutil.copytree(HOSTILE, folder, ignore=shutil.ignore_patterns("expected.yaml"))
    return folder


def _unchanged(folder: Path) -> None:
    for name in ("charter.yaml", "rotations.yaml"):
        assert (folder / name).read_bytes() == (HOSTILE / name).read_bytes(), name


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "{g}", "--format", "json", "--output", "{g}/charter.yaml"],
        ["validate", "{g}", "--format", "json", "--output", "{g}/../g/./rotations.yaml"],
        ["validate", "{g}", "--write-baseline", "{g}/rotations.yaml"],
        ["export", "{g}", "--format", "csv", "--output", "{g}/rotations.yaml"],
        ["export", "{g}", "--format", "xlsx", "--output", "{g}/charter.yaml"],
        ["report", "{g}", "--format", "html", "--output", "{g}/charter.yaml"],
        ["validate", "{g}/charter.yaml", "--format", "json", "-o", "{g}/link.json"],
        ["validate", "{g}", "--format", "json", "-o", "{g}/hard.json"],
        # outside the checked folder, yet a charter or a log by a link
        ["validate", "{g}", "--format", "json", "-o", "{g}/../outside-hard.json"],
        ["validate", "{g}", "--format", "json", "-o", "{g}/../outside-link.json"],
    ],
)
def test_an_output_naming_an_input_is_a_usage_error(copy: Path, args: list[str]) -> None:
    """D1: refused before any work, whatever the spelling, a symbolic or a hard link."""
    if args[0] == "report":
        pytest.importorskip("jinja2")
    if args[0] == "export" and "xlsx" in args:
        pytest.importorskip("openpyxl")
    (copy / "link.json").symlink_to(copy / "charter.yaml")
    os.link(copy / "rotations.yaml", copy / "hard.json")
    os.link(copy / "rotations.yaml", copy.parent / "outside-hard.json")
    (copy.parent / "outside-link.json").symlink_to(copy / "charter.yaml")
    done = run(*[a.format(g=copy) for a in args], *AS_OF)
    assert done.returncode == 2, done.stderr
    err = done.stderr.decode("utf-8")
    assert "never replaces" in err and len(err.splitlines()) == 1, err
    _unchanged(copy)


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "json", "-o", "{o}/a.json", "--format", "sarif", "-o", "./{o}/../{o}/a.json"],
        ["--format", "json", "-o", "{o}/b.json", "--write-baseline", "{o}/b.json"],
        ["--format", "json", "-o", "{o}/c.json", "--write-baseline", "{o}/../{o}/c.json"],
    ],
)
def test_two_outputs_naming_one_file_is_a_usage_error(
    copy: Path, tmp_path: Path, args: list[str]
) -> None:
    """D3: the outputs are compared with each other by identity too."""
    (tmp_path / "out").mkdir()
    done = run("validate", str(copy), *[a.format(o="out") for a in args], *AS_OF, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "same file" in done.stderr.decode("utf-8")
    assert not list((tmp_path / "out").iterdir())  # nothing written


def test_csv_sibling_naming_an_input_is_a_usage_error(copy: Path, tmp_path: Path) -> None:
    """The csv export writes NAME.matrix.csv and others beside NAME: each is a target."""
    baseline = tmp_path / "out.groups.csv"
    run("validate", str(copy), "--write-baseline", str(baseline), *AS_OF)
    before = baseline.read_bytes()
    done = run(
        "export",
        str(copy),
        "--format",
        "csv",
        "-o",
        str(tmp_path / "out.csv"),
        "--config",
        str(_config(tmp_path, baseline)),
        *AS_OF,
    )
    assert done.returncode == 2, done.stderr
    assert baseline.read_bytes() == before
    assert not (tmp_path / "out.csv").exists()


def _config(folder: Path, baseline: Path) -> Path:
    config = folder / "groupcheck.toml"
    config.write_text(f'baseline = "{baseline.name}"\n', "utf-8")
    return config


def test_devices_may_be_named_twice(copy: Path) -> None:
    done = run(
        "validate",
        str(copy),
        *["--format", "json", "-o", os.devnull, "--write-baseline", os.devnull],
        *AS_OF,
    )
    assert done.returncode == 0, done.stderr


# --- item 3: every write is complete or reported -------------------------------------------


@pytest.fixture
def big(tmp_path: Path) -> Path:
    """60 copies of the group: a JSON report of about 300 KB, far over a pipe's 64 KB."""
    root = tmp_path / "big"
    for number in range(60):
        folder = root / f"g{number}"
        folder.mkdir(parents=True)
        for name, key in (("charter.yaml", "id"), ("rotations.yaml", "group")):
            text = (HOSTILE / name).read_text("utf-8")
            text = text.replace(f"{key}: mingde-primary-group", f"{key}: g{number}", 1)
            (folder / name).write_text(text, "utf-8")
    return root


def test_unbuffered_stdout_closed_by_head_exits_2(big: Path) -> None:
    """D2: ``PYTHONUNBUFFERED=1 groupcheck ... | head -1`` gives exit 2 and one line."""
    environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [*GC, "validate", str(big), "--format", "json", *AS_OF],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    err = process.stderr.read().decode("utf-8")
    assert process.wait(timeout=120) == 2, err
    assert first == b"{\n"
    assert len(err.splitlines()) == 1 and "standard output" in err, err


@pytest.mark.parametrize("unbuffered", ["1", ""])
def test_non_blocking_stdout_with_a_slow_reader_gets_everything(big: Path, unbuffered: str) -> None:
    """D2: stdout a non-blocking pipe (EAGAIN when full): every byte arrives, valid JSON."""
    read_end, write_end = os.pipe()
    flags = fcntl.fcntl(write_end, fcntl.F_GETFL)
    fcntl.fcntl(write_end, fcntl.F_SETFL, flags | os.O_NONBLOCK)
    received: list[bytes] = []

    def slow_reader() -> None:
        time.sleep(1.5)
        with os.fdopen(read_end, "rb") as stream:
            received.append(stream.read())

    reader = threading.Thread(target=slow_reader)
    reader.start()
    environment = {**os.environ, "PYTHONUNBUFFERED": unbuffered}
    done = subprocess.run(
        [*GC, "validate", str(big), "--format", "json", *AS_OF],
        stdout=write_end,
        stderr=subprocess.PIPE,
        env=environment,
        timeout=120,
        check=False,
    )
    os.close(write_end)
    reader.join(timeout=60)
    assert done.returncode in (0, 1), done.stderr
    report = json.loads(received[0].decode("utf-8"))
    assert report["summary"]["groups"] == 60

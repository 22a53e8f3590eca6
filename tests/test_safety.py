"""Output and data safety: nothing under the checked paths changes, and output is never half.

* Every command, run on the whole bad-input corpus, leaves the tree byte-for-byte as it was
  (names, kinds, modes, contents and link targets hashed before and after).
* ``--output`` is atomic: a writer killed after writing its temporary file, or in the middle
  of writing it, leaves the previous report intact.
* An unwritable output path, a full disk (``/dev/full``, and a file-size limit on a real
  file), a device as the target, and a closed stdout each give one line on stderr and exit 2,
  never a traceback and never a partial file under the target's name.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from groupcheck.cli import app

CORPUS = Path(__file__).resolve().parent / "corpus"
AS_OF = ["--as-of", "2026-11-25", "--lang", "en"]
JSON_TO_REPORT = ["-f", "json", "-o", "report.json", *AS_OF]


def tree_digest(top: Path) -> dict[str, str]:
    """Every entry under ``top``: kind, mode and content (or link target) hashed."""
    out: dict[str, str] = {}
    for folder, dirnames, filenames in os.walk(top, followlinks=False):
        for name in sorted(dirnames + filenames):
            path = Path(folder) / name
            st = os.lstat(path)
            rel = path.relative_to(top).as_posix()
            if stat.S_ISLNK(st.st_mode):
                out[rel] = "link:" + os.readlink(path)
            elif stat.S_ISDIR(st.st_mode):
                out[rel] = f"dir:{st.st_mode:o}"
            elif stat.S_ISREG(st.st_mode):
                digest = hashlib.sha256()
                with open(path, "rb") as handle:
                    for block in iter(lambda: handle.read(1 << 20), b""):
                        digest.update(block)
                out[rel] = f"file:{st.st_mode:o}:{digest.hexdigest()}"
            else:
                out[rel] = f"other:{st.st_mode:o}"
    return out


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """The committed corpus plus the awkward entries git cannot hold."""
    target = tmp_path / "checked"
    shutil.copytree(CORPUS, target, symlinks=True)
    loop = target / "generated-symlink-loop"
    loop.mkdir()
    os.symlink("charter.yaml", loop / "charter.yaml")
    (target / "generated-folder-charter" / "charter.yaml").mkdir(parents=True)
    up = target / "generated-link-up"
    up.mkdir()
    os.symlink("..", up / "up")
    locked = target / "generated-locked"
    locked.mkdir()
    (locked / "charter.yaml").write_bytes((CORPUS / "crlf" / "charter.yaml").read_bytes())
    (locked / "charter.yaml").chmod(0o000)
    return target


def groupcheck(
    *args: str, cwd: Path, stdin: int | None = subprocess.DEVNULL
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "groupcheck", *args],
        cwd=cwd,
        capture_output=True,
        stdin=stdin,
        timeout=600,
    )


def commands() -> list[str]:
    return sorted(
        c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands
    )


# What each command is given to read the corpus; a command not named here gets the path alone.
# Commands whose job is writing (init) write only where --output/its target says, which is
# outside the checked tree here.
INVOCATIONS: dict[str, list[list[str]]] = {
    "validate": [
        ["validate", "checked", *AS_OF],
        ["validate", "checked", "-f", "json", *AS_OF],
        ["validate", "checked", "-f", "json", "-o", "out/report.json", *AS_OF],
        ["validate", "checked/crlf/charter.yaml", *AS_OF],
        ["validate", "checked", "--no-waivers", "--lang", "zh", "--as-of", "2026-11-25"],
        ["validate", "checked", "--statistics", *AS_OF],
        ["validate", "checked", "--jobs", "2", "-f", "json", "-o", "out/jobs.json", *AS_OF],
        ["validate", "checked", "--show-files"],
        ["validate", "checked", "--show-settings"],
        ["validate", "checked", "--write-baseline", "out/baseline.json", *AS_OF],
        ["validate", "checked", "--baseline", "out/baseline.json", "-q", *AS_OF],
    ],
    "report": [
        ["report", "checked", "-o", "out/audit.html", *AS_OF],
        ["report", "checked", "-f", "html", "-o", "-", "--lang", "zh"],
    ],
    # init writes, but never over an existing group without --force: aimed at a group folder
    # of the checked tree, it must refuse and leave it as it was.
    "init": [["init", "crlf", "--dir", "checked"], ["init", "new-group", "--dir", "out"]],
    "schema": [["schema", "charter", "-o", "out/schema.json"], ["schema", "rotations"]],
    "rules": [["rules"], ["rules", "-f", "markdown", "-o", "out/rules.md"]],
    "explain": [["explain", "GC201"], ["explain", "GC999"]],
    # fix mends files in place by design (tests/test_fix.py checks how); --diff never writes.
    "fix": [["fix", "checked", "--diff", *AS_OF]],
    "export": [
        ["export", "checked", "-o", "out/export.xlsx", *AS_OF],
        ["export", "checked", "-f", "csv", "-o", "out/export.csv", *AS_OF],
    ],
}
REFUSALS = (["explain", "GC999"], ["init", "crlf", "--dir", "checked"])
"""Invocations above that must end in a usage error (exit 2); every other one must run."""


def invocations() -> list[list[str]]:
    from groupcheck import reporters

    found: list[list[str]] = []
    for name in commands():
        found += INVOCATIONS.get(name, [[name, "checked"]])
    every_format: list[str] = []  # every format validate writes, each to its file, in one run
    for fmt in getattr(reporters, "CI_FORMATS", ("table", "json")):
        every_format += ["-f", fmt, "-o", f"out/report.{fmt}"]
    found.append(["validate", "checked", *every_format, *AS_OF])
    return found


AS_THE_PROGRAM = ("validate", "report")
"""Commands run as the real program: the program parses ``validate`` in ``cli.fast``, not
through typer, and ``report`` (WeasyPrint, the fonts) is checked as the user runs it. Every
other command is the program's typer app, so it runs in this process (typer's runner, without
an interpreter's start-up per call); an exception escaping it is what a traceback would be."""


def run_command(args: list[str], cwd: Path) -> tuple[int, str]:
    """``groupcheck ARGS`` in ``cwd``: its exit code and its stderr (or traceback)."""
    if args[0] in AS_THE_PROGRAM:
        proc = groupcheck(*args, cwd=cwd)
        return proc.returncode, proc.stderr.decode("utf-8", "replace")
    done = CliRunner().invoke(app, args)
    if done.exception is not None and not isinstance(done.exception, SystemExit):
        return done.exit_code, "Traceback\n" + "".join(traceback.format_exception(done.exception))
    return done.exit_code, done.stderr


def test_no_command_changes_the_checked_tree(
    corpus_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = corpus_copy.parent
    (base / "out").mkdir()
    monkeypatch.chdir(base)
    before = tree_digest(corpus_copy)
    assert len(before) > 100
    ran = 0
    for args in invocations():
        code, stderr = run_command(args, base)
        assert "Traceback" not in stderr, (args, stderr)
        assert tree_digest(corpus_copy) == before, args
        if any(args in listed for listed in INVOCATIONS.values()):
            expected = (2,) if args in REFUSALS else (0, 1)
            assert code in expected, (args, stderr)
        ran += 1
    assert ran >= len(INVOCATIONS["validate"])


def test_checking_never_writes_inside_the_tree_in_process(
    corpus_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Belt and braces: no file under the checked tree is even opened for writing."""
    import builtins

    import groupcheck as api

    real_open = builtins.open
    writes: list[str] = []

    def watching_open(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        if any(m in mode for m in "wax+") and str(corpus_copy) in os.path.abspath(str(file)):
            writes.append(str(file))
        return real_open(file, mode, *args, **kwargs)  # type: ignore[call-overload]

    real_os_open = os.open
    writing = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
    reads: list[str] = []

    def watching_os_open(file: object, flags: int, *args: object, **kwargs: object) -> int:
        if str(corpus_copy) in os.path.abspath(str(file)):
            (writes if flags & writing else reads).append(str(file))
        return real_os_open(file, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "open", watching_open)
    monkeypatch.setattr(os, "open", watching_os_open)
    monkeypatch.chdir(corpus_copy.parent)
    api.check(api.load(["checked"]))
    assert writes == []
    assert reads, "the watch must see the charters being read"


# ---------------------------------------------------------------------------------------------
# Atomic output

KILLER = """
import os, signal, sys
import groupcheck.output as output
moment = sys.argv.pop(1)
if moment == "before-rename":
    real_fsync = os.fsync
    def fsync_then_die(fd):
        real_fsync(fd)
        os.kill(os.getpid(), signal.SIGKILL)
    os.fsync = fsync_then_die
else:
    real_fdopen = os.fdopen
    class HalfWriter:
        def __init__(self, stream):
            self.stream = stream
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            return False
        def write(self, data):
            self.stream.write(data[: len(data) // 2])
            self.stream.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        def __getattr__(self, name):
            return getattr(self.stream, name)
    os.fdopen = lambda fd, *a, **k: HalfWriter(real_fdopen(fd, *a, **k))
from groupcheck.cli import main
sys.argv[0] = "groupcheck"
main()
"""


@pytest.mark.parametrize("moment", ["before-rename", "mid-write"])
def test_killed_writer_leaves_the_previous_report(moment: str, tmp_path: Path) -> None:
    shutil.copytree(CORPUS / "crlf", tmp_path / "g")
    report = tmp_path / "report.json"
    first = groupcheck("validate", "g", "-f", "json", "-o", "report.json", *AS_OF, cwd=tmp_path)
    assert first.returncode in (0, 1), first.stderr.decode()
    previous = report.read_bytes()
    assert previous.startswith(b"{")
    shutil.copytree(CORPUS / "gbk-charter", tmp_path / "g2")  # the next report would differ
    proc = subprocess.run(
        [sys.executable, "-c", KILLER, moment, "validate", "g", "g2", *JSON_TO_REPORT],
        cwd=tmp_path,
        capture_output=True,
        timeout=300,
    )
    assert proc.returncode == -signal.SIGKILL
    assert report.read_bytes() == previous
    # what the killed run left is a hidden temporary file, never a file named like the report
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".report.json."))
    assert all(name.endswith(".tmp") for name in leftovers)
    assert leftovers  # the kill really came after the temporary file was started


# ---------------------------------------------------------------------------------------------
# Failures to write: one line, exit 2, no partial report


def assert_one_line_error(proc: subprocess.CompletedProcess[bytes], fragment: str) -> None:
    err = proc.stderr.decode()
    assert proc.returncode == 2, (proc.returncode, err)
    assert "Traceback" not in err
    assert err.count("\n") == 1 and err.startswith("groupcheck: error: "), err
    assert fragment in err, err


def test_output_into_missing_folder(tmp_path: Path) -> None:
    shutil.copytree(CORPUS / "crlf", tmp_path / "g")
    proc = groupcheck("validate", "g", "-o", "no/such/folder/r.json", *AS_OF, cwd=tmp_path)
    assert_one_line_error(proc, "no/such/folder/r.json")


def test_output_under_a_file(tmp_path: Path) -> None:
    shutil.copytree(CORPUS / "crlf", tmp_path / "g")
    (tmp_path / "plain").write_text("x")
    proc = groupcheck("validate", "g", "-o", "plain/r.json", *AS_OF, cwd=tmp_path)
    assert_one_line_error(proc, "Not a directory")


def test_output_is_a_folder(tmp_path: Path) -> None:
    shutil.copytree(CORPUS / "crlf", tmp_path / "g")
    (tmp_path / "taken").mkdir()
    proc = groupcheck("validate", "g", "-o", "taken", *AS_OF, cwd=tmp_path)
    assert_one_line_error(proc, "taken")
    assert (tmp_path / "taken").is_dir()


def test_output_in_a_read_only_folder(
    tmp_path: Path, unprivileged: Callable[[list[str]], list[str]]
) -> None:
    """Permission denied for real: the command runs without root's power over file modes."""
    shutil.copytree(CORPUS / "crlf", tmp_path / "g")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "r.json").write_text("previous")
    locked.chmod(0o555)
    for path in [tmp_path, *tmp_path.rglob("*")]:
        if path.is_dir() and path != locked:
            path.chmod(0o755)
        elif path.is_file() and path.parent != locked:
            path.chmod(0o644)
    command = [sys.executable, "-m", "groupcheck", "validate", "g", "-o", "locked/r.json", *AS_OF]
    command = unprivileged(command)
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", HOME=str(tmp_path))
    proc = subprocess.run(command, cwd=tmp_path, capture_output=True, timeout=300, env=env)
    assert_one_line_error(proc, "Permission denied")
    assert (locked / "r.json").read_text() == "previous"


def full_device(tmp_path: Path) -> Path:
    """/dev/full, or as root a private node of the same device (so a bug cannot replace the
    system's /dev/full with a report)."""
    if os.geteuid() != 0:
        return Path("/dev/full")
    node = tmp_path / "full"
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    return node


def test_output_to_a_full_device(tmp_path: Path) -> None:
    shutil.copytree(CORPUS / "crlf", tmp_path / "g")
    device = full_device(tmp_path)
    proc = groupcheck("validate", "g", "-f", "json", "-o", str(device), *AS_OF, cwd=tmp_path)
    assert_one_line_error(proc, "No space left on device")
    assert stat.S_ISCHR(os.stat(device).st_mode)  # still the device, not a report


def test_stdout_to_a_full_device(tmp_path: Path) -> None:
    shutil.copytree(CORPUS / "crlf", tmp_path / "g")
    device = full_device(tmp_path)
    with open(device, "wb") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "groupcheck", "validate", "g", *AS_OF],
            cwd=tmp_path,
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=300,
        )
    assert_one_line_error(proc, "No space left on device")


def limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200))


def test_disk_full_while_writing_keeps_the_previous_report(tmp_path: Path) -> None:
    """A file-size limit stands in for a full disk: the write fails part-way through."""
    shutil.copytree(CORPUS / "crlf", tmp_path / "g")
    report = tmp_path / "report.json"
    report.write_bytes(b'{"previous": true}\n')
    proc = subprocess.run(
        [sys.executable, "-m", "groupcheck", "validate", "g", *JSON_TO_REPORT],
        cwd=tmp_path,
        capture_output=True,
        timeout=300,
        preexec_fn=limit_file_size,
    )
    assert_one_line_error(proc, "report.json")
    assert report.read_bytes() == b'{"previous": true}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g", "report.json"]  # no temp left


def test_closed_stdout(tmp_path: Path) -> None:
    """``groupcheck … | head -1`` with the reader already gone: exit 2 and say so."""
    shutil.copytree(CORPUS, tmp_path / "corpus")
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has left before the first byte is written
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "groupcheck", "validate", "corpus", *AS_OF],
            cwd=tmp_path,
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=300,
        )
    finally:
        os.close(write_end)
    assert_one_line_error(proc, "standard output was closed")


@pytest.mark.parametrize(
    "argv",
    [
        ("validate", "corpus", *AS_OF),
        ("validate", "corpus", "-f", "json", *AS_OF),
        ("--version",),
        ("--help",),
        ("validate", "--help"),
        ("explain", "GC201"),
    ],
    ids=["table", "json", "--version", "--help", "validate --help", "explain"],
)
def test_no_stdout_at_all(tmp_path: Path, argv: tuple[str, ...]) -> None:
    """Started with stdout closed (``>&-``, where Python has no ``sys.stdout``): exit 2 and
    one line, never a traceback; a run writing its report to a file is not stopped by it."""
    shutil.copytree(CORPUS, tmp_path / "corpus")
    command = [sys.executable, "-m", "groupcheck", *argv]
    proc = subprocess.run(
        ["bash", "-c", '"$@" >&-', "run", *command],
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        timeout=300,
    )
    assert_one_line_error(proc, "cannot write to standard output")
    if argv[0] == "validate":
        with_file = [*command[:3], "validate", "corpus", *AS_OF, "-f", "json", "-o", "report.json"]
        proc = subprocess.run(
            ["bash", "-c", '"$@" >&-', "run", *with_file],
            cwd=tmp_path,
            stderr=subprocess.PIPE,
            timeout=300,
        )
        assert proc.returncode in (0, 1) and b"Traceback" not in proc.stderr, proc.stderr
        assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["summary"]


def test_init_without_stdout_writes_its_files_then_says_so(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "groupcheck", "init", "newgrp", "--dir", "out"]
    proc = subprocess.run(
        ["bash", "-c", '"$@" >&-', "run", *command],
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        timeout=300,
    )
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.decode().splitlines()[-1].startswith("groupcheck: error: cannot write")
    assert (tmp_path / "out" / "newgrp" / "charter.yaml").is_file()


def test_pipe_into_head_through_a_shell(tmp_path: Path) -> None:
    """The real pipeline: whatever the timing, no traceback, and never a silent exit."""
    shutil.copytree(CORPUS, tmp_path / "corpus")
    script = (
        f"{sys.executable} -m groupcheck validate corpus -f json --as-of 2026-11-25 | head -1;"
        ' echo "status=${PIPESTATUS[0]}"'
    )
    proc = subprocess.run(["bash", "-c", script], cwd=tmp_path, capture_output=True, timeout=300)
    out = proc.stdout.decode()
    assert out.splitlines()[0] == "{"
    status = out.strip().splitlines()[-1]
    assert status in ("status=1", "status=2"), out  # findings, or the pipe closed first
    assert b"Traceback" not in proc.stderr
    if status == "status=2":
        assert b"standard output was closed" in proc.stderr


# ---------------------------------------------------------------------------------------------
# The HTML report: charter text is text, in a real browser

HOSTILE = {
    "name": "<script>document.documentElement.setAttribute('data-pwned','script')</script>泰安集团",
    "jurisdiction": (
        "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">]]>"
    ),
    "core": (
        "<svg onload=\"document.documentElement.setAttribute('data-pwned','svg')\"></svg>"
        '"q" :: ::error::x'
    ),
    "member": (
        "<iframe src=\"javascript:document.documentElement.setAttribute('data-pwned','iframe')\">"
        "</iframe>"
    ),
    "chair": "</style><script>document.documentElement.setAttribute('data-pwned','style')</script>",
}


def hostile_charter() -> str:
    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    return (
        f"id: hostile-group\nname: {quoted(HOSTILE['name'])}\n"
        f"jurisdiction: {quoted(HOSTILE['jurisdiction'])}\n"
        "model: tight\nestablished: 2022-07-30\n"
        f"core_school:\n  id: hostile-core\n  name: {quoted(HOSTILE['core'])}\n  teachers: 100\n"
        f"members:\n  - id: hostile-member\n    name: {quoted(HOSTILE['member'])}\n"
        "    relation: integration\n"
        f"council:\n  chair: {quoted(HOSTILE['chair'])}\n"
    )


def dump_dom(page: Path, tmp_path: Path) -> str:
    """The page's DOM after Chromium loaded it and ran whatever it would run."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    assert browser, "Debian's chromium is needed (python3 tools/test.py installs it)"
    proc = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=3000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    return proc.stdout.decode("utf-8")


def test_markup_in_a_charter_never_runs_in_the_html_report(tmp_path: Path) -> None:
    """A charter full of markup and scripts, rendered by ``groupcheck report``, opened in
    headless Chromium: no payload runs, and each one shows as literal text.

    A control page holding the same payloads unescaped proves the detector sees a payload run.
    """
    if "report" not in commands():
        pytest.fail("groupcheck report is not registered")
    group = tmp_path / "hostile"
    group.mkdir()
    (group / "charter.yaml").write_text(hostile_charter(), encoding="utf-8")
    page = tmp_path / "audit.html"
    proc = groupcheck(
        "report",
        "hostile",
        "--format",
        "html",
        "--output",
        str(page),
        "--as-of",
        "2026-11-25",
        "--detail",
        "full",
        cwd=tmp_path,
    )  # fmt: skip  (full: every charter text is printed, the chair and members included)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    dom = dump_dom(page, tmp_path)
    assert 'data-pwned="' not in dom
    for text in HOSTILE.values():
        literal = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert literal in dom, text

    control = tmp_path / "control.html"
    control.write_text(
        "<!doctype html><html><body>" + HOSTILE["jurisdiction"] + "</body></html>",
        encoding="utf-8",
    )
    assert 'data-pwned="img"' in dump_dom(control, tmp_path)


def test_markup_in_a_charter_prints_literally_in_the_pdf_report(tmp_path: Path) -> None:
    """The same charter as a PDF: each payload comes back from ``pdftotext`` as its own text."""
    if "report" not in commands():
        pytest.fail("groupcheck report is not registered")
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "poppler-utils is needed (python3 tools/test.py installs it)"
    group = tmp_path / "hostile"
    group.mkdir()
    (group / "charter.yaml").write_text(hostile_charter(), encoding="utf-8")
    proc = groupcheck(
        "report",
        "hostile",
        "--output",
        "audit.pdf",
        "--as-of",
        "2026-11-25",
        "--detail",
        "full",
        cwd=tmp_path,
    )
    assert proc.returncode in (0, 1), proc.stderr.decode()
    text = subprocess.run(
        [pdftotext, str(tmp_path / "audit.pdf"), "-"], capture_output=True, timeout=120
    ).stdout.decode("utf-8")
    # A table cell wraps anywhere (and pdftotext may interleave neighbouring cells), so the
    # markup is looked for in pieces short enough to stay on one line.
    flat = "".join(text.split())
    pieces = ["<script>", "</script>", "<imgsrc=x", "onerror=", "<svgonload=", "</svg>"]
    pieces += ["<iframesrc=", "</iframe>", "</style>", "]]>", '"q"::::error::x', "泰安集团"]
    for piece in pieces:
        assert piece in flat, piece

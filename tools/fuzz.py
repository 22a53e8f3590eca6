"""Coverage-guided fuzzing of the loader and the rule engine: one command.

    .venv/bin/python tools/fuzz.py --minutes 30

Each input is one group folder: the bytes before the line ``#--rotations--`` are its
``charter.yaml``, the bytes after it (if present) its ``rotations.yaml``. The harness writes
them to a scratch folder, runs what ``groupcheck validate`` runs (discovery, loading, every
rule, the waivers, every reporter), and checks the reliability contract (docs/reliability.md):

* no exception escapes (bad input is a finding, never a traceback);
* every finding names a file, and a line inside that file where it has one;
* the charter file is unchanged afterwards;
* every output is valid and harmless to its reader (``check_output``): JSON, SARIF and GitLab
  parse as JSON, JUnit as XML; no raw control character in the table, ``parsable``, Markdown,
  GitHub annotations or HTML; one ``parsable`` line per finding; no line but the ``github``
  format's starts a workflow command (``::``) as the CLI writes it under ``GITHUB_ACTIONS``;
  no live ``@mention`` or URL in Markdown; no csv cell starting with a formula lead and, every
  16th input, no formula in the xlsx export.

With atheris installed (the ``dev`` extra) the search is coverage-guided by libFuzzer over
instrumented groupcheck code, seeded from the valid charters below and every file in
``tests/corpus/``. Without it, Hypothesis drives random mutations of the same seeds. A failing
input is written to ``--crashes`` (default ``tools/fuzz-crashes/``) and the run stops; keep it
as a regression case in ``tests/corpus/fuzz/`` once it is fixed.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import importlib.util
import io
import json
import os
import re
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
SEPARATOR = b"\n#--rotations--\n"
AS_OF = dt.date(2026, 11, 25)

SEED_CHARTER = """\
id: fuzz-group
name: 泰安第六中学教育集团
jurisdiction: 山东省泰安市泰山区
level: junior
model: tight
established: 2021-07-30
core_school:
  id: fuzz-core
  name: 泰安第六中学
  teachers: 120
members:
  - &m1
    id: fuzz-member
    name: 成员校
    relation: integration
    joined: 2021-09-01
  - id: fuzz-member-2
    name: 第二成员校
    relation: combination
collaborators:
  - id: fuzz-partner
    name: 协作校
council:
  chair: 张校长
  members:
    - name: 王老师
      school: fuzz-core
  filed_with: 泰山区教育局
  filed_on: 2021-08-15
documents:
  work_plan: {title: 工作计划, adopted: 2021-09-01}
  charter: {title: 章程, adopted: 2021-09-01}
  management_rules: {title: 管理制度, adopted: 2021-09-01}
  development_plan: {title: 三年规划, start_year: 2021, end_year: 2024}
  research_project: {title: 课题, adopted: 2022-03-01}
approval:
  scope: in-district
  approved_by: 泰山区教育局
  approved_on: 2021-07-01
  document_no: 泰教发〔2021〕12号
funding:
  - year: 2022
    amount_yuan: 20万元
    source: 区财政
    uses: [teacher_training, curriculum]
  - year: 2023
    amount_yuan: 200000
    uses: [research]
evaluations:
  - academic_year: 2022-2023
    date: 2023-07-10
    by: 泰山区教育局
    dimensions: [school, teacher, student, recognition, potential]
waivers:
  - rule: GC201
    year: 2022-2023
    reason: 新建集团
    expires: 2027-01-01
"""

SEED_LOG = """\
group: fuzz-group
exchanges:
  - person: 李明
    staff_no: "001"
    role: cadre
    backbone: false
    from: fuzz-core
    to: fuzz-member
    start: 2022-09-01
    end: 2024-08-31
  - person: 王芳
    role: 教师
    backbone: true
    from: fuzz-core
    to: fuzz-member-2
    start: 2023-02-01
    end: 2025-01-31
"""


def seeds() -> list[bytes]:
    """Valid groups plus every input of the bad-input corpus."""
    found = [
        SEED_CHARTER.encode() + SEPARATOR + SEED_LOG.encode(),
        SEED_CHARTER.encode(),
    ]
    corpus = ROOT / "tests" / "corpus"
    if corpus.is_dir():
        for path in sorted(corpus.rglob("*")):
            if path.is_file() and not path.is_symlink() and path.suffix in (".yaml", ".yml"):
                data = path.read_bytes()
                if len(data) <= 64 * 1024:
                    found.append(data)
    return found


class ContractBroken(AssertionError):
    """The input broke the reliability contract (an escaped exception is reported as is)."""


class Harness:
    """Runs one input through discovery, loading, the rules and every reporter."""

    def __init__(self, scratch: str) -> None:
        self.folder = os.path.join(scratch, "group")
        os.makedirs(self.folder, exist_ok=True)
        self.charter = os.path.join(self.folder, "charter.yaml")
        self.log = os.path.join(self.folder, "rotations.yaml")

    def __call__(self, data: bytes) -> None:
        import groupcheck
        from groupcheck import reporters

        charter, _, log = data.partition(SEPARATOR)
        _write(self.charter, charter)
        if SEPARATOR in data:
            _write(self.log, log)
        elif os.path.exists(self.log):
            os.unlink(self.log)
        before = hashlib.sha256(charter).digest()
        files = {self.charter: charter, self.log: log}
        # One language per input (chosen by the input itself) keeps the rate up.
        for lang in ("zh",) if len(data) % 2 else ("en",):
            loaded = groupcheck.load([self.folder], lang=lang)
            result = groupcheck.check(loaded, as_of=AS_OF, lang=lang)
            for finding in result.report.findings:
                _check_finding(finding, files)
            for name in reporters.FORMATS:
                text = reporters.render(name, result, lang=lang, color=False, width=100)
                if not isinstance(text, str):
                    raise ContractBroken(f"reporter {name} returned {type(text).__name__}")
                check_output(name, text, len(result.report.findings))
            check_spreadsheets(result, lang, xlsx=hashlib.sha256(data).digest()[0] % 16 == 0)
        with open(self.charter, "rb") as handle:
            if hashlib.sha256(handle.read()).digest() != before:
                raise ContractBroken("the charter file changed")


RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""What no text output may hold raw: every control character but tab and LF."""
MENTION = re.compile(r"@[0-9A-Za-z_]")
URL = re.compile(r"(?i)(https?|ftps?)://|www\.")
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def check_output(name: str, text: str, findings: int) -> None:
    """The output side of the contract for one rendered format (docs/reliability.md)."""
    from groupcheck.escaping import workflow_safe

    if name in ("json", "sarif", "gitlab"):
        try:
            json.loads(text)
        except ValueError as exc:
            raise ContractBroken(f"{name}: not JSON: {exc}") from None
        return
    if name == "junit":
        try:
            ElementTree.fromstring(text)
        except ElementTree.ParseError as exc:
            raise ContractBroken(f"junit: not XML: {exc}") from None
    elif RAW_CONTROL.search(text):
        found = RAW_CONTROL.search(text)
        raise ContractBroken(f"{name}: a raw control character {found.group()!r}")  # type: ignore[union-attr]
    if name == "github":
        bad = [line for line in text.splitlines() if not line.startswith("::")]
        if bad:
            raise ContractBroken(f"github: a line that is not an annotation: {bad[0]!r}")
        return
    if name in ("table", "parsable", "markdown"):
        shown = text
    else:  # XML and HTML text may hold a value's newline: the CLI's guard keeps it harmless
        os.environ["GITHUB_ACTIONS"] = "true"
        try:
            shown = workflow_safe(text)
        finally:
            del os.environ["GITHUB_ACTIONS"]
    commands = [line for line in shown.splitlines() if line.lstrip().startswith("::")]
    if commands:
        raise ContractBroken(f"{name}: a line starts a workflow command: {commands[0]!r}")
    if name == "parsable" and len(text.splitlines()) != findings:
        raise ContractBroken(f"parsable: {len(text.splitlines())} lines for {findings} findings")
    if name == "markdown" and (MENTION.search(text) or URL.search(text)):
        raise ContractBroken(f"markdown: a live mention or URL in {text!r}")


def check_spreadsheets(result: Any, lang: str, *, xlsx: bool) -> None:
    """No csv cell starts with a formula lead; with ``xlsx`` (openpyxl is slow), no sheet of
    the workbook holds a formula."""
    from groupcheck.reporters import spreadsheet

    sheets = spreadsheet.tables(result, lang)  # type: ignore[arg-type]
    for table in sheets:
        for row in csv.reader(io.StringIO(spreadsheet.csv_text(table).lstrip("\ufeff"))):
            for cell in row:
                if cell.startswith(FORMULA_LEADS):
                    raise ContractBroken(f"csv {table.name}: a formula-like cell {cell!r}")
    if xlsx and importlib.util.find_spec("openpyxl") is not None:
        with zipfile.ZipFile(io.BytesIO(spreadsheet.xlsx_bytes(sheets))) as archive:
            for member in archive.namelist():
                if member.startswith("xl/worksheets/") and b"<f>" in archive.read(member):
                    raise ContractBroken(f"xlsx {member}: a formula")


def _write(path: str, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)


def _line_count(data: bytes) -> int:
    """Lines as an editor counts them (LF, CRLF or a lone CR end a line)."""
    return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1


def _check_finding(finding: Any, files: dict[str, bytes]) -> None:
    if not finding.file:
        raise ContractBroken(f"{finding.rule} has no file: {finding.message}")
    if not finding.message:
        raise ContractBroken(f"{finding.rule} has no message")
    if finding.line is None:
        return
    data = next((d for p, d in files.items() if os.path.abspath(finding.file) == p), None)
    if data is None:
        raise ContractBroken(f"{finding.rule} names a file the run did not read: {finding.file}")
    lines = _line_count(data)
    if not 1 <= finding.line <= lines:
        raise ContractBroken(
            f"{finding.rule} at line {finding.line} of {finding.file}, which has {lines} lines: "
            f"{finding.message}"
        )


def _save_crash(crashes: Path, data: bytes) -> Path:
    crashes.mkdir(parents=True, exist_ok=True)
    path = crashes / f"crash-{hashlib.sha1(data).hexdigest()}"
    path.write_bytes(data)
    return path


def run_atheris(args: argparse.Namespace, scratch: str) -> int:
    import atheris

    with atheris.instrument_imports(include=["groupcheck"]):
        import groupcheck
        import groupcheck.engine
        import groupcheck.loader
        import groupcheck.reporters
        import groupcheck.yamlsource

        for name in groupcheck.reporters.FORMATS.values():
            __import__(name)
        if importlib.util.find_spec("groupcheck.checks") is not None:
            import groupcheck.checks  # the rule catalog: instrumented like the loader
        groupcheck.engine.registry()  # anything it imports lazily is imported here
    harness = Harness(scratch)
    corpus = Path(args.corpus)
    corpus.mkdir(parents=True, exist_ok=True)
    for data in seeds():
        (corpus / f"seed-{hashlib.sha1(data).hexdigest()}").write_bytes(data)
    crashes = Path(args.crashes)
    crashes.mkdir(parents=True, exist_ok=True)
    libfuzzer = [
        sys.argv[0],
        str(corpus),
        f"-max_total_time={int(args.minutes * 60)}",
        f"-artifact_prefix={crashes}/",
        f"-timeout={args.timeout}",
        "-rss_limit_mb=3072",
        f"-max_len={args.max_len}",
        "-print_final_stats=1",
    ]
    atheris.Setup(libfuzzer, harness)
    atheris.Fuzz()
    return 0


def run_hypothesis(args: argparse.Namespace, scratch: str) -> int:
    """Random mutations of the seeds, for machines without atheris (not coverage-guided)."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    harness = Harness(scratch)
    pool = seeds()
    deadline = time.monotonic() + args.minutes * 60
    executions = 0

    @st.composite
    def mutated(draw: st.DrawFn) -> bytes:
        data = bytearray(draw(st.sampled_from(pool)))
        for _ in range(draw(st.integers(1, 8))):
            kind = draw(st.sampled_from(["flip", "delete", "insert", "dup-line", "drop-line"]))
            at = draw(st.integers(0, max(len(data) - 1, 0)))
            if kind == "flip" and data:
                data[at] ^= 1 << draw(st.integers(0, 7))
            elif kind == "delete":
                del data[at : at + draw(st.integers(1, 16))]
            elif kind == "insert":
                data[at:at] = draw(st.binary(min_size=1, max_size=16))
            else:
                lines = bytes(data).split(b"\n")
                index = draw(st.integers(0, len(lines) - 1))
                if kind == "dup-line":
                    lines.insert(index, lines[index])
                else:
                    del lines[index]
                data = bytearray(b"\n".join(lines))
        return bytes(data)

    while time.monotonic() < deadline:

        @settings(
            max_examples=1000,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(mutated())
        def one(data: bytes) -> None:
            try:
                harness(data)
            except BaseException:
                path = _save_crash(Path(args.crashes), data)
                print(f"crash saved to {path}", file=sys.stderr)
                raise

        one()
        executions += 1000
        print(f"executions: {executions}", file=sys.stderr, flush=True)
    print(f"done: {executions} executions, no crash", file=sys.stderr)
    return 0


def replay(paths: list[str], scratch: str) -> int:
    """Run saved inputs once each (to check a fix); exit 1 if any still breaks the contract."""
    harness = Harness(scratch)
    failed = 0
    for name in paths:
        try:
            harness(Path(name).read_bytes())
        except Exception as exc:
            failed += 1
            print(f"{name}: {type(exc).__name__}: {exc}", file=sys.stderr)
        else:
            print(f"{name}: ok", file=sys.stderr)
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=30.0, help="how long to fuzz")
    parser.add_argument(
        "--engine", choices=("auto", "atheris", "hypothesis"), default="auto", help="fuzzer"
    )
    parser.add_argument("--corpus", default=str(ROOT / "tools" / "fuzz-corpus"))
    parser.add_argument("--crashes", default=str(ROOT / "tools" / "fuzz-crashes"))
    parser.add_argument("--max-len", type=int, default=16384, help="largest input, in bytes")
    parser.add_argument(
        "--timeout",
        type=int,
        default=60,
        help="seconds one input may take before it is saved as a hang (instrumented code runs "
        "several times slower than the real thing)",
    )
    parser.add_argument("--replay", nargs="+", metavar="FILE", help="re-run saved inputs")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    scratch = tempfile.mkdtemp(
        prefix="groupcheck-fuzz-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None
    )
    previous = os.getcwd()
    try:
        os.chdir(scratch)  # findings name files relative to here
        if args.replay:
            return replay([os.path.join(previous, p) for p in args.replay], scratch)
        engine = args.engine
        if engine == "auto":
            try:
                import atheris  # noqa: F401
            except ImportError:
                engine = "hypothesis"
            else:
                engine = "atheris"
        print(f"fuzzing with {engine} for {args.minutes:g} minutes", file=sys.stderr, flush=True)
        if engine == "atheris":
            return run_atheris(args, scratch)
        return run_hypothesis(args, scratch)
    finally:
        os.chdir(previous)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

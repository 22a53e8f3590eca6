"""Issue 19, hostile input round two: values that raised, names that were dropped, links that
were followed. Each test is one of the review's reproductions (shared/reviews/hostile-input.md)."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

import groupcheck
from groupcheck import loader, parallel
from groupcheck.findings import Finding

AS_OF = dt.date(2026, 11, 25)
CHARTER = """\
id: {id}-group
name: 集团
jurisdiction: 山东省泰安市泰山区
model: tight
established: 2022-07-30
core_school:
  id: {id}-core
  name: 核心校
  teachers: {teachers}
members:
  - id: {id}-member
    name: 成员校
    relation: integration
"""


def charter(group: str = "g", teachers: str = "100") -> str:
    return CHARTER.format(id=group, teachers=teachers)


def write(root: Path, files: dict[str, str]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


def load_findings(*paths: Path) -> list[Finding]:
    return groupcheck.load([str(p) for p in paths]).findings


def test_a_bad_value_in_a_few_groups_never_stops_a_parallel_run(tmp_path: Path) -> None:
    bad = {
        "bool": "!!bool foo",
        "int": '!!int ""',
        "hex": "0x" + "f" * 5000,
        "sexagesimal": "1:30",
    }
    for index in range(40):
        write(tmp_path, {f"g{index:02}/charter.yaml": charter(f"g{index:02}")})
    for name, value in bad.items():
        write(tmp_path, {f"bad-{name}/charter.yaml": charter(f"bad-{name}", value)})
    out = tmp_path / "report.json"
    command = [sys.executable, "-m", "groupcheck", "validate", str(tmp_path), "--jobs", "2"]
    proc = subprocess.run(
        [*command, "--format", "json", "--output", str(out), "--as-of", "2026-11-25"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    report = json.loads(out.read_text("utf-8"))
    assert len(report["groups"]) == 44
    schema = [f for f in report["findings"] if f["rule"] == "GC002"]
    assert sorted(f["group"] for f in schema) == sorted(f"bad-{name}-group" for name in bad)


def test_an_exception_while_loading_one_group_is_that_group_s_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"a/charter.yaml": charter("a"), "b/charter.yaml": charter("b")})
    real = loader._validate_charter

    def failing(file: str, result: Any, lang: Any) -> Any:
        if file.endswith("b/charter.yaml"):
            raise RuntimeError("a bug")
        return real(file, result, lang)

    monkeypatch.setattr(loader, "_validate_charter", failing)
    loaded = groupcheck.load([str(tmp_path)])
    assert [g.id for g in loaded.groups] == ["a-group"]
    (finding,) = loaded.findings
    assert (finding.rule, finding.key) == ("GC001", "internal")
    assert finding.file is not None and finding.file.endswith("b/charter.yaml")


@pytest.mark.parametrize(
    ("name", "meant"),
    [
        ("charter.yml", "charter.yaml"),
        ("Charter.yaml", "charter.yaml"),
        ("CHARTER.YML", "charter.yaml"),
        ("rotations.yml", "rotations.yaml"),
        ("Rotations.yaml", "rotations.yaml"),
        ("rotations/2024.YAML", "2024.yaml"),
        ("rotations/2024.Yml", "2024.yaml"),
    ],
)
def test_a_near_miss_of_a_name_is_said(tmp_path: Path, name: str, meant: str) -> None:
    files = {name: "group: g-group\nexchanges: []\n"}
    if not name.lower().startswith("charter"):
        files["charter.yaml"] = charter()
    else:
        files[name] = charter()
    write(tmp_path / "g", files)
    findings = [f for f in load_findings(tmp_path) if f.key == "misnamed"]
    assert [(f.rule, f.file, f.args["meant"]) for f in findings] == [
        ("GC005", str(tmp_path / "g" / name), meant)
    ]
    assert f"did you mean {meant}?" in findings[0].message


def test_a_group_under_a_folder_named_rotations_is_a_group(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "rotations/a/charter.yaml": charter("a"),
            "x/rotations/b/charter.yaml": charter("b"),
            "c/charter.yaml": charter("c"),
            "c/rotations/2024.yaml": "group: c-group\nexchanges: []\n",
        },
    )
    loaded = groupcheck.load([str(tmp_path)])
    assert sorted(g.id for g in loaded.groups) == ["a-group", "b-group", "c-group"]
    assert loaded.findings == []


def test_links_leading_out_of_the_tree_are_named_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    write(secret, {"token.yaml": "id: leaked-id\nname: SECRET_hunter2\n", "2024.yaml": "x: 1\n"})
    tree = tmp_path / "tree"
    write(tree, {"g/charter.yaml": charter(), "h/charter.yaml": charter("h")})
    os.symlink(secret / "token.yaml", tree / "g" / "rotations.yaml")
    os.symlink(secret, tree / "h" / "rotations")
    os.makedirs(tree / "out")
    os.symlink(secret / "token.yaml", tree / "out" / "charter.yaml")
    os.symlink(tree / "g" / "charter.yaml", tree / "h" / "inside.yaml")  # inside: harmless
    result = groupcheck.check(groupcheck.load([str(tree)]), as_of=AS_OF)
    links = [f for f in result.report.findings if f.key == "outside_link"]
    assert sorted((f.rule, f.file) for f in links) == [
        ("GC001", str(tree / name))
        for name in ("g/rotations.yaml", "h/rotations", "out/charter.yaml")
    ]
    dumped = json.dumps([f.model_dump(mode="json") for f in result.report.findings])
    assert "hunter2" not in dumped and "leaked-id" not in dumped
    assert sorted(g.id for g in result.report.groups) == ["g-group", "h-group"]


def test_folders_that_cannot_be_listed_are_findings_never_tracebacks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ``rotations/`` that cannot be listed, and a charter named directly in a folder that
    cannot be listed (as root, listing is made to fail)."""
    write(tmp_path, {"g/charter.yaml": charter(), "g/rotations/2024.yaml": "group: g-group\n"})
    write(tmp_path, {"h/charter.yaml": charter("h")})
    locked = {str(tmp_path / "g" / "rotations"), str(tmp_path / "h")}
    real_listdir = os.listdir

    def listdir(path: Any = ".") -> Any:
        if os.path.abspath(os.fspath(path)) in locked:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_listdir(path)

    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        if os.path.abspath(os.fspath(path)) in locked:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "listdir", listdir)
    monkeypatch.setattr(os, "scandir", scandir)  # the walk lists with scandir
    settings = groupcheck.Settings(
        paths=(str(tmp_path / "g"), str(tmp_path / "h" / "charter.yaml")), as_of=AS_OF
    )
    for jobs in (1, 2):
        result = parallel.run(settings, jobs=jobs, serial_below=1)
        unreadable = sorted(f.file or "" for f in result.report.findings if f.rule == "GC001")
        assert unreadable == sorted(locked)
        assert [g.id for g in result.report.groups] == ["g-group"]


def validate(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "groupcheck", "validate", *args, "--as-of", "2026-11-25"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def one_line_exit_2(proc: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("groupcheck: error: "), proc.stderr
    for fragment in fragments:
        assert fragment in lines[0]


@pytest.mark.parametrize("target", ["/dev/zero", "fifo", "folder"])
def test_a_baseline_that_is_no_regular_file_is_refused_unread(tmp_path: Path, target: str) -> None:
    write(tmp_path, {"g/charter.yaml": charter()})
    if target == "fifo":
        os.mkfifo(tmp_path / "fifo")
    if target == "folder":
        (tmp_path / "folder").mkdir()
    one_line_exit_2(validate(tmp_path, "g", "-q", "--baseline", target), "--baseline", target)


def test_a_baseline_named_by_the_config_is_called_by_its_key(tmp_path: Path) -> None:
    write(tmp_path, {"g/charter.yaml": charter(), "groupcheck.toml": 'baseline = "/dev/zero"\n'})
    one_line_exit_2(validate(tmp_path, "g", "-q"), "groupcheck.toml: baseline: /dev/zero")


def test_a_baseline_over_the_size_bound_is_refused_unread(tmp_path: Path) -> None:
    write(tmp_path, {"g/charter.yaml": charter()})
    with open(tmp_path / "big.json", "wb") as sparse:
        sparse.truncate(200 * 1024 * 1024)
    one_line_exit_2(validate(tmp_path, "g", "-q", "--baseline", "big.json"), "byte limit")


def test_a_deep_pyproject_is_one_line(tmp_path: Path) -> None:
    deep = "[tool.groupcheck]\nselect = [" + "[" * 5000 + "]" * 5000 + "]\n"
    write(tmp_path, {"g/charter.yaml": charter(), "pyproject.toml": deep})
    one_line_exit_2(validate(tmp_path, "g", "-q"), "pyproject.toml", "nested too deep")


def test_a_chain_of_2000_packs_is_one_line(tmp_path: Path) -> None:
    write(tmp_path, {"g/charter.yaml": charter()})
    for index in range(2000):
        write(tmp_path, {f"packs/p{index}.yaml": f"pack: p{index}\nextends: p{index + 1}.yaml\n"})
    write(tmp_path, {"packs/p2000.yaml": "pack: last\n"})
    proc = validate(tmp_path, "g", "-q", "--rules", "packs/p0.yaml")
    one_line_exit_2(proc, "packs extend one another")


@pytest.mark.parametrize(
    ("rule", "params"),
    [("GC202", "{min_years: 10, max_years: 1}"), ("GC103", "{min_years: 6}")],
)
def test_contradictory_pack_parameters_are_a_usage_error(
    tmp_path: Path, rule: str, params: str
) -> None:
    pack = f"pack: odd\nextends: default.yaml\nrules:\n  {rule}:\n    params: {params}\n"
    write(tmp_path, {"g/charter.yaml": charter(), "pack.yaml": pack})
    proc = validate(tmp_path, "g", "-q", "--rules", "pack.yaml")
    one_line_exit_2(proc, "pack.yaml:5", f"{rule} parameters contradict", "min_years")


@pytest.mark.parametrize(
    ("name", "files"),
    [
        (
            "unknown keys",
            {"charter.yaml": charter() + "".join(f"k{i}: 1\n" for i in range(5_000))},
        ),
        ("number keys", {"charter.yaml": charter() + "".join(f"{i}: x\n" for i in range(5_000))}),
        (
            "bad exchanges",
            {
                "charter.yaml": charter(),
                "rotations.yaml": "group: g-group\nexchanges:\n"
                + "".join(
                    f"  - {{person: p{i}, role: cadre, from: g-core, to: g-member,"
                    f" start: 2022-09-01, end: 2024-08-31, oops: {i}}}\n"
                    for i in range(5_000)
                ),
            },
        ),
    ],
)
def test_thousands_of_schema_errors_are_a_hundred_findings_and_a_count(
    tmp_path: Path, name: str, files: dict[str, str]
) -> None:
    """The review's C6 (31-126 s before) and C7 (memory 340 times the file)."""
    write(tmp_path / "g", files)
    started = time.perf_counter()
    findings = load_findings(tmp_path)
    assert time.perf_counter() - started < 10, name  # 4-10 s before, growing quadratically
    tracemalloc.start()
    try:
        load_findings(tmp_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    size = sum(len(content.encode()) for content in files.values())
    # 20 times the file, over what any load costs (the findings, the catalogs' text)
    assert peak < 20 * size + 4_000_000, (name, peak, size)
    schema = [f for f in findings if f.rule == "GC002"]
    assert len(schema) == 101
    assert schema[-1].key == "more_errors" and schema[-1].args["count"] == 4_900
    assert all(f.line is not None and f.line > 1 for f in schema)


def _sigint_default() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_during_a_parallel_run_is_one_line(tmp_path: Path) -> None:
    """The review's C14: SIGINT to the process group gave a traceback from every worker."""
    for index in range(4000):
        write(tmp_path, {f"g{index:04}/charter.yaml": charter(f"g{index:04}")})
    command = [sys.executable, "-m", "groupcheck", "validate", str(tmp_path), "--jobs", "2"]
    out = tmp_path / "report.json"
    child = subprocess.Popen(
        [*command, "--format", "json", "--output", str(out), "--as-of", "2026-11-25"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        # SIGINT as a terminal gives it: a shell that starts the suite in the background (`&`
        # without job control) hands its children SIGINT ignored, which Python then keeps.
        preexec_fn=_sigint_default,
    )
    # Interrupt once both of the pool's workers exist, i.e. while the run is at work (a fixed
    # sleep raced the run on an idle machine, which could finish first; waiting for the first
    # worker alone raced the second's start on a loaded one, while SIGINT is still ignored).
    children = Path(f"/proc/{child.pid}/task/{child.pid}/children")
    deadline = time.monotonic() + 120
    while len(children.read_text().split()) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.3)  # past the pool's start, while SIGINT is ignored for the workers to inherit
    os.killpg(child.pid, signal.SIGINT)
    _stdout, stderr = child.communicate(timeout=60)
    assert child.returncode == 130, stderr
    assert stderr.decode().strip() == "groupcheck: interrupted"
    assert not out.exists()


@pytest.mark.parametrize(
    ("flags", "ci", "code"),
    [
        ((), "", 0),
        (("--fail-on-empty",), "", 1),
        ((), "true", 1),
        (("--no-fail-on-empty",), "true", 0),
    ],
)
def test_a_path_with_no_group_is_a_warning_and_fails_on_request(
    tmp_path: Path, flags: tuple[str, ...], ci: str, code: int
) -> None:
    (tmp_path / "g").mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")}
    command = [sys.executable, "-m", "groupcheck", "validate", "g", "--as-of", "2026-11-25"]
    proc = subprocess.run(
        [*command, *flags],
        cwd=tmp_path,
        env={**env, "CI": ci},
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == code, proc.stderr
    assert "groupcheck: warning: g: no group found" in proc.stderr


def test_a_path_holding_a_group_gives_no_warning(tmp_path: Path) -> None:
    write(tmp_path, {"g/charter.yaml": charter()})
    proc = validate(tmp_path, "g/charter.yaml", "g", "-q", "--fail-on-empty")
    assert "warning" not in proc.stderr

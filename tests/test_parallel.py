"""``validate --jobs N``: the same bytes as ``--jobs 1``; progress only on a terminal.

The parallel path sends each group's charter to the parent trimmed to ``PARENT_FIELDS``; every
rule case runs both ways below, so a run-scope rule that reads a field the parent does not get
shows up here as a difference.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import pty
import select
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from pydantic import BaseModel

from groupcheck import parallel, reporters
from groupcheck.engine import RunResult
from groupcheck.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 25)


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "benchmarks/generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_generate"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic repository of 80 groups: every kind of failure and broken file in it."""
    target = tmp_path_factory.mktemp("bench") / "repo"
    _generator().generate(str(target), 80, seed=7)
    return target


def _cli(*args: str, cwd: Path, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "groupcheck", "validate", *args],
        cwd=cwd,
        capture_output=True,
        **kwargs,  # type: ignore[call-overload]
    )


def _rendered(paths: tuple[str, ...], jobs: int, fmt: str, pack: str | None = None) -> str:
    settings = Settings(paths=paths, as_of=AS_OF, lang="en", rules_file=pack)
    result = parallel.run(settings, jobs, serial_below=0)
    return reporters.render(fmt, result, lang="en", color=False, width=200)


@pytest.mark.parametrize(("fmt", "lang"), [("json", "en"), ("table", "zh")])
def test_cli_output_is_the_same_bytes_with_two_jobs(repo: Path, fmt: str, lang: str) -> None:
    common = ("repo", "--format", fmt, "--lang", lang, "--as-of", "2026-11-25")
    one = _cli(*common, "--jobs", "1", cwd=repo.parent)
    two = _cli(*common, "--jobs", "2", cwd=repo.parent)
    assert one.returncode == two.returncode == 1, one.stderr
    assert one.stdout == two.stdout
    assert b"GC402" in one.stdout and b"GC001" in one.stdout  # cross-group and broken files


def test_order_of_paths_does_not_change_the_report(repo: Path) -> None:
    provinces = sorted(p.name for p in repo.iterdir())
    forward = [f"repo/{p}" for p in provinces]
    backward = list(reversed(forward))
    a = _cli(*forward, "--format", "json", "--as-of", "2026-11-25", "-j", "2", cwd=repo.parent)
    b = _cli(*backward, "--format", "json", "--as-of", "2026-11-25", "-j", "2", cwd=repo.parent)
    assert a.returncode == b.returncode == 1
    assert a.stdout == b.stdout


def test_api_report_is_the_same_with_every_worker_count(repo: Path) -> None:
    reference = _rendered((str(repo),), 1, "json")
    for jobs in (2, 3):
        assert _rendered((str(repo),), jobs, "json") == reference


def _results(paths: tuple[str, ...], pack: str | None) -> tuple[RunResult, RunResult]:
    settings = Settings(paths=paths, as_of=AS_OF, lang="en", rules_file=pack)
    return parallel.run(settings, 1), parallel.run(settings, 2, serial_below=0)


def differences(two: object, one: object, at: str = "report") -> Iterator[str]:
    """Where ``two`` is not ``one`` as any reader could tell: model fields (those the JSON
    contract excludes too), dict keys in their order, items, and each value's type and
    ``repr`` (so ``1`` is not ``1.0`` nor ``True``, and a float is compared to the last digit)."""
    if type(two) is not type(one):
        yield f"{at}: {type(two).__name__} where --jobs 1 has {type(one).__name__}"
    elif isinstance(two, BaseModel):
        for name in type(two).model_fields:
            yield from differences(getattr(two, name), getattr(one, name), f"{at}.{name}")
    elif isinstance(two, dict):
        assert isinstance(one, dict)
        if list(two) != list(one):
            yield f"{at}: keys {list(two)} where --jobs 1 has {list(one)}"
        for key in (key for key in two if key in one):
            yield from differences(two[key], one[key], f"{at}[{key!r}]")
    elif isinstance(two, list | tuple):
        assert isinstance(one, list | tuple)
        if len(two) != len(one):
            yield f"{at}: {len(two)} items where --jobs 1 has {len(one)}"
        for index, (a, b) in enumerate(zip(two, one, strict=False)):
            yield from differences(a, b, f"{at}[{index}]")
    elif repr(two) != repr(one):
        yield f"{at}: {two!r} where --jobs 1 has {one!r}"


@pytest.mark.parametrize("pack", [None, "national-2014"])
def test_every_rule_case_and_bundled_charter_in_every_format(pack: str | None) -> None:
    """Every rule on its passing and failing cases (GC206 with the 2014 pack), every format
    ``validate`` writes: what the parent gets of each charter is all the reporters read.

    The two reports are compared field by field too (order, type and ``repr``), the fields
    only the HTML and PDF reports read included, so a difference is named by its place."""
    one, two = _results((str(ROOT / "tests" / "cases"), str(ROOT / "charters")), pack)
    assert one.report.groups and one.report.findings  # not two empty reports
    assert list(differences(two.report, one.report)) == []
    for fmt in reporters.CI_FORMATS:
        options = {"lang": "en", "color": False, "width": 200}
        assert reporters.render(fmt, two, **options) == reporters.render(fmt, one, **options), fmt


def test_jobs_below_one_is_a_usage_error(repo: Path) -> None:
    done = _cli("repo", "--jobs", "0", cwd=repo.parent)
    assert done.returncode == 2
    assert b"--jobs" in done.stderr


def _on_terminal(args: list[str], cwd: Path) -> tuple[int, bytes, bytes]:
    """Run validate with stderr on a pseudo-terminal and stdout to a file."""
    leader, follower = pty.openpty()
    env = {**os.environ, "GROUPCHECK_PROGRESS_AFTER": "0", "COLUMNS": "100"}
    report = cwd / f"report-{os.getpid()}-{len(args)}.json"
    with open(report, "wb") as sink:  # a file, not a pipe: nobody reads a pipe while we wait
        process = subprocess.Popen(
            [sys.executable, "-m", "groupcheck", "validate", *args],
            cwd=cwd,
            stdout=sink,
            stderr=follower,
            env=env,
        )
    os.close(follower)
    seen = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        seen += chunk
    process.wait(timeout=120)
    os.close(leader)
    out = report.read_bytes()
    report.unlink()
    return process.returncode, out, seen


ARGS = ["repo", "--format", "json", "--as-of", "2026-11-25", "--jobs", "2"]


def test_progress_bar_on_a_terminal_and_never_in_the_report(repo: Path) -> None:
    code, out, terminal = _on_terminal(ARGS, repo.parent)
    assert code == 1
    assert b"checking" in terminal or b"reporting" in terminal
    plain = _cli(*ARGS, cwd=repo.parent)
    assert out == plain.stdout  # the bar went to stderr only


def test_no_progress_on_a_pipe(repo: Path) -> None:
    env = {**os.environ, "GROUPCHECK_PROGRESS_AFTER": "0"}
    done = _cli(*ARGS, cwd=repo.parent, env=env)
    assert done.returncode == 1
    assert done.stderr == b""


def test_no_progress_flag_silences_the_terminal(repo: Path) -> None:
    code, _, terminal = _on_terminal([*ARGS, "--no-progress"], repo.parent)
    assert code == 1
    assert b"checking" not in terminal and b"reporting" not in terminal


def test_the_bar_counts_files_found_then_files_read_and_groups_checked() -> None:
    """Issue 6: "files found, parsed, checked"."""
    import io

    from groupcheck.progress import Bar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    bar = Bar(stream=Terminal(), after=0)
    bar.finding(120, 800)
    task = bar._bar.tasks[0]
    assert (task.description, task.total, task.completed) == ("finding", None, 0)
    assert task.fields["files"] == "800+"  # still walking
    bar.found(150, 1_050)
    assert (task.description, task.total, task.completed) == ("checking", 150, 0)
    bar.checked(100, 700)
    assert (task.completed, task.fields["parsed"], task.fields["files"]) == (100, "700", "1,050")
    bar.finishing()
    assert (task.description, task.completed, task.fields["parsed"]) == ("reporting", 150, "1,050")
    bar.close()


def test_a_parallel_run_checks_while_it_walks_and_reports_in_discovery_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chunks are sent as the walk finds them (walk order); the report is the one-process
    report all the same, byte for byte, whatever the folder names' order."""
    from groupcheck import discovery

    names = ["b", "a-x", "a", "a.b", "c/d", "c-d", "A", "_z"]
    for index, name in enumerate(names):
        folder = tmp_path / "repo" / name
        folder.mkdir(parents=True)
        charter = (ROOT / "tests/cases/GC201/fail-one-cadre/g/charter.yaml").read_text(
            encoding="utf-8"
        )
        (folder / "charter.yaml").write_text(
            charter.replace("id: g\n", f"id: g{index % 5}\n", 1), encoding="utf-8"
        )
    walked = [g.folder for g in discovery.Walk([str(tmp_path / "repo")])]
    assert sorted(walked) != walked  # the walk order is not the report's order
    settings = Settings(paths=(str(tmp_path / "repo"),), as_of=AS_OF)
    one = reporters.render("json", parallel.run(settings, 1), lang="en")
    assert '"GC402"' in one  # two folders share each id: order matters to what is reported
    for chunk in (1, 3, 96):
        monkeypatch.setattr(parallel, "STREAM_CHUNK", chunk)
        two = reporters.render("json", parallel.run(settings, 2, serial_below=0), lang="en")
        assert two == one

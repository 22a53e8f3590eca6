"""One run, one report (issue 13): every command resolves its settings through the config file
and runs through ``groupcheck.run``; select, ignore and the baseline give the same report
through every entry point and at every ``--jobs``; a rule that raises becomes GC000."""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import groupcheck
from groupcheck import engine, parallel, reporters
from groupcheck.cli import app
from groupcheck.engine import Params, RuleContext, RuleDoc, RuleSpec
from groupcheck.findings import Finding, Severity
from groupcheck.models import Group
from groupcheck.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CHARTERS = ROOT / "charters"
AS_OF = "2026-11-25"


def cli(*args: str, cwd: Path) -> tuple[int, str, str]:
    """The real command, in this process (so a rule a test registers is seen)."""
    previous = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, list(args), env={"GITHUB_ACTIONS": "", "NO_COLOR": "1"})
    finally:
        os.chdir(previous)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(CHARTERS / "shandong-taian-taishan", tmp_path / "charters")
    return tmp_path


# ---------------------------------------------------------------------------------------------
# Config resolution for every command


def test_the_config_files_pack_reaches_the_printed_report(repo: Path) -> None:
    (repo / "groupcheck.toml").write_text('rules = "beijing-2016"\n', encoding="utf-8")
    code, _, err = cli("report", "charters", "-o", "r.html", "--as-of", AS_OF, cwd=repo)
    assert code == 0, err
    page = html.unescape((repo / "r.html").read_text(encoding="utf-8"))
    # 检查依据 lists the pack's documents (issue 16: by title, never the pack's name)
    basis = page[page.index('id="basis"') : page.index('id="method"')]
    cited = [d.issuer for d in groupcheck.run(
        Settings(paths=(str(repo / "charters"),), as_of=dt.date.fromisoformat(AS_OF),
                 rules_file="beijing-2016")
    ).report.pack.documents]  # fmt: skip
    assert cited and all(issuer in basis for issuer in cited), basis
    assert "beijing-2016" not in page
    code, out, _ = cli("validate", "charters", "-f", "json", "--as-of", AS_OF, cwd=repo)
    assert json.loads(out)["groups"]  # validate reads the same file (its pack: beijing-2016)


def test_the_config_file_narrows_the_export(repo: Path) -> None:
    (repo / "groupcheck.toml").write_text('select = ["GC2"]\nlang = "en"\n', encoding="utf-8")
    cli("export", "charters", "-f", "csv", "-o", "out.csv", "--as-of", AS_OF, cwd=repo)
    with open(repo / "out.csv", encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0][:2] == ["group", "rule"]  # English headers: the file's lang
    rules = {row[1] for row in rows[1:]}
    assert rules and all(rule.startswith(("GC2", "GC0")) for rule in rules), rules


def test_a_bad_pack_named_by_the_config_names_the_file_for_every_command(repo: Path) -> None:
    (repo / "groupcheck.toml").write_text('rules = "no-such-pack"\n', encoding="utf-8")
    for args in (
        ("validate", "charters"),
        ("report", "charters", "-o", "r.html"),
        ("export", "charters", "-o", "r.xlsx"),
    ):
        code, _, err = cli(*args, cwd=repo)
        assert code == 2, args
        assert err.startswith("groupcheck: error: groupcheck.toml: rules: policy pack"), err
    assert not (repo / "r.html").exists() and not (repo / "r.xlsx").exists()


# ---------------------------------------------------------------------------------------------
# One orchestrator


def _settings(**changes: object) -> Settings:
    base = {
        "paths": (str(CHARTERS),),
        "as_of": dt.date(2026, 11, 25),
        "lang": "en",
    }
    return Settings(**{**base, **changes})  # type: ignore[arg-type]


def _rules(result: groupcheck.RunResult) -> list[tuple[str, str | None, bool]]:
    return [(f.rule, f.group, f.known) for f in result.report.findings]


@pytest.mark.parametrize(
    "narrowing",
    [{"select": ("GC3",)}, {"ignore": ("GC2", "GC1")}, {"select": ("GC2",), "ignore": ("GC201",)}],
)
def test_select_and_ignore_are_the_same_through_every_entry_point(
    narrowing: dict[str, tuple[str, ...]],
) -> None:
    api = groupcheck.run(_settings(**narrowing))
    serial = parallel.run(_settings(**narrowing), 1)
    workers = parallel.run(_settings(**narrowing), 2, serial_below=0)
    assert _rules(api) == _rules(serial) == _rules(workers)
    kept = {rule for rule, _, _ in _rules(api)}
    select, ignore = narrowing.get("select", ()), narrowing.get("ignore", ())
    assert all(r.startswith("GC0") or not select or r.startswith(select) for r in kept)
    assert not any(r.startswith(ignore) for r in kept if r not in select)
    args = [f"--select={s}" for s in select] + [f"--ignore={i}" for i in ignore]
    code, out, _ = cli("validate", str(CHARTERS), "-f", "json", "--as-of", AS_OF, *args, cwd=ROOT)
    assert code in (0, 1)
    assert [f["rule"] for f in json.loads(out)["findings"]] == [r for r, _, _ in _rules(api)]


def test_the_baseline_is_the_same_through_every_entry_point(tmp_path: Path) -> None:
    everything = groupcheck.run(_settings())
    baseline = tmp_path / "baseline.json"
    from groupcheck import baseline as baselines

    baseline.write_text(baselines.render(everything), encoding="utf-8")
    api = groupcheck.run(_settings(baseline=str(baseline)))
    workers = parallel.run(_settings(baseline=str(baseline)), 2, serial_below=0)
    assert _rules(api) == _rules(workers)
    assert api.report.findings and all(f.known for f in api.report.findings if not f.waived)
    assert not api.report.failed()
    code, _, _ = cli(
        "validate", str(CHARTERS), "--as-of", AS_OF, "--baseline", str(baseline), cwd=ROOT
    )
    assert code == 0


def test_jobs_1_and_jobs_n_give_the_same_report_object_and_bytes() -> None:
    one = groupcheck.run(_settings(jobs=1))
    two = parallel.run(_settings(jobs=2), serial_below=0)
    assert one == two
    assert one.report == two.report
    for name in reporters.CI_FORMATS:
        assert reporters.render(name, one, lang="en") == reporters.render(name, two, lang="en")


# ---------------------------------------------------------------------------------------------
# A rule that raises: GC000, exit 2, every other group checked


@pytest.fixture
def raising_rule() -> Iterator[str]:
    """A rule (registered for this test only) that raises on one group of the repository."""

    def broken(group: Group, ctx: RuleContext, params: Params) -> Iterator[Finding]:
        if group.id == "taian-no6-group":
            raise ZeroDivisionError("division by zero")
        yield from ()

    spec = RuleSpec(
        id="GC999",
        name="raises-sometimes",
        family="other",
        severity=Severity.ERROR,
        params=Params,
        doc=RuleDoc(summary="A rule with a bug."),
        check=broken,
    )
    engine.register(spec)
    try:
        yield spec.id
    finally:
        del engine.REGISTRY[spec.id]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_rule_that_raises_becomes_gc000_and_the_rest_is_checked(
    raising_rule: str, jobs: int
) -> None:
    if jobs > 1:  # workers fork from this process, so they know the test's rule too
        result = parallel.run(_settings(), jobs, serial_below=0)
    else:
        result = groupcheck.run(_settings())
    crashes = [f for f in result.report.findings if f.rule == "GC000"]
    assert len(crashes) == 1
    [crash] = crashes
    assert crash.group == "taian-no6-group" and crash.severity is Severity.ERROR
    assert crash.file is not None and crash.file.endswith("taian-no6-group/charter.yaml")
    assert crash.line is not None  # located in the charter
    assert crash.name == "internal-error"
    assert "GC999" in crash.message and "ZeroDivisionError: division by zero" in crash.message
    assert result.report.crashed()
    # every other group, and the other rules of that group, were checked
    clean = groupcheck.run(_settings())
    others = [f for f in result.report.findings if f.rule != "GC000"]
    assert others == [f for f in clean.report.findings if f.rule != "GC000"]
    status = {g.id: g.rules for g in result.report.groups}
    assert status["taian-no6-group"]["GC999"] == "skip"
    assert status["taian-no6-group"]["GC000"] == "fail"
    others_status = [rules["GC999"] for gid, rules in status.items() if gid != "taian-no6-group"]
    assert others_status and set(others_status) == {"pass"}


def test_gc000_speaks_chinese(raising_rule: str) -> None:
    result = groupcheck.run(_settings(lang="zh"))
    [crash] = [f for f in result.report.findings if f.rule == "GC000"]
    assert "规则 GC999" in crash.message and "ZeroDivisionError" in crash.message


def test_a_crashed_run_exits_2_and_the_traceback_needs_verbose(
    raising_rule: str, tmp_path: Path
) -> None:
    args = ("validate", str(CHARTERS), "--as-of", AS_OF, "-f", "json", "--exit-zero")
    code, out, err = cli(*args, cwd=tmp_path)
    assert code == 2
    assert "GC000" in {f["rule"] for f in json.loads(out)["findings"]}
    assert "Traceback" not in err
    code, out, err = cli(*args, "--verbose", cwd=tmp_path)
    assert code == 2
    assert "GC999 raised on taian-no6-group" in err
    assert "Traceback (most recent call last)" in err and "ZeroDivisionError" in err
    assert "Traceback" not in out
    # a baseline written by a crashed run does not make it a clean one
    code, _, _ = cli(*args[:4], "--write-baseline", str(tmp_path / "b.json"), cwd=tmp_path)
    assert code == 2 and (tmp_path / "b.json").exists()
    for command in (
        ("report", str(CHARTERS), "-o", "r.html", "--as-of", AS_OF),
        ("export", str(CHARTERS), "-o", "r.xlsx", "--as-of", AS_OF),
    ):
        code, _, err = cli(*command, cwd=tmp_path)
        assert code == 2, command
        assert "Traceback" not in err
    assert (tmp_path / "r.html").exists() and (tmp_path / "r.xlsx").exists()

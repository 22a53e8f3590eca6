"""Configuration files and validate's CI flags, through the real command (typer's CliRunner).

``[tool.groupcheck]`` in pyproject.toml or a groupcheck.toml, found from the working folder
upward; ``--config``; flags over the file; unknown keys and values are exit 2 naming the file
and key; --select/--ignore, --fail-on, --exit-zero, --statistics, --quiet, --show-settings,
--show-files, --format/--output pairs, and GitHub annotations under GITHUB_ACTIONS=true.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from groupcheck.cli import app
from test_ci_formats import AS_OF, make_charters

NO_CI = {"GITHUB_ACTIONS": "", "GITHUB_STEP_SUMMARY": "", "LANG": "C.UTF-8"}


@pytest.fixture
def charters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The charters of test_ci_formats under ``tmp_path/groups``; the working folder is
    ``tmp_path``."""
    make_charters(tmp_path / "groups")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def validate(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    result = runner.invoke(app, ["validate", "--as-of", AS_OF, *args], env={**NO_CI, **(env or {})})
    return result.exit_code, result.stdout, result.stderr


def rules_in(stdout: str) -> set[str]:
    return {f["rule"] for f in json.loads(stdout)["findings"]}


# ---------------------------------------------------------------------------------------------
# Config files


def test_pyproject_table_is_found_from_a_sub_folder(
    charters: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (charters / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.groupcheck]\npaths = ["groups"]\nselect = ["GC4"]\n'
        'format = "json"\n',
        encoding="utf-8",
    )
    (charters / "sub" / "deeper").mkdir(parents=True)
    monkeypatch.chdir(charters / "sub" / "deeper")
    code, out, err = validate()
    assert code == 1, err
    assert rules_in(out) == {"GC001", "GC005", "GC401", "GC402"}  # GC4 plus the load rules
    code, out, _ = validate("--show-settings")
    assert code == 0
    assert 'select = ["GC4"]' in out
    assert "pyproject.toml [tool.groupcheck]" in out


def test_groupcheck_toml_wins_over_pyproject_and_flags_win_over_both(charters: Path) -> None:
    (charters / "pyproject.toml").write_text(
        '[tool.groupcheck]\npaths = ["groups"]\nselect = ["GC4"]\n', encoding="utf-8"
    )
    (charters / "groupcheck.toml").write_text(
        'paths = ["groups"]\nselect = ["GC2"]\nignore = ["GC0"]\nformat = "json"\n',
        encoding="utf-8",
    )
    code, out, _ = validate()
    assert code == 1 and rules_in(out) == {"GC201"}
    code, out, _ = validate("--select", "GC402", "--format", "json")
    assert rules_in(out) == {"GC402"}
    code, out, _ = validate("--show-settings", "--select", "GC402")
    assert 'select = ["GC402"]' in out and "# --select" in out
    assert 'ignore = ["GC0"]' in out and "# groupcheck.toml" in out


def test_config_named_with_dash_dash_config(charters: Path) -> None:
    other = charters / "ci" / "strict.toml"
    other.parent.mkdir()
    # Paths in a config file are relative to the file's folder.
    other.write_text('paths = ["../groups/beta"]\nfail-on = "warning"\n', encoding="utf-8")
    code, _, err = validate("--config", "ci/strict.toml", "--select", "GC401", "--ignore", "GC0")
    assert code == 0, err  # beta alone: no shared member, nothing stands
    code, _, _ = validate("--config", "ci/strict.toml", "groups", "--select", "GC401")
    assert code == 1  # the shared member is a warning, and fail-on is warning
    code, _, err = validate("--config", "ci/missing.toml")
    assert code == 2 and "ci/missing.toml" in err


@pytest.mark.parametrize(
    ("file", "text", "named"),
    [
        (
            "pyproject.toml",
            "[tool.groupcheck]\nselcet = ['GC2']\n",
            ["selcet", "did you mean 'select'"],
        ),
        ("groupcheck.toml", "fail-on = 'sometimes'\n", ["fail-on", "sometimes"]),
        ("groupcheck.toml", "lang = 'fr'\n", ["lang", "'fr'"]),
        ("groupcheck.toml", "format = 'xml'\n", ["format", "'xml'"]),
        ("groupcheck.toml", "select = 'GC2'\n", ["select", "list of strings"]),
        ("groupcheck.toml", "select = ['GC9']\n", ["select", "GC9"]),
        ("groupcheck.toml", "paths = [3]\n", ["paths"]),
        ("groupcheck.toml", "select = [\n", ["not valid TOML"]),
        ("groupcheck.toml", "rules = 'nosuchpack'\n", ["rules", "nosuchpack", "bundled packs"]),
        (
            "pyproject.toml",
            "[tool.groupcheck]\nrules = 'packs/missing.yaml'\n",
            ["[tool.groupcheck] rules", "missing.yaml"],
        ),
    ],
)
def test_a_bad_config_is_a_usage_error_naming_file_and_key(
    charters: Path, file: str, text: str, named: list[str]
) -> None:
    (charters / file).write_text(text, encoding="utf-8")
    code, out, err = validate("groups")
    assert code == 2, out
    assert err.startswith(f"groupcheck: error: {file}: ")
    for part in named:
        assert part in err


# ---------------------------------------------------------------------------------------------
# Select, ignore, fail-on, exit-zero


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        (["--select", "GC2"], {"GC001", "GC005", "GC201"}),
        (["--select", "gc2,GC402", "--ignore", "GC0"], {"GC201", "GC402"}),
        (["--select", "GC4", "--ignore", "GC402"], {"GC001", "GC005", "GC401"}),
        (["--select", "GC402", "--ignore", "GC4"], {"GC001", "GC005", "GC402"}),  # specific wins
        (["--ignore", "GC2", "--ignore", "GC0"], {"GC301", "GC401", "GC402"}),
        (["--ignore", "GC401"], {"GC001", "GC005", "GC201", "GC301", "GC402"}),
    ],
)
def test_select_and_ignore(charters: Path, flags: list[str], expected: set[str]) -> None:
    code, out, err = validate("groups", "-f", "json", *flags)
    assert code in (0, 1), err
    assert rules_in(out) == expected


def test_an_unknown_selector_is_a_usage_error(charters: Path) -> None:
    code, _, err = validate("groups", "--select", "GC9")
    assert code == 2 and "--select" in err and "GC9" in err


def test_a_deselected_rule_is_skipped_in_the_group_statuses(charters: Path) -> None:
    _, out, _ = validate("groups", "-f", "json", "--select", "GC4")
    alpha = next(g for g in json.loads(out)["groups"] if g["id"] == "alpha")
    assert alpha["rules"]["GC201"] == "skip" and alpha["rules"]["GC401"] == "fail"


def test_fail_on_and_exit_zero(charters: Path) -> None:
    warnings_only = ("groups", "--select", "GC401", "--ignore", "GC0")
    assert validate(*warnings_only)[0] == 0
    assert validate(*warnings_only, "--fail-on", "warning")[0] == 1
    assert validate("groups")[0] == 1
    assert validate("groups", "--fail-on", "never")[0] == 0
    assert validate("groups", "--exit-zero")[0] == 0
    code, _, err = validate("groups", "--fail-on", "sometimes")
    assert code == 2 and "--fail-on" in err


def test_python_api_builds_the_same_settings(charters: Path) -> None:
    import groupcheck
    from groupcheck.settings import Settings

    settings = Settings(
        paths=("groups",),
        as_of=__import__("datetime").date(2026, 11, 25),
        lang="en",
        select=("GC401",),
        ignore=("GC0",),
        fail_on="warning",
    )
    result = groupcheck.run(settings)
    assert {f.rule for f in result.report.findings} == {"GC401"}
    assert settings.exit_code(result.report) == 1
    _, out, _ = validate("groups", "-f", "json", "--select", "GC401", "--ignore", "GC0")
    assert json.loads(out) == result.report.model_dump(mode="json")


# ---------------------------------------------------------------------------------------------
# Statistics, quiet, show-files, outputs


def test_statistics_counts_standing_findings_per_rule(charters: Path) -> None:
    code, out, _ = validate("groups", "--statistics")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "4\tGC201\tcadre-exchange-minimum"  # ruff's columns: count, code, name
    counted = {line.split()[1]: int(line.split()[0]) for line in lines}
    assert counted == {"GC201": 4, "GC401": 2, "GC402": 2, "GC001": 1, "GC005": 1}  # not waived


def test_statistics_with_json_are_json(charters: Path) -> None:
    """As ``ruff --statistics --output-format json``: a JSON list, not text in a JSON run."""
    code, out, _ = validate("groups", "--statistics")
    text_counts = {line.split()[1]: int(line.split()[0]) for line in out.splitlines()}
    code, out, _ = validate("groups", "--statistics", "--format", "json")
    assert code == 1
    listed = json.loads(out)
    assert listed[0] == {
        "code": "GC201",
        "name": "cadre-exchange-minimum",
        "count": 4,
        "severity": "error",
    }
    assert list(listed[0]) == ["code", "name", "count", "severity"]  # ruff's keys first
    assert {row["code"]: row["count"] for row in listed} == text_counts
    counts = [row["count"] for row in listed]
    assert counts == sorted(counts, reverse=True)


def test_summary_only_prints_only_the_summary_line(charters: Path) -> None:
    code, out, _ = validate("groups", "--summary-only")
    assert code == 1
    assert out == "5 groups, 10 files: 8 errors, 2 warnings, 4 waived\n"


def test_quiet_prints_the_findings_only(charters: Path) -> None:
    """ruff's ``-q``: the findings, one a line, no table and no summary."""
    _, parsable, _ = validate("groups", "-f", "parsable")
    standing = [line for line in parsable.splitlines() if not line.endswith("]")]
    for flag in ("--quiet", "-q"):
        code, out, _ = validate("groups", flag)
        assert code == 1
        assert out.splitlines() == standing
        assert "groups" not in out.split(":", 1)[0] or out.startswith("groups/")
        assert "waived" not in out and "files:" not in out


def test_plurals_are_english(charters: Path) -> None:
    import shutil

    for folder in (charters / "groups").iterdir():
        if folder.name != "alpha":
            shutil.rmtree(folder)
    code, out, _ = validate("groups", "--summary-only", "--select", "GC0")
    assert out == "1 group, 2 files: 0 errors, 0 warnings, 0 waived\n"
    assert code == 0
    _, out, _ = validate("groups", "--summary-only", "--select", "GC201", "--as-of", "2024-06-30")
    assert ": 1 error, " in out


def test_show_files_lists_what_a_run_reads_and_reads_nothing(charters: Path) -> None:
    code, out, _ = validate("groups", "--show-files")
    assert code == 0
    assert "group groups/alpha\n  groups/alpha/charter.yaml\n  groups/alpha/rotations.yaml\n" in out
    assert "  groups/orphan/rotations.yaml" in out
    assert out.rstrip().endswith("5 groups, 10 files")


def test_format_output_pairs(charters: Path) -> None:
    code, out, err = validate(
        "groups",
        "-f",
        "sarif",
        "-o",
        "out.sarif",
        "-f",
        "parsable",
        "-o",
        "-",
        "-f",
        "junit",
        "-o",
        "out.xml",
    )
    assert code == 1, err
    assert out.startswith("groups/alpha/charter.yaml:")  # parsable on stdout
    assert json.loads((charters / "out.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert (charters / "out.xml").read_text(encoding="utf-8").startswith("<?xml")


@pytest.mark.parametrize(
    "flags",
    [
        ["-f", "json", "-f", "sarif"],  # two formats, no outputs
        ["-f", "json", "-o", "a.json", "-o", "b.json"],  # more outputs than formats
        ["-f", "json", "-o", "-", "-f", "sarif", "-o", "-"],  # two on stdout
        ["-f", "json", "-o", "same", "-f", "sarif", "-o", "same"],
        ["-f", "yaml"],
    ],
)
def test_bad_format_output_pairs_are_usage_errors(charters: Path, flags: list[str]) -> None:
    code, _, err = validate("groups", *flags)
    assert code == 2 and err.startswith("groupcheck: error: ")


# ---------------------------------------------------------------------------------------------
# GitHub Actions


def test_github_actions_adds_annotations_and_a_step_summary(charters: Path) -> None:
    summary = charters / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    code, out, err = validate("groups", env=env)
    assert code == 1
    assert "5 groups, 10 files" in out  # the table is still there
    assert not [line for line in out.splitlines() if line.startswith("::")]
    annotations = [line for line in err.splitlines() if line.startswith("::")]
    assert len(annotations) == 14  # on stderr, which the runner reads as well
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n## ❌ groupcheck: failed")
    assert written.count("- **GC") == 14  # every finding, past GitHub's ten annotations


def test_github_actions_never_mixes_annotations_into_json(charters: Path) -> None:
    summary = charters / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    code, out, _ = validate("groups", "-f", "json", env=env)
    assert code == 1
    json.loads(out)
    assert not summary.exists()


@pytest.mark.parametrize("fmt", ["markdown", "parsable", "table"])
def test_github_actions_keeps_workflow_commands_off_stdout(charters: Path, fmt: str) -> None:
    """``-f markdown > comment.md`` posts Markdown, not raw ``::error`` lines (issue 17)."""
    summary = charters / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    code, out, err = validate("groups", "-f", fmt, env=env)
    assert code == 1
    assert "::" not in "".join(line[:2] for line in out.splitlines())
    assert sum(1 for line in err.splitlines() if line.startswith("::error ")) >= 1
    code, out, err = validate("groups", "-f", "github", env=env)
    assert sum(1 for line in out.splitlines() if line.startswith("::")) == 14
    assert "::" not in err


def test_the_step_summary_stays_under_githubs_limit(charters: Path) -> None:
    """GitHub drops a step summary above 1 MiB: what does not fit is left out, and said so."""
    from groupcheck.reporters.github import SUMMARY_LIMIT

    summary = charters / "summary.md"
    earlier = "x" * (SUMMARY_LIMIT - 2_500) + "\n"  # an earlier command of the step wrote much
    summary.write_text(earlier, encoding="utf-8")
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    code, _, err = validate(
        "groups", "-f", "json", "-o", "report.json", "-f", "github", "-o", "-", env=env
    )
    assert code == 1, err
    written = summary.read_bytes()
    assert len(written) <= SUMMARY_LIMIT
    ours = written.decode("utf-8")[len(earlier) :]
    assert ours.startswith("## ❌ groupcheck: failed")
    assert "groups left out to keep this summary under GitHub's 1 MiB limit" in ours
    assert ours.rstrip().endswith("the full report: report.json")
    assert "| alpha | ❌" in ours  # failing groups come first


def test_a_summary_that_fits_is_whole(charters: Path) -> None:
    import datetime as dt

    import groupcheck
    from groupcheck.reporters import github, markdown
    from groupcheck.settings import Settings

    result = groupcheck.run(Settings(paths=("groups",), as_of=dt.date.fromisoformat(AS_OF)))
    assert github.summary(result) == markdown.render(result)
    cut = github.summary(result, limit=len(markdown.render(result)) - 1)
    assert "1 group left out" in cut or "groups left out" in cut
    assert len(cut.encode()) < len(markdown.render(result).encode())
    assert "this step's log" in cut
    zh = github.summary(result, lang="zh", limit=1500)
    assert "完整报告：本步骤的日志" in zh


def test_outside_github_actions_no_annotations(charters: Path) -> None:
    _, out, _ = validate("groups")
    assert not [line for line in out.splitlines() if line.startswith("::")]


# ---------------------------------------------------------------------------------------------
# ruff's conventions (issue 17): extend-select/extend-ignore, ALL, a named config without the
# table, Windows paths


def test_extend_select_adds_to_the_configs_select(charters: Path) -> None:
    (charters / "groupcheck.toml").write_text('select = ["GC201"]\n', encoding="utf-8")
    _, out, _ = validate("groups", "-f", "json")
    assert rules_in(out) == {"GC201", "GC001", "GC005"}  # load rules stay on
    _, out, _ = validate("groups", "-f", "json", "--extend-select", "GC4")
    assert rules_in(out) == {"GC201", "GC401", "GC402", "GC001", "GC005"}
    _, out, _ = validate("groups", "-f", "json", "--extend-ignore", "GC0")
    assert rules_in(out) == {"GC201"}
    (charters / "groupcheck.toml").write_text(
        'select = ["GC201"]\nextend-select = ["GC402"]\n', encoding="utf-8"
    )
    _, out, _ = validate("groups", "-f", "json")
    assert rules_in(out) == {"GC201", "GC402", "GC001", "GC005"}
    _, out, _ = validate("groups", "--show-settings")
    assert 'select = ["GC201", "GC402"]' in out


def test_all_selects_and_ignores_every_rule(charters: Path) -> None:
    _, every, _ = validate("groups", "-f", "json")
    _, out, _ = validate("groups", "-f", "json", "--select", "ALL")
    assert rules_in(out) == rules_in(every)
    _, out, _ = validate("groups", "-f", "json", "--select", "all", "--ignore", "GC4")
    assert rules_in(out) == rules_in(every) - {"GC401", "GC402"}
    code, out, _ = validate("groups", "-f", "json", "--ignore", "ALL")
    assert code == 0 and rules_in(out) == set()


def test_a_named_toml_without_the_table_is_an_error(charters: Path) -> None:
    (charters / "other").mkdir()
    (charters / "other" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    code, _, err = validate("groups", "--config", "other/pyproject.toml")
    assert code == 2
    assert "--config other/pyproject.toml: no [tool.groupcheck] table in it" in err
    (charters / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    code, _, err = validate("groups")  # found, not named: no config, as before
    assert code == 1, err


def test_backslashes_in_config_paths_are_accepted(charters: Path) -> None:
    (charters / "policy").mkdir()
    validate("groups", "--write-baseline", "policy/baseline.json")
    (charters / "groupcheck.toml").write_text(
        "paths = ['groups\\alpha']\nbaseline = 'policy\\baseline.json'\n", encoding="utf-8"
    )
    code, out, err = validate("--show-files")
    assert code == 0, err
    assert "group groups/alpha\n" in out and "beta" not in out
    code, _, err = validate()
    assert code == 0, err

"""docs/ci.md, action.yml and .pre-commit-hooks.yaml: their YAML parses, their TOML is a valid
config, and every ``groupcheck validate`` flag they use is a real flag of the command."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml

from groupcheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "ci.md"


def blocks(language: str) -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.DOTALL)


def validate_flags() -> set[str]:
    group: Any = typer.main.get_command(app)  # a click group (typer may vendor click)
    command = group.commands["validate"]
    return {opt for param in command.params for opt in param.opts if opt.startswith("-")}


def strings(node: Any) -> list[str]:
    """Every string in a parsed YAML document."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in strings(value)]
    return []


def groupcheck_flags(text: str) -> list[str]:
    """The flags of every ``groupcheck validate`` command in ``text`` (lines joined first)."""
    flags: list[str] = []
    joined = text.replace("\\\n", " ")
    for match in re.finditer(r"groupcheck (?:\"\$\{args\[@\]\}\"|validate)([^\n]*)", joined):
        for token in shlex.split(match.group(1).replace('"${', "'${").replace('}"', "}'")):
            if token.startswith("-") and token != "-":
                flags.append(token.split("=", 1)[0])
    return flags


def test_every_yaml_example_parses() -> None:
    examples = blocks("yaml")
    assert len(examples) >= 4  # workflow, one-step, GitLab, pre-commit
    for example in examples:
        assert yaml.safe_load(example) is not None


def test_the_examples_name_only_real_flags() -> None:
    real = validate_flags()
    used: list[str] = []
    for example in blocks("yaml"):
        for text in strings(yaml.safe_load(example)):
            used += groupcheck_flags(text)
    for example in blocks("sh"):
        used += groupcheck_flags(example)
    pre_commit = yaml.safe_load(blocks("yaml")[-1])
    used += [a for a in pre_commit["repos"][0]["hooks"][0]["args"] if a.startswith("--")]
    assert {"--format", "--output", "--write-baseline", "--baseline", "--fail-on"} <= set(used)
    assert set(used) <= real, set(used) - real


def test_the_flags_check_can_fail() -> None:
    assert "--no-such-flag" not in validate_flags()
    assert groupcheck_flags("groupcheck validate x --no-such-flag") == ["--no-such-flag"]


def test_the_config_example_is_a_valid_config(tmp_path: Path) -> None:
    from groupcheck import config

    (example,) = blocks("toml")
    assert tomllib.loads(example)["tool"]["groupcheck"]
    path = tmp_path / "pyproject.toml"
    path.write_text(example, encoding="utf-8")
    read = config.read(str(path))
    assert set(read.values) == set(config.KEYS)


def test_the_github_workflow_uses_the_action_with_its_inputs() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    assert {"paths", "rules", "fail-on", "sarif-file"} <= set(action["inputs"])
    workflow = yaml.safe_load(blocks("yaml")[0])
    steps = workflow["jobs"]["groupcheck"]["steps"]
    uses = next(s for s in steps if "groupcheck@" in s.get("uses", ""))
    assert set(uses["with"]) <= set(action["inputs"])
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert upload["with"]["sarif_file"] == uses["with"]["sarif-file"]


def test_the_action_runs_only_real_flags() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    (step,) = [s for s in action["runs"]["steps"] if s.get("name") == "Run groupcheck"]
    flags = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", step["run"]))
    assert {"--format", "--output", "--rules", "--fail-on"} <= flags
    assert flags <= validate_flags()


@pytest.mark.parametrize("hook_file", [".pre-commit-hooks.yaml"])
def test_the_pre_commit_hook(hook_file: str) -> None:
    hooks = yaml.safe_load((ROOT / hook_file).read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["groupcheck", "groupcheck-fix"]  # fix: issue 18
    hook = hooks[0]
    assert hook["language"] == "python"
    entry = shlex.split(hook["entry"])
    assert entry[:2] == ["groupcheck", "validate"]
    assert {t for t in entry if t.startswith("--")} <= validate_flags()
    pattern = re.compile(hook["files"])
    assert pattern.search("charters/a/charter.yaml")
    assert pattern.search("a/rotations/2023-2024.yaml")
    assert not pattern.search("README.md")


def action_step(name: str) -> dict[str, Any]:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    (step,) = [s for s in action["runs"]["steps"] if s.get("name") == name]
    return step  # type: ignore[no-any-return]


def test_the_action_is_valid_action_metadata() -> None:
    """GitHub's action metadata schema (check-jsonschema's vendored copy, no network)."""
    checker = Path(sys.executable).parent / "check-jsonschema"
    proc = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.github-actions", str(ROOT / "action.yml")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_action_leaves_the_job_environment_alone() -> None:
    """No setup-python on the job's PATH, no global pip install: a venv under RUNNER_TEMP."""
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    steps = action["runs"]["steps"]
    setup = next(s for s in steps if "setup-python" in s.get("uses", ""))
    assert setup["with"]["update-environment"] is False
    install = action_step("Install groupcheck")
    assert '"$PYTHON" -m venv "$VENV"' in install["run"]
    assert "pip install" in install["run"] and '"$py" -m pip' in install["run"]
    assert any("actions/cache" in s.get("uses", "") for s in steps)
    assert "GITHUB_PATH" not in yaml.safe_dump(action)


@pytest.mark.parametrize(
    ("paths", "args", "expected"),
    [
        ("charters/a\ncharters/b\n", "", ["charters/a", "charters/b"]),
        ("charters/a charters/b", "", ["charters/a", "charters/b"]),
        ("  charters/a\n\n  charters/b c\n", "", ["charters/a", "charters/b", "c"]),
        ("", "", []),
        ("*", "", ["*"]),  # never globbed by the shell
        ("g", "--select GC2 --as-of 2026-08-31", ["--select", "GC2", "--as-of", "2026-08-31", "g"]),
        (
            "g",
            "--baseline 'a b.json' $(touch pwned)",
            ["--baseline", "a b.json", "$(touch", "pwned)", "g"],
        ),
    ],
)
def test_the_action_passes_paths_and_args_as_written(
    tmp_path: Path, paths: str, args: str, expected: list[str]
) -> None:
    """The run step, executed by bash with the venv's python standing in for groupcheck."""
    venv_bin = tmp_path / "venv" / "bin"
    venv_bin.mkdir(parents=True)
    stand_in = venv_bin / "python"
    python = shlex.quote(sys.executable)
    echo_argv = "import json, sys; print(json.dumps(sys.argv[1:]))"
    stand_in.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = "-c" ]; then exec {python} "$@"; fi\n'
        f'exec {python} -c "{echo_argv}" "$@"\n'
    )
    stand_in.chmod(0o755)
    env = {
        "PATH": os.environ["PATH"],
        "VENV": str(tmp_path / "venv"),
        "INPUT_PATHS": paths,
        "INPUT_ARGS": args,
        "INPUT_RULES": "beijing-2016",
        "INPUT_FAIL_ON": "",
        "INPUT_SARIF_FILE": "out.sarif",
    }
    script = tmp_path / "run.sh"
    script.write_text(action_step("Run groupcheck")["run"])
    proc = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    argv = json.loads(proc.stdout)
    assert argv[:2] == ["-m", "groupcheck"]
    head = ["validate", "--format", "github", "--output", "-", "--format", "sarif", "--output"]
    assert argv[2:] == [*head, "out.sarif", "--rules", "beijing-2016", *expected]
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize(
    ("path", "fires"),
    [
        ("charters/a/b/charter.yaml", True),
        ("charters/a/b/rotations.yaml", True),
        ("charters/a/b/rotations/2023-2024.yml", True),
        ("groupcheck.toml", True),
        ("pyproject.toml", True),  # [tool.groupcheck]: a bad value must not slip through
        ("groupcheck-baseline.json", True),
        ("ci/.groupcheck-baseline.json", True),
        ("rules/district.yaml", True),
        ("policy/district.yaml", True),
        ("district-pack.yaml", True),
        ("README.md", False),
        ("charters/a/b/notes.yaml", False),
        ("package.json", False),
    ],
)
def test_the_hook_fires_on_what_can_change_a_verdict(path: str, fires: bool) -> None:
    hook = check_hook()
    assert bool(re.search(hook["files"], path)) is fires


def test_the_hook_prints_standing_findings_and_a_summary(tmp_path: Path) -> None:
    """The hook's own entry: one ``file:line:col: GCnnn message`` per standing finding, then
    one summary line; waived and known findings are not printed."""
    from typer.testing import CliRunner

    from groupcheck.cli import app
    from test_ci_formats import AS_OF, make_charters

    hook = check_hook()
    entry = shlex.split(hook["entry"])[1:]
    make_charters(tmp_path / "groups")
    env = {"GITHUB_ACTIONS": "", "GITHUB_STEP_SUMMARY": "", "LANG": "C.UTF-8"}
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        run = CliRunner().invoke(app, [*entry, "groups", "--as-of", AS_OF], env=env)
        known = CliRunner().invoke(
            app, [*entry, "groups", "--as-of", AS_OF, "--write-baseline", "b.json"], env=env
        )
        again = CliRunner().invoke(
            app, [*entry, "groups", "--as-of", AS_OF, "--baseline", "b.json"], env=env
        )
    finally:
        os.chdir(cwd)
    assert run.exit_code == 1
    *findings, summary = run.stdout.splitlines()
    assert len(findings) == 10  # the 14 findings less the 4 waived
    assert all(re.match(r"^groups/\S+:\d+:\d+: GC\d{3} ", line) for line in findings)
    assert summary == "5 groups, 10 files: 8 errors, 2 warnings, 4 waived"
    assert known.exit_code == 0
    assert again.exit_code == 0
    assert (
        again.stdout
        == "5 groups, 10 files: 0 errors, 0 warnings, 4 waived, 10 known (in the baseline)\n"
    )


def check_hook() -> dict[str, Any]:
    """The ``groupcheck`` hook of .pre-commit-hooks.yaml (``groupcheck-fix`` is beside it)."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "groupcheck"]
    return hook  # type: ignore[no-any-return]

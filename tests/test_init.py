"""``groupcheck init``: commented files that validate with only the expected "missing" findings."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from groupcheck import schema, yamlsource
from groupcheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-25"


def groupcheck(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real CLI in-process (typer's runner) from ``cwd``; same exit codes and streams."""
    previous = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, list(args))
    finally:
        os.chdir(previous)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout, result.stderr)


def test_the_installed_command_runs(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "groupcheck", "init", "g", "--lang", "zh"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "charters" / "g" / "charter.yaml").is_file()
    again = subprocess.run(
        [sys.executable, "-m", "groupcheck", "init", "g"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert again.returncode == 2


def validate(folder: Path, cwd: Path) -> tuple[int, list[dict[str, Any]]]:
    result = groupcheck("validate", str(folder), "--as-of", AS_OF, "-f", "json", cwd=cwd)
    findings: list[dict[str, Any]] = json.loads(result.stdout)["findings"]
    return result.returncode, findings


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("model", ["tight", "alliance", "hybrid", "trusteeship", "紧密型"])
def test_new_group_has_only_missing_findings(tmp_path: Path, lang: str, model: str) -> None:
    created = groupcheck(
        "init", "mingde-group", "--dir", "charters", "--model", model, "--lang", lang,
        "--established", "2026-09-01", cwd=tmp_path,
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    folder = tmp_path / "charters" / "mingde-group"
    assert created.stdout.strip() == str(Path("charters") / "mingde-group")
    assert sorted(p.name for p in folder.iterdir()) == ["charter.yaml", "rotations.yaml"]
    code, findings = validate(folder, tmp_path)
    rules = {f["rule"] for f in findings}
    assert not any(r.startswith("GC00") for r in rules), findings
    # The plan is one of the missing items: GC102 (the document) and GC107 (none in force).
    allowed = {"GC102", "GC104", "GC105", "GC107"} | (
        {"GC101"} if model == "trusteeship" else set()
    )
    assert rules == allowed
    assert code == 1  # the missing items are errors until the clerk fills them in


def test_comments_follow_the_language(tmp_path: Path) -> None:
    for lang in ("zh", "en"):
        assert groupcheck("init", f"g-{lang}", "--lang", lang, cwd=tmp_path).returncode == 0
    zh = (tmp_path / "charters" / "g-zh" / "charter.yaml").read_text(encoding="utf-8")
    en = (tmp_path / "charters" / "g-en" / "charter.yaml").read_text(encoding="utf-8")
    assert "理事会" in zh and "不少于20万元" in zh and "15%" in zh
    assert "council" in en and "200,000 yuan" in en and "15%" in en
    english_comments = [
        line for line in en.splitlines() if line.startswith("#") and "core school" in line
    ]
    assert english_comments
    for text in (zh, en):
        for number in ("GC101", "GC102", "GC103", "GC104", "GC105", "GC106", "GC301", "GC302"):
            assert number in text


def test_schema_line_points_at_a_schema_that_exists(tmp_path: Path) -> None:
    assert groupcheck("init", "g", "--dir", "a/b", cwd=tmp_path).returncode == 0
    for name, kind in (("charter.yaml", "charter"), ("rotations.yaml", "rotations")):
        path = tmp_path / "a" / "b" / "g" / name
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, first
        target = (path.parent / match.group(1)).resolve()
        assert target.read_text(encoding="utf-8") == schema.render(kind)  # type: ignore[arg-type]


def test_schema_line_uses_the_repository_schemas(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "charter.schema.json").write_text("{}", encoding="utf-8")
    (tmp_path / "schemas" / "rotations.schema.json").write_text("{}", encoding="utf-8")
    assert groupcheck("init", "g", "--dir", "charters/x", cwd=tmp_path).returncode == 0
    first = (tmp_path / "charters/x/g/charter.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../../schemas/charter.schema.json"
    assert not (tmp_path / "charters" / "x" / "schemas").exists()


def test_files_validate_against_the_schema(tmp_path: Path) -> None:
    assert groupcheck("init", "g", cwd=tmp_path).returncode == 0
    for name, kind in (("charter.yaml", "charter"), ("rotations.yaml", "rotations")):
        raw = (tmp_path / "charters" / "g" / name).read_bytes()
        data = schema.to_json_data(yamlsource.parse(raw).data)
        jsonschema.validate(data, schema.build(kind), format_checker=jsonschema.FormatChecker())  # type: ignore[arg-type]


def _uncomment(text: str) -> str:
    """The file with its commented-out examples switched on."""
    out = []
    for line in text.splitlines():
        match = re.fullmatch(r"(\s*)# ((?:[a-z_]+:.*)|(?: +\S.*))", line)
        if match and not line.startswith("# yaml-language-server"):
            out.append(match.group(1) + match.group(2))
        else:
            out.append(re.sub(r"^(\w+): \[\]$", r"\1:", line))
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_commented_examples_are_valid_when_switched_on(tmp_path: Path, lang: str) -> None:
    assert (
        groupcheck(
            "init", "g", "--lang", lang, "--established", "2025-08-01", cwd=tmp_path
        ).returncode
        == 0
    )
    folder = tmp_path / "charters" / "g"
    for name in ("charter.yaml", "rotations.yaml"):
        path = folder / name
        path.write_text(_uncomment(path.read_text(encoding="utf-8")), encoding="utf-8")
    charter = yamlsource.parse((folder / "charter.yaml").read_bytes()).data
    assert charter["council"]["chair"] and charter["members"][0]["id"]
    assert yamlsource.parse((folder / "rotations.yaml").read_bytes()).data["exchanges"]
    _, findings = validate(folder, tmp_path)
    assert not [f for f in findings if f["rule"] in ("GC001", "GC002", "GC003", "GC205")]


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    assert groupcheck("init", "g", cwd=tmp_path).returncode == 0
    charter = tmp_path / "charters" / "g" / "charter.yaml"
    charter.write_text(charter.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    again = groupcheck("init", "g", cwd=tmp_path)
    assert again.returncode == 2
    assert "--force" in again.stderr
    assert charter.read_text(encoding="utf-8").endswith("# edited\n")
    forced = groupcheck("init", "g", "--force", "--model", "alliance", cwd=tmp_path)
    assert forced.returncode == 0
    assert "model: alliance" in charter.read_text(encoding="utf-8")


def test_refuses_existing_rotations_folder(tmp_path: Path) -> None:
    (tmp_path / "charters" / "g" / "rotations").mkdir(parents=True)
    assert groupcheck("init", "g", cwd=tmp_path).returncode == 2


@pytest.mark.parametrize(
    "args",
    [
        ["init", "Bad_Id"],
        ["init", "g", "--model", "loose"],
        ["init", "g", "--lang", "fr"],
        ["init", "g", "--established", "2026/09/01"],
        ["init", "g", "--core-id", "核心校"],
    ],
)
def test_usage_errors_exit_2_and_write_nothing(tmp_path: Path, args: list[str]) -> None:
    result = groupcheck(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("groupcheck: error:")
    assert not (tmp_path / "charters").exists()


def test_names_given_on_the_command_line_are_written_safely(tmp_path: Path) -> None:
    result = groupcheck(
        "init", "g", "--name", "明德: 集团 #1", "--jurisdiction", "yes",
        "--core-id", "mingde-primary", "--core-name", "泰山区明德小学", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = yamlsource.parse((tmp_path / "charters/g/charter.yaml").read_bytes()).data
    assert data["name"] == "明德: 集团 #1"
    assert data["jurisdiction"] == "yes"
    assert data["core_school"] == {"id": "mingde-primary", "name": "泰山区明德小学"}


def test_members_from_the_command_line(tmp_path: Path) -> None:
    result = groupcheck(
        "init", "g", "--member", "qingyun-primary=青云小学",
        "--member", "shuangquan-primary=双泉小学", "--established", "2026-09-01",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = yamlsource.parse((tmp_path / "charters/g/charter.yaml").read_bytes()).data
    assert [(m["id"], m["name"]) for m in data["members"]] == [
        ("qingyun-primary", "青云小学"),
        ("shuangquan-primary", "双泉小学"),
    ]
    _, findings = validate(tmp_path / "charters" / "g", tmp_path)
    assert not any(f["rule"].startswith("GC00") for f in findings)


@pytest.mark.parametrize("member", ["青云小学", "Qingyun=青云小学", "qingyun="])
def test_bad_members_are_usage_errors(tmp_path: Path, member: str) -> None:
    assert groupcheck("init", "g", "--member", member, cwd=tmp_path).returncode == 2
    assert not (tmp_path / "charters").exists()

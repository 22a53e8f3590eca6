"""The JSON Schema: generated from the models, committed, and agreeing with the loader.

The bundled charters and rotation logs are validated against the committed schema with a real
JSON Schema validator (jsonschema, draft-07 with format checks), after converting the data the
way an editor's YAML 1.2 parser sees it (dates as text), so schema and models cannot drift.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from groupcheck import schema, vocabulary, yamlsource
from groupcheck.cli import app
from groupcheck.models import Charter, RotationLog

ROOT = Path(__file__).resolve().parent.parent
CHARTERS = sorted((ROOT / "charters").rglob("charter.yaml"))
LOGS = sorted(
    [*(ROOT / "charters").rglob("rotations.yaml"), *(ROOT / "charters").rglob("rotations/*.yaml")]
)
DOC_EXAMPLES = ROOT / "docs" / "format.md"


def committed(kind: schema.Kind) -> dict[str, Any]:
    path = ROOT / "schemas" / schema.SCHEMA_FILES[kind]
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def validator(kind: schema.Kind) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(
        committed(kind), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )


def editor_view(path: Path) -> Any:
    return schema.to_json_data(yamlsource.parse(path.read_bytes()).data)


def errors(kind: schema.Kind, data: Any) -> list[str]:
    return [
        f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message}"
        for e in validator(kind).iter_errors(data)
    ]


@pytest.mark.parametrize("kind", schema.KINDS)
def test_committed_schema_is_current(kind: schema.Kind) -> None:
    path = ROOT / "schemas" / schema.SCHEMA_FILES[kind]
    assert path.read_text(encoding="utf-8") == schema.render(kind), (
        f"{path} is stale: run groupcheck schema {kind} --output {path.relative_to(ROOT)}"
    )


@pytest.mark.parametrize("kind", schema.KINDS)
def test_schema_is_valid_draft7(kind: schema.Kind) -> None:
    jsonschema.Draft7Validator.check_schema(committed(kind))
    assert committed(kind)["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_bundled_files_exist() -> None:
    assert len(CHARTERS) >= 10 and len(LOGS) >= 10


@pytest.mark.parametrize("path", CHARTERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_bundled_charter_validates(path: Path) -> None:
    data = editor_view(path)
    Charter.model_validate(yamlsource.parse(path.read_bytes()).data)
    assert errors("charter", data) == []


@pytest.mark.parametrize("path", LOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_bundled_log_validates(path: Path) -> None:
    RotationLog.model_validate(yamlsource.parse(path.read_bytes()).data)
    assert errors("rotations", editor_view(path)) == []


def _fences(language_title: str) -> list[str]:
    text = DOC_EXAMPLES.read_text(encoding="utf-8")
    marker = f'```yaml title="{language_title}"\n'
    blocks = []
    for part in text.split(marker)[1:]:
        blocks.append(part.split("```", 1)[0])
    return blocks


def test_documented_complete_example_validates() -> None:
    (charter,) = _fences("charter.yaml")
    (log,) = _fences("rotations.yaml")
    assert errors("charter", schema.to_json_data(yamlsource.parse(charter.encode()).data)) == []
    assert errors("rotations", schema.to_json_data(yamlsource.parse(log.encode()).data)) == []


def _walk_properties(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            found.append((f"{path}.{name}", sub))
        for name, sub in node.get("definitions", {}).items():
            found += _walk_properties(sub, name)
    return found


@pytest.mark.parametrize("kind", schema.KINDS)
def test_every_field_has_bilingual_description_and_valid_examples(kind: schema.Kind) -> None:
    whole = committed(kind)
    properties = _walk_properties(whole, "root")
    assert len(properties) >= (60 if kind == "charter" else 10)
    for where, prop in properties:
        description = prop.get("description", "")
        english, _, chinese = description.partition("\n\n")
        assert english and any("\u4e00" <= c <= "\u9fff" for c in chinese), where
        assert prop.get("examples"), where
        for example in prop["examples"]:
            sub = {**prop, "definitions": whole["definitions"]}
            problems = list(
                jsonschema.Draft7Validator(
                    sub, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
                ).iter_errors(example)
            )
            assert problems == [], (where, example, problems[0].message)


@pytest.mark.parametrize("kind", schema.KINDS)
def test_every_example_is_accepted_by_the_model(kind: schema.Kind) -> None:
    """Examples are put into a minimal valid document and loaded by the pydantic model."""
    base: dict[str, Any]
    if kind == "rotations":
        base = {"group": "g"}
        model: type[Charter] | type[RotationLog] = RotationLog
    else:
        base = {
            "id": "g",
            "name": "集团",
            "jurisdiction": "区",
            "model": "tight",
            "established": "2022-07-30",
            "core_school": {"id": "c", "name": "核心校"},
        }
        model = Charter
    root = committed(kind)
    for name, prop in root["properties"].items():
        for example in prop["examples"]:
            model.model_validate({**base, name: example})


def test_enum_synonyms_are_ones_the_loader_reads() -> None:
    """Each enum lists exactly the words its own table accepts (no flat list for all enums)."""
    for kind in schema.KINDS:
        for name, definition in committed(kind)["definitions"].items():
            if "enum" not in definition:
                continue
            table = vocabulary.named(name)
            assert set(definition["enum"]) == set(table.words), name
            for value in definition["enum"]:
                assert table.find(value) is not None, (name, value)
            assert len(definition["enumDescriptions"]) == len(definition["enum"])


@pytest.mark.parametrize(
    ("kind", "data", "where"),
    [
        ("charter", {"id": "g", "name": "n", "jurisdiction": "j", "model": "tight"}, ""),
        (
            "charter",
            {
                "id": "g",
                "name": "n",
                "jurisdiction": "j",
                "model": "tight",
                "established": "2022-07-30",
                "core_school": {"id": "c", "name": "x"},
                "memebrs": [],
            },
            "",
        ),
        (
            "charter",
            {
                "id": "G",
                "name": "n",
                "jurisdiction": "j",
                "model": "tight",
                "established": "2022-07-30",
                "core_school": {"id": "c", "name": "x"},
            },
            "id",
        ),
        (
            "charter",
            {
                "id": "g",
                "name": "n",
                "jurisdiction": "j",
                "model": "loose",
                "established": "2022-07-30",
                "core_school": {"id": "c", "name": "x"},
            },
            "model",
        ),
        (
            "charter",
            {
                "id": "g",
                "name": "n",
                "jurisdiction": "j",
                "model": "tight",
                "established": "2022-7-30",
                "core_school": {"id": "c", "name": "x"},
            },
            "established",
        ),
        (
            "charter",
            {
                "id": "g",
                "name": "n",
                "jurisdiction": "j",
                "model": "tight",
                "established": "2022-07-30",
                "core_school": {"id": "c", "name": "x"},
                "funding": [{"year": 2023, "amount_yuan": "二十万"}],
            },
            "funding/0/amount_yuan",
        ),
        (
            "rotations",
            {"group": "g", "exchanges": [{"person": "李明", "role": "干部"}]},
            "exchanges/0",
        ),
        (
            "rotations",
            {
                "group": "g",
                "exchanges": [
                    {
                        "person": "李明",
                        "role": "principal",
                        "from": "a",
                        "to": "b",
                        "start": "2022-09-01",
                        "end": "2024-08-31",
                    }
                ],
            },
            "exchanges/0/role",
        ),
    ],
)
def test_schema_rejects_what_the_model_rejects(
    kind: schema.Kind, data: dict[str, Any], where: str
) -> None:
    model: type[Charter] | type[RotationLog] = Charter if kind == "charter" else RotationLog
    with pytest.raises(ValueError):
        model.model_validate(data)
    found = list(validator(kind).iter_errors(data))
    assert found, data
    assert where in ["/".join(str(p) for p in e.absolute_path) for e in found]


def test_chinese_synonyms_and_amount_text_pass_both() -> None:
    data = {
        "id": "g",
        "name": "n",
        "jurisdiction": "j",
        "model": "紧密型",
        "established": "2022-07-30",
        "core_school": {"id": "c", "name": "x"},
        "funding": [{"year": 2023, "amount_yuan": "20万元", "uses": ["教研"]}],
    }
    Charter.model_validate(data)
    assert errors("charter", data) == []


def test_cli_prints_each_schema_and_writes_output(tmp_path: Path) -> None:
    runner = CliRunner()
    for kind in schema.KINDS:
        result = runner.invoke(app, ["schema", kind])
        assert result.exit_code == 0
        assert result.stdout == schema.render(kind)
    target = tmp_path / "c.json"
    result = runner.invoke(app, ["schema", "charter", "--output", str(target)])
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8") == schema.render("charter")


def test_cli_refuses_unknown_kind() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "groupcheck", "schema", "waivers"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "charter or rotations" in result.stderr

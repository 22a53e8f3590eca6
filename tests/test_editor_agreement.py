"""Editors and the checker agree (issue 17 item 8): the documented modeline resolves in the
repository's layout, and the schema and the checker judge YAML 1.1/1.2 readings alike."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from groupcheck import yamlsource

ROOT = Path(__file__).resolve().parents[1]
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$", re.MULTILINE)


def documented_modelines() -> dict[str, str]:
    """The schema path of each modeline docs/editors.md shows, by schema file name."""
    text = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    found = {Path(path).name: path for path in MODELINE.findall(text)}
    assert set(found) == {"charter.schema.json", "rotations.schema.json"}
    return found


@pytest.mark.parametrize("kind", ["charter", "rotations"])
def test_the_documented_modeline_resolves_from_a_bundled_file(kind: str) -> None:
    path = documented_modelines()[f"{kind}.schema.json"]
    charters = sorted((ROOT / "charters").glob("*/*/charter.yaml"))
    assert charters
    for charter in charters:
        target = (charter.parent / path).resolve()
        assert target == (ROOT / "schemas" / f"{kind}.schema.json").resolve(), charter
        assert target.is_file()


def test_init_writes_the_same_depth_as_the_docs(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from groupcheck.cli import app

    (tmp_path / "schemas").mkdir()
    for kind in ("charter", "rotations"):
        (tmp_path / "schemas" / f"{kind}.schema.json").write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["init", "my-group", "--dir", str(tmp_path / "charters" / "d")]
    )
    assert result.exit_code == 0, result.output
    first = (tmp_path / "charters" / "d" / "my-group" / "charter.yaml").read_text(encoding="utf-8")
    assert MODELINE.findall(first)[0] == documented_modelines()["charter.schema.json"]


def rotations_schema() -> dict[str, object]:
    schema: dict[str, object] = json.loads(
        (ROOT / "schemas" / "rotations.schema.json").read_text(encoding="utf-8")
    )
    return schema


def a_log(**exchange: object) -> dict[str, object]:
    base: dict[str, object] = {
        "person": "李明",
        "role": "teacher",
        "from": "core",
        "to": "member-1",
        "start": "2022-09-01",
        "end": "2024-08-31",
    }
    return {"group": "g", "exchanges": [{**base, **exchange}]}


@pytest.mark.parametrize("word", ["yes", "No", "ON", "off"])
def test_yaml11_boolean_words_pass_the_schema_and_the_checker(word: str) -> None:
    # The editor (YAML 1.2) sees the text "yes"; groupcheck (YAML 1.1) sees true.
    jsonschema.Draft7Validator(rotations_schema()).validate(a_log(backbone=word))
    assert yamlsource.parse(f"backbone: {word}\n").data == {
        "backbone": word.lower() in ("yes", "on")
    }


def test_the_schema_still_refuses_other_text_for_a_boolean() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(rotations_schema()).validate(a_log(backbone="maybe"))


@pytest.mark.parametrize(
    ("written", "value"),
    [("06199", 6199), ("0999", 999), ("-08", -8), ("+09", 9)],
)
def test_numbers_of_yaml12_are_numbers_for_the_checker(written: str, value: object) -> None:
    assert yamlsource.parse(f"staff_no: {written}\n").data == {"staff_no": value}
    assert yamlsource.parse(f'staff_no: "{written}"\n').data == {"staff_no": written}
    with pytest.raises(jsonschema.ValidationError):  # and the editor's schema says the same
        jsonschema.Draft7Validator(rotations_schema()).validate(a_log(staff_no=value))


@pytest.mark.parametrize("written", ["SQ0010", "0x1G", "1.2.3", "+", "1e", "06-01", "0 8"])
def test_text_stays_text(written: str) -> None:
    assert yamlsource.parse(f"staff_no: {written}\n").data == {"staff_no": written}


def test_an_unquoted_leading_zero_staff_number_is_reported_where_the_editor_would(
    tmp_path: Path,
) -> None:
    import datetime as dt

    import groupcheck
    from groupcheck.settings import Settings

    bundled = sorted((ROOT / "charters").glob("*/*/charter.yaml"))[0].parent
    group = tmp_path / "g"
    group.mkdir()
    (group / "charter.yaml").write_bytes((bundled / "charter.yaml").read_bytes())
    log = sorted(bundled.glob("rotations/*.yaml"))[0].read_text(encoding="utf-8")
    log = re.sub(r'staff_no: "[^"]*"', "staff_no: 06199", log, count=1)
    (group / "rotations.yaml").write_text(log, encoding="utf-8")
    report = groupcheck.run(Settings(paths=(str(group),), as_of=dt.date(2026, 11, 25))).report
    quoted = [f for f in report.findings if f.rule == "GC002" and "staff_no" in f.message]
    assert len(quoted) == 1
    assert 'quote the value so YAML reads it as text: "06199"' in quoted[0].message

# ruff: noqa: E501  (register rows and expected exchanges read best one per line)
"""Excel in and out: rotation registers → rotations.yaml, runs → findings and per-year sheets.

Registers are built here with openpyxl the way clerks type them (a title row, merged school
cells, dates as cells, serial numbers and text, staff numbers as numbers), and read through the
real CLI. The round trip exports the bundled charters' exchanges and imports them again.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

import groupcheck
from groupcheck import evidence, excel, yamlsource
from groupcheck.cli import app
from groupcheck.models import RotationLog

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-25"

CHARTER = """\
id: demo-group
name: 明德小学教育集团
jurisdiction: 山东省泰安市泰山区
model: tight
established: 2022-07-30
core_school: {id: mingde-primary, name: 明德小学, teachers: 40}
members:
  - {id: qingyun-primary, name: 青云小学}
  - {id: shuangquan-primary, name: 双泉小学}
"""


def run(*args: str, cwd: Path) -> tuple[int, str, str]:
    previous = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, list(args))
    finally:
        os.chdir(previous)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def make_group(tmp: Path) -> Path:
    folder = tmp / "charters" / "demo-group"
    folder.mkdir(parents=True)
    (folder / "charter.yaml").write_text(CHARTER, encoding="utf-8")
    return folder


def workbook(
    rows: Sequence[Sequence[Any]],
    path: Path,
    *,
    title: str | None = None,
    sheet: str = "Sheet1",
    merges: Sequence[str] = (),
) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    if title is not None:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
    for row in rows:
        ws.append(list(row))
    for merged in merges:
        ws.merge_cells(merged)
    book.save(path)
    return path


ZH_HEADER = [
    "序号",
    "姓名",
    "工号",
    "身份",
    "派出学校",
    "接收学校",
    "开始日期（年-月-日）",
    "结束日期",
    "骨干",
]


def good_rows(*, merged: bool = False) -> list[list[Any]]:
    """Four good rows; with ``merged`` the 派出学校 of rows 2 and 3 is left to a merged cell."""
    core = None if merged else "明德小学"
    return [
        ZH_HEADER,
        [1, "李明", 2015031, "干部", "明德小学", "青云小学", dt.datetime(2022, 9, 1), "2024.8.31", ""],
        [2, "王芳", "0755", "教师", core, "qingyun-primary", 44805, "2024年8月31日", "是"],
        [3, "张伟", None, "教师", core, "双泉小学", "2022/9/1", "20240831", "否"],
        [4, "赵丽", "T-9", "teacher", "qingyun-primary", "mingde-primary", "2023-09-01", 46265, None],
    ]  # fmt: skip


def test_register_with_title_row_merged_cells_and_mixed_dates(tmp_path: Path) -> None:
    folder = make_group(tmp_path)
    # 派出学校 (column E) merged over the first three data rows (rows 3-5 under the title).
    workbook(
        good_rows(merged=True),
        tmp_path / "reg.xlsx",
        title="明德小学教育集团交流轮岗名册",
        merges=["E3:E5"],
    )
    code, _, err = run(
        "import", "rotations", "reg.xlsx", "--group", "demo-group", "--charters", "charters",
        cwd=tmp_path,
    )  # fmt: skip
    assert code == 0, err
    written = folder / "rotations.yaml"
    log = RotationLog.model_validate(yamlsource.parse(written.read_bytes()).data)
    got = [
        (e.person, e.staff_no, e.role.value, e.backbone, e.from_, e.to, e.start, e.end)
        for e in log.exchanges
    ]
    d = dt.date
    assert got == [
        ("李明", "2015031", "cadre", False, "mingde-primary", "qingyun-primary", d(2022, 9, 1), d(2024, 8, 31)),
        ("王芳", "0755", "teacher", True, "mingde-primary", "qingyun-primary", d(2022, 9, 1), d(2024, 8, 31)),
        ("张伟", None, "teacher", False, "mingde-primary", "shuangquan-primary", d(2022, 9, 1), d(2024, 8, 31)),
        ("赵丽", "T-9", "teacher", False, "qingyun-primary", "mingde-primary", d(2023, 9, 1), d(2026, 8, 31)),
    ]  # fmt: skip
    text = written.read_text(encoding="utf-8")
    assert 'staff_no: "0755"' in text and 'staff_no: "2015031"' in text
    # The imported group validates with no format finding.
    result = groupcheck.run(groupcheck.Settings(paths=(str(folder),), as_of=dt.date(2026, 11, 25)))
    assert not [f for f in result.report.findings if f.rule.startswith("GC00")]


def test_english_headers(tmp_path: Path) -> None:
    folder = make_group(tmp_path)
    rows = [
        ["Person", "Staff_No", "Role", "Backbone", "From", "To", "Start", "End"],
        ["Li Ming", "A1", "cadre", "yes", "mingde-primary", "青云小学", "2022-09-01", "2024-08-31"],
    ]
    workbook(rows, tmp_path / "en.xlsx")
    code, _, err = run(
        "import", "rotations", "en.xlsx", "-g", "demo-group", "--charters", "charters",
        cwd=tmp_path,
    )  # fmt: skip
    assert code == 0, err
    log = RotationLog.model_validate(
        yamlsource.parse((folder / "rotations.yaml").read_bytes()).data
    )
    assert [(e.person, e.backbone, e.to) for e in log.exchanges] == [
        ("Li Ming", True, "qingyun-primary")
    ]


BAD_ROWS = [
    ZH_HEADER,
    [1, "李明", 1, "干部", "明德小学", "青云小学", "2022-09-01", "2024-08-31", ""],
    [2, "王芳", 2, "校长", "明德小学", "青云小学", "2022-09-01", "2024-08-31", ""],
    [3, "张伟", 3, "教师", "明德小学", "东湖小学", "2022-09-01", "2024-08-31", ""],
    [4, "赵丽", 4, "教师", "明德小学", "青云小学", "2022-13-01", "2024-08-31", ""],
    [5, "", None, None, None, None, None, None, None],
    [6, "孙强", 6, "教师", "明德小学", "青云小学", "2022-09-01", None, "maybe"],
    [7, "周敏", 7, "教师", "明德小学", "双泉小学", "2022-09-01", "2024-08-31", "是"],
]


def test_every_bad_row_is_reported_and_nothing_is_written(tmp_path: Path) -> None:
    folder = make_group(tmp_path)
    workbook(BAD_ROWS, tmp_path / "REGISTER.xlsx")
    code, _, err = run(
        "import", "rotations", "REGISTER.xlsx", "--group", "demo-group", "--charters",
        "charters", "--lang", "en", cwd=tmp_path,
    )  # fmt: skip
    assert code == 1
    lines = err.splitlines()
    assert lines[0] == "REGISTER.xlsx:Sheet1:R3: 身份: '校长' is not 干部/cadre or 教师/teacher"
    assert lines[1].startswith("REGISTER.xlsx:Sheet1:R4: 接收学校: '东湖小学' is not a school")
    assert lines[2].startswith("REGISTER.xlsx:Sheet1:R5: 开始日期（年-月-日）: '2022-13-01'")
    assert lines[3].startswith("REGISTER.xlsx:Sheet1:R7: ")
    assert "结束日期: empty" in lines[3] and "骨干: 'maybe'" in lines[3]
    assert "4 bad rows; nothing written" in lines[4]
    assert len(lines) == 5  # the blank row 6 is skipped, rows 2 and 8 are good
    assert not (folder / "rotations.yaml").exists()


def test_skip_bad_writes_the_good_rows(tmp_path: Path) -> None:
    folder = make_group(tmp_path)
    workbook(BAD_ROWS, tmp_path / "REGISTER.xlsx")
    code, _, err = run(
        "import", "rotations", "REGISTER.xlsx", "--group", "demo-group", "--charters",
        "charters", "--skip-bad", "--lang", "zh", cwd=tmp_path,
    )  # fmt: skip
    assert code == 0
    assert "REGISTER.xlsx:Sheet1:R3: 身份：“校长”不是“干部”或“教师”" in err
    assert "已跳过 4 行" in err
    log = RotationLog.model_validate(
        yamlsource.parse((folder / "rotations.yaml").read_bytes()).data
    )
    assert [e.person for e in log.exchanges] == ["李明", "周敏"]


EXISTING_LOG = (
    "group: demo-group\nexchanges:\n  - {person: 王芳, role: teacher, from: core-a, to: m1,\n"
    "     start: 2021-09-01, end: 2023-08-31}\n"
)


def test_existing_log_is_kept_without_force(tmp_path: Path) -> None:
    folder = make_group(tmp_path)
    (folder / "rotations.yaml").write_text(EXISTING_LOG, encoding="utf-8")
    workbook(good_rows(), tmp_path / "reg.xlsx")
    base = ["import", "rotations", "reg.xlsx", "--group", "demo-group", "--charters", "charters"]
    code, _, err = run(*base, "--lang", "en", cwd=tmp_path)
    assert code == 2
    assert "--force" in err and "rotations/reg.yaml" in err
    assert (folder / "rotations.yaml").read_text(encoding="utf-8") == EXISTING_LOG
    code, _, _ = run(*base, "--output", "charters/demo-group/rotations/reg.yaml", cwd=tmp_path)
    assert code == 0
    assert "李明" in (folder / "rotations" / "reg.yaml").read_text(encoding="utf-8")
    code, _, _ = run(*base, "--force", cwd=tmp_path)
    assert code == 0
    assert "李明" in (folder / "rotations.yaml").read_text(encoding="utf-8")


def _import_over(tmp_path: Path, existing: str) -> tuple[int, str, str]:
    """Import a good register over a ``rotations.yaml`` holding ``existing``, without --force;
    the exit code, stderr and what the log holds afterwards."""
    log = make_group(tmp_path) / "rotations.yaml"
    log.write_text(existing, encoding="utf-8")
    workbook(good_rows(), tmp_path / "reg.xlsx")
    code, _, err = run(
        "import", "rotations", "reg.xlsx", "--group", "demo-group", "--charters", "charters",
        cwd=tmp_path,
    )  # fmt: skip
    return code, err, log.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "existing", ["group: demo-group\nexchanges: []\n", "# only comments\ngroup: demo-group\n"]
)
def test_a_log_with_no_exchanges_is_filled_without_force(tmp_path: Path, existing: str) -> None:
    """The empty log ``init`` writes is there to be filled: no --force needed."""
    code, err, log = _import_over(tmp_path, existing)
    assert code == 0, err
    assert "李明" in log


@pytest.mark.parametrize("existing", ["group: [unclosed\n", "- not a mapping\n"])
def test_a_log_that_cannot_be_read_is_kept(tmp_path: Path, existing: str) -> None:
    code, _, log = _import_over(tmp_path, existing)
    assert code == 2
    assert log == existing


def test_output_to_stdout(tmp_path: Path) -> None:
    make_group(tmp_path)
    workbook(good_rows(), tmp_path / "reg.xlsx")
    code, out, _ = run(
        "import", "rotations", "reg.xlsx", "--group", "demo-group", "--charters", "charters",
        "--output", "-", cwd=tmp_path,
    )  # fmt: skip
    assert code == 0
    assert RotationLog.model_validate(yamlsource.parse(out.encode()).data).group == "demo-group"


def test_sheet_option_and_register_sheet_detection(tmp_path: Path) -> None:
    make_group(tmp_path)
    book = openpyxl.Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "说明"
    cover.append(["本名册由教育局印发"])
    data = book.create_sheet("2022学年")
    for row in good_rows():
        data.append(row)
    book.save(tmp_path / "two.xlsx")
    base = ["import", "rotations", "two.xlsx", "--group", "demo-group", "--charters", "charters"]
    code, out, _ = run(*base, "-o", "-", cwd=tmp_path)
    assert code == 0 and "李明" in out and "(2022学年)" in out
    code, out, _ = run(*base, "-o", "-", "--sheet", "2022学年", cwd=tmp_path)
    assert code == 0 and "李明" in out
    code, _, err = run(*base, "-o", "-", "--sheet", "说明", cwd=tmp_path)
    assert code == 2 and "two.xlsx:说明" in err
    code, _, err = run(*base, "-o", "-", "--sheet", "Sheet9", "--lang", "en", cwd=tmp_path)
    assert code == 2 and "no sheet named Sheet9" in err


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("missing-column", "has no column for 结束日期/end"),
        ("unknown-group", "no charter with id nobody-group"),
        ("not-xlsx", "not an Excel .xlsx workbook"),
        ("no-file", "no such file"),
        ("charters-path", "path not found"),
    ],
)
def test_usage_errors(tmp_path: Path, case: str, expected: str) -> None:
    make_group(tmp_path)
    rows = [row[:7] for row in good_rows()]  # no 结束日期 column
    workbook(rows, tmp_path / "reg.xlsx")
    (tmp_path / "notes.xlsx").write_text("not a workbook", encoding="utf-8")
    args = {
        "missing-column": ["reg.xlsx", "--group", "demo-group", "--charters", "charters"],
        "unknown-group": ["reg.xlsx", "--group", "nobody-group", "--charters", "charters"],
        "not-xlsx": ["notes.xlsx", "--group", "demo-group", "--charters", "charters"],
        "no-file": ["none.xlsx", "--group", "demo-group", "--charters", "charters"],
        "charters-path": ["reg.xlsx", "--group", "demo-group", "--charters", "nowhere"],
    }[case]
    code, _, err = run("import", "rotations", *args, "--lang", "en", cwd=tmp_path)
    assert code == 2
    assert expected in err
    assert not (tmp_path / "charters" / "demo-group" / "rotations.yaml").exists()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.datetime(2022, 9, 1, 0, 0), dt.date(2022, 9, 1)),
        (dt.date(2022, 9, 1), dt.date(2022, 9, 1)),
        (44805, dt.date(2022, 9, 1)),
        (44805.0, dt.date(2022, 9, 1)),
        ("44805", dt.date(2022, 9, 1)),
        ("2022-09-01", dt.date(2022, 9, 1)),
        ("2022-9-1", dt.date(2022, 9, 1)),
        ("2022/9/1", dt.date(2022, 9, 1)),
        ("2022.9.1", dt.date(2022, 9, 1)),
        (" 2022.09.01 ", dt.date(2022, 9, 1)),
        ("2022年9月1日", dt.date(2022, 9, 1)),
        ("2022年9月1", dt.date(2022, 9, 1)),
        ("20220901", dt.date(2022, 9, 1)),
        (61, dt.date(1900, 3, 1)),
        ("2022.13.1", None),
        ("2022.2.30", None),
        ("9/1/2022", None),
        ("下学期", None),
        (44805.5, None),
        (True, None),
        (0, None),
        (None, None),
    ],
)
def test_dates(value: Any, expected: dt.date | None) -> None:
    assert excel.parse_date(value) == expected


def test_serial_numbers_round_trip() -> None:
    for day in (dt.date(1900, 3, 1), dt.date(2022, 9, 1), dt.date(2099, 12, 31)):
        assert excel.parse_date(excel.to_serial(day)) == day


# ---------------------------------------------------------------------------------------------
# Export


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundled charters, so nothing is ever written next to the real ones."""
    target = tmp_path_factory.mktemp("bundled")
    shutil.copytree(ROOT / "charters", target / "charters")
    return target


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_round_trip_of_the_bundled_exchanges(bundled: Path, tmp_path: Path, lang: str) -> None:
    workbook_path = tmp_path / "all.xlsx"
    code, _, err = run(
        "export", str(bundled / "charters"), "--format", "xlsx", "--output", str(workbook_path),
        "--as-of", AS_OF, "--lang", lang, cwd=tmp_path,
    )  # fmt: skip
    assert code in (0, 1), err
    loaded = groupcheck.load([str(bundled / "charters")])
    assert len(loaded.groups) >= 10
    assert sum(len(g.exchanges) for g in loaded.groups) >= 100
    # Every group through the library, and two of them through the command (it writes YAML).
    book = excel.open_workbook(str(workbook_path))
    for group in loaded.groups:
        imported = excel.read_register(str(workbook_path), group.charter, workbook=book)
        assert imported.bad == []
        assert imported.exchanges == [entry.exchange for entry in group.exchanges], group.id
    for group in loaded.groups[:2]:
        target = tmp_path / f"{group.id}.yaml"
        code, _, err = run(
            "import", "rotations", str(workbook_path), "--group", group.id,
            "--charters", str(bundled / "charters"), "--output", str(target), cwd=tmp_path,
        )  # fmt: skip
        assert code == 0, err
        log = RotationLog.model_validate(yamlsource.parse(target.read_bytes()).data)
        assert log.group == group.id
        assert list(log.exchanges) == [entry.exchange for entry in group.exchanges], group.id


def test_round_trip_keeps_ids_when_names_are_ambiguous(tmp_path: Path) -> None:
    folder = make_group(tmp_path)
    charter = CHARTER.replace("{id: shuangquan-primary, name: 双泉小学}", "{id: shuangquan-primary, name: 青云小学}")  # fmt: skip
    (folder / "charter.yaml").write_text(charter, encoding="utf-8")
    (folder / "rotations.yaml").write_text(
        "group: demo-group\nexchanges:\n"
        "  - {person: 李明, role: cadre, from: mingde-primary, to: shuangquan-primary,"
        " start: 2022-09-01, end: 2024-08-31}\n",
        encoding="utf-8",
    )
    result = groupcheck.check(groupcheck.load([str(folder)]), as_of=dt.date(2026, 11, 25))
    (exchanges,) = [t for t in excel.tables(result, "zh") if t.name == "exchanges"]
    assert exchanges.rows[0][5:7] == ("明德小学", "shuangquan-primary")


def _sheet_rows(path: Path, title: str) -> list[list[Any]]:
    book = openpyxl.load_workbook(path)
    return [list(r) for r in book[title].iter_rows(values_only=True)]


def test_xlsx_layout_and_figures(bundled: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    code, _, _ = run(
        "export", str(bundled / "charters"), "--output", str(out), "--as-of", AS_OF,
        "--lang", "zh", cwd=tmp_path,
    )  # fmt: skip
    assert code == 1  # the bundled charters hold intentional failures
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["问题清单", "年度汇总", "交流名册", "集团"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A1:")
        for cell in sheet[1]:
            letter = cell.column_letter
            header = str(cell.value)
            assert sheet.column_dimensions[letter].width >= excel.display_width(header)
            longest = max(
                excel.display_width(str(c.value or ""))
                for c in sheet[letter]
                # a share is shown as a percentage (15.7%), a date as yyyy-mm-dd
                if not isinstance(c.value, (float, dt.date))
            )
            assert sheet.column_dimensions[letter].width >= min(longest, excel.MAX_WIDTH)
    # The matrix holds the figures of evidence.py for each group and year.
    matrix = _sheet_rows(out, "年度汇总")
    header = matrix[0]
    rows = {(r[0], r[2]): dict(zip(header, r, strict=True)) for r in matrix[1:]}
    result = groupcheck.run(
        groupcheck.Settings(paths=(str(bundled / "charters"),), as_of=dt.date(2026, 11, 25))
    )
    checked = 0
    for group in result.groups:
        found = evidence.for_pack(group, result.run.pack, result.run.as_of)
        for year in found.academic_years:
            row = rows[(group.id, year.year.start.year)]
            assert row["学年"] == year.label
            assert row["交流干部数"] == len(year.cadres)
            assert row["交流教师数"] == len(year.teachers)
            share = year.teacher_share
            assert row["教师交流比例"] == (None if share is None else pytest.approx(float(share)))
            checked += 1
        for funds in found.calendar_years:
            assert rows[(group.id, funds.year)]["专项经费（元）"] == funds.total_yuan
    assert checked >= 30
    findings = _sheet_rows(out, "问题清单")
    assert len(findings) - 1 == len(result.report.findings)
    assert {r[1] for r in findings[1:]} >= {"GC201", "GC301"}


def test_csv_layout(bundled: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.csv"
    code, _, err = run(
        "export", str(bundled / "charters"), "--format", "csv", "--output", str(out),
        "--as-of", AS_OF, "--lang", "en", cwd=tmp_path,
    )  # fmt: skip
    assert code == 1
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "report.csv", "report.exchanges.csv", "report.groups.csv", "report.matrix.csv",
    ]  # fmt: skip
    for name in names:
        raw = (tmp_path / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads the UTF-8 Chinese
    with (tmp_path / "report.matrix.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    no6 = [r for r in rows if r["group"] == "taian-no6-group" and r["academic year"] == "2023-2024"]
    assert len(no6) == 1 and no6[0]["judged"] == "yes"
    assert no6[0]["teacher share"].endswith("%")
    assert "wrote " + str(out) in err


def test_export_exit_0_for_a_passing_group(tmp_path: Path) -> None:
    # The case group that meets every rule (the bundled groups all fail GC107 as of 2026:
    # no seed records a development plan covering it).
    group = tmp_path / "g"
    shutil.copytree(ROOT / "tests" / "cases" / "all" / "passing-group" / "g", group)
    code, _, _ = run(
        "export", str(group), "--output", str(tmp_path / "no6.xlsx"), "--as-of", AS_OF,
        cwd=tmp_path,
    )  # fmt: skip
    assert code == 0
    exchanges = _sheet_rows(tmp_path / "no6.xlsx", excel.text("ui.export.sheet.exchanges", "en"))
    assert len(exchanges) > 1


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "pdf", "--output", "x.pdf"],
        ["--format", "xlsx"],
        ["--format", "xlsx", "--output", "-"],
        ["--output", "x.xlsx", "--as-of", "yesterday"],
        ["--output", "no/such/folder/x.xlsx"],
    ],
)
def test_export_usage_errors(bundled: Path, tmp_path: Path, args: list[str]) -> None:
    code, _, err = run("export", str(bundled / "charters"), *args, cwd=tmp_path)
    assert code == 2
    assert err.startswith("groupcheck: error:")


def test_display_width_counts_chinese_twice() -> None:
    assert excel.display_width("集团") == 4
    assert excel.display_width("GC201") == 5
    assert excel.display_width("（元）") == 6


def test_real_command_round_trip(tmp_path: Path) -> None:
    """The installed entry point, end to end: init, import, validate."""
    env = {**os.environ, "LANG": "C.UTF-8"}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "groupcheck", *args],
            capture_output=True, text=True, cwd=tmp_path, env=env, check=False,
        )  # fmt: skip

    created = cli(
        "init", "mingde-group", "--core-id", "mingde-primary", "--core-name", "明德小学",
        "--member", "qingyun-primary=青云小学", "--established", "2022-07-30",
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    charter = tmp_path / "charters" / "mingde-group" / "charter.yaml"
    rows = [
        ["姓名", "身份", "派出学校", "接收学校", "开始日期", "结束日期"],
        ["李明", "干部", "明德小学", "青云小学", "2022.9.1", "2024.8.31"],
    ]
    workbook(rows, tmp_path / "名册.xlsx")
    imported = cli("import", "rotations", "名册.xlsx", "--group", "mingde-group")
    assert imported.returncode == 0, imported.stderr
    checked = cli("validate", "charters", "-f", "json", "--as-of", AS_OF)
    assert checked.returncode in (0, 1)
    rules = {f["rule"] for f in json.loads(checked.stdout)["findings"]}
    assert rules and not any(rule.startswith("GC00") for rule in rules)
    assert "李明" in (charter.parent / "rotations.yaml").read_text(encoding="utf-8")


def test_a_hidden_sheet_is_read_only_when_named(tmp_path: Path) -> None:
    """Issue 19: a stale hidden sheet before the visible one was imported instead of it."""
    make_group(tmp_path)
    book = openpyxl.Workbook()
    old = book.active
    assert old is not None
    old.title = "Old"
    header, *rows = good_rows()
    old.append(header)
    for row in rows:
        old.append([*row[:1], "王五", *row[2:]])
    old.sheet_state = "hidden"
    current = book.create_sheet("Current")
    for row in good_rows():
        current.append(row)
    book.save(tmp_path / "hidden.xlsx")
    base = ["import", "rotations", "hidden.xlsx", "-g", "demo-group", "--charters", "charters"]
    code, out, _ = run(*base, "-o", "-", cwd=tmp_path)
    assert code == 0 and "李明" in out and "王五" not in out and "(Current)" in out
    code, out, _ = run(*base, "-o", "-", "--sheet", "Old", cwd=tmp_path)
    assert code == 0 and "王五" in out


def _with_sheet_xml(path: Path, edit: Callable[[bytes], bytes]) -> None:
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    name = "xl/worksheets/sheet1.xml"
    parts[name] = edit(parts[name])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for part, data in parts.items():
            target.writestr(part, data)


@pytest.mark.parametrize("case", ["far-cell", "huge-merge", "zip-bomb", "fifo", "device"])
def test_a_workbook_that_would_exhaust_memory_is_one_line(tmp_path: Path, case: str) -> None:
    """Issue 19: 5 KB files that took 2 GB (a cell at XFD1048576, a merged range over the
    sheet, one 1.5 GB string), and a FIFO that hung."""
    make_group(tmp_path)
    target = "reg.xlsx"
    if case == "far-cell":
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(ZH_HEADER)
        sheet["XFD1048576"] = "x"
        book.save(tmp_path / target)
    elif case == "huge-merge":
        workbook(good_rows(), tmp_path / target)
        _with_sheet_xml(
            tmp_path / target,
            lambda xml: xml.replace(
                b"</worksheet>",
                b'<mergeCells count="1"><mergeCell ref="J1:XFD1048576"/></mergeCells></worksheet>',
            ),
        )
    elif case == "zip-bomb":
        workbook(good_rows(), tmp_path / target)
        filler = b"<!--" + b" " * (300 * 1024 * 1024) + b"-->"
        _with_sheet_xml(tmp_path / target, lambda xml: xml + filler)
    elif case == "fifo":
        os.mkfifo(tmp_path / target)
    else:
        target = "/dev/zero"
    started = time.monotonic()
    code, _, err = run(
        "import", "rotations", target, "-g", "demo-group", "--charters", "charters",
        "-o", "-", "--lang", "en", cwd=tmp_path,
    )  # fmt: skip
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1
    assert time.monotonic() - started < 30

"""Excel out: a run's report as tables (``groupcheck export``), written as xlsx or CSV.

The tables are the findings, a per-group per-year matrix (the figures the rules recorded:
the four classic yearly rules in columns of their own, every other one in three columns of
its own), the exchanges (each group's record, ``report.GroupRecord``) and the groups (each
folder's own findings counted, as the report attributes them). An xlsx workbook has one sheet
per table, a frozen header row, filters and widths fitting Chinese text; CSV is one file per
table. The exchanges sheet uses the register's headers (``vocabulary.REGISTER_HEADERS``), so
an exported sheet imports again (``groupcheck import rotations``).

openpyxl is imported only inside the functions that need it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from groupcheck.escaping import formula_like, spreadsheet
from groupcheck.messages import Lang, text
from groupcheck.reporters.numbers import percent, share_of
from groupcheck.vocabulary import REGISTER_HEADERS, ROLE

if TYPE_CHECKING:
    from groupcheck.report import Figure, GroupRecord, GroupResult, Report
    from groupcheck.report import HasRecords as RunResult


# ---------------------------------------------------------------------------------------------
# Export tables


Cell = str | int | float | bool | dt.date | Fraction | None


@dataclass(frozen=True)
class Table:
    """One sheet (or CSV file): ``name`` is its id, ``title`` the sheet name shown."""

    name: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    keys: tuple[str, ...] = ()


TABLES = ("findings", "matrix", "exchanges", "groups")
"""The export's tables, in sheet order."""

_COLUMNS: dict[str, tuple[str, ...]] = {
    "findings": (
        "group", "rule", "rule_name", "severity", "year", "file", "line", "message", "waived",
    ),
    "matrix": (
        "group", "group_name", "calendar_year", "academic_year", "judged", "cadres",
        "cadre_names", "teachers", "core_teachers", "teacher_share", "first_year_teachers",
        "first_year_share", "backbone", "backbone_share", "funds_yuan", "funds_other_yuan",
        "funds_threshold", "funds_judged", "funds_met",
    ),
    "exchanges": (
        "group", "person", "staff_no", "role", "backbone", "from", "to", "start", "end", "file",
    ),
    "groups": ("group", "group_name", "status", "errors", "warnings", "waived"),
}  # fmt: skip


def column_title(table: str, column: str, lang: Lang) -> str:
    if table == "exchanges" and column in REGISTER_HEADERS and column != "group":
        # The register's own headers, so an exported sheet imports again as it is.
        return REGISTER_HEADERS[column][0] if lang == "zh" else column
    return text(f"ui.export.{column}", lang)


def tables(result: RunResult, lang: Lang = "en") -> list[Table]:
    """The export's tables for a finished run, with the figures the rules recorded."""
    records = result.records
    entries = {g.file: g for g in result.report.groups}
    groups = sorted(
        ((records[f], entry) for f, entry in entries.items() if f in records),
        key=lambda pair: (pair[0].id, pair[0].folder),
    )
    recorded = _recorded_columns(result.report, lang)
    built = {
        "findings": _findings_rows(result, lang),
        "matrix": _matrix_rows(groups, lang, [rule for rule, _ in recorded]),
        "exchanges": _exchange_rows(groups, lang),
        "groups": _group_rows(result, lang),
    }
    extra = {"matrix": tuple(title for _, titles in recorded for title in titles)}
    return [
        Table(
            name=name,
            title=text(f"ui.export.sheet.{name}", lang),
            columns=tuple(column_title(name, c, lang) for c in _COLUMNS[name])
            + extra.get(name, ()),
            rows=tuple(built[name]),
            keys=_COLUMNS[name] + tuple(f"figure:{t}" for t in extra.get(name, ())),
        )
        for name in TABLES
    ]


_MATRIX_RULES = frozenset({"GC201", "GC203", "GC206", "GC301"})
"""The rules whose figures the matrix's own columns hold; every other rule that records
figures gets columns of its own (``_recorded_columns``)."""


def _recorded_columns(report: Report, lang: Lang) -> list[tuple[str, tuple[str, ...]]]:
    """(rule id, its column titles: found, needed, verdict) for every shown rule that
    recorded figures and has no column of its own: a new yearly rule shows in the matrix."""
    with_figures = {rule for group in report.groups for rule in group.figures}
    columns = []
    for info in report.shown_rules():
        if info.id in with_figures and info.id not in _MATRIX_RULES:
            name = f"{info.id} {info.title_in(lang)}"
            columns.append(
                (
                    info.id,
                    tuple(
                        f"{name}: {text(f'ui.export.figure_{part}', lang)}"
                        for part in ("found", "needed", "verdict")
                    ),
                )
            )
    return columns


def _year_of(label: str) -> int | None:
    """``"2023-2024"`` or ``"2023"`` → 2023, the matrix row's year."""
    return int(label[:4]) if label[:4].isdigit() else None


def _yes(value: bool, lang: Lang) -> str:
    return text("ui.yes" if value else "ui.no", lang)


def _findings_rows(result: RunResult, lang: Lang) -> list[tuple[Cell, ...]]:
    return [
        (
            f.group,
            f.rule,
            f.name,
            text(f"ui.export.severity.{f.severity.value}", lang),
            f.year,
            f.file,
            f.line,
            f.message,
            _yes(f.waived, lang),
        )
        for f in result.report.findings
    ]


def _matrix_rows(
    groups: list[tuple[GroupRecord, GroupResult]], lang: Lang, recorded: list[str]
) -> list[tuple[Cell, ...]]:
    """A row per group and year: the classic rules' figures (GC201's cadres, GC206's teachers
    on exchange under its own count, GC203's first twelve months on the row of the academic
    year holding most of them, GC301's funds), then every other rule's."""
    rows: list[tuple[Cell, ...]] = []
    for group, entry in groups:

        def by_year(
            rule: str, group: GroupRecord = group, entry: GroupResult = entry
        ) -> dict[int | None, Figure]:
            return {_year_of(f.year): f for f in group.figures_of(entry, rule)}

        cadres, rotation, funding = by_year("GC201"), by_year("GC206"), by_year("GC301")
        first = next(iter(group.figures_of(entry, "GC203")), None)
        other = {
            rule: {_year_of(f.year): f for f in entry.figures.get(rule, ())} for rule in recorded
        }
        years = {y for y in (*cadres, *funding) if y is not None}
        years |= {y for by_rule in other.values() for y in by_rule if y is not None}
        for year in sorted(years):
            academic = cadres.get(year)
            rotated = rotation.get(year) if academic is not None else None
            funds = funding.get(year)
            in_first = first is not None and academic is not None and academic.year == first.year
            extra: list[Cell] = []
            for rule in recorded:
                figure = other[rule].get(year)
                extra += (
                    [figure.found, figure.needed, text(f"ui.export.verdict.{figure.verdict}", lang)]
                    if figure is not None
                    else [None, None, None]
                )
            rows.append(
                (
                    group.id,
                    group.name,
                    year,
                    academic.year if academic else None,
                    _yes(academic.judged, lang) if academic else None,
                    academic.found if academic else None,
                    ("、" if lang == "zh" else ", ").join(academic.items) if academic else None,
                    rotated.found if rotated else None,
                    group.core_teachers if academic else None,
                    share_of(rotated.found, rotated.base) if rotated else None,
                    first.found if first is not None and in_first else None,
                    share_of(first.found, first.base) if first is not None and in_first else None,
                    rotated.part if rotated else None,
                    share_of(rotated.part, rotated.found) if rotated else None,
                    funds.found if funds else None,
                    sum(amount for _, amount in funds.others) if funds else None,
                    funds.needed if funds else None,
                    _yes(funds.judged, lang) if funds else None,
                    _yes((funds.found or 0) >= (funds.needed or 0), lang) if funds else None,
                    *extra,
                )
            )
    return rows


def _exchange_rows(
    groups: list[tuple[GroupRecord, GroupResult]], lang: Lang
) -> list[tuple[Cell, ...]]:
    return [
        (
            group.id,
            exchange.person,
            exchange.staff_no,
            ROLE.label(exchange.role, lang),
            _yes(exchange.backbone, lang),
            exchange.source,
            exchange.destination,
            exchange.start,
            exchange.end,
            exchange.file,
        )
        for group, _entry in groups
        for exchange in group.exchanges
    ]


def _group_rows(result: RunResult, lang: Lang) -> list[tuple[Cell, ...]]:
    """A row per group folder, with its own findings counted (as the report attributes them:
    two folders sharing an id each count theirs)."""
    return [
        (g.id, g.name, text(f"ui.{g.status}", lang), g.errors, g.warnings, g.waived)
        for g in result.report.groups
    ]


# ---------------------------------------------------------------------------------------------
# Writing sheets


def display_width(value: str) -> int:
    """Columns a text takes in a spreadsheet: Chinese (wide) characters count twice."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in value)


MAX_WIDTH = 60
YUAN_COLUMNS = frozenset({"funds_yuan", "funds_other_yuan", "funds_threshold"})


def xlsx_bytes(sheets: Sequence[Table]) -> bytes:
    """The workbook: one sheet per table, bold frozen header row, filters, fitted widths."""
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.Workbook()
    for empty in list(workbook.worksheets):
        workbook.remove(empty)
    bold = Font(bold=True)
    for table in sheets:
        sheet = workbook.create_sheet(title=table.title[:31])
        sheet.append(list(table.columns))
        for cell in sheet[1]:
            cell.font = bold
        widths = [display_width(c) for c in table.columns]
        for row in table.rows:
            sheet.append([_xlsx_value(v) for v in row])
            for index, value in enumerate(row):
                widths[index] = max(widths[index], display_width(_shown(value)))
        for index, key in enumerate(table.keys or table.columns):
            for cell in sheet[get_column_letter(index + 1)][1:]:
                if isinstance(cell.value, str):
                    # Text, never a formula (openpyxl stores any "=..." as one); a formula-like
                    # text also gets Excel's quote prefix, so editing the cell keeps it text.
                    cell.data_type = "s"
                    cell.quotePrefix = formula_like(cell.value)
                elif isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
                elif isinstance(table.rows[cell.row - 2][index], Fraction):
                    cell.number_format = "0.0%"
                elif key in YUAN_COLUMNS and isinstance(cell.value, int):
                    cell.number_format = "#,##0"
            sheet.column_dimensions[get_column_letter(index + 1)].width = min(
                widths[index] + 2, MAX_WIDTH
            )
        sheet.freeze_panes = "A2"
        last = get_column_letter(len(table.columns))
        sheet.auto_filter.ref = f"A1:{last}{max(len(table.rows) + 1, 1)}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value: Cell) -> Any:
    if isinstance(value, Fraction):
        return float(value)
    if isinstance(value, str):
        return spreadsheet(value, quote=False)
    return value


def _shown(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, Fraction):
        return percent(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def csv_text(table: Table) -> str:
    """One table as CSV (shares as ``15%``, dates ISO), UTF-8 with a BOM for Excel."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([spreadsheet(_shown(v)) if isinstance(v, str) else _shown(v) for v in row])
    return "\ufeff" + buffer.getvalue()


def csv_paths(output: str) -> dict[str, str]:
    """Where each table goes: the findings in ``output``, the others beside it.

    ``report.csv`` → ``report.csv`` (findings), ``report.matrix.csv``, ``report.exchanges.csv``,
    ``report.groups.csv``.
    """
    stem, suffix = os.path.splitext(output)
    if suffix.lower() != ".csv":
        stem, suffix = output, ".csv"
    return {name: output if name == "findings" else f"{stem}.{name}{suffix}" for name in TABLES}

"""Excel in: rotation registers (交流轮岗名册) to rotation logs (``groupcheck import rotations``).

Most districts keep their registers in Excel, typed by hand, so the reader is forgiving where
a person would be and strict where a guess could be wrong:

* **Headers** are found in the first rows of the sheet (a title row above them is fine) and
  matched in Chinese or English: 姓名/person, 工号/staff_no, 身份/role, 骨干/backbone,
  派出学校/from, 接收学校/to, 开始日期/start, 结束日期/end, and optionally 集团/group (a register
  of several groups: only the rows of the chosen group are read). A note after the name
  (``开始日期（年-月-日）``) is allowed; unknown columns are ignored.
* **Merged cells** (a school name merged down over its rows) count for every row they span.
* **Dates** may be real date cells, Excel serial numbers (``44805``), or text such as
  ``2022-09-01``, ``2022/9/1``, ``2022.9.1``, ``2022年9月1日`` or ``20220901``.
* **Schools** may be given by id or by the name the charter writes; anything else is a bad row.
* Every bad row is reported as ``REGISTER.xlsx:Sheet1:R12: …`` (the row number Excel shows),
  and the caller writes nothing unless every row is good (or it was told to skip bad rows).

The other way (a run's report to a workbook) is ``groupcheck.reporters.spreadsheet``.

openpyxl is imported only inside the functions that need it, so the rest of groupcheck starts
without it.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from groupcheck import yamlsource
from groupcheck.errors import GroupcheckError
from groupcheck.messages import Lang, text
from groupcheck.models import Charter, Exchange, SchoolIndex
from groupcheck.vocabulary import REGISTER_HEADERS, ROLE

# ---------------------------------------------------------------------------------------------
# Reading a register

HEADERS = REGISTER_HEADERS
"""Accepted header texts per field (``vocabulary.REGISTER_HEADERS``)."""

REQUIRED = ("person", "role", "from", "to", "start", "end")
HEADER_SEARCH_ROWS = 10
"""The header row is looked for in the first rows (a register often has a title row above)."""

TRUE_WORDS = {"是", "y", "yes", "true", "1", "√", "✓", "骨干", "骨干教师"}
FALSE_WORDS = {"否", "n", "no", "false", "0", "×", "✗", "非骨干", "-", "—"}

_DATE_TEXT = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_EXCEL_1900 = dt.date(1899, 12, 30)
_EXCEL_1904 = dt.date(1904, 1, 1)


class RegisterError(GroupcheckError):
    """The register as a whole cannot be read (no such file or sheet, no header row)."""


@dataclass(frozen=True)
class BadRow:
    """One rejected row: ``where`` is ``REGISTER.xlsx:Sheet1:R12``."""

    where: str
    row: int
    problems: tuple[str, ...]

    def line(self, lang: Lang = "en") -> str:
        return f"{self.where}: {('；' if lang == 'zh' else '; ').join(self.problems)}"


@dataclass
class Imported:
    """What a register gave: the good exchanges in row order, and the bad rows."""

    sheet: str
    exchanges: list[Exchange] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)
    other_groups: int = 0


def _normal(header: Any) -> str:
    if header is None:
        return ""
    value = str(header).strip().lower()
    value = re.split(r"[（(\[【]", value, maxsplit=1)[0]
    return re.sub(r"[\s_]+", "", value)


_LOOKUP = {_normal(name): key for key, names in HEADERS.items() for name in names}


def _header_map(row: Sequence[Any]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        key = _LOOKUP.get(_normal(cell))
        if key is not None and key not in found:
            found[key] = index
    return found


def open_workbook(path: str) -> Any:
    """The openpyxl workbook of ``path`` (cached values, not formulas), for ``read_register``.

    Raises ``RegisterError`` when it is missing or not an .xlsx workbook.
    """
    return _grid(path)[1]


def _grid(path: str) -> tuple[Any, Any]:
    """The openpyxl module and the workbook of ``path`` (values, not formulas)."""
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise RegisterError(f"openpyxl is not installed: {exc}") from None
    if not os.path.lexists(path):
        raise RegisterError(f"{path}: no such file")
    try:
        data = yamlsource.read_bytes(path)  # a regular file within 32 MiB, never a FIFO
    except yamlsource.SourceProblem as problem:
        raise RegisterError(f"{path}: cannot read it: {yamlsource.file_problem(problem)}") from None
    _check_size(path, data)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except MemoryError:
        raise RegisterError(f"{path}: the workbook is too large to read") from None
    except Exception as exc:  # zipfile.BadZipFile, InvalidFileException, KeyError...
        raise RegisterError(f"{path}: not an Excel .xlsx workbook ({exc})") from None
    for sheet in workbook.worksheets:
        if sheet.max_row * sheet.max_column > MAX_CELLS:
            raise RegisterError(
                f"{path}: sheet {sheet.title} spans {sheet.max_row} rows by "
                f"{sheet.max_column} columns, over the {MAX_CELLS:,}-cell limit"
            )
    return openpyxl, workbook


MAX_UNZIPPED = 256 * 1024 * 1024
"""The workbook's parts, uncompressed, at most (a 1.5 MB zip can hold a 1.5 GB string)."""
MAX_CELLS = 2_000_000
"""Cells a sheet's used range, or its merged ranges together, may cover: a register of 10,000
exchanges is 200,000; one cell at XFD1048576 would make openpyxl fill 17 billion."""
_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*ref="([A-Z]+)([0-9]+):([A-Z]+)([0-9]+)"')


def _check_size(path: str, data: bytes) -> None:
    """Refuse a zip bomb and merged ranges over the sheet before openpyxl builds anything."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return  # openpyxl says what it is not
    with archive:
        members = archive.infolist()
        if sum(member.file_size for member in members) > MAX_UNZIPPED:
            raise RegisterError(
                f"{path}: the workbook unpacks to more than {MAX_UNZIPPED // 2**20} MB; refused"
            )
        for member in members:
            if not member.filename.startswith("xl/worksheets/"):
                continue
            covered = 0
            for match in _MERGE_REF.finditer(archive.read(member)):
                first_col, first_row, last_col, last_row = match.groups()
                rows = int(last_row) - int(first_row) + 1
                columns = _column_number(last_col) - _column_number(first_col) + 1
                covered += max(rows, 1) * max(columns, 1)
            if covered > MAX_CELLS:
                raise RegisterError(
                    f"{path}: merged cells cover {covered:,} cells, over the "
                    f"{MAX_CELLS:,}-cell limit"
                )


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


def _rows(sheet: Any) -> list[list[Any]]:
    """The sheet's values, with merged ranges filled from their top-left cell."""
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    for merged in sheet.merged_cells.ranges:
        value = sheet.cell(row=merged.min_row, column=merged.min_col).value
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                if r - 1 < len(rows):
                    line = rows[r - 1]
                    while len(line) < c:
                        line.append(None)
                    line[c - 1] = value
    return rows


def _find_header(rows: list[list[Any]]) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns = _header_map(row)
        if "person" in columns and ("from" in columns or "to" in columns):
            return index, columns
    return None


def read_register(
    path: str,
    charter: Charter,
    *,
    sheet: str | None = None,
    lang: Lang = "en",
    shown_as: str | None = None,
    workbook: Any = None,
) -> Imported:
    """Read the rotation register ``path`` for the group of ``charter``.

    ``sheet`` names the sheet; without it the first sheet with a register's headers is read.
    ``shown_as`` is how ``path`` is written in row locations (default: as given);
    ``workbook`` an already opened ``open_workbook(path)`` to read again.
    Raises ``RegisterError`` when the file, the sheet or the header row cannot be found.
    """
    if workbook is None:
        workbook = open_workbook(path)
    shown = shown_as or path
    names = list(workbook.sheetnames)
    if sheet is not None:
        if sheet not in names:
            raise RegisterError(
                text("import.no_sheet", lang, file=shown, sheet=sheet, sheets=names)
            )
        candidates = [sheet]
    else:  # a hidden sheet (an old copy, a lookup table) is read only when named
        candidates = [name for name in names if workbook[name].sheet_state == "visible"]
    chosen: tuple[str, list[list[Any]], int, dict[str, int]] | None = None
    for name in candidates:
        rows = _rows(workbook[name])
        header = _find_header(rows)
        if header is not None:
            chosen = (name, rows, header[0], header[1])
            break
    if chosen is None:
        raise RegisterError(
            text(
                "import.no_header",
                lang,
                file=shown if sheet is None else f"{shown}:{sheet}",
                columns=[HEADERS[k][0] + "/" + HEADERS[k][-1] for k in REQUIRED],
            )
        )
    name, rows, header_index, columns = chosen
    missing = [k for k in REQUIRED if k not in columns]
    if missing:
        raise RegisterError(
            text(
                "import.missing_columns",
                lang,
                file=f"{shown}:{name}",
                row=header_index + 1,
                columns=[HEADERS[k][0] + "/" + HEADERS[k][-1] for k in missing],
            )
        )
    header_row = rows[header_index]
    labels = {key: str(header_row[index]).strip() for key, index in columns.items()}
    epoch = _EXCEL_1904 if getattr(workbook, "epoch", None) == _epoch_1904() else _EXCEL_1900
    schools = SchoolIndex(charter)
    result = Imported(sheet=name)
    for offset, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        values = {key: (row[i] if i < len(row) else None) for key, i in columns.items()}
        if all(_blank(v) for k, v in values.items() if k != "group"):
            continue
        written_group = values.get("group")
        if not _blank(written_group) and str(written_group).strip() not in (
            charter.id,
            charter.name,
        ):
            result.other_groups += 1
            continue
        exchange, problems = _exchange(values, labels, schools, epoch, charter, lang)
        if problems:
            result.bad.append(BadRow(f"{shown}:{name}:R{offset}", offset, tuple(problems)))
        elif exchange is not None:
            result.exchanges.append(exchange)
    return result


def _epoch_1904() -> Any:
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    return CALENDAR_MAC_1904


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _exchange(
    values: dict[str, Any],
    labels: dict[str, str],
    schools: SchoolIndex,
    epoch: dt.date,
    charter: Charter,
    lang: Lang,
) -> tuple[Exchange | None, list[str]]:
    problems: list[str] = []
    data: dict[str, Any] = {}

    def missing(key: str) -> bool:
        if _blank(values.get(key)):
            problems.append(text("import.missing_value", lang, column=labels[key]))
            return True
        return False

    if not missing("person"):
        data["person"] = _text(values["person"])
    if "staff_no" in values and not _blank(values["staff_no"]):
        data["staff_no"] = _staff_no(values["staff_no"])
    if not missing("role"):
        role = ROLE.find(_text(values["role"]), fold_case=True)
        if role is None:
            problems.append(
                text("import.bad_role", lang, column=labels["role"], value=_text(values["role"]))
            )
        else:
            data["role"] = role
    if "backbone" in values:
        flag = _flag(values["backbone"])
        if flag is None:
            problems.append(
                text(
                    "import.bad_backbone",
                    lang,
                    column=labels["backbone"],
                    value=_text(values["backbone"]),
                )
            )
        else:
            data["backbone"] = flag
    for key in ("from", "to"):
        if missing(key):
            continue
        given = _text(values[key])
        school, candidates = schools.resolve(given)
        if school is not None:
            data[key] = school
        elif candidates:
            problems.append(
                text(
                    "import.ambiguous_school", lang, column=labels[key], value=given, ids=candidates
                )
            )
        else:
            problems.append(
                text(
                    "import.unknown_school", lang, column=labels[key], value=given, group=charter.id
                )
            )
    for key in ("start", "end"):
        if missing(key):
            continue
        day = parse_date(values[key], epoch)
        if day is None:
            problems.append(
                text("import.bad_date", lang, column=labels[key], value=_text(values[key]))
            )
        else:
            data[key] = day
    if problems:
        return None, problems
    try:
        return Exchange.model_validate(data), []
    except ValidationError as exc:
        for error in exc.errors():
            key = str(error["loc"][0]) if error["loc"] else "person"
            column = labels.get("from" if key == "from_" else key, key)
            problems.append(text("import.bad_value", lang, column=column, detail=error["msg"]))
        return None, problems


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _staff_no(value: Any) -> str:
    """A staff number cell as text: ``2015031`` (a number cell) → ``"2015031"``."""
    return _text(value)


def _flag(value: Any) -> bool | None:
    if _blank(value):
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return {1: True, 0: False}.get(int(value)) if float(value).is_integer() else None
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def parse_date(value: Any, epoch: dt.date = _EXCEL_1900) -> dt.date | None:
    """A register's date cell: a date, an Excel serial number, or text in the usual forms."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return _serial(float(value), epoch)
    if not isinstance(value, str):
        return None
    written = value.strip()
    match = _DATE_TEXT.fullmatch(written)
    if match is None and re.fullmatch(r"\d{8}", written):
        match = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", written)
    if match is not None:
        try:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return None
    if re.fullmatch(r"\d{5}(\.0+)?", written):
        return _serial(float(written), epoch)
    return None


def _serial(number: float, epoch: dt.date) -> dt.date | None:
    """Excel's day number (1900 system: 1 is 1900-01-01, counting the phantom 1900-02-29)."""
    if not number.is_integer() or not 1 <= number <= 2_958_465:
        return None
    if epoch == _EXCEL_1900 and number < 61:
        return dt.date(1899, 12, 31) + dt.timedelta(days=int(number))
    return epoch + dt.timedelta(days=int(number))


def to_serial(day: dt.date) -> int:
    """The Excel (1900 system) serial number of ``day``: the inverse of ``parse_date``."""
    return (day - _EXCEL_1900).days


# ---------------------------------------------------------------------------------------------
# Writing a rotation log


def rotation_log_yaml(
    group_id: str,
    exchanges: Iterable[Exchange],
    *,
    source: str,
    schema_path: str | None = None,
) -> str:
    """A ``rotations.yaml`` for ``exchanges``, in the layout the bundled logs use."""
    from groupcheck.scaffold import yaml_scalar

    lines: list[str] = []
    if schema_path is not None:
        lines.append(f"# yaml-language-server: $schema={schema_path}")
    lines.append(f"# Imported by groupcheck import rotations from {source}.")
    lines.append(f"group: {group_id}")
    entries = list(exchanges)
    if not entries:
        lines.append("exchanges: []")
    else:
        lines.append("exchanges:")
    for exchange in entries:
        lines.append(f"  - person: {yaml_scalar(exchange.person)}")
        if exchange.staff_no is not None:
            lines.append(f"    staff_no: {yaml_scalar(exchange.staff_no, always_quote=True)}")
        lines.append(f"    role: {exchange.role.value}")
        if exchange.backbone:
            lines.append("    backbone: true")
        lines.append(f"    from: {exchange.from_}")
        lines.append(f"    to: {exchange.to}")
        lines.append(f"    start: {exchange.start.isoformat()}")
        lines.append(f"    end: {exchange.end.isoformat()}")
    return "\n".join(lines) + "\n"

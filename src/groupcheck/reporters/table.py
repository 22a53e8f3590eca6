"""``--format table``: a Rich table of groups, then the findings by file, then a summary.

Colour only on a terminal; in a pipe the same text, plain, with no line wrapped. Without
colour, the text is written here (``plain``), as Rich would draw it, byte for byte, without
loading Rich's console (a fifth of a one-group run's start-up: docs/performance.md); what
Rich would draw otherwise than this writer (markup or emoji codes in a header, a control
character, a table wider than the page …) is drawn by Rich.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from rich.cells import cell_len, set_cell_size

from groupcheck.escaping import terminal
from groupcheck.findings import Finding, Severity
from groupcheck.messages import Lang, text
from groupcheck.report import FAMILIES, GroupResult, Report, Reportable, report_of

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

MARKS = {"pass": "✓", "fail": "✗", "waived": "W", "skip": "–", "unchecked": "?"}
STYLES = {
    "pass": "green",
    "fail": "bold red",
    "waived": "yellow",
    "skip": "dim",
    "unchecked": "yellow",
}
SEVERITY_STYLES = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def render(
    result: Reportable,
    *,
    lang: Lang = "en",
    color: bool = False,
    width: int | None = None,
    **_: Any,
) -> str:
    report = report_of(result)
    if not color:
        drawn = plain(report, lang, width or 120)
        if drawn is not None:
            return drawn
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width or 120,
        force_terminal=color,
        color_system="auto" if color else None,
        no_color=not color,
        highlight=False,
        soft_wrap=False,
    )
    write(console, report, lang)
    return buffer.getvalue()


def family_status(statuses: Mapping[str, str], family_prefix: str) -> str:
    """A family's mark: fail if any of its rules fails, then not checked (a rule on that made
    no verdict), waived, pass, and skip last."""
    mine = [s for rule, s in statuses.items() if rule.startswith(family_prefix)]
    for status in ("fail", "unchecked", "waived", "pass"):
        if status in mine:
            return status
    return "skip"


def write(console: Console, report: Report, lang: Lang) -> None:
    from rich.text import Text

    console.print(
        text("ui.title", lang, version=report.tool.version, as_of=report.as_of), style="bold"
    )
    if not report.groups:
        console.print(text("ui.no_groups", lang))
    else:
        console.print(_groups_table(report, lang, console.width))
        for line in not_checked_lines(report, lang):
            console.print(Text(line, style="yellow"), soft_wrap=True)
    _findings_by_file(console, report.findings, lang)
    console.print(_summary(report, lang), soft_wrap=True)


def marked_statuses(group: GroupResult) -> dict[str, str]:
    """A group's rule statuses as the table marks them: a rule that is on but made no verdict
    (``GroupResult.skipped``) is ``unchecked`` (?), not off (–)."""
    return {
        rule_id: "unchecked" if rule_id in group.skipped else status
        for rule_id, status in group.rules.items()
    }


def not_checked_lines(report: Report, lang: Lang) -> list[str]:
    """A line per group with rules that made no verdict, and why: 未检查（名册无法读取）."""
    lines = []
    for group in report.groups:
        by_reason: dict[str, list[str]] = defaultdict(list)
        for rule_id, why in group.skipped.items():
            by_reason[why].append(rule_id)
        for reason, rule_ids in sorted(by_reason.items()):
            lines.append(
                text(
                    "ui.not_checked",
                    lang,
                    group=group.id,
                    rules=", ".join(sorted(rule_ids)),
                    reason=text(f"ui.skip_reason.{reason}", lang),
                )
            )
    return lines


def rule_columns(report: Report) -> list[str]:
    """The rules that get a column of their own: every enabled rule with a check function."""
    return [info.id for info in report.rules.values() if info.checks and info.enabled]


def per_rule_fits(report: Report, width: int) -> bool:
    """Whether a column per rule fits ``width``; otherwise the table shows one per family."""
    longest = max((len(g.id) for g in report.groups), default=5)
    # group id, name (at most 20), model (at most 11), members, the Load family, then one
    # 5-character rule id per column; each column adds 3 characters of borders and padding.
    needed = (longest + 3) + (20 + 3) + (11 + 3) + (7 + 3) + (4 + 3)
    return width >= needed + 8 * len(rule_columns(report)) + 1


class Column(NamedTuple):  # named tuples, not dataclasses: cheaper to define at start-up
    header: str
    width: int
    justify: str = "left"


class Layout(NamedTuple):
    """The groups table as both writers draw it: its columns, and per row its cells, each
    (text, status); a status (the mark's) styles the cell, and the members cell alone is a
    string Rich reads as markup (the others are ``Text``)."""

    columns: list[Column]
    rows: list[list[tuple[str, str | None]]]


MEMBERS = 3
"""The index of the members column, the one cell Rich reads as markup."""


def layout(report: Report, lang: Lang, width: int) -> Layout:
    """A row per group: id, name, model, members and a ✓/✗/W mark per rule, or per family
    when the terminal is narrow.

    Where the width allows, the id, model, members and every mark keep their full width and
    the group's name takes what is left, up to 20 cells.
    """
    per_rule = per_rule_fits(report, width)
    columns: list[tuple[str, str]]  # (rule id or family prefix, header)
    if per_rule:
        columns = [("GC0", text("ui.family.load", lang))]
        columns += [(rule_id, rule_id) for rule_id in rule_columns(report)]
    else:
        columns = [(prefix, text(f"ui.family.{name}", lang)) for prefix, name in FAMILIES.items()]
    models = [text(f"ui.model.{g.model}", lang) if g.model else "–" for g in report.groups]
    id_width = cell_len(text("ui.group", lang))
    model_width = max([cell_len(text("ui.model", lang)), 1] + [cell_len(m) for m in models])
    members_width = cell_len(text("ui.members", lang))
    # Under --rules by-jurisdiction with more than one pack in use, each group's pack name
    # follows its id (``jinan-1 [jinan-shizhong]``): which rules its marks are judged by.
    several = len(report.packs_in_use()) > 1  # once: it reads every group
    ids = [terminal(f"{g.id} [{g.pack}]" if several else g.id) for g in report.groups]
    id_width = max([id_width] + [cell_len(i) for i in ids])
    mark_widths = [max(cell_len(header), 1) for _key, header in columns]
    name_width, id_width, model_width = _allocate(
        width, id_width, model_width, members_width, mark_widths
    )
    table = [
        Column(text("ui.group", lang), id_width),
        Column(text("ui.name", lang), name_width),
        Column(text("ui.model", lang), model_width),
        Column(text("ui.members", lang), members_width, "right"),
    ]
    table += [
        Column(header, least, "center")
        for (_key, header), least in zip(columns, mark_widths, strict=True)
    ]
    rows: list[list[tuple[str, str | None]]] = []
    for group, model, shown_id in zip(report.groups, models, ids, strict=True):
        members = str(group.members) if group.members is not None else "–"
        cells: list[tuple[str, str | None]] = [(shown_id, None), (terminal(group.name or ""), None)]
        cells += [(terminal(model), None), (members, None)]
        statuses = marked_statuses(group)
        for key, _header in columns:
            status = statuses.get(key, "skip") if len(key) == 5 else family_status(statuses, key)
            cells.append((MARKS[status], status))
        rows.append(cells)
    return Layout(table, rows)


def _groups_table(report: Report, lang: Lang, width: int) -> Table:
    """The groups table (``layout``) as a Rich table."""
    from rich.table import Table
    from rich.text import Text

    drawn = layout(report, lang, width)
    table = Table(show_lines=False, header_style="bold")
    for index, column in enumerate(drawn.columns):
        options: dict[str, Any] = {"justify": column.justify} if column.justify != "left" else {}
        overflow: dict[str, Any] = {} if index == MEMBERS else {"overflow": "ellipsis"}
        table.add_column(column.header, no_wrap=True, width=column.width, **options, **overflow)
    for row in drawn.rows:
        cells: list[Text | str] = [
            value if index == MEMBERS else Text(value, style=STYLES[status] if status else "")
            for index, (value, status) in enumerate(row)
        ]
        table.add_row(*cells)
    return table


def _allocate(
    width: int, id_width: int, model_width: int, members_width: int, mark_widths: list[int]
) -> tuple[int, int, int]:
    """Column widths that fit ``width``: (name, id, model); ``mark_widths`` shrink in place.

    The name takes what the others leave, up to 20 cells. When that is under 8, the model is
    cut first ("trustee…"), then the mark columns' headers ("Govern…", never below 3 cells, so
    the mark stays), then the id (never below 12).
    """
    columns = 4 + len(mark_widths)
    room = width - (3 * columns + 1)
    name = room - id_width - model_width - members_width - sum(mark_widths)
    if name < 8:
        cut = min(model_width - 5, 8 - name) if model_width > 5 else 0
        model_width -= cut
        name += cut
    while name < 8 and any(w > 3 for w in mark_widths):
        widest = max(range(len(mark_widths)), key=lambda i: mark_widths[i])
        mark_widths[widest] -= 1
        name += 1
    if name < 8 and id_width > 12:
        cut = min(id_width - 12, 8 - name)
        id_width -= cut
        name += cut
    return max(4, min(20, name)), id_width, model_width


def _findings_by_file(console: Console, findings: list[Finding], lang: Lang) -> None:
    from rich.text import Text

    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_file[finding.file or ""].append(finding)
    for file in sorted(by_file):
        console.print()
        console.print(Text(terminal(file) or "(run)", style="bold underline"), soft_wrap=True)
        for finding in by_file[file]:
            console.print(_finding_line(finding, lang), soft_wrap=True)


def _finding_line(finding: Finding, lang: Lang = "en") -> Text:
    from rich.text import Text

    line = Text()
    for part, style in finding_parts(finding, lang):
        line.append(part, style=style)
    return line


def finding_parts(finding: Finding, lang: Lang = "en") -> list[tuple[str, str]]:
    """A finding's line as (text, style) parts: where, rule, year, message and its note."""
    where = terminal(finding.file or "")
    if finding.line is not None:  # no ":0:0" for a finding of a whole file or folder
        where += f":{finding.line}" + (f":{finding.column}" if finding.column is not None else "")
    rule_style = "dim" if finding.known else SEVERITY_STYLES[finding.severity]
    parts = [("  ", ""), (where, "cyan"), ("  ", ""), (finding.rule, rule_style), ("  ", "")]
    if finding.year:
        parts.append((f"{terminal(finding.year)}: ", ""))
    parts.append((terminal(finding.message), ""))
    if finding.waived:
        hint = text("ui.waived_hint", lang)
        parts.append((f"  [{hint}: {terminal(finding.waiver_reason or '')}]", "yellow"))
    elif finding.known:  # in the --baseline file: listed, failing nothing
        parts.append((f"  [{text('ui.ci.known', lang)}]", "dim"))
    elif finding.severity is not Severity.ERROR:
        severity = text(f"ui.export.severity.{finding.severity.value}", lang)
        parts.append((f"  ({severity})", "dim"))
    return parts


def _summary(report: Report, lang: Lang) -> Text:
    from rich.text import Text

    summary = report.summary
    failed = report.failed()
    line = Text(summary.line(lang), style="bold red" if failed else "bold green")
    return Text("\n").append_text(line)


BOX = ("┏━┳┓", "┃┃┃", "┡━╇┩", "│││", "└─┴┘")
"""Rich's ``box.HEAVY_HEAD``, the table's default: top, header row, under the header, body
row, bottom (left, line or cell, divider, right)."""

_EMOJI_CODE = re.compile(r":\S*:")


def plain(report: Report, lang: Lang, width: int) -> str | None:
    """``write``'s text without colour, as Rich draws it with ``width``; None where this
    writer might differ from Rich (then Rich draws it): a control character anywhere (Rich
    drops some, expands tabs), markup or an emoji code in text Rich reads as markup, a line
    it would wrap, a table wider than ``width``. tests/test_table_plain.py compares both."""
    lines = []
    title = text("ui.title", lang, version=report.tool.version, as_of=report.as_of)
    if not _as_markup(title, width):
        return None
    lines.append(title)
    if not report.groups:
        if not _as_markup(text("ui.no_groups", lang), width):
            return None
        lines.append(text("ui.no_groups", lang))
    else:
        table = _plain_table(layout(report, lang, width), width)
        if table is None:
            return None
        lines += table
        lines += not_checked_lines(report, lang)
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_file[finding.file or ""].append(finding)
    for file in sorted(by_file):
        lines.append("")
        lines.append(terminal(file) or "(run)")
        lines += ["".join(part for part, _style in finding_parts(f, lang)) for f in by_file[file]]
    lines += ["", report.summary.line(lang)]
    drawn = "\n".join(lines) + "\n"
    return drawn if _printable(drawn.replace("\n", "")) else None


def _plain_table(drawn: Layout, width: int) -> list[str] | None:
    widths = [column.width for column in drawn.columns]
    if sum(widths) + 3 * len(widths) + 1 > width or min(widths) < 1:
        return None  # Rich would shrink the columns its own way
    if any(not _as_markup(column.header, width) for column in drawn.columns):
        return None
    if any(not _as_markup(row[MEMBERS][0], width) for row in drawn.rows):
        return None

    def rule(box: str, line: str) -> str:
        left, divider, right = box[0], box[2], box[3]
        return left + divider.join(line * (w + 2) for w in widths) + right

    def row(box: str, cells: list[str]) -> str:
        left, divider, right = box[0], box[1], box[2]
        fitted = [
            " " + _fit(cell, column.width, column.justify) + " "
            for cell, column in zip(cells, drawn.columns, strict=True)
        ]
        return left + divider.join(fitted) + right

    top, head, under, body, bottom = BOX
    lines = [rule(top, top[1]), row(head, [c.header for c in drawn.columns])]
    lines.append(rule(under, under[1]))
    lines += [row(body, [value for value, _status in cells]) for cells in drawn.rows]
    lines.append(rule(bottom, bottom[1]))
    return lines


def _fit(value: str, width: int, justify: str) -> str:
    """``value`` in a cell ``width`` wide, as Rich's ``Lines.justify`` and ``Text.truncate``
    put it (no wrapping, an ellipsis where it is cut)."""
    if justify != "left":
        value = value.rstrip()
    if cell_len(value) > width:
        value = set_cell_size(value, width - 1) + "…"
    room = width - cell_len(value)
    if justify == "center":
        return " " * (room // 2) + value + " " * (room - room // 2)
    if justify == "right":
        return " " * room + value
    return value + " " * room


def _as_markup(value: str, width: int) -> bool:
    """Whether Rich, reading ``value`` as markup and wrapping it at ``width``, prints it as
    it is: no ``[``, no emoji code (``:smile:``), nothing to wrap, nothing it would drop."""
    return (
        "[" not in value
        and _EMOJI_CODE.search(value) is None
        and cell_len(value) <= width
        and _printable(value)
    )


def _printable(value: str) -> bool:
    """No control character (C0, DEL, C1): Rich drops some and expands tabs."""
    return not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in value)

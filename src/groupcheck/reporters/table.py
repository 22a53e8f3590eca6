"""``--format table``: a Rich table of groups, then the findings by file, then a summary.

Colour only on a terminal; in a pipe the same text, plain, with no line wrapped.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from groupcheck.escaping import terminal
from groupcheck.findings import Finding, Severity
from groupcheck.messages import Lang, text
from groupcheck.report import FAMILIES, GroupResult, Report, Reportable, report_of

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
    write(console, report_of(result), lang)
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


def _groups_table(report: Report, lang: Lang, width: int) -> Table:
    """A row per group: id, name, model, members and a ✓/✗/W mark per rule, or per family
    when the terminal is narrow.

    Where the width allows, the id, model, members and every mark keep their full width and
    the group's name takes what is left, up to 20 cells.
    """
    table = Table(show_lines=False, header_style="bold")
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
    ids = [terminal(_with_pack(g.id, g.pack, report)) for g in report.groups]
    id_width = max([id_width] + [cell_len(i) for i in ids])
    mark_widths = [max(cell_len(header), 1) for _key, header in columns]
    name_width, id_width, model_width = _allocate(
        width, id_width, model_width, members_width, mark_widths
    )
    table.add_column(text("ui.group", lang), no_wrap=True, overflow="ellipsis", width=id_width)
    table.add_column(text("ui.name", lang), no_wrap=True, overflow="ellipsis", width=name_width)
    table.add_column(text("ui.model", lang), no_wrap=True, overflow="ellipsis", width=model_width)
    table.add_column(text("ui.members", lang), justify="right", no_wrap=True, width=members_width)
    for (_key, header), least in zip(columns, mark_widths, strict=True):
        table.add_column(header, justify="center", no_wrap=True, overflow="ellipsis", width=least)
    for group, model, shown_id in zip(report.groups, models, ids, strict=True):
        members = str(group.members) if group.members is not None else "–"
        cells: list[Text | str] = [Text(shown_id), Text(terminal(group.name or ""))]
        cells += [Text(terminal(model)), members]
        statuses = marked_statuses(group)
        for key, _header in columns:
            status = statuses.get(key, "skip") if len(key) == 5 else family_status(statuses, key)
            cells.append(Text(MARKS[status], style=STYLES[status]))
        table.add_row(*cells)
    return table


def _with_pack(group_id: str, pack: str, report: Report) -> str:
    return f"{group_id} [{pack}]" if len(report.packs_in_use()) > 1 else group_id


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
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_file[finding.file or ""].append(finding)
    for file in sorted(by_file):
        console.print()
        console.print(Text(terminal(file) or "(run)", style="bold underline"), soft_wrap=True)
        for finding in by_file[file]:
            console.print(_finding_line(finding, lang), soft_wrap=True)


def _finding_line(finding: Finding, lang: Lang = "en") -> Text:
    where = terminal(finding.file or "")
    if finding.line is not None:  # no ":0:0" for a finding of a whole file or folder
        where += f":{finding.line}" + (f":{finding.column}" if finding.column is not None else "")
    line = Text("  ")
    line.append(where, style="cyan")
    line.append("  ")
    line.append(finding.rule, style="dim" if finding.known else SEVERITY_STYLES[finding.severity])
    line.append("  ")
    if finding.year:
        line.append(f"{terminal(finding.year)}: ")
    line.append(terminal(finding.message))
    if finding.waived:
        hint = text("ui.waived_hint", lang)
        line.append(f"  [{hint}: {terminal(finding.waiver_reason or '')}]", style="yellow")
    elif finding.known:  # in the --baseline file: listed, failing nothing
        line.append(f"  [{text('ui.ci.known', lang)}]", style="dim")
    elif finding.severity is not Severity.ERROR:
        severity = text(f"ui.export.severity.{finding.severity.value}", lang)
        line.append(f"  ({severity})", style="dim")
    return line


def _summary(report: Report, lang: Lang) -> Text:
    summary = report.summary
    failed = report.failed()
    line = Text(summary.line(lang), style="bold red" if failed else "bold green")
    return Text("\n").append_text(line)

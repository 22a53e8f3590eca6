"""The rule catalog rendered for people: ``docs/rules.md``, ``groupcheck rules`` and
``groupcheck explain``, from the rule registry and a policy pack.

The CLI's ``rules`` and ``explain`` commands print these; ``docs/rules.md`` is ``groupcheck
rules --format markdown`` written to a file (a test fails when it is stale: regenerate it
with ``groupcheck rules --format markdown -o docs/rules.md``).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from groupcheck.escaping import keeping_lines, terminal
from groupcheck.messages import Lang, text

if TYPE_CHECKING:
    from groupcheck.policy import Pack
    from groupcheck.registry import Params, RuleSpec


def registry() -> dict[str, RuleSpec]:
    """The rule registry. The engine (and pydantic, Rich) load when a command runs, not when
    the CLI starts: every command, ``groupcheck --version`` included, imports this module."""
    from groupcheck.engine import registry as the_registry

    return the_registry()


def format_params(params: Params) -> str:
    """``min_cadres=2, count=active``; lists joined with ``|``; ``–`` when there are none."""
    shown = []
    for name, value in params.model_dump(mode="json").items():
        if isinstance(value, list):
            value = "|".join(str(v) for v in value)
        elif isinstance(value, bool):
            value = "true" if value else "false"
        shown.append(f"{name}={value}")
    return ", ".join(shown) if shown else "–"


def source_of(spec: RuleSpec, pack: Pack) -> str:
    """What the pack cites for the rule, else the rule's own citation."""
    entry = pack.rules.get(spec.id)
    if entry is not None and entry.source is not None:
        return entry.source.text()
    return spec.doc.source


def _row(spec: RuleSpec, pack: Pack, lang: Lang) -> tuple[str, str, str, str, str]:
    entry = pack.rules.get(spec.id)
    enabled = entry.enabled if entry else spec.enabled
    severity = (entry.severity if entry else spec.severity).value
    params = entry.params if entry else spec.params()
    shown_severity = severity if enabled else f"{text('ui.rules.off', lang)} ({severity})"
    return spec.id, spec.name, shown_severity, format_params(params), source_of(spec, pack)


def catalog_table(pack: Pack, lang: Lang, *, color: bool, width: int) -> str:
    """The catalog as a Rich table (plain text in a pipe)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        color_system="auto" if color else None,
        no_color=not color,
        highlight=False,
    )
    console.print(
        text(
            "ui.rules.title",
            lang,
            pack=pack.name,
            version=pack.version,
            description=terminal(pack.description),
        ),
        soft_wrap=True,
        markup=False,
    )
    chain = " ← ".join(terminal(file) for file in pack.chain)
    console.print(text("ui.rules.file", lang, file=chain), soft_wrap=True, markup=False)
    table = Table(header_style="bold", show_lines=False)
    for key in ("id", "name", "severity", "parameters", "source"):
        table.add_column(text(f"ui.rules.{key}", lang), overflow="fold")
    for spec in registry().values():
        table.add_row(*(Text(terminal(cell)) for cell in _row(spec, pack, lang)))
    console.print(table)
    return buffer.getvalue()


def find_rule(name: str) -> RuleSpec | None:
    """A rule by id (``GC201``, ``gc201``) or by name (``cadre-exchange-minimum``)."""
    specs = registry()
    found = specs.get(name.strip().upper())
    if found is not None:
        return found
    return next((s for s in specs.values() if s.name == name.strip().lower()), None)


def explain_text(spec: RuleSpec, pack: Pack, lang: Lang) -> str:
    """One rule in the fixed sections, as plain text."""
    doc = spec.doc
    entry = pack.rules.get(spec.id)
    summary = doc.summary_zh if lang == "zh" and doc.summary_zh else doc.summary
    lines = [f"{spec.id} {spec.name}: {summary}"]
    if spec.check is not None:
        enabled = entry.enabled if entry else spec.enabled
        severity = (entry.severity if entry else spec.severity).value
        waivable = entry.waivable if entry else spec.waivable
        lines.append(
            text(
                "ui.explain.status",
                lang,
                pack=pack.name,
                state=text("ui.explain.enabled" if enabled else "ui.explain.disabled", lang),
                severity=severity,
                waivable=text("ui.yes" if waivable else "ui.no", lang),
            )
        )

    def section(key: str, body: str) -> None:
        if body:
            lines.extend(["", text(f"ui.explain.{key}", lang), _indent(body)])

    section("what", doc.what)
    section("why", doc.why)
    section("policy_zh", doc.policy_zh)
    section("policy_en", doc.policy_en)
    section("source", doc.source)
    if entry is not None and entry.source is not None and entry.source.text() != doc.source:
        section("pack_source", entry.source.text())
    section("basis", _basis(pack, spec.id).replace("`", ""))
    section("how", doc.how)
    params = entry.params if entry else spec.params()
    section("parameters", _params_lines(params) or text("ui.explain.none", lang))
    section("passes", doc.passes)
    section("fails", doc.fails)
    section("remediation", doc.remediation_for(lang, params))
    return keeping_lines("\n".join(lines)) + "\n"


def _params_lines(params: Params) -> str:
    lines = []
    for name, value in params.model_dump(mode="json").items():
        shown = ", ".join(map(str, value)) if isinstance(value, list) else value
        if isinstance(value, bool):
            shown = "true" if value else "false"
        lines.append(f"{name}: {shown}")
    return "\n".join(lines)


def _indent(body: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in body.splitlines())


# ---------------------------------------------------------------------------------------------
# docs/rules.md

_DOC_HEAD = """\
<!-- Generated by `groupcheck rules --format markdown -o docs/rules.md` from the rule registry
     and rules/{pack_file}. Do not edit by hand: tests/test_rules_registry.py fails when stale. -->

# The rules

groupcheck checks education groups (集团化办学) — a **core school** (核心校) leading **member
schools** (成员校), with **collaborating schools** (协作校) around them — against the policy of
the seed documents. Staff move between them in **rotation exchanges** (轮岗交流): **cadres**
(干部, school leaders) and **teachers** (教师), some of them **backbone teachers** (骨干教师).
The group is run by a **council** (理事会) and funded by **special funds** (专项经费).

This page lists every rule of the **{pack}** pack (`{pack_file}`, version {version}):
{description}

## Years

- An **academic year** runs from `academic_year_start` (`{start}` in this pack) to the day before
  the next one and is written `2023-2024`. It is **judged** only when the group existed for all of
  it (it starts on or after `established`) and it ended before `--as-of`. The year in progress is
  reported, never failed; a year before establishment is not judged.
- A **calendar year** (funding) is judged like an academic year: only when the group existed for
  all of it (established on or before 1 January) and it ended before `--as-of`. A group set up
  on 15 December is not failed for that year's funds; funds recorded for a year before
  `established` are a GC302 warning.
- A term from day D to the day before D + N years is exactly N years: 2022-09-01 → 2024-08-31 is
  2 years.

## Incomplete data

A rotation log that cannot be read (a GC001–GC005 finding in it) leaves the group's exchanges
incomplete: the rules that read them (GC201–GC206) report nothing for that group and its
verdicts for them are `skip` with the reason "a rotation log could not be read" (the table and
the reports say 未检查（名册无法读取） / not checked). The load finding still fails the run.

## Policy packs

A pack (`rules/*.yaml`) gives each rule `enabled`, `severity` (error, warning, info), `waivable`,
`params` and the `source` it cites. `--rules FILE` selects one (`--rules national-2014` finds a
bundled pack by name); a pack may start with `extends: default.yaml` (relative to the pack's
file, else the bundled pack) and state only what differs. An unknown rule id, key or parameter is
a usage error (exit 2) naming the pack's file and line. Bundled: `default.yaml`,
`national-2014.yaml` (turns on GC206 with the national 10% / 20%), `beijing-2016.yaml` (terms of
1–3 years, GC206 on), and one **district pack** per source document, each with only the rules
that document sets: `taishan`, `shangqiu`, `chenzhou`, `jinan-shizhong`, `plan-003-district`,
`plan-003-county` (see [Bundled packs](#bundled-packs) at the end of this page, and
[which pack for which group](#which-pack-for-which-group) for `--rules by-jurisdiction`).

### Basis documents

A pack lists the documents its rules rest on under `documents:`, and a rule's `source:` names
one by `basis:` (its `id`) with the clause in English (`clause:`) and in Chinese (`clause_zh:`,
e.g. `三（一）`, `第三条第（一）款`). The printed report's 检查依据 cites each document the enabled
rules rest on once, as 发文机关《标题》（文号）. `quote:` gives the document's words for the
rule, and `quote_zh:` their Chinese where the document is not Chinese (a back-translation,
marked as one). A group's annex page quotes under 政策条款 the policy text of the document its
pack cites: each rule's own documentation (`groupcheck explain`) quotes the documents the
bundled default pack cites, so where a pack rests a rule on another document (another `basis`,
`seed` or `document`) its `quote` is printed instead (`quote_zh` in a Chinese report), and
nothing where it gives none; SARIF's rule help does the same. Each entry has:

| key | what | required |
|---|---|---|
| `id` | the name `source: basis:` uses, unique in the pack | yes |
| `issuer` | 发文机关 (for a news report, the newspaper) | yes |
| `title` | 标题, without 《》 | yes |
| `number` | 文号, e.g. `教师〔2014〕4号`, only where the document has one | no |
| `date` | date issued or published: `2014-08`, `"2022-07-30"` | no |
| `kind` | one of the kinds below | yes |
| `reported_by` | who reported a `news` document, and when | no |
| `seed` | the seed file it comes from | no |

Kinds: `regulation` (法规、规章), `normative` (规范性文件), `plan` (实施方案), `news` (known only
from a news report: name the reporter in `reported_by`), `translation` (a back-translation of a
foreign-language report, the original not at hand). A report should say when a basis is `news`
or `translation` rather than the document itself.

A pack that `extends` another inherits its documents (an entry with the same `id` replaces the
parent's). An unknown `basis`, an unknown `kind` or a document without `id`, `issuer`, `title`
or `kind` is a usage error naming the pack's file and line. The format rules (GC0xx, GC204,
GC205, GC402) and the waiver rules (GC5xx) rest on no document: they check the data. The
**{pack}** pack's documents:

{documents}
## Waivers

A charter's `waivers` entry (`rule`, optional `year`, `reason`, `approved_by`, `document_no`,
`expires`) marks the matching findings of its group `waived: true` through its `expires` day:
they appear in every output and never fail the run. GC501–GC503 report expired, unused and
soon-expiring waivers; a pack may mark a rule `waivable: false`. `--no-waivers` (inspector mode)
ignores every waiver and shows what they hide.

## Catalog

| id | name | severity | parameters | source |
|---|---|---|---|---|
"""


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def docs_markdown(pack: Pack) -> str:
    """docs/rules.md: the catalog of ``pack`` and every rule's sections, from the registry."""
    start = "{:02d}-{:02d}".format(*pack.academic_year_start)
    pack_file = pack.file.rsplit("/", 1)[-1]
    out = [
        _DOC_HEAD.format(
            pack=pack.name,
            pack_file=pack_file,
            version=pack.version,
            description=pack.description,
            start=start,
            documents=_documents_table(pack),
        )
    ]
    specs = registry()
    for spec in specs.values():
        rule_id, name, severity, params, source = _row(spec, pack, "en")
        anchor = f"{rule_id.lower()}-{name}"
        out.append(
            f"| [{rule_id}](#{anchor}) | {name} | {_cell(severity)} | {_cell(params)} "
            f"| {_cell(source)} |\n"
        )
    for spec in specs.values():
        out.append(_rule_section(spec, pack))
    out.append(_bundled_packs(pack))
    return "".join(out)


_BY_JURISDICTION = """
## Which pack for which group

The default pack is the union of the five seed documents: it holds every group to every
district's numbers (Taishan's two cadres a year, Chenzhou's 200,000 yuan, Jinan Shizhong's
council filing, …). `--rules by-jurisdiction` (or `rules = "by-jurisdiction"` in the config)
judges each group by the pack of the place it belongs to instead: the pack whose
`jurisdictions` prefix is the **longest** one the charter's `jurisdiction` starts with. A group
that matches none is judged by the default pack, or by `--fallback-rules PACK`
(`fallback-rules` in the config). `[tool.groupcheck.jurisdictions]` maps more prefixes to a
pack name or file; on a prefix a bundled pack also declares, the config's wins. Cross-group
rules (GC101's count over every group a core school leads, GC204, GC401, GC402) take the
parameters of the pack of the group each finding reports on. Which pack judged a group is in
every output: `pack` in the JSON report's `groups[]`, the result's `properties.pack` in SARIF,
the table (after the group's id, when more than one pack is in use), the printed report (the
documents each group was judged against); `--show-settings` prints the table below with the
config's entries. A finding's fingerprint does not include the pack, so waivers and baselines
keep working when a group moves to another pack.

The bundled packs' jurisdictions (longest first, as they are tried):

| jurisdiction prefix | pack |
|---|---|
{table}
The bundled charters as the example, as of 30 November 2026: `groupcheck validate charters/
--rules by-jurisdiction --as-of 2026-11-30` fails 8 groups instead of the default pack's 17.
Most of the difference is GC107 (a development plan in force): it rests on Shangqiu's plan
rule (001) and Taishan's three-year plan (000), so the default pack holds every group to it,
while the Chenzhou and Jinan Shizhong packs do not state it.

- `charters/shandong-taian-taishan/` (山东省泰安市泰山区) → `taishan`. Its plan is three
  years and must be in force: all four Tai'an groups still fail GC107 (none records a plan
  that covers 2026). GC101's cap of five members comes from the 003 district plan, not from
  Taishan's document: `taian-first-experimental-group` (six members) no longer fails GC101.
  `taian-cangkulu-school-group` (no development plan on record, GC102) and
  `taian-dongyue-middle-group` (one cadre in 2024-2025, GC201) fail those rules as well.
- `charters/shandong-jinan-shizhong/` (山东省济南市市中区) → `jinan-shizhong`. No plan rule,
  no cadre count, no 2–5 year terms: the six groups that fail only GC107 under the default
  pack pass, and so does `jinan-jingshiyi-group` (a one-year exchange, GC202 under the default
  pack); `jinan-nanshangshan-group`'s waiver of GC201 covers nothing any more (a GC502
  warning). `jinan-minsheng-group` (GC106) and `jinan-weier-group` (GC104) still fail.
- `charters/hunan-chenzhou/` (湖南省郴州市) → `chenzhou`: only the 200,000-yuan fund.
  `chenzhou-no1-middle-group` and `chenzhou-no6-middle-group` (GC107 only) pass;
  `chenzhou-xnu-primary-group` still fails the fund (GC301).
- `charters/henan-shangqiu-liangyuan/` (河南省商丘市梁园区) → `shangqiu`: only the 3–5 year
  plan; `shangqiu-qianjin-primary-group`'s plan has ended, so it still fails GC107.

`plan-003-district` and `plan-003-county` declare no jurisdiction (the plans are written for an
unnamed "XX" district and county): name them with `--rules`, or map a prefix to them in
`[tool.groupcheck.jurisdictions]`.

## Bundled packs

Each bundled pack other than **{pack}** (this page), with the rules it enables, their numbers and
the clause each number comes from. `groupcheck rules --rules NAME` lists one in full. The format
rules (GC204, GC205, GC402) and the waiver rules (GC5xx) are on in every district pack: they
check the data, not a district's policy.
"""


def _basis(pack: Pack, rule_id: str) -> str:
    """``[district-plan] XX区《…》, 三（一）``: the basis document the pack names for the rule
    and its clause, "" when it names none."""
    entry = pack.rules.get(rule_id)
    source = entry.source if entry is not None else None
    if source is None or not source.basis:
        return ""
    document = pack.basis[source.basis]
    clause = source.clause_zh or source.clause
    return f"`{document.id}` {document.citation()}" + (f", {clause}" if clause else "")


def _documents_table(pack: Pack) -> str:
    """The basis documents ``pack``'s enabled rules rest on, as a table (docs/rules.md)."""
    documents = pack.info().documents
    if not documents:
        return "(none)\n"
    rows = ["| id | document | kind |", "|---|---|---|"]
    for document in documents:
        reported = f" (reported by {document.reported_by})" if document.reported_by else ""
        rows.append(
            f"| `{document.id}` | {_cell(document.citation())}{reported} | {document.kind} |"
        )
    return "\n".join(rows) + "\n"


def _bundled_packs(shown: Pack) -> str:
    """The sections that end docs/rules.md: which pack judges which group under
    ``--rules by-jurisdiction``, then each other bundled pack's enabled rules and sources."""
    from groupcheck.policy import bundled_packs, jurisdiction_table, load_pack

    table = "".join(f"| {e.prefix} | `{e.pack.name}` |\n" for e in jurisdiction_table())
    out = [_BY_JURISDICTION.format(table=table, pack=shown.name)]
    specs = registry()
    for name in bundled_packs():
        pack = load_pack(name)
        if pack.name == shown.name:
            continue
        covers = ", ".join(pack.jurisdictions) or "none (name it with `--rules`)"
        out.append(
            f"\n### {pack.name}\n\n`rules/{pack.file.rsplit('/', 1)[-1]}`, version "
            f"{pack.version}: {pack.description}\n\nJurisdictions: {covers}.\n\n"
            f"Basis documents:\n\n{_documents_table(pack)}\n"
            "| id | name | severity | parameters | source |\n|---|---|---|---|---|\n"
        )
        for spec in specs.values():
            entry = pack.rules.get(spec.id)
            if spec.check is None or not (entry.enabled if entry else spec.enabled):
                continue
            rule_id, rule_name, severity, params, source = _row(spec, pack, "en")
            anchor = f"{rule_id.lower()}-{rule_name}"
            out.append(
                f"| [{rule_id}](#{anchor}) | {rule_name} | {_cell(severity)} | {_cell(params)} "
                f"| {_cell(source)} |\n"
            )
    return "".join(out)


def _rule_section(spec: RuleSpec, pack: Pack) -> str:
    doc = spec.doc
    entry = pack.rules.get(spec.id)
    parts: list[str] = [f"\n## {spec.id} {spec.name}\n\n{doc.summary}"]
    if doc.summary_zh:
        parts.append(f" ({doc.summary_zh})")
    parts.append("\n")
    if entry is not None:
        state = "enabled" if entry.enabled else "disabled"
        waivable = "yes" if entry.waivable else "no"
        parts.append(
            f"\nIn this pack: {state}, severity {entry.severity.value}, waivable {waivable}.\n"
        )

    def section(title: str, body: str, fence: bool = False) -> None:
        if not body:
            return
        if fence:
            parts.append(f"\n**{title}**\n\n```yaml\n{body}\n```\n")
        else:
            parts.append(f"\n**{title}**: {body}\n")

    section("What it checks", doc.what)
    section("Why", doc.why)
    if doc.policy_zh:
        parts.append(f"\n**Policy (中文)**:\n\n> {doc.policy_zh}\n")
    if doc.policy_en:
        parts.append(f"\n**Policy (English)**:\n\n> {doc.policy_en}\n")
    section("Source", doc.source)
    if entry is not None and entry.source is not None and entry.source.text() != doc.source:
        section("Cited by the pack", entry.source.text())
    section("Basis", _basis(pack, spec.id))
    section("How it counts", doc.how)
    params = entry.params if entry else spec.params()
    if type(params).model_fields:
        section("Parameters", f"`{format_params(params)}`")
    section("Passes", doc.passes, fence=True)
    section("Fails", doc.fails, fence=True)
    section("Remediation", doc.remediation_for("en", params))
    section("整改建议", doc.remediation_for("zh", params))
    return "".join(parts)

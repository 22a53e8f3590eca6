"""The table format without colour is written without Rich's console (issue 20), byte for byte
as Rich draws it: both writers are compared here, on real runs (every bundled group, the cases
of two rules, the broken-file corpus, the by-jurisdiction ids) at several widths in both
languages, and on reports whose every text is drawn by hypothesis (CJK, emoji, combining
marks, markup, emoji codes, control characters, long names, waived and known findings).
Where the plain writer declines (None), Rich draws, so the bytes are Rich's whatever happens;
the real runs check that it does not decline where it should not.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import groupcheck
from groupcheck.report import Report
from groupcheck.reporters import table
from groupcheck.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
WIDTHS = (12, 64, 100, 119, 120, 250)


def drawn_by_rich(report: Report, lang: Any, width: int, monkeypatch: pytest.MonkeyPatch) -> str:
    with monkeypatch.context() as patch:
        patch.setattr(table, "plain", lambda *_args: None)
        return table.render(report, lang=lang, color=False, width=width)


@functools.cache
def report_of(path: str, rules: str | None = None) -> Report:
    chosen = Settings(paths=(str(ROOT / path),), as_of=dt.date(2026, 11, 25), lang="en")
    if rules is not None:
        chosen = dataclasses.replace(chosen, rules_file=rules)
    return groupcheck.run(chosen).report


RUNS = [
    ("charters", None),
    ("tests/cases/GC002", None),
    ("tests/cases/GC201", None),
    ("tests/corpus", None),  # broken files: findings without a line, run-level findings
    ("tests/jurisdiction_cases", "by-jurisdiction"),
]


@pytest.mark.parametrize(("path", "rules"), RUNS, ids=[path for path, _ in RUNS])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_plain_table_is_rich_s_on_real_runs(
    path: str, rules: str | None, lang: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert (ROOT / path).is_dir(), f"{path} is missing: nothing to compare"
    report = report_of(path, rules)
    assert report.groups, "the run found no group: nothing compared"
    for width in WIDTHS:
        plain = table.plain(report, lang, width)
        rich = drawn_by_rich(report, lang, width, monkeypatch)
        if plain is not None:
            assert plain == rich, f"width {width}"
        elif width >= 120:  # the usual page: the plain writer must not decline there
            pytest.fail(f"the plain writer declined at width {width}")
        assert table.render(report, lang=lang, color=False, width=width) == rich


def test_plain_table_is_used_for_one_group_in_a_pipe() -> None:
    report = report_of("charters/henan-shangqiu-liangyuan/shangqiu-qianjin-primary-group")
    assert table.plain(report, "en", 120) is not None
    assert table.plain(report, "zh", 120) is not None


@pytest.mark.parametrize(("path", "rules"), [RUNS[0], RUNS[-1]], ids=["charters", "by-pack"])
def test_the_table_asks_which_packs_are_in_use_once(
    path: str, rules: str | None, monkeypatch: pytest.MonkeyPatch, packs_in_use_calls: list[int]
) -> None:
    """``Report.packs_in_use`` reads every group: asked once per group row, a 40,000-group
    table took minutes (docs/performance.md, "Per-group CPU")."""
    report = report_of(path, rules)
    assert len(report.groups) > 2
    asked = packs_in_use_calls
    for width in (64, 120):
        for draw in (table.plain, functools.partial(drawn_by_rich, monkeypatch=monkeypatch)):
            asked.clear()
            draw(report, "en", width)
            assert len(asked) == 1, f"{draw} at width {width}"  # not once per group


TEXTS = st.lists(
    st.one_of(
        st.sampled_from(
            [*"ab -_.:[]/\\…–✓集团商丘市校\u3000é", "e\u0301", "👍", ":smile:", "\t", "\x1b", "\r"]
        ),
        st.characters(codec="utf-8"),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.one_of(st.none(), TEXTS),
    group_id=TEXTS.filter(bool),
    message=TEXTS,
    file=st.one_of(st.none(), TEXTS),
    reason=st.one_of(st.none(), TEXTS),
    year=st.one_of(st.none(), TEXTS),
    members=st.one_of(st.none(), st.integers(min_value=0, max_value=10**12)),
    waived=st.booleans(),
    known=st.booleans(),
    width=st.integers(min_value=1, max_value=220),
    lang=st.sampled_from(["en", "zh"]),
)
def test_plain_table_is_rich_s_on_any_text(
    name: str | None,
    group_id: str,
    message: str,
    file: str | None,
    reason: str | None,
    year: str | None,
    members: int | None,
    waived: bool,
    known: bool,
    width: int,
    lang: Any,
) -> None:
    base = report_of("charters/henan-shangqiu-liangyuan/shangqiu-qianjin-primary-group")
    group = base.groups[0].model_copy(update={"name": name, "id": group_id, "members": members})
    findings = [
        f.model_copy(
            update={
                "message": message,
                "file": file,
                "year": year,
                "waived": waived,
                "known": known,
                "waiver_reason": reason,
            }
        )
        for f in base.findings
    ]
    report = base.model_copy(update={"groups": [group, group], "findings": findings})
    plain = table.plain(report, lang, width)
    with pytest.MonkeyPatch.context() as monkeypatch:
        rich = drawn_by_rich(report, lang, width, monkeypatch)
    if plain is not None:
        assert plain == rich

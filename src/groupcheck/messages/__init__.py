"""English and Chinese message catalogs, keyed ``"<rule>.<key>"`` (and ``"ui.<key>"``).

Rules and the loader name a key and its arguments; the text lives here, so a rule stays about
the policy and every message exists in both languages (a test checks the two catalogs have the
same keys and the same placeholders).
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any, Literal

from groupcheck import vocabulary
from groupcheck.messages.en import MESSAGES as EN
from groupcheck.messages.zh import MESSAGES as ZH

Lang = Literal["en", "zh"]
CATALOGS: dict[str, dict[str, str]] = {"en": EN, "zh": ZH}


def default_lang() -> Lang:
    """Chinese when the locale says so (LC_ALL, LC_MESSAGES, LANG, LANGUAGE), else English."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def text(key: str, lang: Lang = "en", /, **args: Any) -> str:
    """The message ``key`` in ``lang`` with ``args`` filled in; English where zh lacks it."""
    template = CATALOGS[lang].get(key) or EN.get(key)
    if template is None:
        raise KeyError(f"no message {key!r} in the catalogs")
    return template.format_map(_Args(args, lang))


class _Count(int):
    """A count in a message: ``{count:entry|entries}`` writes ``1 entry`` or ``2 entries``, and
    ``{count:=matches|match}`` the word alone (the English catalog's plurals; Chinese has none
    to write)."""

    def __format__(self, spec: str) -> str:
        if "|" in spec:
            one, _, many = spec.removeprefix("=").partition("|")
            word = one if self == 1 else many
            return word if spec.startswith("=") else f"{int(self)} {word}"
        return int.__format__(self, spec)


def counted(value: int) -> int:
    """``value`` as a count that takes the plural a template asks for (``{n:entry|entries}``),
    for templates filled outside ``text`` (the report's labels)."""
    return _Count(value)


class _Word(str):
    """A text argument. A format spec says what it is, so each language words it: a
    vocabulary's key (``{dimension:dimension}`` → 发展潜能 / development potential), ``key`` (a
    charter key: ``development_plan`` → 三年发展规划), ``date`` (2023-09-01 → 2023年9月1日 in
    Chinese), ``channel_amount`` (``pooled 200,000`` → 成员校公用经费统筹200,000元)."""

    lang: Lang

    def __new__(cls, value: str, lang: Lang) -> _Word:
        word = super().__new__(cls, value)
        word.lang = lang
        return word

    def __format__(self, spec: str) -> str:
        return worded(str(self), spec, self.lang) if spec else str(self)


class _Words(str):
    """A list argument: its items joined as the language writes a list (甲、乙和丙 is written
    甲、乙、丙), each item worded by the format spec as ``_Word`` words one."""

    items: tuple[str, ...]
    lang: Lang

    def __new__(cls, items: list[str], lang: Lang) -> _Words:
        words = super().__new__(cls, ("、" if lang == "zh" else ", ").join(items))
        words.items = tuple(items)
        words.lang = lang
        return words

    def __format__(self, spec: str) -> str:
        if not spec:
            return str(self)
        shown = [worded(item, spec, self.lang) for item in self.items]
        return "、".join(shown) if self.lang == "zh" else vocabulary.joined(shown, self.lang)


def worded(value: str, spec: str, lang: Lang) -> str:
    """``value`` as ``lang`` words it, ``spec`` naming what it is (see ``_Word``)."""
    if spec == "date":
        return chinese_date(value) if lang == "zh" else value
    if spec == "channel_amount":
        channel, _, amount = value.rpartition(" ")
        label = vocabulary.label_of("channel", channel, lang)
        return f"{label}{amount}元" if lang == "zh" else f"{label} {amount} yuan"
    if spec == "key" or any(v.key == spec for v in vocabulary.VOCABULARIES):
        return vocabulary.label_of(spec, value, lang)
    return format(value, spec)


def chinese_date(value: str) -> str:
    """``2023-09-01`` → ``2023年9月1日`` (公文 dates); anything else as it is."""
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return value
    return f"{day.year}年{day.month}月{day.day}日"


def term(years: int, days: int, lang: Lang) -> str:
    """A length of ``years`` years and ``days`` days: ``2年`` when exact (not 2年0天),
    ``1年365天``; ``2 years``, ``1 year and 365 days``."""
    if lang == "zh":
        return f"{years}年" + (f"{days}天" if days else "") if years else f"{days}天"
    said = [f"{years} year{'s' if years != 1 else ''}"] if years or not days else []
    if days:
        said.append(f"{days} day{'s' if days != 1 else ''}")
    return " and ".join(said)


class _Args(dict[str, Any]):
    """Format arguments; lists are joined the way the language writes them, counts take the
    plural a template asks for (``_Count``), texts and lists take a format spec that words
    them (``_Word``). ``{term}`` is derived: the length ``years`` and ``days`` make
    (``term``)."""

    def __init__(self, args: dict[str, Any], lang: Lang) -> None:
        super().__init__()
        self.lang = lang
        for name, value in args.items():
            if isinstance(value, (list, tuple, set, frozenset)):
                items = sorted(value) if isinstance(value, (set, frozenset)) else value
                value = _Words([str(v) for v in items], lang)
            elif isinstance(value, int) and not isinstance(value, bool):
                value = _Count(value)
            elif isinstance(value, str):
                value = _Word(value, lang)
            self[name] = value

    def __missing__(self, key: str) -> str:
        if key == "term" and "years" in self and "days" in self:
            return term(int(self["years"]), int(self["days"]), self.lang)
        return "{" + key + "}"

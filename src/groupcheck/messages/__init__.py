"""English and Chinese message catalogs, keyed ``"<rule>.<key>"`` (and ``"ui.<key>"``).

Rules and the loader name a key and its arguments; the text lives here, so a rule stays about
the policy and every message exists in both languages (a test checks the two catalogs have the
same keys and the same placeholders).
"""

from __future__ import annotations

import os
from typing import Any, Literal

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


class _Args(dict[str, Any]):
    """Format arguments; lists are joined the way the language writes them, counts take the
    plural a template asks for (``_Count``)."""

    def __init__(self, args: dict[str, Any], lang: Lang) -> None:
        super().__init__()
        for name, value in args.items():
            if isinstance(value, (list, tuple, set, frozenset)):
                items = sorted(value) if isinstance(value, (set, frozenset)) else value
                value = ("、" if lang == "zh" else ", ").join(str(v) for v in items)
            elif isinstance(value, int) and not isinstance(value, bool):
                value = _Count(value)
            self[name] = value

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"

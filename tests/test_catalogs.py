"""Every message exists in English and Chinese, with the same placeholders."""

from __future__ import annotations

import string

from groupcheck.messages.en import MESSAGES as EN
from groupcheck.messages.zh import MESSAGES as ZH


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_same_keys_in_both_languages() -> None:
    assert sorted(set(EN) - set(ZH)) == []
    assert sorted(set(ZH) - set(EN)) == []


def test_same_placeholders_in_both_languages() -> None:
    different = {
        key: (placeholders(EN[key]), placeholders(ZH[key]))
        for key in EN
        if key in ZH and placeholders(EN[key]) != placeholders(ZH[key])
    }
    assert different == {}


def test_every_registered_rule_has_its_messages() -> None:
    from groupcheck.engine import registry

    prefixes = {key.split(".", 1)[0] for key in EN}
    loader_or_checked = [spec.id for spec in registry().values()]
    assert [rule for rule in loader_or_checked if rule not in prefixes] == []

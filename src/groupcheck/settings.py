"""What one run is asked to do, parsed from the command line (and config) before anything runs.

Tests and other tools build the same object and call ``groupcheck.run`` without the CLI.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from groupcheck.messages import Lang, default_lang


@dataclass(frozen=True)
class Settings:
    paths: tuple[str, ...]
    as_of: dt.date = field(default_factory=dt.date.today)
    lang: Lang = field(default_factory=default_lang)
    rules_file: str | None = None
    use_waivers: bool = True

"""Configuration: ``[tool.groupcheck]`` in pyproject.toml or a groupcheck.toml, merged with flags.

The file is found from the working folder upward: in each folder ``groupcheck.toml`` first
(its keys at the top level, or under ``[tool.groupcheck]``), then a ``pyproject.toml`` that
has a ``[tool.groupcheck]`` table; the first found is used (one file, no merging up the tree,
as ruff does). ``--config FILE`` names it explicitly. Paths in the file (``paths``, ``rules``
when it is a file, ``baseline``) are relative to the file's folder.

Keys: ``paths``, ``rules``, ``select``, ``ignore``, ``fail-on``, ``lang``, ``format``,
``baseline``. An unknown key or a bad value is a usage error naming the file and the key.

``resolve`` turns the file, the command line (``Flags``: None = not given) and the
environment into ``Settings``, noting where each value came from; a flag beats the file, the
file beats the default.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from groupcheck import yamlsource
from groupcheck.errors import GroupcheckError
from groupcheck.escaping import terminal
from groupcheck.messages import Lang, default_lang
from groupcheck.settings import (
    BY_JURISDICTION,
    FAIL_ON_VALUES,
    SOURCE_DEFAULT,
    FailOn,
    Output,
    Settings,
)

CONFIG_NAME = "groupcheck.toml"
PYPROJECT = "pyproject.toml"
TABLE = "[tool.groupcheck]"

KEYS = (
    "paths",
    "rules",
    "fallback-rules",
    "select",
    "ignore",
    "extend-select",
    "extend-ignore",
    "fail-on",
    "lang",
    "format",
    "baseline",
    "jurisdictions",
    "cache-dir",
)
LANGS = ("en", "zh")

DEFAULT = SOURCE_DEFAULT
"""The source of a value nobody set."""


class ConfigError(GroupcheckError):
    """A config file or a setting that cannot be used: exit 2, naming the file and key."""


@dataclass(frozen=True)
class ConfigFile:
    """A config file, its values checked: keys as written (``fail-on``), paths resolved."""

    path: str
    values: Mapping[str, Any]

    @property
    def label(self) -> str:
        """How ``--show-settings`` names it: ``pyproject.toml [tool.groupcheck]``."""
        name = _shown(self.path)
        return f"{name} {TABLE}" if os.path.basename(self.path) == PYPROJECT else name


@dataclass(frozen=True)
class Flags:
    """What the command line said; None (or empty) where a flag was not given."""

    paths: Sequence[str] = ()
    formats: Sequence[str] = ()
    outputs: Sequence[str] = ()
    as_of: dt.date | None = None
    rules: str | None = None
    fallback_rules: str | None = None
    lang: str | None = None
    no_waivers: bool = False
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    extend_select: Sequence[str] = ()
    extend_ignore: Sequence[str] = ()
    fail_on: str | None = None
    exit_zero: bool = False
    baseline: str | None = None
    statistics: bool = False
    quiet: bool = False
    config: str | None = None
    jobs: int | None = None
    verbose: bool = False
    cached: bool = False
    """Whether the command keeps a cache (``validate``; ``report`` and ``export`` read whole
    charters, which the cache does not keep)."""
    cache_dir: str | None = None
    no_cache: bool = False


# ---------------------------------------------------------------------------------------------
# Finding and reading the file


def find(start: str | None = None) -> str | None:
    """The config file that applies in ``start`` (default: the working folder), or None."""
    folder = os.path.abspath(start or os.getcwd())
    while True:
        candidate = os.path.join(folder, CONFIG_NAME)
        if os.path.isfile(candidate):
            return candidate
        candidate = os.path.join(folder, PYPROJECT)
        if os.path.isfile(candidate) and _has_table(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _has_table(pyproject: str) -> bool:
    """Whether ``pyproject`` has ``[tool.groupcheck]`` (an unreadable one is reported later)."""
    try:
        document = _load_toml(pyproject)
    except ConfigError:
        return True  # say what is wrong with it rather than pass over it silently
    tool = document.get("tool")
    return isinstance(tool, dict) and "groupcheck" in tool


def _load_toml(path: str) -> dict[str, Any]:
    try:
        return tomllib.loads(yamlsource.read_bytes(path).decode("utf-8"))
    except yamlsource.SourceProblem as problem:
        detail = yamlsource.file_problem(problem)
        raise ConfigError(f"{_shown(path)}: cannot read it: {detail}") from None
    except RecursionError:  # tomllib recurses once per nested array: [[[[…]]]]
        raise ConfigError(f"{_shown(path)}: not valid TOML: nested too deep") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{_shown(path)}: not valid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{_shown(path)}: not UTF-8 text") from None


def read(path: str, *, named: bool = False) -> ConfigFile:
    """Read and check the config file ``path``; ``ConfigError`` names the file and key.

    ``named``: ``--config`` named it, so a ``pyproject.toml`` (or a file holding only a
    ``[tool]`` table) without ``[tool.groupcheck]`` is an error, not an empty config.
    """
    document = _load_toml(path)
    tool = document.get("tool")
    if os.path.basename(path) == PYPROJECT or (set(document) == {"tool"}):
        if named and not (isinstance(tool, dict) and "groupcheck" in tool):
            raise ConfigError(f"--config {_shown(path)}: no {TABLE} table in it")
        table = tool.get("groupcheck", {}) if isinstance(tool, dict) else {}
        where = TABLE
    else:
        table, where = document, ""
    if not isinstance(table, dict):
        raise ConfigError(f"{_shown(path)}: {TABLE} must be a table")
    folder = os.path.dirname(os.path.abspath(path))
    values: dict[str, Any] = {}
    for key, value in table.items():
        values[key] = _checked(path, where, key, value, folder)
    return ConfigFile(path=path, values=values)


def _checked(path: str, where: str, key: str, value: Any, folder: str) -> Any:
    """The value of ``key`` checked, paths made relative to the working folder."""
    name = f"{_shown(path)}: {where + ' ' if where else ''}{key}"
    if key not in KEYS:
        import difflib  # here: suggestions are for a bad key, not every start

        close = difflib.get_close_matches(key, KEYS, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(KEYS)}"
        raise ConfigError(f"{_shown(path)}: unknown key {key!r}{_in(where)}{hint}")
    if key == "paths":
        paths = _string_list(name, value)
        return tuple(_relative(os.path.join(folder, _slashed(p))) for p in paths)
    if key in ("select", "ignore", "extend-select", "extend-ignore"):
        return normalise_selectors(_string_list(name, value), name)
    if key == "fail-on":
        return fail_on_value(_string(name, value), name)
    if key == "lang":
        return lang_value(_string(name, value), name)
    if key == "format":
        return format_value(_string(name, value), name)
    if key in ("rules", "fallback-rules"):
        return _pack_name(_string(name, value), folder)
    if key == "jurisdictions":
        if not isinstance(value, dict):
            raise ConfigError(
                f"{name}: must be a table of jurisdiction prefixes and packs "
                '([tool.groupcheck.jurisdictions] "山东省泰安市" = "taishan")'
            )
        return tuple(
            (prefix.strip(), _pack_name(_string(f"{name} {prefix!r}", pack), folder))
            for prefix, pack in value.items()
            if _prefix(name, prefix)
        )
    if key == "cache-dir":
        where = os.path.expanduser(_slashed(_string(name, value)))
        return _relative(os.path.join(folder, where))
    # baseline
    return _relative(os.path.join(folder, _slashed(_string(name, value))))


def _slashed(path: str) -> str:
    """A config path as written on Windows (``charters\\north``) made portable: TOML files
    travel between machines, and a backslash in a file name is never meant."""
    return path.replace("\\", "/")


def _pack_name(rules: str, folder: str) -> str:
    """A pack's name as given, or its file relative to the working folder."""
    rules = _slashed(rules)
    looks_like_file = "/" in rules or rules.endswith((".yaml", ".yml"))
    return _relative(os.path.join(folder, rules)) if looks_like_file else rules


def _prefix(name: str, prefix: str) -> bool:
    if not prefix.strip():
        raise ConfigError(f"{name}: an empty jurisdiction prefix would match every group")
    return True


def _in(where: str) -> str:
    return f" in {where}" if where else ""


def _string(name: str, value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{name}: expected a non-empty string, found {value!r}")
    return value


def _string_list(name: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{name}: expected a list of strings, found {value!r}")
    return list(value)


# ---------------------------------------------------------------------------------------------
# Values (shared by the file and the flags, so both say the same about a bad one)


def normalise_selectors(values: Sequence[str], name: str) -> tuple[str, ...]:
    """Rule ids or prefixes, upper-cased, split on commas; one matching no rule is an error."""
    from groupcheck.engine import registry

    ids = list(registry())
    chosen: list[str] = []
    for value in values:
        for part in value.split(","):
            selector = part.strip().upper()
            if selector == "ALL":  # as in ruff: every rule
                selector = "GC"
            if not selector:
                continue
            if not any(rule_id.startswith(selector) for rule_id in ids):
                raise ConfigError(
                    f"{name}: {part.strip()!r} is no rule id or prefix of one "
                    f"(rules are {ids[0]}–{ids[-1]}; prefixes such as GC2)"
                )
            if selector not in chosen:
                chosen.append(selector)
    return tuple(chosen)


def fail_on_value(value: str, name: str) -> FailOn:
    for known in FAIL_ON_VALUES:
        if value == known:
            return known
    raise ConfigError(f"{name}: must be one of {', '.join(FAIL_ON_VALUES)}, not {value!r}")


def lang_value(value: str, name: str) -> Lang:
    if value == "en":
        return "en"
    if value == "zh":
        return "zh"
    raise ConfigError(f"{name}: must be en or zh, not {value!r}")


def format_value(value: str, name: str) -> str:
    from groupcheck.reporters import CI_FORMATS

    if value not in CI_FORMATS:
        raise ConfigError(f"{name}: must be one of {', '.join(CI_FORMATS)}, not {value!r}")
    return value


# ---------------------------------------------------------------------------------------------
# Merging


def resolve(
    flags: Flags, environ: Mapping[str, str] | None = None, *, lang: Lang | None = None
) -> Settings:
    """Settings from ``flags`` over the config file over the defaults, with their sources.

    Every command that checks (``validate``, ``report``, ``export``) and ``import``'s loading
    of the charters come through here, so one config file means one policy everywhere.
    ``lang``: the command's own default language (``report`` prints in Chinese) where neither
    a flag nor the file names one; otherwise the locale's.
    """
    env = os.environ if environ is None else environ
    config_path = flags.config if flags.config is not None else find()
    if flags.config is not None and not os.path.isfile(flags.config):
        raise ConfigError(f"--config {flags.config}: no such file")
    config = (
        read(config_path, named=flags.config is not None)
        if config_path is not None
        else ConfigFile("", {})
    )
    sources: dict[str, str] = {}

    def pick(key: str, flag_value: Any, flag: str, default: Any) -> Any:
        given = flag_value not in (None, (), [], False)
        if given:
            sources[key] = flag
            return flag_value
        if key in config.values:
            sources[key] = config.label
            return config.values[key]
        sources[key] = DEFAULT
        return default

    paths = pick("paths", tuple(flags.paths), "command line", (".",))
    rules = pick("rules", flags.rules, "--rules", None)
    fallback = pick("fallback-rules", flags.fallback_rules, "--fallback-rules", None)
    jurisdictions = pick("jurisdictions", None, "", ())
    if fallback is not None and rules != BY_JURISDICTION:
        raise ConfigError(
            f"{sources['fallback-rules']}: fallback-rules applies only with "
            f"rules = {BY_JURISDICTION!r} (--rules {BY_JURISDICTION})"
        )
    select = pick(
        "select",
        normalise_selectors(flags.select, "--select") if flags.select else (),
        "--select",
        (),
    )
    ignore = pick(
        "ignore",
        normalise_selectors(flags.ignore, "--ignore") if flags.ignore else (),
        "--ignore",
        (),
    )
    # --extend-select/--extend-ignore (and the file's keys) add to whichever list won; an
    # empty select already keeps every rule the pack enables, so there is nothing to add.
    for key, flag_values, chosen in (
        ("select", flags.extend_select, select),
        ("ignore", flags.extend_ignore, ignore),
    ):
        more = (
            *config.values.get(f"extend-{key}", ()),
            *normalise_selectors(flag_values, f"--extend-{key}"),
        )
        if not more:
            continue
        merged = (*chosen, *(s for s in dict.fromkeys(more) if s not in chosen))
        if key == "select":
            select = merged if chosen else ()
        else:
            ignore = merged
        sources[key] = f"{sources[key]} + extend-{key}"
    fail_on = pick(
        "fail-on",
        fail_on_value(flags.fail_on, "--fail-on") if flags.fail_on is not None else None,
        "--fail-on",
        "error",
    )
    default = lang
    lang = pick(
        "lang",
        lang_value(flags.lang, "--lang") if flags.lang is not None else None,
        "--lang",
        default,
    )
    if lang is None:
        lang = default_lang()
        sources["lang"] = "locale (LC_ALL, LC_MESSAGES, LANG, LANGUAGE)"
    baseline = pick("baseline", flags.baseline, "--baseline", None)
    outputs = _outputs(flags, config, sources)
    cache_dir = _cache_dir(flags, tuple(paths), pick, sources)
    github = env.get("GITHUB_ACTIONS") == "true"
    sources["github-annotations"] = "GITHUB_ACTIONS=true" if github else DEFAULT
    sources["as-of"] = "--as-of" if flags.as_of is not None else "today"
    sources["config"] = config.label if config.path else "none found"
    return Settings(
        paths=tuple(paths),
        as_of=flags.as_of or dt.date.today(),
        lang=lang,
        rules_file=rules,
        fallback_rules=fallback,
        jurisdictions=tuple(jurisdictions),
        use_waivers=not flags.no_waivers,
        select=tuple(select),
        ignore=tuple(ignore),
        fail_on=fail_on,
        exit_zero=flags.exit_zero,
        baseline=baseline,
        outputs=outputs,
        github_annotations=github,
        statistics=flags.statistics,
        quiet=flags.quiet,
        jobs=flags.jobs or 1,
        verbose=flags.verbose,
        cache_dir=cache_dir,
        sources=sources,
    )


def _cache_dir(
    flags: Flags, paths: tuple[str, ...], pick: Any, sources: dict[str, str]
) -> str | None:
    """The cache folder of the run, or None: a command that keeps none, ``--no-cache``, or
    the user cache folder when a checked path holds it. One named (``--cache-dir``, the
    config's ``cache-dir``) inside a checked path is a usage error: the cache is never
    written into the tree it checks."""
    from groupcheck import cache

    if not flags.cached or flags.no_cache:
        sources["cache-dir"] = "--no-cache" if flags.no_cache else DEFAULT
        return None
    named = pick("cache-dir", flags.cache_dir, "--cache-dir", None)
    folder = named if named is not None else cache.default_dir()
    if not cache.inside(folder, paths):
        if named is None:
            sources["cache-dir"] = "the user cache folder"
        return str(folder)
    if named is None:
        sources["cache-dir"] = "off: the user cache folder is inside a checked path"
        return None
    raise ConfigError(
        f"{sources['cache-dir']}: the cache folder {_shown(str(folder))} is inside a checked "
        "path; groupcheck never writes into the tree it checks (name a folder outside it, "
        "or --no-cache)"
    )


def _outputs(flags: Flags, config: ConfigFile, sources: dict[str, str]) -> tuple[Output, ...]:
    """``--format F --output FILE`` pairs, the n-th output for the n-th format.

    One format and no output: standard output. Otherwise every format needs its output
    (``-`` is standard output, which at most one may use).
    """
    formats = [format_value(f, "--format") for f in flags.formats]
    outputs = list(flags.outputs)
    if not formats:
        chosen = config.values.get("format")
        formats = [chosen] if chosen is not None else ["table"]
        sources["format"] = config.label if chosen is not None else DEFAULT
    else:
        sources["format"] = "--format"
    if len(outputs) > len(formats):
        raise ConfigError(
            f"--output: {len(outputs)} outputs for {len(formats)} format(s); give one "
            "--format before each --output"
        )
    if len(formats) > 1 and len(outputs) != len(formats):
        raise ConfigError(
            "--format/--output: with several formats give each its --output, in order "
            "(--format sarif --output groupcheck.sarif --format table --output -)"
        )
    pairs = [
        Output(fmt, None if i >= len(outputs) or outputs[i] == "-" else outputs[i])
        for i, fmt in enumerate(formats)
    ]
    if sum(1 for p in pairs if p.file is None) > 1:
        raise ConfigError("--output: only one format can go to standard output (-)")
    files = [p.file for p in pairs if p.file is not None]
    if len(set(files)) != len(files):
        raise ConfigError("--output: two formats would write the same file")
    sources["output"] = "--output" if outputs else DEFAULT
    return tuple(pairs)


def show(settings: Settings) -> str:
    """``--show-settings``: the merged settings, TOML-like, each with where it came from."""
    src = settings.sources
    rows: list[tuple[str, str, str]] = [
        ("config", _toml(src.get("config", "none found")), ""),
        ("paths", _toml(list(settings.paths)), src.get("paths", DEFAULT)),
        ("rules", _toml(settings.rules_file or "default"), src.get("rules", DEFAULT)),
        *_jurisdiction_rows(settings),
        ("select", _toml(list(settings.select)), src.get("select", DEFAULT)),
        ("ignore", _toml(list(settings.ignore)), src.get("ignore", DEFAULT)),
        ("fail-on", _toml(settings.fail_on), src.get("fail-on", DEFAULT)),
        ("exit-zero", _toml(settings.exit_zero), "--exit-zero" if settings.exit_zero else DEFAULT),
        ("lang", _toml(settings.lang), src.get("lang", DEFAULT)),
        ("as-of", _toml(settings.as_of.isoformat()), src.get("as-of", "today")),
        (
            "waivers",
            _toml(settings.use_waivers),
            DEFAULT if settings.use_waivers else "--no-waivers",
        ),
        ("baseline", _toml(settings.baseline or ""), src.get("baseline", DEFAULT)),
        ("cache-dir", _toml(settings.cache_dir or ""), src.get("cache-dir", DEFAULT)),
        (
            "format",
            _toml([o.format for o in settings.outputs]),
            src.get("format", DEFAULT),
        ),
        (
            "output",
            _toml([o.file or "-" for o in settings.outputs]),
            src.get("output", DEFAULT),
        ),
        (
            "github-annotations",
            _toml(settings.github_annotations),
            src.get("github-annotations", DEFAULT),
        ),
        (
            "statistics",
            _toml(settings.statistics),
            "--statistics" if settings.statistics else DEFAULT,
        ),
        ("quiet", _toml(settings.quiet), "--quiet" if settings.quiet else DEFAULT),
        _parser_row(),
    ]
    width = max(len(key) + 3 + len(value) for key, value, _ in rows)
    lines = []
    for key, value, source in rows:
        assignment = f"{key} = {value}"
        lines.append(f"{assignment.ljust(width)}  # {source}" if source else assignment)
    return "\n".join(lines) + "\n"


def _parser_row() -> tuple[str, str, str]:
    """Not a setting but a fact of this process: how it parses YAML (slower without libyaml)."""

    parser, note = yamlsource.parser_in_use()
    return ("parser", _toml(parser), note)


def _jurisdiction_rows(settings: Settings) -> list[tuple[str, str, str]]:
    """Under ``by-jurisdiction``: the fallback pack and every prefix with its pack, longest
    first (the order they are tried in), each with who mapped it."""
    if settings.rules_file != BY_JURISDICTION:
        return []
    from groupcheck import policy

    src = settings.sources
    table = policy.jurisdiction_table(settings.jurisdictions, settings.named_by("jurisdictions"))
    rows = [
        (
            "fallback-rules",
            _toml(settings.fallback_rules or "default"),
            src.get("fallback-rules", DEFAULT),
        )
    ]
    rows += [(f"jurisdictions.{_toml(e.prefix)}", _toml(e.pack.name), e.named_by) for e in table]
    return rows


def _toml(value: Any) -> str:
    """A value written as TOML writes it (strings in double quotes, escaped)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{terminal(text)}"'


def _relative(path: str) -> str:
    """``path`` relative to the working folder when inside it (as discovery shows paths)."""
    absolute = os.path.normpath(os.path.abspath(path))
    try:
        relative = os.path.relpath(absolute, os.getcwd())
    except ValueError:
        return absolute
    return absolute if relative.startswith("..") else relative


def _shown(path: str) -> str:
    return _relative(path).replace(os.sep, "/") if path else path

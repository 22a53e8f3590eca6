"""English messages. Keys: ``<rule>.<key>`` for findings, ``ui.<key>`` for headings."""

MESSAGES: dict[str, str] = {
    # GC001 yaml-syntax
    "GC001.syntax": "not valid YAML: {problem}{hint}",
    "GC001.empty": "the file is empty; a charter or rotation log needs at least its id fields",
    "GC001.binary": "this is a binary file, not YAML text",
    "GC001.is_directory": "this is a folder, not a file",
    "GC001.not_regular_file": "this is not a regular file",
    "GC001.unreadable": "the file cannot be read: {reason}",
    "GC001.multiple_documents": "a second YAML document starts here; a file must hold exactly one",
    "GC001.unknown_alias": "alias *{alias} refers to no anchor &{alias} defined before it",
    "GC001.complex_key": "a mapping key must be a plain value, not a list or mapping",
    "GC001.bad_merge": "a merge key (<<) must refer to a mapping or a list of mappings",
    "GC001.not_mapping": (
        "the file must be a mapping of fields (such as id: ...), not {found}{hint}"
    ),
    "GC001.hint_tab": " (tabs cannot indent YAML: use spaces)",
    "GC001.hint_fullwidth": (
        " (a full-width colon '：' or space '　' is used where YAML needs an ASCII ': ')"
    ),
    "GC001.hint_smart_quotes": " (curly quotes “ ” are not YAML quotes: use straight \" or ')",
    # GC002 schema
    "GC002.missing": "{field}: required field is missing",
    "GC002.unknown_field": "{field}: unknown field{suggestion}",
    "GC002.did_you_mean": "; did you mean {name}?",
    "GC002.allowed_fields": "; allowed here: {names}",
    "GC002.wrong_type": "{field}: expected {expected}, found {found}{hint}",
    "GC002.bad_enum": "{field}: {value!r} is not one of {allowed}",
    "GC002.bad_date": "{field}: {value!r} is not a date; write it as YYYY-MM-DD{hint}",
    "GC002.bad_slug": (
        "{field}: {value!r} is not a valid id; use lower-case letters, digits and '-' "
        "(for example taian-no6-middle){hint}"
    ),
    "GC002.bad_number": "{field}: {value!r} {detail}",
    "GC002.bad_value": "{field}: {detail}",
    "GC002.hint_chinese_date": " (for 2022年7月30日 write 2022-07-30)",
    "GC002.hint_quote": ' (quote the value so YAML reads it as text: "{value}")',
    "GC002.hint_fullwidth": " (a full-width colon '：' was used where YAML needs ': ')",
    "GC002.hint_fullwidth_space": (
        " (a full-width space '　' is part of this key: YAML indents and separates with ASCII "
        "spaces)"
    ),
    "GC002.hint_fullwidth_id": "; it is typed in full-width characters: write {value}",
    "GC002.hint_quoted_id": "; curly quotes are not YAML quotes: write {value}",
    # GC003 duplicate-key
    "GC003.duplicate_key": "key '{key}' appears twice in this mapping; keep one of them",
    # GC004 unsafe-input
    "GC004.not_utf8": (
        "the file is not UTF-8 (it looks like {encoding}); save it as UTF-8 — GBK from "
        "older Chinese Windows editors and Excel is the usual culprit"
    ),
    "GC004.unsafe_tag": "tag {tag} is refused: groupcheck never builds objects from YAML tags",
    "GC004.alias_bomb": (
        "aliases expand to more than {limit} values; refused (a 'billion laughs' file?)"
    ),
    "GC004.too_large": "the file is {size} bytes, over the {limit}-byte limit; refused unread",
    "GC004.too_deep": "nesting is deeper than {limit} levels; refused",
    # GC005 orphan-log
    "GC005.no_charter": "rotation log with no charter.yaml in its group folder",
    "GC005.group_mismatch": (
        "this log says group '{log_group}' but the charter in its folder is '{charter_group}'"
    ),
    # Table and summary headings
    "ui.group": "Group",
    "ui.name": "Name",
    "ui.model": "Model",
    "ui.members": "Members",
    "ui.status": "Status",
    "ui.pass": "pass",
    "ui.fail": "fail",
    "ui.findings": "Findings",
    "ui.no_groups": "No groups found (a group is a folder holding charter.yaml).",
    "ui.summary": (
        "{groups} groups, {files} files: {errors} errors, {warnings} warnings, {waived} waived"
    ),
    "ui.family.load": "Load",
    "ui.family.governance": "Governance",
    "ui.family.exchanges": "Exchanges",
    "ui.family.funding": "Funding",
    "ui.family.crossgroup": "Cross-group",
    "ui.family.waivers": "Waivers",
    "ui.title": "groupcheck {version}: as of {as_of}",
}

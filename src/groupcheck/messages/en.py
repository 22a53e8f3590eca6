"""English messages. Keys: ``<rule>.<key>`` for findings, ``ui.<key>`` for headings."""

from groupcheck import vocabulary

MESSAGES: dict[str, str] = {
    # GC000 internal-error
    "GC000.raised": (
        "rule {rule} ({name}) raised {error}; its findings for this group are missing "
        "(a bug in groupcheck: please report it)"
    ),
    # GC001 yaml-syntax
    "GC001.syntax": "not valid YAML: {problem}{hint}",
    "GC001.empty": "the file is empty; a charter or rotation log needs at least its id fields",
    "GC001.binary": "this is a binary file, not YAML text",
    "GC001.is_directory": "this is a folder, not a file",
    "GC001.not_regular_file": "this is not a regular file",
    "GC001.unreadable_folder": (
        "this folder cannot be read (no permission): the groups in it are not checked"
    ),
    "GC001.reason.permission": "permission denied",
    "GC001.reason.link_loop": "symbolic link loop",
    "GC001.unreadable": "the file cannot be read: {reason}",
    "GC001.internal": (
        "groupcheck failed on this group ({error}); the other groups are still checked — "
        "please report this file"
    ),
    "GC001.outside_link": (
        "a symbolic link that leads outside the checked folder: not followed and not read"
    ),
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
    "GC002.bad_key": (
        "{field}: a field name must be text, and YAML reads this one as {found}; "
        "fix the name or quote it"
    ),
    "GC002.left_before_joined": (
        "{field}: {left} is before joined ({joined}); the member counts for nothing until "
        "the dates are put right"
    ),
    "GC002.missing": "{field}: required field is missing",
    "GC002.unknown_field": "{field}: unknown field{suggestion}",
    "GC002.did_you_mean": "; did you mean {name}?",
    "GC002.allowed_fields": "; allowed here: {names}",
    "GC002.wrong_type": "{field}: expected {expected}, found {found}{hint}",
    "GC002.bad_enum": "{field}: {value!r} is not one of {allowed}",
    "GC002.other_enum": (
        "{field}: {value!r} is {other} ({other_value}), not {kind}; did you mean {suggestion}?"
    ),
    "GC002.enum_term": "{value} ({label})",
    "GC002.detail.yuan_too_large": "the amount is too large (at most 1,000,000,000,000 yuan)",
    "GC002.expected.text": "text",
    "GC002.expected.whole_number": "a whole number",
    "GC002.expected.number": "a number",
    "GC002.expected.boolean": "true or false",
    "GC002.expected.list": "a list",
    "GC002.expected.mapping": "a mapping of fields",
    "ui.value.none": "nothing (an empty value)",
    "ui.value.boolean": "the boolean {value} (YAML reads yes/no/on/off as booleans)",
    "ui.value.date": "the date {value}",
    "ui.value.number": "the number {value}",
    "ui.value.text": "the text {value!r}",
    "ui.value.list": "a list",
    "ui.value.mapping": "a mapping",
    "ui.value.merge": "the merge key << (quote it to mean the text)",
    "GC002.bad_date": "{field}: {value!r} is not a date; write it as YYYY-MM-DD{hint}",
    "GC002.bad_slug": (
        "{field}: {value!r} is not a valid id; use lower-case letters, digits and '-' "
        "(for example taian-no6-middle){hint}"
    ),
    "GC002.bad_number": "{field}: {value!r} {detail}",
    "GC002.bad_value": "{field}: {detail}",
    "GC002.detail.greater_than_equal": "must be at least {bound}",
    "GC002.detail.less_than_equal": "must be at most {bound}",
    "GC002.detail.greater_than": "must be more than {bound}",
    "GC002.detail.less_than": "must be less than {bound}",
    "GC002.detail.string_too_short": "must not be empty",
    "GC002.detail.string_too_long": "is too long (at most {limit} characters)",
    "GC002.detail.pattern": "does not have the required form ({pattern})",
    "GC002.detail.pattern_rule_id": "{value!r} is not a rule id such as GC201",
    "GC002.detail.pattern_academic_year": "{value!r} is not an academic year such as 2023-2024",
    "GC002.detail.too_large": "the number is far too large",
    "GC002.detail.yuan_amount": (
        'amount must be a whole number of yuan such as 200000, "200,000元", "20万元" or "25万"'
    ),
    "GC002.detail.yuan_fraction": "amount must be a whole number of yuan",
    "GC002.detail.academic_year_pair": (
        "academic year must be two consecutive years such as {first}-{following}"
    ),
    "GC002.hint_chinese_date": " (for 2022年7月30日 write 2022-07-30)",
    "GC002.repeated_id": (
        "{field}: {value} is already the id of {first}; every school of a charter needs an id "
        "of its own"
    ),
    "GC002.more_errors": (
        "and {count} more schema errors in this file (only the first {limit} are listed)"
    ),
    "GC002.hint_sexagesimal": (
        " (a number with colons is not a count; YAML 1.1 would even read 1:30 as 90, base 60)"
    ),
    "GC002.hint_invisible": (
        " (the name holds an invisible character, {chars}: delete it and type the name again)"
    ),
    "GC002.hint_quote": ' (quote the value so YAML reads it as text: "{value}")',
    "GC002.hint_colon_space": " (YAML needs a space after the colon: write '{key}: …')",
    "GC002.hint_fullwidth": " (a full-width colon '：' was used where YAML needs ': ')",
    "GC002.hint_fullwidth_space": (
        " (a full-width space '　' is part of this key: YAML indents and separates with ASCII "
        "spaces)"
    ),
    "GC002.hint_fullwidth_id": "; it is typed in full-width characters: write {value}",
    "GC002.hint_quoted_id": "; curly quotes are not YAML quotes: write {value}",
    # GC003 duplicate-key
    "GC003.duplicate_key": "key '{key}' appears twice in this mapping; keep one of them",
    "GC003.more_duplicates": (
        "and {count} more repeated keys in this file (only the first {limit} are listed)"
    ),
    # GC004 unsafe-input
    "GC004.not_utf8": (
        "the file is not UTF-8 (it looks like {encoding}); save it as UTF-8 — GBK from "
        "older Chinese Windows editors and Excel is the usual culprit"
    ),
    "GC004.not_utf8_unknown": (
        "the file is not UTF-8, nor any Chinese encoding groupcheck recognises; save it as UTF-8"
    ),
    "GC004.unsafe_tag": "tag {tag} is refused: groupcheck never builds objects from YAML tags",
    "GC004.alias_bomb": (
        "aliases expand to more than {limit} values; refused (a 'billion laughs' file?)"
    ),
    "GC004.too_large": "the file is {size} bytes, over the {limit}-byte limit; refused unread",
    "GC004.too_deep": "nesting is deeper than {limit} levels; refused",
    # GC005 orphan-log
    "GC005.no_charter": "rotation log with no charter.yaml in its group folder",
    "GC005.misnamed": (
        "this file is not read (groupcheck reads the name {meant}); did you mean {meant}?"
    ),
    "GC005.group_mismatch": (
        "this log says group '{log_group}' but the charter in its folder is '{charter_group}'"
    ),
    # GC006 not-established
    "GC006.future": (
        "the group is not yet established: established {established} is after the as-of date "
        "{as_of}, so its policy rules are not checked"
    ),
    # GC101 member-limit
    "GC101.too_many": (
        "core school {school} leads {found} current member schools, at most {max} allowed"
    ),
    "GC101.too_many_groups": (
        "core school {school} leads {found} current member schools over groups {groups}, "
        "at most {max} allowed"
    ),
    "GC101.trusteeship_too_few": (
        "a trusteeship group takes over at least {min} school(s); this one has {found} "
        "current members"
    ),
    # GC102 five-documents
    "GC102.missing": 'the {document:key} is missing (one of the "five one" documents)',
    "GC102.adopted_after_as_of": (
        "the {document:key} was adopted on {date}, after the as-of date {as_of}: it does not "
        "count yet"
    ),
    # GC103 plan-horizon
    "GC103.no_years": "the development plan gives no start_year and end_year",
    "GC103.out_of_range": (
        "the development plan {start}–{end} spans {span} years, {min} to {max} required"
    ),
    # GC107 plan-current
    "GC107.no_plan": "the group has no development plan, so none covers {as_of_year}",
    "GC107.no_years": (
        "the development plan gives no start_year, so it cannot be shown to cover {as_of_year}"
    ),
    "GC107.not_current": (
        "no development plan covers {as_of_year} or starts in {next_year}: the latest is "
        "{start}–{end}"
    ),
    # GC104 council-filed
    "GC104.no_council": "the group has no council",
    "GC104.no_chair": "the council has no chair",
    "GC104.member_not_seated": "member school {school} has no one on the council",
    "GC104.not_filed": "the council is not filed with the education bureau: no {fields:key}",
    "GC104.filed_after_as_of": (
        "the council was filed on {date}, after the as-of date {as_of}: it is not filed yet"
    ),
    # GC105 approval
    "GC105.no_approval": "the group's approval is not recorded",
    "GC105.missing_fields": "the approval lacks {fields:key}",
    "GC105.approved_after_as_of": (
        "the approval is dated {date}, after the as-of date {as_of}: the group is not approved yet"
    ),
    "GC105.approved_after_established": (
        "the group was approved on {date}, after it was established on {established}: "
        "approval comes first"
    ),
    "GC105.agreement_after_established": (
        "the out-of-district agreement was signed on {date}, after the group was established "
        "on {established}: it must be signed before the group starts"
    ),
    "GC105.no_agreement": "an out-of-district group needs a signed agreement; none is recorded",
    "GC105.agreement_incomplete": "the out-of-district agreement does not state {clauses:key}",
    # GC106 annual-evaluation
    "GC106.missing": "no evaluation of this academic year",
    "GC106.missing_dimensions": "the evaluation does not cover {dimensions:dimension}",
    "GC106.dated_after_as_of": (
        "the evaluation of this academic year is dated {date}, after the as-of date {as_of}: "
        "it does not count yet"
    ),
    # GC201 cadre-exchange-minimum
    "GC201.none": "no cadre on exchange from the core school, at least {needed} required",
    "GC201.too_few_one": "1 cadre on exchange ({names}), at least {needed} required",
    "GC201.too_few": "{found} cadres on exchange ({names}), at least {needed} required",
    # GC202 exchange-term
    "GC202.too_short": (
        "{person}'s exchange {start} → {end} lasts {term}, shorter than {min} years"
    ),
    "GC202.too_long": ("{person}'s exchange {start} → {end} lasts {term}, longer than {max} years"),
    # GC203 first-year-teacher-share
    "GC203.zero_headcount": (
        "core_school.teachers is 0, so the first year's 15% share cannot be computed"
    ),
    "GC203.no_headcount": (
        "core_school.teachers is not given, so the first year's 15% share cannot be checked"
    ),
    "GC203.too_few": (
        "{found} teachers sent from the core school to members ({share} of {teachers}), "
        "at least {min} required ({needed} teachers) in the group's first year, {first} to {last}"
    ),
    # GC204 exchange-overlap
    "GC204.overlap": (
        "{person}'s exchange {start} → {end} overlaps their exchange {other_start} → {other_end}"
    ),
    "GC204.overlap_other_group": (
        "{person} (staff no. {staff_no})'s exchange {start} → {end} overlaps their exchange "
        "{other_start} → {other_end} in group {other_group} ({other_file})"
    ),
    "GC204.overlap_other_groups": (
        "{person} (staff no. {staff_no})'s exchange {start} → {end} overlaps their exchange "
        "{other_start} → {other_end} in group {other_group} ({other_file}), and exchanges in "
        "{more} other group(s)"
    ),
    # GC205 exchange-endpoints
    "GC205.unknown_school": "{person}: {field:key} {school} is not a school of this group",
    "GC205.same_school": "{person}: the exchange goes from {school} to itself",
    "GC205.end_before_start": "{person}: the exchange ends ({end}) before it starts ({start})",
    "GC205.not_member_joined": (
        "{person}: {school} was not a member on {start}: it joined on {date}"
    ),
    "GC205.not_member_left": "{person}: {school} was not a member on {start}: it left on {date}",
    # GC206 annual-rotation-share
    "GC206.zero_headcount": (
        "core_school.teachers is 0, so the yearly rotation share cannot be computed"
    ),
    "GC206.no_headcount": (
        "core_school.teachers is not given, so the yearly rotation share cannot be checked"
    ),
    "GC206.too_few": (
        "{found} teachers on exchange from the core school ({share} of {teachers}), "
        "at least {min} required"
    ),
    "GC206.too_few_backbone": (
        "{found} backbone teachers among {exchanged} exchanged ({share}), at least {min} required"
    ),
    # GC301 funding-minimum
    "GC301.too_little": (
        "special funds from {channels:channel} total {total} yuan, at least {min} yuan required"
    ),
    "GC301.none": (
        "no special funds recorded from {channels:channel}, at least {min} yuan required"
    ),
    "GC301.too_little_others": (
        "special funds from {channels:channel} total {total} yuan, at least {min} yuan "
        "required (not counted: {others:channel_amount})"
    ),
    "GC301.none_others": (
        "no special funds recorded from {channels:channel}, at least {min} yuan required "
        "(not counted: {others:channel_amount})"
    ),
    # GC302 funding-use
    "GC302.before_established": (
        "funds recorded for {funded}, before the group was established on {established}"
    ),
    "GC302.no_source": "the {amount} yuan entry names no source",
    "GC302.use_not_allowed": "use {use:use} is not among the allowed uses ({allowed:use})",
    # GC401 school-in-two-groups
    "GC401.two_groups": "member school {school} ({school_id}) is also a current member of "
    "{other_group}",
    # GC402 duplicate-group-id
    "GC402.duplicate": "group id {group_id} is also used by {others}",
    # GC501 waiver-expired
    "GC501.expired": "the waiver of {waiver_rule} expired on {expires}; the finding stands",
    # GC502 waiver-unused
    "GC502.unused": "the waiver of {waiver_rule} matches no finding",
    "GC502.unused_year": "the waiver of {waiver_rule} for {waiver_year} matches no finding",
    "GC502.not_waivable": (
        "{waiver_rule} cannot be waived under this policy pack; the waiver has no effect"
    ),
    # GC503 waiver-expiring
    "GC503.expiring": "the waiver of {waiver_rule} expires on {expires}, in {days} days",
    # rules / explain / table
    "ui.rules.title": "Policy pack {pack} {version}: {description}",
    "ui.rules.file": "Pack file: {file}",
    "ui.rules.id": "Id",
    "ui.rules.name": "Name",
    "ui.rules.severity": "Severity",
    "ui.rules.parameters": "Parameters",
    "ui.rules.source": "Source",
    "ui.rules.off": "off",
    "ui.explain.what": "What it checks",
    "ui.explain.why": "Why",
    "ui.explain.policy_zh": "Policy text (Chinese)",
    "ui.explain.policy_en": "Policy text (English)",
    "ui.explain.source": "Source",
    "ui.explain.pack_source": "Cited by the pack",
    "ui.explain.basis": "Basis",
    "ui.explain.how": "How it counts",
    "ui.explain.parameters": "Parameters",
    "ui.explain.none": "none",
    "ui.explain.passes": "Passes",
    "ui.explain.fails": "Fails",
    "ui.explain.remediation": "Remediation",
    "ui.explain.status": "In pack {pack}: {state}, severity {severity}, waivable {waivable}",
    "ui.explain.enabled": "enabled",
    "ui.explain.disabled": "disabled",
    "ui.yes": "yes",
    "ui.no": "no",
    "ui.failures": "Failures",
    "ui.waived_hint": "waived",
    # Table and summary headings
    "ui.group": "Group",
    "ui.name": "Name",
    "ui.model": "Model",
    **vocabulary.catalog("en", prefix="ui."),  # ui.model.tight, ui.role.cadre …
    "ui.not_read": "not a charter.yaml or rotation log, so not read",
    "ui.extra_missing": "{command} needs {modules}, which this install lacks: run {install}",
    "ui.pdf_missing_glyphs": "no installed font has {characters}: drawn as empty boxes",
    "ui.report.bad_format": "--format must be one of {formats}, not {value!r}",
    "ui.report.bad_suffix": (
        "cannot tell the format from the output name {output!r} (it should end in "
        "{suffixes}); say it with --format"
    ),
    "ui.report.format_suffix": "--format {format} does not match the output name {output!r}, "
    "which names {named}: change the suffix or --format",
    "ui.report.docx_unavailable": "this build of groupcheck cannot write Word documents "
    "(--format docx)",
    "ui.report.bad_detail": "--detail must be one of {details}, not {value!r}",
    "ui.report.bad_date": "{option} must be a date written YYYY-MM-DD, not {value!r}",
    "ui.report.bad_lang": "--lang must be en or zh, not {value!r}",
    "ui.report.no_folder": "cannot write {output}: the folder {folder} does not exist",
    "ui.report.not_writable": "cannot write {output}: the folder {folder} is not writable",
    "ui.report.path_not_found": "path not found: {path}",
    "ui.report.unknown_group": "--group {groups}: no such group under {paths} (found: {known})",
    "ui.report.written": "wrote {output}{pages}: {groups:group|groups}, {failed} not meeting "
    "the requirements{unverifiable}",
    "ui.report.written_unverifiable": ", {unverifiable} could not be verified",
    "ui.report.written_pages": " ({pages:page|pages})",
    "ui.report.written_stdout": "standard output",
    "ui.progress.layout": "laying out the PDF",
    "ui.progress.pdf": "writing the PDF",
    "ui.progress.page": "page {page}",
    "ui.members": "Members",
    "ui.status": "Status",
    "ui.pass": "pass",
    "ui.fail": "fail",
    "ui.findings": "Findings",
    "ui.no_group_under": (
        "groupcheck: warning: {path}: no group found (a group is a folder holding charter.yaml)"
    ),
    "ui.changed_outside": (
        "groupcheck: warning: {folder}: the group of a changed file is outside the paths the "
        "run checks; not checked"
    ),
    "ui.no_groups": "No groups found (a group is a folder holding charter.yaml).",
    "ui.summary": (
        "{groups:group|groups}, {files:file|files}: {errors:error|errors}, "
        "{warnings:warning|warnings}, {waived} waived"
    ),
    "ui.summary_known": ", {known} known (in the baseline)",
    "ui.family.load": "Load",
    "ui.family.governance": "Governance",
    "ui.family.exchanges": "Exchanges",
    "ui.family.funding": "Funding",
    "ui.family.crossgroup": "Cross-group",
    "ui.family.waivers": "Waivers",
    "ui.title": "groupcheck {version}: as of {as_of}",
    # CI formats (sarif, junit, github, gitlab, markdown, parsable) and validate's extras
    "ui.ci.title_pass": "groupcheck: passed",
    "ui.ci.title_fail": "groupcheck: failed",
    "ui.ci.context": "groupcheck {version}, as of {as_of}, policy pack {pack}",
    "ui.ci.errors": "Errors",
    "ui.ci.warnings": "Warnings",
    "ui.ci.waived_column": "Waived",
    "ui.ci.failures": "Failures ({count})",
    "ui.ci.waived_list": "Waived ({count})",
    "ui.ci.known_list": "Known, in the baseline ({count})",
    "ui.ci.no_findings": "No findings.",
    "ui.ci.waived": "waived: {reason}",
    "ui.ci.known": "known: in the baseline",
    "ui.ci.not_loaded": "not judged: the charter did not load",
    "ui.skip_reason.logs_unread": "a rotation log could not be read",
    "ui.skip_reason.not_established": "the group is not yet established on the as-of date",
    "ui.not_checked": "{group}: {rules} not checked ({reason})",
    "ui.ci.wrote_baseline": "wrote {count:finding|findings} to the baseline {file}",
    "ui.ci.baseline_stale": (
        "baseline {file}: {count:entry|entries} no longer {count:=matches|match}; "
        "--prune-baseline {file} removes them"
    ),
    "ui.ci.pruned_baseline": "removed {count:entry|entries} from the baseline {file}",
    "ui.ci.baseline_flags": "--write-baseline and --prune-baseline cannot be used together",
    "ui.ci.summary_cut": (
        "{count:group|groups} left out to keep this summary under GitHub's 1 MiB limit; "
        "the full report: {where}"
    ),
    "ui.ci.summary_log": "this step's log (an annotation per finding)",
    "ui.ci.files_group": "group {folder}",
    "ui.ci.files_orphans": "rotation logs with no charter (GC005)",
    "ui.ci.files_ignored": "named but not read (not a charter or rotation log)",
    "ui.ci.files_total": "{groups:group|groups}, {files:file|files}",
    # import rotations / export (cli/authoring.py, excel.py)
    "import.missing_value": "{column}: empty",
    "import.bad_role": "{column}: '{value}' is not 干部/cadre or 教师/teacher",
    "import.bad_backbone": "{column}: '{value}' is not yes or no (是/否)",
    "import.bad_date": (
        "{column}: '{value}' is not a date (write 2022-09-01, 2022/9/1, 2022.9.1 or 2022年9月1日)"
    ),
    "import.unknown_school": (
        "{column}: '{value}' is not a school of group {group} (write its id or its name as the "
        "charter has it)"
    ),
    "import.ambiguous_school": "{column}: '{value}' names several schools ({ids}); write the id",
    "import.bad_value": "{column}: {detail}",
    "import.no_sheet": "{file}: no sheet named {sheet} (sheets: {sheets})",
    "import.no_header": (
        "{file}: no sheet has a register's header row (looked for {columns} in the first 10 rows)"
    ),
    "import.missing_columns": "{file}: the header row (row {row}) has no column for {columns}",
    "import.bad_rows": (
        "{count:bad row|bad rows}; nothing written (correct them, or use --skip-bad to import the "
        "good rows only)"
    ),
    "import.skipped": "skipped {count:bad row|bad rows} (--skip-bad)",
    "import.other_groups": "ignored {count:row|rows} of other groups",
    "import.written": "wrote {count:exchange|exchanges} of group {group} to {file}",
    "import.exists": (
        "{file} already exists; use --force to replace it, or --output {suggestion} to add a "
        "log beside it (a group's logs are merged)"
    ),
    "import.no_group": "no charter with id {group} under {path} (use --charters PATH)",
    "import.many_groups": "group id {group} is used by several charters: {files}",
    "import.charter_broken": (
        "the charter of {group} ({file}) cannot be loaded; run groupcheck validate on it first"
    ),
    "ui.export.sheet.findings": "findings",
    "ui.export.sheet.matrix": "years",
    "ui.export.sheet.exchanges": "exchanges",
    "ui.export.sheet.groups": "groups",
    "ui.export.group": "group",
    "ui.export.group_name": "group name",
    "ui.export.rule": "rule",
    "ui.export.rule_name": "rule name",
    "ui.export.severity": "severity",
    "ui.export.severity.error": "error",
    "ui.export.severity.warning": "warning",
    "ui.export.severity.info": "info",
    "ui.export.year": "year",
    "ui.export.file": "file",
    "ui.export.line": "line",
    "ui.export.message": "message",
    "ui.export.waived": "waived",
    "ui.export.calendar_year": "calendar year",
    "ui.export.academic_year": "academic year",
    "ui.export.judged": "judged",
    "ui.export.cadres": "cadres on exchange",
    "ui.export.cadre_names": "cadre names",
    "ui.export.teachers": "teachers on exchange",
    "ui.export.core_teachers": "core school teachers",
    "ui.export.teacher_share": "teacher share",
    "ui.export.first_year_teachers": "teachers sent this year",
    "ui.export.first_year_share": "share sent this year",
    "ui.export.backbone": "backbone teachers",
    "ui.export.backbone_share": "backbone share",
    "ui.export.funds_yuan": "special funds (yuan)",
    "ui.export.funds_other_yuan": "other channels, not counted (yuan)",
    "ui.export.funds_threshold": "required (yuan)",
    "ui.export.funds_judged": "funds judged",
    "ui.export.funds_met": "funds met",
    "ui.export.figure_found": "found",
    "ui.export.figure_needed": "needed",
    "ui.export.figure_verdict": "verdict",
    "ui.export.verdict.pass": "pass",
    "ui.export.verdict.fail": "fail",
    "ui.export.verdict.waived": "waived",
    "ui.export.verdict.skip": "not judged",
    "ui.export.status": "status",
    "ui.export.errors": "errors",
    "ui.export.warnings": "warnings",
    "ui.export.wrote": "wrote {file}",
    # groupcheck fix
    "ui.fix.fixed": "fixed {file}: {what}",
    "ui.fix.nothing": "nothing to fix",
    "ui.fix.lines": " (line {lines})",
    "ui.fix.lines_many": " (lines {lines})",
    "ui.fix.kind.reencode": "re-encoded from {before} to UTF-8",
    "ui.fix.kind.bom": "byte-order mark removed",
    "ui.fix.kind.fullwidth_colon": "full-width colon '：' → ':'",
    "ui.fix.kind.fullwidth_comma": "full-width comma '，' → ','",
    "ui.fix.kind.fullwidth_space": "full-width space '　' → ' '",
    "ui.fix.kind.tab_indent": "tab indentation → spaces",
    "ui.fix.kind.date": "date {before} → {after}",
    "ui.fix.kind.key": "key {before} → {after}",
    "ui.fix.kind.key_far": "key {before} → {after}",
    "ui.fix.kind.enum": "value {before} → {after}",
    "ui.fix.kind.quote": "{before} quoted as text: {after}",
    "ui.fix.unsafe_available": (
        "{count} more fix(es) with --unsafe-fixes, which change what the file says: {what}"
    ),
    "ui.fix.refused.outside": (
        "a link that leads outside the checked folder: not followed, not fixed"
    ),
    "ui.fix.refused.ambiguous_encoding": (
        "the bytes read cleanly as {encodings} alike: not re-encoded (save it as UTF-8 yourself)"
    ),
    "ui.fix.refused.encoding": "the file looks like {encoding}: not re-encoded; save it as UTF-8",
    "ui.fix.refused.unparsable": (
        "not fixed: it would still not be valid YAML (see the finding below)"
    ),
    "ui.fix.refused.changed": "changed while it was being fixed: left as it is",
    "ui.fix.refused.unverified": (
        "the fixed file did not read back to the same data: left as it is"
    ),
    "ui.fix.refused.unwritable": "cannot write the fixed file: {reason}",
    "ui.fix.recheck": "Re-checked; what still stands:",
    "ui.fix.clean": "No findings stand.",
}

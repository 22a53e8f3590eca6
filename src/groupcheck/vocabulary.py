"""The enums of format v1 and their words: one table per enum, read by every part of groupcheck.

Each enum value has one row: its English value (what the bundled charters write and the JSON
report carries), its Chinese and English labels (what reports, the workbook and the editor
schema show) and the other words a clerk may write for it. The seeds' own terms are accepted
(004's 学校发展 … 发展潜能; 003's 教育改革、教学研究、师资培训、课程开发), each **in its own enum
only**: ``role: 教师发展`` is not a role but an evaluation dimension, and the loader says so.

The models (synonyms on load), the JSON Schema (``enum`` and ``enumDescriptions``), the message
and report catalogs (``ui.model.tight``, ``level.primary``), the register importer and the
workbook read these tables; none keeps a list of its own. This module imports nothing of
groupcheck, so every layer may read it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, Literal, TypeVar

Lang = Literal["en", "zh"]


class Level(StrEnum):
    PRESCHOOL = "preschool"
    PRIMARY = "primary"
    JUNIOR = "junior"
    SENIOR = "senior"
    NINE_YEAR = "nine-year"
    TWELVE_YEAR = "twelve-year"
    MIXED = "mixed"


class GroupModel(StrEnum):
    """How tightly the core school runs the group (002, 003)."""

    TIGHT = "tight"
    ALLIANCE = "alliance"
    HYBRID = "hybrid"
    TRUSTEESHIP = "trusteeship"


class Relation(StrEnum):
    """A member school's relation to the core school (000)."""

    INTEGRATION = "integration"
    COMBINATION = "combination"


class Role(StrEnum):
    CADRE = "cadre"
    TEACHER = "teacher"


class Use(StrEnum):
    """What special funds are spent on (003 四(六), 004, 000)."""

    TEACHER_TRAINING = "teacher_training"
    CURRICULUM = "curriculum"
    RESEARCH = "research"
    CULTURE = "culture"
    REFORM = "reform"
    MANAGEMENT = "management"
    OTHER = "other"


class Channel(StrEnum):
    """Where a grant's money comes from (002: the finance department at the same level)."""

    FINANCE = "finance"
    POOLED = "pooled"
    OTHER = "other"


class Dimension(StrEnum):
    """The five dimensions of the annual evaluation (004)."""

    SCHOOL = "school"
    TEACHER = "teacher"
    STUDENT = "student"
    RECOGNITION = "recognition"
    POTENTIAL = "potential"


class Scope(StrEnum):
    IN_DISTRICT = "in-district"
    OUT_OF_DISTRICT = "out-of-district"


E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True)
class Term(Generic[E]):
    """One enum value and its words."""

    value: E
    zh: str
    """The Chinese label, as reports show it; also accepted on load."""
    en: str
    """The English label, as English reports show it."""
    synonyms: tuple[str, ...] = ()
    """Other words accepted on load (the seeds' own terms, short forms)."""
    note: str = ""
    """What the value means, in English, for the editor schema's hover text (the English label
    where there is none)."""

    @property
    def words(self) -> tuple[str, ...]:
        """What a charter may write for this value: the value, the Chinese label, the synonyms
        (in that order, without repeats)."""
        return tuple(dict.fromkeys((self.value.value, self.zh, *self.synonyms)))

    def label(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Vocabulary(Generic[E]):
    """The table of one enum: its name in both languages and one ``Term`` per value."""

    enum: type[E]
    key: str
    """The prefix of its labels in the catalogs (``model`` → ``model.tight``)."""
    yaml_field: str
    """The charter field that holds it, as docs/format.md names it."""
    name_en: str
    """What one value is, in English (``a role``), for messages."""
    name_zh: str
    """The same in Chinese (``身份``)."""
    terms: tuple[Term[E], ...]
    _by_word: dict[str, E] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        values = [term.value for term in self.terms]
        if values != list(self.enum):
            raise ValueError(f"the table of {self.enum.__name__} must list {list(self.enum)}")
        by_word: dict[str, E] = {}
        for term in self.terms:
            for word in term.words:
                if by_word.setdefault(word, term.value) is not term.value:
                    raise ValueError(f"{word!r} names two values of {self.enum.__name__}")
        object.__setattr__(self, "_by_word", by_word)

    def name(self, lang: Lang) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    def __iter__(self) -> Iterator[Term[E]]:
        return iter(self.terms)

    def find(self, word: str, *, fold_case: bool = False) -> E | None:
        """The value ``word`` names in this enum (surrounding spaces ignored), or None."""
        word = word.strip()
        found = self._by_word.get(word)
        if found is None and fold_case:
            found = self._by_word.get(word.lower())
        return found

    def term(self, value: E | str) -> Term[E]:
        return next(term for term in self.terms if term.value == value)

    def label(self, value: E | str, lang: Lang) -> str:
        return self.term(value).label(lang)

    @property
    def words(self) -> tuple[str, ...]:
        """Every accepted word, value by value."""
        return tuple(self._by_word)

    def closest(self, word: str) -> tuple[Term[E], ...]:
        """The terms a mistaken ``word`` most likely meant: the one whose words look most
        alike, or every term when none is close."""
        import difflib  # here: suggestions are for a bad value, not every start

        scored = [
            (max(difflib.SequenceMatcher(None, word, w).ratio() for w in term.words), term)
            for term in self.terms
        ]
        best = max(score for score, _ in scored)
        if best < 0.5:
            return self.terms
        return tuple(term for score, term in scored if score == best)


LEVEL = Vocabulary(
    Level,
    key="level",
    yaml_field="level",
    name_en="a school level",
    name_zh="学段",
    terms=(
        Term(Level.PRESCHOOL, "学前", "preschool"),
        Term(Level.PRIMARY, "小学", "primary", note="primary school"),
        Term(Level.JUNIOR, "初中", "junior", note="junior middle school"),
        Term(Level.SENIOR, "高中", "senior", note="senior high school"),
        Term(Level.NINE_YEAR, "九年一贯制", "nine-year", note="nine-year school"),
        Term(Level.TWELVE_YEAR, "十二年一贯制", "twelve-year", note="twelve-year school"),
        Term(Level.MIXED, "混合学段", "mixed", note="mixed levels"),
    ),
)

GROUP_MODEL = Vocabulary(
    GroupModel,
    key="model",
    yaml_field="model",
    name_en="a group model",
    name_zh="办学模式",
    terms=(
        Term(
            GroupModel.TIGHT,
            "紧密型",
            "tight",
            ("紧密",),
            "tight: the core school manages people, money and things",
        ),
        Term(
            GroupModel.ALLIANCE,
            "联盟型",
            "alliance",
            ("联盟",),
            "alliance: members keep legal person and funding",
        ),
        Term(GroupModel.HYBRID, "混合型", "hybrid", ("混合",)),
        Term(
            GroupModel.TRUSTEESHIP,
            "托管型",
            "trusteeship",
            ("托管",),
            "trusteeship: one school takes over 1 to 5 others",
        ),
    ),
)

RELATION = Vocabulary(
    Relation,
    key="relation",
    yaml_field="relation",
    name_en="a relation to the core school",
    name_zh="与核心校的关系",
    terms=(
        Term(
            Relation.INTEGRATION,
            "融合型",
            "integration",
            ("融合",),
            "integration: one council, one management",
        ),
        Term(
            Relation.COMBINATION,
            "联合型",
            "combination",
            ("联合",),
            "combination: a pairing alliance",
        ),
    ),
)

ROLE = Vocabulary(
    Role,
    key="role",
    yaml_field="role",
    name_en="a role",
    name_zh="身份",
    terms=(
        Term(Role.CADRE, "干部", "cadre", note="cadre: a school leader"),
        Term(Role.TEACHER, "教师", "teacher"),
    ),
)

USE = Vocabulary(
    Use,
    key="use",
    yaml_field="uses",
    name_en="a use of funds",
    name_zh="经费用途",
    terms=(
        Term(Use.TEACHER_TRAINING, "教师培训", "teacher training", ("师资培训", "业务培训")),
        Term(Use.CURRICULUM, "课程建设", "curriculum development", ("课程开发",)),
        Term(Use.RESEARCH, "教研", "teaching research", ("教学研究",)),
        Term(Use.CULTURE, "文化建设", "culture building"),
        Term(Use.REFORM, "教育改革", "education reform"),
        Term(Use.MANAGEMENT, "管理", "management", note="management (warned by default, GC302)"),
        Term(Use.OTHER, "其他", "other", note="other (warned by default, GC302)"),
    ),
)

CHANNEL = Vocabulary(
    Channel,
    key="channel",
    yaml_field="channel",
    name_en="a funding channel",
    name_zh="经费渠道",
    terms=(
        Term(
            Channel.FINANCE,
            "财政拨款",
            "finance",
            ("财政",),
            "finance: the finance department's special fund (counted by default, GC301)",
        ),
        Term(
            Channel.POOLED,
            "成员校公用经费统筹",
            "pooled members' funds",
            ("公用经费统筹", "统筹"),
            "pooled: members' public funds pooled by the group (003 四(六))",
        ),
        Term(Channel.OTHER, "其他渠道", "other", note="other money"),
    ),
)

DIMENSION = Vocabulary(
    Dimension,
    key="dimension",
    yaml_field="dimensions",
    name_en="an evaluation dimension",
    name_zh="考核维度",
    terms=(
        Term(Dimension.SCHOOL, "学校发展", "school development"),
        Term(Dimension.TEACHER, "教师发展", "teacher development"),
        Term(Dimension.STUDENT, "学生发展", "student development"),
        Term(Dimension.RECOGNITION, "社会认可", "social recognition"),
        Term(Dimension.POTENTIAL, "发展潜能", "development potential", ("发展潜力",)),
    ),
)

SCOPE = Vocabulary(
    Scope,
    key="scope",
    yaml_field="scope",
    name_en="an approval scope",
    name_zh="审批范围",
    terms=(
        Term(Scope.IN_DISTRICT, "区内", "in-district"),
        Term(Scope.OUT_OF_DISTRICT, "跨区", "out-of-district"),
    ),
)

VOCABULARIES: tuple[Vocabulary[Any], ...] = (
    GROUP_MODEL,
    RELATION,
    ROLE,
    LEVEL,
    SCOPE,
    DIMENSION,
    USE,
    CHANNEL,
)
"""Every table, in the order docs/format.md lists them."""


KEYS: dict[str, tuple[str, str]] = {
    # The "five one" documents (000), keys of a charter's ``documents`` (GC102).
    "work_plan": ("工作方案", "work plan"),
    "charter": ("集团章程", "group charter"),
    "management_rules": ("管理制度", "management rules"),
    "development_plan": ("三年发展规划", "three-year development plan"),
    "research_project": ("教研课题", "teaching and research project"),
    # The council's filing (GC104).
    "filed_with": ("备案机关", "filing office"),
    "filed_on": ("备案日期", "filing date"),
    # The approval (GC105).
    "approved_by": ("批准机关", "approving body"),
    "approved_on": ("批准日期", "approval date"),
    "document_no": ("批准文号", "document number"),
    # The out-of-district agreement's three clauses (GC105, 003 三(二)).
    "staff_keep_relationship": ("派出人员不得调动关系", "that dispatched staff keep their posts"),
    "host_pays_staff_costs": (
        "被托管方负责派出人员经费",
        "that the receiving side pays the dispatched staff's costs",
    ),
    "trusteeship_fee_yuan": ("托管费用", "the trusteeship fee"),
    # An exchange's two ends (GC205).
    "from": ("派出校", "sending school"),
    "to": ("接收校", "receiving school"),
}
"""Charter keys a finding names, with their Chinese and English words (``zh``, ``en``): a
message says 三年发展规划, never ``development_plan``."""


def label_of(kind: str, value: Any, lang: Lang) -> str:
    """``value`` as ``lang`` words it, ``kind`` naming its table: a vocabulary's key
    (``dimension``, ``use``, ``channel``, …) or ``key`` (a charter key, ``KEYS``). A value no
    table knows is returned as it is (data, or a word written outside the tables)."""
    text = str(value.value if isinstance(value, StrEnum) else value)
    if kind == "key":
        found = KEYS.get(text)
        return (found[0] if lang == "zh" else found[1]) if found else text
    for vocabulary in VOCABULARIES:
        if vocabulary.key == kind:
            value_of = vocabulary.find(text)
            return vocabulary.label(value_of, lang) if value_of is not None else text
    return text


def joined(items: list[str], lang: Lang) -> str:
    """A list as a sentence writes it: 甲、乙、丙 in Chinese, ``a, b and c`` in English."""
    if lang == "zh":
        return "、".join(items)
    return (
        " and ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 2 else " and ".join(items)
    )


def say(value: Any, lang: Lang) -> str:
    """A parameter's value as a sentence shows it: an enum value by its label, a charter key
    by its words (``KEYS``), a list of them joined (、 in Chinese), true/false as 是/否 or
    yes/no, a whole float without ``.0``."""
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return joined([say(item, lang) for item in items], lang)
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, StrEnum):
        for vocabulary in VOCABULARIES:
            if isinstance(value, vocabulary.enum):
                return vocabulary.label(value, lang)
    if isinstance(value, str) and value in KEYS:
        return label_of("key", value, lang)
    return str(value)


def named(name: str) -> Vocabulary[Any]:
    """The table of the enum called ``name`` (``"Role"``)."""
    for vocabulary in VOCABULARIES:
        if vocabulary.enum.__name__ == name:
            return vocabulary
    raise KeyError(name)


def other_enum(word: str, enum: type[StrEnum]) -> tuple[Vocabulary[Any], StrEnum] | None:
    """The other enum whose Chinese label or synonym ``word`` is, and the value it names there:
    ``教师发展`` written as a role is the evaluation dimension ``teacher``. English values are
    not looked up (``teacher`` is a role and a dimension; ``other`` is not a relation)."""
    for vocabulary in VOCABULARIES:
        if vocabulary.enum is enum:
            continue
        found = vocabulary.find(word)
        if found is not None and word.strip() != found.value:
            return vocabulary, found
    return None


def is_word(word: str) -> bool:
    """Whether ``word`` is a value or a word of any enum."""
    return any(vocabulary.find(word) is not None for vocabulary in VOCABULARIES)


def catalog(lang: Lang, prefix: str = "") -> dict[str, str]:
    """Every value's label as catalog entries: ``{prefix}model.tight`` → ``紧密型``."""
    return {
        f"{prefix}{vocabulary.key}.{term.value.value}": term.label(lang)
        for vocabulary in VOCABULARIES
        for term in vocabulary
    }


def markdown_table() -> str:
    """The table of accepted words that docs/format.md shows (a test keeps it current)."""
    lines = ["| field | accepted |", "|---|---|"]
    for vocabulary in VOCABULARIES:
        cells = [
            f"{' / '.join(term.words[1:])} → `{term.value.value}`"
            for term in vocabulary
            if len(term.words) > 1
        ]
        lines.append(f"| `{vocabulary.yaml_field}` | {'; '.join(cells)} |")
    return "\n".join(lines) + "\n"


REGISTER_HEADERS: dict[str, tuple[str, ...]] = {
    "group": ("集团", "集团标识", "集团名称", "group"),
    "person": ("姓名", "person", "name"),
    "staff_no": ("工号", "职工号", "staff_no", "staff no", "staff number"),
    "role": ("身份", "role"),
    "backbone": ("骨干", "骨干教师", "是否骨干", "backbone"),
    "from": ("派出学校", "from"),
    "to": ("接收学校", "to"),
    "start": ("开始日期", "start"),
    "end": ("结束日期", "end"),
}
"""A rotation register's columns (交流轮岗名册): the header texts accepted per field, compared
without case, spaces or underscores, the first the one written (``import rotations`` reads
them, ``export``'s exchanges sheet writes them)."""

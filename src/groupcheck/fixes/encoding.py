"""Which text a file's bytes hold: UTF-8, or a clean decode of GBK/GB18030 or UTF-16.

Re-encoding is a safe fix only when the decode is not a guess. Every candidate encoding the
bytes could be in is tried; a candidate is *plausible* when the bytes decode without a single
error and the text reads as what a clerk writes (for the Chinese double-byte encodings: the
characters are, nearly all, the common ones of that encoding's repertoire; see ``_common``).
``fixes.plan`` then keeps a candidate only if its text, once its syntax is mended, parses as a
YAML mapping. When two candidates survive (a short file that is good GBK and good Big5), the
file is left for a person: the fix never chooses between two plausible readings.

Big5 is tried only as a rival: a file that reads as Big5 alone is not re-encoded (the issue
that asked for this fix names GBK, GB18030 and UTF-16, the encodings of mainland Windows).
"""

from __future__ import annotations

from dataclasses import dataclass

UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_CONTROLS = {chr(c) for c in range(32) if chr(c) not in "\t\n\r"} | {"\x7f"}


@dataclass(frozen=True)
class Reading:
    """One way to read the bytes: the text, and the encoding it came from.

    ``label`` is what the clerk is told (``GBK``, ``UTF-16``); ``fixable`` is False for a
    rival reading that is never written (Big5); ``bom`` is True when a UTF-8 byte-order mark
    was dropped.
    """

    text: str
    label: str
    fixable: bool = True
    bom: bool = False

    @property
    def reencoded(self) -> bool:
        return self.label != "UTF-8"


def readings(data: bytes) -> list[Reading]:
    """Every plausible reading of ``data`` (empty when it is none of them: binary, UTF-32)."""
    if data.startswith(UTF8_BOM):
        text = _decode(data[3:], "utf-8")
        return [] if text is None else [Reading(text, "UTF-8", bom=True)]
    if data.startswith(_UTF32_BOMS):
        return []
    for bom, codec in _UTF16_BOMS.items():
        if data.startswith(bom):
            text = _decode(data[2:], codec)
            return [] if text is None else [Reading(text, "UTF-16")]
    if b"\x00" not in data:
        text = _decode(data, "utf-8")
        if text is not None:
            return [Reading(text, "UTF-8")]
        found: list[Reading] = []
        for codec, fixable in (("gb18030", True), ("big5", False)):
            decoded = _decode(data, codec)
            if decoded is not None and _common(decoded, codec):
                found.append(Reading(decoded, _label(decoded) if fixable else "Big5", fixable))
        return found
    if len(data) % 2:
        return []
    found = []
    for codec in ("utf-16-le", "utf-16-be"):
        decoded = _decode(data, codec)
        if decoded is not None:
            found.append(Reading(decoded, "UTF-16"))
    return found


def _decode(data: bytes, codec: str) -> str | None:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    if any(c in _CONTROLS for c in text) or "\ufeff" in text:
        return None
    return text


def _label(text: str) -> str:
    try:
        text.encode("gbk")
    except UnicodeEncodeError:
        return "GB18030"
    return "GBK"


def _common(text: str, codec: str) -> bool:
    """Whether at least four in five of the non-ASCII characters (all but one, in a short
    text) are common ones of ``codec``.

    The common repertoire of GBK text is GB2312 (the 6,763 characters of daily use and the
    full-width punctuation); of Big5, its level-1 characters and symbols (lead byte up to
    0xC6). The same bytes read in the other encoding give mostly rare characters: a GBK
    charter read as Big5 gives 20 rare characters in 34, a Big5 one read as GB18030 16 in 34.
    """
    wide = [c for c in text if ord(c) > 0x7F]
    if not wide:
        return True
    rare = sum(1 for c in wide if not _is_common(c, codec))
    return rare <= max(1, len(wide) // 5)


def _is_common(char: str, codec: str) -> bool:
    try:
        if codec == "big5":
            return char.encode("big5")[0] <= 0xC6
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True

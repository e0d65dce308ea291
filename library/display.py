"""Text made safe to show: bidi controls and invisible characters become visible placeholders.

Articles and notes come from the open web. A right-to-left override (U+202E) or an isolate
(U+2066) reorders what a terminal or a browser draws, so a quote can be made to read as other
words (Trojan Source); zero-width characters hide inside words. None of this is removed from the
canonical text, whose offsets highlights count in: only what is displayed changes.

Two forms: `for_display` names each character (`⟨U+202E⟩`) for the CLI and the HTML export;
`for_display_cells` puts one placeholder per code point (the same length, so offsets and cell
columns of the reader stay valid). Joiners that shape real text stay: ZWJ inside an emoji
sequence or between letters of a script that joins (Devanagari, Arabic…), ZWNJ after such a
letter, and tag characters in a subdivision flag (🏴 + tags).
"""

from __future__ import annotations

import re
import unicodedata

from library.text import clean_inline

PLACEHOLDER = "\ufffd"  # one cell wide in every terminal font, and plainly "something is here"
ZWNJ, ZWJ = "\u200c", "\u200d"
_BLACK_FLAG = "\U0001f3f4"

# Always shown as placeholders: every format character (Unicode category Cf) but the visible
# prepended number marks (U+0600–0605, 06DD, 070F, 0890–0891, 08E2, 110BD, 110CD) and the
# joiners decided by context below: bidi embeddings, overrides, isolates and marks, zero-width
# and invisible characters; also the invisible marks and Hangul fillers used as blank names.
_ALWAYS = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b\u200e\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\U00013430-\U00013438"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
)
_CANDIDATES = re.compile(f"[{_ALWAYS}{ZWNJ}{ZWJ}\U000e0000-\U000e007f]")
_ALWAYS_SET = re.compile(f"[{_ALWAYS}]")


def _is_pictographic(char: str) -> bool:
    """Roughly Unicode's Extended_Pictographic, plus the modifiers an emoji sequence joins on."""
    code = ord(char)
    return (
        0x1F000 <= code <= 0x1FAFF
        or 0x2600 <= code <= 0x27BF
        or 0x2300 <= code <= 0x23FF
        or 0x2B00 <= code <= 0x2BFF
        or code in (0xFE0F, 0x20E3, 0x00A9, 0x00AE, 0x203C, 0x2049, 0x2122, 0x2139, 0x3030)
    )


# Scripts whose letter forms ZWJ and ZWNJ choose: Arabic to N'Ko, the Indic scripts, Myanmar,
# Khmer and Mongolian, and the later Indic blocks.
_JOINING_SCRIPTS: tuple[tuple[int, int], ...] = (
    (0x0600, 0x08FF),
    (0x0900, 0x0DFF),
    (0x1000, 0x109F),
    (0x1780, 0x18AF),
    (0xA800, 0xABFF),
    (0x11000, 0x11DFF),
)


def _joining_letter(char: str) -> bool:
    """A letter or mark of a script where ZWJ and ZWNJ choose letter forms."""
    code = ord(char)
    return unicodedata.category(char)[0] in "LM" and any(
        low <= code <= high for low, high in _JOINING_SCRIPTS
    )


def _hidden(text: str, i: int) -> bool:
    """Whether text[i] (a candidate character) is shown as a placeholder, given its neighbours."""
    char = text[i]
    if _ALWAYS_SET.match(char):
        return True
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if char == ZWJ:
        if before and after and _is_pictographic(before) and _is_pictographic(after):
            return False
        return not (before and after and _joining_letter(before) and _joining_letter(after))
    if char == ZWNJ:
        return not (before and _joining_letter(before))
    # A tag character: kept only in the run that follows a black flag (🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scotland).
    j = i - 1
    while j >= 0 and "\U000e0000" <= text[j] <= "\U000e007f":
        j -= 1
    return not (j >= 0 and text[j] == _BLACK_FLAG)


def has_hidden(text: str) -> bool:
    """Whether text holds any character `for_display` would replace."""
    return any(_hidden(text, m.start()) for m in _CANDIDATES.finditer(text))


def hidden_characters(text: str) -> list[str]:
    """The characters of text `for_display` would replace, in order."""
    return [m[0] for m in _CANDIDATES.finditer(text) if _hidden(text, m.start())]


def display_line(value: str | None) -> str:
    """One line of untrusted text (a title, a tag, a speaker, a quote) as a screen shows it:
    controls removed, whitespace folded (`clean_inline`), then one placeholder per bidi control
    or invisible character. Never for what is stored or copied."""
    return for_display_cells(clean_inline(value))


def _json_escape(found: re.Match[str]) -> str:
    code = ord(found[0])
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_escaped(encoded: str) -> str:
    """JSON text with every bidi control and invisible character written as a `\\u` escape: a
    JSON reader gets the same strings back, a terminal showing it is not reordered by them."""
    return _CANDIDATES.sub(_json_escape, encoded)


def for_display(text: str) -> str:
    """Text with each bidi control and invisible character named, e.g. `⟨U+202E⟩`."""
    if _CANDIDATES.search(text) is None:
        return text
    out: list[str] = []
    last = 0
    for match in _CANDIDATES.finditer(text):
        i = match.start()
        if _hidden(text, i):
            out.append(text[last:i])
            out.append(f"⟨U+{ord(text[i]):04X}⟩")
            last = i + 1
    out.append(text[last:])
    return "".join(out)


def for_display_cells(text: str, start: int = 0, end: int | None = None) -> str:
    """text[start:end] with one placeholder per hidden code point: the same length as the slice.

    The neighbours outside the slice still count (a ZWJ at a line's edge joins across it).
    """
    stop = len(text) if end is None else end
    if _CANDIDATES.search(text, start, stop) is None:
        return text[start:stop]
    chars = list(text[start:stop])
    for match in _CANDIDATES.finditer(text, start, stop):
        i = match.start()
        if _hidden(text, i):
            chars[i - start] = PLACEHOLDER
    return "".join(chars)

"""Canonical text: deterministic normalisation of block text and the join that offsets count in."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

from library.model import BLOCK_SEPARATOR, Block, BlockKind

# C0 and C1 control characters, DEL, and the Unicode line/paragraph separators. Tab and newline are
# whitespace and are folded by `clean_block`; everything else here would reach the terminal raw.
# Lone surrogates (\ud800-\udfff) are bytes that were not UTF-8 in an argument: not text, and
# no write or display can encode them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_WHITESPACE = re.compile(r"[ \t\n\r\f\v\u200b]+")
_INVISIBLE = re.compile(r"[\u00ad\ufeff]")  # soft hyphen, BOM
# Controls that are not whitespace (tab, newline, VT, FF and CR are folded to a space instead).
_INLINE_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
# Characters `clean_inline` would remove or fold (newlines between lines are fine). A plain
# character class: a regex with alternatives is several times slower over megabytes.
_UNCLEAN = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\u00ad\ufeff\u200b]")
_WORD = re.compile(r"\w+(?:[’'.-]\w+)*")


def plural(n: int, word: str) -> str:
    """ "1 highlight", "2 highlights"."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


MAX_LINES_SHOWN = 20  # of a long list of problems or skipped files, the lines named on screen


def at_most(lines: list[str], more: str) -> list[str]:
    """The first MAX_LINES_SHOWN of lines, then one line counting the rest ("… and 1,203 more
    files skipped", more being "more files skipped")."""
    shown = lines[:MAX_LINES_SHOWN]
    if len(lines) > MAX_LINES_SHOWN:
        shown.append(f"… and {len(lines) - MAX_LINES_SHOWN:,} {more}")
    return shown


def is_number(value: str) -> bool:
    """Whether value is a plain number int() reads ("12"; not "²", which isdigit() is)."""
    return value.isascii() and value.isdigit()


def strip_controls(value: str) -> str:
    """Remove control characters (except tab and newline) so text can never drive the terminal."""
    if value.isprintable():  # no control, no CR, no line or paragraph separator: nothing to do
        return value
    if value.replace("\n", "").replace("\t", "").isprintable():  # lines of printable text
        return value
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def clean_inline(value: str | None) -> str:
    """One line of display text: controls removed, whitespace runs folded to one space, trimmed.

    Idempotent (cleaning clean text changes nothing), which offsets depend on: controls go
    before whitespace is folded (else "a \x1f b" would keep two spaces), NFC comes last (a
    removed soft hyphen can leave a sequence that composes).
    """
    if not value:
        return ""
    if (  # already canonical (most text is): four scans in C instead of three substitutions
        # A printable line holds no control, line break or invisible character: one scan,
        # twice as fast as the pattern's, which answers only for the others.
        (value.isprintable() or ("\n" not in value and _UNCLEAN.search(value) is None))
        and "  " not in value
        and value == value.strip()
        and unicodedata.is_normalized("NFC", value)
    ):
        return value
    value = _INLINE_CONTROL.sub("", _INVISIBLE.sub("", value))
    value = _WHITESPACE.sub(" ", value)
    return unicodedata.normalize("NFC", value).strip()


def clean_block(value: str) -> str:
    """The canonical form of a block's text: one line, NFC, no controls, single spaces."""
    return clean_inline(value)


def is_clean(value: str) -> bool:
    """Whether every line of value is already in canonical form (so cleaning would change nothing).

    One pass over a whole stored article instead of cleaning it block by block: files Margin wrote
    itself are always clean, and reading a 5 MB article should not pay for cleaning it again.
    """
    return (
        "  " not in value
        and " \n" not in value
        and "\n " not in value
        and _UNCLEAN.search(value) is None
        and unicodedata.is_normalized("NFC", value)
    )


def build_text(
    blocks: Iterable[tuple[BlockKind, str]], *, clean: bool = True
) -> tuple[str, list[Block]]:
    """Join cleaned, non-empty blocks with a blank line; return the text and the block spans.

    With clean=False the blocks must already be canonical (see `is_clean`).
    """
    parts: list[str] = []
    spans: list[Block] = []
    offset = 0
    for kind, raw in blocks:
        body = clean_block(raw) if clean else raw
        if not body:
            continue
        if parts:
            offset += len(BLOCK_SEPARATOR)
        parts.append(body)
        spans.append(Block(kind, offset, offset + len(body)))
        offset += len(body)
    return BLOCK_SEPARATOR.join(parts), spans


# Letters of scripts written without spaces between words: Han, kana, Thai, Lao, Myanmar, Khmer
# (their combining vowel and tone marks excluded). Korean puts spaces between words: not listed.
UNSPACED_LETTERS = (
    "\u0e01-\u0e30\u0e32\u0e33\u0e40-\u0e46\u0e81-\u0eb0\u0eb2\u0eb3\u0ebd-\u0ec6"
    "\u1000-\u102a\u1780-\u17b3\u3005\u3007\u3041-\u3096\u30a1-\u30fa\u30fc"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9d\U00020000-\U0003134f"
)


_FIRST_UNSPACED = "\u0e01"  # the lowest letter of UNSPACED_LETTERS


@functools.cache
def _unspaced() -> re.Pattern[str]:
    """The letters' pattern, compiled on first use (~1.5 ms the first paint need not wait for)."""
    return re.compile(f"[{UNSPACED_LETTERS}]")


def count_words(text: str) -> int:
    """Number of words in text, counting hyphenated and apostrophised words once.

    In scripts written without spaces each letter counts as a word, the way Chinese and Japanese
    measure an article (字数, 文字数) and word processors count them.
    """
    unspaced = count_unspaced(text)
    if unspaced:
        text = _unspaced().sub(" ", text)
    if text.isascii() or len(text.encode("utf-8", "surrogatepass")) - len(text) < len(text) >> 5:
        return unspaced + count_marked(text)
    # Text mostly outside ASCII (Greek, Cyrillic): the pattern, whose matches subn counts in C.
    return unspaced + _WORD.subn("", text)[1]


# What `_WORD` sees in each ASCII character: a word character (a), a character that joins two
# words into one (c: an apostrophe, a full stop, a hyphen) or neither (a space).
_ASCII_MARKS = bytes(
    ord("a") if chr(n).isalnum() or n == ord("_") else ord("c") if chr(n) in "'.-" else ord(" ")
    for n in range(256)  # bytes.translate needs all 256; text reaching it is ASCII
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


@functools.lru_cache(maxsize=4096)
def _ascii_stand_in(run: str) -> str:
    """ASCII characters that `_ASCII_MARKS` marks as `_WORD` sees these ("é" a letter, "’"
    an apostrophe, "—" a space)."""
    return "".join("a" if c.isalnum() else "'" if c == "’" else " " for c in run)


def count_marked(text: str) -> int:
    """The number of `_WORD` matches in text, counted from a mark for each character with
    bytes.translate and bytes.count: a tenth of the pattern's time on ASCII text (a 300-page
    PDF: 3 ms instead of 25), a third where a few characters are not ASCII (quotes, accents)."""
    if not text.isascii():
        text = _NON_ASCII.sub(lambda found: _ascii_stand_in(found.group()), text)
    marks = b" " + text.encode("ascii").translate(_ASCII_MARKS)
    # A word starts at a word character after a space, or after a joining character that no
    # word character precedes ("'tis", ".5"); one after "a." or "a-" goes on a word ("e.g").
    return marks.count(b" a") + marks.count(b" ca") + marks.count(b"cca")


def has_unspaced(text: str) -> bool:
    """Whether text may hold letters of a script written without spaces (cheap: every such
    letter lies at or above U+0E01, so text below it holds none)."""
    return not text.isascii() and max(text) >= _FIRST_UNSPACED


def count_unspaced(text: str) -> int:
    """Number of letters in text from scripts written without spaces between words."""
    if not has_unspaced(text):  # most text has none: no scan at all
        return 0
    return _unspaced().subn("", text)[1]


_REPEAT_WORDS = re.compile(r"\w+(?:['’]\w+)*")
_SENTENCE_END = re.compile(r"[.!?…]+[\"')\]]*(?:\s|$)")
MIN_STANDFIRST_WORDS = 4


def repeats_opening(standfirst: str, body: str) -> bool:
    """Whether body opens with the standfirst's words, the punctuation between them aside, and
    the repeat ends where a sentence or a paragraph of the body ends.

    Pages print a standfirst and then open the article with the same sentences, sometimes
    without the final full stop, sometimes two sentences joined by a semicolon that the body
    prints as two paragraphs (the founding article), sometimes cut short with "…" (then it may
    end anywhere). Only as many of the body's words are read as the standfirst has.
    """
    wanted = [w.casefold() for w in _REPEAT_WORDS.findall(clean_inline(standfirst))]
    if len(wanted) < MIN_STANDFIRST_WORDS:
        return False
    matched, last = 0, None
    for found, want in zip(_REPEAT_WORDS.finditer(body), wanted, strict=False):
        if found.group().casefold() != want:
            return False
        matched, last = matched + 1, found
    if last is None or matched < len(wanted):  # the body is shorter than the standfirst
        return False
    if standfirst.rstrip().endswith(("…", "...")):  # a standfirst cut short: it ends anywhere
        return True
    rest = body[last.end() :].lstrip("\"'”’)]")
    return not rest or rest.startswith(BLOCK_SEPARATOR) or bool(_SENTENCE_END.match(rest))


# A place's label ("1041-1044", "xii", "Chapter 3") is a few characters; a longer one (a 1 MB
# cell of a broken CSV) is cut here, not carried into every export and page map.
MAX_LABEL = 100


def clean_label(text: str) -> str:
    """A place's label as Margin keeps it: one line, no control characters, MAX_LABEL at most."""
    return clean_inline(text[: 4 * MAX_LABEL])[:MAX_LABEL]

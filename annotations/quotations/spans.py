"""Quotation spans over the canonical text: where each quotation starts and ends, marks excluded.

Double marks (straight, curly, the typewriter ‘‘ … ’’ of the seed news format, guillemets) make
the quotations (a straight one between two letters is a wire's apostrophe: `Kuwait"s`); single
marks only where a ‘ opens and a ’ closes in the same paragraph outside a double quotation, so
apostrophes (don’t, ’90s, Menino’s) are never taken for quote marks. A paragraph that opens a
quotation without closing it runs to its end and on into the next one when that opens with a
mark, or when that closes it before opening another (a paragraph break inside a quotation that
does not re-open), also after a few plain paragraphs (a statement a site split); a `>` block
quote whose first mark closes a quotation that continues one starts it at the paragraph's first
word (in a plain paragraph such a mark is a stray). A `>` block quote that does not open with a
mark is its whole block, marks inside it included (a blogger's quoted term or title); each
paragraph of a run of them is a quotation of its own, unless the run cuts a sentence between
two (a page that sets code apart: then the run, up to a paragraph that opens with its own
source or an elision, is one); a paragraph that only elides ("[...]") is none. A straight mark
that reads as closing where none is open opens one when the next mark closes too (`said," [he]
liked …"`: a space on the wrong side); one that reads as opening while a straight quotation of
its paragraph is open, the next mark closing, opens one and leaves the earlier mark a stray.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from annotations.quotations.verbs import SPEECH_VERBS
from library.model import Block

SpanKind = Literal["direct", "partial", "block"]

# Two-character typewriter marks, tried first, so ‘‘ is one double mark and not two single ones.
TYPEWRITER_PAIRS = r"‘‘|’’|``|''"
_MARK = re.compile(TYPEWRITER_PAIRS + r"|[“”„«»\"‘’']")
# The double marks alone, each with its role: the quotations' own pass skips apostrophes. A
# single mark is one character, so this finds the same double marks as _MARK does.
_DOUBLE = re.compile(TYPEWRITER_PAIRS + r"|[“”„«»\"]")
# A ‘ or ' with a word after it and before it a space, a bracket or a dash: one pattern for
# each mark, opening with it (see starts_of; the character before is checked in a lookbehind).
_SINGLE_OPENERS = tuple(
    re.compile(rf"{mark}(?<=[ \t\n(\[{{—–\-/]{mark})(?=[^\W_])") for mark in "‘'"
)
_ONE_CHAR_DOUBLES = '“”„«»"'
_ROLE = {
    **dict.fromkeys(("“", "„", "«", "‘‘", "``"), "open"),
    **dict.fromkeys(("”", "»"), "close"),
    **dict.fromkeys(('"', "''", "’’"), "either"),
}
_OPEN_DOUBLE = frozenset({"“", "„", "«", "‘‘", "``"})
_CLOSE_DOUBLE = frozenset({"”", "»"})
OPENS_AFTER = "([{—–-/"  # what a mark that opens may follow besides a space
_OPENING_CONTEXT = frozenset(" \t\n" + OPENS_AFTER)
# What follows a single mark that drops letters rather than opens a quotation: ’90s, ’em.
ELIDED = re.compile(r"(?:\d\d?s?\b|em\b|til\b|n[’']|tis\b|twas\b|cause\b)", re.IGNORECASE)
_SPACE = frozenset(" \t\n")
_FAR = 1 << 62
# Plain paragraphs a quotation left open may run through before the one that closes it (a
# statement the site split into paragraphs without re-opening marks).
CONTINUED_PARAGRAPHS = 3
_STATEMENT_ENDS = frozenset(".!?,…—–-")  # what stands before the mark that closes a statement


def words(listed: str) -> frozenset[str]:
    """A set of words written as one string."""
    return frozenset(listed.split())


def starts_of(text: str, probes: Iterable[re.Pattern[str]]) -> list[int]:
    """Where any of the probes matches in text, in order. A probe that opens with a literal is
    searched for fast; a pattern that opens with a class of characters is tried at every
    character (several times slower over a whole article): one probe for each first character,
    each taking one character (a lookahead for the rest), finds where such a pattern may start."""
    return sorted(match.start() for probe in probes for match in probe.finditer(text))


def matches_at(
    pattern: re.Pattern[str], text: str, starts: Iterable[int]
) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` finds, given in order every position where a match may
    start (`starts_of`); the pattern never matches the empty string."""
    end = 0
    for start in starts:
        if start >= end:
            match = pattern.match(text, start)
            if match is not None:
                end = match.end()
                yield match


# Span and Paragraph are never changed once made, but not frozen: one is made for every block
# and quotation of an article, and a frozen dataclass is made two to three times slower.
@dataclass(slots=True)
class Span:
    """One quotation found: [start, end) of its words, its marks and the paragraph it is in."""

    start: int
    end: int
    kind: SpanKind
    open_mark: int  # where the opening mark starts (== start when the quotation has none)
    close_mark: int  # where the closing mark ends (== end when it has none)
    paragraph: int  # index of the paragraph the quotation starts in


@dataclass(slots=True)
class Paragraph:
    """A paragraph of the text: a half-open span and the kind of block it is."""

    start: int
    end: int
    kind: str = "paragraph"


def paragraphs(text: str, blocks: Sequence[Block] | None = None) -> list[Paragraph]:
    """The paragraphs to search: the article's blocks, else the text's lines."""
    if blocks is not None:
        return [
            Paragraph(b.start, b.end, b.kind) for b in blocks if 0 <= b.start < b.end <= len(text)
        ]
    found = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            found.append(Paragraph(start, end))
        start = end + 1
    return found


@dataclass(slots=True)
class _Open:
    start: int  # first character inside the quotation
    open_mark: int
    paragraph: int
    kind: SpanKind


def find_spans(text: str, paras: Sequence[Paragraph]) -> list[Span]:
    """Every quotation span of text, in order, never overlapping."""
    spans: list[Span] = []
    pending: _Open | None = None  # a quotation left open at the end of the previous paragraph
    pending_end = 0
    index = 0
    every = _double_marks(text)
    starts = [mark[0] for mark in every]
    while index < len(paras):
        para = paras[index]
        if para.kind == "heading":  # headlines echo quotes of the body; they are not quotations
            if pending is not None:
                _add(spans, text, pending, pending_end, pending_end)
                pending = None
            index += 1
            continue
        if para.kind == "blockquote" and _whole_block(text, paras, index, pending):
            if pending is not None:
                _add(spans, text, pending, pending_end, pending_end)
                pending = None
            index = _block_without_marks(text, paras, index, spans)
            continue
        first_mark = bisect_left(starts, para.start)
        if pending is None and (first_mark == len(starts) or starts[first_mark] >= para.end):
            index += 1  # no mark and nothing left open (most paragraphs)
            continue
        kind: SpanKind = "block" if para.kind == "blockquote" else "direct"
        marks = [
            mark
            for mark in every[first_mark : bisect_left(starts, para.end)]
            if mark[1] <= para.end
        ]
        current: _Open | None = None
        if pending is not None:
            if marks and _reopens(text, marks[0]) and not text[para.start : marks[0][0]].strip():
                current = pending  # the quotation continues: skip the re-opening mark
                marks = marks[1:]
            elif marks and _closing(text, marks[0]) and not _after_digit(text, marks[0][0]):
                current = pending  # it continues without re-opening, and closes here
            elif not marks and (
                not text[pending.start : paras[pending.paragraph].end].strip()
                or _closed_later(text, paras, index, every, first_mark)
            ):
                # A mark that ended its paragraph ("… residents. “"): the words it opens are in
                # the paragraphs after it, as some sites break their releases' paragraphs; or a
                # statement whose paragraphs do not re-open, closed a few paragraphs on.
                current = pending
            else:
                _add(spans, text, pending, pending_end, pending_end)
            pending = None
        first = current is None
        skip = 0
        for i, (pos, end, role) in enumerate(marks):
            if skip:
                skip -= 1
                continue
            if current is not None and _nested(text, marks, i):
                skip = 1  # a quotation inside this one: “… from [Cruz's] “list” are …”
                continue
            if (
                current is not None
                and role == "open"
                and (end - pos == 2 or _turned_close(text, marks, i))
                and _closes(text, pos, end)
            ):
                role = "close"  # ‘‘ or `` used at both ends: the position decides
            if current is None:
                if role == "either" and _closes(text, pos, end) and _next_closes(text, marks, i):
                    role = "open"  # said," [Warhol] liked …": spaced wrongly, paired by position
                if role == "close" or (role == "either" and _closes(text, pos, end)):
                    if first and kind == "block" and not _after_digit(text, pos):
                        # The paragraph continues a quotation: it started at the first word.
                        opened = _Open(para.start, para.start, index, kind)
                        _add(spans, text, opened, pos, pos)
                    first = False
                    continue
                current = _Open(end, pos, index, kind)
                first = False
            elif role == "open":
                _add(spans, text, current, pos, pos)  # an unclosed quotation meets a new one
                current = _Open(end, pos, index, kind)
            elif _stray_before(text, marks, i, current, index):
                if text[pos - 1] in _SENTENCE_ENDS and text[end : end + 1].isupper():
                    # `… freely."Today, I …," said`: one mark between two statements glued by a
                    # scrape closes the first and opens the second
                    _add(spans, text, current, pos, end)
                current = _Open(end, pos, index, kind)
            else:
                _add(spans, text, current, pos, end)
                current = None
        if current is not None:
            pending, pending_end = current, para.end
        index += 1
    if pending is not None:
        _add(spans, text, pending, pending_end, pending_end)
    _cut_tags_inside(text, spans)
    _add_single(text, paras, spans)
    spans.sort(key=lambda s: s.start)
    return spans


# A tag that a release set inside the marks at a quotation's end: "“… in that effort, stated
# Mayor Ana Ruiz. “…" (the closing mark left out), "“… our office, said Police Chief Ana Ruiz.”"
_TAG_INSIDE = re.compile(
    r",\s+([a-z]+)\s+(?:(?:[A-Z][\w’'.-]*|of|the|for|and)\s+){0,8}[A-Z][\w’'-]*\.?\s*$"
)
_TAG_REACH = 120  # characters read back from a quotation's end for such a tag


def _cut_tags_inside(text: str, spans: list[Span]) -> None:
    """End each quotation with a tag inside its marks (`_TAG_INSIDE`) at the comma before the
    tag, so the tag is read as the narration it is."""
    for k, span in enumerate(spans):
        if span.kind != "direct" or span.open_mark == span.start:
            continue
        tag = _TAG_INSIDE.search(text, max(span.start, span.end - _TAG_REACH), span.end)
        if tag is None or tag.group(1) not in SPEECH_VERBS or tag.group(1) in _TOLD:
            continue  # "…, told Mom and Dad.”": whom, not who
        if text.count(" ", span.start, tag.start()) < SHORT_TAGGED_WORDS:
            continue
        spans[k] = Span(
            span.start, tag.start(), "direct", span.open_mark, tag.start(), span.paragraph
        )


SHORT_TAGGED_WORDS = 3  # words a quotation holds at least before a tag inside its marks
_TOLD = frozenset(("tell", "tells", "told"))  # their object is the one spoken to: never inverted


def _double_marks(text: str) -> list[tuple[int, int, str]]:
    """(start, end, role) of every double mark of text, in order, as `_DOUBLE` finds them: a
    search for each one-character mark, and for each typewriter pair (‘‘ ’’ `` ''), taken left
    to right without overlapping."""
    found = []
    for mark in _ONE_CHAR_DOUBLES:  # each found as a literal: faster than a class of them
        role = _ROLE[mark]
        at = text.find(mark)
        while at >= 0:
            if mark != '"' or not _apostrophe(text, at):
                found.append((at, at + 1, role))
            at = text.find(mark, at + 1)
    for pair in ("‘‘", "’’", "``", "''"):
        # found from its first character (a search for one character is several times faster
        # than for two)
        role, first = _ROLE[pair], pair[0]
        at = text.find(first)
        while at >= 0:
            if text.startswith(pair, at):
                found.append((at, at + 2, role))
                at = text.find(first, at + 2)
            else:
                at = text.find(first, at + 1)
    found.sort()
    return found


def _closed_later(
    text: str,
    paras: Sequence[Paragraph],
    index: int,
    every: Sequence[tuple[int, int, str]],
    next_mark: int,
) -> bool:
    """Whether a paragraph without marks, after one left open, is inside that quotation: the
    next mark of the text closes a sentence ("… home.”"), in one of the next
    CONTINUED_PARAGRAPHS plain paragraphs (not a word's: "called it a farce”"). Pieces of a
    sentence that a page set on lines of their own ("what we all", "should", "want") are not
    counted: only paragraphs that end with a stop."""
    if next_mark == len(every) or not _closing(text, every[next_mark]):
        return False
    pos = every[next_mark][0]
    if not _ends_statement(text, pos):
        return False
    counted = 0
    for para in paras[index + 1 : index + 1 + _PIECES * CONTINUED_PARAGRAPHS]:
        if para.kind != "paragraph":
            return False
        if para.start <= pos < para.end:
            return not _after_digit(text, pos)
        if text[para.start : para.end].rstrip()[-1:] in _SENTENCE_STOPS:
            counted += 1
            if counted == CONTINUED_PARAGRAPHS:
                return False
    return False


_PIECES = 4  # paragraphs looked through for each one that ends a sentence, at most


def _ends_statement(text: str, pos: int) -> bool:
    """Whether the closing mark at pos ends a statement ("… home.”", "… tool,’’"), not a word
    ("called it a farce” and") or a mark turned round (”Hello)."""
    return text[max(0, pos - 8) : pos].rstrip("’') \n")[-1:] in _STATEMENT_ENDS and not (
        text[pos - 1 : pos].isspace() and text[pos + 1 : pos + 2].isalnum()
    )


def _reopens(text: str, mark: tuple[int, int, str]) -> bool:
    """Whether a paragraph's first mark re-opens the quotation left open before it: an opening
    mark, or a straight one that does not read as closing (novels in straight marks)."""
    pos, end, role = mark
    return role == "open" or (role == "either" and not _closes(text, pos, end))


def _apostrophe(text: str, pos: int) -> bool:
    """Whether a straight double mark stands between two letters (a wire's `Kuwait"s`): it can
    neither open (a letter before) nor close (a letter after), so it is an apostrophe."""
    return (
        text[pos] == '"'
        and 0 < pos < len(text) - 1
        and text[pos - 1].isalpha()
        and text[pos + 1].isalpha()
    )


def _nested(text: str, marks: Sequence[tuple[int, int, str]], i: int) -> bool:
    """Whether the mark at i opens a quotation inside the open one: it stands where an opening
    mark stands, the mark after it closes (the inner one), and the outer closes after: the next
    mark, or the paragraph's last one after an even number of others (two inner quotations:
    "… breaking all "molds" by … this "once in a lifetime" chance … holiness.")."""
    pos, end, role = marks[i]
    if role == "close" or i + 2 >= len(marks):
        return False
    if role == "either" and _closes(text, pos, end):
        return False
    if not _closing(text, marks[i + 1]):
        return False
    if _closing(text, marks[i + 2]):
        return i + 3 >= len(marks) or not _closing(text, marks[i + 3])
    return (len(marks) - i) % 2 == 1 and _closing(text, marks[-1])


def _next_closes(text: str, marks: Sequence[tuple[int, int, str]], i: int) -> bool:
    """Whether a straight mark that reads as closing, with no quotation open, opens one: the
    next mark of its paragraph is straight and closes too, and nothing else closes before it
    (`(who" was the first to …")`, `said," [he] liked …"`: a space set on the wrong side)."""
    if i + 1 >= len(marks):
        return False
    pos, end, role = marks[i + 1]
    return role == "either" and _closes(text, pos, end) and not _after_digit(text, pos)


def _stray_before(
    text: str, marks: Sequence[tuple[int, int, str]], i: int, current: _Open, index: int
) -> bool:
    """Whether the straight mark that opened the quotation still open was a stray, never
    closed: the straight mark at i, in the same paragraph, stands where a mark opens and the
    next one closes ("(also known as "Wild 2) in deep space … to "discover" the samples"). The
    quotation starts again at i; one nested in an open quotation is told apart before."""
    pos, end, role = marks[i]
    return (
        role == "either"
        and current.paragraph == index
        and text[current.open_mark] == '"'
        and not _closes(text, pos, end)
        and _next_closes(text, marks, i)
    )


def _turned_close(text: str, marks: Sequence[tuple[int, int, str]], i: int) -> bool:
    """Whether an opening mark typed where the open quotation closes does close it: right after
    a stop or comma, the last mark of its paragraph ("… decision.“ However, …")."""
    pos = marks[i][0]
    return i + 1 == len(marks) and text[pos - 1 : pos] in (".", ",", "!", "?")


def _closing(text: str, mark: tuple[int, int, str]) -> bool:
    pos, end, role = mark
    return role == "close" or (role == "either" and _closes(text, pos, end))


def _block_without_marks(
    text: str, paras: Sequence[Paragraph], index: int, spans: list[Span]
) -> int:
    """Each block-quote paragraph read as a whole block (`_whole_block`) is one quotation (a
    quoted post's or document's paragraphs, each its own), unless the run of them breaks a
    sentence somewhere (`_broken_run`): then the run is one, pieces a page cut on its markup.
    A paragraph that opens with its own source ("@handle: ", a name before a full-width colon)
    or with an elision ("[...] There has been …") starts another run (tweets, excerpts), and
    one that only elides ("[...]") is none; returns the next index."""
    first = index
    while (
        index < len(paras)
        and paras[index].kind == "blockquote"
        and (index == first or _whole_block(text, paras, index, None))
        and not is_attribution_line(text[paras[index].start : paras[index].end])
        and (index == first or _OWN_START.match(text, paras[index].start) is None)
        and not is_elision(text, paras[index])
    ):
        index += 1
    if index > first and _broken_run(text, paras[first:index]):
        start, end = paras[first].start, paras[index - 1].end
        spans.append(Span(start, end, "block", start, end, first))
        return index
    if index > first:
        for at in range(first, index):
            start, end = paras[at].start, paras[at].end
            spans.append(Span(start, end, "block", start, end, at))
        return index
    while (
        index < len(paras)
        and paras[index].kind == "blockquote"
        and (
            is_attribution_line(text[paras[index].start : paras[index].end])
            or is_elision(text, paras[index])
        )
    ):
        index += 1
    return max(index, first + 1)


def _broken_run(text: str, run: Sequence[Paragraph]) -> bool:
    """Whether a run of block paragraphs breaks a sentence between two of them: one ends with
    no stop ("The root of the object,") and the next opens with no capital (", contains 300
    lists", "rekt"), as a page that sets code or formulas apart cuts its quoted text."""
    for before, after in pairwise(run):
        last = text[before.start : before.end].rstrip()[-1:]
        opening = text[after.start : after.start + 1]
        if last not in _SENTENCE_STOPS and not (opening.isupper() or opening in _OPENING_MARKS):
            return True
    return False


_SENTENCE_STOPS = frozenset(".!?…:;”’\"')]}")
_OPENING_MARKS = frozenset("“‘\"'«„(@#[")


# A block quote that names its own source first: a tweet's "@handle: ", or a name of two to
# eight letters before a full-width colon, as Chinese posts are quoted ("赵佑诚：…"). Such a
# paragraph, or an excerpt after an elision ("[...] There …"), starts a quotation of its own.
BLOCK_SOURCE = re.compile(r"(@\w+)\s*[:：]|([^\W\d_]{2,8})：")
_OWN_START = re.compile(BLOCK_SOURCE.pattern + r"|\[?(?:\.\.\.|…)\]?\s")


def _whole_block(text: str, paras: Sequence[Paragraph], index: int, pending: _Open | None) -> bool:
    """Whether a block-quote paragraph is read as a whole block, not by its marks: it has no
    double mark, or it does not open with one (the marks inside are the quoted writer's own: a
    title, a term, a slogan, a stray) and no quotation of an earlier block is left open into
    it. A block that opens with a mark is read by its marks (“…,” Menino wrote. “…”), and so is
    one whose first mark ends a statement its first word opened (a paper that dropped the
    opening mark: "… a vital public safety tool,’’ Menino wrote.")."""
    para = paras[index]
    first = _DOUBLE.search(text, para.start, para.end)
    if first is None:
        return True
    if pending is not None and paras[pending.paragraph].kind == "blockquote":
        return False
    mark = (first.start(), first.end(), _ROLE[first.group()])
    if not text[para.start : first.start()].strip():
        return _closing(text, mark)
    return not (_closing(text, mark) and _ends_statement(text, first.start()))


def is_elision(text: str, para: Paragraph) -> bool:
    """Whether a paragraph only elides ("[...]", "…"): it holds no letter nor digit."""
    return not any(char.isalnum() for char in text[para.start : para.end])


def is_attribution_line(line: str) -> bool:
    """Whether a block-quote line names the source (“— Statement from the council”)."""
    return line.lstrip().startswith(("—", "–", "--", "―", "~"))


def _marks(text: str, para: Paragraph) -> Iterator[tuple[int, int, str]]:
    """(start, end, role) of each mark in a paragraph; role is open, close, either or single."""
    for match in _MARK.finditer(text, para.start, para.end):
        mark = match.group()
        if mark in _OPEN_DOUBLE:
            yield match.start(), match.end(), "open"
        elif mark in _CLOSE_DOUBLE:
            yield match.start(), match.end(), "close"
        elif mark in ('"', "''", "’’"):
            # Straight marks, and typewriter pairs some house styles put at both ends
            # (''We will win,'' Mr. Smith said), open or close by where they stand.
            yield match.start(), match.end(), "either"
        else:
            yield match.start(), match.end(), "single"


def _closes(text: str, start: int, end: int) -> bool:
    """Whether a straight double mark reads as closing: a word before it, none right after."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before in _STOPS_BEFORE_TAG and after.islower():
        # `…habits,"said Andy Biggs`: a scrape that lost the space before the tag's verb
        verb = _GLUED_VERB.match(text, end)
        return verb is not None and verb.group() in SPEECH_VERBS
    return before not in _OPENING_CONTEXT and not after.isalnum()


_SENTENCE_ENDS = frozenset(".?!")
_STOPS_BEFORE_TAG = _SENTENCE_ENDS | {","}  # what ends a quotation whose tag follows
_GLUED_VERB = re.compile(r"[a-z]+\b")


def _after_digit(text: str, pos: int) -> bool:
    return pos > 0 and text[pos - 1].isdigit()  # 6” or 5'' is a measure, not a quotation


def _add(spans: list[Span], text: str, opened: _Open, end: int, close_end: int) -> None:
    """Add the quotation [opened.start, end), trimmed of spaces and a comma before the mark."""
    start = opened.start
    while start < end and text[start] in _SPACE:
        start += 1
    while end > start and text[end - 1] in _SPACE:
        end -= 1
    if end > start and text[end - 1] == ",":
        end -= 1
        while end > start and text[end - 1] in _SPACE:
            end -= 1
    if end > start:
        spans.append(Span(start, end, opened.kind, opened.open_mark, close_end, opened.paragraph))


def _add_single(text: str, paras: Sequence[Paragraph], spans: list[Span]) -> None:
    """Single-quoted quotations outside double ones: a ‘ opening, the next ’ closing."""
    taken = sorted((s.open_mark, s.close_mark) for s in spans)
    # Where a ‘ or ' may open: a word right after it, and before it a space, a bracket or a
    # dash (or the start of its paragraph, checked below). Most are apostrophes inside words.
    openers = starts_of(text, _SINGLE_OPENERS)
    for index, para in enumerate(paras):
        if para.kind == "heading":
            continue
        first = bisect_left(openers, para.start)
        if (first == len(openers) or openers[first] >= para.end) and text[
            para.start : para.start + 1
        ] not in ("‘", "'"):
            continue  # nothing can open a single-quoted quotation here
        kind: SpanKind = "block" if para.kind == "blockquote" else "direct"
        opened: tuple[int, int] | None = None
        # The first mark passed over as a plural's possessive (‘… the teachers’ pay isn’t …’),
        # the close after all when no other comes in the paragraph.
        possessive: tuple[int, int] | None = None
        for pos, end, role in _marks(text, para):
            if role != "single" or _inside(taken, pos):
                continue
            mark = text[pos:end]
            before = text[pos - 1] if pos > para.start else " "
            after = text[end] if end < para.end else " "
            opening = (
                mark in "‘'"
                and before in _OPENING_CONTEXT
                and after.isalnum()
                and not ELIDED.match(text, end)
            )
            if opened is not None and possessive is not None and opening:
                # another quotation opens: the one open closed at the plural after all
                _close_single(
                    text, taken, spans, _Open(opened[1], opened[0], index, kind), *possessive
                )
                opened = None
            if opened is None:
                if opening:
                    opened = (pos, end)
                    possessive = None
            elif mark in "’'" and not before.isspace() and not after.isalnum():
                if _plural_possessive(text, pos, end, para.end):
                    possessive = possessive or (pos, end)
                    continue
                _close_single(
                    text, taken, spans, _Open(opened[1], opened[0], index, kind), pos, end
                )
                opened = None
        if opened is not None and possessive is not None:
            _close_single(text, taken, spans, _Open(opened[1], opened[0], index, kind), *possessive)


def _close_single(
    text: str, taken: list[tuple[int, int]], spans: list[Span], opened: _Open, pos: int, end: int
) -> None:
    """Add a single-quoted quotation closed by the mark at [pos, end), unless it overlaps a
    double-quoted one."""
    if not _overlaps(taken, opened.open_mark, end):
        _add(spans, text, opened, pos, end)


def _plural_possessive(text: str, pos: int, end: int, limit: int) -> bool:
    """Whether the ’ at [pos, end) ends a plural in lower case and a noun it owns follows:
    ("the kids’ future"), not a quotation's close ("‘thugs’ and", "‘Long Live Elis’ tour")."""
    if text[pos - 1 : pos] != "s":
        return False
    word = _WORD_BEFORE.search(text, max(0, pos - 30), pos)
    return word is not None and word.group()[:1].islower() and _noun_after(text, end, limit)


_WORD_BEFORE = re.compile(r"[A-Za-z]+$")


def _noun_after(text: str, end: int, limit: int) -> bool:
    """Whether a space and a word in lower case that no closed quotation is followed by (no
    conjunction, preposition, pronoun or verb of saying or being) come at text[end]: the noun
    a plural's possessive owns ("the kids’ future"), not the words after a quotation."""
    found = _LOWER_WORD_AFTER.match(text, end, limit)
    return found is not None and found.group(1) not in _AFTER_CLOSING


_LOWER_WORD_AFTER = re.compile(r" ([a-z]+)\b")
_AFTER_CLOSING = words(
    "and or but nor so yet to in on at for with as by from of into onto about after before "
    "when while because than that which who whom whose where if though although since until "
    "he she it they we i you his her its their one was is were are be been has have had will "
    "would could can may might must should said says say told asks asked added adds wrote "
    "writes replied according not also then instead rather"
)


def _inside(taken: list[tuple[int, int]], pos: int) -> bool:
    i = bisect_right(taken, (pos, _FAR)) - 1
    return i >= 0 and taken[i][0] <= pos < taken[i][1]


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect_right(taken, (start, _FAR))
    return _inside(taken, start) or (i < len(taken) and taken[i][0] < end)

"""The text side of search: the query language, hits, and snippets around matches.

Pure functions and values, no storage: `library.search` runs the queries against its index.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from library.errors import LibraryError
from library.text import strip_controls

FILTER_KEYS = ("tag", "stance", "author", "title")
SNIPPET_WIDTH = 180
SNIPPET_LEAD = 50
_BEST_WINDOW = 160
COLUMNS = ("title", "authors", "tags", "text", "note", "quote")  # the index's columns, as fields
MARK_OPEN, MARK_CLOSE = "\x01", "\x02"  # highlight markers; indexed text has no control characters
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_TOKEN_CHAR = re.compile(r"[^\W_]")


class SearchError(LibraryError):
    """The search index could not be used."""


class QueryError(SearchError):
    """The query cannot be understood; the message says how to write it."""


# -- folding ---------------------------------------------------------------------------------------
def fold(value: str) -> str:
    """Case- and accent-insensitive form of text, for substring filters."""
    return unaccented(value).casefold()


def unaccented(value: str) -> str:
    """value without its accents (é → e), its case kept."""
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_tag(tag: str) -> str:
    """A tag as the filters match it: trimmed, no leading "#", case and accents folded."""
    return fold(" ".join(plain(tag).split()).lstrip("#").strip())


def plain(value: str | None) -> str:
    """Text safe to index and show: control characters become spaces."""
    return _CONTROLS.sub(" ", value or "")


# -- queries ---------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: words and phrases (all must match) and field filters (all must hold)."""

    text: str
    terms: tuple[str, ...] = ()  # words and phrases, as typed; phrases keep their spaces
    phrases: tuple[bool, ...] = ()  # whether each term was quoted
    tags: tuple[str, ...] = ()  # folded tag keys
    stances: tuple[str, ...] = ()  # case-folded stance names
    authors: tuple[str, ...] = ()  # folded substrings
    titles: tuple[str, ...] = ()  # folded substrings

    @property
    def has_filters(self) -> bool:
        """Whether any field filter is present."""
        return bool(self.tags or self.stances or self.authors or self.titles)

    def match_expression(self) -> str | None:
        """The FTS5 MATCH expression for the terms (each one quoted), or None without terms."""
        if not self.terms:
            return None
        return " AND ".join('"' + term.replace('"', '""') + '"' for term in self.terms)


def parse_query(text: str) -> Query:
    """Parse `words "exact phrases" tag:x stance:y author:z title:w` into a Query.

    Raises QueryError for an unbalanced quote, an empty filter or a query with nothing to find.
    """
    text = strip_controls(text)  # and lone surrogates: bytes of an argument that were not UTF-8
    terms: list[str] = []
    phrases: list[bool] = []
    filters: dict[str, list[str]] = {key: [] for key in FILTER_KEYS}
    pos, size = 0, len(text)
    while pos < size:
        char = text[pos]
        if char.isspace():
            pos += 1
            continue
        if char == '"':
            value, pos = _quoted(text, pos)
            if _TOKEN_CHAR.search(value):
                terms.append(" ".join(value.split()))
                phrases.append(True)
            continue
        end = pos
        while end < size and not text[end].isspace() and text[end] != '"':
            end += 1
        word = text[pos:end]
        pos = end
        key, colon, value = word.partition(":")
        if colon and key.casefold() in filters:
            key = key.casefold()
            if not value and pos < size and text[pos] == '"':
                value, pos = _quoted(text, pos)
            value = " ".join(value.split())
            if not value:
                raise QueryError(f"'{key}:' needs a value, e.g. {key}:{_EXAMPLES[key]}")
            filters[key].append(value)
        elif _TOKEN_CHAR.search(word):
            terms.append(word)
            phrases.append(False)
    query = Query(
        text=text,
        terms=tuple(terms),
        phrases=tuple(phrases),
        tags=tuple(fold_tag(v) for v in filters["tag"]),
        stances=tuple(v.casefold() for v in filters["stance"]),
        authors=tuple(fold(v) for v in filters["author"]),
        titles=tuple(fold(v) for v in filters["title"]),
    )
    if not query.terms and not query.has_filters:
        raise QueryError(
            f"nothing to search for in '{text.strip()}'; give words, \"exact phrases\", "
            "or tag:, stance:, author:, title: filters"
        )
    return query


_EXAMPLES = {"tag": "immigration", "stance": "oppose", "author": "menino", "title": "budget"}


def _quoted(text: str, pos: int) -> tuple[str, int]:
    close = text.find('"', pos + 1)
    if close == -1:
        raise QueryError(f"unbalanced quote in '{text.strip()}'; close the phrase with \"")
    return text[pos + 1 : close], close + 1


# -- hits ------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Hit:
    """One search result, pointing into an article's canonical text."""

    article: str
    title: str
    offset: int  # start of the best match in the canonical text (a highlight's start)
    end: int  # end of that match (a highlight's end); equal to offset when nothing in the text
    snippet: str  # a short plain-text window around the match: no markup, no control characters
    marks: tuple[tuple[int, int], ...]  # matched ranges [start, end) within the snippet
    score: float  # higher is better
    annotation: str | None = None  # the highlight's id for a note, tag or quote hit
    field: str = "text"  # where the match is: title, authors, tags, text, note, quote

    def to_json(self) -> dict[str, Any]:
        """The `margin search --json` shape of one hit."""
        return {
            "article": self.article,
            "title": self.title,
            "offset": self.offset,
            "end": self.end,
            "snippet": self.snippet,
            "marks": [list(m) for m in self.marks],
            "score": self.score,
            "annotation": self.annotation,
            "field": self.field,
        }


# -- snippets --------------------------------------------------------------------------------------
def unmark(value: str) -> tuple[str, list[tuple[int, int]]]:
    """Text with highlight markers removed, and the marked ranges."""
    if MARK_OPEN not in value:
        return value, []
    parts: list[str] = []
    marks: list[tuple[int, int]] = []
    pos = 0
    start = 0
    for piece in re.split(f"([{MARK_OPEN}{MARK_CLOSE}])", value):
        if piece == MARK_OPEN:
            start = pos
        elif piece == MARK_CLOSE:
            marks.append((start, pos))
        else:
            parts.append(piece)
            pos += len(piece)
    return "".join(parts), marks


# Past this many characters a column's matches are found here, not by FTS5's highlight(), whose
# time grows with the square of the matches in one column (a 4 MB line of one word: 106 s).
MARK_IN_SQL_MAX = 65_536
MARKS_PER_TERM = 8  # a snippet shows a window around the first few matches
_MARK_CHUNK = 1 << 16
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _folded_chunk(
    chunk: str, patterns: Sequence[re.Pattern[str]]
) -> tuple[str, list[int] | None] | None:
    """chunk case- and accent-folded, and for each folded character the offset in chunk it comes
    from (None: the same offsets, as for ASCII); None when no pattern can match in it."""
    if chunk.isascii():
        return chunk.lower(), None
    # A quick fold at C speed first: only a chunk with a match pays for the offsets.
    quick = _COMBINING.sub("", unicodedata.normalize("NFKD", chunk)).casefold()
    if not any(p.search(quick) for p in patterns):
        return None
    out: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(chunk):
        folded = fold(char)
        out.append(folded)
        origin.extend([i] * len(folded))
    return "".join(out), origin


def _term_pattern(term: str) -> re.Pattern[str] | None:
    """A term (a word or a phrase) as the index matches it: its folded tokens in order, each a
    whole token, separated by anything that is not a token character."""
    tokens = [fold(t) for t in re.findall(r"[^\W_]+", term)]
    tokens = [t for t in tokens if t]
    if not tokens:
        return None
    body = "[\\W_]+".join(re.escape(t) for t in tokens)
    # No look-behind at the start: a pattern that starts with its literal is searched for at C
    # speed; the token boundary before it is checked by the caller (_starts_token).
    return re.compile(f"{body}(?![^\\W_])")


def _starts_token(folded: str, at: int) -> bool:
    return at == 0 or not _TOKEN_CHAR.match(folded, at - 1)


def find_marks(
    text: str, terms: Sequence[str], per_term: int = MARKS_PER_TERM
) -> list[tuple[int, int]]:
    """Where the query's terms match in text, the first few of each, in order: linear in the
    text's length (and it stops early once every term has its few), however many matches."""
    patterns = [p for t in terms if (p := _term_pattern(t)) is not None]
    if not patterns:
        return []
    longest = max(len(t) for t in terms) * 4 + 16  # a phrase across a chunk's end is still found
    found: list[list[tuple[int, int]]] = [[] for _ in patterns]
    start = 0
    while start < len(text) and any(len(f) < per_term for f in found):
        stop = min(len(text), start + _MARK_CHUNK)
        chunk = text[start : min(len(text), stop + longest)]
        ready = _folded_chunk(chunk, patterns)
        if ready is None:
            start = stop
            continue
        folded, origin = ready
        for pattern, marks in zip(patterns, found, strict=True):
            for match in pattern.finditer(folded):
                if len(marks) >= per_term:
                    break
                if not _starts_token(folded, match.start()):
                    continue
                if origin is None:
                    a, b = match.start(), match.end()
                else:
                    a, b = origin[match.start()], origin[match.end() - 1] + 1
                if start + a >= stop:
                    break  # the next chunk finds it whole
                if not marks or start + a >= marks[-1][1]:
                    marks.append((start + a, start + b))
        start = stop
    return sorted(m for marks in found for m in marks)


def best_match(text: str, marks: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """The match that starts the window with the most distinct matched terms (earliest on ties)."""
    keys = [fold(text[s:e]) for s, e in marks]
    seen: Counter[str] = Counter()
    best, best_count, left = 0, 0, 0
    for right, (_, end) in enumerate(marks):
        seen[keys[right]] += 1
        while end - marks[left][0] > _BEST_WINDOW:
            seen[keys[left]] -= 1
            if not seen[keys[left]]:
                del seen[keys[left]]
            left += 1
        if len(seen) > best_count:
            best, best_count = left, len(seen)
    return marks[best]


def make_snippet(
    text: str, marks: Sequence[tuple[int, int]], focus: int = 0
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A short one-line window of text around focus, with the marks inside it made relative.

    Whitespace runs (block breaks included) become one space and control characters go, so the
    snippet is safe to print; "…" shows where the text was cut.
    """
    lo = max(0, focus - SNIPPET_LEAD)
    if lo > 0:
        space = text.find(" ", lo, focus)
        lo = space + 1 if space != -1 else lo
    hi = min(len(text), lo + SNIPPET_WIDTH)
    if hi < len(text):
        space = text.rfind(" ", max(focus + 1, lo + SNIPPET_WIDTH // 2), hi)
        hi = space if space != -1 else hi
    out: list[str] = ["…"] if lo > 0 else []
    where: dict[int, int] = {}
    length = len(out)
    for i in range(lo, hi):
        char = text[i]
        where[i] = length
        if char.isspace() or _CONTROLS.match(char):
            if length == 0 or out[-1] == " ":
                continue
            char = " "
        out.append(char)
        length += 1
    where[hi] = length
    while out and out[-1] == " ":
        out.pop()
        length -= 1
    if hi < len(text):
        out.append("…")
    relative = []
    for start, end in marks:
        s, e = max(start, lo), min(end, hi)
        if s < e:
            a, b = where[s], min(where[e], length)
            if a < b:
                relative.append((a, b))
    return "".join(out), tuple(relative)


def make_hit(
    article: str,
    title: str,
    annotation: str | None,
    start: int,
    stop: int,
    score: float,
    cols: list[tuple[str, list[tuple[int, int]]]],
) -> Hit:
    score = float(f"{score:.6g}")  # bm25 is tiny when a word is in most articles: keep digits
    if annotation is None:
        body, marks = cols[3]
        if marks:
            offset, end = best_match(body, marks)
            snippet, rel = make_snippet(body, marks, offset)
            return Hit(article, title, offset, end, snippet, rel, score, None, "text")
        where = next((COLUMNS[i] for i in (0, 1, 2) if cols[i][1]), "text")
        snippet, rel = make_snippet(body, [], 0)
        return Hit(article, title, 0, 0, snippet, rel, score, None, where)
    for index in (4, 5, 2):  # note, quote, tags
        value, marks = cols[index]
        if marks:
            focus = best_match(value, marks)[0]
            snippet, rel = make_snippet(value, marks, focus)
            return Hit(article, title, start, stop, snippet, rel, score, annotation, COLUMNS[index])
    snippet, rel = make_snippet(cols[5][0], [], 0)
    return Hit(article, title, start, stop, snippet, rel, score, annotation, "quote")

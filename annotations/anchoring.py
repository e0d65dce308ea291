"""Anchoring: placing a highlight on an article's text, and finding it again when the text changes.

A highlight is found in tiers, each tried only when the one before finds nothing: the stored
position (re-anchoring only), the exact quote, the quote after folding whitespace and typography,
and last an approximate, edit-distance search that never returns words whose similarity to the
quote is below `SIMILARITY_THRESHOLD`. Several hits in one tier are ranked as Hypothesis'
`matchQuote` does: quote similarity first, then prefix and suffix similarity, then nearness to a
position hint.

The approximate search is Myers' bit-parallel algorithm (Myers 1999, in Hyyrö's formulation, the
one Hypothesis' approx-string-match uses). Pure Python runs it over many stretches of the text at
once: the stretches are lanes of one big integer, so each step of the interpreter advances every
stretch by one character (see `_myers_search`).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from rapidfuzz.distance import Levenshtein

from annotations.errors import AmbiguousQuote, EmptyQuote, QuoteNotFound, RangeError
from annotations.model import Annotation, context_around, text_fingerprint

# Why 0.75: similarity is 1 - edits / length, so 0.75 lets a quote differ by one character in four.
# That keeps the edits re-imports really make (a corrected typo, a changed word or number, a
# reworded phrase inside a sentence-long quote score 0.8-0.97), while unrelated prose stays below
# it: in 200 KB of real news text (the shared Readability pages), the closest span to a quote taken
# from another article scored at most 0.70 for 20-character quotes, 0.61 for 40, 0.49 for 80 and
# 0.35 for 200. Short quotes come nearest, so re-anchoring also requires the quote with its stored
# context to reach the threshold (see `locate`). Hypothesis accepts up to 50% errors; we are
# stricter because a highlight moved to the wrong words is worse than an orphan the user can place
# again. The constructed corpus records both outcomes for its one borderline case (18% garbled).
SIMILARITY_THRESHOLD: float = 0.75

# Weights of the ranking, as in Hypothesis' matchQuote: the quote dominates, context breaks ties
# between equally good quotes, and the position hint breaks ties that context leaves.
QUOTE_WEIGHT = 50.0
PREFIX_WEIGHT = 20.0
SUFFIX_WEIGHT = 20.0
POSITION_WEIGHT = 2.0

# A quote this long (folded) that occurs once is taken to be the same passage wherever it moved.
DISTINCT_QUOTE_CHARS = 32

Method = Literal["position", "exact", "normalized", "context", "approximate"]


@dataclass(frozen=True, slots=True)
class Match:
    """Where a quote was found: a span [start, end) of the text and how it was found.

    `score` is the similarity of the matched text to the quote (1.0 for exact and normalised hits).
    """

    start: int
    end: int
    score: float
    method: Method


# -- folding ---------------------------------------------------------------------------------------

_SINGLE_QUOTES = "‘’‚‛′‵‹›`´＇"
_DOUBLE_QUOTES = "“”„‟″‶«»＂〝〞"
_DASHES = "‐‑‒–—―−⁃﹘﹣－⸺⸻"
_IGNORABLE = "\u00ad\u200b\u2060\ufeff"  # soft hyphen, zero-width space, word joiner, BOM

_FOLD_TABLE: dict[int, str] = {
    **{ord(c): "'" for c in _SINGLE_QUOTES},
    **{ord(c): '"' for c in _DOUBLE_QUOTES},
    **{ord(c): "-" for c in _DASHES},
    **{c: " " for c in range(0x3001) if chr(c).isspace()},
}
# After the table every space is " ": what is left to fold are runs (two or more spaces or
# ignorables), lone ignorables (deleted) and the ellipsis character (three full stops).
_FOLD_RUN = re.compile(f"[ {_IGNORABLE}]{{2,}}|[{_IGNORABLE}]|…")


class _Folded:
    """Folded text plus a compact map back to the original offsets.

    The map is piecewise linear: `original = folded + delta`, where delta changes only at folded
    whitespace runs, deletions and expansions, so it costs memory per fold, not per character.
    """

    __slots__ = ("_deltas", "_original_starts", "_starts", "source_length", "text")

    def __init__(self, source: str) -> None:
        translated = source.translate(_FOLD_TABLE)
        parts: list[str] = []
        starts, deltas = [0], [0]
        delta = 0  # original offset minus folded offset, for text after the last fold
        done = 0
        folded_length = 0

        def mark(at: int, new_delta: int) -> None:
            if starts[-1] == at:
                deltas[-1] = new_delta
            elif deltas[-1] != new_delta:
                starts.append(at)
                deltas.append(new_delta)

        for found in _FOLD_RUN.finditer(translated):
            begin, end = found.span()
            parts.append(translated[done:begin])
            folded_length += begin - done
            here = folded_length
            piece = found.group()
            if piece == "…":
                parts.append("...")
                mark(here + 1, delta - 1)
                mark(here + 2, delta - 2)
                delta -= 2
                folded_length += 3
            elif " " in piece:
                parts.append(" ")
                delta = end - 1 - here  # the space stands for the last character of its run
                mark(here, delta)
                folded_length += 1
            else:
                delta = end - here  # ignorables are deleted
                mark(here, delta)
            done = end
        parts.append(translated[done:])
        self.text = "".join(parts)
        self.source_length = len(source)
        self._starts = starts
        self._deltas = deltas
        self._original_starts: list[int] | None = None

    def original(self, index: int) -> int:
        """The original offset of folded character index."""
        return index + self._deltas[bisect_right(self._starts, index) - 1]

    def folded_index(self, offset: int) -> int:
        """The first folded character whose original offset is at or after offset."""
        if self._original_starts is None:
            self._original_starts = [f + d for f, d in zip(self._starts, self._deltas, strict=True)]
        at = bisect_right(self._original_starts, offset) - 1
        if at < 0:  # before the first kept character (the text starts with ignorables)
            return 0
        index = offset - self._deltas[at]
        if at + 1 < len(self._starts):
            index = min(index, self._starts[at + 1])
        return min(index, len(self.text))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span covered by the folded span [start, end) (end > start)."""
        return self.original(start), self.original(end - 1) + 1

    def offsets(self) -> list[int]:
        """The original offset of every folded character, then the original length."""
        out: list[int] = []
        bounds = [*self._starts[1:], len(self.text)]
        for begin, end, delta in zip(self._starts, bounds, self._deltas, strict=True):
            out.extend(range(begin + delta, end + delta))
        out.append(self.source_length)
        return out


@lru_cache(maxsize=4)
def _folded(text: str) -> _Folded:
    """The fold of an article text, cached: re-anchoring many highlights folds the text once."""
    return _Folded(text)


def _fold(value: str) -> str:
    """The folded form of a quote or context string (NFC, then folded; not trimmed)."""
    return _Folded(unicodedata.normalize("NFC", value)).text


def normalize_for_match(text: str) -> tuple[str, list[int]]:
    """Fold whitespace runs, quote marks and dashes; return the folded text and its offset map.

    Whitespace runs become one space, curly and angle quotes and primes become ' or ", dashes and
    the minus sign become -, an ellipsis becomes three full stops, and soft hyphens and zero-width
    spaces disappear; case is kept. `offsets` has one entry per folded character (its original
    offset) plus `len(text)`; a folded span [s, e) with e > s covers the original
    [offsets[s], offsets[e - 1] + 1).
    """
    folded = _Folded(text)
    return folded.text, folded.offsets()


def similarity(a: str, b: str) -> float:
    """One minus the normalised edit distance of the folded, trimmed forms of a and b, in [0, 1]."""
    fa, fb = _fold(a).strip(), _fold(b).strip()
    if not fa and not fb:
        return 1.0
    return float(Levenshtein.normalized_similarity(fa, fb))


# -- public entry points ---------------------------------------------------------------------------


def anchor_range(text: str, start: int, end: int) -> tuple[int, int]:
    """Validate a character range of text and trim the whitespace at its ends.

    Raises RangeError when the range is outside the text, reversed, empty or only whitespace.
    """
    length = len(text)
    if start < 0 or end > length or start > length or end < 0:
        raise RangeError(f"range {start}:{end} is outside the text (0:{length})")
    if end < start:
        raise RangeError(f"range {start}:{end} is reversed; the start must come before the end")
    if end == start:
        raise RangeError(f"range {start}:{end} is empty; give an end after the start")
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        raise RangeError(f"range {start}:{end} holds only whitespace; select some words")
    lead = len(piece) - len(piece.lstrip())
    return start + lead, start + lead + len(stripped)


def find_quote(
    text: str, quote: str, *, prefix: str = "", suffix: str = "", near: int | None = None
) -> Match:
    """Find quote in text: exactly, then with whitespace and typography folded, then approximately.

    Several exact (or folded) hits are told apart by prefix, suffix and nearness to `near`; when
    nothing tells them apart AmbiguousQuote lists them. Raises EmptyQuote for an empty quote and
    QuoteNotFound, naming the closest text, when no match reaches SIMILARITY_THRESHOLD.
    """
    found = _search(text, quote, prefix, suffix, near, strict=True)
    if isinstance(found, Match):
        return found
    if found is None:
        raise EmptyQuote()
    raise found


def match_quote(
    text: str, quote: str, *, prefix: str = "", suffix: str = "", near: int | None = None
) -> Match | None:
    """Like find_quote, but never raises: equally good matches go to the first; no match is None."""
    found = _search(text, quote, prefix, suffix, near, strict=False)
    return found if isinstance(found, Match) else None


def locate(annotation: Annotation, text: str) -> Match | None:
    """Where a highlight's words are in text, or None when they cannot be found again.

    Tiers: the stored position (quote, prefix and suffix all unchanged there); the quote, then the
    folded quote, anywhere, ranked by context and nearness to the old position; then an
    approximate match. Away from its position a hit must be supported by its context: the quote
    with its stored prefix, or with its stored suffix, must still reach SIMILARITY_THRESHOLD there,
    unless it is the only verbatim occurrence of a quote of DISTINCT_QUOTE_CHARS or more (a moved
    passage). So an edited short quote jumps neither to the same word elsewhere nor to a
    look-alike, while a quote that lost the text on one side of it is still found.
    """
    quote, prefix, suffix = annotation.quote, annotation.prefix, annotation.suffix
    start, end = annotation.start, annotation.end
    folded_quote = _fold(quote).strip()
    if not folded_quote:
        return None
    if (
        0 <= start <= end <= len(text)
        and text[start:end] == quote
        and text[max(0, start - len(prefix)) : start] == prefix
        and text[end : end + len(suffix)] == suffix
    ):
        return Match(start, end, 1.0, "position")

    folded = _folded(text)
    support = _Support(text, folded, folded_quote, prefix, suffix)
    verbatim: list[tuple[Method, list[tuple[int, int]]]] = [
        ("context", [(s, s + len(quote)) for s in _occurrences(text, quote)]),
        (
            "normalized",
            [
                folded.span(s, s + len(folded_quote))
                for s in _occurrences(folded.text, folded_quote)
            ],
        ),
    ]
    for method, spans in verbatim:
        if not spans:
            continue
        ranked = _rank(text, [(s, e, 1.0) for s, e in spans], method, prefix, suffix, start)
        if len(spans) == 1 and len(folded_quote) >= DISTINCT_QUOTE_CHARS:
            return ranked[0][1]
        found = next((match for _, match in ranked if support(match)), None)
        if found is not None:
            return found
    candidates, _ = _approximate(text, quote, closest=False)
    ranked = _rank(text, candidates, "approximate", prefix, suffix, start)
    return next((match for _, match in ranked if support(match)), None)


class _Support:
    """Whether a hit is supported by a highlight's stored context (see `locate`)."""

    def __init__(
        self, text: str, folded: _Folded, folded_quote: str, prefix: str, suffix: str
    ) -> None:
        self.text = text
        self.folded = folded
        self.quote = folded_quote
        self.prefix = _fold(prefix)
        self.suffix = _fold(suffix)
        self.no_context = not prefix and not suffix

    def __call__(self, match: Match) -> bool:
        if self.no_context:
            return True
        return self._side(match, before=True) or self._side(match, before=False)

    def _side(self, match: Match, *, before: bool) -> bool:
        context = self.prefix if before else self.suffix
        if not context:  # the quote was at this end of the text: it must still be
            rest = self.text[: match.start] if before else self.text[match.end :]
            return not rest.strip()
        begin = self.folded.folded_index(match.start)
        stop = self.folded.folded_index(match.end)
        words = self.folded.text[begin:stop].strip()
        if before:
            expected = context + self.quote
            actual = self.folded.text[max(0, begin - len(context)) : begin] + words
        else:
            expected = self.quote + context
            actual = words + self.folded.text[stop : stop + len(context)]
        return bool(Levenshtein.normalized_similarity(expected, actual) >= SIMILARITY_THRESHOLD)


def reanchor(annotation: Annotation, new_text: str) -> Annotation:
    """A copy of annotation placed on new_text; `modified` is left alone (the user changed nothing).

    Found exactly or after folding, the quote and context are refreshed from new_text. Found
    approximately, the highlight covers the new words, keeps the first former quote in
    `original_quote` and is flagged `needs_review`. Not found, it is marked `orphaned` with its
    quote and context kept; its start and end are only clamped into new_text so slicing stays
    harmless, and must not be drawn as a highlight. Its fingerprint is new_text's, the text it
    was sought in: when the text changes again (a hand edit undone, a file restored from its
    backup) it is sought again. A found orphan is un-orphaned.
    """
    if annotation.place is not None and not annotation.quote:
        # A note on no words has none to find: it keeps its place (the caller that rebuilt
        # the text, a book's passages, moved it there first).
        at = min(max(annotation.start, 0), len(new_text))
        prefix, suffix = context_around(new_text, at, at)
        return replace(
            annotation, start=at, end=at, prefix=prefix, suffix=suffix,
            fingerprint=text_fingerprint(new_text),
        )  # fmt: skip
    match = locate(annotation, new_text)
    if match is None:
        length = len(new_text)
        start = min(max(annotation.start, 0), length)
        end = min(max(annotation.end, start), length)
        return replace(
            annotation, start=start, end=end, orphaned=True, fingerprint=text_fingerprint(new_text)
        )
    prefix, suffix = context_around(new_text, match.start, match.end)
    updated = replace(
        annotation,
        start=match.start,
        end=match.end,
        quote=new_text[match.start : match.end],
        prefix=prefix,
        suffix=suffix,
        orphaned=False,
        fingerprint=text_fingerprint(new_text),
    )
    if match.method == "approximate":
        updated = replace(
            updated,
            original_quote=annotation.original_quote or annotation.quote,
            needs_review=True,
        )
    return updated


# -- search and ranking ----------------------------------------------------------------------------


def _search(
    text: str, quote: str, prefix: str, suffix: str, near: int | None, *, strict: bool
) -> Match | QuoteNotFound | None:
    """The tiers of find_quote and match_quote: a Match, a QuoteNotFound to raise, or None."""
    folded_quote = _fold(quote).strip()
    if not folded_quote:
        return None
    raw = quote.strip()
    # Lazily: a word found ten million times in a long article is never listed whole.
    starts = _occurrences(text, raw) if near is None else _nearest_first(text, raw, near)
    spans: Iterator[tuple[int, int]] = ((s, s + len(raw)) for s in starts)
    method: Method = "exact"
    first = next(spans, None)
    if first is None:
        folded = _folded(text)
        spans = (
            folded.span(s, s + len(folded_quote)) for s in _occurrences(folded.text, folded_quote)
        )
        method = "normalized"
        first = next(spans, None)
    if first is not None:
        return _pick(
            text, quote, itertools.chain([first], spans), method, prefix, suffix, near, strict
        )
    candidates, closest = _approximate(text, quote, closest=strict)
    if candidates:
        return _rank(text, candidates, "approximate", prefix, suffix, near)[0][1]
    if closest is None:
        return QuoteNotFound(quote)
    start, end, score = closest
    return QuoteNotFound(quote, text[start:end], score, start)


def _nearest_first(haystack: str, needle: str, near: int) -> Iterator[int]:
    """Start offsets of every occurrence of needle, nearest to near first (the earlier of two
    equally near)."""
    if not needle:
        return
    reach = len(needle) - 1  # rfind's end bounds where an occurrence ends, not where it starts
    after = haystack.find(needle, max(0, near))
    before = haystack.rfind(needle, 0, max(0, near) - 1 + len(needle)) if near > 0 else -1
    while after != -1 or before != -1:
        if before != -1 and (after == -1 or near - before <= after - near):
            yield before
            before = haystack.rfind(needle, 0, before + reach) if before > 0 else -1
        else:
            yield after
            after = haystack.find(needle, after + 1)


def _occurrences(haystack: str, needle: str) -> Iterator[int]:
    """Start offsets of every (possibly overlapping) occurrence of needle."""
    if not needle:
        return
    at = haystack.find(needle)
    while at != -1:
        yield at
        at = haystack.find(needle, at + 1)


def _best(
    text: str,
    spans: list[tuple[int, int]],
    score: float,
    method: Method,
    prefix: str,
    suffix: str,
    near: int | None,
) -> Match:
    return _rank(text, [(s, e, score) for s, e in spans], method, prefix, suffix, near)[0][1]


class _Scorer:
    """The weighted score of a candidate: its quote's similarity, its context's likeness to the
    prefix and suffix given, and its nearness to an offset given."""

    def __init__(self, text: str, prefix: str, suffix: str, near: int | None) -> None:
        self.prefix = _fold(prefix) if prefix.strip() else ""
        self.suffix = _fold(suffix) if suffix.strip() else ""
        self.folded = _folded(text) if self.prefix or self.suffix else None
        self.near = near
        self.length = max(1, len(text))
        # The best score a verbatim candidate can reach: two that reach it cannot be told apart.
        self.ceiling = (
            QUOTE_WEIGHT
            + (PREFIX_WEIGHT if self.prefix else 0.0)
            + (SUFFIX_WEIGHT if self.suffix else 0.0)
            + (POSITION_WEIGHT if near is not None else 0.0)
        )

    def bound(self, start: int) -> float:
        """The best score a verbatim candidate starting at start can reach."""
        if self.near is None:
            return self.ceiling
        return self.ceiling - POSITION_WEIGHT * min(1.0, abs(start - self.near) / self.length)

    def __call__(self, start: int, end: int, quote_score: float) -> float:
        total = QUOTE_WEIGHT * quote_score
        folded = self.folded
        if folded is not None and self.prefix:
            at = folded.folded_index(start)
            before = folded.text[max(0, at - len(self.prefix)) : at]
            total += PREFIX_WEIGHT * Levenshtein.normalized_similarity(self.prefix, before)
        if folded is not None and self.suffix:
            at = folded.folded_index(end)
            after = folded.text[at : at + len(self.suffix)]
            total += SUFFIX_WEIGHT * Levenshtein.normalized_similarity(self.suffix, after)
        if self.near is not None:
            total += POSITION_WEIGHT * (1.0 - min(1.0, abs(start - self.near) / self.length))
        return round(total, 9)


def _rank(
    text: str,
    candidates: list[tuple[int, int, float]],
    method: Method,
    prefix: str,
    suffix: str,
    near: int | None,
) -> list[tuple[float, Match]]:
    """Candidates as matches with their weighted score, best first (text order among equals)."""
    score = _Scorer(text, prefix, suffix, near)
    ranked = [(score(s, e, q), Match(s, e, q, method)) for s, e, q in candidates]
    ranked.sort(key=lambda item: (-item[0], item[1].start))
    return ranked


SHOWN_CANDIDATES = 10  # an ambiguous quote's error lists this many places
COUNTED_CANDIDATES = 10_000  # … and counts this many more before it says "at least"


def _pick(
    text: str,
    quote: str,
    spans: Iterator[tuple[int, int]],
    method: Method,
    prefix: str,
    suffix: str,
    near: int | None,
    strict: bool,
) -> Match:
    """The best of verbatim spans (in text order) by their score, earliest among equals.

    Strict, AmbiguousQuote when several tie for the best. The spans are read one at a time and
    the reading stops once the answer is certain: a first span at the best possible score wins
    when not strict, and when strict, SHOWN_CANDIDATES spans at that score prove the ambiguity.
    Memory stays bounded however many times the quote occurs.
    """
    score = _Scorer(text, prefix, suffix, near)
    near_ = len(text) if near is None else near
    best = -1.0
    tied: list[Match] = []
    count = 0  # spans tied at the best score so far
    complete = True
    for start, end in spans:
        if score.bound(start) < best - 1e-9 and (method == "exact" or start > near_):
            # Exact spans come nearest to near first; folded ones in text order, so only past
            # near: either way every later candidate scores lower still.
            break
        value = score(start, end, 1.0)
        if value > best:
            best, tied, count = value, [Match(start, end, 1.0, method)], 1
        elif value == best:
            count += 1
            if len(tied) < SHOWN_CANDIDATES:
                tied.append(Match(start, end, 1.0, method))
        if best >= score.ceiling - 1e-9:
            if not strict:
                complete = False
                break
            if count >= SHOWN_CANDIDATES:
                # Certain: these cannot be told apart. Count on a little, for the message.
                for start, end in itertools.islice(spans, COUNTED_CANDIDATES):
                    count += score(start, end, 1.0) == best
                complete = next(spans, None) is None
                break
    tied.sort(key=lambda m: m.start)  # text order among equals
    if strict and count > 1:
        raise AmbiguousQuote(quote, tied, count, complete=complete)
    return tied[0]


def _approximate(
    text: str, quote: str, *, closest: bool
) -> tuple[list[tuple[int, int, float]], tuple[int, int, float] | None]:
    """Approximate matches of quote at or above the threshold, and (if asked) the closest text.

    Spans are original offsets with their similarity to the quote; the closest text is reported
    whatever its similarity, for error messages.
    """
    folded = _folded(text)
    pattern = _fold(quote).strip()
    size = len(pattern)
    # A span of length n with d edits has similarity 1 - d / max(size, n), and n <= size + d, so
    # reaching the threshold T needs d <= (1 - T) / T * size: search that far, then filter.
    budget = int((1.0 - SIMILARITY_THRESHOLD) / SIMILARITY_THRESHOLD * size + 1e-9)
    if not folded.text or (budget == 0 and not closest):
        return [], None
    hits, best = _myers_search(folded.text, pattern, budget, track_best=closest)
    matches: list[tuple[int, int, float]] = []
    for start, end in _spans_from_ends(folded.text, pattern, hits):
        s, e = folded.span(start, end)
        score = similarity(quote, text[s:e])
        if score >= SIMILARITY_THRESHOLD:
            matches.append((s, e, score))
    nearest: tuple[int, int, float] | None = None
    if closest and best is not None:
        found = _trim(folded.text, *_start_for_end(folded.text, pattern, *best))
        if found is not None:
            s, e = folded.span(*found)
            nearest = (s, e, similarity(quote, text[s:e]))
    return matches, nearest


def _spans_from_ends(
    haystack: str, pattern: str, hits: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Turn the end positions the search reported into distinct, non-overlapping match spans.

    Consecutive ends belong to one place in the text: each local minimum of the edit distance in
    such a run may end a match, but two matches that do not overlap end at least
    `len(pattern) - budget` apart, so only the best end in any such stretch is kept: fewest edits,
    then one at a word boundary ("harbour stret" ends after "street", not after "stre").
    """
    hits.sort()
    ends: list[tuple[int, bool, int]] = []  # (distance, not at a word boundary, end)
    run: list[tuple[int, int]] = []
    for hit in [*hits, (-2, 0)]:
        if run and hit[0] != run[-1][0] + 1:
            for i, (end, errors) in enumerate(run):
                left = run[i - 1][1] if i else errors + 1
                right = run[i + 1][1] if i + 1 < len(run) else errors + 1
                if errors <= left and errors <= right:
                    ends.append((errors, not _word_edge(haystack, end), end))
            run = []
        run.append(hit)
    ends.sort()  # fewest edits first; among equals, ends at a word boundary first
    size = len(pattern)
    found: list[tuple[int, int, int]] = []  # (distance, start, end)
    chosen: list[int] = []
    for errors, _, end in ends:
        at = bisect_left(chosen, end)
        gap = max(1, size - errors)
        if (at and end - chosen[at - 1] < gap) or (at < len(chosen) and chosen[at] - end < gap):
            continue
        chosen.insert(at, end)
        trimmed = _trim(haystack, *_start_for_end(haystack, pattern, end, errors))
        if trimmed is not None:
            found.append((errors, *trimmed))
    found.sort()
    starts: list[int] = []  # kept spans never overlap, so sorted by start they are sorted by end
    stops: list[int] = []
    for _, start, end in found:
        at = bisect_left(starts, end)
        if at and stops[at - 1] > start:
            continue
        starts.insert(at, start)
        stops.insert(at, end)
    return list(zip(starts, stops, strict=True))


def _start_for_end(haystack: str, pattern: str, end: int, errors: int) -> tuple[int, int]:
    """The start of the best match of pattern that ends at end (such a match has errors edits).

    One pass of Myers' algorithm over the reversed pattern and the reversed text before end gives
    the edit distance of the pattern to every haystack[end - j : end] at once. Among the closest,
    prefer a span starting at a word boundary ("oficials" matches "officials", not "fficials"),
    then the most similar (for equal edits, the longer), then the shorter.
    """
    size = len(pattern)
    longest = min(end, size + errors)
    distances = _prefix_distances(pattern[::-1], haystack[end - longest : end][::-1])

    def cost(length: int) -> tuple[int, bool, int, int]:
        start = end - length
        return (
            distances[length],
            not _word_edge(haystack, start),
            -max(size, length),
            length,
        )

    shortest = max(1, size - errors)
    return end - min(range(shortest, max(shortest, longest) + 1), key=cost), end


def _prefix_distances(pattern: str, text: str) -> list[int]:
    """The edit distance of pattern to text[:j], for every j from 0 to len(text) (Myers, global)."""
    size = len(pattern)
    bits: dict[str, int] = {}
    for i, char in enumerate(pattern):
        bits[char] = bits.get(char, 0) | (1 << i)
    mask = (1 << size) - 1
    top = 1 << (size - 1)
    positive, negative, score = mask, 0, size
    out = [score]
    for char in text:
        eq = bits.get(char, 0)
        xv = eq | negative
        xh = ((((eq & positive) + positive) ^ positive) | eq) & mask
        ph = negative | (~(xh | positive) & mask)
        mh = positive & xh
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        ph = ((ph << 1) | 1) & mask
        mh = (mh << 1) & mask
        positive = mh | (~(xv | ph) & mask)
        negative = ph & xv
        out.append(score)
    return out


def _word_edge(text: str, at: int) -> bool:
    """Whether offset at does not split a word (letters or digits on both sides)."""
    return at <= 0 or at >= len(text) or not (text[at - 1].isalnum() and text[at].isalnum())


def _trim(haystack: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without spaces at its ends, or None when nothing is left."""
    while start < end and haystack[start] == " ":
        start += 1
    while end > start and haystack[end - 1] == " ":
        end -= 1
    return (start, end) if end > start else None


def _myers_search(
    haystack: str, pattern: str, max_errors: int, *, track_best: bool
) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
    """Every end (exclusive) where a substring ending there is within max_errors edits of pattern.

    Returns (end, edits) pairs and, with track_best, the (end, edits) of a closest substring
    anywhere. The haystack is cut into `lanes` stretches that overlap by `pattern + max_errors`
    characters (the longest possible match), and all stretches run Myers' algorithm in lock step
    as lanes of one Python integer: each lane is `lane_bits` wide, the pattern's bits at the bottom
    and at least one spare bit on top to catch the carry of the addition, so lanes never leak into
    each other. Per-lane edit distances live in the same layout in `score`; adding a bias sets a
    lane's top bit exactly when its distance is above the limit, so a step with a match shows up
    as one comparison. Cost: O(len(haystack) * len(pattern) / 30) digit operations in C, plus one
    interpreter loop per stretch character.
    """
    size, length = len(pattern), len(haystack)
    if size == 0 or length == 0:
        return [], None
    budget = min(max_errors, size)
    overlap = size + budget
    lane_length = max(4 * overlap, 256)
    lanes = max(1, -(-length // lane_length))
    if lanes == 1:
        lane_length = length
    lane_bytes = size // 8 + 1
    lane_bits = 8 * lane_bytes
    sentinel = next(chr(c) for c in range(0xE000, 0xF900) if chr(c) not in pattern)
    padded = sentinel * overlap + haystack + sentinel * (lanes * lane_length - length)

    bits: dict[str, int] = {}
    for i, char in enumerate(pattern):
        bits[char] = bits.get(char, 0) | (1 << i)
    zero = bytes(lane_bytes)
    table = dict.fromkeys(set(padded), zero)
    for char, value in bits.items():
        if char in table:
            table[char] = value.to_bytes(lane_bytes, "little")
    lookup = table.__getitem__

    ones = int.from_bytes((b"\x01" + bytes(lane_bytes - 1)) * lanes, "little")
    mask = ((1 << size) - 1) * ones
    top = (1 << (size - 1)) * ones
    high = (1 << (lane_bits - 1)) * ones
    total_bytes = lane_bytes * lanes
    shift = size - 1
    stride_end = (lanes - 1) * lane_length + 1

    positive, negative = mask, 0
    score = size * ones
    best, best_end = size, -1
    limit = max(budget, best - 1) if track_best else budget
    bias = ((1 << (lane_bits - 1)) - 1 - limit) * ones
    hits: list[tuple[int, int]] = []

    for step in range(lane_length + overlap):
        column = padded[step : step + stride_end : lane_length]
        eq = int.from_bytes(b"".join(map(lookup, column)), "little")
        xv = eq | negative
        xh = ((((eq & positive) + positive) ^ positive) | eq) & mask
        ph = negative | ((xh | positive) ^ mask)
        mh = positive & xh
        score += ((ph & top) >> shift) - ((mh & top) >> shift)
        ph = (ph << 1) & mask
        mh = (mh << 1) & mask
        positive = mh | ((xv | ph) ^ mask)
        negative = ph & xv
        flags = (score + bias) & high
        if flags == high:
            continue
        tops = flags.to_bytes(total_bytes, "little")[lane_bytes - 1 :: lane_bytes]
        scores = score.to_bytes(total_bytes, "little")
        lane = tops.find(0)
        while lane != -1:
            at = lane * lane_length + step - overlap  # the character just read in this lane
            if 0 <= at < length:
                errors = int.from_bytes(
                    scores[lane * lane_bytes : (lane + 1) * lane_bytes], "little"
                )
                if errors <= budget and at >= lane * lane_length:
                    hits.append((at + 1, errors))
                if errors < best:
                    best, best_end = errors, at + 1
            lane = tops.find(0, lane + 1)
        if track_best and max(budget, best - 1) != limit:
            limit = max(budget, best - 1)
            bias = ((1 << (lane_bits - 1)) - 1 - limit) * ones
    return hits, ((best_end, best) if track_best and best_end >= 0 else None)

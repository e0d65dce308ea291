"""Anchoring against the shared corpus: the constructed fuzzy cases and Hypothesis' baselines.

The corpus is described in `<shared>/corpus/anchoring/CASES.md` and `SOURCE.md`. Offsets there are
Unicode code points (the `*_utf16` fields are JavaScript's), which is what Python strings index.
"""

from __future__ import annotations

import json
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from annotations.anchoring import (
    SIMILARITY_THRESHOLD,
    find_quote,
    locate,
    match_quote,
    reanchor,
)
from annotations.errors import AmbiguousQuote, EmptyQuote, QuoteNotFound
from annotations.model import Annotation, context_around, text_fingerprint
from tests.conftest import CORPUS

ANCHORING = CORPUS / "anchoring"
if not (ANCHORING / "constructed" / "cases.json").is_file():
    pytest.skip(
        f"anchoring corpus not found at {ANCHORING} (set MARGIN_SHARED to the shared folder)",
        allow_module_level=True,
    )

CONSTRUCTED = json.loads((ANCHORING / "constructed" / "cases.json").read_text(encoding="utf-8"))
BASELINES = ANCHORING / "hypothesis-client" / "html-baselines"
FIXTURE = ANCHORING / "hypothesis-client" / "html-anchoring-fixture.html"


def utf16(text: str, offset: int) -> int:
    """A code-point offset as JavaScript counts it (UTF-16 code units)."""
    return len(text[:offset].encode("utf-16-le")) // 2


def expected_for(case: dict[str, Any]) -> dict[str, Any] | None:
    """The case's expectation under our threshold.

    The one borderline case records two outcomes: none under a 10% error budget, a match under a
    lenient one. Our budget is 1 - SIMILARITY_THRESHOLD of the quote, so we pick accordingly.
    """
    if "max_error_ratio" in case and case["max_error_ratio"] < 1 - SIMILARITY_THRESHOLD:
        lenient: dict[str, Any] = case["expected_if_lenient"]
        return lenient
    expected: dict[str, Any] | None = case["expected"]
    return expected


@pytest.mark.parametrize("case", CONSTRUCTED["cases"], ids=lambda case: case["id"])
def test_constructed_case_with_hypothesis_semantics(case: dict[str, Any]) -> None:
    """match_quote behaves like Hypothesis' matchQuote: equal matches go to the first."""
    text = CONSTRUCTED["docs"][case["doc"]]
    match = match_quote(
        text,
        case["exact"],
        prefix=case.get("prefix", ""),
        suffix=case.get("suffix", ""),
        near=case.get("hint"),
    )
    expected = expected_for(case)
    if expected is None:
        assert match is None
        return
    assert match is not None
    assert (match.start, match.end) == (expected["start"], expected["end"])
    assert text[match.start : match.end] == expected["text"]
    assert (utf16(text, match.start), utf16(text, match.end)) == (
        expected["start_utf16"],
        expected["end_utf16"],
    )
    if expected["errors"] == 0:
        assert match.method == "exact"
    elif text[match.start : match.end].split() != case["exact"].split():
        assert match.method in ("normalized", "approximate")


@pytest.mark.parametrize("case", CONSTRUCTED["cases"], ids=lambda case: case["id"])
def test_constructed_case_with_find_quote(case: dict[str, Any]) -> None:
    """find_quote agrees, except that it refuses to guess between equal exact matches."""
    text = CONSTRUCTED["docs"][case["doc"]]
    options = {
        "prefix": case.get("prefix", ""),
        "suffix": case.get("suffix", ""),
        "near": case.get("hint"),
    }
    expected = expected_for(case)
    if not case["exact"]:
        with pytest.raises(EmptyQuote):
            find_quote(text, case["exact"], **options)
    elif expected is None:
        with pytest.raises(QuoteNotFound):
            find_quote(text, case["exact"], **options)
    elif case["id"] == "multi-no-context":
        # Two exact hits, no context, no hint: the CLI asks for --prefix/--suffix/--near.
        with pytest.raises(AmbiguousQuote) as caught:
            find_quote(text, case["exact"], **options)
        assert [m.start for m in caught.value.candidates] == [0, 30]
    else:
        match = find_quote(text, case["exact"], **options)
        assert (match.start, match.end) == (expected["start"], expected["end"])


# Re-anchoring trusts a hit away from the stored position only when the quote with its stored
# prefix, or with its stored suffix, still reaches the threshold there (or when the quote is long
# and unique). These cases store context that is nowhere near the quote in the document, on both
# sides, for a short quote: find_quote takes the quote anyway, re-anchoring orphans it.
ORPHANED_WHEN_REANCHORED = {
    "context-contradicts": "prefix 'zzzz ' and suffix ' qqqq' are garbage on both sides",
    "prefix-overruns-start": "the stored prefix is gone and the empty stored suffix says the quote "
    "ended the text, which it no longer does",
    "suffix-overruns-end": "the stored suffix is gone and the empty stored prefix says the quote "
    "began the text, which it does not",
}


@pytest.mark.parametrize("case", CONSTRUCTED["cases"], ids=lambda case: case["id"])
def test_constructed_case_as_reanchoring(case: dict[str, Any]) -> None:
    """A highlight storing the case's quote and context, at the hint, re-anchors as expected."""
    text = CONSTRUCTED["docs"][case["doc"]]
    hint = case.get("hint", 0)
    note = Annotation(
        "doc",
        hint,
        hint + len(case["exact"]),
        case["exact"],
        case.get("prefix", ""),
        case.get("suffix", ""),
    )
    moved = reanchor(note, text)
    expected = expected_for(case)
    if expected is None or case["id"] in ORPHANED_WHEN_REANCHORED:
        assert moved.orphaned
        assert (moved.quote, moved.prefix, moved.suffix) == (note.quote, note.prefix, note.suffix)
        return
    match = locate(note, text)
    assert match is not None and not moved.orphaned
    assert (moved.start, moved.end) == (expected["start"], expected["end"])
    assert moved.quote == expected["text"]
    assert moved.needs_review == (match.method == "approximate")


# -- Hypothesis' HTML baselines ------------------------------------------------------------------


class _DocumentText(HTMLParser):
    """The text a browser's DOM gives for a document's <body>: all text nodes, in order.

    Like Hypothesis' anchoring, which walks every text node: <script> and <style> contents count;
    so does <noscript>, which a browser with scripting on parses as raw text (SOURCE.md); comments
    do not; whitespace after </body> and </html> goes into the body, as the HTML parser puts it
    there. A fragment without <body> is taken whole.
    """

    CDATA_CONTENT_ELEMENTS = ("script", "style", "noscript")  # type: ignore[misc]  # stdlib hook

    def __init__(self, whole: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = whole
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.inside = True

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.parts.append(data)


def document_text(path: Path) -> str:
    """The body text of an HTML file, as the baselines' offsets count it."""
    source = path.read_text(encoding="utf-8")
    parser = _DocumentText(whole="<body" not in source.lower())
    parser.feed(source)
    parser.close()
    return "".join(parser.parts)


def baseline_annotations() -> list[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    """(page, annotation id, TextPositionSelector, TextQuoteSelector) of every baseline."""
    out = []
    for path in sorted(BASELINES.glob("*.json")):
        for row in json.loads(path.read_text(encoding="utf-8"))["rows"]:
            selectors = {s["type"]: s for s in row["target"][0]["selector"]}
            out.append(
                (
                    path.stem,
                    row["id"],
                    selectors["TextPositionSelector"],
                    selectors["TextQuoteSelector"],
                )
            )
    return out


BASELINE_CASES = baseline_annotations() if BASELINES.is_dir() else []


@pytest.mark.skipif(not BASELINE_CASES, reason=f"no Hypothesis baselines under {BASELINES}")
@pytest.mark.parametrize(
    ("page", "ident", "position", "quote"), BASELINE_CASES, ids=lambda v: str(v)[:24]
)
def test_hypothesis_baseline(
    page: str, ident: str, position: dict[str, Any], quote: dict[str, Any]
) -> None:
    text = document_text(BASELINES / f"{page}.html")
    start, end = position["start"], position["end"]
    # The selectors describe our text of the page exactly, context included (32 characters).
    assert text[start:end] == quote["exact"]
    assert context_around(text, start, end) == (quote["prefix"], quote["suffix"])
    # The quote selector alone finds the same span.
    match = find_quote(text, quote["exact"], prefix=quote["prefix"], suffix=quote["suffix"])
    assert (match.start, match.end, match.method) == (start, end, "exact")
    # Both selectors as a stored highlight: anchored by position.
    note = Annotation(page, start, end, quote["exact"], quote["prefix"], quote["suffix"])
    assert reanchor(note, text) == replace(note, fingerprint=text_fingerprint(text))
    # A wrong position is ignored when the quote works (CASES.md C.5).
    wrong = Annotation(
        page, 0, len(quote["exact"]), quote["exact"], quote["prefix"], quote["suffix"]
    )
    assert (reanchor(wrong, text).start, reanchor(wrong, text).end) == (start, end)
    # The page changes above the highlight: it moves with its words.
    changed = "Editor's note: this page was updated.\n\n" + text
    moved = reanchor(note, changed)
    assert moved.start == start + len("Editor's note: this page was updated.\n\n")
    assert moved.quote == quote["exact"] and not moved.needs_review
    # A typo fixed inside a long quote is found approximately and flagged.
    if len(quote["exact"]) > 40:
        edited = text[: start + 5] + "X" + text[start + 6 :]
        fixed = reanchor(note, edited)
        assert (fixed.start, fixed.end) == (start, end)
        assert fixed.needs_review and fixed.original_quote == quote["exact"]


# -- our own quote cases on Hypothesis' HTML fixture (CASES.md C.3 and C.4) ------------------------


@pytest.fixture(scope="module")
def fixture_text() -> str:
    if not FIXTURE.is_file():
        pytest.skip(f"HTML anchoring fixture not found at {FIXTURE}")
    return document_text(FIXTURE)


def test_fixture_exact_quote(fixture_text: str) -> None:
    match = find_quote(fixture_text, "commodo vitae")
    assert fixture_text[match.start : match.end] == "commodo vitae"


def test_fixture_long_quote_across_elements(fixture_text: str) -> None:
    quote = "Pellentesque habitant morbi tristique senectus et netus et malesuada fames"
    match = find_quote(fixture_text, quote)
    assert (fixture_text[match.start : match.end], match.method) == (quote, "exact")


def test_fixture_quote_with_typo(fixture_text: str) -> None:
    match = find_quote(fixture_text, "Pellentesque habitant morbi tristiqe")
    assert fixture_text[match.start : match.end] == "Pellentesque habitant morbi tristique"
    assert match.method == "approximate"


def test_fixture_reflowed_quote(fixture_text: str) -> None:
    # The document has a newline and indentation before these words; the quote starts on them.
    quote = "Mauris lacinia ipsum nulla, id iaculis quam egestas quis."
    match = find_quote(fixture_text, f"\n  {quote}")
    assert fixture_text[match.start : match.end] == quote


def test_fixture_two_letter_quote_needs_context(fixture_text: str) -> None:
    with pytest.raises(AmbiguousQuote):
        find_quote(fixture_text, "et")
    by_prefix = find_quote(fixture_text, "et", prefix="senectus ")
    assert fixture_text[by_prefix.start - 9 : by_prefix.end] == "senectus et"
    by_suffix = find_quote(fixture_text, "et", suffix=" malesuada")
    assert fixture_text[by_suffix.start : by_suffix.end + 10] == "et malesuada"


def test_fixture_hint_chooses_between_repeated_sentences(fixture_text: str) -> None:
    quote = "Lorem sed do eiusmod tempor."
    starts = [m.start for m in _all(fixture_text, quote)]
    assert len(starts) == 3
    for start in starts:
        assert find_quote(fixture_text, quote, near=start + 2).start == start


def test_fixture_quotes_that_must_fail(fixture_text: str) -> None:
    # Absent; first 32 characters right but the rest from elsewhere; start and end right but the
    # middle replaced (CASES.md C.4).
    absent = "The quick brown fox jumps over the lazy dog"
    wrong_tail = "Pellentesque habitant morbi tris" + " and then something else entirely different"
    wrong_middle = "Vestibulum tortor quam, " + "x" * 40 + " tempor sit amet, ante."
    for quote in (absent, wrong_tail, wrong_middle):
        with pytest.raises(QuoteNotFound):
            find_quote(fixture_text, quote)


def _all(text: str, quote: str) -> list[Any]:
    with pytest.raises(AmbiguousQuote) as caught:
        find_quote(text, quote)
    return list(caught.value.candidates)

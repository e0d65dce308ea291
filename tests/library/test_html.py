"""HTML article extraction: text blocks, page metadata, failures and the Readability corpus."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import lxml.html
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from library.errors import ImportFailed
from library.html import Extracted, extract_html
from library.html import blocks as html_blocks
from library.html.blocks import choose_blocks, needs_second_opinion, trim_edges
from library.model import BlockKind
from library.text import build_text
from tests.conftest import SHARED

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "html"
REPO = Path(__file__).resolve().parent.parent.parent
PAGES = SHARED / "corpus" / "readability-pages"
SCORER = SHARED / "tools" / "extraction_score.py"


def page(
    body: str,
    title: str = "Ferry timetable changes for the spring",
    head: str = "",
    heading: str | None = None,
) -> str:
    """A small HTML page with navigation, an <h1> (the title unless given) and the body."""
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{title}</title>{head}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{heading or title}</h1>{body}</article>"
        "<footer>© 2024 Example Ltd. All rights reserved.</footer></body></html>"
    )


PROSE = (
    "<p>The spring timetable adds an early sailing on weekdays and moves the last crossing of the "
    "evening back by half an hour, the operator said on Monday.</p>"
    "<p>Passengers with season tickets do not need to renew them before the change takes effect "
    "at the end of the month, and fares stay the same until April.</p>"
)


@pytest.fixture(scope="module")
def news() -> Extracted:
    """The fixture news page with navigation, ads, comments and a footer."""
    return extract_html((FIXTURES / "news_article.html").read_bytes())


def texts(found: Extracted) -> list[str]:
    return [body for _, body in found.blocks]


# --- a full news page ----------------------------------------------------------------------------


def test_news_page_metadata(news: Extracted) -> None:
    assert news.title == "Harbour town votes to keep its last ferry"
    # JSON-LD authors win over the page's stray <meta name="author">.
    assert news.authors == ["Mara Lindqvist", "Tomás Ortega"]
    assert news.published == "2024-03-14"
    assert news.publication == "The Coastal Ledger"
    assert news.section == "Local"
    # rel=canonical wins over og:url, which carries a tracking parameter.
    assert news.url == "https://ledger.example/news/2024/03/14/harbour-ferry-vote"
    assert news.subtitle == (
        "Councillors overruled a cost review after a crowded public meeting on Tuesday night."
    )


def test_news_page_drops_navigation_ads_comments_and_footer(news: Extracted) -> None:
    text = build_text(news.blocks)[0]
    for furniture in (
        "Subscribe for two pounds",
        "Weather",
        "Advertisement",
        "discount kayaks",
        "luxury cruise",
        "Related stories",
        "Bridge repairs delayed",
        "Share this article",
        "Great article, totally agree",
        "Estuary Ed",
        "grandchildren",
        "All rights reserved",
        "Privacy policy",
        "tracking pixel",
    ):
        assert furniture not in text, furniture
    assert text.startswith("The council of Port Wenlow voted by nine to four")
    assert text.endswith("with the usual stop at Gull Point on the way across.")


def test_news_page_keeps_structure(news: Extracted) -> None:
    kinds = [kind for kind, _ in news.blocks]
    quote = [body for kind, body in news.blocks if kind == "blockquote"]
    assert len(quote) == 1
    assert quote[0].startswith("“The boat is not a luxury — it is how half of this town")
    assert ("heading", "What the council agreed") in news.blocks
    items = [body for kind, body in news.blocks if kind == "list_item"]
    assert items == [
        "a five-year operating contract with the current crew;",
        "a survey of the hull before the summer timetable begins;",
        "a fare freeze for season-ticket holders until April next year.",
    ]
    # The headline is metadata, not repeated as the first block; the byline is not text either.
    assert kinds[0] == "paragraph"
    assert all("Harbour town votes" not in body for body in texts(news))
    assert all(not body.startswith("By Mara") for body in texts(news))


def test_news_page_from_text_and_bytes_agree(news: Extracted) -> None:
    markup = (FIXTURES / "news_article.html").read_text(encoding="utf-8")
    assert extract_html(markup) == news


def test_given_url_is_kept_without_canonical_and_canonical_is_made_absolute() -> None:
    plain = extract_html(page(PROSE), "https://example.org/a/ferry")
    assert plain.url == "https://example.org/a/ferry"
    relative = extract_html(
        page(PROSE, head="<link rel='canonical' href='/stories/ferry'>"), "https://example.org/x"
    )
    assert relative.url == "https://example.org/stories/ferry"


# --- titles --------------------------------------------------------------------------------------


def test_title_strips_site_suffix_from_document_title() -> None:
    head = "<meta property='og:site_name' content='Wenlow Gazette'>"
    title = "Ferry timetable changes for the spring | Wenlow Gazette"
    markup = page(PROSE, title=title, head=head, heading="Spring changes")
    found = extract_html(markup)
    assert found.title == "Ferry timetable changes for the spring"
    assert found.publication == "Wenlow Gazette"


def test_title_prefers_json_ld_headline_and_keeps_non_site_suffix() -> None:
    ld = {"@context": "https://schema.org", "@type": "Article", "headline": "Ferries: a love story"}
    head = (
        f"<script type='application/ld+json'><![CDATA[{json.dumps(ld)}]]></script>"
        "<meta property='og:title' content='Ferries, a love story - Wenlow Gazette'>"
    )
    assert extract_html(page(PROSE, title="Ferries: a love story", head=head)).title == (
        "Ferries: a love story"
    )
    head = (
        "<meta property='og:site_name' content='The Gazette'>"
        "<meta property='og:title' content='Why I love ferries | Ann Example'>"
    )
    assert extract_html(page(PROSE, head=head)).title == "Why I love ferries | Ann Example"


def test_publication_falls_back_to_title_suffix_then_hostname() -> None:
    titled = page(
        PROSE,
        title="Ferry timetable changes for the spring - The Daily Example",
        heading="Ferry timetable changes for the spring",
    )
    found = extract_html(titled)
    assert found.title == "Ferry timetable changes for the spring"
    assert found.publication == "The Daily Example"
    assert extract_html(page(PROSE), "https://www.example.net/x").publication == "example.net"


# --- failures ------------------------------------------------------------------------------------


LOGIN = """<!DOCTYPE html><html><head><title>Sign in | Example</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<main><h1>Sign in</h1><form><label>Email</label><input name="e">
<label>Password</label><input type="password" name="p"><button>Sign in</button></form>
<p><a href="/forgot">Forgot your password?</a></p></main>
<footer>© 2024 Example Ltd. All rights reserved.</footer></body></html>"""

LISTING = (
    "<!DOCTYPE html><html><head><title>Latest news | Example</title></head><body><main>"
    "<h1>Latest news</h1><ul>"
    + "".join(
        f"<li><a href='/a{i}'>Headline number {i} about the harbour and the town</a></li>"
        for i in range(25)
    )
    + "</ul></main></body></html>"
)


@pytest.mark.parametrize("markup", [LOGIN, LISTING], ids=["login", "listing"])
def test_page_without_article_text_fails(markup: str) -> None:
    with pytest.raises(ImportFailed) as caught:
        extract_html(markup, "https://example.org/page")
    assert caught.value.source == "https://example.org/page"
    assert caught.value.reason == "no article text found in the HTML"
    assert "login" in caught.value.hint


@pytest.mark.parametrize("markup", ["", "   \n", b"", "<html><body></body></html>"])
def test_empty_page_fails_with_html_as_source(markup: str | bytes) -> None:
    with pytest.raises(ImportFailed) as caught:
        extract_html(markup)
    assert caught.value.source == "<html>"


# --- text fidelity and safety --------------------------------------------------------------------


def test_curly_quotes_and_dashes_are_kept_exactly() -> None:
    sentence = "She said “it’s fine” — then ‘left’ – quickly… and the 1990–2000 record held."
    found = extract_html(page(f"<p>{sentence}</p>{PROSE}"))
    assert texts(found)[0] == sentence
    assert build_text(found.blocks)[0].startswith(sentence)


def test_markup_looking_text_stays_literal_and_escapes_are_removed() -> None:
    body = (
        "<p>Reviewers wrote [bold]x[/bold] and [link=https://evil.example]here[/link] and "
        "[@click=app.quit]quit[/] in the comments box of the ferry company website.</p>"
        "<p>Someone pasted \x1b]0;evil\x07 into the form, and &#27;[31m red text too, "
        "which the harbour office then printed in its weekly bulletin.</p>"
    )
    found = extract_html(page(body + PROSE))
    text = build_text(found.blocks)[0]
    assert "[bold]x[/bold]" in text
    assert "[link=https://evil.example]here[/link]" in text
    assert "[@click=app.quit]quit[/]" in text
    assert "\x1b" not in text and "\x07" not in text
    assert "evil" in text  # only the control characters go, the visible text stays


def test_table_rows_become_one_block_each() -> None:
    table = (
        "<table><tr><th>Day</th><th>First sailing</th></tr>"
        "<tr><td>Monday</td><td>07:15</td></tr></table>"
    )
    found = extract_html(page(PROSE + table + PROSE.replace("spring", "summer")))
    assert ("paragraph", "Day | First sailing") in found.blocks
    assert ("paragraph", "Monday | 07:15") in found.blocks


def test_declared_legacy_charset_is_decoded() -> None:
    markup = page("<p>Café crème “quoted” – and enough words for a real sentence.</p>")
    raw = markup.replace("charset='utf-8'", "charset='windows-1252'").encode("cp1252")
    found = extract_html(raw)
    assert texts(found)[0] == "Café crème “quoted” – and enough words for a real sentence."


def test_xml_declaration_in_text_is_accepted() -> None:
    markup = "<?xml version='1.0' encoding='iso-8859-1'?>\n" + page(PROSE)
    assert extract_html(markup).title == "Ferry timetable changes for the spring"


def test_dates_come_only_from_the_page() -> None:
    stated = page(PROSE, head="<meta property='article:published_time' content='2021-05-04'>")
    assert extract_html(stated).published == "2021-05-04"
    in_url = extract_html(page(PROSE), "https://example.org/2020/02/29/ferry")
    assert in_url.published == "2020-02-29"
    # A date in the text alone is not the publication date: no guessing.
    undated = page(
        "<p>On 3 March 2019 the ferry ran aground near Gull Point at low tide.</p>" + PROSE
    )
    assert extract_html(undated).published is None


def test_bylines_are_split_and_cleaned() -> None:
    head = "<meta name='author' content='By Ann Example, PhD and Bo Sample'>"
    assert extract_html(page(PROSE, head=head)).authors == ["Ann Example", "Bo Sample"]


def test_importing_the_package_is_cheap() -> None:
    code = (
        "import sys, library.html, library.html.blocks, library.html.clutter, "
        "library.html.compare, library.html.decode, library.html.metadata; "
        "heavy = ('trafilatura', 'lxml', 'readability', 'htmldate', 'textual'); "
        "print(','.join(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert out.stdout.strip() == ""


# --- the second opinion --------------------------------------------------------------------------


ARTICLE: list[tuple[BlockKind, str]] = [
    ("paragraph", f"Paragraph {n} of the story tells how the ferry crossed the estuary at dawn.")
    for n in ("one", "two", "three", "four", "five", "six")
]


def test_wildly_longer_primary_text_gives_way_to_the_second_opinion() -> None:
    gallery: list[tuple[BlockKind, str]] = [
        ("paragraph", f"Slide {i} of 40: a celebrity waves at photographers outside a premiere.")
        for i in range(40)
    ]
    assert choose_blocks(ARTICLE + gallery, ARTICLE) == (ARTICLE, ARTICLE + gallery)
    assert choose_blocks(ARTICLE, ARTICLE[:5]) == (ARTICLE, ARTICLE[:5])
    assert choose_blocks([], ARTICLE) == (ARTICLE, [])


def test_edges_the_second_opinion_never_saw_are_trimmed() -> None:
    lead: list[tuple[BlockKind, str]] = [("paragraph", "Posted on 3 March at 11:29")]
    tail: list[tuple[BlockKind, str]] = [
        ("paragraph", "Sign up to our morning newsletter for more stories like this one."),
        ("list_item", "Related: bridge repairs delayed"),
    ]
    assert trim_edges(lead + ARTICLE + tail, ARTICLE) == ARTICLE
    # A long opening paragraph is a lede the other extractor missed, not furniture.
    lede: list[tuple[BlockKind, str]] = [
        ("paragraph", "A HIGH-powered team toured newsrooms this week to explain the new law " * 2)
    ]
    assert trim_edges(lede + ARTICLE, ARTICLE) == lede + ARTICLE
    # A second opinion that disagrees with most of the text cuts nothing.
    assert trim_edges(ARTICLE, ARTICLE[:1]) == ARTICLE


def test_a_short_edge_block_is_seen_only_where_its_words_stand_together() -> None:
    # The other's blocks read as one run of words, a block without words a gap in it: "by Ann"
    # stands across the gap, so it was not seen; "Ann Lee" was.
    other = [*ARTICLE, ("paragraph", "Photograph by"), ("paragraph", "*"), ("paragraph", "Ann Lee")]
    byline: list[tuple[BlockKind, str]] = [("paragraph", "by Ann")]
    credit: list[tuple[BlockKind, str]] = [("paragraph", "Ann Lee")]
    assert trim_edges(ARTICLE + byline, other) == ARTICLE
    assert trim_edges(ARTICLE + credit, other) == ARTICLE + credit


def _trim_edges_by_trigrams(
    blocks: list[tuple[BlockKind, str]], other: list[tuple[BlockKind, str]]
) -> list[tuple[BlockKind, str]]:
    """`trim_edges` as it reads with every block's trigrams looked up: what its shortcut (a
    block found word for word in the other's text) must match."""
    from library.html.compare import size, tokens

    if not other or not blocks:
        return blocks
    other_words = [word for _, body in other for word in tokens(body)]
    seen = set(zip(other_words, other_words[1:], other_words[2:], strict=False))
    seen_text = f" {' '.join(other_words)} "

    def unseen(body: str) -> bool:
        words = tokens(body)
        if len(words) < 3:
            return f" {' '.join(words)} " not in seen_text
        grams = set(zip(words, words[1:], words[2:], strict=False))
        return len(grams & seen) < 0.5 * len(grams)

    start, end = 0, len(blocks)
    while end > start and unseen(blocks[end - 1][1]):
        end -= 1
    while start < end and size(blocks[start][1]) <= 12 and unseen(blocks[start][1]):
        start += 1
    trimmed = blocks[start:end]
    return (
        trimmed
        if html_blocks.blocks_size(trimmed) * 2 >= html_blocks.blocks_size(blocks)
        else blocks
    )


# Words and glue that cut or join words differently once casefolded or in another script.
_PIECES = st.sampled_from(
    ("ferry", "Ferry", "FERRY", "erry", "ß", "SS", "ss", "Straße", "中", "文中", "a_b", "é", "x1",
     "1", " ", " ", " ", "\n", ", ", ".", "-", "'", "’")
)  # fmt: skip
_TEXTS = st.lists(_PIECES, min_size=1, max_size=12).map("".join)


@given(
    st.lists(_TEXTS, min_size=1, max_size=5),
    st.lists(
        st.tuples(st.integers(0, 4), st.integers(0, 40), st.integers(0, 40), _TEXTS), max_size=4
    ),
)
# A leading block found only inside the other's words, at their start or at their end: its
# first or last word is not one of the other's.
@example(["erry ferry ferry.", "ferry ferry ferry."], [(1, 0, 40, "")])
@example([", ferry ferry fer", ", ferry ferry ferry"], [(1, 0, 40, "")])
def test_an_edge_block_found_in_the_other_text_is_seen_as_its_trigrams_say(
    texts: list[str], cuts: list[tuple[int, int, int, str]]
) -> None:
    blocks: list[tuple[BlockKind, str]] = [("paragraph", text) for text in texts]
    # The other extractor's text: pieces of the blocks, cut anywhere, among other words.
    other: list[tuple[BlockKind, str]] = [
        ("paragraph", texts[n % len(texts)][a : a + b] + extra) for n, a, b, extra in cuts
    ]
    assert trim_edges(blocks, other) == _trim_edges_by_trigrams(blocks, other)


ARTICLE_LETTERS = sum(html_blocks.letters(body) for _, body in ARTICLE)


def test_a_plain_article_needs_no_second_opinion() -> None:
    assert not needs_second_opinion(ARTICLE, ARTICLE_LETTERS)
    # Headings and quotes inside the article are no sign.
    inside: list[tuple[BlockKind, str]] = [("heading", "The vote"), ("blockquote", "We stay.")]
    assert not needs_second_opinion(ARTICLE[:2] + inside + ARTICLE[2:], ARTICLE_LETTERS + 8)


@pytest.mark.parametrize(
    ("blocks", "paragraph_letters"),
    [
        ([], 500),  # trafilatura found nothing
        ([("paragraph", "Home\nNews\nSport\nThe ferry crossed the estuary at dawn.")], 500),
        # its text is under half, or over twice, what the page's paragraphs hold; no paragraphs
        (ARTICLE, ARTICLE_LETTERS * 2 + 10),
        (ARTICLE, ARTICLE_LETTERS // 2 - 10),
        (ARTICLE, 0),
        # a dateline first; a list item first
        ([("paragraph", "Posted on 3 March at 11:29"), *ARTICLE], ARTICLE_LETTERS),
        ([("list_item", "From the section Europe"), *ARTICLE], ARTICLE_LETTERS),
        # a heading or a list among the last four blocks: other stories, related links
        ([*ARTICLE, ("heading", "More opinion"), ARTICLE[0]], ARTICLE_LETTERS * 7 // 6),
        ([*ARTICLE, ("list_item", "Bridge repairs"), *ARTICLE[:3]], ARTICLE_LETTERS * 3 // 2),
    ],
)
def test_doubtful_text_asks_for_a_second_opinion(
    blocks: list[tuple[BlockKind, str]], paragraph_letters: int
) -> None:
    assert needs_second_opinion(blocks, paragraph_letters)


def test_the_second_opinion_runs_only_on_doubtful_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str | None] = []
    readability = html_blocks.readability_blocks

    def spy(tree: object, url: str | None) -> list[tuple[BlockKind, str]]:
        asked.append(url)
        return readability(tree, url)

    monkeypatch.setattr(html_blocks, "readability_blocks", spy)
    paragraphs = "".join(f"<p>{body}</p>" for _, body in ARTICLE)
    plain = extract_html(page(paragraphs), "https://news.example/plain")
    assert asked == []
    assert [body for _, body in plain.blocks] == [body for _, body in ARTICLE]
    # A heading near the end may start a list of other stories: readability is asked, and keeps
    # what it also found in the article.
    closing = "<h2>What comes next</h2><p>" + ARTICLE[0][1] + "</p>"
    doubtful = extract_html(page(paragraphs + closing), "https://news.example/doubtful")
    assert asked == ["https://news.example/doubtful"]
    assert doubtful.blocks == [*plain.blocks, ("heading", "What comes next"), ARTICLE[0]]


def test_an_article_body_outside_paragraphs_still_gets_the_second_opinion() -> None:
    # Two <p> lead paragraphs in the <article>, the body beside it as <br>-separated text:
    # trafilatura takes the lead alone, as long as the page's <p> text (no sign of doubt), where
    # readability (asked before on every page) finds the whole article.
    said = (
        "The committee met on Tuesday to discuss the proposal for the new bridge across the "
        "river, which has been debated for years by residents and officials alike."
    )
    lead = "".join(f"<p>{said} Lead paragraph {n}.</p>" for n in ("one", "two"))
    body = "<br><br>".join(f"{said} Body paragraph {n}." for n in range(10))
    markup = f"<html><head><title>Bridge</title></head><body><article>{lead}</article>"
    markup += f"<div class='text'>{body}</div></body></html>"
    found = " ".join(text for _, text in extract_html(markup, "https://news.example/br").blocks)
    assert "Body paragraph 9." in found


def test_prose_right_after_an_html_comment_counts_in_the_pages_measure() -> None:
    # A comment's own text is no prose, but the text after it is the page's: skipping the
    # comment's tail too left body text behind a <!-- … --> out of the measure.
    said = "The committee met on Tuesday to discuss the proposal for the new bridge at last."
    tree = lxml.html.fromstring(f"<html><body><div><!-- ad slot -->{said}</div></body></html>")
    assert html_blocks.paragraph_letters(tree) == html_blocks.letters(said)
    commented = lxml.html.fromstring(f"<html><body><div><!-- {said} --></div></body></html>")
    assert html_blocks.paragraph_letters(commented) == 0


# --- the Readability test pages ------------------------------------------------------------------


def _load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_extraction_score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cited_titles(meta: dict[str, str | None]) -> list[str]:
    """Readability's title, and that title without the byline and site name it keeps at its end.

    Readability keeps "… whale strandings | Eleanor Ainge Roy" (guardian-1) and "… Lie - John C.
    Welch - Medium" (medium-3); Margin cites the headline without them (issue 12).
    """
    title = meta.get("title") or ""
    titles = [title]
    for name in (meta.get("siteName"), meta.get("byline")) * 2:
        for sep in (" | ", " - "):
            if name and title.endswith(sep + name):
                title = title.removesuffix(sep + name)
                titles.append(title)
    return titles


@pytest.mark.slow
def test_corpus_text_and_titles_match_readability() -> None:
    if not PAGES.is_dir() or not SCORER.is_file():
        pytest.skip(f"shared corpus not found at {PAGES} (set MARGIN_SHARED to the shared folder)")
    scorer = _load_scorer()
    started = time.perf_counter()
    scores: dict[str, float] = {}
    missed: list[str] = []
    for folder in sorted(p for p in PAGES.iterdir() if p.is_dir()):
        found = extract_html((folder / "source.html").read_bytes())
        want = scorer.html_text((folder / "expected.html").read_text(encoding="utf-8"))
        meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        scores[folder.name] = scorer.prf(build_text(found.blocks)[0], want)[2]
        wanted = {scorer.norm_title(t) for t in _cited_titles(meta)}
        if scorer.norm_title(found.title) not in wanted:
            missed.append(f"{folder.name}: {found.title!r} != {meta.get('title')!r}")
    elapsed = time.perf_counter() - started
    mean = sum(scores.values()) / len(scores)
    worst = sorted(scores.items(), key=lambda kv: kv[1])[:3]
    assert mean >= 0.975, f"mean F1 {mean:.4f}; worst {worst}"
    assert not missed, f"titles missed: {missed}"
    assert elapsed < 60, f"corpus took {elapsed:.1f}s"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_letters_is_the_length_without_whitespace(text: str) -> None:
    from library.html.blocks import letters

    assert letters(text) == len("".join(text.split()))


def _readability_clean(text: str) -> str:
    """readability-lxml's `clean` as it reads (0.8.1 to 0.9): what `quick_clean` must match."""
    import re

    text = re.sub(r"\s{255,}", " " * 255, text)
    text = re.sub(r"\s*\n\s*", "\n", text)
    text = re.sub(r"\t|[ \t]{2,}", " ", text)
    return text.strip()


_SPACED = st.lists(
    st.one_of(
        st.text(alphabet=" \t\n\r\x0b\x0c\x1c\x85\xa0\u2003\u2028\u3000ab,é’", max_size=12),
        st.sampled_from([" " * 300, "\n" * 260, "\t \n" * 90, "\xa0" * 256]),
    ),
    max_size=8,
).map("".join)


@given(_SPACED)
@example("a" + "\x1f" * 254 + "b")  # one short of a run `_LONG` folds
@example("a" + "\x1f" * 255 + "b")
@example("é" + "\x1f" * 255 + "b")  # beyond ASCII: its letters read as "?"
@example("é" + " " * 254 + "\xa0" + "b")  # its whitespace, for the pattern to find
@example("a\t\n b")  # the first line's whitespace other than spaces, where it meets a break
@example("a\n\u2028\x0cb")  # the last line's
@example("a\n\r\n\x1c\x85\nb")  # lines of whitespace between breaks
def test_readabilitys_whitespace_folding_is_the_same_without_its_idle_substitutions(
    text: str,
) -> None:
    assert html_blocks.quick_clean(text) == _readability_clean(text)


def test_readabilitys_own_folding_is_replaced_only_when_it_is_the_one_known(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from readability import readability

    replaced = html_blocks._quicken_readability()
    assert replaced is not None and readability.clean is html_blocks.quick_clean
    for text in ("a  b\t\n  c", " " * 300 + "x", "plain text, one line"):
        assert replaced(text) == _readability_clean(text)
    # Another version's function of the same name is left alone.
    monkeypatch.setattr(readability, "clean", lambda text: text.strip().lower())
    assert html_blocks._quicken_readability.__wrapped__() is None
    assert readability.clean("A ") == "a"


# Every ASCII control, their neighbours and a few characters of two and three UTF-8 bytes.
_CONTROLS = st.text(st.sampled_from([*map(chr, range(0x21)), "\x7f", "\x80", "a", "é", "€"]))


def _without_controls_by_pattern(text: str) -> str:
    import re

    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)


@given(st.text() | _CONTROLS)
def test_a_pages_control_characters_go_as_the_pattern_has_them_go(text: str) -> None:
    from library.html.decode import without_controls

    assert without_controls(text) == _without_controls_by_pattern(text)


def test_each_control_character_alone_goes_as_the_pattern_has_it_go() -> None:
    from library.html.decode import without_controls

    for n in range(0x100):  # alone: only the quick check decides
        alone = f"a{chr(n)}é"
        assert without_controls(alone) == _without_controls_by_pattern(alone), hex(n)


_DATEY = st.text(alphabet="0123456789./-: a", max_size=40)


@given(_DATEY)
def test_htmldates_date_prefilter_finds_the_same_dates_quicker(text: str) -> None:
    import re

    from library.html.metadata import HTMLDATE_DATE_CORE, QUICK_DATE_CORE

    spans = [found.span() for found in re.finditer(HTMLDATE_DATE_CORE, text)]
    assert [found.span() for found in QUICK_DATE_CORE.finditer(text)] == spans


def test_htmldates_date_prefilter_is_replaced_only_when_it_is_the_one_known(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import re

    from htmldate import extractors

    from library.html import metadata

    extract_html(page(PROSE))  # its metadata read: the prefilter replaced
    assert extractors.DATE_CORE_PATTERN is metadata.QUICK_DATE_CORE
    # Another version's pattern of the same name is left alone.
    other = re.compile(r"[0-9]{1,2}[./][0-9]{1,2}[./][0-9]{4}")
    monkeypatch.setattr(extractors, "DATE_CORE_PATTERN", other)
    assert metadata._quicken_htmldate.__wrapped__() is False
    assert extractors.DATE_CORE_PATTERN is other


def test_a_page_is_walked_without_lxml_htmls_python_class_lookup(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # lxml.html's lookup is a Python method called for each element a walk touches (a
    # twentieth of a page's extraction); the page's classes are chosen in C instead.
    from library.html.decode import parse_page

    calls: list[str] = []
    lookup = lxml.html.HtmlElementClassLookup.lookup

    def counted(self: object, *args: object) -> object:
        calls.append(str(args[-1]))
        return lookup(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(lxml.html.HtmlElementClassLookup, "lookup", counted)
    body = (
        "<form action='/s'><label>Search <input name='q'></label><select name='s'>"
        "<option>All</option></select><textarea name='t'>Say</textarea></form>"
        + "<p>The council voted on Tuesday to keep the night ferry running through the winter, "
        "after a month of letters from commuters who rely on it.</p>" * 3
    )
    tree = parse_page(page(body))
    assert {type(node) for node in tree.iter()} == {lxml.html.HtmlElement}
    assert calls == []
    found = extract_html(page(body))
    assert [kind for kind, _ in found.blocks] == ["paragraph"] * 3

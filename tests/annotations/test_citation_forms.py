"""Citation rules from issue 22, each checked on the manual's own example (or on the seed).

MLA 9, APA 7 and Chicago 17: sentence case that keeps proper nouns, partial dates, item types,
languages, particles, adverbs in headline style, nested quotation marks, page locators.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotations.citation import format_quote, locate
from annotations.model import Annotation
from library.model import Article, ArticleMeta, Page
from library.store import Library
from library.text import build_text
from tests.conftest import SHARED

SEED = SHARED / "corpus" / "seed" / "boston-secure-communities-2011.txt"
ACCESSED = date(2024, 3, 5)


def _ann(article: ArticleMeta, quote: str, start: int = 0) -> Annotation:
    return Annotation(article.id, start, start + len(quote), quote)


def _cite(article: ArticleMeta, style: str, quote: str = "Words.", start: int = 0) -> str:
    return format_quote(_ann(article, quote, start), article, style, accessed=ACCESSED)


def _seed(tmp_path: Path) -> Article:
    if not SEED.exists():
        pytest.skip(f"the founding article is not at {SEED} (shared corpus absent)")
    return Library(tmp_path / "lib").import_file(SEED).article


# -- the founding article --------------------------------------------------------------------------


def test_seed_apa_paragraph_counts_from_the_first_body_paragraph(tmp_path: Path) -> None:
    article = _seed(tmp_path)
    quote = "Boston was among the first cities in the United States to test the program in 2006"
    start = article.text.index(quote)
    line = _cite(article, "apa", quote, start).splitlines()[0]
    # The standfirst is the subtitle, not a paragraph: this is the body's second paragraph.
    assert line.endswith("(“Boston Threatens,” 2011, para. 2).")


def _article(body: list[str], **meta: object) -> Article:
    text, blocks = build_text([("paragraph", p) for p in body])
    fields: dict[str, object] = {"id": "a", "title": "T", **meta}
    return Article(**fields, text=text, blocks=blocks)  # type: ignore[arg-type]


def _entry(article: ArticleMeta, style: str) -> str:
    return _cite(article, style).split("\n\n")[-1]


# -- APA sentence case (APA 7 6.17) ----------------------------------------------------------------


def test_seed_apa_title_in_sentence_case_keeps_its_proper_nouns(tmp_path: Path) -> None:
    article = _seed(tmp_path)
    article.title = "Boston Threatens to Withdraw from Secure Communities"  # as a site states it
    assert _entry(article, "apa").startswith(
        "Boston threatens to withdraw from Secure Communities. (2011, July 13)."
    )


def test_apa_sentence_case_keeps_names_acronyms_and_the_word_after_a_colon() -> None:
    # APA 7 6.17: proper nouns, acronyms and the first word of a subtitle stay capitalised.
    article = _article(
        [
            "The Senate passed the bill after NATO officials testified in Harbour Street.",
            "A street vote followed; the senate of the street met in the town.",
        ],
        title="Harbour Street Traders Fear The Senate Vote: What NATO Means For Shops",
        authors=["Tom Whitcombe"],
        published="2024-03-05",
    )
    assert _entry(article, "apa").startswith(
        "Whitcombe, T. (2024, March 5). Harbour Street traders fear the Senate vote:"
        " What NATO means for shops."
    )


def test_apa_without_the_article_text_lowercases_nothing() -> None:
    meta = ArticleMeta(id="a", title="Boston Threatens to Withdraw from Secure Communities")
    assert _entry(meta, "apa").startswith("Boston Threatens to Withdraw from Secure Communities.")


def test_an_all_caps_title_is_recased_in_every_style() -> None:
    article = _article(
        ["The Senate passed the climate bill on Monday, the EPA said."],
        title="BREAKING: SENATE PASSES CLIMATE BILL",
        publication="The Riverton Courier",
        published="2024-03-05",
    )
    assert "“Breaking: Senate Passes Climate Bill.”" in _entry(article, "mla")
    assert "Breaking: Senate passes climate bill." in _entry(article, "apa")
    assert "“Breaking: Senate Passes Climate Bill.”" in _entry(article, "chicago")


def test_a_french_title_keeps_its_capitalisation_in_mla_and_chicago() -> None:
    # MLA 9 1.2 and CMOS 11.4: a title in another language is capitalised as that language does.
    article = _article(
        ["La réforme des retraites divise toujours la France, selon un sondage."],
        title="La réforme des retraites divise toujours la France",
        authors=["Claire Martin"],
        publication="Le Monde",
        published="2023-04-14",
        language="fr",
    )
    title = "La réforme des retraites divise toujours la France"
    assert f"“{title}.”" in _entry(article, "mla")
    assert f"“{title}.”" in _entry(article, "chicago")
    assert f"{title}." in _entry(article, "apa")


# -- headline style --------------------------------------------------------------------------------


def test_a_preposition_used_as_an_adverb_is_capitalised() -> None:
    # CMOS 8.159: prepositions used adverbially are capitalised ("Catching On in Britain").
    meta = ArticleMeta(id="a", title="Catching on in Britain", publication="The Economist")
    assert "“Catching On in Britain.”" in _entry(meta, "chicago")
    assert "“Catching On in Britain.”" in _entry(meta, "mla")


# -- names -----------------------------------------------------------------------------------------


def test_particles_stay_in_in_text_citations() -> None:
    # CMOS 8.5 and the CSL non-dropping particle: "van Gogh", "de Gaulle", never "Gogh".
    van_gogh = ArticleMeta(id="a", title="Letters", authors=["Vincent van Gogh"], published="2024")
    both = ArticleMeta(
        id="b", title="Memoirs", authors=["Charles de Gaulle", "W. E. B. Du Bois"],
        published="2024",
    )  # fmt: skip
    assert _cite(van_gogh, "mla").splitlines()[0].endswith("(van Gogh).")
    assert _cite(van_gogh, "apa").splitlines()[0].endswith("(van Gogh, 2024).")
    assert _cite(both, "apa").splitlines()[0].endswith("(de Gaulle & Du Bois, 2024).")
    assert _cite(both, "mla").splitlines()[0].endswith("(de Gaulle and Du Bois).")


# -- quotation marks -------------------------------------------------------------------------------


def test_a_third_level_of_quotation_marks_switches_back_to_double() -> None:
    # CMOS 13.30: “He said, ‘I heard her say “never again.”’” — each level alternates.
    meta = ArticleMeta(id="a", title="T", authors=["Ann Lee"])
    quote = "“He told me ‘never again’ after the vote,” she said."
    line = _cite(meta, "mla", quote).splitlines()[0]
    assert line == "“‘He told me “never again” after the vote,’ she said” (Lee)."


# -- item types: each manual's form ----------------------------------------------------------------


def _lines(meta: ArticleMeta, style: str, quote: str = "Words.", start: int = 0) -> list[str]:
    return _cite(meta, style, quote, start).split("\n\n")


JOURNAL = ArticleMeta(
    id="j", title="Questions of transport: Reading Primo Levi reading Dante",
    authors=["Anne Goldman"], publication="The Georgia Review", published="2010",
    item_type="article-journal", volume="64", issue="1", page_range="69-88",
)  # fmt: skip


def test_mla_journal_article_is_the_handbooks() -> None:
    # MLA 9 5.x example: Goldman, Anne. “Questions of Transport: Reading Primo Levi Reading
    # Dante.” The Georgia Review, vol. 64, no. 1, 2010, pp. 69–88.
    assert _lines(JOURNAL, "mla")[1] == (
        "Goldman, Anne. “Questions of Transport: Reading Primo Levi Reading Dante.”"
        " The Georgia Review, vol. 64, no. 1, 2010, pp. 69–88."
    )


GRADY = ArticleMeta(
    id="g",
    title="Emotions in storybooks: A comparison of storybooks that represent ethnic and racial "
    "groups in the United States",
    authors=["J. S. Grady", "M. Her", "G. Moreno", "C. Perez", "J. Yelinek"],
    publication="Psychology of Popular Media Culture", published="2019",
    item_type="article-journal", volume="8", issue="3", page_range="207-217",
    doi="10.1037/ppm0000185",
)  # fmt: skip


def test_apa_journal_article_is_the_manuals() -> None:
    # APA 7 10.1 example 1.
    assert _lines(GRADY, "apa")[1] == (
        "Grady, J. S., Her, M., Moreno, G., Perez, C., & Yelinek, J. (2019). Emotions in"
        " storybooks: A comparison of storybooks that represent ethnic and racial groups in the"
        " United States. Psychology of Popular Media Culture, 8(3), 207–217."
        " https://doi.org/10.1037/ppm0000185"
    )


def test_chicago_journal_article_note_and_bibliography() -> None:
    # CMOS 14.175: Susan Satterfield, “Livy and the Pax Deum,” Classical Philology 111, no. 2
    # (April 2016): 170. / Satterfield, Susan. “Livy and the Pax Deum.” Classical Philology 111,
    # no. 2 (April 2016): 165–76.
    meta = ArticleMeta(
        id="s", title="Livy and the Pax Deum", authors=["Susan Satterfield"],
        publication="Classical Philology", published="2016-04", item_type="article-journal",
        volume="111", issue="2", page_range="165-176",
    )  # fmt: skip
    _quote, note, bibliography = _lines(meta, "chicago")
    assert note == (
        "Susan Satterfield, “Livy and the Pax Deum,” Classical Philology 111, no. 2 (April 2016)."
    )
    assert bibliography == (
        "Satterfield, Susan. “Livy and the Pax Deum.” Classical Philology 111, no. 2"
        " (April 2016): 165–76."
    )


def test_blog_post_in_each_style() -> None:
    # APA 10.1 example 17 (the blog's name in italics), CMOS 14.208 ("(blog)" after the blog's
    # name), MLA 9 (the blog as container).
    meta = ArticleMeta(
        id="b", title="Can we talk scientifically about free will?",
        authors=["Mike Klymkowsky"], publication="Sci-Ed", published="2018-09-15",
        url="https://blogs.plos.org/scied/2018/09/15/free-will/", item_type="post-weblog",
    )  # fmt: skip
    assert _lines(meta, "apa")[1] == (
        "Klymkowsky, M. (2018, September 15). Can we talk scientifically about free will?"
        " Sci-Ed. https://blogs.plos.org/scied/2018/09/15/free-will/"
    )
    assert _lines(meta, "chicago")[1] == (
        "Mike Klymkowsky, “Can We Talk Scientifically about Free Will?” Sci-Ed (blog),"
        " September 15, 2018, https://blogs.plos.org/scied/2018/09/15/free-will/."
    )
    assert _lines(meta, "mla")[1] == (
        "Klymkowsky, Mike. “Can We Talk Scientifically about Free Will?” Sci-Ed, 15 Sept. 2018,"
        " blogs.plos.org/scied/2018/09/15/free-will/. Accessed 5 Mar. 2024."
    )


def test_web_page_without_a_periodical() -> None:
    # APA 10.16 example 111: a group author that is also the site: the title in italics, the
    # site not repeated; in text the italic title's author. CMOS 14.206: the website's name in
    # roman (Google, “Privacy Policy,” Privacy & Terms, …).
    cdc = ArticleMeta(
        id="c", title="People at high risk of developing flu-related complications",
        authors=["{Centers for Disease Control and Prevention}"],
        publication="Centers for Disease Control and Prevention", published="2018-01-23",
        url="https://www.cdc.gov/flu/about/disease/high_risk.htm", item_type="webpage",
    )  # fmt: skip
    assert _lines(cdc, "apa")[1] == (
        "Centers for Disease Control and Prevention. (2018, January 23). People at high risk"
        " of developing flu-related complications. https://www.cdc.gov/flu/about/disease/high_risk.htm"
    )
    assert "<i>People at high risk of developing flu-related complications</i>." in format_quote(
        _ann(cdc, "Words."), cdc, "apa", accessed=ACCESSED, markup="html"
    )
    google = ArticleMeta(
        id="p", title="Privacy policy", authors=["{Google}"], publication="Privacy & Terms",
        published="2017-04-17", url="https://www.google.com/policies/privacy/",
        item_type="webpage",
    )  # fmt: skip
    html = format_quote(_ann(google, "Words."), google, "chicago", accessed=ACCESSED, markup="html")
    note = html.split("</p>")[1]
    assert "“Privacy Policy,” Privacy &amp; Terms, April 17, 2017," in note  # roman: no <i>
    assert "<i>" not in note


def test_report_with_institution_and_number() -> None:
    # APA 10.4: the title in italics with its number, the publisher after it.
    meta = ArticleMeta(
        id="r", title="Taking time: Support for people with cancer",
        authors=["{National Cancer Institute}"], published="2019", item_type="report",
        number="18-2059", publisher="U.S. Department of Health and Human Services",
    )  # fmt: skip
    assert _lines(meta, "apa")[1] == (
        "National Cancer Institute. (2019). Taking time: Support for people with cancer"
        " (Report No. 18-2059). U.S. Department of Health and Human Services."
    )
    assert _lines(meta, "chicago")[2] == (
        "National Cancer Institute. Taking Time: Support for People with Cancer. Report 18-2059."
        " U.S. Department of Health and Human Services, 2019."
    )


def test_book_and_chapter_in_an_edited_book() -> None:
    # APA 10.3 example 46: a chapter in an edited book.
    chapter = ArticleMeta(
        id="ch", title="Culinary arts: Talent and their development",
        authors=["L. Aron", "M. Botella", "T. Lubart"],
        editors=["R. F. Subotnik", "P. Olszewski-Kubilius", "F. C. Worrell"],
        publication="The psychology of high performance: Developing human potential into "
        "domain-specific talent",
        published="2019", item_type="chapter", page_range="345-359",
        publisher="American Psychological Association",
    )  # fmt: skip
    assert _lines(chapter, "apa")[1] == (
        "Aron, L., Botella, M., & Lubart, T. (2019). Culinary arts: Talent and their"
        " development. In R. F. Subotnik, P. Olszewski-Kubilius, & F. C. Worrell (Eds.), The"
        " psychology of high performance: Developing human potential into domain-specific"
        " talent (pp. 345–359). American Psychological Association."
    )
    # CMOS 14.107 chapter note: Author, “Title,” in Book, ed. Editor (Publisher, Year), page.
    assert _lines(chapter, "chicago")[1] == (
        "L. Aron, M. Botella, and T. Lubart, “Culinary Arts: Talent and Their Development,” in"
        " The Psychology of High Performance: Developing Human Potential into Domain-Specific"
        " Talent, ed. R. F. Subotnik, P. Olszewski-Kubilius, and F. C. Worrell (American"
        " Psychological Association, 2019)."
    )
    book = ArticleMeta(
        id="bk", title="The psychology of prejudice: From attitudes to social action",
        authors=["L. M. Jackson"], published="2019", item_type="book",
        publisher="American Psychological Association",
    )  # fmt: skip
    assert _lines(book, "apa")[1] == (
        "Jackson, L. M. (2019). The psychology of prejudice: From attitudes to social action."
        " American Psychological Association."
    )
    assert _lines(book, "chicago")[1] == (
        "L. M. Jackson, The Psychology of Prejudice: From Attitudes to Social Action"
        " (American Psychological Association, 2019)."
    )
    assert _lines(book, "mla")[1] == (
        "Jackson, L. M. The Psychology of Prejudice: From Attitudes to Social Action."
        " American Psychological Association, 2019."
    )


# -- locators (issue 21 Deliver 5) -----------------------------------------------------------------


def _paginated(labels: list[str], locator: str = "page") -> Article:
    body = [f"Paragraph on page {label}, with the words to quote in it." for label in labels]
    text, blocks = build_text([("paragraph", p) for p in body])
    pages = [Page(b.start, (blocks[i + 1].start if i + 1 < len(blocks) else len(text)), label)
             for i, (b, label) in enumerate(zip(blocks, labels, strict=True))]  # fmt: skip
    return Article(
        id="pg", title="The long report", authors=["Ann Author"], published="2020",
        publisher="Harbour Institute", item_type="report", text=text, blocks=blocks,
        pages=pages, locator=locator,  # type: ignore[arg-type]
    )  # fmt: skip


def _on(article: Article, label: str, *, through: str | None = None) -> tuple[str, int]:
    start = article.text.index(f"page {label},")
    end = article.text.index(f"page {through}, with") + 10 if through else start + 20
    return article.text[start:end], start


def test_a_quote_on_printed_page_12_cites_page_12() -> None:
    article = _paginated(["xi", "xii", "11", "12", "13"])
    quote, start = _on(article, "12")
    assert _cite(article, "apa", quote, start).splitlines()[0].endswith("(Author, 2020, p. 12).")
    assert _cite(article, "mla", quote, start).splitlines()[0].endswith("(Author 12).")
    note = _lines(article, "chicago", quote, start)[1]
    assert note == "Ann Author, The Long Report (Harbour Institute, 2020), 12."
    quote, start = _on(article, "xii")
    assert _cite(article, "apa", quote, start).splitlines()[0].endswith("(Author, 2020, p. xii).")


def test_a_quote_across_pages_cites_the_range() -> None:
    article = _paginated(["11", "12", "13"])
    quote, start = _on(article, "12", through="13")
    assert (
        _cite(article, "apa", quote, start).splitlines()[0].endswith("(Author, 2020, pp. 12–13).")
    )
    assert _cite(article, "mla", quote, start).splitlines()[0].endswith("(Author 12–13).")


def test_an_epub_without_a_page_list_cites_the_chapter() -> None:
    article = _paginated(["1", "2", "3"], locator="chapter")
    quote, start = _on(article, "2")
    assert _cite(article, "mla", quote, start).splitlines()[0].endswith("(Author, ch. 2).")
    assert (
        _cite(article, "apa", quote, start).splitlines()[0].endswith("(Author, 2020, Chapter 2).")
    )
    assert _lines(article, "chicago", quote, start)[1].endswith(", chap. 2.")


def test_a_numbered_chapter_is_cited_by_its_number() -> None:
    # An EPUB's table of contents names a chapter with its number and title; the citation was
    # "(Developers, 2021, Chapter 1. Introduction to Ubuntu Development)". The manuals cite the
    # number alone (APA 8.13 "Chapter 3", MLA 9 "ch. 3", CMOS 14.21 "chap. 3").
    labels = ["1. Introduction to Packaging", "Chapter 2: Getting Set Up", "CHAPTER XII. Loomings"]
    article = _paginated(labels, locator="chapter")
    for label, number in zip(labels, ["1", "2", "XII"], strict=True):
        quote, start = _on(article, label)
        cited = _cite(article, "apa", quote, start).splitlines()[0]
        assert cited.endswith(f"(Author, 2020, Chapter {number}).")
        mla = _cite(article, "mla", quote, start).splitlines()[0]
        assert mla.endswith(f"(Author, ch. {number}).")
        assert _lines(article, "chicago", quote, start)[1].endswith(f", chap. {number}.")
        assert _cite(article, "plain", quote, start).endswith(f", ch. {number}.")


def test_a_quote_across_chapters_cites_them_as_a_range() -> None:
    # A highlight running from one chapter into the next was cited "Chapter 1–2", "ch. 1–2"
    # with the word for one chapter; the manuals' plurals are "chs." (MLA 9) and "chaps." (CMOS
    # 10.43). One end without a number keeps both labels whole: "Preface–1" named nothing.
    article = _paginated(["Preface", "1. The Harbour", "2. The Storm"], locator="chapter")
    quote, start = _on(article, "1. The Harbour", through="2. The Storm")
    assert _cite(article, "apa", quote, start).splitlines()[0].endswith("2020, Chapters 1–2).")
    assert _cite(article, "mla", quote, start).splitlines()[0].endswith("(Author, chs. 1–2).")
    assert _lines(article, "chicago", quote, start)[1].endswith(", chaps. 1–2.")
    quote, start = _on(article, "Preface", through="1. The Harbour")
    assert (
        _cite(article, "mla", quote, start)
        .splitlines()[0]
        .endswith("(Author, chs. Preface–1. The Harbour).")
    )


def test_a_chapter_named_for_a_person_is_not_cited_as_a_number() -> None:
    # A book of essays whose chapters are named for people was cited by their initials as roman
    # numerals: "C. S. Lewis: A Life" as "Chapter C", "V. S. Naipaul at Home" as "ch. V"; a
    # chapter "CLI: Working at the Prompt" as "Chapter CLI". Their names are cited whole, as a
    # year is ("1984: The Novel").
    labels = ["C. S. Lewis: A Life", "V. S. Naipaul at Home", "CLI: Working at the Prompt",
              "1984: The Novel", "IV: The Return"]  # fmt: skip
    article = _paginated(labels, locator="chapter")
    for label, cited in zip(labels, [*labels[:4], "IV"], strict=True):
        quote, start = _on(article, label)
        assert (
            _cite(article, "apa", quote, start)
            .splitlines()[0]
            .endswith(
                f"(Author, 2020, Chapter {cited}).",
            )
        ), label


def test_a_kindle_location_is_never_written_as_a_page() -> None:
    """Every style, the card's short cite and a template's {page} write "loc." before a
    location: a template "p. {page}" would otherwise print location 1234 as page 1234."""
    from library.config import Config

    article = _paginated(["1233", "1234", "1240", "1241"], locator="location")
    quote, start = _on(article, "1234", through="1240")
    assert (
        _cite(article, "apa", quote, start)
        .splitlines()[0]
        .endswith("(Author, 2020, loc. 1234–1240).")
    )
    assert _cite(article, "mla", quote, start).splitlines()[0].endswith("(Author, loc. 1234–40).")
    assert _lines(article, "chicago", quote, start)[1].endswith(", loc. 1234–40.")
    assert _cite(article, "card", quote, start).splitlines()[0] == "Author 20, loc. 1234–1240"
    config = Config(templates={"t": "{quote} ({page}; {cite})"})
    out = format_quote(_ann(article, quote, start), article, "t", config=config, accessed=ACCESSED)
    assert out.endswith("(loc. 1234–1240; Author 20, loc. 1234–1240)")
    paged = _paginated(["1233", "1234", "1240", "1241"])
    out = format_quote(_ann(paged, quote, start), paged, "t", config=config, accessed=ACCESSED)
    assert out.endswith("(1234–1240; Author 20, pp. 1234–1240)")  # a page: the number alone


def test_page_ranges_follow_each_manuals_inclusive_numbers() -> None:
    from annotations.citation.locators import inclusive

    # CMOS 9.61's table; MLA 9's last two digits within a hundred; APA in full.
    cases = {("71", "72"): "72", ("100", "104"): "104", ("101", "108"): "8",
             ("321", "328"): "28", ("498", "532"): "532", ("1087", "1089"): "89",
             ("1496", "1504"): "1504", ("11564", "11615"): "615"}  # fmt: skip
    for (low, high), chicago in cases.items():
        assert inclusive(low, high, "chicago") == chicago
        assert inclusive(low, high, "apa") == high
    assert inclusive("321", "328", "mla") == "28" and inclusive("498", "532", "mla") == "532"
    # labels of digits that are no numbers (a Readwise import keeps them) stay as they are
    assert inclusive("¹", "²", "chicago") == "²" and inclusive("1", "²", "mla") == "²"


def test_mla_web_page_and_chicago_particle() -> None:
    # MLA 9: a web page's site as its container, in italics; CMOS 16.71 alphabetises under the
    # surname (Gogh, Vincent van) while the note keeps the natural order.
    page = ArticleMeta(
        id="w", title="Parking changes on Harbour Street", authors=["Noor Patel"],
        publication="Riverton Council", published="2026-02-01",
        url="https://council.example/parking", item_type="webpage",
    )  # fmt: skip
    assert _lines(page, "mla")[1] == (
        "Patel, Noor. “Parking Changes on Harbour Street.” Riverton Council, 1 Feb. 2026,"
        " council.example/parking. Accessed 5 Mar. 2024."
    )
    gogh = ArticleMeta(
        id="g", title="Letters from Arles", authors=["Vincent van Gogh"],
        publication="Riverton Herald", published="1888-10-01", item_type="article-newspaper",
    )  # fmt: skip
    _quote, note, bibliography = _lines(gogh, "chicago")
    assert note == "Vincent van Gogh, “Letters from Arles,” Riverton Herald, October 1, 1888."
    assert bibliography.startswith("Gogh, Vincent van. “Letters from Arles.”")
    assert _lines(gogh, "mla")[1].startswith("van Gogh, Vincent. “Letters from Arles.”")


@given(
    labels=st.lists(st.sampled_from(["i", "ii", "1", "2", "12", "341"]), min_size=1, max_size=6),
    a=st.integers(min_value=0, max_value=400),
    b=st.integers(min_value=1, max_value=60),
)
def test_a_highlight_cites_the_labels_of_its_first_and_last_pages(
    labels: list[str], a: int, b: int
) -> None:
    article = _paginated(labels)
    start = min(a, len(article.text) - 1)
    end = min(start + b, len(article.text))
    ann = Annotation(article.id, start, end, article.text[start:end])
    where = locate(ann, article)
    pages = article.pages_of(start, end)
    assert where is not None
    assert (where.first, where.last) == (pages[0].label, pages[-1].label)
    assert pages[0].start <= start < pages[0].end
    # A highlight whose words are no longer where it says cites no page.
    moved = Annotation(article.id, start, end, "not the words")
    assert locate(moved, article) is None

"""Formatted quotes: style rules, missing metadata, templates, fidelity of the quoted words."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.citation import (
    STYLES,
    CitationError,
    TemplateError,
    UnknownStyle,
    escape_markdown,
    format_quote,
    short_cite,
    style_names,
    validate_template,
)
from annotations.model import Annotation
from library.config import Config
from library.model import Article, ArticleMeta
from library.text import build_text
from tests.annotations.samples import (
    ACCESSED,
    HIGHLIGHTS,
    check_golden,
    sample_annotations,
    sample_library,
)

NEWS = ArticleMeta(
    id="boston-threatens-abc123",
    title="Boston threatens to withdraw from Secure Communities",
    authors=["Maria Sacchetti"],
    publication="The Boston Globe",
    published="2011-07-13",
    url="https://www.boston.com/news/local/articles/2011/07/13/boston_may_quit_program",
)
QUOTE = "It is eroding trust between police and immigrants."


def _ann(quote: str = QUOTE, **extra: object) -> Annotation:
    return Annotation("boston-threatens-abc123", 0, len(quote), quote, **extra)  # type: ignore[arg-type]


def _fmt(meta: ArticleMeta, style: str, ann: Annotation | None = None, **kw: object) -> str:
    return format_quote(ann or _ann(), meta, style, accessed=date(2024, 3, 5), **kw)  # type: ignore[arg-type]


# -- the brief's acceptance example ----------------------------------------------------------------


def test_mla_news_article_matches_mla_9() -> None:
    # The title in MLA 9's headline style (it was printed as stored, in sentence case, before).
    assert _fmt(NEWS, "mla") == (
        "“It is eroding trust between police and immigrants” (Sacchetti).\n\n"
        "Sacchetti, Maria. “Boston Threatens to Withdraw from Secure Communities.”"
        " The Boston Globe, 13 July 2011,"
        " www.boston.com/news/local/articles/2011/07/13/boston_may_quit_program."
        " Accessed 5 Mar. 2024."
    )


def test_mla_markdown_and_html_italicise_the_container() -> None:
    assert "*The Boston Globe*, 13 July 2011" in _fmt(NEWS, "mla", markup="markdown")
    html = _fmt(NEWS, "mla", markup="html")
    assert "<i>The Boston Globe</i>, 13 July 2011" in html
    assert html.startswith("<p>“It is eroding") and html.endswith("</p>")


def test_apa_news_article() -> None:
    assert _fmt(NEWS, "apa") == (
        "“It is eroding trust between police and immigrants” (Sacchetti, 2011).\n\n"
        "Sacchetti, M. (2011, July 13). Boston threatens to withdraw from Secure Communities."
        " The Boston Globe. https://www.boston.com/news/local/articles/2011/07/13/boston_may_quit_program"
    )
    # APA 7 italicises the newspaper, not the article title (it was the other way round before).
    assert (
        "(2011, July 13). Boston threatens to withdraw from Secure Communities. *The Boston Globe*."
        in (_fmt(NEWS, "apa", markup="markdown"))
    )


def test_chicago_note_and_bibliography() -> None:
    # Headline style and no initial "The" in the newspaper's name (Chicago 8.159, 14.191), and the
    # bibliography entry after the note (before: sentence case, "The Boston Globe", no entry).
    assert _fmt(NEWS, "chicago") == (
        "“It is eroding trust between police and immigrants.”\n\n"
        "Maria Sacchetti, “Boston Threatens to Withdraw from Secure Communities,” Boston Globe,"
        " July 13, 2011, https://www.boston.com/news/local/articles/2011/07/13/boston_may_quit_program."
        "\n\n"
        "Sacchetti, Maria. “Boston Threatens to Withdraw from Secure Communities.” Boston Globe,"
        " July 13, 2011. https://www.boston.com/news/local/articles/2011/07/13/boston_may_quit_program."
    )


def test_plain_style_of_the_issue() -> None:
    ann = _ann(speaker="Thomas M. Menino")
    assert _fmt(NEWS, "plain", ann) == (
        "“It is eroding trust between police and immigrants.” — Thomas M. Menino,"
        " “Boston threatens to withdraw from Secure Communities,” The Boston Globe, 13 July 2011."
    )


def test_card_short_cite_uses_surname_and_two_digit_year() -> None:
    meta = ArticleMeta(id="a", title="T", authors=["Thomas M. Menino"], published="2011-07-13")
    text = _fmt(meta, "card", _ann(note="Secure Communities erodes trust\nmore"))
    lines = text.split("\n")
    assert lines[0] == "Secure Communities erodes trust"
    assert lines[1] == "Menino 11"
    assert lines[2] == "Thomas M. Menino, 13 July 2011, “T”"
    assert lines[3] == f"**{QUOTE}**"


# -- missing metadata ------------------------------------------------------------------------------

BARE = ArticleMeta(id="guide", title="Harbour Street trial: what changes, and when")


def test_missing_author_and_date_in_each_style() -> None:
    # The shortened title in quotation marks and title case (APA had it italic and in sentence
    # case, MLA in sentence case); APA's subtitle starts with a capital.
    assert _fmt(BARE, "mla").split("\n\n") == [
        "“It is eroding trust between police and immigrants” (“Harbour Street Trial”).",
        "“Harbour Street Trial: What Changes, and When.”",
    ]
    assert _fmt(BARE, "apa").split("\n\n") == [
        "“It is eroding trust between police and immigrants” (“Harbour Street Trial,” n.d.).",
        "Harbour Street trial: What changes, and when. (n.d.).",
    ]
    assert _fmt(BARE, "chicago").split("\n\n")[1:] == [
        "“Harbour Street Trial: What Changes, and When,” n.d.",
        "“Harbour Street Trial: What Changes, and When.” n.d.",
    ]
    assert _fmt(BARE, "plain").endswith("— “Harbour Street trial: what changes, and when.”")
    assert _fmt(BARE, "card").split("\n")[0] == "Harbour Street Trial ND"


def test_missing_author_uses_publication_in_card_and_apa_keeps_title_first() -> None:
    meta = ArticleMeta(
        id="x", title="Council votes", publication="Riverton Courier", published="2026-03-14",
        url="https://courier.example/a",
    )  # fmt: skip
    assert (
        short_cite([], "Riverton Courier", "Council votes", "2026-03-14") == "Riverton Courier 26"
    )
    apa = _fmt(meta, "apa")
    assert apa.split("\n\n")[1] == (
        "Council votes. (2026, March 14). Riverton Courier. https://courier.example/a"
    )
    assert short_cite([], "The Riverton Courier", "Council votes", None) == "Riverton Courier ND"
    mla = _fmt(meta, "mla").split("\n\n")[1]
    assert mla.startswith("“Council Votes.” Riverton Courier, 14 Mar. 2026, courier.example/a.")
    assert mla.endswith("Accessed 5 Mar. 2024.")


def test_online_source_without_date_gets_access_date_in_chicago() -> None:
    meta = ArticleMeta(id="x", title="Guide", url="https://forum.example/guide")
    note, bibliography = _fmt(meta, "chicago").split("\n\n")[1:]
    assert note == "“Guide,” accessed March 5, 2024, https://forum.example/guide."
    assert bibliography == "“Guide.” Accessed March 5, 2024. https://forum.example/guide."


def test_partial_dates() -> None:
    meta = ArticleMeta(id="x", title="T", authors=["Ann Lee"], published="2011-09")
    assert "Sept. 2011" in _fmt(meta, "mla")
    assert "(2011, September)" in _fmt(meta, "apa")
    assert "September 2011" in _fmt(meta, "chicago")


@pytest.mark.parametrize(
    ("month", "mla"),
    [(5, "May"), (6, "June"), (7, "July"), (9, "Sept."), (1, "Jan."), (12, "Dec.")],
)
def test_mla_month_abbreviations(month: int, mla: str) -> None:
    meta = ArticleMeta(id="x", title="T", published=f"2020-{month:02d}-02")
    assert f"2 {mla} 2020" in _fmt(meta, "mla")


# -- authors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("authors", "mla", "apa", "chicago", "card"),
    [
        (
            ["Maria Sacchetti"],
            "Sacchetti, Maria.",
            "Sacchetti, M.",
            "Maria Sacchetti",
            "Sacchetti 11",
        ),
        (
            ["Maria Sacchetti", "John Ellement"],
            "Sacchetti, Maria, and John Ellement.",
            "Sacchetti, M., & Ellement, J.",
            "Maria Sacchetti and John Ellement",
            "Sacchetti and Ellement 11",
        ),
        (
            ["Maria Sacchetti", "John Ellement", "Jean-Paul Sartre"],
            "Sacchetti, Maria, et al.",
            "Sacchetti, M., Ellement, J., & Sartre, J.-P.",
            "Maria Sacchetti, John Ellement, and Jean-Paul Sartre",
            "Sacchetti et al. 11",
        ),
        (  # MLA keeps the particle before the surname (CSL's non-dropping particle, MLA 9)
            ["Ludwig van Beethoven"],
            "van Beethoven, Ludwig.",
            "van Beethoven, L.",
            "Ludwig van Beethoven",
            "van Beethoven 11",
        ),
        (
            ["Martin Van Buren"],
            "Van Buren, Martin.",
            "Van Buren, M.",
            "Martin Van Buren",
            "Van Buren 11",
        ),
        (
            ["Martin Luther King Jr."],
            "King, Martin Luther, Jr.",
            "King, M. L., Jr.",
            "Martin Luther King Jr.",
            "King 11",
        ),
        (
            ["Associated Press"],
            "Associated Press.",
            "Associated Press.",
            "Associated Press",
            "Associated Press 11",
        ),
        (
            ["{Harbour Residents’ Forum}"],
            "Harbour Residents’ Forum.",
            "Harbour Residents’ Forum.",
            "Harbour Residents’ Forum",
            "Harbour Residents’ Forum 11",
        ),
        (
            ["Menino, Thomas M."],
            "Menino, Thomas M.",
            "Menino, T. M.",
            "Thomas M. Menino",
            "Menino 11",
        ),
        (["Reuters"], "Reuters.", "Reuters.", "Reuters", "Reuters 11"),
    ],
)
def test_author_lists(authors: list[str], mla: str, apa: str, chicago: str, card: str) -> None:
    meta = ArticleMeta(id="x", title="T", authors=authors, published="2011-07-13")
    assert _fmt(meta, "mla").split("\n\n")[1].startswith(mla + " “T.”")
    assert _fmt(meta, "apa").split("\n\n")[1].startswith(apa + " (2011")
    assert _fmt(meta, "chicago").split("\n\n")[1].startswith(chicago + ", “T,”")
    assert _fmt(meta, "card").split("\n")[0] == card  # no note or tags: no tag line


def test_chicago_four_authors_et_al() -> None:
    meta = ArticleMeta(id="x", title="T", authors=["A One", "B Two", "C Three", "D Four"])
    assert _fmt(meta, "chicago").split("\n\n")[1].startswith("A One et al., “T,”")


def test_speaker_quoted_in_the_article() -> None:
    ann = _ann(speaker="Thomas Menino")
    assert _fmt(NEWS, "mla", ann).startswith(
        "Thomas Menino: “It is eroding"
    ) and "(qtd. in Sacchetti)." in (_fmt(NEWS, "mla", ann))
    assert "(Menino, as cited in Sacchetti, 2011)." in _fmt(NEWS, "apa", ann)
    assert (
        _fmt(NEWS, "chicago", ann)
        .split("\n\n")[1]
        .startswith("Thomas Menino, quoted in Maria Sacchetti,")
    )


@pytest.mark.parametrize(
    "speaker", ["Sacchetti", "M. Sacchetti", "Sacchetti, Maria", "maria sacchetti"]
)
def test_a_speaker_naming_the_author_in_another_form_is_the_authors_own_words(
    speaker: str,
) -> None:
    """Typing the author's surname as the speaker gave "(Sacchetti, as cited in Sacchetti,
    2011)": only the name exactly as stored was recognised as the author."""
    ann = _ann(speaker=speaker)
    assert "(Sacchetti, 2011)." in _fmt(NEWS, "apa", ann)
    assert "as cited in" not in _fmt(NEWS, "apa", ann)
    assert "qtd. in" not in _fmt(NEWS, "mla", ann)
    assert "quoted in" not in _fmt(NEWS, "chicago", ann)


def test_a_speaker_sharing_only_the_authors_surname_is_someone_else() -> None:
    ann = _ann(speaker="Paolo Sacchetti")
    assert "(Sacchetti, as cited in Sacchetti, 2011)." in _fmt(NEWS, "apa", ann)


@pytest.mark.parametrize(
    ("author", "speaker"),
    [
        # A compound given name is one name: Jean-Paul is not Jean-Luc (read as "Jean" first).
        ("Jean-Luc Marion", "Jean-Paul Marion"),
        ("Marion, Anne-Marie", "Anne-Sophie Marion"),
        # A father and his son: the same words but for the suffix.
        ("John Smith Jr.", "John Smith Sr."),
        ("Smith, John, Jr.", "John Smith III"),
    ],
)
def test_a_speaker_whose_given_name_or_suffix_differs_from_the_authors_is_someone_else(
    author: str, speaker: str
) -> None:
    meta = ArticleMeta(**{**NEWS.to_dict(), "authors": [author]})
    assert "as cited in" in _fmt(meta, "apa", _ann(speaker=speaker))


# -- punctuation and fidelity ----------------------------------------------------------------------


def test_inner_double_quotes_become_single_in_prose_styles_but_not_in_cards() -> None:
    quote = 'He called it “a promise kept” and said "never again".'
    ann = _ann(quote)
    assert "“He called it ‘a promise kept’ and said ‘never again’”" in _fmt(NEWS, "mla", ann)
    assert quote in _fmt(NEWS, "card", ann).replace("**", "")


def test_final_period_moves_after_parenthetical_but_question_mark_stays() -> None:
    assert _fmt(NEWS, "apa", _ann("Why now?")).startswith("“Why now?” (Sacchetti, 2011).")
    assert _fmt(NEWS, "mla", _ann("Wait...")).startswith("“Wait...” (Sacchetti).")


def test_title_ending_in_question_mark_takes_no_extra_punctuation() -> None:
    meta = ArticleMeta(
        id="x", title="Who owns the street?", authors=["Ann Lee"], publication="Review"
    )
    assert "“Who Owns the Street?” Review" in _fmt(meta, "mla")
    assert "“Who Owns the Street?” Review" in _fmt(meta, "chicago")
    assert "Who owns the street? *Review*." in _fmt(meta, "apa", markup="markdown")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80
    ).filter(lambda s: s.strip()),
    st.sampled_from(sorted(STYLES)),
)
def test_every_word_of_the_quote_survives_in_order(quote: str, style: str) -> None:
    ann = _ann(quote)
    out = _fmt(NEWS, style, ann)
    words = _words(quote)
    found = _words(out)
    i = 0
    for word in found:
        if i < len(words) and word == words[i]:
            i += 1
    assert i == len(words), (quote, out)
    if "…" not in quote and "..." not in quote:
        assert "…" not in out and "..." not in out


def test_a_highlight_across_paragraphs_is_one_run_in_quote_and_two_card_paragraphs() -> None:
    text, blocks = build_text(
        [("paragraph", "First part ends here."), ("paragraph", "Second begins.")]
    )
    article = Article(id="a", title="T", authors=["Ann Lee"], text=text, blocks=blocks)
    start = text.index("ends")
    end = text.index("begins") + len("begins")
    ann = Annotation.from_span("a", text, start, end)
    assert "“ends here. Second begins” (Lee)." in format_quote(ann, article, "mla")
    card = format_quote(ann, article, "card", accessed=date(2024, 1, 1)).split("\n")
    assert card[-2:] == ["First part **ends here.**", "**Second begins**."]


def test_card_shows_the_paragraph_with_the_highlight_marked() -> None:
    text, blocks = build_text([("paragraph", "Before. The key claim is here. After.")])
    article = Article(id="a", title="T", text=text, blocks=blocks)
    start = text.index("The key")
    ann = Annotation.from_span("a", text, start, start + len("The key claim is here."))
    md = format_quote(ann, article, "card", markup="markdown")
    assert md.endswith("Before. **<u>The key claim is here.</u>** After.")
    html = format_quote(ann, article, "card", markup="html")
    assert "<p>Before. <b><u>The key claim is here.</u></b> After.</p>" in html
    # The article text given on its own (context_text) does the same job as the Article.
    assert format_quote(ann, ArticleMeta(id="a", title="T"), "card", context_text=text) == (
        format_quote(ann, article, "card")
    )


def test_orphaned_highlight_formats_from_its_stored_quote() -> None:
    text, blocks = build_text([("paragraph", "The text was edited since.")])
    article = Article(id="a", title="T", authors=["Ann Lee"], text=text, blocks=blocks)
    ann = Annotation("a", 0, 10, "Words that are gone.", orphaned=True)
    assert format_quote(ann, article, "mla").startswith("“Words that are gone” (Lee).")
    assert format_quote(ann, article, "card").split("\n")[-1] == "**Words that are gone.**"
    assert "para." not in format_quote(ann, article, "apa")


def test_apa_paragraph_number_counts_within_the_section() -> None:
    text, blocks = build_text(
        [
            ("paragraph", "Intro."),
            ("heading", "Findings"),
            ("paragraph", "One."),
            ("paragraph", "Two."),
        ]
    )
    article = Article(
        id="a", title="T", authors=["Ann Lee"], published="2020-01-01", text=text, blocks=blocks
    )
    start = text.index("Two.")
    ann = Annotation.from_span("a", text, start, start + 4)
    assert "(Lee, 2020, “Findings” section, para. 2)." in format_quote(ann, article, "apa")


# -- hostile text ----------------------------------------------------------------------------------

HOSTILE = ArticleMeta(
    id="x",
    title='<script>alert("t")</script> [x](javascript:alert(1))',
    authors=['"><img src=x onerror=alert(1)>'],
    publication="*Bold* _pub_ <b>",
    published="2020-01-02",
    url="javascript:alert(1)",
)


@pytest.mark.parametrize("style", sorted(STYLES))
def test_html_markup_escapes_every_field(style: str) -> None:
    ann = _ann('<script>alert(1)</script> & "x"', note="<img onerror=x>", tags=["<b>t</b>"])
    out = format_quote(ann, HOSTILE, style, markup="html")
    for bad in ("<script", "<img", "<b>t", "onerror=alert(1)>"):
        assert bad not in out
    assert "&lt;script&gt;" in out


@pytest.mark.parametrize("style", sorted(STYLES))
def test_markdown_markup_escapes_links_and_emphasis(style: str) -> None:
    ann = _ann("see [here](javascript:alert(1)) and *this*", tags=["#tag"])
    out = format_quote(ann, HOSTILE, style, markup="markdown")
    assert not re.search(r"(?<!\\)\]\(", out), out  # no live [text](link)
    shown = out.replace("<https://", "").replace("<u>", "").replace("</u>", "")
    assert not re.search(r"(?<!\\)<", shown), out  # no raw HTML but the card's own <u>
    assert "\\*this\\*" in out


def test_escape_markdown_neutralises_line_starts_and_obsidian_syntax() -> None:
    assert escape_markdown("- item\n1. one\n> quote") == "\\- item\n1\\. one\n\\> quote"
    assert escape_markdown("==mark== %%c%% [[link]] #tag $x$ ^id") == (
        "\\=\\=mark\\=\\= \\%\\%c\\%\\% \\[\\[link\\]\\] \\#tag \\$x\\$ \\^id"
    )


def test_control_characters_never_reach_the_output() -> None:
    ann = _ann("clean\x1b]52;c;ZXZpbA==\x07 words", note="n\x1b[31m")
    meta = ArticleMeta(id="x", title="T\x1b[2J", authors=["A\x9bB"])
    for style in STYLES:
        out = format_quote(ann, meta, style)
        assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out


# -- styles and templates --------------------------------------------------------------------------


def test_unknown_style_lists_builtins_and_templates() -> None:
    config = Config(templates={"brief": "{quote}"})
    with pytest.raises(UnknownStyle) as info:
        format_quote(_ann(), NEWS, "harvard", config=config)
    message = str(info.value)
    assert "harvard" in message
    for name in ("plain", "mla", "apa", "chicago", "card", "brief"):
        assert name in message
    assert style_names(config) == ["plain", "mla", "apa", "chicago", "card", "brief"]
    assert isinstance(info.value, CitationError)


def test_style_names_are_case_insensitive() -> None:
    assert _fmt(NEWS, "MLA") == _fmt(NEWS, "mla")


def test_template_fields_and_date_formats() -> None:
    config = Config(
        templates={
            "brief": "“{quote}” ({speaker}, {publication}, {published:%d %B %Y})"
            " [{tags}|{stance}] {url}",
            "bare": "{quote} — {authors} {published} {accessed:%Y}",
        }
    )
    ann = _ann(speaker="Menino", tags=["trust", "policing"], stance="oppose")
    assert format_quote(ann, NEWS, "brief", config=config) == (
        f"“{QUOTE}” (Menino, The Boston Globe, 13 July 2011) [trust, policing|oppose] {NEWS.url}"
    )
    assert format_quote(ann, BARE, "bare", config=config, accessed=date(2024, 1, 1)) == (
        f"{QUOTE} —  n.d. 2024"
    )


def test_template_values_are_escaped_for_html() -> None:
    config = Config(templates={"t": "<q>{quote}</q>"})
    out = format_quote(_ann("<b>x</b>"), NEWS, "t", config=config, markup="html")
    assert out == "<q>&lt;b&gt;x&lt;/b&gt;</q>"


@pytest.mark.parametrize(
    ("template", "field", "needle"),
    [
        ("{quote} {publisher}", "publisher", "unknown field {publisher}"),
        ("{quote} {}", "", "needs a name"),
        ("{quote} {0}", "0", "needs a name"),
        ("{quote!r}", "quote", "conversions are not allowed"),
        ("{title.upper}", "title.upper", "unknown field {title.upper}"),
        ("{quote:>{width}}", "quote", "nested fields"),
    ],
)
def test_template_errors_name_the_field(template: str, field: str, needle: str) -> None:
    config = Config(templates={"mine": template})
    with pytest.raises(TemplateError) as info:
        format_quote(_ann(), NEWS, "mine", config=config)
    assert info.value.field == field
    assert "templates.mine" in str(info.value)
    assert needle in str(info.value)


def test_malformed_template_is_a_template_error() -> None:
    with pytest.raises(TemplateError, match=r"templates\.x"):
        validate_template("x", "{quote")
    with pytest.raises(TemplateError, match=r"templates\.x"):
        format_quote(_ann(), NEWS, "x", config=Config(templates={"x": "{title:%Q}x{quote:zz}"}))


# -- golden files on the bundled samples -----------------------------------------------------------


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Article, Annotation]]:
    library = sample_library(Path(tmp_path_factory.mktemp("golden")) / "lib")
    groups = sample_annotations(library)
    return [(article, ann) for article, anns in groups.values() for ann in anns]


def _golden_text(
    samples: list[tuple[Article, Annotation]], style: str, markup: str, config: Config
) -> str:
    parts = []
    for article, ann in samples:
        out = format_quote(ann, article, style, config=config, accessed=ACCESSED, markup=markup)  # type: ignore[arg-type]
        parts.append(f"## {ann.id[:8]} {article.id}\n{out}\n")
    return "\n".join(parts)


GOLDEN_CONFIG = Config(
    templates={
        "brief": "“{quote}” ({speaker}, {publication}, {published:%d %b %Y}) [{cite}; {tags}]"
    }
)


@pytest.mark.parametrize(
    ("style", "markup", "suffix"),
    [
        *((s, "text", "txt") for s in ("plain", "mla", "apa", "chicago", "card", "brief")),
        ("card", "markdown", "md"),
        ("card", "html", "html"),
        ("mla", "markdown", "md"),
        ("apa", "html", "html"),
    ],
)
def test_golden_quotes(
    samples: list[tuple[Article, Annotation]], style: str, markup: str, suffix: str
) -> None:
    assert len(samples) == len(HIGHLIGHTS)
    check_golden(f"quotes-{style}.{suffix}", _golden_text(samples, style, markup, GOLDEN_CONFIG))

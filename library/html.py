"""HTML article extraction: the article's blocks plus metadata read from the page's own tags.

Trafilatura finds the main text and readability-lxml gives a second opinion: it replaces
trafilatura's text when the two disagree wildly about the article's length, and otherwise trims the
leading and trailing blocks it never saw (datelines, newsletter prompts, related links). Metadata
comes from the page's JSON-LD, Open Graph and meta tags, then from trafilatura's guesses. Heavy
imports happen inside the functions so that importing this module stays cheap.
"""

from __future__ import annotations

import codecs
import datetime as dt
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from library.errors import ImportFailed
from library.model import BlockKind

__all__ = ["Extracted", "extract_html"]

# lxml ships no type information; its elements are `Any` to mypy.
_Node = Any
_Blocks = list[tuple[BlockKind, str]]

# The second opinion replaces trafilatura's text when trafilatura is this many times longer (it
# swept in a gallery or a list of teasers) or this many times shorter (it lost half the article).
_TOO_LONG = 2.0
_TOO_SHORT = 0.5
_SEEN_SHARE = 0.5  # an edge block is page furniture when the other extractor has < half of it
_LEAD_WORDS = 12  # leading blocks longer than this are never trimmed
_TITLE_WINDOW = 3  # the repeated headline is looked for among this many leading blocks
_KICKER_WORDS = 6  # blocks above the repeated headline are dropped with it when this short
_PROSE_WORDS = 10  # an article has at least one paragraph this long

_SEPARATORS = (" | ", " - ", " — ", " – ", " :: ", " » ", " · ", " • ", " / ")
_WORDS = re.compile(r"\w+")
_ELLIPSIS = ("…", "...")
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$|^\s*<!--|-->\s*$")
_ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})")
_TEXT_DATE = re.compile(
    r"(?:(\d{1,2})\s+)?\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"(?:\s+(\d{1,2})(?:st|nd|rd|th)?)?,?\s+(?:[\d:]+\s+)?(?:[A-Z]{3,4}\s+)?(\d{4})\b",
    re.I,
)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$)")
_URL_COMPACT_DATE = re.compile(r"[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.-]|$)")
_DATE_KEY = re.compile(r"publi\w*[_.-]?(?:date|time)|^pdate$")
_BYLINE_PREFIX = re.compile(r"^\s*(?:by|written by|words by)\s+", re.I)
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|\band\b|&|\|)\s*", re.I)
_CREDENTIAL = re.compile(r"^(?:[A-Z]{2,4}|Ph\.?D\.?|M\.?D\.?|Jr\.?|Sr\.?)$")
_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_TRAILING_DATE = re.compile(rf"\s+(?:on\s+)?(?:{_MONTHS})\.?(?:\s+\d.*)?$", re.I)
_MONTH_NUMBERS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_HOST_FILLER = {"www", "m", "amp", "com", "org", "net", "co", "uk", "au", "news"}
_NOT_NAMES = {"username", "admin", "administrator", "anonymous", "unknown", "guest", "author"}
_STANDFIRST_WORDS = (4, 80)
_MAX_BYLINE = 100  # longer "author" elements are bios or boxes, not bylines
_MAX_AUTHORS = 6
# A description ending on one of these words was cut off by a length limit.
_DANGLING = {
    "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "with", "by",
    "from", "as", "that", "is", "was", "his", "her", "their", "its",
}  # fmt: skip

_ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "blogposting",
    "liveblogposting",
    "socialmediaposting",
    "discussionforumposting",
    "report",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "scholarlyarticle",
    "techarticle",
    "satiricalarticle",
    "advertisercontentarticle",
}
_SITE_TYPES = {"organization", "newsmediaorganization", "website", "corporation"}

_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "dc.date",
    "dc.date.created",
    "dc.date.issued",
    "dcterms.created",
    "dcterms.date",
    "dcterms.issued",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "original-publish-date",
    "displaydate",
)
_AUTHOR_META = (
    "author",
    "article:author",
    "byl",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
)

# Roles of tags when turning a tree into blocks. Unlisted tags are inline: their text joins the
# paragraph being built. "block" tags end the paragraph before and after them.
_HTML_ROLES: dict[str, str] = {
    **dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6"), "heading"),
    "blockquote": "blockquote",
    **dict.fromkeys(("li", "dt", "dd"), "list_item"),
    **dict.fromkeys(
        (
            "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "ul",
            "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "figure", "figcaption", "pre",
            "address", "details", "summary", "form", "fieldset", "hr", "center", "body", "html",
        ),
        "block",
    ),
    **dict.fromkeys(
        (
            "script", "style", "noscript", "template", "svg", "button", "select", "textarea",
            "iframe", "object", "embed", "img", "head", "title", "meta", "link", "input", "math",
        ),
        "skip",
    ),
    "br": "break",
    **dict.fromkeys(("td", "th"), "cell"),
}  # fmt: skip
_ROLE_KINDS: dict[str, BlockKind] = {
    "heading": "heading",
    "blockquote": "blockquote",
    "list_item": "list_item",
}
# Trafilatura's XML (a TEI subset): <head>, <quote>, <list>/<item>, <table>/<row>/<cell>, <lb/>.
_TEI_ROLES: dict[str, str] = {
    "head": "heading",
    "quote": "blockquote",
    "item": "list_item",
    **dict.fromkeys(("p", "list", "table", "row", "code", "body", "doc", "main", "div"), "block"),
    "graphic": "skip",
    "lb": "break",
    "cell": "cell",
}


@dataclass(slots=True)
class Extracted:
    """An article pulled out of an HTML page: metadata and raw block texts."""

    title: str | None
    subtitle: str | None  # standfirst/description if it is clearly a standfirst, else None
    authors: list[str]
    publication: str | None  # site name / newspaper
    section: str | None
    published: str | None  # ISO date YYYY-MM-DD, from the page; never invented
    url: str | None  # canonical URL, else the URL the page was read from
    blocks: list[tuple[BlockKind, str]]


def extract_html(
    markup: str | bytes, url: str | None = None, *, name: str | None = None
) -> Extracted:
    """Extract the article of an HTML page; raise ImportFailed when it has no article text.

    Errors call the page name (the file it was read from), else its URL.
    """
    source = name or url or "<html>"
    text = _decode(markup)
    tree = _parse(text)
    if tree is None:
        raise ImportFailed(source, "the HTML is empty", "is the file an HTML page?")
    page = _PageMeta.read(tree, url)
    traf = _trafilatura(text, url)
    meta = traf.meta if traf else {}
    blocks, other = _choose_blocks(traf.blocks if traf else [], _readability(text, url))

    title = page.title(meta.get("title"))
    blocks = _drop_title(blocks, page.title_variants(title))
    blocks = _trim_edges(blocks, other)
    if not _has_prose(blocks):
        raise ImportFailed(
            source, "no article text found in the HTML", "is this a list or login page?"
        )
    subtitle, blocks = page.standfirst(blocks, title, meta.get("description"))
    return Extracted(
        title=title,
        subtitle=subtitle,
        authors=page.authors(meta.get("author")),
        publication=page.publication(title, meta.get("sitename")),
        section=page.section(meta.get("categories")),
        published=page.published(),
        url=page.canonical or url,
        blocks=blocks,
    )


# --- decoding and parsing -------------------------------------------------------------------


def _decode(markup: str | bytes) -> str:
    """The page as text: BOM, then UTF-8, then the declared charset, then a detector's guess."""
    if isinstance(markup, str):
        # Control characters are never valid in HTML and lxml rejects some of them.
        return _CONTROL.sub("", _XML_DECLARATION.sub("", markup, count=1))
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if markup.startswith(bom):
            return _decode(markup[len(bom) :].decode(encoding, "replace"))
    try:
        # Valid UTF-8 is almost never another encoding, and pages often mislabel UTF-8 as Latin-1.
        return _decode(markup.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    head = markup[:4096]
    declared = _DECLARED_CHARSET.search(head) or _XML_ENCODING.search(head)
    if declared:
        name = declared.group(1).decode("ascii").lower()
        if name in {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"}:
            name = "cp1252"  # what browsers do (WHATWG Encoding standard)
        try:
            return _decode(markup.decode(name, "replace"))
        except LookupError:
            pass
    import charset_normalizer

    best = charset_normalizer.from_bytes(markup).best()
    return _decode(str(best) if best is not None else markup.decode("cp1252", "replace"))


def _parse(text: str) -> _Node | None:
    """An lxml HTML tree of the page, or None when there is nothing to parse."""
    from lxml import etree
    from lxml import html as lxml_html

    if not text.strip():
        return None
    parser = lxml_html.HTMLParser(encoding="utf-8")
    try:
        return lxml_html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError):
        return None


# --- main text ------------------------------------------------------------------------------


@dataclass(slots=True)
class _TrafilaturaResult:
    """Blocks and metadata found by trafilatura."""

    blocks: _Blocks
    meta: dict[str, Any] = field(default_factory=dict)


def _trafilatura(text: str, url: str | None) -> _TrafilaturaResult | None:
    """Trafilatura's main text as blocks, with its metadata, or None when it found nothing."""
    import trafilatura

    document = trafilatura.bare_extraction(
        text,
        url=url,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        date_extraction_params={"extensive_search": False},  # its date is not used: keep it cheap
    )
    if document is None or isinstance(document, dict):
        return None
    meta = {
        "title": document.title,
        "author": document.author,
        "sitename": document.sitename,
        "description": document.description,
        "categories": document.categories,
    }
    body = document.body
    blocks = _BlockWriter(_TEI_ROLES).run(body) if body is not None else []
    return _TrafilaturaResult(blocks, meta)


def _readability(text: str, url: str | None) -> _Blocks:
    """Readability-lxml's main text as blocks; empty when it cannot parse the page."""
    from lxml import etree
    from lxml import html as lxml_html
    from readability import Document
    from readability.readability import Unparseable

    try:
        summary = Document(text, url=url).summary(html_partial=True)
        fragment = lxml_html.fragment_fromstring(summary, create_parent="div")
    except (Unparseable, etree.ParserError, ValueError, AssertionError):
        # lxml checks fragments with assert: a summary without a <body> fails one.
        return []
    return _BlockWriter(_HTML_ROLES).run(fragment)


def _choose_blocks(first: _Blocks, second: _Blocks) -> tuple[_Blocks, _Blocks]:
    """Trafilatura's blocks unless their length is implausible next to readability's.

    Returns the chosen blocks and the other extractor's, which serve as a second opinion.
    """
    first_words, second_words = _word_count(first), _word_count(second)
    if not first_words:
        return second, first
    if len(first) == 1 and "\n" in first[0][1] and len(second) > 1:
        # Trafilatura's last-resort baseline: the whole page as one paragraph of lines.
        return second, first
    if second_words and not (_TOO_SHORT <= first_words / second_words <= _TOO_LONG):
        return second, first
    return first, second


def _drop_title(blocks: _Blocks, titles: list[str]) -> _Blocks:
    """Blocks without the headline that pages repeat at the top, and the kicker above it."""
    for index, (_, body) in enumerate(blocks[:_TITLE_WINDOW]):
        if any(_same(body, title) for title in titles):
            above = blocks[:index]
            if all(len(_WORDS.findall(text)) <= _KICKER_WORDS for _, text in above):
                return blocks[index + 1 :]
            break
    return blocks


def _trim_edges(blocks: _Blocks, other: _Blocks) -> _Blocks:
    """Blocks without leading and trailing ones that the other extractor did not see at all.

    What one extractor keeps at the edges and the other leaves out is nearly always page furniture:
    datelines, share counts, newsletter prompts, related links, comment widgets. Leading blocks are
    only dropped when short, since a lede is where extractors most often disagree.
    """
    if not other or not blocks:
        return blocks
    seen_text = " " + " ".join(_norm(body) for _, body in other) + " "
    seen = _trigrams(seen_text.split())

    def unseen(body: str) -> bool:
        words = _norm(body).split()
        if len(words) < 3:
            return f" {' '.join(words)} " not in seen_text
        grams = _trigrams(words)
        return len(grams & seen) < _SEEN_SHARE * len(grams)

    start, end = 0, len(blocks)
    while end > start and unseen(blocks[end - 1][1]):
        end -= 1
    while (
        start < end
        and len(_WORDS.findall(blocks[start][1])) <= _LEAD_WORDS
        and unseen(blocks[start][1])
    ):
        start += 1
    trimmed = blocks[start:end]
    # A second opinion that disagrees about most of the text is not trusted to cut it.
    return trimmed if _word_count(trimmed) * 2 >= _word_count(blocks) else blocks


def _trigrams(words: list[str]) -> set[tuple[str, str, str]]:
    return {(words[i], words[i + 1], words[i + 2]) for i in range(len(words) - 2)}


def _has_prose(blocks: _Blocks) -> bool:
    """Whether some paragraph has a sentence-long line, which list and login pages lack."""
    return any(
        len(_WORDS.findall(line)) >= _PROSE_WORDS
        for kind, body in blocks
        if kind in ("paragraph", "blockquote")
        for line in body.split("\n")
    )


def _word_count(blocks: _Blocks) -> int:
    return sum(len(_WORDS.findall(body)) for _, body in blocks)


class _BlockWriter:
    """Turns an element tree into (kind, text) blocks, keeping headings, quotes and list items."""

    def __init__(self, roles: dict[str, str]) -> None:
        self.roles = roles
        self.blocks: _Blocks = []
        self.parts: list[str] = []
        self.kind: BlockKind = "paragraph"

    def run(self, root: _Node) -> _Blocks:
        """All blocks under root, in document order."""
        self._walk(root, "paragraph")
        self._flush()
        return self.blocks

    def _add(self, text: str | None, kind: BlockKind) -> None:
        """Append text to the block being built, starting a new one when the kind changes."""
        if not text:
            return
        if self.parts and kind != self.kind and text.strip():
            self._flush()
        if not self.parts:
            self.kind = kind
        self.parts.append(text)

    def _flush(self) -> None:
        """End the block being built; a blank line inside it (two line breaks) splits it."""
        joined = "".join(self.parts)
        self.parts = []
        for piece in re.split(r"\n\s*\n", joined):
            if piece.strip():
                self.blocks.append((self.kind, piece.strip()))

    def _walk(self, node: _Node, kind: BlockKind) -> None:
        """Add node's text and its children's, in the kind node's role and ancestors give."""
        tag = node.tag if isinstance(node.tag, str) else ""  # comments and PIs have no str tag
        role = self.roles.get(tag.lower(), "inline") if tag else "skip"
        if role == "skip":
            self._add(node.tail, kind)
            return
        if role == "break":
            self._add("\n", kind)
            self._add(node.tail, kind)
            return
        own = _ROLE_KINDS.get(role, kind)
        separate = role not in ("inline", "cell")
        if separate:
            self._flush()
        if role == "cell" and "".join(self.parts).strip():
            self._add(" | ", own)  # a table row reads as one line of cells
        self._add(node.text, own)
        for child in node:
            self._walk(child, own)
        if separate:
            self._flush()
        self._add(node.tail, kind)


# --- metadata -------------------------------------------------------------------------------


@dataclass(slots=True)
class _PageMeta:
    """Metadata the page states about itself: JSON-LD, meta tags, <title>, <h1>, canonical link."""

    meta: dict[str, str]
    article: dict[str, Any]
    sites: list[str]
    document_title: str | None
    headings: list[str]
    dates: list[str]
    bylines: list[str]
    canonical: str | None
    url: str | None
    host: str | None

    @classmethod
    def read(cls, tree: _Node, url: str | None) -> _PageMeta:
        """Collect the page's own metadata."""
        meta: dict[str, str] = {}
        for node in tree.iter("meta"):
            key = node.get("property") or node.get("name") or node.get("itemprop")
            value = _unescape(node.get("content"))
            if key and value:
                meta.setdefault(key.strip().lower(), value)
        objects = list(_json_ld(tree))
        article = next((o for o in objects if _types(o) & _ARTICLE_TYPES), {})
        sites = [s for s in (meta.get("og:site_name"), meta.get("application-name")) if s]
        publisher = article.get("publisher")
        sites += _names(publisher)
        sites += [n for o in objects if _types(o) & _SITE_TYPES for n in _names(o)]
        title_node = tree.find(".//title")
        headings = [_clean(h.text_content()) for h in tree.iter("h1")]
        canonical = _canonical(tree, meta, article, url)
        host = urlsplit(canonical or url or "").hostname
        return cls(
            meta=meta,
            article=article,
            sites=list(dict.fromkeys(sites)),
            document_title=_clean(title_node.text_content()) if title_node is not None else None,
            headings=[h for h in headings if h],
            dates=_marked_dates(tree),
            bylines=_bylines(tree),
            canonical=canonical,
            url=url,
            host=host.removeprefix("www.") if host else None,
        )

    def title(self, fallback: str | None) -> str | None:
        """The headline: JSON-LD, then Open Graph and Twitter cards, then <title>, then <h1>."""
        others = [
            t
            for t in (
                self.meta.get("og:title"),
                self.meta.get("twitter:title"),
                self.document_title,
                *self.headings[:1],
            )
            if t
        ]
        headline = _unescape(_first_str(self.article.get("headline"))) or _unescape(
            _first_str(self.article.get("name"))
        )
        # A JSON-LD headline is the publisher's own statement; use it verbatim when it is about
        # this page (it shares most words with another title source, or there is none).
        if headline and (not others or any(_overlap(headline, t) >= 0.5 for t in others)):
            return headline
        for key in ("og:title", "twitter:title"):
            value = self.meta.get(key)
            if value and not self._is_site(value):
                return self._strip_site(value)
        if self.document_title and not self._is_site(self.document_title):
            return self._from_document_title(self.document_title)
        if len(self.headings) == 1:
            return self.headings[0]
        return _clean(fallback) or None

    def title_variants(self, title: str | None) -> list[str]:
        """Every form of the headline the page states, to spot it repeated in the text."""
        values = [
            title,
            _unescape(_first_str(self.article.get("headline"))),
            self.meta.get("og:title"),
            self.meta.get("twitter:title"),
            *self.headings[:1],
        ]
        if self.document_title:
            values.append(self._from_document_title(self.document_title))
        return [v for v in dict.fromkeys(values) if v]

    def _site_keys(self) -> list[str]:
        keys = [_squash(s) for s in self.sites]
        if self.host:
            keys.append(_squash(self.host))
            keys += [label for label in self.host.split(".") if label not in _HOST_FILLER]
        return [k for k in keys if len(k) >= 3]

    def _is_site(self, text: str) -> bool:
        """Whether text names this site ("BuzzFeed News" for BuzzFeed, "Salon.com" for salon)."""
        squashed = _squash(text)
        return any(
            squashed == key
            or (
                min(len(squashed), len(key)) >= 5
                and (squashed.startswith(key) or key.startswith(squashed))
            )
            for key in self._site_keys()
        )

    def _split_site(self, text: str) -> tuple[str, str | None]:
        """Text without a leading or trailing site name, and that site name if there was one."""
        for sep in _SEPARATORS:
            if sep not in text:
                continue
            head, tail = text.rsplit(sep, 1)
            if head.strip() and self._is_site(tail):
                return head.strip(), tail.strip()
            head, tail = text.split(sep, 1)
            if tail.strip() and self._is_site(head):
                return tail.strip(), head.strip()
        return text, None

    def _strip_site(self, text: str) -> str:
        return self._split_site(text)[0]

    def _from_document_title(self, text: str) -> str:
        """The <title> without the site name and section trail that pages append to it."""
        stripped = self._strip_site(text)
        if stripped != text:
            return stripped
        for heading in self.headings:
            if _norm(text).startswith(_norm(heading) + " ") or _norm(text) == _norm(heading):
                return heading
        for sep in _SEPARATORS:
            if sep in text:
                head = text.rsplit(sep, 1)[0].strip()
                if len(head.split()) >= 3:
                    return head
        return text

    def authors(self, fallback: str | None) -> list[str]:
        """Authors from JSON-LD, then author meta tags, then trafilatura's byline."""
        found = [
            name
            for value in _names(self.article.get("author")) or _names(self.article.get("creator"))
            for name in _split_authors(value)
        ]
        if not found:
            for key in _AUTHOR_META:
                value = self.meta.get(key)
                if value and not value.startswith(("http://", "https://", "/")):
                    found = _split_authors(value)
                    break
        if not found:
            found = [name for value in self.bylines for name in _split_authors(value)][
                :_MAX_AUTHORS
            ]
        if not found and fallback:
            found = _split_authors(fallback)
        sites = {_squash(s) for s in self.sites}
        return [a for a in dict.fromkeys(found) if _squash(a) not in sites]

    def publication(self, title: str | None, fallback: str | None) -> str | None:
        """The site's name: stated by the page, else read off <title>, else from the hostname."""
        if self.sites:
            return self.sites[0]
        if self.document_title and title:
            for sep in _SEPARATORS:
                head, _, tail = self.document_title.rpartition(sep)
                if head and _same(head, title) and tail.strip():
                    return tail.strip()
        return _clean(fallback) or self.host

    def section(self, fallback: list[str] | None) -> str | None:
        """The section or category the page files the article under."""
        for value in (
            _first_str(self.article.get("articleSection")),
            self.meta.get("article:section"),
            *(fallback or [])[:1],
        ):
            if value and _clean(value):
                return _clean(value)
        return None

    def published(self) -> str | None:
        """Publication date as YYYY-MM-DD, only from what the page states about itself.

        Guessing from dates in the page text (htmldate's way) picks wrong dates often enough
        that no date is better: the user can add one.
        """
        candidates = [
            _first_str(self.article.get("datePublished")),
            *(self.meta.get(key) for key in _DATE_META),
            *(v for k, v in self.meta.items() if _DATE_KEY.search(k)),
            *self.dates,
            _first_str(self.article.get("dateCreated")),
        ]
        for value in candidates:
            date = _iso_date(value)
            if date:
                return date
        return _url_date(self.canonical or self.url)

    def standfirst(
        self, blocks: _Blocks, title: str | None, fallback: str | None
    ) -> tuple[str | None, _Blocks]:
        """The description if it reads as a standfirst, and the blocks without it.

        A description the text opens with is the lede, not a standfirst, unless the page sets it
        apart as a heading (a "dek"); one cut off mid-sentence is a teaser.
        """
        candidates = (
            _unescape(_first_str(self.article.get("description"))),
            self.meta.get("og:description"),
            self.meta.get("description"),
            self.meta.get("twitter:description"),
            _clean(fallback),
        )
        opening = f" {_norm(' '.join(body for _, body in blocks[:_TITLE_WINDOW]))} "
        for text in candidates:
            if not text or (title and _same(text, title)):
                continue
            words = _norm(text).split()
            if not _STANDFIRST_WORDS[0] <= len(words) <= _STANDFIRST_WORDS[1]:
                continue
            if text.endswith(_ELLIPSIS) or words[-1] in _DANGLING:
                continue
            if blocks and blocks[0][0] == "heading" and _same(blocks[0][1], text):
                return text, blocks[1:]
            if f" {' '.join(words)} " in opening:
                return None, blocks
            return text, blocks
        return None, blocks


def _json_ld(tree: _Node) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object on the page, flattening lists and @graph."""
    for node in tree.iter("script"):
        if (node.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = _CDATA.sub("", node.text or "").strip()
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        yield from _flatten(data)


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        yield data
        yield from _flatten(data.get("@graph"))


def _types(obj: dict[str, Any]) -> set[str]:
    kinds = obj.get("@type")
    values = kinds if isinstance(kinds, list) else [kinds]
    return {v.rsplit("/", 1)[-1].lower() for v in values if isinstance(v, str)}


def _names(value: Any) -> list[str]:
    """Names in a JSON-LD person/organization value: a string, an object or a list of them."""
    if isinstance(value, str):
        return [v for v in [_clean(value)] if v]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for item in value for n in _names(item)]
    return []


def _first_str(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    return value if isinstance(value, str) else None


def _marked_dates(tree: _Node) -> list[str]:
    """Dates the markup marks as the publication date, then the first undesignated <time>."""
    marked: list[str] = []
    plain: list[str] = []
    for node in tree.iter():
        if not isinstance(node.tag, str):
            continue
        value = node.get("datetime") or node.get("content")
        if not value:
            continue
        label = " ".join((node.get("itemprop") or "", node.get("class") or "")).lower()
        if "datepublished" in label or "publish" in label or node.get("pubdate") is not None:
            marked.append(value)
        elif node.tag == "time" and not re.search(r"modif|updat|edit", label):
            plain.append(value)
    return marked + plain[:1]


def _bylines(tree: _Node) -> list[str]:
    """Author names marked up as such (rel/itemprop author), else the first 'byline' element."""
    marked: list[str] = []
    nodes = [
        n
        for n in tree.xpath("//*[@rel='author' or @itemprop='author']")
        if _clean(n.text_content())
    ]
    # Co-authors sit together; author links elsewhere on the page belong to other articles.
    home = _grandparent(nodes[0]) if nodes else None
    for node in nodes:
        if _grandparent(node) is not home:
            continue
        names = node.xpath(".//*[@itemprop='name']")
        text = _clean((names[0] if names else node).text_content())
        if text and len(text) <= _MAX_BYLINE:
            marked.append(text)
    if marked:
        return list(dict.fromkeys(marked))
    for node in tree.xpath("//*[contains(@class, 'byline')]"):
        text = _clean(node.text_content())
        if text and len(text) <= _MAX_BYLINE:
            return [text]
    return []


def _grandparent(node: _Node) -> _Node:
    parent = node.getparent()
    return parent.getparent() if parent is not None else None


def _url_date(url: str | None) -> str | None:
    """The date in a URL path such as /2019/02/21/ or -20190520/."""
    if not url:
        return None
    path = urlsplit(url).path
    match = _URL_DATE.search(path) or _URL_COMPACT_DATE.search(path)
    return _iso_date("-".join(match.groups())) if match else None


def _canonical(
    tree: _Node, meta: dict[str, str], article: dict[str, Any], url: str | None
) -> str | None:
    """The page's canonical URL, made absolute against the URL it was read from."""
    links: list[str | None] = [
        node.get("href")
        for node in tree.iter("link")
        if "canonical" in (node.get("rel") or "").lower().split()
    ]
    candidates = [*links, meta.get("og:url"), _first_str(article.get("url"))]
    for value in candidates:
        if not value or not value.strip():
            continue
        absolute = urljoin(url or "", value.strip())
        if urlsplit(absolute).scheme in ("http", "https"):
            return absolute
    return None


def _split_authors(value: str) -> list[str]:
    """Author names from a byline such as 'By Ann Lee and Bo Chan', without junk or credentials."""
    value = _BYLINE_PREFIX.sub("", _clean(value))
    names: list[str] = []
    for part in _AUTHOR_SPLIT.split(value):
        pieces = [p.strip() for p in part.split(",")]
        # "Stella Kim, Jennifer Jett" is two people; "Brenda Goodman, MA" is one.
        if len(pieces) > 1 and all(len(p.split()) >= 2 for p in pieces):
            names += pieces
        else:
            names.append(pieces[0])
    cleaned = (_TRAILING_DATE.sub("", _BYLINE_PREFIX.sub("", n)).strip(" ,;") for n in names)
    return [n for n in cleaned if _plausible_name(n)]


def _plausible_name(name: str) -> bool:
    """Whether a byline piece can be a person's or a desk's name."""
    if not name or len(name) > 60 or len(name.split()) > 6:
        return False
    if re.search(r"\d|@|://|\.(?:com|org|net)\b", name) or _CREDENTIAL.match(name):
        return False
    return name.casefold() not in _NOT_NAMES


def _iso_date(value: str | None) -> str | None:
    """YYYY-MM-DD from an ISO, compact, RFC 2822 or 'Mar 13 2015' date; None when not a date."""
    if not value or not value.strip():
        return None
    value = value.strip()
    parts: tuple[int, int, int] | None = None
    if match := _ISO_DATE.search(value) or _COMPACT_DATE.match(value):
        parts = (int(match.group(1)), int(match.group(2)), int(match.group(3)))
    elif match := _TEXT_DATE.search(value):
        day = match.group(1) or match.group(3)
        month = _MONTH_NUMBERS[match.group(2).lower()]
        parts = (int(match.group(4)), month, int(day)) if day else None
    try:
        found = dt.date(*parts) if parts else None
    except ValueError:
        found = None
    if found is None or not 1990 <= found.year <= dt.date.today().year + 1:
        return None
    return found.isoformat()


def _clean(value: str | None) -> str:
    return " ".join(value.split()) if value else ""


def _unescape(value: str | None) -> str:
    """A metadata value with stray HTML entities decoded (pages often escape them twice)."""
    return _clean(html.unescape(value)) if value else ""


def _norm(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))


def _squash(text: str) -> str:
    return "".join(_WORDS.findall(text.casefold())).replace("_", "")


def _same(a: str, b: str) -> bool:
    return bool(_norm(a)) and _norm(a) == _norm(b)


def _overlap(a: str, b: str) -> float:
    """Share of a's words that also occur in b."""
    words_a, words_b = _norm(a).split(), set(_norm(b).split())
    return sum(w in words_b for w in words_a) / len(words_a) if words_a else 0.0

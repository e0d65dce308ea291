"""Unpack the public-domain fiction the quotation benchmark labels into plain text, one file per
chapter (called by scripts/corpus.sh; nothing of it is committed).

- Jane Austen's novels as Debian's r-cran-janeaustenr ships them: character vectors (one line of
  the Project Gutenberg text each) in R's lazy-load database (`data/Rdata.rdx`, `.rdb`). R is
  not installed for this: the few kinds of R object the two files hold are read here.
- Moby-Dick's chapters 1-3 as Debian's r-cran-tokenizers ships them for its tests (gzipped text).
- Barack Obama's State of the Union addresses of 2010 and 2011 (U.S. government works, public
  domain) as Debian's r-cran-wordcloud ships them (`data/SOTU.RData`).
- The ten Reuters-21578 stories of r-cran-tm's `texts/reuters-21578.xml`, one file a story.
- The news, interview, biography and court documents of the GUM corpus (Georgetown University
  Multilayer corpus, github.com/amir-zeldes/gum): Wikinews articles and interviews (CC BY 2.5),
  Wikipedia biographies (CC BY-SA 3.0) and court opinions (CC BY 4.0), from its `dep/*.conllu`
  files: each sentence's `# text =` line, sentences of a paragraph (`# newpar`) joined by a space.
- English Wikinews articles of November 2004 to January 2005 (public domain: Wikinews published
  its articles under no copyright until September 2005) as the WikinewsSum dataset keeps their
  wikitext, one JSON object a line: the markup reduced to plain paragraphs, the sources cut.
- Press releases of two U.S. county prosecutors (San Diego County's District Attorney,
  Miami-Dade's State Attorney) as the prosecutor-press-releases collection scraped them, one text
  file a release, one line a paragraph: the page's navigation and trailer cut.
- English Wikinews articles of 2019 and 2020 (CC BY 2.5) as github.com/vanatteveldt/wikinews
  scraped them, one CSV row an article (url, date, title, text; paragraphs parted by blank lines).
- Press releases of the Orange County (California) District Attorney from the same collection of
  prosecutors' releases: the page's header (contacts, navigation) and trailer cut.
- Global Voices posts (CC BY 3.0) from WordPress export files (WXR): each published post's
  HTML reduced to paragraphs (the editor's blank lines and block tags part them), a block quote's
  paragraphs written as `> ` lines (the importer's block quotes), image captions and embeds cut;
  an `index.tsv` beside the texts gives each one's date, address, author and title.
- Press releases of the Riverside County (California) District Attorney from the same collection
  of prosecutors' releases: the title, then the body from after its date line up to "Latest News".
- Press releases of the Brooklyn (Kings County, New York), Harris County (Texas) and Dallas County
  (Texas) District Attorneys from the same collection: Brooklyn's pages cut to the body between
  the headlines under the date line and the closing "#"; Harris County's are already plain (title,
  then a paragraph a line); Dallas County's are text taken from PDFs, one printed line a line, so
  their lines are joined into paragraphs (a line much shorter than the page's longest ends one)
  and the contact block above the title and the address footer are cut.
- Press releases of the Cook County (Illinois) State's Attorney from the same collection: the
  title, then the lines after the date line up to the closing "###".
- Press releases of the U.S. Department of Health and Human Services (federal works, public
  domain) of 2018 and 2019 as github.com/pballent/Web-Scraping-HHS-Press-Releases scraped them,
  one CSV row a release (its page's <p> elements): the title from the breadcrumb, one paragraph an
  element, up to the newsletter box. The scrape dropped every comma of the text.
- Press releases of members of the U.S. Congress (senators and representatives; works of the
  federal government, public domain) of 2024 as github.com/Hussain-Altamimi/Congress_Press_Releases
  scraped them, one text file a member (`Title:`, `Date:`, other header lines, `Content:`, then
  the page's text; releases parted by `==`): the title, then one paragraph a line of the
  content as the scrape wrote it (some offices' pages give a line to each link, mark and tag).
- Posts of two U.S. federal websites kept as Markdown in their own repositories (works of the
  federal government, dedicated to the public domain with CC0): digital.gov's news
  (github.com/GSA/digitalgov.gov, Hugo) and the 18F blog (github.com/18F/18f.gsa.gov, Eleventy),
  one file a post (YAML front matter, then Markdown): the title, then the body as a reader sees
  it (the site's shortcodes and images dropped, a link its words, a heading or list item a
  paragraph, a block quote's paragraphs written as `> ` lines).

Each chapter is written with one paragraph a line (the book's wrapped lines joined), paragraphs
apart, so a label's text is found as the importer reads the file.

`python scripts/corpus_texts.py austen RDATA_DIR OUT_DIR`, `... moby TESTS_DIR OUT_DIR`,
`... sotu RDATA_FILE OUT_DIR`, `... reuters XML_FILE OUT_DIR`, `... gum CONLLU_DIR OUT_DIR`,
`... wikinews JSONL_FILE OUT_DIR`, `... release TEXT_DIR OUT_DIR`,
`... wikinews-csv CSV_DIR OUT_DIR`, `... ocda TEXT_DIR OUT_DIR`, `... wordpress WXR_DIR OUT_DIR`,
`... rivcoda TEXT_DIR OUT_DIR`, `... kings TEXT_DIR OUT_DIR`, `... harris TEXT_DIR OUT_DIR`,
`... dallas TEXT_DIR OUT_DIR`, `... cook TEXT_DIR OUT_DIR`, `... hhs CSV_DIR OUT_DIR`,
`... congress TEXT_DIR OUT_DIR` or `... markdown POSTS_DIR OUT_DIR`; the last seven also write
an `index.tsv` (name, date, page, title; HHS: name, date, address, CSV, title; Congress: name,
date, member file, title; Markdown: name, date, post file, canonical address or "", title).
"""

from __future__ import annotations

import gzip
import html
import re
import struct
import sys
import zlib
from pathlib import Path
from typing import Any

# R's serialisation (XDR, big-endian) of the objects a data lazy-load database holds.
_NIL, _REF, _GLOBALENV, _EMPTYENV, _BASEENV, _UNBOUND, _MISSING, _BASENS = (
    254, 255, 253, 242, 241, 252, 251, 247,
)  # fmt: skip
_SYM, _LIST, _CHAR, _LGL, _INT, _REAL, _STR, _VEC = 1, 2, 9, 10, 13, 14, 16, 19


class _Reader:
    """Reads one serialised R object made of symbols, pairlists, vectors and strings."""

    def __init__(self, data: bytes) -> None:
        if data[:2] != b"X\n":
            raise ValueError("not an R XDR serialisation")
        self.data, self.at = data, 2
        version = self.int()
        self.at += 8  # the writer's R version and the oldest that reads it
        if version == 3:
            size = self.int()
            self.at += size  # the native encoding's name
        self.refs: list[Any] = []

    def int(self) -> int:
        (value,) = struct.unpack_from(">i", self.data, self.at)
        self.at += 4
        return int(value)

    def item(self) -> Any:
        flags = self.int()
        kind, has_attr, has_tag = flags & 0xFF, flags & (1 << 9), flags & (1 << 10)
        if kind in (_NIL, _GLOBALENV, _EMPTYENV, _BASEENV, _UNBOUND, _MISSING, _BASENS):
            return None
        if kind == _REF:
            return self.refs[(flags >> 8) - 1]
        if kind == _SYM:
            name = self.item()
            self.refs.append(name)
            return name
        if kind == _CHAR:
            size = self.int()
            if size == -1:
                return None
            if not 0 <= size <= len(self.data) - self.at:
                raise ValueError(f"a string of length {size} at byte {self.at}")
            text = self.data[self.at : self.at + size].decode("utf-8", "replace")
            self.at += size
            return text
        if kind == _LIST:
            if has_attr:
                self.item()  # a pairlist's attributes: not needed here
            tag = self.item() if has_tag else None
            head = self.item()
            tail = self.item()
            pairs = [(tag, head)] + (tail if isinstance(tail, list) else [])
            return pairs
        if kind in (_LGL, _INT, _REAL, _STR, _VEC):
            size = self.int()
            # Every element takes 4 bytes or more: a length the data cannot hold is damage.
            if not 0 <= size <= (len(self.data) - self.at) // 4:
                raise ValueError(f"a vector of length {size} at byte {self.at}")
            if kind in (_LGL, _INT):
                value: Any = list(struct.unpack_from(f">{size}i", self.data, self.at))
                self.at += 4 * size
            elif kind == _REAL:
                value = list(struct.unpack_from(f">{size}d", self.data, self.at))
                self.at += 8 * size
            else:
                value = [self.item() for _ in range(size)]
            if has_attr:
                attrs = dict(self.item())
                if "names" in attrs:
                    return dict(zip(attrs["names"], value, strict=True))
            return value
        raise ValueError(f"R object of type {kind} is not read here")


def lazy_load(folder: Path) -> dict[str, list[str]]:
    """Every object of an R package's data lazy-load database (`Rdata.rdx` and `.rdb`)."""
    index = _Reader(gzip.decompress((folder / "Rdata.rdx").read_bytes())).item()
    blob = (folder / "Rdata.rdb").read_bytes()
    found = {}
    for name, (offset, size) in index["variables"].items():
        chunk = blob[offset : offset + size]
        found[name] = _Reader(zlib.decompress(chunk[4:])).item()
    return found


def paragraphs(lines: list[str]) -> list[str]:
    """The book's wrapped lines joined into paragraphs (blank lines part them)."""
    text = "\n".join(line.rstrip() for line in lines).replace("\ufeff", "")
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def chapters(lines: list[str]) -> list[list[str]]:
    """A novel's lines cut at each "Chapter N" / "CHAPTER N" heading (front matter dropped)."""
    found: list[list[str]] = []
    for line in lines:
        if re.fullmatch(r"\s*(chapter|CHAPTER|Chapter) [0-9IVXLC]+\.?\s*", line):
            found.append([])
        if found:
            found[-1].append(line)
    return found


# GUM's genres whose texts carry an open licence and quote people: Wikinews news and interviews,
# Wikipedia biographies, court opinions.
GUM_GENRES = ("news", "interview", "bio", "court")


def gum_paragraphs(conllu: str) -> list[str]:
    """A GUM document's paragraphs: the `# text =` sentences between two `# newpar` marks."""
    paras: list[list[str]] = []
    for line in conllu.splitlines():
        if line.startswith("# newpar") and not line.startswith("# newpar_"):
            paras.append([])
        elif line.startswith("# text = "):
            if not paras:
                paras.append([])
            paras[-1].append(line.removeprefix("# text = ").strip())
    return [" ".join(sentences) for sentences in paras if sentences]


def slug(text: str, size: int = 60) -> str:
    """A file name's stem: lower case words joined by hyphens, cut at a hyphen before size."""
    words = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    return words if len(words) <= size else words[:size].rsplit("-", 1)[0]


# Wikinews' sections after the story: its sources and links, not part of the article.
_WIKI_TAIL = re.compile(
    r"^=+\s*(Sources?|External links?|Related (news|stories)|See also)\s*=+", re.I | re.M
)


def wiki_plain(text: str) -> list[str]:
    """Wikitext reduced to its paragraphs as a reader sees them: {{w|Page|shown}} and
    [[Page|shown]] give their shown words, [url label] its label; other templates, files,
    categories, references, comments and the bold and italic marks ('' and ''') are dropped.
    A heading ("== Reactions ==") is a paragraph of its words. The sources' section ends it."""
    text = _WIKI_TAIL.split(text)[0]
    # WikinewsSum cut each {{byline|date=…}} together with its article's first letters
    # ("{{byline|datehe white paper"): the stub and the broken word go.
    text = re.sub(r"\{\{byline\|date\S*\s*", "", text)
    text = re.sub(r"<!--.*?-->|<ref[^>/]*/>|<ref[^>]*>.*?</ref>", "", text, flags=re.S)
    text = re.sub(r"\{\{w\|([^{}|]*)\|([^{}|]*)\}\}", r"\2", text)
    text = re.sub(r"\{\{w\|([^{}|]*)\}\}", r"\1", text)
    while re.search(r"\{\{[^{}]*\}\}", text):
        text = re.sub(r"\{\{[^{}]*\}\}", "", text)
    text = re.sub(r"\[\[(?:File|Image|Category|[a-z]{2}):[^\[\]]*\]\]", "", text)
    text = re.sub(r"\[\[[^\[\]|]*\|([^\[\]]*)\]\]", r"\1", text)
    text = re.sub(r"\[\[([^\[\]]*)\]\]", r"\1", text)
    text = re.sub(r"\[(?:https?|ftp)://[^\s\]]*\s*([^\]]*)\]", r"\1", text)
    text = re.sub(r"'''?", "", text)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    paras = []
    for line in text.split("\n"):
        line = " ".join(line.strip().strip("=").lstrip("*#:;").split())
        if line and not re.fullmatch(r"\{*\w*\}+", line):  # a stray template's end
            paras.append(line)
    return paras


# A release page's lines that end the release: the site's images, lists of other news, contacts.
_RELEASE_TAIL = re.compile(r"https?://\S+|Recent News|Related Posts|#####")


def release_paragraphs(text: str) -> list[str]:
    """A scraped release's paragraphs: its title line, then the lines of its body (each one a
    paragraph), from the first line of prose after the title to the site's trailer."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return []
    title = lines[0].split(" - ")[0]
    body: list[str] = []
    for line in lines[1:]:
        if _RELEASE_TAIL.fullmatch(line):
            break
        if line == title:  # the title again above the body
            continue
        # The navigation before the body: breadcrumbs, numbers and one- to five-word labels.
        if not body and len(line.split()) < 6:
            continue
        body.append(line)
    return [title, *body]


def csv_articles(text: str) -> list[tuple[str, list[str]]]:
    """A scraped Wikinews CSV's articles: each one's title and paragraphs (blank lines part
    them)."""
    import csv
    import io

    found = []
    for row in csv.DictReader(io.StringIO(text, newline="")):
        paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", row["text"]) if p.strip()]
        found.append((row["title"], paras))
    return found


def ocda_paragraphs(text: str) -> list[str]:
    """An Orange County District Attorney's page: its title, then the lines after the title's
    last repetition above the body (the site's navigation and the release's contacts come before
    it) up to the sharing buttons that open the trailer."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return []
    title = lines[0].split(" - Orange County District Attorney")[0]
    end = lines.index("Share") if "Share" in lines else len(lines)
    starts = [at for at, line in enumerate(lines[1:end], 1) if line == title]
    return [title, *lines[starts[-1] + 1 if starts else 1 : end]]


# WordPress shortcodes whose content is not the post's prose (an image's caption, an embed).
_WP_SHORTCODE = re.compile(r"\[(caption|embed|youtube|gallery|audio|video)\b.*?\[/\1\]", re.S)
_WP_DROPPED = re.compile(
    r"<(script|style|iframe|object|noscript)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I
)
# Tags that end a paragraph; a WordPress post also parts paragraphs with a blank line.
_WP_BLOCK = re.compile(r"</?(p|div|h[1-6]|li|ul|ol|dl|dt|dd|table|tr|center|hr)\b[^>]*>", re.I)
_WP_QUOTE = re.compile(r"(</?blockquote\b[^>]*>)", re.I)


def wordpress_paragraphs(body: str) -> list[str]:
    """A WordPress post's HTML as paragraphs: a block quote's paragraphs begin with "> "."""
    body = _WP_DROPPED.sub("", _WP_SHORTCODE.sub("", body))
    paras: list[str] = []
    depth = 0
    for piece in _WP_QUOTE.split(body):
        if _WP_QUOTE.fullmatch(piece):
            depth = max(0, depth + (-1 if piece.startswith("</") else 1))
            continue
        piece = re.sub(r"<br\s*/?>", "\n", _WP_BLOCK.sub("\n\n", piece), flags=re.I)
        for chunk in re.split(r"\n\s*\n", piece):
            text = " ".join(html.unescape(re.sub(r"<[^>]*>", "", chunk)).split())
            if text:
                paras.append(f"> {text}" if depth else text)
    return paras


def wordpress_posts(xml: str) -> list[dict[str, Any]]:
    """The published posts of a WordPress export (WXR): name, title, date, link, author and
    paragraphs."""
    import xml.etree.ElementTree as ET

    ns = {
        "wp": "http://wordpress.org/export/1.1/",
        "content": "http://purl.org/rss/1.0/modules/content/",
        "dc": "http://purl.org/dc/elements/1.1/",
    }
    posts = []
    for item in ET.fromstring(xml).iterfind("channel/item"):
        if item.findtext("wp:status", "", ns) != "publish":
            continue
        if item.findtext("wp:post_type", "", ns) != "post":
            continue
        title = " ".join(html.unescape(item.findtext("title") or "").split())
        posts.append(
            {
                "name": item.findtext("wp:post_name", "", ns) or slug(title),
                "title": title,
                "date": item.findtext("wp:post_date", "", ns)[:10],
                "link": item.findtext("link") or "",
                "author": " ".join((item.findtext("dc:creator", "", ns) or "").split()),
                "paras": wordpress_paragraphs(item.findtext("content:encoded", "", ns)),
            }
        )
    return posts


_DATE_LINE = re.compile(r"[A-Z][a-z]+\.? \d{1,2}, \d{4}")


def rivcoda_paragraphs(text: str) -> list[str]:
    """A Riverside County District Attorney's page: its title (the line after "Skip to main
    content"), then the lines after the date line that follows it, up to "Latest News"."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line and line != "Skip to main content"]
    if not lines:
        return []
    end = lines.index("Latest News") if "Latest News" in lines else len(lines)
    start = 2 if len(lines) > 1 and _DATE_LINE.fullmatch(lines[1]) else 1
    return [lines[0], *lines[start:end]]


_WEEKDAY_DATE = re.compile(
    r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), [A-Z][a-z]+ \d{1,2}, \d{4}"
)


def kings_paragraphs(text: str) -> list[str]:
    """A Brooklyn District Attorney's page: its title (the first line without the site's name),
    then its body: from the first line of 20 words or more after the date line (the headlines
    come before it) up to the line "#" that closes the release. Empty when the page has no date
    line or no "#" (a page of another shape)."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    dated = [at for at, line in enumerate(lines) if _WEEKDAY_DATE.fullmatch(line)]
    if not dated or "#" not in lines[dated[0] :]:
        return []
    end = lines.index("#", dated[0])
    body = lines[dated[0] + 1 : end]
    start = next((at for at, line in enumerate(body) if len(line.split()) >= 20), len(body))
    title = lines[0].removesuffix(" - The Brooklyn District Attorney's Office")
    return [title, *body[start:]]


def harris_paragraphs(text: str) -> list[str]:
    """A Harris County District Attorney's release: its title line, then a paragraph a line."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


_DALLAS_FOOTER = re.compile(r"Frank Crowley Courts Building\b.*")


def dallas_paragraphs(text: str) -> list[str]:
    """A Dallas County District Attorney's release as its PDF's text: the contact block (up to
    its e-mail address line) and the address footer cut, the printed lines joined into
    paragraphs. A blank line, or a line shorter than 80 % of the longest, ends a paragraph; a
    line ending in a hyphen joins the next without a space. The first paragraph is the title,
    without "For Immediate Release:". Empty without an e-mail address in the first 8 lines."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    mail = [at for at, line in enumerate(lines[:8]) if "@" in line]
    if not mail:
        return []
    lines = [line for line in lines[mail[0] + 1 :] if not _DALLAS_FOOTER.fullmatch(line)]
    width = max((len(line) for line in lines), default=0)
    paras: list[str] = []
    current = ""
    for line in lines:
        if line:
            glue = "" if not current or re.search(r"\w-$", current) else " "
            current += glue + line
        if current and (not line or len(line) < 0.8 * width):
            paras.append(current)
            current = ""
    if current:
        paras.append(current)
    if paras:
        paras[0] = re.sub(r"^for immediate release:\s*", "", paras[0], flags=re.I)
    return paras


def cook_paragraphs(text: str) -> list[str]:
    """A Cook County State's Attorney's page: its title (the first line without the site's
    name), then the lines after the first date line up to the line "###" that closes the
    release (the page's end without one). Empty without a date line (a page of another shape)."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    dated = [at for at, line in enumerate(lines) if _DATE_LINE.fullmatch(line)]
    if not dated:
        return []
    end = lines.index("###", dated[0]) if "###" in lines[dated[0] :] else len(lines)
    title = lines[0].removesuffix(" | Cook County State's Attorney")
    return [title, *lines[dated[0] + 1 : end]]


# The HHS scrape wrote each release as the text of a Python list of its page's <p> elements,
# with the escapes of their non-ASCII characters (\u2019, \xa0, \n) as plain characters.
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[nt])")


def _unescape(match: re.Match[str]) -> str:
    code = match[1]
    return " " if code in ("n", "t") else chr(int(code[1:], 16))


def hhs_releases(text: str) -> list[tuple[str, str, list[str]]]:
    """The releases of an HHS CSV (index, address, the page's <p> elements, cleaned text): each
    one's address, title (the breadcrumb's last step) and paragraphs (one a <p> element, its
    tags dropped), up to the newsletter box ("Enter your email:") that ends the release."""
    import csv
    import io

    found = []
    for row in csv.reader(io.StringIO(text, newline="")):
        if len(row) < 3 or not row[1].startswith("http"):
            continue  # the header
        paras = []
        for element in re.findall(r"<p\b[^>]*>(.*?)</p>", _ESCAPE.sub(_unescape, row[2]), re.S):
            para = " ".join(html.unescape(re.sub(r"<[^>]+>", "", element)).split())
            if para == "Enter your email:":
                break
            if para:
                paras.append(para)
        if paras:
            title = paras[0].split(" > ")[-1]  # Home > About > News > Title
            found.append((row[1], title, paras[1:]))
    return found


def congress_releases(text: str) -> list[tuple[str, str, list[str]]]:
    """The releases of one member's file: each one's title, date and paragraphs (a line of its
    content each, its spaces trimmed), for the releases whose content is not empty."""
    found = []
    for block in re.split(r"==\n(?=Title: )", text):  # "==" ends a release's last line
        head, _, content = block.partition("\nContent:")
        fields = dict(line.split(": ", 1) for line in head.strip().splitlines() if ": " in line)
        paras = [" ".join(line.split()) for line in content.strip().removesuffix("==").splitlines()]
        paras = [para for para in paras if para]
        if fields.get("Title") and paras:
            found.append((fields["Title"].strip(), fields.get("Date", "").strip(), paras))
    return found


# A Markdown post's markup that a reader does not see: Hugo's and Eleventy's shortcodes, comments
# and HTML tags (an embed's tag may run over several lines).
_SHORTCODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|<!--.*?-->", re.S)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def _markdown_inline(text: str) -> str:
    """A paragraph's Markdown as a reader sees it: images dropped, a link its words, emphasis
    and code marks dropped, escapes and entities resolved."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", text)
    text = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", r"\1", text)
    text = re.sub(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)", r"\1", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!>\"'])", r"\1", text)
    return " ".join(html.unescape(text).split())


def markdown_post(text: str) -> tuple[dict[str, Any], list[str]]:
    """A Markdown post's front matter (YAML) and its body's paragraphs: a heading, a list item
    and a paragraph each one; a block quote's paragraphs begin with "> "; fenced code, link
    definitions, rules and shortcodes (with the images they show) dropped."""
    import yaml

    fields: dict[str, Any] = {}
    if text.startswith("---"):
        head, text = [*re.split(r"\n---[ \t]*(?:\n|$)", text[3:], maxsplit=1), ""][:2]
        try:
            loaded = yaml.safe_load(head)
        except yaml.YAMLError:
            loaded = None  # front matter a reader never sees; the post is left out
        fields = loaded if isinstance(loaded, dict) else {}
    text = _TAG.sub("", _SHORTCODE.sub("", text))
    text = re.sub(r"^(```|~~~).*?^\1[^\n]*$", "", text, flags=re.S | re.M)
    paras: list[str] = []
    block: list[str] = []
    quoted = False

    def end() -> None:
        para = _markdown_inline(" ".join(block))
        if para:
            paras.append(f"> {para}" if quoted else para)
        block.clear()

    lines = text.split("\n")
    for at, line in enumerate(lines):
        bare = line.strip()
        following = lines[at + 1].strip() if at + 1 < len(lines) else ""
        if re.fullmatch(r"\[[^\]]+\]:\s*\S+.*", bare) or re.fullmatch(r"([-*_=])(\s*\1){2,}", bare):
            end()  # a link's definition, a rule or a heading's underline
            continue
        in_quote = bare.startswith(">")
        if in_quote:
            bare = bare.lstrip(">").strip()
        if not bare or in_quote != quoted:
            end()
            quoted = in_quote
            if not bare:
                continue
        if bare.startswith("#") or _LIST_ITEM.match(bare) or re.fullmatch(r"[-=]{3,}", following):
            end()
            block.append(_LIST_ITEM.sub("", bare.lstrip("#").strip()))
            end()
        else:
            block.append(bare)
    end()
    return fields, paras


def write(path: Path, paras: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n".join(paras) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    kind, source, out = argv[0], Path(argv[1]), Path(argv[2])
    if kind == "austen":
        for novel, lines in lazy_load(source).items():
            for number, chapter in enumerate(chapters([line or "" for line in lines]), 1):
                write(out / novel / f"chapter-{number:02d}.txt", paragraphs(chapter))
    elif kind == "moby":
        for gz in sorted(source.glob("moby-ch*.txt.gz")):
            lines = gzip.decompress(gz.read_bytes()).decode("utf-8").splitlines()
            number = int(gz.name.removeprefix("moby-ch").removesuffix(".txt.gz"))
            write(out / f"chapter-{number:02d}.txt", paragraphs(lines))
    elif kind == "sotu":
        # A tm corpus saved as RData: the two speeches' texts, one line a paragraph.
        data = gzip.decompress(source.read_bytes())
        if data[:5] != b"RDX2\n":
            raise ValueError(f"{source}: not an RData file")
        (_, corpus), *_ = _Reader(data[5:]).item()
        for number, document in enumerate(corpus["content"]):
            (text,) = document["content"]
            lines = [" ".join(line.split()) for line in text.split("\n")]
            write(out / f"{2010 + number}.txt", [line for line in lines if line])
    elif kind == "reuters":
        # One <REUTERS> story a file, as r-cran-tm ships its acq and crude samples.
        whole = source.read_text(encoding="utf-8")
        for story in re.findall(r"<REUTERS .*?</REUTERS>", whole, re.S):
            number = int(re.search(r'NEWID="(\d+)"', story)[1])  # type: ignore[index]
            path = out / f"reut-{number:05d}.xml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f'<?xml version="1.0"?>\n{story}\n', encoding="utf-8")
    elif kind == "gum":
        for conllu in sorted(source.glob("GUM_*.conllu")):
            if conllu.stem.split("_")[1] in GUM_GENRES:
                paras = gum_paragraphs(conllu.read_text(encoding="utf-8"))
                write(out / f"{conllu.stem}.txt", paras)
    elif kind == "wikinews":
        import json

        for line in source.read_text(encoding="utf-8").splitlines():
            if line.strip():
                article = json.loads(line)
                paras = wiki_plain("\n".join(article["text"]))
                write(out / f"{slug(article['title'])}.txt", [article["title"], *paras])
    elif kind == "release":
        for page in sorted(source.glob("*.txt")):
            name = re.sub(
                r"^(news|press-release)_((for-immediate-release|media-advisory|press-release)-)?",
                "",
                page.stem,
            )
            write(out / f"{slug(name)}.txt", release_paragraphs(page.read_text(encoding="utf-8")))
    elif kind == "wikinews-csv":
        for table in sorted(source.glob("wikinews_*.csv")):  # one file a year
            for title, paras in csv_articles(table.read_text(encoding="utf-8")):
                write(out / f"{slug(title)}.txt", [title, *paras])
    elif kind == "ocda":
        for page in sorted(source.glob("press_*.txt")):
            name = slug(page.stem.removeprefix("press_"), 200)
            write(out / f"{name}.txt", ocda_paragraphs(page.read_text(encoding="utf-8")))
    elif kind == "wordpress":
        index = []
        for export in sorted(source.glob("*.xml")):
            for post in wordpress_posts(export.read_text(encoding="utf-8")):
                name = f"{post['date']}-{slug(post['name'], 80)}.txt"
                write(out / name, [post["title"], *post["paras"]])
                index.append(
                    "\t".join([name, post["date"], post["link"], post["author"], post["title"]])
                )
        (out / "index.tsv").write_text("\n".join(index) + "\n", encoding="utf-8")
    elif kind == "rivcoda":
        index = []
        for page in sorted(source.glob("*.txt")):
            name = f"{slug(page.stem.removeprefix('news_'), 120)}.txt"
            text = page.read_text(encoding="utf-8")
            paras = rivcoda_paragraphs(text)
            write(out / name, paras)
            dated = _DATE_LINE.search(text)
            # The scraper named each file after the page's path, its slashes as underscores.
            link = "https://rivcoda.org/" + re.sub(r"^news_", "news/", page.stem)
            date = dated.group() if dated else ""
            index.append("\t".join([name, date, link, page.name, paras[0] if paras else ""]))
        (out / "index.tsv").write_text("\n".join(index) + "\n", encoding="utf-8")
    elif kind in ("kings", "harris", "dallas"):
        index = []
        for page in sorted(source.glob("*.txt")):
            text = page.read_text(encoding="utf-8")
            paras = {"kings": kings_paragraphs, "harris": harris_paragraphs}.get(
                kind, dallas_paragraphs
            )(text)
            # Brooklyn's and Harris County's releases are named 2014_11_13_name or 20230216_name
            # (Harris County's newsroom pages, named otherwise, are lists, not releases).
            named = re.fullmatch(r"(\d{4})_?(\d\d)_?(\d\d)_(.*)", page.stem)
            if not paras or (kind != "dallas" and not named):
                continue
            if named:
                date = "-".join(named.groups()[:3])
                stem = f"{date}-{named[4]}"
            else:
                # The PDF's path: press-release_2023_First%20Fentanyl%20Conviction_pdf.
                stem = page.stem.split("press-release_")[-1].removesuffix("_pdf")
                stem = stem.replace("_20", "_")
                dated = _DATE_LINE.search(text)
                date = dated.group() if dated else ""
            name = f"{slug(stem, 90)}.txt"
            write(out / name, paras)
            index.append("\t".join([name, date, page.name, paras[0]]))
        (out / "index.tsv").write_text("\n".join(index) + "\n", encoding="utf-8")
    elif kind == "cook":
        index = []
        for page in sorted(source.glob("news_*.txt")):
            text = page.read_text(encoding="utf-8")
            paras = cook_paragraphs(text)
            if not paras:
                continue
            name = f"{slug(page.stem.removeprefix('news_'), 90)}.txt"
            write(out / name, paras)
            dated = _DATE_LINE.search(text)
            index.append("\t".join([name, dated.group() if dated else "", page.name, paras[0]]))
        (out / "index.tsv").write_text("\n".join(index) + "\n", encoding="utf-8")
    elif kind == "hhs":
        index = []
        for table in sorted(source.glob("*.csv")):  # one file a year
            for link, title, paras in hhs_releases(table.read_text(encoding="utf-8")):
                # https://www.hhs.gov/about/news/2019/01/18/name.html
                dated = re.search(r"/(\d{4})/(\d\d)/(\d\d)/([^/]+?)(\.html)?$", link)
                if not dated:
                    continue
                date = "-".join(dated.groups()[:3])
                name = f"{date}-{slug(dated[4], 80)}.txt"
                write(out / name, [title, *paras])
                index.append("\t".join([name, date, link, table.name, title]))
        (out / "index.tsv").write_text("\n".join(index) + "\n", encoding="utf-8")
    elif kind == "congress":
        index, names = [], set()
        for member in sorted(source.glob("*.txt")):  # one file a member
            releases = congress_releases(member.read_text(encoding="utf-8"))
            if not releases:  # a read that failed: no index, so the next run converts again
                raise SystemExit(
                    f"corpus_texts.py: {member}: no release in it (a read that failed?); run "
                    "scripts/corpus.sh again"
                )
            for title, date, paras in releases:
                stem = f"{member.stem}-{slug(title, 80)}"
                name, copy = f"{stem}.txt", 1
                while name in names:  # a title the member used twice
                    copy += 1
                    name = f"{stem}-{copy}.txt"
                names.add(name)
                write(out / name, [title, *paras])
                index.append("\t".join([name, date, member.name, title]))
        (out / "index.tsv").write_text("\n".join(index) + "\n", encoding="utf-8")
    elif kind == "markdown":
        index = []
        for post in sorted(source.rglob("*.md")):
            fields, paras = markdown_post(post.read_text(encoding="utf-8"))
            title = " ".join(html.unescape(str(fields.get("title") or "")).split())
            date = str(fields.get("date") or "")[:10]
            if not title or not paras or not re.fullmatch(r"\d{4}-\d\d-\d\d", date):
                continue  # a draft, a page without a date or a post without words
            stem = re.sub(r"^\d{4}-\d\d-\d\d-", "", post.stem)
            name = f"{date}-{slug(stem, 80)}.txt"
            write(out / name, [title, *paras])
            canonical = str(fields.get("canonical") or "")
            index.append("\t".join([name, date, str(post.relative_to(source)), canonical, title]))
        (out / "index.tsv").write_text("\n".join(index) + "\n", encoding="utf-8")
    else:
        raise SystemExit(
            f"corpus_texts.py: unknown kind {kind!r} (austen, moby, sotu, reuters, gum, "
            "wikinews, release, wikinews-csv, ocda, wordpress, rivcoda, kings, harris, dallas, "
            "cook, hhs, congress or markdown)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

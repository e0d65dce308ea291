"""The article file: YAML front matter with the metadata, then the blocks as Markdown.

Each block is one line; blocks are separated by a blank line. Headings are written `## text`,
block quotes `> text`, list items `- text`, and a paragraph that would read as one of those (or
as other Markdown) is escaped with a leading backslash. Reading the file back gives exactly the
canonical text and blocks that were written, so annotation offsets survive a round trip.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Iterable
from types import ModuleType
from typing import Any

from library.limits import DEFAULT_FRONT_MATTER_VALUES
from library.model import (
    LOCATOR_KINDS,
    Article,
    ArticleMeta,
    BlockKind,
    LocatorKind,
    Page,
    read_label_kind,
)
from library.text import build_text, clean_inline, is_clean, is_number, strip_controls

_PREFIX: dict[BlockKind, str] = {"heading": "## ", "blockquote": "> ", "list_item": "- "}
_NEEDS_ESCAPE = re.compile(r"^(?:[#>\\*+=|`~<]|-|\d+[.)]|\[\^?)")
_FRONT = "---\n"


@functools.cache
def _yaml() -> tuple[ModuleType, Any, Any]:
    """PyYAML with its fastest safe loader and dumper, imported when first needed (the first
    screen reads the saved catalog, not article files)."""
    import yaml

    try:  # the C loader is several times faster; fall back when libyaml is missing
        return yaml, yaml.CSafeLoader, yaml.CSafeDumper
    except AttributeError:  # pragma: no cover - depends on how PyYAML was built
        return yaml, yaml.SafeLoader, yaml.SafeDumper


_TEXT_FIELDS = frozenset({"id", "title", "imported", "content_hash"})
_OPTIONAL_TEXT_FIELDS = frozenset(
    {
        "subtitle", "publication", "section", "published", "url", "source", "item_type",
        "language", "publisher", "number", "volume", "issue", "page_range", "doi", "isbn",
    }
)  # fmt: skip
_LIST_FIELDS = frozenset({"authors", "tags", "editors"})
# The page map is written after the metadata, one flow sequence a line: [start, end, "label"].
_PAGES = "pages"
_LOCATOR = "locator"
_LABELS = "page_labels"  # where a PDF's page labels come from (stated, printed or counted)


class ArticleFileError(ValueError):
    """The file is not a readable article file."""


class FrontMatterTooLarge(ArticleFileError):
    """The front matter expands (through YAML aliases) to more values than the limit allows."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.reason = (
            f"the YAML front matter expands to more than {limit:,} values through aliases "
            "(&name … *name)"
        )
        self.hint = "raise [import] max_front_matter_values in the config if it is genuine"
        super().__init__(f"{self.reason}; {self.hint}")


def dumps(article: Article, extra: dict[str, Any] | None = None) -> str:
    """Serialise an article (and optional extra front-matter fields) to the file format."""
    meta = article.to_dict()
    if extra:
        meta.update(extra)
    meta.pop(_PAGES, None)
    meta.pop(_LOCATOR, None)
    meta.pop(_LABELS, None)
    head = _front_matter(meta)
    if article.pages:
        if article.labels:
            head += f"{_LABELS}: {article.labels}\n"
        head += f"{_LOCATOR}: {article.locator}\n{_PAGES}:\n" + "".join(
            f"- [{p.start}, {p.end}, {json.dumps(p.label, ensure_ascii=False)}]\n"
            for p in article.pages
        )
    lines = [_block_line(b.kind, article.block_text(b)) for b in article.blocks]
    return f"{_FRONT}{head}{_FRONT}\n" + "\n\n".join(lines) + "\n"


def _dump_yaml(meta: dict[str, Any]) -> str:
    """meta as PyYAML writes the front matter."""
    yaml, _, dumper = _yaml()
    text: str = yaml.dump(
        meta,
        Dumper=dumper,
        allow_unicode=True,
        sort_keys=False,
        width=10_000,
        default_flow_style=False,
    )
    return text


# A string PyYAML writes as it is (plain) wherever it stands in the front matter, when it is
# also printable and resolves to a string (`_plain`): a letter, a digit or "/" first, then letters,
# digits, single spaces and punctuation that is no indicator inside a plain scalar, nothing
# outside the Basic Multilingual Plane (libyaml quotes those), no ": " or ":" at the end, no
# space at the end, and short enough that no line is folded at the dump's width.
_PLAIN = re.compile(
    r"(?=[^\W_]|/)(?!.*(?:: |:\Z|  ))[\w ,.;:()'’\"?!%&+/@$=~*\-–—…]{1,1000}(?<! )\Z", re.DOTALL
)
_STR_TAG = "tag:yaml.org,2002:str"
# A longer string than this that is not plain is left to PyYAML with the rest: escaped (up to ten
# characters each) after the longest key, it stays within the width, where PyYAML folds it.
_QUOTED_MAX = 980
# A longer key (in UTF-8) is written as a complex key, `? key` and `: value` (libyaml's rule).
_KEY_BYTES = 128


@functools.cache
def _resolver() -> Any:
    """PyYAML's resolver, which decides whether a plain scalar reads back as a string."""
    import yaml

    return yaml.resolver.Resolver()


def _plain(value: str) -> bool:
    """Whether PyYAML writes value as it is (see `_PLAIN`)."""
    import yaml

    if not (_PLAIN.match(value) and value.isprintable() and max(value) < "\U00010000"):
        return False
    tag: str = _resolver().resolve(yaml.ScalarNode, value, (True, False))
    return tag == _STR_TAG


@functools.lru_cache(maxsize=256)
def _plain_key(key: str) -> bool:
    """Whether PyYAML writes key as it is, as a simple key: the same few dozen keys head every
    article, so each is checked once."""
    return _plain(key) and len(key.encode()) < _KEY_BYTES


@functools.lru_cache(maxsize=1024)
def _quoted(value: str) -> str:
    """A string that is not plain as PyYAML writes it (quoted): the import time, a date."""
    return _dump_yaml({"k": value})[3:-1]


def _scalar(value: object) -> str | None:
    """One front-matter value written as PyYAML would; None where it must write it itself."""
    if value is None:
        return "null"
    if type(value) is int:
        return str(value)
    if not isinstance(value, str) or not value.isprintable():
        return None
    if _plain(value):
        return value
    if len(value) <= _QUOTED_MAX:
        return _quoted(value)
    return None


def _front_matter(meta: dict[str, Any]) -> str:
    """The front matter's YAML: byte for byte what PyYAML writes (`_dump_yaml`), without its
    representer for the strings, numbers, nulls and lists of strings an article has (a third of
    a millisecond an article, most of the cost of writing one); anything else is PyYAML's."""
    lines: list[str] = []
    for key, value in meta.items():
        # So many characters are at least as many bytes: too long, and left out of the cache.
        if not (isinstance(key, str) and len(key) < _KEY_BYTES and _plain_key(key)):
            return _dump_yaml(meta)
        if isinstance(value, list):
            if not value:
                lines.append(f"{key}: []")
                continue
            lines.append(f"{key}:")
            for item in value:
                shown = _scalar(item)
                if shown is None:
                    return _dump_yaml(meta)
                lines.append(f"- {shown}")
            continue
        shown = _scalar(value)
        if shown is None:
            return _dump_yaml(meta)
        lines.append(f"{key}: {shown}")
    if not lines:
        return _dump_yaml(meta)
    return "\n".join(lines) + "\n"


def loads(
    content: str, *, max_values: int = DEFAULT_FRONT_MATTER_VALUES
) -> tuple[Article, dict[str, Any]]:
    """Parse the file format into an article; also return the raw front matter."""
    meta, body = split_front_matter(content, max_values=max_values)
    if meta is None:
        raise ArticleFileError("no front matter (the file must start with '---')")
    fields = normalize_meta(meta)
    if not fields.get("id") or not fields.get("title"):
        raise ArticleFileError("front matter needs 'id' and 'title'")
    if is_clean(body):  # what Margin writes: one clean line per block
        text, blocks = build_text(_parse_clean_body(body), clean=False)
    else:  # edited by hand: be tolerant
        text, blocks = build_text(_parse_body(body))
    article = Article(**ArticleMeta.meta_from_dict(fields).to_dict(), text=text, blocks=blocks)
    article.locator, article.pages = _page_map(meta, len(text))
    article.labels = read_label_kind(meta.get(_LABELS)) if article.pages else None
    return article, meta


def read_page_map(
    content: str, length: int, *, max_values: int = DEFAULT_FRONT_MATTER_VALUES
) -> tuple[LocatorKind, list[Page]]:
    """The page map (what its labels count, and the pages) of an article file's content, or of
    its front matter alone, as `loads` gives it for a text of length characters (none, when it
    does not partition them)."""
    meta, _ = split_front_matter(content, max_values=max_values)
    if meta is None:
        raise ArticleFileError("no front matter (the file must start with '---')")
    return _page_map(meta, length)


def _page_map(meta: dict[str, Any], length: int) -> tuple[LocatorKind, list[Page]]:
    pages = read_pages(meta.get(_PAGES), length)
    locator = meta.get(_LOCATOR)
    return (locator if pages and locator in LOCATOR_KINDS else "page"), pages


def read_pages(value: Any, length: int) -> list[Page]:
    """The page map from front matter, or none when it is missing or does not partition a text
    of this length in order (a hand edit that broke it costs the page numbers, never a wrong
    one)."""
    if not isinstance(value, list) or not value:
        return []
    pages: list[Page] = []
    at = 0
    for item in value:
        if not (isinstance(item, list) and len(item) == 3):
            return []
        start, end, label = item
        if not (
            type(start) is int
            and type(end) is int
            and isinstance(label, str | int)
            and at <= start < end <= length
        ):
            return []
        # A label that cleans to nothing would cite "p. ": the page's number stands in.
        pages.append(Page(start, end, _inline(str(label)) or str(len(pages) + 1)))
        at = end
    return pages


def front_matter_has_pages(lines: Iterable[str]) -> bool:
    """Whether an article file's lines (newlines kept) open with front matter that has a page
    map (a top-level `pages:` key), read no further than that front matter; True when they do
    not open and close front matter (then reading the file in full says what is wrong). What
    the anchors check records of each article it reads, so an export need not open it."""
    found = iter(lines)
    if (next(found, None) or "").removeprefix("\ufeff") != _FRONT:
        return True
    key = f"{_PAGES}:"
    for line in found:
        if line.rstrip("\r\n") == "---":
            return False
        if line.startswith(key):
            return True
    return True


def loads_meta(content: str, *, max_values: int = DEFAULT_FRONT_MATTER_VALUES) -> dict[str, Any]:
    """Only the front matter, normalised (for the catalog, without parsing the body)."""
    meta, _ = split_front_matter(content, max_values=max_values)
    fields = normalize_meta(meta) if meta is not None else {}
    if not fields.get("id") or not fields.get("title"):
        raise ArticleFileError("no front matter with 'id' and 'title'")
    return fields


def split_front_matter(
    content: str, *, max_values: int = DEFAULT_FRONT_MATTER_VALUES
) -> tuple[dict[str, Any] | None, str]:
    """Split `---` YAML front matter from the body; (None, content) when there is none.

    Front matter that would expand to more than max_values values through aliases is refused
    before it is built (FrontMatterTooLarge): 400 bytes of nested aliases make gigabytes.
    """
    parts = _split(content)
    if parts is None:
        content = content.removeprefix("\ufeff")
        if content.startswith(("---\n", "---\r\n")):  # an opening line but no closing one
            content = content.replace("\r\n", "\n")
        return None, content
    head, body = parts
    head, pages = _peel_pages(head)
    meta = _load_head(head, max_values)
    if pages is not None:
        if _PAGES in meta:  # a second page map above: read as YAML reads it, the last wins
            return split_front_matter_yaml(content, max_values=max_values)
        meta[_PAGES] = pages
    return meta, body


def split_front_matter_yaml(
    content: str, *, max_values: int = DEFAULT_FRONT_MATTER_VALUES
) -> tuple[dict[str, Any] | None, str]:
    """`split_front_matter` with the page map read by YAML too (the slow way, kept for a file
    whose page map is not as Margin writes it, and to test the fast way against)."""
    parts = _split(content)
    if parts is None:
        return split_front_matter(content, max_values=max_values)
    head, body = parts
    return _load_head(head, max_values), body


def _load_head(head: str, max_values: int) -> dict[str, Any]:
    """The front matter's YAML as a mapping (empty for none); ArticleFileError otherwise."""
    yaml, loader, _ = _yaml()
    try:
        if "&" in head and "*" in head:  # no anchor or no alias: nothing can expand
            _check_expansion(yaml, loader, head, max_values)
        meta = yaml.load(head, Loader=loader)
    except yaml.YAMLError as exc:
        raise ArticleFileError(f"invalid YAML front matter ({exc.__class__.__name__})") from exc
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ArticleFileError("front matter is not a mapping of fields")
    return meta


# One entry of the page map as `dumps` writes it: `- [start, end, "label"]`, the label in JSON.
_PAGE_LINE = re.compile(r'- \[(0|[1-9][0-9]*), (0|[1-9][0-9]*), ("(?:[^"\\\n]|\\.)*")\]')


def _peel_pages(head: str) -> tuple[str, list[list[Any]] | None]:
    """The front matter without a page map that ends it, and that map read without YAML (a
    100,000-passage book's map took seconds and hundreds of MB through YAML's nodes); (head,
    None) when the map is missing or any of its lines is not as `dumps` writes it (a hand
    edit: YAML reads it all, as before)."""
    marker = f"\n{_PAGES}:\n"
    at = head.rfind(marker)
    if at == -1:
        return head, None
    lines = head[at + len(marker) :].split("\n")
    pages: list[list[Any]] = []
    match = _PAGE_LINE.fullmatch
    for line in lines:
        found = match(line)
        if found is None:
            return head, None
        start, end, label = found.groups()
        if "\\" in label:
            try:
                label = json.loads(label)
            except ValueError:
                return head, None
        else:
            label = label[1:-1]
        pages.append([int(start), int(end), label])
    return head[: at + 1], pages


def _split(content: str) -> tuple[str, str] | None:
    """(front matter, body) of a file's content, split at the `---` lines; None without."""
    content = content.removeprefix("\ufeff")
    if not content.startswith(_FRONT) and not content.startswith("---\r\n"):
        return None
    content = content.replace("\r\n", "\n")
    end = content.find("\n---\n", 3)
    if end == -1:
        if content.rstrip().endswith("\n---"):
            end = content.rstrip().rfind("\n---")
        else:
            return None
    return content[4:end], content[end + 5 :]


def without_front_matter(content: str) -> str:
    """content after its `---` front matter, which is not read (content as it is without)."""
    parts = _split(content)
    return content if parts is None else parts[1]


def loads_text(content: str) -> str:
    """Only the canonical text of a file's content, as `loads` gives it, without building the
    front matter: what the library-wide anchoring check fingerprints, thousands at a time."""
    parts = _split(content)
    if parts is None:
        raise ArticleFileError("no front matter (the file must start with '---')")
    body = parts[1]
    if is_clean(body):
        return build_text(_parse_clean_body(body), clean=False)[0]
    return build_text(_parse_body(body))[0]


def _check_expansion(yaml: ModuleType, loader: Any, head: str, limit: int) -> None:
    """Count the values the YAML would build, aliases expanded, from its parse events alone;
    FrontMatterTooLarge as soon as the count passes limit (the events cost no expansion)."""
    sizes: dict[str, int] = {}
    stack: list[list[Any]] = [[None, 0]]  # [anchor, values so far] of each open collection

    def add(size: int) -> None:
        stack[-1][1] += size
        if stack[-1][1] > limit:
            raise FrontMatterTooLarge(limit)

    for event in yaml.parse(head, Loader=loader):
        if isinstance(event, yaml.ScalarEvent):
            if event.anchor:
                sizes[event.anchor] = 1
            add(1)
        elif isinstance(event, yaml.AliasEvent):
            add(sizes.get(event.anchor, 1))
        elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            stack.append([event.anchor, 1])
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent) and len(stack) > 1:
            anchor, size = stack.pop()
            if anchor:
                sizes[anchor] = size
            add(size)


def normalize_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """Coerce hand-edited front matter into the model's types (dates to ISO, lists of strings).

    Every string becomes one clean line, so a hand-edited title can never carry a terminal escape
    or a line break into the catalog or onto the screen.
    """
    out: dict[str, Any] = {}
    for key, value in meta.items():
        if isinstance(value, dt.datetime):
            value = value.date().isoformat() if key == "published" else value.isoformat()
        elif isinstance(value, dt.date):
            value = value.isoformat()
        if key == _PAGES:  # read by `loads` after this, never shown: left as it is
            out[key] = value
            continue
        if key in _LIST_FIELDS:
            if value is None:
                value = []
            elif not isinstance(value, list):
                value = [value]
            value = [c for c in (_inline(str(v)) for v in value if v is not None) if c]
        elif key == "words":
            digits = str(value) if isinstance(value, int | float | str) else ""
            value = int(digits) if is_number(digits) else 0
        elif key in _TEXT_FIELDS:  # text the catalog sorts and shows: never None or a list
            value = "" if value is None else value if isinstance(value, str) else str(value)
        elif key in _OPTIONAL_TEXT_FIELDS:
            value = value if value is None or isinstance(value, str) else str(value)
        elif value is not None and not isinstance(value, str | list | dict | bool):
            value = str(value)
        if key == "source" and isinstance(value, str):
            # A file path, matched on re-import: keep its spaces, drop only control characters.
            value = strip_controls(value).replace("\n", "")
        elif isinstance(value, str):
            value = _inline(value)
        out[str(key)] = value
    return out


def _inline(value: str) -> str:
    """`clean_inline`, skipped for the usual value that is clean already (catalogs read many)."""
    if "\n" not in value and value == value.strip() and is_clean(value):
        return value
    return clean_inline(value)


def _block_line(kind: BlockKind, text: str) -> str:
    prefix = _PREFIX.get(kind)
    if prefix:
        return prefix + text
    return "\\" + text if _NEEDS_ESCAPE.match(text) else text


def _parse_body(body: str) -> list[tuple[BlockKind, str]]:
    blocks: list[tuple[BlockKind, str]] = []
    for chunk in re.split(r"\n[ \t]*\n", body.replace("\r\n", "\n")):
        line = " ".join(part.strip() for part in chunk.split("\n") if part.strip())
        if not line:
            continue
        blocks.append(_parse_line(line))
    return blocks


def _parse_clean_body(body: str) -> list[tuple[BlockKind, str]]:
    """`_parse_body` for a body `is_clean` accepted: blank lines are empty, so split on them."""
    blocks: list[tuple[BlockKind, str]] = []
    for chunk in body.split("\n\n"):
        if "\n" in chunk:
            chunk = " ".join(part for part in chunk.split("\n") if part)
        if chunk:
            blocks.append(_parse_line(chunk))
    return blocks


def _parse_line(line: str) -> tuple[BlockKind, str]:
    if line.startswith("\\"):
        return "paragraph", line[1:]
    for kind, prefix in _PREFIX.items():
        if line.startswith(prefix):
            return kind, line[len(prefix) :]
    if line.startswith("#"):
        return "heading", line.lstrip("#").strip()
    if line.startswith(">"):
        return "blockquote", line[1:].strip()
    return "paragraph", line

"""Item types and languages as users and pages state them, read into the model's vocabulary.

Types are CSL's names (`model.ITEM_TYPES`); a user may write the everyday word instead
("newspaper", "blog", "journal"). Languages are BCP 47 tags ("en", "fr-CA"); a page may state
one as a locale ("fr_FR") or a name ("French"). Text that states none (plain text, Markdown
without a `language` field) is given the language pycld2 (Google's Compact Language Detector 2,
Apache 2.0) finds with confidence: a C library imported only when needed (5 ms), which reads an
article in under a millisecond.
"""

from __future__ import annotations

import re

from library.model import ITEM_TYPES

# Everyday words for each type, as `margin edit --type` and front matter accept them.
TYPE_ALIASES: dict[str, str] = {
    "newspaper": "article-newspaper",
    "news": "article-newspaper",
    "article": "article-newspaper",
    "magazine": "article-magazine",
    "blog": "post-weblog",
    "blog-post": "post-weblog",
    "post": "post-weblog",
    "web": "webpage",
    "web-page": "webpage",
    "page": "webpage",
    "website": "webpage",
    "journal": "article-journal",
    "journal-article": "article-journal",
    "paper": "article-journal",
    "book-chapter": "chapter",
}
_NAMES = {
    "english": "en", "french": "fr", "français": "fr", "german": "de", "deutsch": "de",
    "spanish": "es", "español": "es", "italian": "it", "portuguese": "pt", "dutch": "nl",
}  # fmt: skip
_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


def read_item_type(value: str | None) -> str | None:
    """The CSL type value names ("blog" → post-weblog), or None when it names none."""
    key = re.sub(r"[\s_]+", "-", (value or "").strip().casefold())
    if key in ITEM_TYPES:
        return key
    return TYPE_ALIASES.get(key)


def type_choices() -> str:
    """The accepted type names, for help and error messages."""
    return ", ".join(ITEM_TYPES) + " (or: " + ", ".join(sorted(TYPE_ALIASES)) + ")"


def read_language(value: str | None) -> str | None:
    """A BCP 47 tag from a tag, a locale (fr_FR → fr-FR) or an English name; None if none.

    The primary subtag is lowercased and a region uppercased, as BCP 47 writes them.
    """
    text = (value or "").strip().replace("_", "-")
    text = text.split(",")[0].split(";")[0].strip()  # Content-Language may list several
    if not text:
        return None
    if text.casefold() in _NAMES:
        return _NAMES[text.casefold()]
    if not _TAG.match(text):
        return None
    head, *rest = text.split("-")
    parts = [head.lower()]
    for part in rest:
        parts.append(part.upper() if len(part) == 2 else part.title() if len(part) == 4 else part)
    return "-".join(parts)


_MIN_DETECT_CHARS = 200  # shorter text says too little to name its language
_MIN_PERCENT = 80  # the share of the text in the language found


def detect_language(text: str) -> str | None:
    """The language most of text is written in, when pycld2 is sure of it; else None.

    None too when pycld2 is not installed: a language is a nicety for citations, never a
    reason for an import to fail.
    """
    if len(text) < _MIN_DETECT_CHARS:
        return None
    try:
        import pycld2
    except ImportError:
        return None
    try:
        reliable, _size, found = pycld2.detect(text)
    except (pycld2.error, ValueError):  # text it cannot read (invalid UTF-8, surrogates)
        return None
    if not reliable or not found:
        return None
    _name, code, percent, _score = found[0]
    if code in ("un", "xxx") or percent < _MIN_PERCENT:
        return None
    return read_language(code)

"""Notes are Markdown: raw in md, rendered in html, plain in txt, and inert when hostile."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from annotations.export import ExportGroup, export_annotations
from annotations.export.notes import note_html, note_markdown, note_text
from annotations.model import Annotation
from library.model import Article
from library.text import build_text


def _groups(note: str) -> list[ExportGroup]:
    text, blocks = build_text([("paragraph", "The mayor said the plan is a promise kept.")])
    article = Article(id="story", title="Story", text=text, blocks=blocks)
    start = text.index("a promise")
    ann = Annotation.from_span(
        "story", text, start, start + len("a promise kept"), id="n1", stance="support", note=note
    )
    return [(article, [ann])]


def _render(note: str, fmt: str) -> str:
    return export_annotations(_groups(note), fmt).decode()


NOTE = "Why **trust** matters:\n\n- the *survey* says so\n- see [the data](https://data.example/x)"


def test_markdown_export_keeps_the_note_as_written() -> None:
    md = _render("The **trust** gap, see `survey`", "md")
    assert "> **Note:** The **trust** gap, see `survey`" in md
    assert "\\*\\*trust" not in md


def test_a_note_opening_with_a_list_starts_below_its_label() -> None:
    md = _render("- first\n- second", "md")
    assert "> **Note:**\n> - first\n> - second" in md


def test_html_export_renders_the_note() -> None:
    out = _render(NOTE, "html")
    note = out[out.index('<div class="note">') : out.index("</div>")]
    assert "<strong>trust</strong>" in note
    assert "<li>the <em>survey</em> says so</li>" in note
    assert '<a href="https://data.example/x">the data</a>' in note


def test_text_export_removes_the_markup() -> None:
    txt = _render(NOTE, "txt")
    assert "Note: Why trust matters:" in txt
    assert "- the survey says so" in txt
    assert "- see the data (https://data.example/x)" in txt
    assert "**" not in txt and "](" not in txt


def test_w3c_says_the_note_is_markdown() -> None:
    doc = json.loads(_render(NOTE, "w3c"))
    (body,) = [b for b in doc["first"]["items"][0]["body"] if b["purpose"] == "commenting"]
    assert body["format"] == "text/markdown" and body["value"] == NOTE


@pytest.mark.parametrize(
    ("note", "plain"),
    [
        ("*a* and _b_ and **c**", "a and b and c"),
        ("`code` stays", "code stays"),
        ("1. one\n2. two", "1. one\n2. two"),
        ("> quoted words", "quoted words"),
        ("# Heading\nbody", "Heading\nbody"),
        ("<https://x.example/a>", "https://x.example/a"),
        ("[x](https://x.example/) [y](javascript:1)", "x (https://x.example/) [y](javascript:1)"),
        ("a\\*b", "a*b"),
    ],
)  # fmt: skip
def test_note_text(note: str, plain: str) -> None:
    assert note_text(note) == plain


HOSTILE = (
    "[run](javascript:alert(1)) [data](data:text/html,<script>alert(2)</script>) "
    "[vb](VBScript:msgbox) [app](obsidian://open?vault=x) <javascript:alert(3)>\n"
    "![pixel](https://tracker.example/p.png) <img src=x onerror=alert(4)> [[Secret note]] "
    "![[Private.pdf]]\n"
    "[ref]: javascript:alert(5)\n\n"
    "%% everything after this would be hidden\n"
    "`$= app.vault.adapter.remove('x')` steals the link ^00000001\n"
    "> [!danger] a fake callout"
)


_ESCAPES = r"(?<!\\)(?:\\\\)*"  # an even run of backslashes (none included): no escape
_CODE = re.compile(_ESCAPES + r"(?<!`)`[^`\n]+`(?!`)")


def _live_markdown(md: str) -> list[str]:
    """What Obsidian would act on in md: HTML, images, links off the web, its own syntax."""
    found = []
    for token in MarkdownIt("commonmark", {"html": True}).parse(md):
        for t in [token, *(token.children or [])]:
            if t.type in ("html_block", "html_inline", "image"):
                found.append(f"{t.type}: {t.content}")
            href = str(t.attrGet("href") or "")
            off_the_web = re.match(r"[a-z][a-z0-9+.-]*:", href, re.I) and not re.match(
                r"(?i)(https?|mailto):", href
            )
            if t.type == "link_open" and off_the_web:
                found.append(f"link: {href}")
    outside_code = _CODE.sub("", md)
    for name, pattern in [("wikilink", r"\[\["), ("comment", "%%"), ("dataview", r"`\$?=")]:
        if re.search(_ESCAPES + pattern, outside_code):
            found.append(name)
    if re.search(r"\s\^[A-Za-z0-9-]+\s*$", md, re.M):
        found.append("block id")
    return found


def test_hostile_note_in_markdown_is_inert() -> None:
    md = note_markdown(HOSTILE)
    assert _live_markdown(md) == []
    assert _live_markdown(HOSTILE) != []  # the check sees what it should
    assert "\\[!danger]" in md
    assert "`$=" not in md.replace("\\`$=", "")
    exported = _render(HOSTILE, "md")
    assert exported.count("\n^") == 1  # only the highlight's own block id


@pytest.mark.parametrize(
    "note",
    [
        "\\<script>alert(1)</script>",  # the user's own escape before a tag
        "\\\\<b>x</b>",  # an escaped backslash, then a tag
        "[a\\](javascript:alert(1))",
        "[a\\\\](javascript:alert(1))",
        "``<img src=x onerror=alert(1)>`",  # backticks that open no code span
        "`<b>`` <i>x</i>",
    ],
)
def test_the_users_backslashes_never_cancel_the_escaping(note: str) -> None:
    assert _live_markdown(note_markdown(note)) == []


def test_code_spans_are_kept_as_written() -> None:
    assert note_markdown("use `a<b` and `[[x]]`") == "use `a<b` and `[[x]]`"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


_NOTE_TAGS = {"p", "br", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "hr", "a"}


def _check_html(fragment: str) -> None:
    parser = _Tags()
    parser.feed(fragment)
    for tag, attrs in parser.tags:
        assert tag in _NOTE_TAGS, tag
        for name, value in attrs:
            assert tag in ("a", "ol") and name in ("href", "start"), (tag, name)
            if name == "href":
                assert value is not None and re.match(r"(?i)(https?://|mailto:)", value), value


def test_hostile_note_in_html_is_inert() -> None:
    out = note_html(HOSTILE)
    _check_html(out)
    assert "&lt;img src=x onerror=alert(4)&gt;" in out  # shown, as text
    assert 'href="https://tracker.example/p.png"' in out  # the image is a link, never loaded


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>[]()!*_`#-=%^:/\\\"' \nahjsvcrpt.1")), max_size=80))
def test_any_note_renders_to_safe_html(note: str) -> None:
    _check_html(note_html(note))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>[]()!*_`#-=%^:/\\\"' \nahjsvcrpt.1")), max_size=80))
def test_any_note_keeps_markdown_inert(note: str) -> None:
    assert _live_markdown(note_markdown(note)) == []


_PLAIN_TEXT = st.text(alphabet=st.sampled_from(list("ab Zé,.;:'\"?()/%@$\n\u00a0")), max_size=60)


@settings(max_examples=1000, deadline=None)
@given(_PLAIN_TEXT)
def test_a_note_without_markdown_renders_as_markdown_it_would(note: str) -> None:
    from annotations.export import notes

    assume(not notes._MARKDOWN_SYNTAX.search(note))
    assert note_html(note) == str(notes._parser().render(note)).strip()
    assert note_text(note) == notes._parsed_text(note)

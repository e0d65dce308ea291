"""Checking a draft's quotations against a source text: word alignment and the allowed changes.

A draft quotation is read as words with gaps: an elision (… or ...) marks a gap where the
source's words may be left out; a bracketed insertion (“[the mayor] said”), one where they may
be replaced only by the same words, spelled either way ("[center]" for "centre"), a pronoun or a
short description made clear ("[the two leaders]" for "they") or a name given in full (others are
a change, as a bracket saying what the source's words
do not, whether, how many or how sure, always is: "[not]", "[nine]", "[only]"; and one adding
a characterisation the article does not give near the quotation: "[the corrupt leaders]"). Words
are compared case-insensitively without punctuation, so a change of quote-mark style, of case or
of punctuation is not an alteration. Anything else (a word added, dropped or changed) is, and it is
shown as a word diff from the source to the draft: `[-source words-]{+draft words+}`.
A draft quotation that runs from one of the source's quotations into the reporter's narration
(or from the narration into one), or that wraps the reporter's words around a speaker's without
marking the speaker's as a quotation within it, is held to the quotation's words: the narration's
words are shown as added (`{+and said that+}`), since the speaker did not say them. What the
source quotes is read from its own quote marks (`annotations.quotations.marked`), so a quotation
the detector misses is held all the same; the detector only says who speaks.

Pure functions: `annotations.workspace.quoting` finds the candidate articles with the search index
and calls `best_alignment` on each.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from difflib import Match, SequenceMatcher
from functools import lru_cache
from itertools import takewhile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotations.errors import AnnotationError
from annotations.quotations.given_names import is_given_name
from annotations.quotations.marked import DOUBLE_MARKS, SINGLE_MARKS, quoted_stretches
from annotations.quotations.spans import words as word_set
from library.model import Block, BlockKind

if TYPE_CHECKING:
    from annotations.quotations import Quotation

__all__ = [
    "DRAFT_SUFFIXES",
    "Alignment",
    "Change",
    "DraftError",
    "Pattern",
    "anchor_phrases",
    "best_alignment",
    "draft_blocks",
    "draft_line",
    "draft_quotations",
    "in_narration",
    "lowered",
    "own_words",
    "pattern",
    "read_draft",
    "same_speaker",
    "tokens",
    "woven",
]

DRAFT_SUFFIXES = (".md", ".markdown", ".txt", ".text", ".docx")
MIN_WORDS = 4  # shorter quotations ("partition") cannot be told apart from common phrases
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# What ends a stretch of quoted words between two of them: a sentence, a quotation, a paragraph.
_STRETCH_END = re.compile(rf"[\n.!?;:{DOUBLE_MARKS}]|[{SINGLE_MARKS}](?![^\W_])")
# A quote mark inside a draft quotation: the draft marks a quotation within the one it quotes.
_INNER_MARK = re.compile(
    rf"[{DOUBLE_MARKS}]|(?<![^\W_])[{SINGLE_MARKS}]|[{SINGLE_MARKS}](?![^\W_])"
)
_GAP = re.compile(r"\[[^\]\n]{0,80}\]|…|\.\s?\.\s?\.")
# What a bracket may stand for without changing what was said: a pronoun it makes clear
# ("[Boston] must change" for "It must change"), or a short description it keeps the head of
# ("[the Secure Communities program]" for "the program"); any other words it replaces are a change.
_CLEAR = word_set(
    "he she it they we i you him her them us me his hers its their theirs our ours my mine "
    "your yours this that these those"
)
_DEFINITE = word_set("the these those its their his her our my your")  # "[the two leaders]"
_BRACKET_MOST = 3  # source words a bracket may stand for: a pronoun or a short description
# What a bracket may open a sentence after, its capital no name's: a stop, an elision, a colon,
# a dash ("We did … [Frankly] we", a sentence or not, reads as one to a reader of "[Frankly]").
_OPENS_AFTER = ".!?…:;—–"
_SET_OFF = re.compile(r"\[\s*[^\W\d_]+,")  # a bracket's first word set off: "[Happily,]"
# A bracket inside a word (Bluebook rule 5.2): "[t]he" changes a letter's case, "appl[ied]" and
# "judgment[]" the word's ending; letters only, or none.
_IN_WORD = r"\[[^\W\d_]*\]"
_DRAFT_WORD = re.compile(rf"(?:{_IN_WORD})*[^\W_]+(?:{_IN_WORD}[^\W_]*|['’][^\W_]+)*")
# The endings a bracket may put in place of another of the same word ("fail[s]" for "fail").
_ENDINGS = word_set("s es ies ied d ed ing e y er est n en")
# One word in its British and its American spelling, which a bracket may change, in the word
# ("organi[z]ation" for "organisation", "colo[]r" for "colour") or whole ("[center]" for
# "centre"): each rule writes a British form the American way; two words are one word spelled
# two ways when the rules make them equal. Unbracketed, a change of spelling is a change.
_SPELLINGS = (
    (re.compile(r"(?<=\w\w)is(?=(?:e|es|ed|ing|ation|ations|er|ers)$)"), "iz"),  # organise
    (re.compile(r"(?<=\w)ys(?=(?:e|es|ed|ing|er|ers)$)"), "yz"),  # analyse
    (re.compile(r"(?<=\w\w)our(?=(?:s|ed|ing|ite|ites|able|ably|er|ers|ful|hood|less)?$)"), "or"),
    (re.compile(r"(?<=\w\w[bcdgkmnptv])re(?=[sd]?$)"), "er"),  # centre, metre, fibre
    (re.compile(r"(?<=\w\w\w[aeo])ll(?=(?:ed|ing|er|ers|or|ors)$)"), "l"),  # travelled
    (re.compile(r"(?<=\w\w)ogue(?=s?$)"), "og"),  # catalogue, dialogue
    (re.compile(r"(?<=\w)ae(?=[dmsv])|^oe(?=s)|(?<=^f)oe(?=t)"), "e"),  # paediatric, oestrogen
    (re.compile(r"^(def|off|pret|lic)enc(?=es?$)"), r"\1ens"),  # defence, licence
    (re.compile(r"(?<=\w)gramme(?=s?$)"), "gram"),  # programme
    (re.compile(r"(?<=dg)e(?=ments?$)"), ""),  # judgement
)
# A writer's note in brackets, which neither replaces nor leaves out the source's words.
_NOTE = re.compile(
    r"\[\s*(?:sic|(?:emphasis|italics) (?:added|mine|in original))\s*!?\s*\]", re.IGNORECASE
)
_TAG_MOST = 8  # words of narration a draft may leave out as the speaker's tag ("Bassi said")
# Words of narration one speaker's quotation may be broken by and still be joined in a draft, when
# the detector names the same speaker on both sides ("…,” she said after the hearing, which ran
# late …, “…”): read by a second, wider alignment only where the first finds words added.
_INTERRUPTION_MOST = 40
_CLAUSE_MARK = re.compile(r"[,;:—–()]")  # what sets an aside apart within an interruption
_UPPER = "".join(c for c in map(chr, range(0x250)) if c.isupper())  # Latin: "Á", "Ö" too
_LOWER = "".join(c for c in map(chr, range(0x250)) if c.islower())
_NAME_WORD = f"[{_UPPER}][{_LOWER}’'-]+"
_FULL_NAME = re.compile(rf"(?<!\w){_NAME_WORD}(?:\s+(?:[{_UPPER}]\.\s+)?{_NAME_WORD})+")
# Words that say the opposite: never left out of a sentence at an elision ("We will … sign").
_NEGATIONS = word_set("not no never nor neither none nothing nobody nowhere cannot")
# Narration that turns what is quoted, never left out as a tag ("he said, but not “…”").
_TURNS = _NEGATIONS | word_set("but yet without except instead rather than")
# Words that say how many ("[nine]"), unless in a name ("[One World Trade Center]").
_NUMBERS = word_set(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty "
    "seventy eighty ninety hundred hundreds thousand thousands million millions billion "
    "billions trillion dozen dozens percent"
)
# Words a bracket may add that characterise nothing: determiners, pronouns, links and numbers
_PLAIN_WORDS = (
    _CLEAR
    | _DEFINITE
    | word_set(
        "a an of in on at for to from with by and or as about into over under after before "
        "during between who whom whose which what when where there here is are was were be"
    )
    | _NUMBERS
)
_NEAR_BEFORE, _NEAR_AFTER = 2000, 500  # characters of the article read around a quotation
# What a bracket adding words may not say: how many, how much, how often, how sure ("We hired
# [nine] officers", "[only]", "[always]", "[must]"); a clarification says who or what is meant.
_WEIGHTS = (
    word_set(
        "all every everyone everybody everything each both any anyone anybody anything some many "
        "much more most few fewer less least several half double twice only just merely solely "
        "even also too again still already ever always often usually sometimes rarely seldom very "
        "really quite extremely certainly definitely surely probably possibly perhaps maybe almost "
        "nearly hardly barely scarcely must should shall can could might would"
    )
    | _NUMBERS
)
_LOWER_MODALS = word_set("may will")  # weigh only in lower case: "[in May]", "[Will Smith]"
# Words in -ly that say no manner ("[early]" says when, as "[in 2019]" does)
_LY_NOUNS = word_set(
    "family assembly supply monopoly anomaly homily butterfly melancholy belly bully folly "
    "rally tally gully holly jelly apply reply imply early"
)
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d(?:'?s)?")  # "[in 2019]", "[the 1990s]": when, not how many
# A number standing alone in a bracket ("[40]", "[1,000]", "[2.5]", "[40%]"), not one joined to
# letters or another number ("[COVID-19]", "[G7]", "[4th]", "[9/11]"), which names something;
# a number before a hyphen and a word in lower case counts ("[40-year]")
_COUNT = re.compile(r"(?<![\w/.,-])\d[\d,.]*(?![\w/]|-[A-Z\d])")
# The word before it, when that word makes the number part of a name or a date ("[Ward 7]",
# "[Route 9]", "[Jan. 5]"), unless it says about how many ("[About 40]", "[Exactly 40]")
_NAMED_NUMBER = re.compile(r"([^\W\d_][\w'’]*)\.?\s+$")
_ABOUT = word_set(
    "about around nearly over under almost roughly approximately exactly precisely at least than "
    "to up"
)
_ARTICLES = word_set("the a an")  # set aside where a description is matched with a name
# A citation mark right after a word: a Markdown footnote's ("walk to[^1]"), a wiki's or a
# paper's ("walk to[2]"), not a bracketed number a writer put in
_FOOTNOTE = re.compile(r"\[\^[^\]\s]{1,20}\]|(?<=[^\W_]|[.,;:!?])\[\d{1,3}\]")
# A paragraph style for code: pandoc's from a Markdown code block, Word's own and LibreOffice's.
_CODE_STYLE = re.compile(
    r"source code|html preformatted|preformatted text|macro text|code( block)?", re.IGNORECASE
)
_TERMINAL = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])")  # colour and cursor codes
_ANCHOR = 3  # words in each phrase looked up in the search index
_FOUND = 0.6  # share of the draft's words the source must hold, in order, to count as found


class DraftError(AnnotationError):
    """The draft cannot be read; the message says why and what to do."""


def read_draft(path: Path, max_bytes: int = 20_000_000) -> str:
    """The text of a draft: Markdown or plain text as written (UTF-8, else the encoding it was
    saved in, as an import reads it), a .docx (also misnamed) by its paragraphs and tables."""
    from library.errors import ImportFailed
    from library.importer import RawSource, decode
    from library.importers import by_magic
    from library.importers.markdown import SUFFIXES as MARKDOWN_SUFFIXES
    from library.parsers import markdown_as_read

    give = f"give a Markdown, plain text or .docx draft ({', '.join(DRAFT_SUFFIXES)})"
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise DraftError(f"{path}: a folder, not a draft; {give}")
        if size > max_bytes:
            raise DraftError(f"{path}: the draft is {size:,} bytes, over {max_bytes:,}; split it")
        data = path.read_bytes()
    except FileNotFoundError:
        raise DraftError(f"{path}: no such file; check the draft's path") from None
    except OSError as exc:
        raise DraftError(
            f"{path}: cannot read the draft ({exc.strerror or exc}); check its permissions"
        ) from None
    found = by_magic(data)  # a PDF, an EPUB: exported from a word processor, not its draft
    if found is not None:
        raise DraftError(f"{path}: a {found.label} file, not a draft; {give}")
    if path.suffix.casefold() == ".docx" or data.startswith(b"PK\x03\x04"):
        return _FOOTNOTE.sub("", _docx_text(path, data))  # a wiki's text is pasted into Word
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DraftError(f"{path}: not a text file; {give}")
    try:
        text = decode(RawSource(str(path), data))
    except ImportFailed as exc:
        raise DraftError(f"{path}: {exc.reason}; {exc.hint}") from None
    if path.suffix.casefold() in MARKDOWN_SUFFIXES:  # as it reads, on its lines (`draft_line`)
        text = markdown_as_read(text)
    # A draft pasted from a terminal keeps its colour codes: read it as the words it shows.
    return _FOOTNOTE.sub("", _TERMINAL.sub("", text))


def _docx_text(path: Path, data: bytes) -> str:
    """A .docx's paragraphs, a table's cell by cell, in the order they stand, each followed by a
    blank line (as `draft_line` counts them); a paragraph in a code style blank, as a Markdown
    draft's code block is."""
    import io
    import zipfile

    from docx import Document  # python-docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = Document(io.BytesIO(data))
    # SyntaxError: damaged XML inside the package (lxml's XMLSyntaxError)
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        OSError,
        SyntaxError,
    ) as exc:
        raise DraftError(
            f"{path}: not a readable .docx ({exc}); save it again from the word processor as "
            ".docx, or as plain text"
        ) from None
    paragraphs: list[str] = []

    def read(container: Any) -> None:
        for item in container.iter_inner_content():
            if not isinstance(item, Table):
                style = getattr(item.style, "name", None) or ""
                paragraphs.append("" if _CODE_STYLE.fullmatch(style) else item.text)
                continue
            # A merged cell is listed once for each row or column it spans: read once. The
            # elements are kept, so that no id is another's left free.
            seen: dict[int, object] = {}
            for row in item.rows:
                for cell in row.cells:
                    if id(cell._tc) not in seen:
                        seen[id(cell._tc)] = cell._tc
                        read(cell)

    read(document)
    return "\n\n".join(paragraphs)


def draft_line(path: Path, text: str, offset: int) -> int:
    """Where offset stands in the draft, 1-based: its line, or in a .docx (read as paragraphs
    joined by a blank line, each one line break within a paragraph) its paragraph, as Word
    counts them."""
    if path.suffix.casefold() == ".docx":
        return text.count("\n\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1


def draft_blocks(text: str) -> list[Block]:
    """A draft's paragraphs: runs of lines between blank lines (a Markdown `#` line a heading, a
    `>` paragraph a block quote, which is a quotation even without marks)."""
    blocks: list[Block] = []
    for match in re.finditer(r"[^\n]+(?:\n[ \t]*[^\s][^\n]*)*", text):
        body = match.group()
        if not body.strip():
            continue
        kind: BlockKind = "paragraph"
        start = match.start()
        if body.startswith("#"):
            kind = "heading"
        elif body.startswith(">"):
            kind = "blockquote"
            start += len(body) - len(body.lstrip("> \t"))  # the quotation starts at its words
        blocks.append(Block(kind, start, match.end()))
    return blocks


def draft_quotations(text: str) -> list[Quotation]:
    """A draft's quotations, each to be checked: the detector's, a draft never read as an essay
    (a text quoting four times or more with few speakers named, whose unattributed quotations
    the detector drops); titles and terms in quote marks are not quotations all the same."""
    from annotations.quotations import find_quotations

    return find_quotations(text, draft_blocks(text), essay=False)


def tokens(text: str) -> list[tuple[int, int, str]]:
    """The words of a text with their offsets, case-folded, apostrophes made straight."""
    return [
        (m.start(), m.end(), m.group().casefold().replace("’", "'")) for m in _WORD.finditer(text)
    ]


@dataclass(frozen=True, slots=True)
class Pattern:
    """A draft quotation as words, and the gaps where source words may be left out."""

    words: tuple[str, ...]  # case-folded
    loose: frozenset[int]  # i: source words may stand before words[i] (… or [insertion])
    quote: str = ""  # the quotation as the draft writes it
    spans: tuple[tuple[int, int], ...] = ()  # where each word stands in quote
    nested: bool = False  # the draft marks a quotation inside this one
    marks: frozenset[int] = frozenset()  # i: a quote mark of the draft's stands before words[i]
    # (i, "[Boston]"): a bracket before words[i], with no elision beside it: the source words
    # there are the ones it replaces
    brackets: tuple[tuple[int, str], ...] = ()
    # (i, "appl", "ied"): words[i] ends in a bracket ("appl[ied]"), its stem and new ending
    endings: tuple[tuple[int, str, str], ...] = ()
    # (i, "organi", "ation"): words[i] has a bracket within ("organi[z]ation"), and the letters
    # before its first bracket and after its last, which the source's word has too
    respelt: tuple[tuple[int, str, str], ...] = ()
    # i: the bracket before words[i] opens a sentence, where a capital says nothing of a name
    opening: frozenset[int] = frozenset()

    def written(self, start: int, end: int) -> str:
        """words[start:end] as the draft writes them, punctuation within kept ("1,000")."""
        if len(self.spans) != len(self.words) or start >= end:
            return " ".join(self.words[start:end])
        return self.quote[self.spans[start][0] : self.spans[end - 1][1]]


def pattern(quote: str) -> Pattern:
    """The words of a draft quotation, with a gap at each elision and bracketed insertion."""
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    loose: set[int] = set()
    brackets: list[tuple[int, str]] = []
    opening: set[int] = set()
    elided: set[int] = set()
    endings: list[tuple[int, str, str]] = []
    respelt: list[tuple[int, str, str]] = []
    at = 0
    for gap in [*(g for g in _GAP.finditer(quote) if not _in_word(quote, g)), None]:
        part = quote[at : gap.start() if gap else len(quote)]
        found = [(m.start(), m.end(), m.group()) for m in _DRAFT_WORD.finditer(part)]
        for _, _, raw in found:
            if raw.endswith("]"):  # "appl[ied]": a new ending for the word's stem
                stem, ending = raw[:-1].rsplit("[", 1)
                endings.append((len(words), _bare(stem), ending.casefold()))
            if "[" in raw:
                respelt.append(
                    (len(words), _bare(raw[: raw.index("[")]), _bare(raw[raw.rindex("]") + 1 :]))
                )
            words.append(_bare(raw))
        spans += [(at + start, at + end) for start, end, _ in found]
        if gap is not None and _NOTE.fullmatch(gap.group()):
            at = gap.end()  # the writer's note ("[sic]") stands for no words of the source
        elif gap is not None:
            loose.add(len(words))
            if gap.group().startswith("[") and tokens(gap.group()):  # not an elision, "[…]"
                brackets.append((len(words), gap.group()))
                before = quote[: gap.start()].rstrip(f" \t\n({DOUBLE_MARKS}{SINGLE_MARKS}")
                if not before or before[-1] in _OPENS_AFTER:
                    opening.add(len(words))
            else:
                elided.add(len(words))
            at = gap.end()
    nested = _INNER_MARK.search(quote.strip(DOUBLE_MARKS + SINGLE_MARKS + " \n")) is not None
    ends = [end for _, end in spans]
    marks = frozenset(bisect_right(ends, m.start()) for m in _INNER_MARK.finditer(quote))
    return Pattern(
        tuple(words),
        frozenset(loose),
        quote,
        tuple(spans),
        nested,
        marks,
        # an elision beside a bracket leaves out words, unless the bracket says the opposite
        tuple((i, b) for i, b in brackets if i not in elided or _weighs(b, opens=i in opening)),
        tuple(endings),
        tuple(respelt),
        frozenset(opening),
    )


def _in_word(quote: str, gap: re.Match[str]) -> bool:
    """Whether a bracket changes letters of a word it stands in ("[t]he", "fail[s]")."""
    return (
        re.fullmatch(_IN_WORD, gap.group()) is not None
        and not _NOTE.fullmatch(gap.group())
        and (
            (gap.start() > 0 and quote[gap.start() - 1].isalnum())
            or (gap.end() < len(quote) and quote[gap.end()].isalnum())
        )
    )


def _bare(written: str) -> str:
    """A draft word as compared: its brackets taken out, case-folded, apostrophes straight."""
    return written.replace("[", "").replace("]", "").casefold().replace("’", "'")


def _inflects(stem: str, ending: str, source: str) -> bool:
    """Whether "stem[ending]" is the source word with only its ending changed ("appl[ied]" for
    "apply", "judgment[]" for "judgments"), a doubled last letter allowed ("stop[ped]")."""
    if ending[:1] and stem[-1:] == ending[:1] and ending[1:] in _ENDINGS:
        ending = ending[1:]
    rest = source[len(stem) :]
    return (
        len(stem) >= 2
        and source.startswith(stem)
        and (not rest or rest in _ENDINGS)
        and (not ending or ending in _ENDINGS)
    )


def anchor_phrases(p: Pattern, count: int = 3) -> list[tuple[int, tuple[str, ...]]]:
    """Up to count phrases of consecutive draft words (none across a gap), each with its index:
    one from each part of the quotation, so a changed word spoils at most one, and in each part
    the phrase of the longest words (long words are rare: the index answers them fastest)."""
    starts = [
        i
        for i in range(len(p.words) - _ANCHOR + 1)
        if not any(j in p.loose for j in range(i + 1, i + _ANCHOR))
    ]
    changed = {i for i, _, _ in p.respelt}  # "fail[s]", "organi[z]ation": spelt otherwise
    if changed:
        starts = [i for i in starts if changed.isdisjoint(range(i, i + _ANCHOR))]
        if not starts:  # a short quotation: its longest run of words with none changed
            runs: list[list[int]] = [[]]
            for i in range(len(p.words)):
                if i in changed or i in p.loose:
                    runs.append([])
                if i not in changed:
                    runs[-1].append(i)
            run = max(runs, key=len)[:_ANCHOR]
            return [(run[0], p.words[run[0] : run[-1] + 1])] if len(run) >= 2 else []
    chosen: set[int] = set()
    for part in range(count):
        share = starts[part * len(starts) // count : (part + 1) * len(starts) // count]
        if share:
            chosen.add(max(share, key=lambda i: sum(len(w) for w in p.words[i : i + _ANCHOR])))
    return [(i, p.words[i : i + _ANCHOR]) for i in sorted(chosen)]


@dataclass(frozen=True, slots=True)
class Change:
    """One difference that counts: source words the draft dropped, changed or added to."""

    source: str  # the source's words ("" when the draft added words)
    draft: str  # the draft's words ("" when the draft dropped words)


@dataclass(frozen=True, slots=True)
class Alignment:
    """Where a draft quotation stands in a source text, and how it differs."""

    start: int  # offsets of the matched words in the source text
    end: int
    matched: int  # draft words found in order
    changes: tuple[Change, ...]
    diff: str  # the source span as a word diff to the draft

    @property
    def exact(self) -> bool:
        """Whether the only differences are the allowed ones."""
        return not self.changes


def lowered(text: str) -> str | None:
    """The text in lower case when that keeps every offset (almost always), else None."""
    low = text.lower()
    return low if len(low) == len(text) else None


def best_alignment(
    p: Pattern,
    text: str,
    lower: str | None = None,
    quoted: Sequence[tuple[int, int]] | None = None,
    speaker_of: Callable[[int, int], str | None] | None = None,
) -> Alignment | None:
    """The best place of the draft quotation in a source text, if it is there: most draft words
    matched, then fewest changes. Only windows around its anchor phrases are read word by word,
    so a long source costs one regular-expression pass per phrase (over `lowered(text)` when
    given: a case-sensitive pass is several times faster).

    quoted: the source's stretches inside quote marks (`quoted_stretches(text)`, read when not
    given): what is quoted is read from the source's own marks, never from the quotation
    detector. speaker_of: who the detector says speaks the quoted stretch at [start, end), if
    anyone (without it, every stretch has a speaker, and the same one). A match that starts in
    a stretch and ends outside it, or the other way round, or that holds a spoken one of
    MIN_WORDS words or more while the draft marks no quotation inside its own (p.nested), keeps
    only the quoted words as the source: the draft's words matching narration count as added.
    A match wholly in one stretch, or in narration holding none of those (prose, a book's scare
    quote or title), or whose draft puts a quote mark at every stretch edge it crosses (it
    quotes the writer's sentence), is unaffected. When the draft is not found, or found with
    words added, it is read again over windows _INTERRUPTION_MOST words wider (one speaker's
    quotation broken by narration), kept only where that changes fewer words."""
    if not p.words:
        return None
    if quoted is None:
        quoted = quoted_stretches(text)
    best = _search(p, text, lower, quoted, speaker_of, 0)
    if quoted and (best is None or any(not c.source for c in best.changes)):
        # Not found, or words added: perhaps one speaker's quotation broken by a long stretch
        # of narration. Read again over a wider window, kept only where it changes fewer words
        # (a far word matched by chance drops the words between it and the rest).
        wide = _search(p, text, lower, quoted, speaker_of, _INTERRUPTION_MOST)
        if wide is not None and (best is None or _changed_words(wide) < _changed_words(best)):
            best = wide
    return best


def _search(
    p: Pattern,
    text: str,
    lower: str | None,
    quoted: Sequence[tuple[int, int]],
    speaker_of: Callable[[int, int], str | None] | None,
    extra: int,
) -> Alignment | None:
    """`best_alignment` over windows of extra more words on each side than the draft needs."""
    best: Alignment | None = None
    tried: set[int] = set()  # where each alignment started: the same place is aligned once
    for index, phrase in anchor_phrases(p):
        for hit in _phrase_regex(phrase, lower is None).finditer(lower or text):
            if hit.start() and (lower or text)[hit.start() - 1].isalnum():
                continue  # inside a longer word
            window = _window(p, text, hit.start(), index, extra)
            if window is None:
                continue
            words, at = window
            origin = at - index
            # The window is whole (see _window), so an alignment depends only on its origin.
            key = words[origin][0] if origin >= 0 else origin  # before the text's first word
            if key in tried:
                continue
            tried.add(key)
            found = _align(
                p, text, words, [w for _, _, w in words], origin, quoted, speaker_of, extra
            )
            if found is not None and (
                best is None
                or (found.matched, -len(found.changes)) > (best.matched, -len(best.changes))
            ):
                best = found
    return best


def _changed_words(found: Alignment) -> int:
    """How many words an alignment's changes hold, the source's and the draft's."""
    return sum(len(tokens(c.source)) + len(tokens(c.draft)) for c in found.changes)


def _window(
    p: Pattern, text: str, hit: int, index: int, extra: int = 0
) -> tuple[list[tuple[int, int, str]], int] | None:
    """The source's words around a phrase found at offset hit (the draft's word index), and
    the place of the phrase's first word among them: every word an alignment starting
    index words before it may read (`_align`'s slack on each side), up to the text's edges. The
    characters read grow until the words are there, however long the words or the marks and
    spaces between them; a window cut short would align the same place differently for each
    phrase that finds it."""
    slack = _slack(p) + extra
    before = index + slack  # words needed before the phrase's first word
    after = len(p.words) - index + slack  # from it on
    reach = (len(p.words) + 2 * slack) * 16  # characters: enough for most texts at once
    while True:
        low, high = max(0, hit - reach), min(len(text), hit + reach)
        while low and (text[low - 1].isalnum() or text[low - 1] in "'’_"):
            low -= 1  # never start inside a word
        words = [(a + low, b + low, w) for a, b, w in tokens(text[low:high])]
        at = next((i for i, (a, _, _) in enumerate(words) if a >= hit), None)
        if at is None:
            return None  # the phrase ends a longer word ("Brien" in "O'Brien")
        # A word cut at the high end is one more than needed: the needed ones are whole.
        if (at >= before or low == 0) and (len(words) - at > after or high == len(text)):
            return words, at
        reach *= 2


def _phrase_regex(phrase: tuple[str, ...], any_case: bool) -> re.Pattern[str]:
    """Where a phrase of folded words stands in a text, whatever the punctuation between them
    (and the case, when any_case)."""
    parts = [re.escape(w).replace("'", "['’]") for w in phrase]
    body = r"[\W_]+".join(parts) + r"(?![^\W_])"
    return re.compile(body, re.IGNORECASE) if any_case else re.compile(body)


def _slack(p: Pattern) -> int:
    return max(8, len(p.words) // 2) + 40 * len(p.loose)


def _align(
    p: Pattern,
    text: str,
    words: Sequence[tuple[int, int, str]],
    folded: Sequence[str],
    origin: int,
    quoted: Sequence[tuple[int, int]],
    speaker_of: Callable[[int, int], str | None] | None,
    extra: int = 0,
) -> Alignment | None:
    """The draft's words aligned with a window of the source around where they should start
    (held to the source's quotation when it crosses one's edge: see `best_alignment`)."""
    slack = _slack(p) + extra
    low = max(0, origin - slack)
    high = min(len(folded), origin + len(p.words) + slack)
    window = list(folded[low:high])
    codes: list[Opcode] = list(
        SequenceMatcher(None, list(p.words), window, autojunk=False).get_opcodes()
    )
    if p.loose:
        codes = _onto_gaps(codes, p.loose, window)
    if p.respelt:
        codes = _inflected(codes, p, window)
    near = _near(text, words[low][0], words[high - 1][1]) if p.brackets else ""
    weighing = [
        i
        for i, bracket in p.brackets
        if _weighs(bracket, opens=i in p.opening)
        or _characterises(bracket, "", near, i > 0 and p.words[i - 1] in _CLEAR)
    ]
    if weighing:  # read even where the bracket replaces no words of the source
        codes = _at_brackets(codes, weighing)
    blocks = [Match(i1, j1, i2 - i1) for tag, i1, i2, j1, _ in codes if tag == "equal"]
    matched = sum(b.size for b in blocks)
    if matched < max(min(_ANCHOR, len(p.words)), _FOUND * len(p.words)):
        return None
    # The source span runs from the first to the last source word matched, and on over as many
    # words as the draft has unmatched at that end (a changed first or last word), within the
    # source's sentence: "[-100-]{+1,000+}", not a bare "{+1,000+}" hiding the source's word.
    first = low + blocks[0].b
    last = low + blocks[-1].b + blocks[-1].size - 1
    opens = _quotation_of(quoted, words[first])
    closes = _quotation_of(quoted, words[last])
    spoken = None  # whether a source word is the speaker's, when the match crosses an edge
    if (opens != closes and not _marks_edges(p, quoted, words, blocks, low, first, last)) or (
        opens is None
        and not p.nested
        and _holds_spoken(quoted, speaker_of, text, words, first, last)
    ):
        spoken = [_quotation_of(quoted, word) is not None for word in words]
    for _ in range(blocks[0].a):
        if first <= low or not _joined(text, words[first - 1][1], words[first][0]):
            break
        first -= 1
    for _ in range(len(p.words) - blocks[-1].a - blocks[-1].size):
        if last + 1 >= high or not _joined(text, words[last][1], words[last + 1][0]):
            break
        last += 1
    bracketed = dict(p.brackets)
    # A bracket at an edge of the quotation stands for source words next to it, if any.
    if 0 in bracketed and blocks[0].a == 0:
        stretch = quoted[opens] if opens is not None else None
        first = _reach(text, words, stretch, (low, high), first, -1, bracketed[0], 0 in p.opening)
    tail = len(p.words)
    if tail in bracketed and blocks[-1].a + blocks[-1].size == tail:
        stretch = quoted[closes] if closes is not None else None
        last = _reach(text, words, stretch, (low, high), last, 1, bracketed[tail])
    if spoken is not None:
        first = next(k for k in range(first, last + 1) if spoken[k])
        last = next(k for k in range(last, first - 1, -1) if spoken[k])
    changes: list[Change] = []
    parts: list[str] = []
    for tag, i1, i2, j1, j2 in codes:
        s1, s2 = max(low + j1, first), min(low + j2, last + 1)
        if spoken is not None and s2 > s1 and tag != "equal":
            # Of the source's words the draft leaves out, only the speaker's count: a quotation
            # the source breaks with "he said" is one quotation without it (in one paragraph;
            # words of another are not one quotation with these).
            said = [k for k in range(s1, s2) if spoken[k]]
            if said:
                s1, s2 = said[0], said[-1] + 1
            elif _tag(text, words, spoken, quoted, speaker_of, s1, s2):
                s2 = s1
        source = text[words[s1][0] : words[s2 - 1][1]] if s2 > s1 else ""
        if tag == "equal" and spoken is not None:
            # Split into the speaker's words and the narration's, which the draft adds.
            at = j1
            while at < j2:
                inside = first <= low + at <= last and spoken[low + at]
                end = at + 1
                while end < j2 and (first <= low + end <= last and spoken[low + end]) == inside:
                    end += 1
                if inside:
                    parts.append(text[words[low + at][0] : words[low + end - 1][1]])
                else:
                    _change(changes, parts, "", p.written(i1 + at - j1, i1 + end - j1))
                at = end
            continue
        if tag == "equal":
            parts.append(source)
            continue
        if (
            tag == "insert"
            and i1 in bracketed
            and (
                not _clarifies(source, bracketed[i1], i1 in p.opening)
                or _characterises(bracketed[i1], source, near, i1 > 0 and p.words[i1 - 1] in _CLEAR)
            )
        ):
            _change(changes, parts, source, bracketed[i1])  # a bracket replacing words, or "[not]"
            continue
        if i1 == i2 and not source:
            continue  # source words outside the span
        if tag == "insert" and i1 in p.loose and i1 not in bracketed and _negates(source):
            _change(changes, parts, source, "…")  # an elision leaving out a "not" reverses it
            continue
        if tag == "insert" and i1 in p.loose:
            parts.append(f"[…{source}…]" if source else "")
            continue  # left out at an elision or replaced by a bracketed insertion
        _change(changes, parts, source, p.written(i1, i2))
    diff = " ".join(part for part in parts if part)
    return Alignment(words[first][0], words[last][1], matched, tuple(changes), diff)


def _clarifies(source: str, bracket: str, opens: bool = False) -> bool:
    """Whether a bracket standing for the source's words changes nothing said: it adds words
    that say who or what is meant ("[in 2019]"), never how many, how much, how often or how
    sure ("[nine]", "[only]"); or it stands for the same words (or spelled another way:
    "[center]" for "centre"), a reference it makes clear (`_refers`: "[Boston]" for "It", "[the
    two leaders]" for "they") or a name it gives in full ("[Mayor Thomas M. Menino]" for
    "Menino"); never when it adds a negation. opens: the bracket opens a sentence of the draft
    (`Pattern.opening`)."""
    replaced, put = _words_of(source), _bracketed(bracket)
    if _turns(put, _NEGATIONS) and not _turns(replaced, _NEGATIONS):
        return False
    same = len(replaced) == len(put) and all(map(_same_word, replaced, put))
    refers = _refers(source, put)
    # A capitalised first word opening a sentence that the bracket adds ("[Happily,] we" or
    # "[Happily, we]" for "we") is read as in lower case; one standing for the source's words
    # ("[Donnelly]" for "He") is a name.
    added = opens and (put[1:] == replaced or _SET_OFF.match(_shown(bracket)) is not None)
    if _weighs(bracket, refers, added) and not same:  # "[twice]" for "this", "[Nine Hundred]"
        return False
    return not replaced or same or refers or _names_in_full(source, bracket)


def _near(text: str, start: int, end: int) -> str:
    """The article's text around source words at [start, end): where a bracket's words may come
    from (the name or description of who is meant, written before or just after)."""
    return text[max(0, start - _NEAR_BEFORE) : end + _NEAR_AFTER]


def _characterises(bracket: str, source: str, near: str, after_pronoun: bool = False) -> bool:
    """Whether a bracket adds words the article does not give: a word in lower case that is no
    determiner, pronoun, link or number and that neither the words it stands for nor the
    article's text near the quotation holds ("[the corrupt leaders]" for "they", "[cynical]").
    A name (capitalised) is not read here, and the last word of a bracket that stands for
    words or follows a pronoun (after_pronoun: "it [the programme]") is the head of a
    description that says who is meant ("[the two leaders]" for "they"), whatever the article
    calls them."""
    written = [m.group() for m in _WORD.finditer(_shown(bracket))]
    if not written:
        return False
    replaced = _words_of(source)
    given = set(_words_of(near)) | set(replaced)
    describes = bool(replaced) or after_pronoun
    for k, raw in enumerate(written):
        word = raw.casefold().replace("’", "'")
        if (
            not raw.islower()
            or word in _PLAIN_WORDS
            or word[:1].isdigit()  # a number: `_weighs` reads it ("[4th Precinct]" names)
            or (describes and k == len(written) - 1)  # the head of a description: who
            or any(_same_word(word, other) for other in given)
        ):
            continue
        return True
    return False


def _refers(source: str, put: Sequence[str]) -> bool:
    """Whether the source's words, which a bracket of the folded words put stands for, only
    point at someone or something the bracket makes clear: one pronoun ("they" for "[the two
    leaders]"; two or more may hold a clause's subject, "them that it"), or a description
    opened by "the" or a pronoun whose head the bracket keeps with the words before it ("the
    program" for "[the Secure Communities program]"; not "The plan" for "[The scheme]", nor
    "the Menino plan", a name, for "[the Flynn plan]", nor "the new tax" for "[the old tax]")."""
    written = [m.group() for m in _WORD.finditer(source)]
    replaced = [w.casefold().replace("’", "'") for w in written]
    if not replaced or len(replaced) > _BRACKET_MOST:
        return False
    if len(replaced) == 1 and replaced[0] in _CLEAR:
        return True
    return (
        replaced[0] in _CLEAR | _DEFINITE
        and all(w.islower() for w in written[1:])
        and bool(put)
        and _same_word(put[-1], replaced[-1])
        and _kept(replaced[1:], put)
    )


def _kept(replaced: Sequence[str], put: Sequence[str]) -> bool:
    """Whether each folded word of replaced stands among put's, in the same order."""
    rest = iter(put)
    return all(any(_same_word(word, other) for other in rest) for word in replaced)


def _names_in_full(source: str, bracket: str) -> bool:
    """Whether a bracket gives a name of the source's in full: capitalised words holding every
    word of the source's, which are capitalised too ("[Mayor Thomas M. Menino]" for "Menino";
    not "[Flynn and Menino]" nor "[Menino, Flynn]", nor "[Menino]" for "the mayor", nor an
    organisation's arm, "[Gates Foundation]" for "Gates", another speaker in the index)."""
    from annotations.quotations.names import another_organisation, name_key

    written = [m.group() for m in _WORD.finditer(source)]
    shown = _shown(bracket)
    put = [m.group() for m in _WORD.finditer(shown)]
    return (
        not any(c in ",&/;+" for c in shown)  # one name, not a list ("[Menino, Flynn]")
        and not another_organisation(name_key(source), name_key(shown))  # "[Gates Foundation]"
        and all(w[:1].isupper() for w in written + put)
        and set(_words_of(source)) <= set(_words_of(shown))  # folded: "Menino’s", "Menino's"
        and len(put) - len(written) <= 3
    )


def _weighs(bracket: str, describes: bool = False, opens: bool = False) -> bool:
    """Whether a draft's bracket says whether, how many, how much, how often or how sure: a
    negation ("[not]"), a count ("[nine]", "[40%]"; not a year, "[in 2019]", nor a number in a
    name, "[Ward 7]", "[COVID-19]", "[One World Trade Center]"), a quantity or a limit ("[all]",
    "[only]"), a frequency ("[always]"), a modal ("[must]", "[may]" in lower case) or a manner
    ("[happily]": a word in lower case in -ly; when opens, the bracket opening a sentence, its
    first word in any case, "[Happily]"). describes: the bracket stands for a reference
    (`_refers`), so a count between "the" and a noun says who ("[the two leaders]" for "they";
    "[the two]" for "these" in "these officers" still counts)."""
    shown = _shown(bracket)
    written = [m.group() for m in _WORD.finditer(shown)]
    put = [w.casefold() for w in written]

    def named(k: int) -> bool:  # a number word opening a name, or in a description of who
        after = written[k + 1] if k + 1 < len(written) else ""
        return (
            written[k][:1].isupper() and after[:1].isupper() and put[k + 1] not in _NUMBERS
        ) or (describes and 0 < k < len(put) - 1 and put[k - 1] in _DEFINITE)

    return (
        _turns(_words_of(shown), _NEGATIONS)  # folded: "didn’t" as "didn't"
        or any(_counts(number, describes) for number in _COUNT.finditer(shown))
        or any(
            (w in _WEIGHTS and not (w in _NUMBERS and named(k)))
            or (raw.islower() and w in _LOWER_MODALS)
            or (
                (raw.islower() or (opens and k == 0 and not is_given_name(raw)))  # "[Sally]"
                and len(w) >= 5  # "[sadly]", "[Badly]"; "only" is a weight
                and w.endswith("ly")
                and w not in _LY_NOUNS
            )
            for k, (raw, w) in enumerate(zip(written, put, strict=True))
        )
    )


def _words_of(text: str) -> list[str]:
    """The folded words of text."""
    return [w for _, _, w in tokens(text)]


def _bracketed(bracket: str) -> list[str]:
    """The folded words of a draft's bracket as a reader sees them (`_shown`)."""
    return _words_of(_shown(bracket))


def _counts(number: re.Match[str], describes: bool = False) -> bool:
    """Whether a number in a bracket says how many: not a year ("[in 2019]"), nor a number a
    capitalised word names ("[Ward 7]", "[May 5, 2019]"), unless that word says about how many
    ("About", "Over", "Exactly": `_ABOUT`); nor, when the bracket describes who a reference
    means, one after "the" ("[the 12 jurors]" for "they")."""
    if _YEAR.fullmatch(number.group().rstrip(",.")):
        return False
    before = _NAMED_NUMBER.search(number.string, 0, number.start())
    if (
        describes
        and before is not None
        and before.group(1).casefold() in _DEFINITE
        and _WORD.search(number.string, number.end()) is not None  # a noun follows: who
    ):
        return False
    return (
        before is None
        or not before.group(1)[:1].isupper()
        or (before.group(1).casefold() in _ABOUT | _WEIGHTS)
    )


def _shown(bracket: str) -> str:
    """A draft's bracket as a reader sees it: compatibility forms folded ("ｎｏｔ"), invisible and
    control characters taken out ("n\u200bot"), so none hides a negation."""
    shown = "".join(c for c in bracket if unicodedata.category(c) not in ("Cc", "Cf"))
    return unicodedata.normalize("NFKC", shown)


def _same_word(a: str, b: str) -> bool:
    """Whether two folded words are one word, spelled alike or the two ways of `_SPELLINGS`."""
    return a == b or _american(a) == _american(b)


@lru_cache(maxsize=4096)
def _american(word: str) -> str:
    """A folded word with its British spellings written the American way (`_SPELLINGS`)."""
    for rule, american in _SPELLINGS:
        word = rule.sub(american, word)
    return word


def _respells(before: str, after: str, word: str, source: str) -> bool:
    """Whether a draft word with a bracket within ("organi[z]ation") is the source's word spelled
    another way, its letters outside the brackets the source's own."""
    return (
        len(before) + len(after) <= len(source)
        and source.startswith(before)
        and source.endswith(after)
        and _same_word(word, source)
    )


def _at_brackets(codes: Sequence[Opcode], positions: Iterable[int]) -> list[Opcode]:
    """The opcodes with an insertion of no source words at each draft position (a bracket before
    words[i]) where none stands, so a bracket that replaces nothing is read all the same."""
    out = list(codes)
    for i in positions:
        if not out or any(tag == "insert" and i1 == i for tag, i1, _, _, _ in out):
            continue
        if i == out[-1][2]:  # after the last word
            out.append(("insert", i, i, out[-1][4], out[-1][4]))
            continue
        for n, (tag, i1, i2, j1, j2) in enumerate(out):
            if i == i1 and i2 > i1:
                out.insert(n, ("insert", i, i, j1, j1))
                break
            if tag == "equal" and i1 < i < i2:
                j = j1 + i - i1
                out[n : n + 1] = [(tag, i1, i, j1, j), ("insert", i, i, j, j), (tag, i, i2, j, j2)]
                break
    return out


def _reach(
    text: str,
    words: Sequence[tuple[int, int, str]],
    stretch: tuple[int, int] | None,
    bounds: tuple[int, int],
    at: int,
    step: int,
    bracket: str,
    opens: bool = False,
) -> int:
    """The farthest source word a bracket at an edge of the draft's quotation stands for, going
    from words[at] by step (-1: the bracket opens the quotation) within its quoted stretch (its
    sentence, in prose): none at the stretch's edge (it adds words), the pronoun or the same
    words next to it ("[the program]" for "but this"), else every word up to the stretch's edge
    ("[Boston]" for "Secure Communities", "[The scheme]" for "The plan, officials said,").
    opens: the bracket opens a sentence of the draft."""
    run: list[int] = []
    k = at + step
    while bounds[0] <= k < bounds[1]:
        a, b = sorted((k, k - step))
        if stretch is None and not _joined(text, words[a][1], words[b][0]):
            break
        if stretch is not None and not (stretch[0] <= words[k][0] and words[k][1] <= stretch[1]):
            break
        run.append(k)
        k += step
    if not run:
        return at
    for n in range(1, _BRACKET_MOST + 1):
        near = sorted(run[:n])
        written = text[words[near[0]][0] : words[near[-1]][1]]
        if len(near) == n and _clarifies(written, bracket, opens):
            return run[n - 1]
    return run[-1]


def _turns(folded: Iterable[str], turns: frozenset[str] = _TURNS) -> bool:
    """Whether any of the words turns what is said (one of turns, or a word in n't)."""
    return any(w in turns or w.endswith("n't") for w in folded)


def _negates(source: str) -> bool:
    """Whether words an elision leaves out within one sentence hold a negation ("We will …
    sign" for "We will never sign"): the draft then says the opposite of the source."""
    return not re.search(r"[.!?;]", source) and _turns(_words_of(source), _NEGATIONS)


def _tag(
    text: str,
    words: Sequence[tuple[int, int, str]],
    spoken: Sequence[bool],
    quoted: Sequence[tuple[int, int]],
    speaker_of: Callable[[int, int], str | None] | None,
    s1: int,
    s2: int,
) -> bool:
    """Whether the narration words[s1:s2], which a draft leaves out between two quoted
    stretches, is only their speaker's tag ("Bassi said"): in one paragraph, words that do not
    turn what is quoted ("but not"), between the words of one speaker. Without a speaker for
    each side, a tag is a few words; with the same speaker on both, an interruption of up to
    _INTERRUPTION_MOST words ("she said after the hearing, which ran late …,"), whose turn is
    read in its tag, before its first comma, and in what leads into the next quotation, after
    its last (an aside between, "which was not open to the press", turns nothing quoted)."""
    most = _TAG_MOST if speaker_of is None else _INTERRUPTION_MOST
    end = words[s2][0] if s2 < len(words) else len(text)
    if s2 - s1 > most or "\n" in text[words[max(s1 - 1, 0)][1] : end]:
        return False
    read: Sequence[int] = range(s1, s2)
    if s2 - s1 > _TAG_MOST:  # the tag before its first comma, the lead-in after its last
        marks = [m.start() for m in _CLAUSE_MARK.finditer(text, words[s1][0], end)] or [end]
        read = [k for k in read if words[k][1] <= marks[0] or words[k][0] > marks[-1]]
    if _turns(words[k][2] for k in read):
        return False
    before = next((k for k in range(s1 - 1, -1, -1) if spoken[k]), None)
    after = next((k for k in range(s2, len(words)) if spoken[k]), None)
    if speaker_of is None or before is None or after is None:
        return speaker_of is None
    said = [
        speaker_of(*quoted[q])
        for q in (_quotation_of(quoted, words[before]), _quotation_of(quoted, words[after]))
        if q is not None
    ]
    if len(said) != 2 or None in said or not same_speaker(said[0] or "", said[1] or ""):
        return False
    # A long interruption that names someone else ("Her lawyer, Tom Baker, was more cautious:")
    # may hand the second part to them, whatever the detector read: not joined, so it shows.
    return s2 - s1 <= _TAG_MOST or not _names_another(text[words[s1][0] : end], said[0] or "")


def _names_another(narration: str, speaker: str) -> bool:
    """Whether narration holds a full name (two capitalised words or more) whose surname is not
    the speaker's ("Maria Baker" names another than Maria Lopez)."""
    from annotations.quotations.names import name_key

    own = name_key(speaker)[-1:]
    return any(name_key(found.group())[-1:] != own for found in _FULL_NAME.finditer(narration))


Opcode = tuple[str, int, int, int, int]  # SequenceMatcher's: tag, draft i1:i2, source j1:j2


def _onto_gaps(
    codes: Sequence[Opcode], loose: frozenset[int], source: Sequence[str]
) -> list[Opcode]:
    """The opcodes with source words the draft leaves out moved onto its elision or bracketed
    insertion next to them, where the words in between read the same either way:
    "terrorism … it's in the tens" leaves out "it's less than 100 … by gun violence," before the
    second "it's", not "less than 100 … by gun violence, it's" after the first."""
    out: list[Opcode] = list(codes)
    n = -1
    while n + 1 < len(out):  # out grows as words move
        n += 1
        tag, i1, _, j1, j2 = out[n]
        if tag != "insert" or i1 in loose:
            continue
        if n and out[n - 1][0] == "equal":
            _, a1, a2, b1, b2 = out[n - 1]
            m = _slide(loose, source, i1, j1, j2, -(a2 - a1))
            if m:
                out[n - 1] = ("equal", a1, a2 - m, b1, b2 - m)
                out[n] = ("insert", i1 - m, i1 - m, j1 - m, j2 - m)
                if n + 1 < len(out) and out[n + 1][0] == "equal":  # the words moved join it
                    _, c1, c2, d1, d2 = out[n + 1]
                    out[n + 1] = ("equal", c1 - m, c2, d1 - m, d2)
                else:
                    out.insert(n + 1, ("equal", i1 - m, i1, j2 - m, j2))
                continue
        if n + 1 < len(out) and out[n + 1][0] == "equal":
            _, c1, c2, d1, d2 = out[n + 1]
            m = _slide(loose, source, i1, j1, j2, c2 - c1)
            if m:
                out[n + 1] = ("equal", c1 + m, c2, d1 + m, d2)
                out[n] = ("insert", i1 + m, i1 + m, j1 + m, j2 + m)
                if n and out[n - 1][0] == "equal":
                    _, a1, a2, b1, b2 = out[n - 1]
                    out[n - 1] = ("equal", a1, a2 + m, b1, b2 + m)
                else:
                    out.insert(n, ("equal", i1, i1 + m, j1, j1 + m))
    return [c for c in out if c[0] != "equal" or c[2] > c[1]]


def _inflected(codes: Sequence[Opcode], p: Pattern, source: Sequence[str]) -> list[Opcode]:
    """The opcodes with each draft word whose bracket changes only its ending ("fail[s]") made
    equal to the source word it stands for: paired word for word in a replacement (from its end
    when it opens the match and the source has more words, from its start otherwise)."""
    endings = {i: (stem, ending) for i, stem, ending in p.endings}
    respelt = {i: (before, after) for i, before, after in p.respelt}
    out: list[Opcode] = []
    for n, (tag, i1, i2, j1, j2) in enumerate(codes):
        extra = (j2 - j1) - (i2 - i1)
        if tag != "replace" or extra < 0 or (extra and 0 < n < len(codes) - 1):
            out.append((tag, i1, i2, j1, j2))
            continue
        skip = extra if n == 0 else 0  # source words before the draft's first
        pieces: list[Opcode] = [("insert", i1, i1, j1, j1 + skip)]
        for i in range(i1, i2):
            j = j1 + skip + i - i1
            fits = (i in endings and _inflects(*endings[i], source[j])) or (
                i in respelt and _respells(*respelt[i], p.words[i], source[j])
            )
            pieces.append(("equal" if fits else "replace", i, i + 1, j, j + 1))
        pieces.append(("insert", i2, i2, j1 + skip + i2 - i1, j2))
        if not any(piece[0] == "equal" for piece in pieces):
            out.append((tag, i1, i2, j1, j2))
            continue
        for piece in pieces:
            last = out[-1] if out else None
            if piece[3] == piece[4] and piece[1] == piece[2]:
                continue
            if last is not None and last[0] == piece[0] and last[2] == piece[1]:
                out[-1] = (last[0], last[1], piece[2], last[3], piece[4])
            else:
                out.append(piece)
    merged: list[Opcode] = []
    for code in out:  # an equal word joins the equal words beside it
        if merged and merged[-1][0] == code[0] == "equal":
            merged[-1] = ("equal", merged[-1][1], code[2], merged[-1][3], code[4])
        else:
            merged.append(code)
    return merged


def _slide(
    loose: frozenset[int], source: Sequence[str], i1: int, j1: int, j2: int, most: int
) -> int:
    """How many words source[j1:j2], left out before draft word i1, can move (left when most is
    negative, right when positive, at most abs(most)) to stand at a gap of the draft; 0: none."""
    step = -1 if most < 0 else 1
    for m in range(1, abs(most) + 1):
        a, b = (j1 - m, j2 - m) if step < 0 else (j1 + m - 1, j2 + m - 1)
        if source[a] != source[b]:
            return 0
        if i1 + step * m in loose:
            return m
    return 0


def _change(changes: list[Change], parts: list[str], source: str, added: str) -> None:
    """Record a change and its diff part; words added right after words added are one change
    (`{+and said that+}`, not `{+and+} {+said that+}`)."""
    if (
        not source
        and changes
        and not changes[-1].source
        and parts[-1] == f"{{+{changes[-1].draft}+}}"
    ):
        added = f"{changes.pop().draft} {added}"
        parts.pop()
    changes.append(Change(source, added))
    parts.append((f"[-{source}-]" if source else "") + (f"{{+{added}+}}" if added else ""))


def _marks_edges(
    p: Pattern,
    quoted: Sequence[tuple[int, int]],
    words: Sequence[tuple[int, int, str]],
    blocks: Sequence[tuple[int, int, int]],
    low: int,
    first: int,
    last: int,
) -> bool:
    """Whether the draft puts a quote mark of its own at every edge of a source quotation its
    match crosses ("‘Make the city work again’ appeared on every shelter"): it quotes the
    writer's sentence with the quotation marked inside it, not the quotation run on."""
    for k in range(first + 1, last + 1):
        if _quotation_of(quoted, words[k]) == _quotation_of(quoted, words[k - 1]):
            continue
        draft = next((a + k - low - b for a, b, size in blocks if b <= k - low < b + size), None)
        if draft is None or draft not in p.marks:
            return False
    return True


def _holds_spoken(
    quoted: Sequence[tuple[int, int]],
    speaker_of: Callable[[int, int], str | None] | None,
    text: str,
    words: Sequence[tuple[int, int, str]],
    first: int,
    last: int,
) -> bool:
    """Whether a quotation with a speaker, of MIN_WORDS words or more, stands between two words
    of the source (a shorter one, "called it “a disaster”", is woven into the writer's prose)."""
    at = bisect_right(quoted, words[first][0], key=lambda q: q[0])
    return any(
        len(tokens(text[start:end])) >= MIN_WORDS
        and (speaker_of is None or speaker_of(start, end) is not None)
        for start, end in takewhile(lambda q: q[1] <= words[last][1], quoted[at:])
    )


def _quotation_of(quoted: Sequence[tuple[int, int]], word: tuple[int, int, str]) -> int | None:
    """The index of the quoted stretch (offsets, in order, not overlapping) holding a word."""
    at = bisect_right(quoted, word[0], key=lambda q: q[0]) - 1
    if at >= 0 and quoted[at][0] <= word[0] and word[1] <= quoted[at][1]:
        return at
    return None


def _joined(text: str, end: int, start: int) -> bool:
    """Whether two neighbouring words stand in one stretch of quoted words: nothing between
    them ends a sentence, a quotation or a paragraph."""
    return _STRETCH_END.search(text, end, start) is None


def in_narration(
    text: str,
    quoted: Sequence[tuple[int, int]],
    blocks: Sequence[Block],
    start: int,
    end: int,
) -> bool:
    """Whether the source's words at [start, end) are its own prose: in no quoted stretch (but
    for a few words `woven` into them), no block quote and no paragraph a speaker's label opens
    ("A:", "Okafor:", an interview's answer: `_labelled`), in a text that quotes someone (one
    that quotes no one, a speech or a statement, speaks in one voice the text may not name)."""
    if not quoted:
        return False
    first = bisect_right(quoted, start, key=lambda q: q[0])
    near = quoted[max(first - 1, 0) : bisect_right(quoted, end, key=lambda q: q[0])]
    return not any(
        a < end and start < b and not woven(text, start, end, a, b) for a, b in near
    ) and not any(
        b.start < end and start < b.end and (b.kind == "blockquote" or _labelled(text, b))
        for b in blocks
    )


def woven(text: str, start: int, end: int, q_start: int, q_end: int) -> bool:
    """Whether the quotation at [q_start, q_end), under MIN_WORDS words, is woven into the
    writer's sentence at [start, end) ("should have a “partition” that separates …"): a draft
    quoting that sentence quotes the writer, who quotes one word of the speaker's."""
    return start <= q_start and q_end <= end and len(tokens(text[q_start:q_end])) < MIN_WORDS


def _labelled(text: str, block: Block) -> bool:
    """Whether a speaker's label opens the block, the answer on its line: "Q:", "A:", or a name
    the text gives elsewhere after another capitalised word ("Okafor:" beside "Tom Okafor",
    "MR. OKAFOR:" beside "Mr. Okafor"), as the speaker rules take a label. Not a line "Note:"
    over the writer's own paragraph, nor "Update: …", which are the writer's."""
    from annotations.quotations.speakers import NAME_LABEL  # "Q:", "Okafor:": the speaker's

    label = NAME_LABEL.match(text, block.start, block.end)
    if label is None or text[label.end() - 1] not in " \t":
        return False
    word = label.group(1).split()[-1].rstrip(".")
    if len(word) == 1:
        return True  # an interview's "Q:" and "A:"
    named = re.compile(rf"(?<![\w’'])[A-Z][\w’'.-]*\s+(?i:{re.escape(word)})(?![\w’'])")
    return any(not label.start() <= m.start() < label.end() for m in named.finditer(text))


# What a draft calls a work it quotes beyond the news writings the detector knows
# (`describes_document`), in lower case: "the specification warns that “…”" quotes its prose.
_WORKS = frozenset(["specification", "spec", "standard", "document", "manual", "guide", "handbook"])


def own_words(speaker: str, writers: Iterable[str | None]) -> bool:
    """Whether a draft's speaker may say an article's own prose: one of its writers (authors,
    publisher), or a description of a document ("the report"). Anyone else, a person or a body
    the article reports on ("the mayor", "ICE"), did not say the reporter's words."""
    from annotations.quotations.names import name_key
    from annotations.quotations.speakers import describes_document

    named = [writer for writer in writers if writer]
    last = speaker.rsplit(None, 1)[-1:]  # as written: "The Standard" is a newspaper
    work = describes_document(speaker) or any(word in _WORKS for word in last)
    if speaker[:1].islower():
        return work
    if speaker.startswith(("The ", "A ", "An ")):  # a description, or a name ("The Guardian")
        key = set(name_key(speaker)) - _ARTICLES
        keys = (set(name_key(writer)) - _ARTICLES for writer in named)
        return work or any(key and other and (key <= other or other <= key) for other in keys)
    return any(same_speaker(speaker, writer) for writer in named)


def same_speaker(draft: str, source: str, role: str | None = None) -> bool:
    """Whether the draft's speaker can be the source's (whose role, when the source gives one,
    is role): not when their words show two sexes ("Mr. Clinton", "Hillary Clinton"); a
    description, which names no one ("The commissioner put it plainly"), unless the source gives
    its speaker another role ("The mayor" for a police commissioner); one name's words within the
    other's ("Menino", "ICE"), unless one is another organisation ("Reuters Television" is not
    "Reuters"); or the same person by the speaker index's rules."""
    from annotations.quotations.names import another_organisation, merge_names, name_key
    from annotations.quotations.speakers import (
        ROLE_WORDS,
        describes_person,
        is_organisation,
        speaker_gender,
    )

    sexes = {speaker_gender(draft), speaker_gender(source)} - {None}
    if len(sexes) > 1:
        return False
    described = draft[:1].islower() or draft.startswith(("The ", "A ", "An "))
    if described and describes_person(draft[:1].lower() + draft[1:]):
        word = draft.rsplit(maxsplit=1)[-1]
        return role is None or word.casefold() not in ROLE_WORDS or _role_fits(word, role)
    if described and is_organisation(draft):
        return is_organisation(source)  # "The agency" for ICE: a description names no one
    if another_organisation(name_key(draft), name_key(source)):
        return False  # "Reuters" did not say what Reuters Television did
    a, b = set(name_key(draft)), set(name_key(source))
    if a and b and (a <= b or b <= a):
        return True
    merged = merge_names(Counter([draft, source]))
    return merged[draft].name == merged[source].name


def _role_fits(word: str, role: str) -> bool:
    """Whether a description's role word is one of the role's words, written in full or cut
    short ("governor", "Gov."), or of the same stem ("spokesman", "spokeswoman")."""
    word = word.casefold()
    for part in role.casefold().replace(",", " ").split():
        part = part.strip(".’'")
        common = next((i for i, (a, b) in enumerate(zip(word, part, strict=False)) if a != b), None)
        common = min(len(word), len(part)) if common is None else common
        if common >= min(len(word), len(part), 5) >= 3:
            return True
    return False

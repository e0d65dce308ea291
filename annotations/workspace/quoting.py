"""Quote use cases: a highlight (or a passage) as a quote with its citation, copying it, and the
speakers of the library's quotations (who said what, across every article)."""

from __future__ import annotations

import gc
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from annotations.errors import AnnotationError
from annotations.model import Annotation
from library.errors import ArticleNotFound, LibraryError

if TYPE_CHECKING:
    from pathlib import Path

    from annotations.citation import Markup
    from annotations.clipboard import CopyResult
    from annotations.quotations import Quotation
    from annotations.quotations.cache import CachedQuotation
    from annotations.quotations.names import SpeakerName
    from annotations.quotations.verify import Alignment
    from annotations.workspace.core import Workspace
    from library.model import Article, ArticleMeta, LocatorKind


@dataclass(frozen=True, slots=True)
class Quote:
    """A formatted quote, the style it is in, and what its citation lacks (None: nothing)."""

    text: str
    style: str
    missing: str | None  # e.g. "citation lacks author; add it with: margin edit … --author NAME"


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker of the library: the name shown, the names merged into it, and the counts."""

    name: str
    variants: tuple[str, ...]
    quotations: int
    articles: int


@dataclass(frozen=True, slots=True)
class SpokenQuote:
    """One quotation of a speaker, with its article, its date and the stance it was highlighted
    with (None when no highlight covers it)."""

    text: str
    named: str  # the speaker as this article names them
    role: str | None
    start: int
    end: int
    article: ArticleMeta
    date: str  # the article's publication date (YYYY-MM-DD, YYYY-MM, YYYY); "" when undated
    stance: str | None
    highlight: str | None  # the id of the highlight covering it


class UnknownSpeaker(AnnotationError):
    """No speaker of the library has that name; the message lists the nearest."""


class Quotes:
    """Formatting and copying quotes."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def styles(self) -> list[str]:
        """The built-in citation styles and the config's templates."""
        from annotations.citation import style_names

        return style_names(self.workspace.config)

    def format(
        self,
        source: str | Annotation,
        *,
        article: Article | None = None,
        style: str | None = None,
        markup: Markup = "text",
    ) -> Quote:
        """A highlight (by id or prefix, or a passage not stored) as a quote in a style.

        The style defaults to the config's; UnknownStyle lists the choices.
        """
        from annotations.citation import format_quote, missing_message

        annotation = self.workspace.highlights.get(source) if isinstance(source, str) else source
        if article is None or article.id != annotation.article:
            article = self._article(annotation)
        if not _stands_in(annotation, article.text):
            # Stored, and counting in another text than the one given (or than the file's, when
            # none was): the freshest copy, checked against the article's text on disk.
            article = self._article(annotation)
            checked = self.workspace.highlights.of_article(article).annotations
            annotation = next((a for a in checked if a.id == annotation.id), annotation)
        refuse_gone(annotation, article.text)
        chosen = style or self.workspace.config.quote_style
        text = format_quote(
            annotation, article, chosen, config=self.workspace.config, markup=markup
        )
        return Quote(text, chosen, missing_message(article.meta, date=False))

    def _article(self, annotation: Annotation) -> Article:
        try:
            return self.workspace.articles.get(annotation.article)
        except ArticleNotFound:
            raise AnnotationError(
                f"highlight {annotation.id[:8]} belongs to article {annotation.article},"
                " which is not in the library (restore it with `margin restore`)"
            ) from None

    def quotations(self, article: Article) -> list[Quotation]:
        """Every quotation in an article, with its speaker and offsets in the canonical text
        (about 0.4 s per million characters: callers with a long article use a worker)."""
        from annotations.quotations import find_quotations

        return find_quotations(article.text, article.blocks)

    def copy(self, text: str, *, osc52_writer: Callable[[str], None] | None = None) -> CopyResult:
        """Put text on the system clipboard, else send it to the terminal's (OSC 52)."""
        from annotations.clipboard import copy_text

        return copy_text(text, osc52_writer=osc52_writer)

    def _by_article(self) -> tuple[dict[str, ArticleMeta], dict[str, list[CachedQuotation]]]:
        from annotations.quotations.cache import QuotationCache

        library = self.workspace.library
        metas = {m.id: m for m in library.catalog()}
        problems: list[str] = []
        found = QuotationCache(library).quotations(metas, problems, every=True)
        for line in problems:
            self.workspace._notice(line)
        return metas, found

    def speakers(self) -> list[Speaker]:
        """Every speaker of the library's quotations, name variants merged, most quoted first.

        Quotations come from a cache kept per article file (`.index/quotations.json`), so only
        new or changed articles are read.
        """
        _, found = self._by_article()
        result = [speaker for speaker, _ in _speaker_index(found).values()]
        result.sort(key=lambda s: (-s.quotations, -s.articles, s.name.casefold()))
        return result

    def by_speaker(self, name: str) -> tuple[Speaker, list[SpokenQuote]]:
        """What one speaker said across the library, oldest first (undated last), with the
        stance of any highlight covering each quotation. UnknownSpeaker names the nearest
        speakers."""
        from annotations.quotations.names import name_key

        metas, found = self._by_article()
        index = _speaker_index(found)
        chosen, said = index[_choose(name, [s for s, _ in index.values()], name_key)]
        speaker = chosen.name
        quotes: list[SpokenQuote] = []
        spoken = set(said)
        self.workspace.highlights.check(spoken)  # a stance only from a highlight on its words
        for article_id, mine in said.items():
            meta = metas[article_id]
            highlights = [
                a
                for a in self.workspace.store.for_article(article_id)
                if a.stance and not a.orphaned
            ]
            for q in mine:
                cover = next((a for a in highlights if a.start < q.end and q.start < a.end), None)
                quotes.append(
                    SpokenQuote(
                        q.text,
                        q.speaker or speaker,
                        q.role,
                        q.start,
                        q.end,
                        meta,
                        # Never the import date: a book of passages (Kindle, KOReader) has
                        # no date, and its quotations were not said the day it was imported.
                        (meta.published or "")[:10],
                        cover.stance if cover else None,
                        cover.id if cover else None,
                    )
                )
        quotes.sort(key=lambda q: (not q.date, q.date, q.article.id, q.start))  # undated last
        return chosen, quotes

    def verify(self, draft: Path, style: str | None = None) -> Verification:
        """Each quotation of a draft (Markdown, text or .docx) found in the library or not.

        Candidates come from the search index (phrases of the quotation's words), then each is
        aligned word by word; an article is read only when the index names it. What the source
        quotes is read from its quote marks; the quotation detector gives only the speaker.
        """
        from annotations.quotations.verify import (
            MIN_WORDS,
            anchor_phrases,
            best_alignment,
            draft_line,
            draft_quotations,
            in_narration,
            own_words,
            pattern,
            read_draft,
            same_speaker,
            woven,
        )

        text = read_draft(draft)
        sources = _Sources(self.workspace)
        checked: list[CheckedQuote] = []
        skipped: list[str] = []
        aligned_quotes: list[tuple[Quotation, int, tuple[Article, Alignment] | None]] = []
        for found in draft_quotations(text):
            p = pattern(found.text)
            line = draft_line(draft, text, found.start)
            if len(p.words) < MIN_WORDS:
                skipped.append(found.text)
                continue
            best: tuple[Article, Alignment] | None = None
            seen: set[str] = set()
            for _, phrase in anchor_phrases(p):
                if best is not None and best[1].exact and best[1].matched == len(p.words):
                    break  # found word for word: the other phrases would find it again
                for article_id in sources.candidates(phrase):
                    article = None if article_id in seen else sources.article(article_id)
                    seen.add(article_id)
                    aligned = (
                        best_alignment(
                            p,
                            article.text,
                            sources.lower.get(article.id),
                            sources.quoted[article.id],
                            sources.speaker_of(article.id),
                        )
                        if article
                        else None
                    )
                    if (
                        article is not None
                        and aligned is not None
                        and (
                            best is None
                            or (aligned.matched, -len(aligned.changes))
                            > (best[1].matched, -len(best[1].changes))
                        )
                    ):
                        best = (article, aligned)
            aligned_quotes.append((found, line, best))
        speakers = sources.speakers({best[0].id for _, _, best in aligned_quotes if best})
        sources.cache.save()  # once a run, whatever was detected while aligning
        for found, line, best in aligned_quotes:
            if best is None:
                checked.append(CheckedQuote("unsourced", found.text, found.speaker, line))
                continue
            article, aligned = best
            source_quote = _quote_at(speakers.get(article.id, []), aligned.start, aligned.end)
            said = source_quote.speaker if source_quote else None
            status: VerifyStatus = "exact" if aligned.exact else "altered"
            # The draft quotes the article's own prose as someone's words: a paraphrase or a
            # summary, not a quotation, unless that someone wrote the article.
            narration = (
                found.speaker is not None
                and (
                    source_quote is None
                    or woven(
                        article.text,
                        aligned.start,
                        aligned.end,
                        source_quote.start,
                        source_quote.end,
                    )
                )
                and in_narration(
                    article.text,
                    sources.quoted[article.id],
                    article.blocks,
                    aligned.start,
                    aligned.end,
                )
                and not own_words(found.speaker, [*article.meta.authors, article.meta.publisher])
                and not _the_court(found.speaker, article.meta)
            )
            if narration or (
                found.speaker
                and source_quote is not None
                and said
                and not same_speaker(found.speaker, said, source_quote.role)
            ):
                status = "misattributed"
            # Cited as said by the source's speaker (the style's "quoted in"), not as the
            # article's author's own words.
            passage = Annotation.from_span(
                article.id, article.text, aligned.start, aligned.end, speaker=said
            )
            page = article.page_at(aligned.start) if article.pages else None
            cited, wrong_page, unchecked = _pinpoint(
                article, text, found.end, aligned.start, aligned.end
            )
            checked.append(
                CheckedQuote(
                    status,
                    found.text,
                    found.speaker,
                    line,
                    article.meta,
                    aligned.start,
                    aligned.end,
                    article.text[aligned.start : aligned.end],
                    said,
                    _paragraph(article, aligned.start),
                    page.label if page else None,
                    self.format(passage, article=article, style=style).text,
                    aligned.diff if aligned.changes else "",
                    narration,
                    article.locator,
                    cited,
                    wrong_page,
                    unchecked,
                )
            )
        unsourced = all(q.status == "unsourced" for q in checked)
        empty = bool(checked) and unsourced and not self.workspace.library.catalog()
        return Verification(str(draft), checked, skipped, empty)


# A court as a draft names it when quoting its opinion: "the court held", "the panel wrote".
_COURT = re.compile(r"(?:the\s+)?(?:court|panel|majority)", re.IGNORECASE)


def _the_court(speaker: str, meta: ArticleMeta) -> bool:
    """Whether a draft's speaker is the court whose opinion the article is: its own words."""
    from annotations.citation import cited_as_case

    return _COURT.fullmatch(speaker.strip()) is not None and cited_as_case(meta)


_REPEATS = 50  # the times the same words are looked for on the pages a draft cites


def _pinpoint(
    article: Article, draft: str, after: int, start: int, end: int
) -> tuple[str | None, bool, str]:
    """The pages a draft cites beside a quotation ending at after ("pp. 2–3"), whether the
    source's words at [start, end) are elsewhere, and why the cited pages were not checked ("",
    when they were): only labels the source states or prints are checked."""
    from annotations.citation import cited_as_case
    from annotations.pinpoint import cited_pages, on_cited_pages, unchecked_pages

    cited = cited_pages(draft, after, court=cited_as_case(article.meta))
    if cited is None:
        return None, False, ""
    if reason := unchecked_pages(article.pages, article.locator, article.labels):
        return cited.shown(), False, reason
    # The same words may be printed on several pages (the first few times are read): the draft
    # may cite any of them.
    words = article.text[start:end]
    places = [start]
    at = article.text.find(words) if words else -1
    while at >= 0 and len(places) <= _REPEATS:
        places.append(at)
        at = article.text.find(words, at + 1)
    touched = (article.pages_of(at, at + len(words)) for at in places)
    return cited.shown(), not any(on_cited_pages(article.pages, t, cited) for t in touched), ""


def _paragraph(article: Article, offset: int) -> int | None:
    count = 0
    for block in article.blocks:
        if block.kind == "heading":
            continue
        count += 1
        if offset < block.end:
            return count
    return None


def _speaker_index(
    found: dict[str, list[CachedQuotation]],
) -> dict[str, tuple[Speaker, dict[str, list[CachedQuotation]]]]:
    """Each speaker of the quotations by the name shown, name variants merged (`names`), with
    their counts and their quotations by article."""
    paused = gc.isenabled()
    gc.disable()  # no cycles made here; collections would walk every quotation, again and again
    try:
        return _index(found)
    finally:
        if paused:
            gc.enable()


def _index(
    found: dict[str, list[CachedQuotation]],
) -> dict[str, tuple[Speaker, dict[str, list[CachedQuotation]]]]:
    """`_speaker_index`'s work."""
    from annotations.quotations.names import merge_by_article

    # One pass: each article's quotations grouped by the name written, feeding both the merge
    # (distinct names an article, counts over the library) and the index.
    grouped: dict[str, dict[str, list[CachedQuotation]]] = {}
    counts: dict[str, int] = {}
    for article_id, quotes in found.items():
        by_name: dict[str, list[CachedQuotation]] = {}
        for q in quotes:
            if q.speaker:
                by_name.setdefault(q.speaker, []).append(q)
        for name, mine in by_name.items():
            counts[name] = counts.get(name, 0) + len(mine)
        grouped[article_id] = by_name
    library, moved = merge_by_article(grouped, counts)
    said: dict[str, dict[str, list[CachedQuotation]]] = {}
    named: dict[str, SpeakerName] = {}
    for article_id, by_name in grouped.items():
        speakers = moved.get(article_id, {})
        here: dict[str, list[CachedQuotation]] = {}
        for name, mine in by_name.items():
            speaker = speakers.get(name) or library[name]
            if speaker.name in here:  # two names of one speaker here: quotations in their order
                here = {}
                for q in found[article_id]:
                    if q.speaker:
                        speaker = speakers.get(q.speaker) or library[q.speaker]
                        named[speaker.name] = speaker
                        here.setdefault(speaker.name, []).append(q)
                break
            named[speaker.name] = speaker
            here[speaker.name] = mine
        for shown, mine in here.items():
            said.setdefault(shown, {})[article_id] = mine
    return {
        name: (
            Speaker(
                name,
                named[name].variants,
                sum(len(quotes) for quotes in by_article.values()),
                len(by_article),
            ),
            by_article,
        )
        for name, by_article in said.items()
    }


def _choose(
    name: str,
    speakers: list[Speaker],
    name_key: Callable[[str], tuple[str, ...]],
) -> str:
    """The speaker a typed name means: the one shown by those words, else a variant's exact
    words, else a unique partial match from the start of a word."""
    wanted = name_key(name)
    if not wanted:
        raise UnknownSpeaker(
            f"{name!r} is no name; give a speaker's name (see `margin speakers` for the list)"
        )
    exact = {s.name for s in speakers for v in s.variants if name_key(v) == wanted}
    shown = {s for s in exact if name_key(s) == wanted}  # "Fiona", beside Fiona Parry's "Fiona"
    if len(shown) == 1:
        return shown.pop()
    if len(exact) == 1:
        return exact.pop()
    # A partial name starts at a word of the name: "Azz" finds Lotfi Azzouz, "zz" finds no one.
    # Looked for in the name's words too, as the typed name's are read: "M. Menino" is "m menino".
    starts = re.compile(r"(?<!\w)" + re.escape(" ".join(wanted)))
    partial = sorted(
        {
            s.name
            for s in speakers
            for v in s.variants
            if starts.search(v.casefold()) or starts.search(" ".join(name_key(v)))
        }
    )
    if len(partial) != 1 and len(exact) <= 1:
        # Not one by its words: the one the index's rules make it ("Thomas Menino" for Thomas M.
        # Menino, "Mrs. Clinton" for Hillary Clinton), among the partial matches if any.
        from annotations.quotations.verify import same_speaker

        named = name[:1].isupper() and not name.startswith(("The ", "A ", "An "))
        alike = sorted(
            {
                s.name
                for s in speakers
                for v in s.variants
                if named and (not partial or s.name in partial) and same_speaker(name, v)
            }
        )
        if len(alike) == 1:
            return alike[0]
        partial = partial or alike
    if len(exact) > 1 or len(partial) > 1:
        choices = sorted(exact) if len(exact) > 1 else partial
        raise UnknownSpeaker(
            f"{name!r} names {len(choices)} speakers: {'; '.join(choices[:8])}. "
            "Give more of the name."
        )
    if partial:
        return partial[0]
    raise UnknownSpeaker(
        f"no speaker named {name!r} in the library's quotations; see `margin speakers` for the list"
    )


VerifyStatus = Literal["exact", "altered", "misattributed", "unsourced"]


@dataclass(frozen=True, slots=True)
class CheckedQuote:
    """One quotation of a draft as checked against the library."""

    status: VerifyStatus
    quote: str  # as the draft writes it
    speaker: str | None  # as the draft names them
    line: int  # the draft's line it starts on (1-based); in a .docx, its paragraph
    article: ArticleMeta | None = None
    start: int = 0  # the source words' offsets in the article's canonical text
    end: int = 0
    source: str = ""  # the source's words
    source_speaker: str | None = None
    paragraph: int | None = None  # the article's paragraph (headings not counted), 1-based
    page: str | None = None  # the printed page label of a paginated source
    citation: str = ""  # the source passage as a quote in the configured style
    diff: str = ""  # the source as a word diff to the draft (when its words differ)
    narration: bool = False  # misattributed: the source's words are its own, not a quotation
    locator: LocatorKind = "page"  # what page counts: a Kindle book's are locations
    cited_page: str | None = None  # the pages the draft cites beside it ("p. 7", "pp. 2–3")
    wrong_page: bool = False  # the source's words are on none of the pages cited
    page_unchecked: str = ""  # why the pages cited were not checked ("page not checked: …")

    @property
    def place(self) -> str:
        """Where in the source: "p. 12", "loc. 2032-2036", "para. 8"; "" when unknown."""
        from annotations.citation.locators import Locator, cite_locator

        if self.page:
            return cite_locator(Locator(self.locator, self.page, self.page), "plain")
        return f"para. {self.paragraph}" if self.paragraph else ""

    @property
    def altered(self) -> bool:
        """Whether the draft's words differ from the source's: an altered quotation, or a
        misattributed one whose words are changed too (its status names the speaker first)."""
        return bool(self.diff)


@dataclass(frozen=True, slots=True)
class Verification:
    """A draft's quotations, each checked, and the short ones left unchecked."""

    draft: str
    quotes: list[CheckedQuote]
    skipped: list[str]  # quotations under MIN_WORDS words: too short to source
    library_empty: bool = False  # every quotation unsourced by a library of no articles

    @property
    def failed(self) -> bool:
        """Whether anything is altered or misattributed, or cited on a page its words are not on
        (the exit status of `margin verify`): a wrong pinpoint sends the reader, and the judge,
        to a page without the words, which a draft must not carry any more than a changed word."""
        return any(q.status in ("altered", "misattributed") or q.wrong_page for q in self.quotes)


class _Sources:
    """Candidate articles for a draft's quotations: search-index phrase hits, read once each."""

    def __init__(self, workspace: Workspace) -> None:
        from annotations.quotations.cache import QuotationCache

        self.workspace = workspace
        self.search = workspace.search_index
        self.search.refresh()
        self.articles: dict[str, Article | None] = {}
        self.lower: dict[str, str | None] = {}
        self.quoted: dict[str, list[tuple[int, int]]] = {}  # stretches inside quote marks
        self.cache = QuotationCache(workspace.library)

    def candidates(self, phrase: tuple[str, ...], limit: int = 5) -> list[str]:
        """The articles whose text holds the phrase, best first."""
        from library.search import parse_query

        query = parse_query('"' + " ".join(phrase).replace('"', "") + '"')
        return self.search.index.articles_with(query, limit)

    def article(self, article_id: str) -> Article | None:
        from annotations.quotations.marked import quoted_stretches
        from annotations.quotations.verify import lowered

        if article_id not in self.articles:
            try:
                article = self.workspace.library.get(article_id)
            except LibraryError:
                self.articles[article_id] = None
            else:
                self.articles[article_id] = article
                self.lower[article_id] = lowered(article.text)
                self.quoted[article_id] = quoted_stretches(article.text)
        return self.articles[article_id]

    def speaker_of(self, article_id: str) -> Callable[[int, int], str | None]:
        """Who the detector says speaks the article's quoted words at [start, end), if anyone
        (asked only when a draft quotation holds a whole quoted stretch: detection is slow)."""

        def ask(start: int, end: int) -> str | None:
            quotes = self.speakers({article_id}).get(article_id, [])
            return next(
                (q.speaker for q in quotes if q.speaker and q.start < end and start < q.end), None
            )

        return ask

    def speakers(self, article_ids: set[str]) -> dict[str, list[CachedQuotation]]:
        """The quotations (with speakers) of the articles a draft quotes (the cache is saved
        once, by the caller, when the draft is checked)."""
        return self.cache.quotations(sorted(article_ids), save=False)


def _quote_at(quotes: list[CachedQuotation], start: int, end: int) -> CachedQuotation | None:
    """The source quotation that overlaps [start, end) most."""
    best = max(quotes, key=lambda q: min(q.end, end) - max(q.start, start), default=None)
    if best is None or min(best.end, end) <= max(best.start, start):
        return None
    return best


class QuoteGone(AnnotationError):
    """A highlight whose words the article no longer holds as they were highlighted."""


def _stands_in(annotation: Annotation, text: str) -> bool:
    """Whether the highlight counts in text and its quote stands at its offsets there."""
    return (
        not annotation.orphaned
        and annotation.anchored_in(text)
        and text[annotation.start : annotation.end] == annotation.quote
    )


def refuse_gone(annotation: Annotation, text: str) -> None:
    """QuoteGone, saying what to do, unless the highlight's words stand in text as highlighted.

    An orphaned highlight lost its words; one re-anchored approximately now covers changed
    words (its former ones in `original_quote`) until the user confirms it: neither is quoted.
    """
    short = annotation.id[:8]
    if annotation.orphaned:
        raise QuoteGone(
            f"highlight {short} lost its words: the article no longer contains them; "
            "see `margin annotations --orphaned` and highlight the passage again"
        )
    if annotation.needs_review and (annotation.original_quote or annotation.quote) != (
        annotation.quote
    ):
        raise QuoteGone(
            f"highlight {short} now covers changed words (it was on other words); check it "
            f"with `margin annotations --review`, then `margin annotate {short} --reviewed` "
            "or highlight the passage again"
        )
    if text[annotation.start : annotation.end] != annotation.quote:
        raise QuoteGone(
            f"highlight {short} does not stand on its words in the article (was its file "
            "edited by hand?); delete it with `margin unhighlight` and highlight the passage again"
        )

"""Quotations in an article and who said them, found by Margin's own rules over the text.

`find_quotations(text, blocks)` returns every quotation with its offsets in the canonical text
(`text[q.start:q.end] == q.text`, marks excluded), its speaker and role when the text names them
(None otherwise: never guessed) and its kind: `direct`, `partial` (inside a sentence of the
writer's) or `block` (a block quote).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, islice

from annotations.quotations.spans import Paragraph, Span, SpanKind, find_spans, paragraphs, words
from annotations.quotations.speakers import (
    VERBS,
    Attribution,
    attribute,
    capitals,
    describes_document,
    describes_party,
    describes_person,
    is_organisation,
)
from annotations.quotations.verbs import THAT_VERBS
from library.fsutil import collector_paused
from library.model import Block

__all__ = ["Quotation", "find_quotations", "quotation_at"]

# An article whose quotations are mostly unattributed is an essay (see _reads_as_essay), unless
# it reads as dialogue: DIALOGUE_TURNS paragraphs or more that are a quotation and nothing else.
ESSAY_QUOTES = 4
ESSAY_SHARE = 3
DIALOGUE_TURNS = 3
# Untagged bare turns in a row that make a conversation (news continues a speaker for two).
CONVERSATION_RUN = 3
# A paragraph's end that introduces a statement's paragraphs: "X issued the following statement
# regarding the tours:" (not "asked a resident about the statement:", which introduces talk).
_STATEMENT_INTRO = re.compile(
    r"\b(?:issued|released|put out|sent|provided|shared|posted)\s+(?:the following|an?|this|"
    r"the|her|his|their|its)\s+(?:\w+\s+)?statement\b[^.!?:]*:$",
    re.IGNORECASE,
)
# One pattern for each closing mark: a pattern that opens with a literal is searched for fast
# (see spans.starts_of), and no match holds a second mark, so together they find what one would.
_INVERTED_PRONOUNS = tuple(re.compile(rf"{mark}[\s,—–-]*([a-z]+)\s+(?:he|she)\b") for mark in '”"')
# Short quotations need a speech verb in their sentence to count: "said it was “distressing”"
# is a quotation, "a string of “wins”" a scare quote.
SHORT_WORDS = 3
# Words that give a term as a name right before its mark ("what Apple is calling “spatial”", "is
# called a “scanner error”", "a gun referred to as “Becky”", "Torres aka “Chacho”"; with an object
# between, "calling him “a con artist”" quotes someone's words, as does "which he has referred to
# as “gamesmanship”").
_NAMING = re.compile(
    r"\b(?:so-called|dubbed|nicknamed|known as|named|titled|entitled|the word|the words|the term|"
    r"the phrase|the name|translates as|translated as|meaning|labelled|labeled|branded|reading|"
    r"pronounced|spelled|spelt|calling|calls|called|aka|a\.k\.a\.|a/k/a|the slogan|supposedly|"
    r"(?<!has |ave |had | he |she |hey )referred to as)"
    r"(?:\s+(?:a|an|the))?\s*$",
    re.IGNORECASE,
)
# A work named right before its title's marks ("in her book “…”", "the 1998 film “…”").
_WORK_BEFORE = re.compile(
    r"\b(?:book|novel|memoir|film|movie|documentary|song|album|poem|play|musical|opera|essay|"
    r"column|op-ed|podcast|series|sitcom|painting|exhibition)s?,?\s*$",
    re.IGNORECASE,
)
# The last two characters of every _NAMING match but its spaces, matched at the end of the text
# before a quotation first: that search tries every word of the alternation at every character.
_NAMING_ENDS = re.compile(r"ed|rd|ds|as|ls|rm|se|me|ng|lt|an|\sa|ka|a\.|/a|ly|he", re.IGNORECASE)
# A plea named in marks after a verb or noun of pleading ("pleaded “not guilty”", "entered pleas
# of “guilty” and “no contest”"): a legal term, not words quoted from someone.
_PLEA_BEFORE = re.compile(
    r"\bple(?:a(?:s|ds?|ded|ding)?|d)(?:\s+(?:of|to))?\s+"
    r"(?:[“\"][^”\"]{1,40}[”\"],?\s+(?:and|or)\s+)?$",  # the second of two pleas
    re.IGNORECASE,
)
_PLEA = re.compile(r"(?:not\s+)?guilty\b|no\s+contest\b|nolo\s+contendere\b", re.IGNORECASE)
_PLEA_FIRST = "nNgG"  # what a _PLEA match opens with (the characters IGNORECASE takes for n, g)
# What ends a plea's words and starts someone's own: "pleaded “Not guilty, my lord; I was …”".
_PLEA_BREAK = re.compile(r"[,;:!?]|\.\s")
# What a speaker's own name for something follows ("referred to the plan as “…”"; not "such as").
_CALLED_AS = re.compile(r"(?<!such)\s+as\s*$")
_NAME_BEFORE = re.compile(capitals(r"\b[A-Z][\w’'.-]*\s$"))
_NAME_AFTER = re.compile(capitals(r"\s[A-Z][\w’'-]*\b"))
_DESCRIBING = words("the a an his her its their our my your this that these those")
_DETERMINER_BEFORE = re.compile(r"\b(?:the|this|that|these|those|its|their|our)\s*$", re.I)
# The last letter of every _DETERMINER_BEFORE match but its spaces, as IGNORECASE takes e, s, t
# and r (a long s too): most text before a quotation ends otherwise, and is not searched.
_DETERMINER_LAST = "eEsSſtTrR"
# "said that", "told reporters on Friday that": the "that" a speech verb takes, no determiner
_VERB_THAT = re.compile(r"((?:[\w’'-]+\s+){1,4})that\s*$")
_CLAUSE_SUBJECTS = words("he she it they we i you")
_SMALL_WORDS = words(
    "a an the of in on at to for and or but with from by as is these this his her our"
)
_WORD = re.compile(r"[\w’'-]+")
_BEING_BEFORE = re.compile(r"\b(?:is|was|are|were|considered|deemed)\s*$")
# A verdict or a finding on someone or something: "the jury found him “not guilty”", "ruled
# the search “unlawful”" (the court's judgement, in its own term, not words quoted).
_VERDICT_BEFORE = re.compile(
    r"\b(?:found|finds|find|ruled|rules|deemed|judged|adjudged|pronounced)"
    r"(?:\s+(?!(?:that|was|is|were|are|be|to)\b)[\w’'-]+){1,3}\s*$"
)


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quotation: its span of the canonical text, its words, speaker, role and kind."""

    start: int
    end: int
    text: str
    speaker: str | None
    role: str | None
    kind: SpanKind


def find_quotations(
    text: str, blocks: Sequence[Block] | None = None, *, essay: bool = True
) -> list[Quotation]:
    """Every quotation of text, in order and never overlapping.

    Args:
        text: the canonical text of an article (any string is accepted).
        blocks: the article's blocks; they tell block quotes and headings apart. Without them
            each line of text is a paragraph.
        essay: whether a text may read as an essay (`_reads_as_essay`), whose unattributed
            quotations are its own examples and sayings; a draft's are each to be checked.
    """
    # Detection builds many small objects that form no cycles (tuples, spans, names): the
    # collector's passes over them, and over everything else the process holds, are wasted.
    with collector_paused():
        return _find_quotations(text, blocks, essay)


def _find_quotations(text: str, blocks: Sequence[Block] | None, essay: bool) -> list[Quotation]:
    paras = paragraphs(text, blocks)
    spans = find_spans(text, paras)
    attributions = attribute(text, paras, spans)
    kept = [
        (span, who)
        for span, who in zip(spans, attributions, strict=True)
        if _is_quotation(text, paras, span, who)
    ]
    dialogue = _reads_as_dialogue(text, paras, kept)
    if essay and _reads_as_essay(kept) and not dialogue:
        # An essay quotes example sentences, questions and sayings of its own; only what is
        # attributed in its own sentence (or set apart as a block quote) is someone's words.
        kept = [(span, who) for span, who in kept if _attributed(span, who)]
    if dialogue and _conversation(text, paras, kept):
        # In a conversation an untagged turn answers the one before: its speaker is not the
        # last one named (news carries a speaker on to a paragraph that continues them).
        kept = [
            (span, Attribution() if _untagged_turn(text, paras, span, who) else who)
            for span, who in kept
        ]
    return [
        Quotation(
            span.start,
            span.end,
            text[span.start : span.end],
            who.speaker,
            who.role,
            _kind(text, span),
        )
        for span, who in kept
    ]


def _reads_as_essay(kept: Sequence[tuple[Span, Attribution]]) -> bool:
    """Whether an article's quotations read as an essay's: ESSAY_QUOTES or more in the text,
    fewer than one in ESSAY_SHARE of them naming their speaker in their own sentence (news
    names most: at least three in five on every labelled news article of the tuning set)."""
    inline = [(span, who) for span, who in kept if span.kind != "block"]
    attributed = sum(1 for span, who in inline if _attributed(span, who))
    return len(inline) >= ESSAY_QUOTES and attributed * ESSAY_SHARE < len(inline)


def _reads_as_dialogue(
    text: str, paras: Sequence[Paragraph], kept: Sequence[tuple[Span, Attribution]]
) -> bool:
    """Whether DIALOGUE_TURNS paragraphs or more are one quotation each and nothing else: the
    turns of a conversation (fiction, an interview), whose untagged lines are still someone's
    words. An essay's examples and sayings sit inside its own sentences."""
    turns = 0
    for span, _ in kept:
        if _bare_turn(text, paras, span):
            turns += 1
            if turns >= DIALOGUE_TURNS:
                return True
    return False


def _bare_turn(text: str, paras: Sequence[Paragraph], span: Span) -> bool:
    """Whether a quotation is its paragraph's only words."""
    para = paras[span.paragraph]
    return (
        span.kind != "block"
        and not text[para.start : span.open_mark].strip()
        and not text[span.close_mark : para.end].strip()
    )


def _conversation(
    text: str, paras: Sequence[Paragraph], kept: Sequence[tuple[Span, Attribution]]
) -> bool:
    """Whether the quotations are a conversation's turns (a novel's, a transcript's), not news
    that quotes one speaker over several paragraphs: CONVERSATION_RUN untagged bare turns in a
    row, or a tag inverted with a pronoun ("said he", "returned she"), which news does not
    write."""
    run = 0
    last = -2
    statement = False
    for span, who in kept:
        if who.local or not _bare_turn(text, paras, span):
            continue
        run = run + 1 if span.paragraph == last + 1 else 1
        if run == 1:
            statement = _introduces_statement(text, paras, span.paragraph)
        last = span.paragraph
        if run >= CONVERSATION_RUN and not statement:
            return True
    return any(
        match.group(1).casefold() in VERBS
        for pattern in _INVERTED_PRONOUNS
        for match in pattern.finditer(text)
    )


def _introduces_statement(text: str, paras: Sequence[Paragraph], index: int) -> bool:
    """Whether the paragraph before paragraph index ends introducing a statement ("X issued
    the following statement:"): the bare paragraphs after it are that statement's, not turns."""
    if index == 0:
        return False
    before = paras[index - 1]
    lead = text[max(before.start, before.end - 300) : before.end].rstrip()
    return _STATEMENT_INTRO.search(lead) is not None


def _untagged_turn(text: str, paras: Sequence[Paragraph], span: Span, who: Attribution) -> bool:
    """Whether a quotation is a bare turn whose speaker was carried from an earlier one (a
    paragraph of narration that ends introducing it, "he addressed her with:", gives it)."""
    if who.local or who.speaker is None or not _bare_turn(text, paras, span):
        return False
    if span.paragraph == 0:
        return True
    before = paras[span.paragraph - 1]
    lead = text[before.start : before.end].rstrip()
    quoted = any(mark in lead for mark in '"“”')
    return quoted or not lead.endswith((":", "--", "—", "–", ","))


def _attributed(span: Span, who: Attribution) -> bool:
    """Whether a quotation is set apart as a block quote or names its speaker in its own
    sentence ("we tell ourselves “…”" names nobody, "the inner voice asks “…”" describes; "the
    woman who said “…”" names someone by a gendered word or a role, "the report said “…”" a
    text that speaks for its writers)."""
    if span.kind == "block":
        return True
    if not who.local or who.speaker is None:
        return False
    first, _, rest = who.speaker.partition(" ")
    return (
        first.casefold() not in _DESCRIBING
        # a body named with its article: "the Defense Science Board", "the Court"
        or (first.casefold() == "the" and rest[:1].isupper() and is_organisation(rest))
        or describes_person(who.speaker)
        or describes_party(who.speaker)  # a release quoting the defendant or a witness
        or describes_document(who.speaker)
    )


def quotation_at(
    quotations: Sequence[Quotation], start: int, end: int, text: str | None = None
) -> Quotation | None:
    """The quotation holding the span [start, end), if one does (for filling in a speaker).

    Given the text, quote marks and spaces at the ends of the span are not counted: a sentence
    selected with its opening marks is still inside the quotation.
    """
    if text is not None:
        while start < end and text[start] in _MARKS_AND_SPACE:
            start += 1
        while end > start and text[end - 1] in _MARKS_AND_SPACE:
            end -= 1
    i = bisect_right([q.start for q in quotations], start) - 1
    if i >= 0 and quotations[i].start <= start and end <= quotations[i].end:
        return quotations[i]
    return None


_MARKS_AND_SPACE = frozenset("\"'‘’“”«»‹›„‚ \n\t")


def _is_quotation(text: str, paras: Sequence[Paragraph], span: Span, who: Attribution) -> bool:
    """Whether a quoted span is someone's words, not a name, a title, a term or a scare quote."""
    if span.kind == "block" and span.open_mark == span.start:
        return True
    # The first five words are enough to tell a short quotation; a long one is read on only
    # while its words are capitalised (a title).
    found = _WORD.finditer(text, span.start, span.end)
    words = [m.group() for m in islice(found, 5)]
    para = paras[span.paragraph]
    before = text[max(para.start, span.open_mark - 40) : span.open_mark]
    if len(words) <= 4 and _names_term(before):
        return False
    if text[span.start : span.start + 1].isupper() and _WORK_BEFORE.search(before):
        return False  # in her book “A Paradise Built in Hell: …”: the title of a work
    if len(words) <= SHORT_WORDS and _bracketed(text, span) and _capitalised(words):
        return False  # Titus (“LS”) Haynes, Lifetime Planning (“HELP”): a name or a short form
    plea = (
        _PLEA.match(text, span.start, span.end)
        if text[span.start : span.start + 1] in _PLEA_FIRST
        else None
    )
    if (
        plea is not None
        and _PLEA_BEFORE.search(before)
        and not _PLEA_BREAK.search(text, plea.end(), span.end)
    ):
        return False
    if (
        not (who.local and who.speaker is not None)
        and _last_letter(before, ",:") in _SAYING_LAST
        and _SAYING_BEFORE.search(before)
    ):
        return False  # the adage, “Those who forget history …”: a saying, nobody's words
    if text[span.end - 1 : span.end] != "." and _CITED_SOURCE.match(
        text, span.close_mark, para.end
    ):
        return False  # “Document found on street” — The Canadian Press, August 15, 2008
    if len(words) <= 2 and _NAME_BEFORE.search(before) and _NAME_AFTER.match(text, span.close_mark):
        return False  # a nickname inside a name: Jungwook “Wookie” Kim
    if (
        _title_case(chain(words, (m.group() for m in found)))
        and text[span.end - 1 : span.end] not in "?!"
        # “Come, Darcy,” said he; a title after "titled" may hold commas ("Parks, Harbors")
        and (_names_term(before) or not (who.local and "," in text[span.start : span.end]))
        and not (who.local and _CALLED_AS.search(before))  # referred to the vote as “A Hoax”
    ):
        return False
    if len(words) == SHORT_WORDS + 1 and _unattributed_phrase(text, span, who, before):
        return False
    if len(words) > SHORT_WORDS:
        return True
    if _bare_turn(text, paras, span) and text[span.end - 1 : span.end] in ".?!":
        return True  # a turn of its own: “Bingley.”
    # A short quotation counts when its own sentence names who said it; a speaker carried from
    # the sentence or paragraph before would be invented for a scare quote or a title.
    if (
        before.rstrip()[-1:] in _DETERMINER_LAST
        and _DETERMINER_BEFORE.search(before)
        and not (who.local and _verb_that(before))
    ):
        return False  # the “jobs machine”: a term used as a noun of the writer's sentence
    if _VERDICT_BEFORE.search(before) or _title_after_verb(text, span, before):
        return False
    if who.local and (who.speaker is not None or _verb_beside(text, span, before)):
        # in a "serious" condition, X said: the speaker's own word; "was described as
        # “unprecedented”" and "“We hold on,” he said" quote someone unnamed (not a verb far
        # off: "When his body was found, he was wearing a “Cacharel” shirt")
        return not _only_according(text, para, span, before)
    if _ARTICLE_BEFORE.search(before) and _qualifies_noun(text, span):
        return False  # a “traffic light” system: a term that qualifies the writer's noun
    # “There’s collective amnesia.” after the speaker's other words: a sentence of its own.
    quoted = text[span.start : span.end]
    return (
        who.speaker is not None
        and quoted[:1].isupper()
        and quoted.rstrip("”’\"' ")[-1:] in (".", "?", "!")
        and (not before.strip() or before.rstrip()[-1:] in '.?!”"’')
    )


# A saying named right before its marks: "the adage, “…”", "Their motto was “…”" (not one with
# its author's name: "Herzl's maxim: ‘…’"; one its sentence has someone say is theirs, above)
_SAYING_BEFORE = re.compile(
    r"(?<![’']s )\b(?:adage|proverb|maxim|motto|slogan|aphorism|dictum)s?(?:\s+(?:is|was|goes))?"
    r"[\s,:]*$",
    re.IGNORECASE,
)
# The last letter of every _SAYING_BEFORE match but its spaces, commas and colons, as
# IGNORECASE takes e, b, m, o, n and s (a long s too): most text before a quotation ends
# otherwise, and is not searched.
_SAYING_LAST = "eEbBmMoOnNsSſ"


def _last_letter(text: str, also: str) -> str:
    """The last character of text that is neither a space nor in `also` ("" for none)."""
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1] in also):
        end -= 1
    return text[end - 1 : end]


# A dash, a publisher and a date closing a paragraph after a quoted title: a source cited
# ("“…” — The Canadian Press, August 15, 2008"; not a post's "— Ann Lee (@annlee) May 2, 2020",
# nor a sentence ended with a stop, signed and dated: "“… of this century.” — Ann Lee, May 2, 2020")
_CITED_SOURCE = re.compile(
    r"[”\"]?\s*[—–-]\s*[^@“”\"\n]{1,80},\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"[a-z]*\.?\s+\d{1,2},\s+\d{4}\.?\s*$"
)


def _only_according(text: str, para: Paragraph, span: Span, before: str) -> bool:
    """Whether the one attribution of a short quotation's sentence is an "according to" an
    inquiry or a record (before it, or after it but not as its tag), no verb of saying in the
    sentence: it gives the source of
    the sentence's facts, and the word in marks is the writer's term ("asked for a “blessing”
    to lift the curse, according to the investigation"; not "“Unacceptable,” according to the
    mayor", a tag, nor "in a “sharp increase”, according to a spokesperson", a person's)."""
    if _verb_beside(text, span, before):
        return False
    end = _SENTENCE_END.search(text, span.close_mark, para.end)
    after = text[span.close_mark : end.start() if end else para.end]
    sentence = text[
        max(para.start, text.rfind(". ", para.start, span.open_mark) + 1) : span.open_mark
    ]
    according = _ACCORDING_TO.search(sentence)
    if according is not None:
        words = _WORD.findall(sentence, 0, according.start())
        words += _WORD.findall(sentence, according.end()) + _WORD.findall(after)
    else:
        according = _ACCORDING_TO.search(after)
        if according is None or not _WORD.search(after, 0, according.start()):
            return False
        words = _WORD.findall(sentence) + _WORD.findall(after, 0, according.start())
    return not any(word.casefold() in VERBS for word in words)


_ACCORDING_TO = re.compile(
    r"\baccording to(?:\s+[\w’'-]+){0,5}?\s+(?:investigations?|testimony|records|documents|"
    r"complaints?|affidavits?|indictments?|reports?|evidence|filings)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def _verb_beside(text: str, span: Span, before: str) -> bool:
    """Whether a speech verb stands right beside a quotation's marks: before it, with "as",
    "that" or "to be" after it ("was described as “…”", "is said to be “…”"), or in the tag
    right after it ("“…,” he said", "“…,” said one")."""
    found = _LAST_WORDS.search(before)
    if found is not None and found.group(1).casefold() in VERBS:
        return True
    after = _TAG_WORDS.match(text, span.close_mark)
    return after is not None and any(
        word.casefold() in VERBS for word in after.group(1, 2) if word is not None
    )


_LAST_WORDS = re.compile(r"([\w’'-]+)(?:\s+(?:as|that|to\s+be|to\s+have))?[\s,:]*$")
_TAG_WORDS = re.compile(r"[\s,—–-]*([\w’'-]+)(?:\s+([\w’'-]+))?")


def _names_term(before: str) -> bool:
    """Whether the text before a quotation ends with a word that gives it as a term (_NAMING)."""
    tail = before.rstrip()
    if _NAMING_ENDS.match(tail, len(tail) - 2) is None:
        return False
    return _NAMING.search(before) is not None


def _bracketed(text: str, span: Span) -> bool:
    """Whether a quotation's marks are all its brackets hold: "(“LS”)", "(“HELP”)"."""
    return (
        text[span.open_mark - 1 : span.open_mark] == "("
        and text[span.close_mark : span.close_mark + 1] == ")"
    )


def _capitalised(words: Sequence[str]) -> bool:
    """Whether every word opens with a capital or a digit, as a name or a short form does (not
    "(“pure theatre”)", "(“It is over”)": someone's words)."""
    return all(word[:1].isupper() or word[:1].isdigit() for word in words)


def _verb_that(before: str) -> bool:
    """Whether the text before a quotation ends with a speech verb's "that" (within four
    words of it), which opens the speaker's words rather than pointing at a noun; not when a
    pronoun after the verb opens a clause of its own ("said she liked that “green corridor”")."""
    found = _VERB_THAT.search(before)
    if found is None:
        return False
    folded = [w.casefold() for w in found.group(1).split()]
    verbs = [k for k, w in enumerate(folded) if w in THAT_VERBS]
    return bool(verbs) and not _CLAUSE_SUBJECTS.intersection(folded[verbs[-1] + 1 :])


def _qualifies_noun(text: str, span: Span) -> bool:
    """Whether the word right after a quotation's closing mark is a noun it qualifies: a word in
    lower case that is no preposition, conjunction or verb of being, with no comma between ("a
    “traffic light” system"; not "a “disaster” for the city", "a “farce,” adding")."""
    if any(c not in _MARKS_AND_SPACE for c in text[span.end : span.close_mark]):
        return False
    after = _WORD_AFTER.match(text, span.close_mark)
    return after is not None and after.group(1) not in _NOT_A_NOUN


_ARTICLE_BEFORE = re.compile(r"\b(?:a|an)\s*$")
_WORD_AFTER = re.compile(r"\s+([a-z]+)\b(?![’'-])")
_NOT_A_NOUN = _SMALL_WORDS | words(
    "that which who whom whose was were are be been will would can could may might must should "
    "when where while than so if because after before since until over under about into "
    "against among between through during without not also"
)


def _title_after_verb(text: str, span: Span, before: str) -> bool:
    """Whether a short quotation is a title or a name that a verb takes as its object: it opens
    with a capital right after a verb other than one of plain saying ("praised “Sideways”",
    "cited “Hamlet”"; not "said “Absolutely”") and ends with no stop of a sentence."""
    if not text[span.start : span.start + 1].isupper() or not before[-1:].isspace():
        return False
    last = before.rsplit(None, 1)[-1:]
    return (
        bool(last)
        and last[0] in VERBS
        and last[0] not in _PLAIN_SAYING
        and text[span.start : span.end] != "I"
        and text[span.end - 1 : span.end] not in ".?!,"
    )


_PLAIN_SAYING = words(
    "said says say saying told tells asked asks replied replies answered added adds wrote "
    "writes shouted yelled cried exclaimed whispered"
)


def _unattributed_phrase(text: str, span: Span, who: Attribution, before: str) -> bool:
    """Whether a quotation reads as a phrase the writer borrows: in lower case, the complement
    of a verb of being or judging ("he was “present at the creation”", "is considered “too
    close to call”") or a noun after a determiner ("discussed the “museum of the future”"), no
    one saying it."""
    return (
        who.speaker is None
        and text[span.start : span.start + 1].islower()
        and (_BEING_BEFORE.search(before) or _DETERMINER_BEFORE.search(before)) is not None
        and not before.rstrip().endswith("that")  # "heard from them that “it would not …”"
    )


def _title_case(words: Iterable[str]) -> bool:
    """Two words or more, every one capitalised but the small ones, and one after the first
    capitalised too: a name, a title or a slogan (not "I'm with her", a sentence)."""
    count = 0
    capitalised = 0
    for word in words:
        count += 1
        if count == 1:
            if not word[:1].isupper():
                return False
        elif word[:1].isupper() or word[:1].isdigit():
            capitalised += 1
        elif word.casefold() not in _SMALL_WORDS:
            return False
    return count >= 2 and capitalised > 0


def _kind(text: str, span: Span) -> SpanKind:
    if span.kind == "block":
        return "block"
    before = text[max(0, span.open_mark - 60) : span.open_mark].rstrip()[-30:]
    if before[-1:].isalnum():
        last = _WORD.findall(before)
        if last and last[-1].casefold() not in VERBS:
            return "partial"
    return "direct"

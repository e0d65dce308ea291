"""Who said each quotation: attributions around it, pronouns, surnames, roles and organisations.

Rules over the text, nearest evidence first: an attribution right after the quotation (“…,” said
X; “…,” X said), later in its sentence (“…” in that law, X said), `according to X` anywhere in the
sentence (when X names a document, its writer: "according to a statement from the
ministry"), a speech verb before it (X said; X told the council that “…”; described as “…” by X), a
colon after the sentence's subject; then the quotation before it in the paragraph, or the speaker
of the paragraph before when the quotation opens its paragraph. A block quote takes its source
from a line after it (“— Statement from …”), its own "@handle: ", or the line before it that ends
with a colon ("X wrote:", "Finally, there is X:"). A he or she takes the salient
person (the last speaker, or the subject of a clause named since) whose gender fits, where the text
shows it (Mr./Ms., a gendered role word, a pronoun later in the name's sentence) or else a common
given name does (`given_names.py`); it and they take the organisation last named as a speaker. A
surname, or Mr./Ms. and a surname, takes the full name of its first mention; a party and state
after a name ("(R-Fla.)") is never a speaker. The speech verbs and phrases are listed in
`verbs.py`. Without evidence the speaker stays None.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, islice, pairwise
from operator import itemgetter, methodcaller

from annotations.quotations.given_names import given_name_gender, is_given_name
from annotations.quotations.spans import (
    BLOCK_SOURCE,
    Paragraph,
    Span,
    is_attribution_line,
    is_elision,
    matches_at,
    starts_of,
    words,
)
from annotations.quotations.verbs import EXPRESSING_VERBS, SPEECH_VERBS, SPEECH_WORDS

VERBS = SPEECH_VERBS
_position = itemgetter(0)


def _trie(words: Iterable[str]) -> str:
    """One regular expression for a set of words, as a trie: "sa(?:id|ys)" rather than
    "said|says". Python's engine tries an alternation branch by branch at every position; the
    trie tries one character at a time, several times faster over a long text. Longer words
    win ("wrote in a statement" before "wrote"); a space matches any run of spaces."""
    root: dict[str, dict[str, object]] = {}
    for word in words:
        node: dict[str, object] = root  # type: ignore[assignment]
        for char in word:
            node = node.setdefault(char, {})  # type: ignore[assignment]
        node[""] = {}

    def emit(node: dict[str, object]) -> str:
        ends = "" in node
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + emit(child)  # type: ignore[arg-type]
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return emit(root)  # type: ignore[arg-type]


_VERB_ALT = _trie(SPEECH_WORDS - {"according to"})
# Speech verbs that are also plural nouns: before "whose" they are the noun ("Western states
# whose economies …"; "the law states whose duty it is" is rarer than the noun in news).
_PLURAL_NOUN_VERBS = words("states claims notes calls reports finds tweets vows boasts recalls")
_BEFORE_WHOSE = "|".join(  # a lookbehind of one width a branch, as Python's engine wants
    "(?<=" + "|".join(sorted(w for w in _PLURAL_NOUN_VERBS if len(w) == n)) + ")"
    for n in sorted({len(w) for w in _PLURAL_NOUN_VERBS})
)
# A verb followed by "to" and another verb is not one of saying: "continued to run", "said to be".
# Nor is a word in -s followed by an auxiliary or a speech verb of a plural subject (not in -s,
# "calls reports" is a verb and its object): it is that verb's subject, a plural noun ("Several
# states say", "Reports have claimed", "states argued").
_PLURAL_VERB_ALT = _trie(w for w in SPEECH_WORDS if not w.split()[0].endswith("s"))
_VERB = (
    rf"(?:{_VERB_ALT})\b(?!\s+to\s+(?!the\b|a\b|an\b|his\b|her\b|their\b|its\b|our\b|my\b|"
    r"me\b|him\b|them\b|us\b|you\b|reporters\b|journalists\b)[a-z])"
    r"(?!(?<=s)\s+(?:[a-z]+ly\s+)?(?:have|are|were|will|would|can|could|should|must|may|might|"
    rf"do|did|had|{_PLURAL_VERB_ALT})(?![\w-]))(?!(?:{_BEFORE_WHOSE})\s+whose\b)"
)
_VERB_AT = re.compile(rf"(?<![\w-]){_VERB}")
_VERB_HERE = re.compile(_VERB)
# Over a whole text, faster than that lookbehind: verbs after a space (a literal the engine
# jumps to), then the few after another character that is not a word's (a bracket, a dash, a
# quote mark).
_VERB_AFTER_SPACE = re.compile(rf" (?:{_VERB})")
_VERB_AFTER_OTHER = re.compile(rf"[^ a-zA-Z0-9_\x00-](?:{_VERB})")
# A run of NULs (a blanked quotation): the verb after it is tried once (a class of characters
# that holds NUL would try one at every character of the quotation). It opens with a literal,
# which the engine jumps to.
_NULS = re.compile(r"\x00\x00*")
# What those two passes read past a match's first character: the verbs' letters, spaces, and
# the lower-case words of the "to" look ahead. Any other character can only open a match, so
# the passes find the same matches from it on as from the start of the text (see
# _verb_starts_in), and a match before it never reads past it.
_IN_VERB = frozenset("abcdefghijklmnopqrstuvwxyz").union(*SPEECH_WORDS)
_NOT_IN_VERB = re.compile("[^\\s" + re.escape("".join(sorted(_IN_VERB - {" "}))) + "]")
_SYNC_REACH = 200  # characters searched for one outside a verb, before and after a paragraph
_APPOSITIVE = re.compile(r",[^,.;:“”\"]{1,100},\s*")
_NEXT_WORD = re.compile(r"\s*(?:\w+ly\s+)?([a-z][\w’'-]*)")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s")
# Capital letters a name or a sentence may open with: ASCII, Latin-1's (É, Ñ, Ø) and Latin
# Extended-A's (Ł, Š, Ž), so "Éric Zemmour" and "Łukasz Ślęzak" are read as names.
CAPITALS = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"


def capitals(pattern: str) -> str:
    """A pattern whose every `[A-Z]` (one capital letter) takes any capital of CAPITALS."""
    return pattern.replace("[A-Z]", f"[{CAPITALS}]")


_CAPITAL = re.compile(capitals(r"[A-Z]"))
# he, his, him, she or her as a word, in any case; it opens with a character class (and checks
# the character before in a lookbehind) so the engine skips to the next h or s.
# he, she, his, her: not "him", which is someone else ("Clinton followed him on the stage")
_GENDERED_PRONOUN = re.compile(
    r"[HhSs](?<![\w][HhSs])(?:(?<=[Hh])(?:[Ee][Rr]?|[Ii][Ss])|(?<=[Ss])[Hh][Ee])\b"
)
_VERB_AFTER = re.compile(rf"[\s,—–-]*{_VERB}\s*")
_VERB_START = re.compile(rf"{_VERB}\s*")
_PRONOUN_VERB = re.compile(rf"(he|she|it|they)\s+(?:\w+ly\s+)?{_VERB}", re.I)
_NAME_VERB = re.compile(rf",?\s*(?:\w+ly\s+)?{_VERB}")
_APPOSITIVE_VERB = re.compile(rf",[^,]{{1,120}},\s*(?:\w+ly\s+)?{_VERB}")
_BY = re.compile(r"\s*by\s+")
_SAID_TO_BE = re.compile(r"\b(?:is|was|are|were|been|being)\s+said\s+to\s+(?:be|have)\s+$")
# Its last words: a text that does not end with one of them is not searched (see _local).
_SAID_TO_BE_ENDS = ("be", "have")
# The agent of a passive verb of saying, before the quotation: "described by Ann Ball as “…”",
# "described by The Times as a builder who “…”" (what she is described as, then its words)
_AGENT = re.compile(
    capitals(r"\s+by\s+((?:the\s+)?[A-Z][^,;:“”\"\x00]{0,60}?)\s+as\s+(?:[^.;:“”\"]{0,80}\s)?$")
)
_TAG_END = re.compile(r"[;\x00\"“”]")
# Words that are someone's, said: "was Mr Allen's consolation", "Lady Bertram's calm inquiry of".
_SAYING_NOUN_WORDS = (
    "reply", "answer", "rejoinder", "remark", "inquiry", "enquiry", "consolation", "response",
    "retort", "comment", "question", "observation", "exclamation", "cry", "advice", "verdict",
)  # fmt: skip
# What a text is that speaks for its writers ("the family's statement on his death read").
_DOCUMENTS = words("statement letter report release post tweet ruling decree opinion memo notice")
# The texts a description may name as a speaker (`describes_document`).
_WRITINGS = _DOCUMENTS | words(
    "study survey article paper book website column editorial review indictment complaint filing"
)
_SAYING_NOUNS = "(?:" + "|".join(_SAYING_NOUN_WORDS) + ")"
_OWNER = capitals(
    r"(?P<who>(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]*|(?:his|her|their)\s+[a-z]+)[’']s"
)
_OWNED_AFTER = re.compile(
    rf"[\s,—–-]*was\s+(?:all\s+|only\s+)?{_OWNER}(?:\s+[a-z]+){{0,3}}?(?:\s+{_SAYING_NOUNS})?"
    r"(?=[\s,.;:!?—–-]|$)"
)
_OWNED_BEFORE = re.compile(rf"{_OWNER}(?:\s+[a-z]+){{0,3}}?\s+{_SAYING_NOUNS}(?:\s+of)?[\s,:]*$")
# A saying noun that someone owns, then "was"/"were" and a colon or dash that introduces the
# words: "Sir Walter's remark was, soon afterwards--", "His last words to his brother were:"
_OWNED_WAS = re.compile(
    capitals(
        r"(?P<who>(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]*(?=[’']s\s)|\b(?:[Hh]is|[Hh]er|[Tt]heir)(?=\s))"
        r"(?:[’']s)?(?:\s+[a-z]+){0,2}?\s+(?:words|message|"
    )
    + _SAYING_NOUNS
    + r")(?:\s+(?:to|for)(?:\s+[\w’'-]+){1,5}?)?\s+(?:was|were)(?:,[^,:;“”\"\x00]{1,30},?)?"
    r"\s*(?::|--|—|–)\s*$"
)
_OWNER_PRONOUNS = {"his": "he", "her": "she", "their": "they"}
# What text that _OWNED_BEFORE ends ends with, spaces, commas and colons aside (searching for the
# pattern tries it at every position; most sentences end otherwise).
_OWNED_ENDS = (*_SAYING_NOUN_WORDS, "of")
# A description right after an inverted verb: a determiner, at most three more lower-case words
# and the noun, then a break (", placing the candle", " to him", the end of the sentence); never
# ending on an article or a link ("said a lawyer for the| family.": "family" is no adverb).
_DESCRIPTION_AFTER = re.compile(
    r"(?:his|her|their|the|a|an|one|my|our)(?:\s+(?:[a-z][\w’'-]*|(?:[A-Z]\.){2,}(?=\s+[a-z]))){1,4}?"
    r"(?<!\sthe)(?<!\sa)(?<!\san)(?<!\sof)(?<!\sfor)(?<!\sto)(?<!\sat)(?<!\swith)"
    r"(?=(?:\s+[a-z]+ly)?\s*(?:[,.;:!?—–]|--|\s(?:to|with|in|at|as|from|when|while|and|who|by)\b|$))"
)
# The same, closed by "for" where no other close comes within its words: "said the regional
# manager for one of the major oil companies who …" (not "a lawyer for the family", whole)
_DESCRIPTION_BEFORE_FOR = re.compile(_DESCRIPTION_AFTER.pattern.replace("|by)", "|by|for)"))
# A quotation signed after a dash, alone to its paragraph's end: “…” - Matthew Ingram
# (or an embedded post's signature: “…” — Ann Lee (@annlee) March 5, 2016; a dated one: “…” —
# Ann Lee, March 5, 2016; a pull quote's, with what it was said on: “…” — Ann Lee, on whether
# the dam will hold)
_SIGNED = re.compile(
    capitals(
        r"[\s,]*(?:[-–—―]|--)\s*([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,4})"
        r"(?:\s*\(@\w+\))?(?:,?\s+[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4})?"
        r"(?:,\s+(?:on|about|when|after|asked|speaking|writing)\s[^\n]{1,200})?\s*$"
    )
)
# Verbs in the past without -ed after a described subject (the two patterns below add their own)
_PAST_WITHOUT_ED = words(
    "sent made gave took held put set met left brought found began went came saw kept ran"
)
# A sentence opened by a description or a body and a verb in the past, after at most three
# short phrases set off by commas: "One poster admitted …", "On Jan. 4, the OCDA sent …"
_DESCRIBED_OPENER = re.compile(
    r"\s*(?:[^,;:“”\"\x00]{1,40},\s*){0,3}?"
    r"((?:The|A|An|One|His|Her|Their|Its|(?<=, )(?:the|its|their))\s+"
    r"(?:[\w’'.&-]+\s+){0,2}?[\w’'.&-]+)"
    r"\s+(?:(?:was|were|is|are|has|have|had|been)\s+)?(?:[a-z]+ly\s+)?"
    r"(?:[a-z]+ed|"
    + "|".join(sorted(_PAST_WITHOUT_ED | words("told wrote won lost paid spent sought struck")))
    + r")\b"
)
# What a sentence opened by someone telling reports, after at most two words for the hearers and
# a "that": a description and its verb in the past ("told police [that] the defendant walked").
# Not what is told the press: there the teller's "and said" goes on with their own statement.
_REPORTED_SUBJECT = re.compile(
    r"\s+(?:(?!(?:reporters|journalists|press|media)\b)[a-z]+\s+){0,2}?(?:that\s+)?"
    r"((?:the|a|an|his|her|their)\s+(?:(?!(?:the|a|an|his|her|their)\s)[a-z][\w’'-]*\s+){0,2}?"
    r"[a-z][\w’'-]*)\s+(?:then\s+)?"
    r"(?:[a-z]+ed|"
    + "|".join(sorted(_PAST_WITHOUT_ED | words("had was got drew threw hit stood")))
    + r")\b"
)
_TOLD = words("told reported stated explained testified claimed alleged recalled")
_AS_IF_TO = re.compile(r"\bas if to\s*$")
# A title's words joined by of, in or for to more capitals: "Secretary [of State John Kerry]"
_TITLE_TAIL = re.compile(capitals(r"(?:\s+(?:of|in|for)(?:\s+the)?(?:\s+[A-Z][\w’'.&-]*)+)+"))
# A body's name joined by "and", then a role and a name: "Health and Human Services Secretary
# Alex Azar" (the role word is what tells it from two people, "Ana Ruiz and Tom Lee")
_AGENCY_AND_TITLE = re.compile(capitals(r"\s+and(?:\s+[A-Z][\w’'&-]*)+"))
# "Senator from Vermont Bernie Sanders": "from" joins a title to a place as "of" does
_AFTER_JOINT = re.compile(capitals(r"[A-Z][\w.]*\s+(?:of|in|for|from)\s+(?:the\s+)?$"))
_TITLE_JOINT = re.compile(r"\s(?:of|in|for)\s(?:the\s)?")
# Role words in lower case between capitals and a name: "Republican [strategist] Ford O'Connell"
_ROLE_THEN_NAME = re.compile(
    capitals(r"((?:\s+[a-z][\w-]*){1,3})\s+([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)+)")
)
# The role words a possessive name owns: "Mr. Romney's [campaign manager]", "[chief of staff]"
_ROLE_OWNED = re.compile(
    r"(?:\s+[a-z][\w-]*){1,4}?(?:\s+of\s+[a-z][\w-]*)?"
    r"(?=\s*(?:,|$|\.|\s(?:for|at|of|in|on|said)\b))"
)
_LOWER_ROLE = re.compile(capitals(r"(?:[a-z][\w’'-]*\s+){1,3}(?=[A-Z])"))
_LEADING_PUNCT = re.compile(r"[\s,—–-]*")
_COMMA = re.compile(r",\s*")
_PRONOUN_HERE = re.compile(r"(he|she|it|they)\b")
_NOT_SPACE = re.compile(r"[^\s]+")
_INITIAL_END = re.compile(r"\b[A-Z]\.$")
_APPOSITIVE_ROLE = re.compile(r",\s+((?:a|an|the)?\s*[a-z][^,.;]{2,100}?)(?=[,.;]|$)")
_LATER_VERB = re.compile(rf"[^,.;:!?\x00]{{0,80}}?(?<![\w-])(?P<verb>{_VERB})")
_TOKEN_WINDOW = 160
# Words of a description that is a verb's subject ("The New York Times editorial board wrote")
_DESCRIPTION_WORDS = 7
_SPACE_CHAR = re.compile(r"\s")
_LOWER_WORD = re.compile(r"[a-z][a-z’'-]*")
_SKIP_BACK = words(
    "has have had was is were are been being also then once later quickly strongly simply "
    "recently previously repeatedly again further reportedly would will could often always "
    "never already publicly privately just even initially finally up out not himself herself "
    "themselves itself yesterday today tonight earlier did does do"
)
_PASSIVE = frozenset({"was", "is", "were", "are", "been", "being"})
# What stands before "to" and a speech verb and leaves its subject before it ("went on to say",
# "wanted to ask", "decided to write").
_WENT = words("went goes go")
_BEFORE_TO = words(
    "wanted wants decided decides tried tries continued continues chose refused began hoped wished"
)
_ADVERBS = words("also then once later soon often never always already just even still since now")
_LOOK_BACK = 200  # speakers searched back for a pronoun or a role
_GENDER_NAMINGS = 50  # a person's first namings read for the gender the text gives them
_READ_DEPTH = 32  # verbs read one inside another's look back before reading in order
_UNREAD = object()  # a speech verb whose speaker is not read yet
_OPENER_LOOK_BACK = 12  # people named since the last speaker, searched for a sentence's subject
_FIRST_AND_SECOND_PERSON = words("i we you us me one")
_PRONOUNS = {"he": "person", "she": "person", "it": "org", "they": "org"}
# After "according to", "attributed to" or "described by" (a lone "her" is a determiner: nobody).
_OBJECT_PRONOUNS = {"him": "he", "them": "they"}
_DETERMINERS = words("the a an his her its their our this that one")
# The determiners that open a description (not "this" or "that", which point back)
_DESCRIPTION_DETERMINERS = _DETERMINERS - {"this", "that"}
# What opens a description of someone: a determiner or a number ("one aide", "two officials"),
# or a bare plural of people ("people familiar with the talks")
_DESCRIPTION_OPENERS = _DESCRIPTION_DETERMINERS | words("another two three several some")
_BARE_PLURALS = words(
    "people officials aides sources critics experts analysts residents voters supporters "
    "witnesses lawmakers"
)
# Initials that do not end a sentence inside a description: "a U.N. spokesman", "U.S. officials"
_ABBREVIATED = re.compile(r"(?:[A-Z]\.){2,}")
# The heads of a group named without a determiner: "Iowa police said", "U.S. officials said"
_GROUP_HEADS = _BARE_PLURALS | words(
    "police authorities prosecutors investigators officers researchers scientists doctors "
    "activists protesters organizers diplomats economists leaders groups advocates campaigners"
)
# Or any plural of a person's trade or part: "bankers", "traders", "economists", "physicians"
# (in a tag after the quotation; a tag line before a block quote names no one by trade)
_GROUP_HEAD = rf"(?:{'|'.join(sorted(_GROUP_HEADS))}|[a-z]{{2,}}(?:ers|ists|ians))"
# Someone who speaks for another, described before the one spoken for: "a spokesman for the
# Red Cross", "a lawyer for Ann Lee" (the description speaks, not the body or person after it)
_AGENTS = words(
    "spokesman spokeswoman spokesperson spokespeople spokesmen spokeswomen representative "
    "representatives aide aides adviser advisers advisor advisors lawyer lawyers attorney "
    "attorneys official officials"
)
_AGENT_FOR = re.compile(
    rf"\b((?:{'|'.join(sorted(_DESCRIPTION_OPENERS))})\s+(?:[\w’'.-]+\s+){{0,3}}?"
    rf"(?:{'|'.join(sorted(_AGENTS))})\s+(?:for|of|at|to|with)(?:\s+the)?)\s*$",
    re.I,
)
# Words that name a part of a group with "of": "some of them", "most of the workers"
_PART_OF = words("some many most few several both all each none")
# Those not already opening a description, but "none" (none of them spoke)
_PART_OPENERS = "|".join(sorted(_PART_OF - _DESCRIPTION_OPENERS - {"none"}))
# A description, then the verb it is the subject of (an appositive in commas between)
_DESCRIBED_VERB = re.compile(
    rf"((?:(?:{'|'.join(sorted(_DESCRIPTION_OPENERS))})\s+|(?:{_PART_OPENERS})\s+(?=of\s)|"
    rf"(?=(?:{'|'.join(sorted(_BARE_PLURALS))})\b))"
    rf"(?:(?:[A-Z]\.){{2,}}\s+|[\w’'-]+\s+){{0,6}}?[\w’'-]+)"
    rf"(?:,\s(?-i:(?![A-Z]))[^,“”\"\x00]{{1,120}},)?"
    rf"\s+(?:\w+ly\s+)?{_VERB}",
    re.I,
)
_HONORIFICS = words("mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady")
_GIVEN_NAME_TITLES = words("sir dame")
ROLE_WORDS = words(
    "president vice prime minister mayor police chief commissioner councillor councilman "
    "councilwoman council member senator sen. rep. representative governor gov. secretary "
    "judge justice director professor officer sheriff inspector chancellor ambassador general "
    "gen. colonel col. captain capt. sergeant sgt. detective agent attorney attorney-general "
    "prosecutor investigator defender examiner assemblymember assemblyman assemblywoman "
    "councilmember cardinal major admiral adm. corporal brigadier det. cpl. "
    "leader "
    "speaker deputy assistant executive ceo chairman chairwoman chair king queen pope bishop "
    "rabbi imam reverend rev. coach editor spokesman spokeswoman spokesperson press ranger "
    "adviser advisor analyst economist researcher skipper fisherman co-founder founder head "
    "superintendent supervisor manager commander lieutenant lt. opposition premier treasurer "
    "auditor dean principal student fellow mathematician physicist biologist scientist "
    "historian journalist columnist artist musician actor actress author writer novelist poet "
    "philosopher lawyer barrister solicitor physician doctor nurse teacher engineer architect "
    "photographer curator singer composer activist campaigner academic psychologist astronaut "
    "advocate comptroller administrator counsel marshal trooper warden ombudsman magistrate envoy "
    "critic undersecretary under-secretary"
)


def _plural(word: str) -> str:
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("s", "sh", "ch", "x")) else "s")


# People in the plural, a name before them says whose or where they are ("Twitter users",
# "Israeli officials", "Labour councillors"): the group speaks, not the name. The role words'
# plurals, but not those that are also verbs ("heads", "chairs", "judges").
_GROUP_NOUNS = (
    _BARE_PLURALS
    | frozenset(_plural(w) for w in ROLE_WORDS if w.isalpha())
    | words(
        "users members fans netizens bloggers protesters protestors demonstrators citizens "
        "opponents workers employees students parents readers viewers followers commenters "
        "posters activists organizers organisers delegates investors shareholders customers "
        "farmers villagers locals neighbours neighbors relatives survivors victims refugees "
        "migrants passengers patients legislators politicians diplomats authorities troops "
        "soldiers militants rebels insurgents fighters observers commentators reporters"
    )
) - words("heads chairs judges presses generals majors")
_PEOPLE_AFTER = re.compile(r" ([a-z]+)\b(?![’'-])")


def _group_after(text: str, name: str, end: int) -> str | None:
    """The people in the plural that a name ending at text[end] qualifies ("Twitter| users"),
    if any; none after a possessive or a word that is no name ("Frustrated skippers")."""
    match = _PEOPLE_AFTER.match(text, end)
    if match is None or match.group(1) not in _GROUP_NOUNS or name.endswith(_POSSESSIVE_ENDS):
        return None
    last = name.split()[-1].casefold()
    if last.endswith(_NOT_ONE_WORD_NAME) or last in _SENTENCE_OPENERS | _NOT_A_SUBJECT:
        return None
    return None if last in _QUANTIFIERS else match.group(1)


_QUANTIFIERS = words("other others such more fewer all any no")  # "Other bloggers": no name


# Roles written as capitals, as they are only ("DA John Creuzot", "ADA Ana Ruiz"; "Da" is a
# particle of names: "Luiz Da Silva").
ROLE_ABBREVIATIONS = words("DA ADA AG CEO CFO COO")
_ORG_WORDS = words(
    "agency department council committee association police ministry office center centre "
    "division unit branch "
    "university institute foundation commission bureau party company inc inc. corp corp. "
    "group service administration government court bank fund union board organization "
    "organisation authority coalition network enforcement commission forum trust society "
    "league federation club college school hospital church army navy website survey report "
    "study news journal times magazine tribune herald gazette democrats republicans "
    "conservatives liberals progressives independents officials lawmakers voters"
)
_OPENERS = words(
    "but and or so yet in on at as when while after before if though although because since "
    "for only then now today yesterday also however meanwhile still even the a an this that "
    "these those "
    "according here there dear well oh ah yes no what who why how where"
)
# What follows a company's name: "Google Inc.", "Exxon Corp", "Acme Holdings"
_COMPANY_SUFFIX = (
    r"(?:Inc|Corp|Co|Ltd|LLC|LLP|PLC|plc|AG|SA|NV|GmbH|Group|Holdings|Company|Corporation|"
    r"Incorporated|Limited)\b"
)
_PARTICLES = words("de van von der den al bin da du del la le di dos ter te")
_PREPOSITIONS = words("with of to in on for by from at that which who and or as into than per via")
_CONNECTORS = frozenset({"of", "and", "for", "&", "on"})
# Lower-case words a title runs over before the name it ends with: "Chief of Police", "Special
# Agent in Charge", "Director of the … Center for Women".
_TITLE_LINKS = words("of the for in and & on to at")
_ABBREVIATIONS = words(
    "mr mrs ms dr st jr sr sen rep gov gen lt col capt sgt cpl det prof rev no vs inc corp co ltd "
    "u.s adm "
    "u.k u.n e.g i.e a.m p.m"
)
# A short form in brackets after a name or a title: "(DA)", "(ICE)", "(U.S.)".
_SHORT_FORM = r"\([A-Z][A-Za-z.&]{0,11}\)"
_SHORT_FORM_RE = re.compile(_SHORT_FORM)
_TOKEN = re.compile(_SHORT_FORM + r"|[^\s,;:!?“”„«»\"()\[\]—–]+|[,;:—–]")
_AFTER_STOP = r"[\"”’')\]\x00]*\s+(?=[\"“‘(\[\x00@" + CAPITALS + r"0-9])"
_SENTENCE_END = re.compile(r"[.!?]" + _AFTER_STOP)
# The same, one pattern for each stop (see spans.starts_of); no match holds a second stop.
_SENTENCE_ENDS = {stop: re.compile(re.escape(stop) + _AFTER_STOP) for stop in ".!?"}
_CLOSERS = frozenset("\"”’')]\x00")  # what _SENTENCE_END takes between a stop and spaces
# "according to" as words, in any case; written out so it opens with a character class the
# engine skips to (the character before is checked in a lookbehind, as \b did).
# "attributed to" the same way: "a quote attributed to Einstein — “…”".
_ACCORDING = re.compile(
    r"(?:[Aa](?<![\w][Aa])(?:[Cc][Cc][Oo][Rr][Dd][Ii][Nn][Gg]|ttributed)\s+[Tt][Oo]"
    r"|\b[Ii]n\s+the\s+words\s+of|\b[Aa]\s+quot(?:e|ation)\s+from)\s+"
)
_AS_VERB_END = re.compile(r"\b[Aa]s\s+([a-z]+)\s+$")  # before " by ": "as noted", "As held"
_ATTRIBUTED_BY = re.compile(r"\s+by\s.*$")  # "attributed to her by the paper": who attributed it
# What _ACCORDING reads, lower-cased: a sentence without one is not searched (see _according).
_ACCORDING_WORDS = ("ccording", "ttributed", "words of", "quote from", "quotation from")
# An Arabic article or kin word joined to the capitalised word after it: "Bashar al-Assad",
# "Abdel Fattah el-Sisi", "Ali al-Khalifa al-Sabah"
_JOINED_PARTICLE = r"(?:al|el|ad|an|ar|as|ash|at|az|bin|ibn|abu|abd|ul)-[A-Z][\w’'.-]*"
_JOINED_SURNAME = re.compile(capitals(_JOINED_PARTICLE))  # a name's last word: "al-Amr said"
_NAME_TAIL = capitals(
    r"(?:\s+(?:[A-Z][\w’'.-]*|" + _SHORT_FORM + r"|" + _JOINED_PARTICLE + r"|(?:de|van|von|"
    r"der|al|bin|da|du|del|la|le|di|te)(?=\s+[A-Z])))*"
)
_NAME_RUN = re.compile(
    capitals(r"(?:[A-Z][\w’'.-]*|\b(?:de|van|von|der|al|bin|da|du|del|la|le|di|te)(?=\s+[A-Z]))")
    + _NAME_TAIL
)
# The same runs, found only from a capital: a pattern that starts with a character class lets the
# engine skip to the next capital, several times faster over a whole article.
_NAME_SCAN = re.compile(capitals(r"[A-Z][\w’'.-]*") + _NAME_TAIL)


_WHEN = words(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "june july august september october november december last next earlier later early late "
    "today yesterday tonight"
)
_NOT_IN_ROLE = _OPENERS | _PREPOSITIONS | _WHEN
_POSSESSIVE_ENDS = ("'s", "’s", "s'", "s’")  # "Romney's", "DeSantis'"
_TIME_AFTER = words("on in this")  # what opens a time after a subject
_TIME_WORDS = _WHEN | words("week month year night morning afternoon evening weekend")
_DAY_PHRASE = words("the that same very following previous day")  # "on the same day"
# Adverbs, quantifiers and verbs that open a sentence before a capital but never a name ("Maybe I
# …", "Many Tunisians …", "See Facebook's …", "Like Dr. Johnson, I …", which compares; "Meet
# Ana Ruiz", "Recently Ana …"), prepositions and auxiliaries ("To Fanny he said", "During Mora's
# speech", "Had Elizabeth known"): dropped from the front of a run as openers are.
_NEVER_NAME_FIRST = words(
    "maybe perhaps see many most some few several both every each like unlike meet "
    "recently currently previously additionally finally ultimately fortunately unfortunately "
    "to during with without regarding despite upon among amid against toward towards under "
    "throughout had could would should did once"
)
_SENTENCE_OPENERS = _OPENERS | _WHEN | _NEVER_NAME_FIRST  # words a sentence opens with, no name
# Verbs of saying a sentence may open with, inverted ("Said Trump: “…”", "Added Ms. Lee, …")
_INVERTED_OPENERS = words("said says added adds asked asks wrote writes replied tweeted countered")
_NOT_NAME_FRONT = _SENTENCE_OPENERS | _INVERTED_OPENERS  # dropped from a name's front
# A person's part in a case, not a title ("Defendants Victor Medrano, 44, and …"): dropped from a
# name's front, as a plural role is ("Officers Ana Ruiz and …"), where a full name follows.
_PARTIES = words(
    "defendant co-defendant suspect victim plaintiff witness eyewitness inmate petitioner "
    "appellant juror"
)
_ORG_LINKS = _PREPOSITIONS | words("without against")  # "Doctors Without Borders"
# A party and state after a name: "Rep. John Mica (R-Fla.)", "Claire McCaskill, D-Mo.,". They
# are blanked (same length) before attribution, so they are never taken for a speaker.
_PARTY_STATE = re.compile(
    r"\((?:(?:[RDIL]|Rep|Dem|Ind|Lab|Con|Lib|SNP|Grn)\s*[-–.,]\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?"
    r"|[A-Z]{2}-(?:\d\d?|AL))\)"  # or a state and district: "Rep. Ana Ruiz (WI-02)"
    r"|(?<=, )(?:[RDI])-[A-Z][a-z]{1,4}\.?(?=,)"
)


# Its two halves, each opening with a literal, to find them fast (the lookbehind becomes the
# comma and space it looks at, so a match ends at the same place).
_PARTY_IN_BRACKETS = re.compile(_PARTY_STATE.pattern.split("|(?<=, )")[0])
_PARTY_AFTER_COMMA = re.compile(", " + _PARTY_STATE.pattern.split("|(?<=, )")[1])

# Degrees or fellowships set between commas after a name ("Jane Holt, Ph.D., director …"),
# blanked the same way: a speaker's letters, never the speaker.
_CREDENTIAL = (
    r", (?:M\.?D\.?|Ph\.?D\.?|M\.?P\.?H\.?|DrPH|J\.?D\.?|Esq\.?|R\.?N\.?|DNP|MSN|MBA|DDS|"
    r"FA[A-Z]{2,3})"
)
# The first one written out, so the pattern opens with a literal the engine jumps to
_CREDENTIAL_AFTER_COMMA = re.compile(rf"{_CREDENTIAL}(?:{_CREDENTIAL})*(?=,)")


def blank_party_state(text: str) -> str:
    """The text with party-and-state abbreviations and credentials replaced by spaces (offsets
    unchanged)."""
    found = [m.span() for m in _PARTY_IN_BRACKETS.finditer(text)]
    found += [(m.start() + 2, m.end()) for m in _PARTY_AFTER_COMMA.finditer(text)]
    for m in _CREDENTIAL_AFTER_COMMA.finditer(text):
        # "Jane Holt, MD, said": the comma after goes too, so the name meets its verb (not after
        # other words, "Tom Lee, of Bethesda, MD, said", where MD is a state closing an aside)
        lead = text[max(0, m.start() - 80) : m.start()]
        lead = lead[max(lead.rfind(c) for c in ',.!?“”"\n') + 1 :]
        joined = _VERB_HERE.match(text, m.end() + 2) and all(w[0].isupper() for w in lead.split())
        found.append((m.start(), m.end() + 1 if joined else m.end()))
    if not found:
        return text
    parts: list[str] = []
    at = 0
    for start, end in sorted(found):
        parts += [text[at:start], " " * (end - start)]
        at = end
    parts.append(text[at:])
    return "".join(parts)


def verbs_in(
    text: str, pos: int = 0, endpos: int | None = None, *, alone: bool = False
) -> list[tuple[int, int]]:
    """(start, end) of each speech verb in text[pos:endpos], as `_VERB_AT.finditer` finds them
    (alone: as in the slice text[pos:endpos], where nothing stands before pos)."""
    endpos = len(text) if endpos is None else endpos
    found: list[tuple[int, int]] = []
    at = max(pos - 1, 0)
    if pos == 0 or alone:
        first = _VERB_HERE.match(text, pos, endpos)
        if first is not None:
            found.append(first.span())
            at = first.end()
        else:
            at = pos
    # after a space, then after any other character that is not a word's (two passes that
    # open with a literal and a character class: faster than one with a lookbehind)
    spaced = [(m.start() + 1, m.end()) for m in _VERB_AFTER_SPACE.finditer(text, at, endpos)]
    other = [
        (m.start() + 1, m.end())
        for m in _VERB_AFTER_OTHER.finditer(text, at, endpos)
        if not (text[m.start()].isalnum() or text[m.start()] == "_")
    ]
    # after a NUL (where a blanked quotation ends): one search a run of them, not one at each
    nul = text.find("\x00", at, endpos)
    if nul >= 0:
        for nuls in _NULS.finditer(text, nul, endpos):
            after = _VERB_HERE.match(text, nuls.end(), endpos)
            if after is not None:
                other.append(after.span())
    if other:  # the two passes' verbs in order, without overlaps (as one pass finds them)
        for verb in sorted(spaced + other):
            if not found or verb[0] >= found[-1][1]:
                found.append(verb)
        return found
    return found + spaced


@dataclass(slots=True)  # not frozen: frozen fields cost a call each to set, and many are made
class Attribution:
    """The speaker of one quotation and their role, either of them possibly unknown (never
    changed once made)."""

    speaker: str | None = None
    role: str | None = None
    local: bool = False  # named in the quotation's own sentence (or a block quote's source line)


@dataclass(slots=True)
class _Entity:
    name: str
    kind: str  # person or org
    role: str | None


@dataclass(slots=True)
class _Context:
    """What is known while reading the article in order."""

    text: str
    names: dict[str, str] = field(default_factory=dict)  # surname key → full name
    # surname key → every full name written with it, in order, when there are two or more
    variants: dict[str, list[str]] = field(default_factory=dict)
    # Keys of more than _KEY_WORDS words are not in names nor variants (a run of n capitals has
    # n keys): the full names that have them are listed by their last _KEY_WORDS + 1 words, in
    # the order they were given, and read back as those two would be (see full_name).
    long_names: dict[str, list[str]] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)  # full name → role at first mention
    # The speakers of the speech verbs outside quotations ("Menino said he …"), each read only
    # when a look back reaches it (most never are): per paragraph, its verbs (start, end),
    # found when first asked, and each verb's speaker (None: none; _UNREAD: not read yet).
    # When paragraphs overlap, every verb is read at the start into `in_order`.
    paras: Sequence[Paragraph] = ()
    para_starts: list[int] = field(default_factory=list)
    verb_starts: list[int] | None = None  # over the whole text: only when a paragraph needs it
    closes: list[int] = field(default_factory=list)  # where each blanked quotation ends
    nuls: list[int] = field(default_factory=list)  # where the text has a NUL of its own
    verbs: list[list[tuple[int, int]] | None] = field(default_factory=list)
    speakers: list[list[_Entity | object | None]] = field(default_factory=list)
    in_order: list[tuple[int, _Entity]] | None = None
    first_unread: int = 0  # every verb of the paragraphs before it is read
    # closing marks followed by a set-apart tag a colon ends ("“…”Said Ana Ruiz:“…”"): the tag
    # introduces the next quotation, not the one it follows
    introducing: frozenset[int] = frozenset()
    depth: int = 0  # verbs being read, one inside the other's look back
    horizon: float = float("inf")  # the verb being read: nothing from it on is known yet
    people: list[tuple[int, str]] = field(default_factory=list)  # every person named, in order
    people_positions: list[int] = field(default_factory=list)
    # What each naming in people needs for its subject and gender, read only when asked:
    # (paragraph, start, end, full name, role or None, whether the role is still to be read)
    namings: list[tuple[Paragraph, int, int, str, str | None, bool]] = field(default_factory=list)
    by_name: dict[str, list[int]] = field(default_factory=dict)  # full name → its namings
    person_words: frozenset[str] | None = None  # the words of every name in by_name, folded
    subjects: dict[int, bool] = field(default_factory=dict)  # naming → whether it opens a clause
    genders: dict[str, str | None] = field(default_factory=dict)  # full name → "he", "she"
    previous: _Entity | None = None  # the speaker of the quotation before (the salient one)
    previous_of: dict[str, _Entity] = field(default_factory=dict)  # the same, by known gender
    masked: str = ""  # the text with its quotations blanked out
    # Where the masked text's sentences end (abbreviations excluded), by paragraph (start,
    # end): each end's full stop and where the next sentence starts, found once per paragraph
    # asked about.
    ends: dict[tuple[int, int], tuple[list[int], list[int]]] = field(default_factory=dict)
    hidden: list[tuple[int, int]] = field(default_factory=list)  # the blanked quotations
    # The subjects found before each verb, by (sentence start, verb): the reported speech pass
    # finds most of the quotations' own, kept unless the finding read `previous` (the one
    # thing that differs between that pass and a quotation's).
    subjects_before: dict[tuple[int, int], Attribution | None] = field(default_factory=dict)
    previous_reads: int = 0
    shared: frozenset[str] | None = None  # surnames written after two titles (see _shared)
    title_sex: dict[str, str] = field(default_factory=dict)  # full name → "he"/"she" by title
    # The last speaker given as a description of known gender ("his wife", "her husband"), by
    # pronoun: who a he or she stands for when no person named fits.
    described: dict[str, Attribution] = field(default_factory=dict)
    companies: dict[str, bool] = field(default_factory=dict)  # one word → a company's name
    # Names read as a company's though written as a person's ("Wells Fargo"): see _company_named
    named_companies: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        # the NULs the text has (searched for once: in a text not all ASCII, a search for a NUL
        # is slow)
        at = self.text.find("\x00")
        while at >= 0:
            self.nuls.append(at)
            at = self.text.find("\x00", at + 1)

    def named(
        self,
        para: Paragraph,
        position: int,
        end: int,
        name: str,
        role: str | None,
        role_unread: bool = False,
    ) -> None:
        """Record a person named at [position, end) (in text order), written with role."""
        self.by_name.setdefault(name, []).append(len(self.people))
        self.people.append((position, name))
        self.people_positions.append(position)
        self.namings.append((para, position, end, name, role, role_unread))

    def full_name(self, key: str) -> str | None:
        """The full name a surname key (folded: its last words, or all) stands for, if any."""
        found = self.names.get(key)
        if found is None and self.long_names and key.count(" ") >= _KEY_WORDS:
            found = self._long_key(key)[0]
        return found

    def variants_of(self, key: str) -> list[str] | None:
        """Every full name written with a surname key, in order, when there are two or more."""
        found = self.variants.get(key)
        if found is None and self.long_names and key.count(" ") >= _KEY_WORDS:
            found = self._long_key(key)[1]
        return found

    def add_name(self, key: str, name: str) -> None:
        """Give a full name a surname key of at most _KEY_WORDS words."""
        self.names[key], fulls = _given(self.names.get(key), self.variants.get(key), name)
        if fulls is not None:
            self.variants[key] = fulls

    def _long_key(self, key: str) -> tuple[str | None, list[str] | None]:
        """What full_name and variants_of give for a key of more than _KEY_WORDS words: every
        full name that has it given again, in order, as add_name would have."""
        found: str | None = None
        fulls: list[str] | None = None
        for name in self.long_names.get(" ".join(key.split(" ")[-_KEY_WORDS - 1 :]), ()):
            folded = name.casefold()
            if folded == key or folded.endswith(" " + key):
                found, fulls = _given(found, fulls, name)
        return found, fulls

    def subject(self, index: int) -> bool:
        """Whether the naming at people[index] opens a clause (a verb follows it)."""
        found = self.subjects.get(index)
        if found is None:
            para, start, end, _, _, _ = self.namings[index]
            found = self.subjects[index] = _opens_clause(self, para, start, end)
        return found

    def with_role(self, index: int) -> bool:
        """Whether the naming at people[index] is written with a role ("Senator Ted Cruz",
        "skipper Wade Bassi"; not "Mr. Cruz")."""
        para, start, _, _, role, unread = self.namings[index]
        if role is None and unread:
            role = _lowercase_role(self.text, start, para.start)
        return role is not None

    def modifier(self, index: int) -> bool:
        """Whether the naming at people[index] follows a determiner or "of" ("the Reyes
        video", "Ortiz of The Ledger"): a name used of something, not the person brought in."""
        return self._follows(index, _DETERMINER_END, 6)

    def addressed(self, index: int) -> bool:
        """Whether the naming at people[index] follows "to" or "with" after a verb of talking
        or meeting ("speaking to Martin Smith", "met with Ann Lee"): someone spoken to, not the
        one speaking."""
        return self._follows(index, _ADDRESSED_END, 20)

    def place(self, index: int) -> bool:
        """Whether the naming at people[index] follows a preposition of place ("in Crown
        Heights", "near Lake Ellis"): a place, not a person brought in."""
        return self._follows(index, _PLACE_END, 8)

    def _follows(self, index: int, ending: re.Pattern[str], reach: int) -> bool:
        """Whether words ending matches (at most reach characters, within its paragraph) come
        right before the naming at people[index]."""
        para, start, _, _, _, _ = self.namings[index]
        return ending.search(self.masked, max(para.start, start - reach), start) is not None

    def gender(self, name: str, keep: bool = True) -> str | None:
        """The gender the text gives a person ("he" or "she"), from the first naming that
        shows one: an honorific or gendered word before it or in its role, or a he/she/his/her
        later in the sentence it opens; else the given name's ("Hillary Clinton"). Only the
        first _GENDER_NAMINGS namings are read (a name that shows none there is read once, not
        at each of its hundreds of namings in a long text). Not kept while names are still
        being collected."""
        if name in self.genders:
            return self.genders[name]
        found = None
        # the text's own evidence first ("Andrea Bocelli thanked his fans"), then the given name
        # ("Hillary Clinton"), which shows it to a reader
        for index in self.by_name.get(name, ())[:_GENDER_NAMINGS]:
            found = _gender_shown(self, index)
            if found is not None:
                break
        if found is None:
            found = given_name_gender(name)
        if keep or found is not None:
            self.genders[name] = found
        return found

    def fits(self, name: str, pronoun: str) -> bool:
        """Whether a person may be the pronoun: gender unknown, or the pronoun's."""
        return self.gender(name) in (None, pronoun)

    def is_person(self, name: str) -> bool:
        """Whether a speaker's name is a person's as the text names people: a full name, or one
        word that is a person named in it or a word of one's full name ("Yoon" of "Yoon Suk
        Yeol"). A capitalised word that is no one's ("I’ve", "Depression", "So") is not, nor a
        description opening a sentence ("One woman")."""
        if name.split(maxsplit=1)[0].casefold() in _DETERMINERS:
            return False  # "One woman", "The owner": a description, read as one
        if " " in name or name in self.by_name:
            return True
        if self.person_words is None:  # the names are all read before any quotation's speaker
            self.person_words = frozenset(
                word for full in self.by_name for word in full.casefold().split()
            )
        return name.casefold() in self.person_words

    def company(self, name: str) -> bool:
        """Whether one word that names a speaker is a company's name as the text writes it:
        somewhere followed by a company suffix ("Google Inc.", "Exxon Corp.")."""
        found = self.companies.get(name)
        if found is None:
            suffixed = re.compile(rf"(?<![\w-]){re.escape(name)},?\s+{_COMPANY_SUFFIX}")
            found = self.companies[name] = suffixed.search(self.text) is not None
        return found

    def unnamed(self, position: int) -> _Entity | None:
        """The last speaker before position named by one word that is no person's name in the
        text ("Google said"): what an "it" stands for when no organisation was named."""
        for _, entity in self._mentions_before(position):
            if " " not in entity.name and _surname_like(entity.name):
                person = self.is_person(entity.name) or is_given_name(entity.name)
                return None if person else entity
        return None

    def organisation_before(self, position: int) -> _Entity | None:
        """The organisation named like a person last before position (within _COMPANY_REACH
        characters), as "the company" stands for it: a name brought in (not after "the" or a
        preposition of place) that reads as a company's (`_company_named`)."""
        j = bisect_left(self.people_positions, position)
        for index in range(j - 1, max(-1, j - _LOOK_BACK), -1):
            at, name = self.people[index]
            if position - at > _COMPANY_REACH:
                return None
            if self.modifier(index) or self.place(index):
                continue
            para, start, end, _, _, _ = self.namings[index]
            if _company_named(self, name, end, _sentence_bounds(self, para, start)[1]):
                return _Entity(name, "org", None)
        return None

    def pronoun(self, position: int, pronoun: str) -> _Entity | None:
        """The person a he or she before position stands for: the salient subject of its gender.

        The last speaker or the last named subject of a clause, whichever came later, when
        their gender (as the text shows it) fits; else the nearest person before who fits.
        """
        entity = self.last(position, "person")
        j = bisect_left(self.people_positions, position)
        # The last speaker, described by a role or a gendered word, with no one named since
        # ("The Israeli leader said he was “grateful” …. “…,” he said"): the salient one.
        mentions = self._mentions_before(position)
        latest = next(mentions, None)
        if (
            latest is not None
            and latest[1].kind != "person"
            and not describes_person(latest[1].name)
        ):
            # "said the regional manager for one of the oil companies who spoke on condition
            # …": a body in the speaker's own sentence is no he or she; the one described is
            before = next(mentions, None)
            if (
                before is not None
                and before[1].kind != "person"
                and describes_person(before[1].name)
                and not self._sentence_ends_between(before[0], latest[0])
            ):
                latest = before
        if (
            latest is not None
            and latest[1].kind != "person"
            and (
                j == 0
                or (
                    self.people_positions[j - 1] < latest[0]
                    # not one described in a clause of a named subject's sentence ("Ann Lee
                    # apologised after a councillor criticised her")
                    and self._sentence_ends_between(self.people_positions[j - 1], latest[0])
                )
            )
            and describes_person(latest[1].name)
            and _fitting_description(latest[1].name, pronoun)
        ):
            return latest[1]
        if entity is not None and not self.is_person(entity.name):
            # a capitalised word that opened a clause: the subject named near instead, if any
            entity = self._near_subject(position)
        # The subject of a sentence named since the last speaker ("Fiona Parry issued a plea …
        # “…,” she said"): the centre of what is being told now, when the gender fits.
        opener = self._sentence_opener(position, j)
        if (
            opener is not None
            and (entity is None or opener != entity.name)
            and self.fits(opener, pronoun)
            and not self._subject_since(position, entity, opener, pronoun)
        ):
            return _Entity(opener, "person", self.roles.get(opener))
        # One cited since the last speaker ("… was the key, according to Kidston. “…,” he said").
        cited = self._cited_since(latest[0] if latest is not None else -1, j, pronoun)
        if cited is not None and (entity is None or cited != entity.name):
            return _Entity(cited, "person", self.roles.get(cited))
        if entity is not None and self.fits(entity.name, pronoun):
            if self.gender(entity.name) is not None:
                return entity
            # Of gender unknown: a person named since whose gender is the pronoun's is likelier
            # ("Hillary Clinton spoke. Her husband Bill Clinton joined. “…,” he said"), not one
            # named before the speaker was ("her mother, Fiona, said" after Eloise Parry), nor
            # one spoken to ("Speaking to Martin Smith of PBS, he said").
            # Only the people after the speaker's last naming (within the look back) are read,
            # so the speech verb is searched back no further than the first of them.
            low = max(0, j - _LOOK_BACK)
            k = j - 1
            while k >= low and self.people[k][1] != entity.name:
                k -= 1
            if k == j - 1:
                return entity
            floor = self._said_at(position, entity.name, self.people_positions[max(k, low)])
            for index in range(j - 1, low - 1, -1):
                at, name = self.people[index]
                if name == entity.name or at < floor:
                    break
                if self.gender(name) == pronoun and not self.addressed(index):
                    return _Entity(name, "person", self.roles.get(name))
            return entity
        # The last quotation's speaker known to be of the pronoun's gender, when the last person
        # is known to be of the other one.
        self.previous_reads += 1
        same = self.previous_of.get(pronoun)
        if same is not None and entity is not None and self.gender(entity.name) is not None:
            return same
        previous = self.previous
        if (
            previous is not None
            and (
                self.is_person(previous.name)
                or (_surname_like(previous.name) and not self.company(previous.name))
            )
            and self.fits(previous.name, pronoun)
            and (entity is None or entity.name != previous.name)
        ):
            return previous
        # the nearest person of that gender, named since the last speaker when that one is a
        # description that fits ("the small business owner who wrote … “…,” he said")
        stop = latest[0] if latest and _fitting_description(latest[1].name, pronoun) else -1
        for at, name in reversed(self.people[max(0, j - _LOOK_BACK) : j]):
            if at < stop:
                break
            if self.gender(name) == pronoun:
                return _Entity(name, "person", self.roles.get(name))
        return None

    def _subject_since(
        self, position: int, entity: _Entity | None, opener: str, pronoun: str
    ) -> bool:
        """Whether the last person named, known to be of the pronoun's gender, is the subject of
        the sentence before the pronoun's (or of its own), named after the sentence opener of
        gender unknown ("Eskinder Nega is …. Serkalem Fasil, his wife, highlighted …. She
        said:"): that subject is the salient one, not the opener."""
        if entity is None or self.gender(opener) is not None or self.gender(entity.name) != pronoun:
            return False
        before = _sentence_before(self, position)
        floor = before[1] if before is not None else 0
        opened = self._named_last(opener, position)
        if opened >= 0:
            floor = max(floor, self.people_positions[opened])
        last = self._named_last(entity.name, position)
        return last >= 0 and self.people_positions[last] > floor and self.subject(last)

    def _named_last(self, name: str, position: int) -> int:
        """The index in people of name's last naming before position (-1: none)."""
        before = [k for k in self.by_name.get(name, ()) if self.people_positions[k] < position]
        return before[-1] if before else -1

    def _said_at(self, position: int, name: str, lowest: int) -> int:
        """Where the last speech verb before position whose speaker is name is (-1: none, or
        none after lowest, where a floor no longer matters)."""
        for at, entity in self._mentions_before(position):
            if at <= lowest:
                return -1
            if entity.name == name:
                return at
        return -1

    def _near_subject(self, position: int) -> _Entity | None:
        """The last person named before position, in its paragraph or the one before, who opens
        a clause ("Writing in a blog post, Matthew Ingram … dubbed …. He …")."""
        index = bisect_left(self.para_starts, position + 1) - 2
        found = _clause_subject(self, self.para_starts[index] if index >= 0 else 0, position)
        return None if found is None else _Entity(found.speaker or "", "person", found.role)

    def _sentence_ends_between(self, before: int, after: int) -> bool:
        """Whether a sentence (or a paragraph) ends between positions before and after."""
        index = bisect_right(self.para_starts, after) - 1
        if index < 0 or before < self.para_starts[index]:
            return True
        return any(before < stop < after for stop in _sentence_ends(self, self.paras[index])[0])

    def _cited_since(self, since: int, j: int, pronoun: str) -> str | None:
        """The last person of the pronoun's gender (or of none known) named after "according
        to" in people[:j], in a sentence after the last speech verb's (at since); None if there
        is none ("Reed said the debt, which grew according to Park, …": Reed's source)."""
        k = j - 1
        while k >= 0 and j - k <= _OPENER_LOOK_BACK and self.people_positions[k] > since:
            _, start, _, name, _, _ = self.namings[k]
            if self._follows(k, _CITED_END, 14):
                if not self._sentence_ends_between(since, start):
                    return None
                return name if self.fits(name, pronoun) else None
            k -= 1
        return None

    def _sentence_opener(self, position: int, j: int) -> str | None:
        """The last person named before position (people[:j]) who opens a sentence as its
        subject, named after the last speaker was; None if there is none."""
        since = -1
        for at, entity in self._mentions_before(position):
            if entity.kind == "person":
                since = at
                break
        k = j - 1
        while k >= 0 and j - k <= _OPENER_LOOK_BACK and self.people_positions[k] > since:
            para, start, _, name, _, _ = self.namings[k]
            if self.subject(k) and (start == para.start or _sentence_starts_at(self, para, start)):
                return name
            k -= 1
        return None

    def start_reading(self, paras: Sequence[Paragraph]) -> None:
        """Make ready to read the paragraphs' reported speech on demand (all of it now when
        paragraphs overlap or come out of order: a look back by paragraph would skip some)."""
        self.paras = paras
        self.para_starts = [para.start for para in paras]
        self.closes = [close for _, close in self.hidden]
        self.verbs = [None] * len(paras)
        self.speakers = [[] for _ in paras]  # each replaced when its paragraph's verbs are found
        if any(a.end > b.start for a, b in pairwise(paras)):
            self.in_order = []
            for index in range(len(paras)):
                for verb in range(len(self._verbs(index))):
                    self._read(index, verb)

    def _verbs(self, index: int) -> list[tuple[int, int]]:
        """The speech verbs of paragraph index, found once (none in a heading)."""
        found = self.verbs[index]
        if found is None:
            para = self.paras[index]
            found = [] if para.kind == "heading" else _paragraph_verbs(self, para)
            self.verbs[index] = found
            self.speakers[index] = [_UNREAD] * len(found)
        return found

    def _speaker(self, index: int, verb: int) -> _Entity | None:
        """The speaker of paragraph index's verb-th speech verb, read when first asked. Past
        _READ_DEPTH nested reads, every unread verb before it is read first, in order (each
        then finds all before it read, so none reads further)."""
        found = self.speakers[index][verb]
        if found is not _UNREAD:
            return found  # type: ignore[return-value]
        if self.depth >= _READ_DEPTH:
            for before in range(self.first_unread, index + 1):
                verbs = self._verbs(before)
                for other in range(len(verbs) if before < index else verb):
                    if self.speakers[before][other] is _UNREAD:
                        self._read(before, other)
                if before < index:
                    self.first_unread = before + 1
        return self._read(index, verb)

    def _read(self, index: int, verb: int) -> _Entity | None:
        """Read one speech verb's speaker as the article read in order would: with every
        speaker before it known (each look back reads what it reaches), none from it on, and
        no quotation's speaker yet."""
        start, end = self.verbs[index][verb]  # type: ignore[index]
        self.speakers[index][verb] = None  # not known to its own look back
        previous, previous_of, horizon = self.previous, self.previous_of, self.horizon
        self.previous, self.previous_of, self.horizon = None, {}, start
        self.depth += 1
        try:
            found = _reported_speaker(self, self.paras[index], start, end)
        finally:
            self.depth -= 1
            self.previous, self.previous_of, self.horizon = previous, previous_of, horizon
        self.speakers[index][verb] = found
        if found is not None and self.in_order is not None:
            known = self.in_order
            if known and start < known[-1][0]:
                known.insert(bisect_left(known, start, key=_position), (start, found))
            else:
                known.append((start, found))
        return found

    def _mentions_before(self, position: int, floor: int = -1) -> Iterator[tuple[int, _Entity]]:
        """The speakers named before position, nearest first, at most _LOOK_BACK of them;
        verbs are read as the look back reaches them (none before floor, so none is read there)."""
        count = 0
        if self.in_order is not None:  # read in the paragraphs' order, all known so far
            found = self.in_order
            for at in range(bisect_left(found, position, key=_position) - 1, -1, -1):
                yield found[at]
                count += 1
                if count == _LOOK_BACK:
                    return
            return
        position = min(position, self.horizon)  # type: ignore[assignment]
        index = bisect_left(self.para_starts, position) - 1
        while index >= 0:
            verbs = self._verbs(index)
            for verb in range(bisect_left(verbs, position, key=_position) - 1, -1, -1):
                if verbs[verb][0] < floor:
                    return
                entity = self._speaker(index, verb)
                if entity is None:
                    continue
                yield verbs[verb][0], entity
                count += 1
                if count == _LOOK_BACK:
                    return
            if self.para_starts[index] <= floor:
                return
            index -= 1

    def latest_between(self, start: int, end: int) -> _Entity | None:
        """The speaker named last in [start, end), if any."""
        for at, entity in self._mentions_before(end, start):
            return entity if at >= start else None
        return None

    def last(
        self, position: int, kind: str, role: str | None = None, thing: bool = False
    ) -> _Entity | None:
        """The speaker of that kind (or role) last named before position; with thing, never a
        person described ("the spokesman"): what an "it" may stand for."""
        found: tuple[int, _Entity] | None = None
        for at, entity in self._mentions_before(position):
            if role is not None:
                if entity.role and role in entity.role.casefold():
                    return entity
            elif entity.kind == kind and not (thing and _describes_someone(entity.name)):
                found = (at, entity)
                break
        if kind == "person" and role is None:
            # The person last named, when named after the last speaker ("skipper Wade Bassi
            # …", "Senator James Lankford … played down that threat. “…,” he said").
            # Only a name written with a role is sure to be a person's ("South Carolina" is not),
            # and one written so there is brought in, not mentioned again ("He said Mr. Cruz had
            # backed it" after Rubio spoke).
            j = bisect_left(self.people_positions, position)
            floor = max(0, j - _LOOK_BACK)
            while j > floor and found is not None and self.people[j - 1][0] > found[0]:
                at, name = self.people[j - 1]
                if name in self.roles and self.with_role(j - 1) and not self.modifier(j - 1):
                    return _Entity(name, "person", self.roles.get(name))
                j -= 1
            if j and found is None:
                # the last subject of a clause ("Mayor Jane Smith met the governor, Tom Brown")
                for index in range(j - 1, floor - 1, -1):
                    if self.subject(index) and not self.modifier(index):
                        name = self.people[index][1]
                        return _Entity(name, "person", self.roles.get(name))
                # not a name used of a thing ("she finished the Big Canyon Trail Run"), nor a
                # place ("was walking in Prospect Park. She told …")
                fitting = next(
                    (
                        k
                        for k in range(j - 1, floor - 1, -1)
                        if not self.modifier(k)
                        and not _is_org(self.people[k][1])
                        and not self.place(k)
                    ),
                    None,
                )
                if fitting is None and self.place(j - 1):
                    return None  # none fits, and the last one named is a place
                name = self.people[j - 1 if fitting is None else fitting][1]
                return _Entity(name, "person", self.roles.get(name))
        return found[1] if found else None


def attribute(text: str, paras: Sequence[Paragraph], spans: Sequence[Span]) -> list[Attribution]:
    """The attribution of each span (in the order given, which must be the text's order)."""
    text, introducing = _lower_set_apart_tags(blank_party_state(text), spans)
    context = _Context(text)
    context.introducing = introducing
    context.masked = masked = _mask(text, spans, context.hidden)
    _collect_names(context, paras)
    context.start_reading(paras)
    result: list[Attribution] = []
    previous_in_para: dict[int, Attribution] = {}
    last_of_para: dict[int, Attribution] = {}
    for span in spans:
        para = paras[span.paragraph]
        last_paragraph = _last_paragraph(paras, span)  # where the quotation closes
        closing = paras[last_paragraph]
        found = _local(context, masked, para, span, closing)
        if found is None and span.kind == "block" and span.open_mark == span.start:
            found = _block_source(context, paras, span) or _colon_tag(
                context, paras, span, last_of_para
            )
        tag_lines = 0  # the lines after the quotation that hold its tag
        if found is None:
            found, tag_lines = _tag_on_next_line(context, masked, paras, span, last_paragraph)
        if found is not None:
            found = Attribution(found.speaker, found.role, local=True)
            if _VERB_AFTER.fullmatch(masked, span.close_mark, closing.end):
                # “…,” said / Sen. Ana Ruiz. “…”: the tag's name opens the next paragraph, and
                # a quotation after it there is hers
                tag_lines = 1
        else:
            found = previous_in_para.get(span.paragraph)
            # nothing before the mark but a stop left by a tag broken over lines ("“…,” / said
            # Ana Ruiz / . “…”": the tag's sentence ends there)
            if found is None and not masked[para.start : span.open_mark].strip(_TAG_STOPS):
                # a name line over it speaks only when the quotation makes up its paragraph
                alone = not masked[span.close_mark : closing.end].strip(_TAG_STOPS + "\x00")
                found = _previous_paragraph(context, paras, span.paragraph, last_of_para, alone)
                if found is None and masked[para.start : span.open_mark].strip():
                    found = _before_broken_tag(masked, paras, span.paragraph, last_of_para)
            if found is None:
                found = _previous_sentence(context, masked, para, span)
            if found is None and result:
                found = _tag_between_lines(masked, spans[len(result) - 1], result[-1], span)
            if found is not None:
                found = Attribution(found.speaker, found.role)  # carried, not local
        found = found or Attribution()
        if found.speaker is not None:
            gender = _described_gender(found.speaker)
            if gender is not None:
                context.described[gender] = Attribution(found.speaker, found.role)
            person = _capitalised_name(found.speaker) and not _is_org(found.speaker)
            if person:
                context.previous = _Entity(found.speaker, "person", found.role)
                gender = context.gender(found.speaker)
                if gender is not None:
                    context.previous_of[gender] = context.previous
            previous_in_para[span.paragraph] = found
            previous_in_para[last_paragraph] = found  # the next quotation may share its end's
            last_of_para[last_paragraph] = found
            last_of_para[span.paragraph] = found
            for line in range(last_paragraph + 1, last_paragraph + 1 + tag_lines):
                last_of_para[line] = found  # “…,” / said Ana Ruiz. / “…”: hers too
                previous_in_para.setdefault(line, found)
        result.append(found)
    return result


_TAG_STOPS = " \t\n.,;:"
# A tag some houses set after the closing mark as a sentence of its own, its verb capitalised
# ("“…”Stated Congresswoman Ana Ruiz.“…”", "“…,” Said Ana Ruiz, director of …"): the verb, then a
# capitalised word.
_SET_APART_TAG = re.compile(capitals(r"[ \t]*([A-Z][a-z]+)(?=[ \t]+[A-Z])"))

# What follows such a verb: a name (or a title and a name) that ends the sentence or meets a
# comma, a colon or a bracket, not a verb of its own ("“…” Noted Economist Ann Lee disagreed").
_SET_APART_NAME = re.compile(
    capitals(r"(?:[ \t]+(?:[A-Z][\w.’'&-]*|of|the|for|and|&))+[ \t]*(?:[.,;:(\n]|$)")
)


def _lower_set_apart_tags(text: str, spans: Sequence[Span]) -> tuple[str, frozenset[int]]:
    """The text with the capitalised speech verb right after a quotation's closing mark in lower
    case (offsets unchanged), so the tag reads as the quotation's own ("” said Ana Ruiz."); and
    the closing marks whose tag a colon ends (it introduces the next quotation)."""
    found = []
    introducing = set()
    for span in spans:
        if span.close_mark == span.end:
            continue  # no closing mark: the words after are the text's own
        tag = _SET_APART_TAG.match(text, span.close_mark)
        if (
            tag is not None
            and tag.group(1).casefold() in VERBS
            and (name := _SET_APART_NAME.match(text, tag.end())) is not None
        ):
            found.append(tag.start(1))
            if name.group().endswith(":"):
                introducing.add(span.close_mark)
    if not found:
        return text, frozenset()
    parts: list[str] = []
    last = 0
    for at in sorted(found):
        parts += [text[last:at], text[at].lower()]
        last = at + 1
    parts.append(text[last:])
    return "".join(parts), frozenset(introducing)


def _before_broken_tag(
    masked: str, paras: Sequence[Paragraph], index: int, last_of_para: dict[int, Attribution]
) -> Attribution | None:
    """The speaker of the quotation before a tag broken over short lines, which the paragraph
    at index (a stop, then a quotation) goes on from: "“…,” said / Larry Snelling / . “…”"."""
    for j in range(index - 1, max(-1, index - 3), -1):
        if j in last_of_para:
            return last_of_para[j]
        if len(masked[paras[j].start : paras[j].end].split()) > _SHORT_TAG:
            return None
    return None


def _tag_on_next_line(
    context: _Context, masked: str, paras: Sequence[Paragraph], span: Span, last: int
) -> tuple[Attribution | None, int]:
    """A tag broken onto the next line: a quotation that closes its paragraph on a comma
    (“…,”) leaves its sentence open, and the next paragraph's "said Ana Ruiz" or "Ana Ruiz
    said." finishes it. With the number of lines the tag takes."""
    closing = paras[last]
    if last + 1 >= len(paras) or masked[span.close_mark : closing.end].strip():
        return None, 0
    following = paras[last + 1]
    # “…” / -- Carrie Lukas, President, Independent Women’s Voice: a signature line under it
    signed = _SIGNATURE_LINE.fullmatch(masked, following.start, following.end)
    if (
        signed is not None
        and not _titles_only(signed.group(1))
        and not masked[paras[span.paragraph].start : span.open_mark].strip()
        and not (last + 2 < len(paras) and _SIGNATURE_LINE.match(masked, paras[last + 2].start))
    ):
        # a quotation standing alone, not a phrase of a sentence ("Our picks for “book of the
        # year”"); one dashed line, not the first item of a list ("- Wolf Hall, Hilary Mantel")
        signer = resolve(context, signed.group(1), signed.start(1), signed.group(2))
        return Attribution(signer.speaker, signer.role), 1
    if "," not in context.text[span.end : span.close_mark]:
        return None, 0
    _, end = _sentence_bounds(context, following, following.start)
    lines = 1
    if (
        end == following.end
        and last + 2 < len(paras)
        and not _STOP_END.search(masked, end - 3, end)
    ):
        # "said San Joaquin County / District Attorney Ron Freitas.": broken once more
        end = _sentence_bounds(context, paras[last + 2], paras[last + 2].start)[1]
        lines = 2
    tag = masked[following.start : end]
    found = _after_attribution(context, masked, following.start, tag)
    if found is None:  # "Deputy Chief, Assistant State’s Attorney Ana Ruiz, who leads it, said."
        found = _later_attribution(context, masked, following.start, tag)
    return found, lines if found is not None else 0


_STOP_END = re.compile(r"[.!?]\s*$")
# A line that signs the quotation above it: a dash, a name, then what they are after a comma
_SIGNATURE_LINE = re.compile(
    capitals(
        r"\s*(?:--|[-–—―])\s*([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){1,4})"
        r"(?:,\s*([^\n\x00“”\"]{1,150}?))?\s*"
    )
)


# -- names -----------------------------------------------------------------------------------------


def _collect_names(context: _Context, paras: Sequence[Paragraph]) -> None:
    """Full names at their first mention, each with the role written before it."""
    text, masked = context.text, context.masked
    names, roles = context.names, context.roles
    named = context.named
    # Each distinct run read once (most come back many times): _name_run's reading and its title
    runs: dict[str, tuple[int, str | None, str, str, str, tuple[str, ...], str | None]] = {}
    plain: dict[str, str] = {}  # the runs of one word without a title (most runs), folded
    # Those of them that may open a title ("Chief", "FBI") or hold a sentence end: a search
    # reads on from them, so they are not passed over where they are found
    reads_on: set[str] = set()
    scan = _NAME_SCAN.finditer
    for para in paras:
        # The runs of capitalised words; a run that a sentence end cuts, or a long title's name,
        # is searched again after the cut ("… actor Jason Beghe. Rathbun requested …": two runs).
        at, end = para.start, para.end
        pieces: list[tuple[int, int]] = []  # where to search next: see the run cut by stops
        while True:
            resume = -1
            cut = False
            for match in scan(text, at, end):
                if resume >= 0:
                    break  # the run before said where to search again
                found = match.group()
                word = plain.get(found)
                if word is not None and word not in names and found not in reads_on:
                    continue  # a capitalised word that no full name before gave as its surname
                if text.startswith(_LINK_AFTER, match.end()):
                    titled = _titled_name(text, match, end)
                    if titled is not None:  # "Chief of Police Ana Ruiz": the name alone
                        match, resume = titled, titled.end()
                        found = match.group()
                        word = plain.get(found)
                if resume < 0 and "." in found and len(_within_sentence(found)) < len(found):
                    # Its first sentence read now, each other one searched up to its stop, the
                    # last as any run: never the rest of the run again from each stop
                    # (quadratic in the stops).
                    ends = [match.start() + stop + 1 for stop in _sentence_stops(found)]
                    pieces[:0] = [*pairwise(ends), (ends[-1], end)]
                    match = _NAME_SCAN.match(text, match.start(), ends[0])  # type: ignore[assignment]
                    found, resume, cut = match.group(), ends[0], True
                    word = plain.get(found)
                if word is not None and word not in names:
                    continue
                run = runs.get(found)
                first = run is None  # the first time this run is written
                if run is None:
                    run = runs[found] = (*_name_run(found), _title(found))
                    if run[3] is _ONE_WORD and run[6] is None:
                        plain[found] = run[4]
                        if _opens_title(found) or _within_sentence(found) != found:
                            reads_on.add(found)
                size, role, name, kind, folded, keys, title = run
                if kind is _SKIP:
                    continue
                start = match.start()
                if first and kind is _NAME and _AFTER_JOINT.search(text, max(0, start - 24), start):
                    # "Secretary of State John Kerry": the name is the person's, not "State …"
                    person = _person_in(context, name.split())
                    if person is not None and person != name:
                        name, folded = person, person.casefold()
                        keys = _name_keys(folded)
                        run = runs[found] = (size, role, name, kind, folded, keys, title)
                quoted = masked[start] == "\x00"
                if kind is _ONE_WORD:
                    if quoted:
                        # "Mrs. Long says …" in a quotation: nobody he or she points back to
                        continue
                    if title is not None and (
                        folded in _shared(context) or _conflicts(context, title, names.get(folded))
                    ):
                        named(para, start, start + size, f"{title} {name}", role)
                    elif folded in names:
                        full = names[folded]
                        if title is not None:
                            full = _titled(context, title, folded, start, collecting=True) or full
                        named(para, start, start + size, full, role)
                    elif title is not None or (role is not None and folded not in ROLE_WORDS):
                        # "Mr. Bingley", "Pope Francis": no full name given, still a person
                        named(para, start, start + size, name, role)
                    continue
                if title is not None and title.startswith("Mrs"):
                    # "Mrs. John Dashwood": the wife, named by her husband's name
                    if not quoted:
                        named(para, start, start + size, f"{title} {name}", role)
                    continue
                if first:  # later mentions of the same run find its keys set (or not swallowed)
                    if title is not None:
                        context.title_sex.setdefault(name, _TITLE_SEX[title.rstrip(".")])
                    for key in keys:
                        context.add_name(key, name)
                    if folded.count(" ") >= _KEY_WORDS:  # its longer keys: see _Context.long_names
                        tail = " ".join(folded.split()[-_KEY_WORDS - 1 :])
                        context.long_names.setdefault(tail, []).append(name)
                unread = role is None
                if unread and name not in roles:
                    role = _lowercase_role(text, start, para.start)
                    unread = False
                full = context.full_name(folded) or name  # never None: its keys were given
                if role and name not in roles:
                    roles[name] = role
                if not quoted:  # a full name quoted is known by its surname later, never a he/she
                    named(para, start, start + size, full, role, unread)
            if resume >= 0 and not cut:
                pieces.insert(0, (resume, end))  # after a long title's name
            if not pieces:
                break
            at, end = pieces.pop(0)


def _surname_like(name: str) -> bool:
    """Whether the last quotation's speaker, given as one word the text names no one by, reads
    as a surname ("“…,” Smith said. “…,” he added."): a capitalised word of letters, no
    contraction ("I’ve") and no word a sentence opens with ("So")."""
    return name.isalpha() and name[:1].isupper() and name.casefold() not in _SENTENCE_OPENERS


def _given(known: str | None, fulls: list[str] | None, name: str) -> tuple[str, list[str] | None]:
    """A surname key's full name and variants once a full name is given it: the key's first,
    unless the one it had is a longer name that swallowed this one; else one more variant."""
    if known is None or _swallowed(known, name):
        return name, fulls
    if known != name and " " in name:
        fulls = fulls if fulls is not None else [known]
        if name not in fulls:
            fulls.append(name)
    return known, fulls


def _swallowed(known: str, name: str) -> bool:
    """Whether a full name read before is a later one with words of a role or place run into it
    ("United States Hamdullah Mohib" of "Ambassador to the United States Hamdullah Mohib", then
    "Hamdullah Mohib"): the later, shorter one is the name."""
    return len(known.split()) >= 4 and " " in name and known.endswith(" " + name)


# A run followed by one of these may open a long title (tested with one startswith).
_LINK_AFTER = tuple(f" {link} " for link in _TITLE_LINKS)


def _titled_name(text: str, match: re.Match[str], end: int) -> re.Match[str] | None:
    """The name at the end of a long title that starts with a run ("Chief of Police Ana Ruiz":
    Ana Ruiz), or None when the run opens no such title."""
    run = _through_title(text, match, end)
    if len(run) == len(match.group()):
        return None
    titled = long_title(clean_name(run))
    if titled is None:  # a run the sentence's end cut back to its start
        return None
    if not _shows_person(titled[1].split()) and _APPOSED_NAME.match(text, match.start() + len(run)):
        # "Director of Mid Wales Tourism Partnership, David Clay,": the title ends in its body's
        # name; the person's follows the comma
        return None
    return _NAME_SCAN.match(text, match.start() + run.rfind(titled[1]), match.start() + len(run))


# A name set off by a comma after a title: ", David Clay," / ", Ann Lee said"
_APPOSED_NAME = re.compile(capitals(r",\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)+(?:,|\s+[a-z])"))
_SKIP, _ONE_WORD, _NAME = "skip", "one word", "name"


@lru_cache(maxsize=8192)
def _name_run(found: str) -> tuple[int, str | None, str, str, str, tuple[str, ...]]:
    """A run of capitalised words read once: its length within its sentence, role, name (no
    honorific), what it is (_ONE_WORD: a word that names someone only when a full name gave it
    before; _NAME: a full name; _SKIP: neither, as an organisation without a role or a phrase
    opening with "the"), the name folded and the keys it is found by (its last word, last two
    words, …, all of them; folded; at most _KEY_WORDS words)."""
    run = _within_sentence(found)
    role, name = split_role(clean_name(run))
    name = _strip_honorific(name)
    tokens = tuple(name.split())
    folded = name.casefold()
    if len(tokens) < 2:
        kind = _ONE_WORD if tokens else _SKIP
    elif (role is None and _is_org(name)) or tokens[0].casefold() in _DETERMINERS:
        kind = _SKIP
    else:
        kind = _NAME
    return len(run), role, name, kind, folded, _name_keys(folded)


_KEY_WORDS = 8  # the most words of a surname key kept in _Context.names


def _name_keys(folded: str) -> tuple[str, ...]:
    """A full name's surname keys of at most _KEY_WORDS words: its last word, last two, …"""
    parts = folded.split()
    return tuple(" ".join(parts[-last:]) for last in range(1, min(len(parts), _KEY_WORDS) + 1))


_MALE = words(
    "mr mr. sir lord king prince husband father son brother uncle grandfather boy "
    "man chairman spokesman congressman councilman businessman"
)
_FEMALE = words(
    "mrs mrs. ms ms. miss dame lady queen princess wife mother daughter sister aunt "
    "grandmother girl woman chairwoman spokeswoman congresswoman councilwoman businesswoman"
)
_CLAUSE_BREAK = frozenset({"and", "or", "but", "who", "which", "that", "whose", "whom"})


def _described_gender(speaker: str) -> str | None:
    """The gender a description in lower case gives its person ("his wife" → "she")."""
    words = speaker.casefold().split()
    if not words or words[0] not in _DETERMINERS or not speaker[:1].islower():
        return None
    if words[-1] in _MALE:
        return "he"
    return "she" if words[-1] in _FEMALE else None


def describes_person(speaker: str) -> bool:
    """Whether a description names someone by a gendered word or a role ("the woman", "one
    mayor"), not a thing that speaks only as a figure ("the inner voice")."""
    words = speaker.casefold().split()
    return bool(words) and (_described_gender(speaker) is not None or words[-1] in ROLE_WORDS)


def describes_party(speaker: str) -> bool:
    """Whether a description names someone by their part in a case ("the defendant", "an
    eyewitness", "the victims")."""
    words = speaker.casefold().split()
    return bool(words) and words[-1].removesuffix("s") in _PARTIES


def describes_document(speaker: str) -> bool:
    """Whether a description names a text that speaks for its writers ("the report", "the
    court's ruling"), not a person nor a figure of speech ("the inner voice")."""
    words = speaker.casefold().split()
    return bool(words) and words[-1] in _WRITINGS


def speaker_gender(speaker: str) -> str | None:
    """The gender a speaker's own words show, without the text around: a description's ("his
    wife", "The woman"; not a job in -man, "a spokesman", often said of a woman too), a title's
    ("Mr. Clinton") or a common given name's ("Hillary Clinton")."""
    if speaker.endswith("man") and not speaker.endswith((" man", " woman")):
        return None
    described = _described_gender(speaker[:1].lower() + speaker[1:])
    if described is not None:
        return described
    title = _title(speaker)
    if title is not None:
        return _TITLE_SEX.get(title.rstrip("."))
    return given_name_gender(speaker)


_NOT_A_VERB = _PREPOSITIONS | _DETERMINERS | _CLAUSE_BREAK


_DOT_SPACE = re.compile(r"\.\s")


@lru_cache(maxsize=4096)
def _within_sentence(run: str) -> str:
    """A run of capitalised words cut where a sentence ends inside it ("Ann Porter. She")."""
    for stop in _sentence_stops(run):
        return run[: stop + 1]
    return run


# The word and dots before a stop, from the word's start only (each search is linear).
_WORD_BEFORE_STOP = re.compile(r"(?<![\w.])[\w.]+\Z")


def _sentence_stops(run: str) -> Iterator[int]:
    """Where each sentence inside a run of capitalised words ends: the offset of its full stop
    ("Ann Porter. She": 10), not of an abbreviation's ("Mr. Lee")."""
    after = 0  # each stop's word is searched for from the stop before it, never from the start
    for dot in _DOT_SPACE.finditer(run):
        word = _WORD_BEFORE_STOP.search(run, after, dot.start())
        after = dot.end()
        token = word.group().casefold() if word else ""
        if len(token) > 1 and token not in _ABBREVIATIONS and "." not in token:
            yield dot.start()


_DETERMINER_END = re.compile(r"\b(?:the|a|an|this|that|of)\s+$", re.I)
_CITED_END = re.compile(r"\b[Aa]ccording to\s+$")
_SPEAKING_TO = words("speaking talking writing chatting")  # before "to" or "with" and who
# "to" or "with" after a verb of talking or meeting: who is spoken to, not a recipient ("handed
# the award to Ms. Kim Park")
_ADDRESSED_END = re.compile(
    rf"\b(?:{'|'.join(sorted(_SPEAKING_TO))}|speak|speaks|spoke|spoken|talk|talks|talked|"
    r"chatted|wrote|met|meeting|meets|interviewed)\s+(?:to|with)\s+$",
    re.I,
)
_PLACE_END = re.compile(r"\b(?:in|at|on|aboard|near|outside)\s+$")
_OF_NAME = re.compile(
    capitals(r"\s+of\s+(?:the\s+)?[A-Z][\w.&’'-]*(?:\s+(?:[A-Z][\w.&’'-]*|and|of|&))*")
)


def _opens_clause(context: _Context, para: Paragraph, start: int, end: int) -> bool:
    """Whether the name at [start, end) opens a clause: a verb follows it, after an appositive
    between commas. A name inside a quotation never does."""
    text = context.masked
    if text[start : start + 1] == "\x00":
        return False
    if _DETERMINER_END.search(text, max(para.start, start - 6), start):
        return False  # "the Cruise video", "X of The Globe": see _Context.modifier
    rest = text[end : min(para.end, end + 200)]
    of_place = _OF_NAME.match(rest)  # "Matthew Ingram of The Globe and Mail wrote"
    rest = rest[of_place.end() :] if of_place else rest
    appositive = _APPOSITIVE.match(rest)
    after = rest[appositive.end() :] if appositive else rest
    verb = _NEXT_WORD.match(after)
    return verb is not None and verb.group(1) not in _NOT_A_VERB


# An appositive after a name whose noun is gendered: ", his wife", ", the victim’s mother", ", a
# father of three" (not ", the mother’s lawyer": the word must be the noun, not its owner; not
# a list, "Tom Park, his wife and their son", "his son and daughter": the noun is someone else's).
_GENDERED_APPOSITIVE = re.compile(
    r",\s+(?:his|her|their|the|a|an)\s+(?:(?!(?:and|or)\s)[a-z][\w’'-]*\s+){0,3}?("
    + "|".join(sorted(_MALE | _FEMALE))
    + r")\b(?![’'-])(?!\s+(?:of\s+)?[A-Z])(?!,?\s+(?:and|or|&)\s)"
)


def _gender_shown(context: _Context, index: int) -> str | None:
    """The gender one naming shows: an honorific or gendered word before the name or in its
    role, else the first he/she/his/her later in the sentence it opens when nobody else is named
    there and it does not open an appositive (", his rival,": someone else's)."""
    para, start, end, _, role, unread = context.namings[index]
    text = context.masked
    if text[start : start + 1] == "\x00":
        return None  # a name inside a quotation
    # the last three words before the name (commas aside), its first word, then its role's
    before = text[max(para.start, start - 30) : start].casefold().split()[-3:]
    written = [word.strip(",") for word in before]
    written += text[start:end].casefold().split(maxsplit=1)[:1]
    if not _MALE.isdisjoint(written):
        return "he"
    if unread:
        role = _lowercase_role(context.text, start, para.start)
    if role:
        written += role.casefold().split()
        if not _MALE.isdisjoint(written):
            return "he"
    if not _FEMALE.isdisjoint(written):
        return "she"
    rest = text[end : min(para.end, end + 200)]
    described = _GENDERED_APPOSITIVE.match(rest) if rest[:1] == "," else None
    if described is not None:  # "Serkalem Fasil, his wife who …": the appositive's word
        return "he" if described.group(1).casefold() in _MALE else "she"
    pronoun = _GENDERED_PRONOUN.search(rest)  # the cheapest test first
    if pronoun is None or not rest[: pronoun.start()].strip(" ,"):
        return None
    sentence = _SENTENCE_SPLIT.split(rest, maxsplit=1)[0]
    if pronoun.end() > len(sentence) or not context.subject(index):
        return None
    # nobody else named in it (a name starts with a capital; "I" is nobody)
    if _CAPITAL.search(sentence.replace("I ", "i ")) is not None:
        return None
    found = pronoun.group().casefold()
    return "he" if found in ("he", "his") else "she"


def _reported_speaker(
    context: _Context, para: Paragraph, verb: int, verb_end: int
) -> _Entity | None:
    """The subject of a speech verb outside quotations (“Menino said he…”), for pronouns."""
    masked = context.masked
    floor, limit = _sentence_bounds(context, para, verb)
    head = masked[floor:verb].rstrip(" ")
    found = None
    if (
        head.endswith(",")
        and masked[verb:verb_end].strip().casefold() in _INVERTED_OPENERS
        and _TAG_NAME_ENDS.match(masked, verb_end, limit)
    ):
        # "…, but coding pays better, said Alyssa Goodman.": the one after the verb said it,
        # not the subject of the clause before its comma (not "Lee, the party's leader, said
        # Yoon’s …", where what follows the verb is what was said)
        found = _inverted(context, verb_end, limit)
        if found is not None and found.speaker is None:
            found = None
    if found is None:
        found = _subject_before(context, masked, floor, verb)
    if found is None and head.endswith(",") and masked[verb_end : para.end].strip() == ":":
        # "Ann Lee addressed the nation, saying:" ¶ “…”: the clause's subject introduces it
        found = _participle_subject(context, masked, floor, verb)
    if found is None and (head.endswith(",") or head.endswith("\x00")):
        found = _inverted(context, verb_end, limit)
    if found is not None and _figure_expressing(masked, verb, verb_end, found):
        return None
    if found is not None and found.speaker is not None and not _is_pronoun(found):
        person = split_role(found.speaker)[0] is not None or not _is_org(found.speaker)
        person = person and found.speaker not in context.named_companies
        kind = "person" if person and _capitalised_name(found.speaker) else "org"
        return _Entity(found.speaker, kind, found.role)
    return None


# A name alone after an inverted verb, closing its sentence or opening an appositive
_TAG_NAME_ENDS = re.compile(r"\s*" + _NAME_RUN.pattern + r"(?<![’']s)(?<![’'])\s*(?:[,.]|$)")


def _capitalised_name(speaker: str) -> bool:
    """Whether a speaker is written as a name, which may be a person's: capitalised, not opening
    with "The" ("The White House", "The Times": an institution's name)."""
    return speaker[:1].isupper() and not speaker.startswith("The ")


@lru_cache(maxsize=4096)
def split_role(phrase: str) -> tuple[str | None, str]:
    """A capitalised phrase split into its role and name: "Police Chief Marisol Vega" →
    ("Police Chief", "Marisol Vega"). Organisations keep their whole name."""
    tokens = phrase.split()
    titled = long_title(phrase)
    if titled is not None:
        return titled
    after = _name_then_title(tokens)
    if after is not None:
        return after
    last_role = -1
    for i, token in enumerate(tokens[:-1]):
        folded = token.casefold().rstrip(",")
        if folded in ROLE_WORDS or token in ROLE_ABBREVIATIONS:
            last_role = i
        elif (
            folded[-1:] == "s"
            and folded[:-1] in ROLE_WORDS
            and tokens[i + 1].casefold() not in _ORG_LINKS
            and not any(_title_word(word) for word in tokens[i + 1 :])
        ):
            # "U.S. Senators Brian Schatz (D-Hawaii), …": the first one named (not "U.S.
            # Marshals Fugitive Task Force Commander", a body's title)
            last_role = i
    if 0 <= last_role < len(tokens) - 2 and _SHORT_FORM_RE.fullmatch(tokens[last_role + 1]):
        last_role += 1  # "District Attorney (DA) Ana Ruiz": the role's short form is the role's
    if last_role < 0 or _is_org(" ".join(tokens[last_role + 1 :])):
        return None, phrase
    role = " ".join(tokens[: last_role + 1])
    return role, " ".join(tokens[last_role + 1 :])


# Words that open a title written after a person's name with no comma between ("Ed Simcox Chief
# Technology Officer", "Dr. Ann Lee Chair of the Board"): no one's name ends in them. Role words
# that are also surnames ("King", "Dean", "Bishop", "Major", "Judge", "Marshal", "Head") are not
# among them.
_TITLE_OPENERS = words(
    "chief secretary administrator director commissioner assistant deputy president vice "
    "officer chair chairman chairwoman chairperson executive superintendent spokesman "
    "spokeswoman spokesperson manager associate senior acting interim professor commander "
    "treasurer founder co-founder coordinator ceo cfo coo cto"
)
# A body's initials or a degree: "HHS", "M.D.", "U.S", "Ph.D.", "Sc.M." (not "D.", "Jr.")
_DOTTED_LETTERS = re.compile(r"(?:[A-Z][a-z]?\.)+[A-Z][a-z]?\.?|[A-Z]{2,}")


def _acronym(token: str) -> bool:
    """Whether a word is capitals only, as a body's short name or a degree ("HHS", "M.D.",
    "FASN"), not a regnal numeral ("III")."""
    return _DOTTED_LETTERS.fullmatch(token.rstrip(",")) is not None and not _REGNAL.fullmatch(token)


def _honorific(token: str) -> bool:
    return token.casefold() in _HONORIFICS


def _name_then_title(tokens: list[str]) -> tuple[str | None, str] | None:
    """(role, name) when a person's name runs into a title or a body's initials with no comma
    between, as some house styles and scrapes that lose commas write it: "Ed Simcox Chief
    Technology Officer" → ("Chief Technology Officer", "Ed Simcox"), "Seema Verma CMS" →
    (None, "Seema Verma"), "Working Group Chair John N. Aucott M.D." → ("Working Group Chair",
    "John N. Aucott"). The name has two words or more, opens the phrase or follows a role word
    or honorific, and ends where a word of _TITLE_OPENERS or capitals only begin. It shows it is
    a person's by a given name, an honorific, a middle initial, or a title of two words or more
    ending the phrase (a role before a name ends in the name: "Goldman Sachs Chief Executive
    Lloyd Blankfein"; one word may end a body's title: "Tory Shadow Health Secretary").
    None when the words are otherwise, or a second person's given name follows the title ("Joe
    Biden Chief of Staff Ron Klain")."""
    for start in range(len(tokens) - 2):
        if start and _title_word(tokens[start - 1]) != "role" and not _honorific(tokens[start - 1]):
            continue
        found = _title_after(tokens, start)
        if found is not None:
            return found
    return None


def _title_after(tokens: list[str], start: int) -> tuple[str | None, str] | None:
    """_name_then_title for a name that starts at tokens[start]."""
    for cut in range(start + 2, len(tokens)):
        name = tokens[start:cut]
        last = name[-1]
        initial = _INITIAL.fullmatch(last) is not None  # "Mark D. Okusa"
        surname = cut == start + 2 and is_given_name(name[0]) and _title_word(last) == "role"
        if not last[:1].isupper() or (
            not initial and not surname and (_title_word(last) or _acronym(last))
        ):
            return None  # "Ann of …", "Ann Lee Foundation …": no name alone ("Kate King": one)
        token = tokens[cut]
        if not (token[:1].isupper() and token.casefold() in _TITLE_OPENERS) and not _acronym(token):
            continue
        if cut == len(tokens) - 1 and token.casefold() == "senior":
            return None  # "George Bush Senior": the name's suffix, no title
        tail = tokens[cut:]
        front = tokens[:start]
        person = (
            _shows_person(name)
            or (front and _honorific(front[-1]))
            or (start == 0 and len(tail) > 1 and _title_word(tokens[-1]) == "role")
        )
        if not person or _title_word(name[0]) or any(is_given_name(word) for word in tail):
            return None
        titles = [t for t in front if not _honorific(t)]
        if any(_title_word(word) == "role" for word in tail):
            titles += tail
        return " ".join(titles) or None, " ".join([t for t in front if _honorific(t)] + name)
    return None


_INITIAL = re.compile(r"[A-Z]\.")


def _shows_person(words: list[str]) -> bool:
    """Whether a name's words show it is a person's by themselves: a given name opening it or
    a middle initial ("Mark D. Okusa")."""
    return is_given_name(words[0]) or any(_INITIAL.fullmatch(word) for word in words[1:-1])


@lru_cache(maxsize=4096)
def long_title(phrase: str) -> tuple[str, str] | None:
    """A title written with lower-case links, then the name it belongs to, split in two:
    "Chief of Police Ana Ruiz" → ("Chief of Police", "Ana Ruiz"); None when the phrase is no
    such title ("Ana Ruiz of the Red Cross": a person, then where she works).

    News and press releases put the whole title before the name ("said Special Agent in Charge
    Ana Ruiz"). The name is what follows the title's last role or organisation word; where the
    title ends in words of neither kind, the last two words (with a middle initial, three)."""
    tokens = phrase.split()
    links = [i for i, token in enumerate(tokens) if token in _TITLE_LINKS]
    if not links or links[0] == 0 or tokens[-1] in _TITLE_LINKS:
        return None
    tail = tokens[links[-1] + 1 :]
    if any(not token[:1].isupper() for token in tail if token not in _PARTICLES):
        return None
    kinds = [_title_word(token) for token in tokens]
    last = max((i for i, kind in enumerate(kinds) if kind), default=-1)
    if last > links[-1]:
        # "City of Miami Police Chief Ana Ruiz", "Secretary General of the Andean Community Ruiz"
        cut = last + 1
    elif kinds[links[0] - 1] == "role" and len(tail) >= 3:
        # "Special Agent in Charge Ana Ruiz", "Director of the … Center for Women Ana Ruiz"
        honorific = next((i for i, t in enumerate(tail) if t.casefold() in _HONORIFICS), None)
        keep = 3 if _INITIAL_END.search(tail[-2]) else 2
        cut = links[-1] + 1 + (honorific if honorific is not None else len(tail) - keep)
    else:
        return None
    name = tokens[cut:]
    if not 1 <= len(name) <= 4 or _is_org(" ".join(name)):
        return None
    return " ".join(tokens[:cut]), " ".join(name)


@lru_cache(maxsize=8192)
def _opens_title(run: str) -> bool:
    """Whether a run of capitalised words can open a long title: it has a word of a role or a
    body ("FBI Special Agent", "City", "Hialeah Chief"; not "Ana Ruiz")."""
    return any(_title_word(token) for token in run.split())


def _title_word(token: str) -> str | None:
    """Whether a word of a title names a role ("Chief"), an organisation ("Office",
    "Community", "FBI") or neither."""
    folded = token.casefold().rstrip(",")
    if folded in ROLE_WORDS or token in ROLE_ABBREVIATIONS:
        return "role"
    if folded in _ORG_WORDS or folded in _TITLE_BODIES or (token.isupper() and len(token) > 1):
        return "org"
    return None


# Words that end the name of a body a title belongs to, beside the organisation words (and the
# "Charge" that ends "Special Agent in Charge").
_TITLE_BODIES = words(
    "community city town village borough county district province region state nation nations "
    "republic kingdom port schools police charge"
)


_POSSESSIVE_SUFFIX = re.compile(r"[’']s?$")  # a possessive's mark, dropped from a name
_INITIALS_END = re.compile(r"\b[A-Z]\.[A-Z]\.$")


@lru_cache(maxsize=4096)
def clean_name(name: str) -> str:
    """A name without the full stop of the sentence it ends (initials keep theirs), a possessive,
    a capitalised word opening the sentence ("But Benjamin Netanyahu’s" → the name) or a part in
    a case or a plural role before it ("Defendants Victor Medrano" → the name)."""
    name = name.strip(" ,;:")
    name = _POSSESSIVE_SUFFIX.sub("", name)
    tokens = name.split()
    while len(tokens) > 1 and tokens[0].casefold() in _NOT_NAME_FRONT:
        if tokens[0] == "Under" and tokens[1].casefold() in ROLE_WORDS:
            break  # "Under Secretary Ana Ruiz": a rank, not "Under Ruiz, …"
        tokens = tokens[1:]
    while len(tokens) > 2 and _party_or_roles(tokens):
        tokens = tokens[1:]
    name = " ".join(tokens)
    if name.endswith(".") and not _ends_initial(name) and not _INITIALS_END.search(name):
        name = name[:-1]
    return name


def _party_or_roles(tokens: list[str]) -> bool:
    """Whether a name's first word names a part in a case ("defendant", "Victims") or several
    holders of a role ("Officers"), never one person's title, before a name, not in an
    organisation's ("Doctors Without Borders", "Teachers College")."""
    word = tokens[0].casefold()
    single = word[:-2] if word.endswith("sses") else word[:-1] if word.endswith("s") else ""
    return (
        (word in _PARTIES or single in _PARTIES or single in ROLE_WORDS)
        and tokens[1].casefold() not in _ORG_LINKS
        and not _is_org(" ".join(tokens[1:]))
    )


@lru_cache(maxsize=4096)
def _strip_honorific(name: str) -> str:
    tokens = name.split()
    while len(tokens) > 1 and tokens[0].casefold() in _HONORIFICS:
        if len(tokens) == 2 and tokens[0].casefold() in _GIVEN_NAME_TITLES:
            break  # "Sir Walter": the title goes with a given name, which is no surname
        tokens = tokens[1:]
    return " ".join(tokens)


def is_organisation(name: str) -> bool:
    """Whether a speaker's words name or describe an organisation ("ICE", "the agency")."""
    return _is_org(name)


@lru_cache(maxsize=4096)
def _is_org(name: str) -> bool:
    tokens = name.replace("(", " ").replace(")", " ").split()
    if len(tokens) > 1 and _REGNAL.fullmatch(tokens[-1]):
        tokens = tokens[:-1]  # "John Paul II", "Henry VIII": a numeral, not an acronym
    return (
        any(t.casefold() in _ORG_WORDS for t in tokens)
        or any(len(t) > 1 and t.isupper() and t.isalpha() for t in tokens)
        or _group(tokens)
    )


def _group(tokens: list[str]) -> bool:
    """Whether a name's words are people in the plural a name qualifies ("Twitter users"): a
    body, as "they" (not "his lawyers", not a possessive's "Dasenbrock’s victims")."""
    return (
        len(tokens) > 1
        and tokens[-1] in _GROUP_NOUNS
        and tokens[-2][:1].isupper()
        and not tokens[-2].endswith(_POSSESSIVE_ENDS)
    )


_REGNAL = re.compile(r"X{0,3}(?:IX|IV|V?I{1,3}|V)")


_VERB_LIKE = words("is was were are has have had will would said says")


# A sentence's subject, then a clause in commas that describes it or an adverb: "The union,
# which represents 4,000 nurses, rejected", "The Democrats, however, were": dropped to read the
# subject's verb
_SUBJECT_CLAUSE = re.compile(
    capitals(
        r"^((?:The\s+)?[A-Z][\w’'&-]*(?:\s+[\w’'&-]+){0,2}),\s+"
        r"(?:(?:which|who|whose|based|meanwhile)\b[^“”\"\x00]{1,120}?"
        r"|however|though|too|in turn|for (?:its|their) part),\s+"
    )
)


def _sentence_before(context: _Context, position: int) -> tuple[Paragraph, int] | None:
    """The paragraph and start of the sentence before the one at position, in its paragraph or
    ending the one before; None at the text's start."""
    index = bisect_left(context.para_starts, position + 1) - 1
    if index < 0:
        return None
    para = context.paras[index]
    start, _ = _sentence_bounds(context, para, position + 1)  # "They said …" opens its own
    if start > para.start:
        start, _ = _sentence_bounds(context, para, start - 2)
    elif index > 0:
        para = context.paras[index - 1]
        start, _ = _sentence_bounds(context, para, para.end - 1)
    else:
        return None
    return para, start


def _sentence_before_subject(context: _Context, position: int, pronoun: str) -> _Entity | None:
    """What an it or they stands for when no speaker fits: the subject opening the sentence
    before, in the paragraph or ending the one before, when it can be one ("The campaign
    released a statement", "House Democrats unveiled their plan"): for it, an organisation or
    a thing, not a person nor a plural; for they, a plural or a group."""
    found = _sentence_before(context, position)
    if found is None:
        return None
    para, start = found
    opening = context.masked[start : min(para.end, start + 240)]
    tokens = _SUBJECT_CLAUSE.sub(r"\1 ", opening, count=1).split()[:5]
    for size in range(1, min(4, len(tokens))):
        verb = tokens[size].casefold().rstrip(".,;:")  # "Greenpeace disagreed."
        owns = size + 1 < len(tokens) and tokens[size + 1] == "its"  # "Morgan Stanley cut its"
        if (
            not (verb in _VERB_LIKE or verb.endswith("ed") or owns)
            or not tokens[size][:1].islower()
        ):
            continue
        words = tokens[:size]
        if not all(w.isalpha() or _COMPANY_PART.fullmatch(w) for w in words):
            return None
        if not words[0][:1].isupper():
            return None
        subject = " ".join(words)
        last = words[-1]
        plural = last.endswith("s") and not last.endswith("ss")
        if pronoun == "they" and (plural or _is_org(subject)):
            return _Entity(subject, "org", None)
        if pronoun != "it":
            return None
        # "Goldman Sachs raised its forecast. “…,” it said.": an it never stands for a person,
        # so capitalised words only show one by a given name, a title or a role ("Ann Lee",
        # "Mr. Lee", "Mayor Lee")
        named = _company_words(subject) and size > 1
        person = (
            given_name_gender(subject) is not None
            or _title(subject) is not None
            or split_role(clean_name(subject))[0] is not None
            if named
            else context.is_person(subject)
        )
        if (named or not plural) and not person:
            return None if _describes_someone(subject) else _Entity(subject, "org", None)
        # a subject named like a person ("Morgan Stanley") is a company if it reads as one
        sentence_end = _sentence_bounds(context, para, start)[1]
        if _company_named(context, subject, start + len(subject), sentence_end):
            return _Entity(subject, "org", None)
        return None
    return None


_COMPANY_REACH = 2000  # characters "the company" looks back for the company named like a person
# A word of a company's name that is not a word of letters: "&", "Co.", "Inc."
_COMPANY_PART = re.compile(rf"&|{_COMPANY_SUFFIX}\.?,?")
_ITS = re.compile(r"\bits\b")
# What "the company" (or "the bank", "the jeweler") stands for: the company named before
_COMPANY_NOUNS = words(
    "company firm bank lender insurer retailer jeweler jeweller carrier airline automaker "
    "carmaker maker manufacturer brand chain conglomerate corporation startup"
)


def _company_words(name: str) -> bool:
    """Whether a name's words are a company's may be: capitalised, "&" or a suffix ("Co.")."""
    return all(w[:1].isupper() or _COMPANY_PART.fullmatch(w) for w in name.split())


def _company_named(context: _Context, name: str, end: int, sentence_end: int) -> bool:
    """Whether a name that reads as a person's names a company: capitalised words never written
    with a role or a title ("Mayor Ann Lee", "Mr. Lee"), followed by a company's suffix
    ("Tiffany & Co.") or owning something as "its" in its sentence ("Morgan Stanley cut its
    forecast")."""
    words = name.split()
    if not _company_words(name):
        return False
    if words[0].casefold() in _SENTENCE_OPENERS or words[0].casefold() in _FIRST_AND_SECOND_PERSON:
        return False  # "We hire", "So Ann": no name
    role, person = split_role(clean_name(name))
    if role is not None or person in context.roles or person in context.title_sex:
        return False  # "Mayor Ana Ruiz"; "Ana Ruiz" written with a role or a title before
    if _title(name) is not None:
        return False
    if words[-1].casefold() in _GROUP_NOUNS or words[-1].casefold() in _ORG_WORDS:
        return False  # "House Democrats", "Twitter users": a group, "they"
    return bool(
        any(_COMPANY_PART.fullmatch(w) for w in words[1:])
        or _ITS.search(context.masked, end, sentence_end)
    )


def _describes_someone(name: str) -> bool:
    """Whether a speaker is someone described, not named: a noun of a person or of people before
    any link ("the spokesman", "The company's lawyer", "a spokeswoman for the agency"), never a
    body ("the police", "the agency")."""
    words = name.casefold().split()
    link = next((k for k, word in enumerate(words) if word in _LINKING), len(words))
    noun = words[link - 1] if link else ""
    someone = noun in _SOMEONE_NOUNS or noun.endswith(("man", "men", "person", "people"))
    return someone and noun not in _ORG_WORDS


def _description_before(context: _Context, position: int, pronoun: str) -> Attribution:
    """What a he or she stands for when no person fits: the speaker last described before it
    ("the small business owner who wrote to me … “…,” he said"), when the description is of
    someone (not "the report") and of no other gender; else nobody."""
    latest = next(context._mentions_before(position), None)
    if latest is not None and _fitting_description(latest[1].name, pronoun):
        return Attribution(latest[1].name, latest[1].role)
    return Attribution()


def _fitting_description(name: str, pronoun: str) -> bool:
    """Whether a speaker is a description of someone a he or she may stand for ("the small
    business owner", "his wife" for a she; not "the report", nor a plural: "his talents")."""
    last = name.rsplit(maxsplit=1)[-1]
    return (
        name.split(maxsplit=1)[0].casefold() in _DETERMINERS
        and (not last.endswith("s") or last.endswith("ss"))
        and not _is_org(name)
        and _described_gender(name) in (None, pronoun)
    )


def _is_pronoun(found: Attribution) -> bool:
    return (found.speaker or "").casefold() in _PRONOUNS


def _lowercase_role(text: str, start: int, floor: int) -> str | None:
    """Role words written right before a name: "White House press secretary Josh Earnest"."""
    # Most names have none: the word right before is no role word (read from a few characters
    # when it starts among them, or they start at the floor).
    near = text[max(floor, start - 24) : start].rsplit(None, 1)
    if len(near) >= 2 or (near and start - 24 <= floor):
        last = near[-1].casefold()
        if last not in ROLE_WORDS or last in _NOT_IN_ROLE:
            return None
    # The words of the last 120 characters first (a role is a few words); all of them only
    # when every word there was taken and the window cut the text before.
    window = max(floor, start - 120)
    while True:
        taken: list[str] = []
        stopped = False
        words = text[window:start].split()
        if window > floor:
            words = words[1:]  # the window may start inside a word
        for word in reversed(words):
            folded = word.casefold()
            if folded in _NOT_IN_ROLE:  # "On Monday Boston mayor …" → "Boston mayor"
                stopped = True
                break
            if folded in ROLE_WORDS or (taken and word[:1].isupper() and word.isalpha()):
                taken.append(word)
            else:
                stopped = True
                break
        if stopped or window == floor:
            return " ".join(reversed(taken)) or None
        window = floor


def resolve(context: _Context, phrase: str, position: int, role: str | None) -> Attribution:
    """A speaker phrase made into a name: pronouns, surnames and roles resolved."""
    phrase = phrase.strip(" ,.;:")
    folded = phrase.casefold()
    folded = _OBJECT_PRONOUNS.get(folded, folded)  # "attributed to him": the text's he
    if folded in _FIRST_AND_SECOND_PERSON:
        return Attribution()  # "we tell ourselves “…”": the writer or the reader, not a name
    if folded in ("he", "she"):
        entity = context.pronoun(position, folded)
        if entity is None:
            return context.described.get(folded) or _description_before(context, position, folded)
        return Attribution(entity.name, entity.role)
    if folded in _PRONOUNS:
        entity = context.last(position, _PRONOUNS[folded], thing=folded == "it")
        if entity is None:  # "The campaign released a statement. “…,” it said."
            entity = _sentence_before_subject(context, position, folded)
        if entity is None and folded == "it":  # “…,” Google said. “…,” it said.
            entity = context.unnamed(position)
        if entity is None and _PRONOUNS[folded] == "org":
            entity = context.last(position, "person") if folded == "they" else None
        if entity is None:
            return Attribution()
        return Attribution(entity.name, entity.role)
    words = phrase.split()
    if len(words) > 2 and words[1] == "of" and words[0].casefold() in _PART_OF:
        last = words[-1].casefold()
        if last in _OBJECT_PRONOUNS or last in _FIRST_AND_SECOND_PERSON:
            return resolve(context, last, position, role)  # "some of them": what they are
        return Attribution(phrase, role)  # "some of the workers": part of a group, not a name
    if len(words) == 1 and folded in _DETERMINERS:
        return Attribution()  # "Her cautions were …": a possessive, nobody's name
    if words and words[0].casefold() in _DETERMINERS:
        noun = words[-1].casefold()
        if noun in ROLE_WORDS and len(words) <= 3:  # "the mayor" → the mayor named before
            entity = context.last(position, "person", role=noun)
            if entity is not None:
                return Attribution(entity.name, entity.role)
        if noun in _COMPANY_NOUNS and len(words) == 2:  # "the company" → the one named before
            entity = _sentence_before_subject(context, position, "it")
            if entity is None or not _company_words(entity.name):  # a name, not "The three"
                entity = context.organisation_before(position)
            if entity is not None:  # what a later "it" may stand for (see _reported_speaker)
                context.named_companies.add(entity.name)
                return Attribution(entity.name, None)
        # "the writer James Clear": a description in lower case, then the name
        first = next((i for i, w in enumerate(words) if i and w[:1].isupper()), 0)
        if (
            first > 1
            and all(w[:1].isupper() for w in words[first:])
            and all(w[:1].islower() for w in words[1:first])
            and words[first - 1] not in _LINKING  # "a spokesman for Ann Lee": the spokesman
        ):
            return resolve(
                context, " ".join(words[first:]), position, role or " ".join(words[1:first])
            )
        return Attribution(phrase, role)
    split, name = split_role(clean_name(phrase))
    role = role or split
    title = _title(name)
    name = _strip_honorific(name)
    if name.casefold() in _FIRST_AND_SECOND_PERSON:
        return Attribution()  # "Well I": an opening word and the writer
    if title is not None and (
        (name.casefold() in _shared(context) and not _the_man(context, title, name.casefold()))
        or (title.startswith("Mrs") and " " in name)  # Mrs. John Dashwood: not John Dashwood
        or _conflicts(context, title, context.full_name(name.casefold()))
    ):
        return Attribution(f"{title} {name}", role)  # Mr. Bennet and Mrs. Bennet: two people
    if split is not None or not _is_org(name):
        full = context.full_name(name.casefold())
        fulls = context.variants_of(name.casefold()) if full is not None else None
        if title is not None and full is not None:
            full = _titled(context, title, name.casefold(), position) or full
        elif fulls is not None:
            full = _latest_variant(context, fulls, position) or full
        if full is not None:
            name = full
        role = role or context.roles.get(name)
    if not any(c.isalnum() for c in name):
        return Attribution()  # "according to ''": marks and stops, nobody's name
    return Attribution(name, role)


def _latest_variant(context: _Context, fulls: list[str], position: int) -> str | None:
    """Of the full names a surname stands for ("Bill Clinton", "Hillary Clinton"), the one named
    last before position; None when none is."""
    best, latest = None, -1
    for full in fulls:
        namings = context.by_name.get(full, ())
        k = bisect_left(namings, position, key=lambda n: context.people_positions[n]) - 1
        if k >= 0 and context.people_positions[namings[k]] > latest:
            best, latest = full, context.people_positions[namings[k]]
    return best


# A match inside a word ("HMrs") is dropped where it is read.
_TITLED = re.compile(capitals(r"([ML](?:rs?|iss|s|aster|ady|ord))\b\.?\s+([A-Z][\w’'-]+)"))
# Where it may start, found by a pattern for each first letter (see spans.starts_of).
_TITLED_STARTS = (re.compile(r"M(?=(?:rs?|iss|s|aster)\b)"), re.compile(r"L(?=(?:ady|ord)\b)"))
_TITLE = re.compile(capitals(r"(Mr|Mrs|Miss|Ms|Master|Lady|Lord|Sir)\b\.?(?=\s+[A-Z])"))
_TITLE_SEX = {
    **dict.fromkeys(("Mr", "Master", "Lord", "Sir"), "he"),
    **dict.fromkeys(("Mrs", "Miss", "Ms", "Lady"), "she"),
}


def _title(name: str) -> str | None:
    """The title a name is written with ("Mrs." of "Mrs. Bennet"), as written."""
    if name[:1] not in "MLS":  # most names: no title, and no regex run for them
        return None
    match = _TITLE.match(name.strip())
    return match.group() if match else None


def _conflicts(context: _Context, title: str, full: str | None) -> bool:
    """Whether a title is of the other sex than the one a full name was written with ("Lady
    Bertram" is not "Sir Thomas Bertram")."""
    known = context.title_sex.get(full) if full is not None else None
    return known is not None and known != _TITLE_SEX[title.rstrip(".")]


def _titled(
    context: _Context, title: str, folded: str, position: int, collecting: bool = False
) -> str | None:
    """The full name a titled surname at position stands for when two people have that
    surname ("Bill Clinton", "Hillary Clinton", then "Mrs. Clinton"): one the text gives the
    title's gender (by a title or as it shows it), else one not of the other gender; of
    several, the one named last before position. The first full name when only one has the
    surname; None when none fits."""
    choices = context.variants_of(folded)
    if not choices:
        return context.full_name(folded)
    sex = _TITLE_SEX[title.rstrip(".")]

    shown = {n: context.title_sex.get(n) or context.gender(n, keep=not collecting) for n in choices}
    fitting = [n for n in choices if shown[n] == sex] or [
        n for n in choices if shown[n] in (None, sex)
    ]
    if len(fitting) > 1:  # the one named last: people read back from position, not copied
        for k in range(bisect_left(context.people_positions, position) - 1, -1, -1):
            if context.people[k][1] in fitting:
                return context.people[k][1]
    return fitting[0] if fitting else None


def _the_man(context: _Context, title: str, folded: str) -> bool:
    """Whether a man's title before a surname two titles share stands for the one full name of
    that surname the text shows as a man's ("Ms. Clinton", "Mr. Clinton" and "former President
    Bill Clinton": Mr. Clinton is Bill Clinton; with Tom and Edmund Bertram, "Mr. Bertram" is
    neither)."""
    if _TITLE_SEX[title.rstrip(".")] != "he":
        return False
    full = context.full_name(folded)
    fulls = context.variants_of(folded) or ([full] if full is not None else [])
    men = [n for n in fulls if (context.title_sex.get(n) or context.gender(n)) == "he"]
    return len(men) == 1


def _shared(context: _Context) -> frozenset[str]:
    """Surnames (folded) the text writes after two different titles ("Mr. Bennet", "Mrs.
    Bennet", "Miss Bingley" and "Mr. Bingley"): the title tells the people apart, and a full
    name of that surname ("Elizabeth Bennet") is not the one a titled mention stands for."""
    if context.shared is None:
        seen: dict[str, set[str]] = {}
        text = context.text
        for match in matches_at(_TITLED, text, starts_of(text, _TITLED_STARTS)):
            if match.start() == 0 or not text[match.start() - 1].isalnum():
                seen.setdefault(match.group(2).casefold(), set()).add(match.group(1))
        context.shared = frozenset(name for name, titles in seen.items() if len(titles) > 1)
    return context.shared


# -- the quotation's own sentence ------------------------------------------------------------------


def _mask(text: str, spans: Sequence[Span], hidden: list[tuple[int, int]] | None = None) -> str:
    """The text with every quotation blanked out (its last full stop kept), marks included;
    the spans blanked are added to hidden."""
    parts: list[str] = []
    at = 0
    for span in spans:
        open_mark = span.open_mark
        if open_mark == at - 1 and span.close_mark > at:
            open_mark = at  # `…care."Senator …`: one mark closed the last quotation and opens this
        if open_mark < at:
            continue
        if hidden is not None:
            hidden.append((open_mark, span.close_mark))
        parts.append(text[at:open_mark])
        inner = text[open_mark : span.close_mark]
        keep = inner.rstrip("”’\"'» ")[-1:] if inner.rstrip("”’\"'» ") else ""
        if keep in ".!?" and keep:
            parts.append("\x00" * (len(inner) - 2) + keep + "\x00" if len(inner) >= 2 else inner)
        else:
            parts.append("\x00" * len(inner))
        at = span.close_mark
    parts.append(text[at:])
    return "".join(parts)


def _verb_starts(context: _Context) -> list[int]:
    """Where a speech verb may start in the masked text, in order: after a space or another
    character that is not a word's, at the start of the text and right after a NUL (the end of
    a blanked quotation, or one the text had). Each is confirmed within its paragraph."""
    masked = context.masked
    found = [m.start() + 1 for m in _VERB_AFTER_SPACE.finditer(masked)]
    found += [
        m.start() + 1
        for m in _VERB_AFTER_OTHER.finditer(masked)
        if not (masked[m.start()].isalnum() or masked[m.start()] == "_")
    ]
    found += [close for _, close in context.hidden]
    found += [at + 1 for at in context.nuls]
    found.append(0)
    return sorted(set(found))


def _paragraph_verbs(context: _Context, para: Paragraph) -> list[tuple[int, int]]:
    """(start, end) of the speech verbs in a paragraph, as `_verbs_of` finds them: searched in the
    paragraph alone (`verbs_in`), unless its text before, spaces aside, ends with a letter a
    verb of several words may run on from into the paragraph (then with `_verb_starts`)."""
    masked = context.masked
    before = para.start - 1
    while before >= 0 and masked[before].isspace():
        before -= 1
    if before >= 0 and masked[before] in _IN_VERB:
        return _verbs_of(context, _starts_for(context, para), para)
    return verbs_in(masked, para.start, para.end)


def _starts_for(context: _Context, para: Paragraph) -> list[int]:
    """Where a speech verb may start in a paragraph, as `_verb_starts` finds them."""
    found = _verb_starts_in(context, para)
    if found is not None:
        return found
    if context.verb_starts is None:
        context.verb_starts = _verb_starts(context)
    return context.verb_starts


def _verb_starts_in(context: _Context, para: Paragraph) -> list[int] | None:
    """`_verb_starts` within a paragraph, from a search of its text and a few characters around
    it: from the last character before it that no match holds past its first (the passes over
    the whole text find the same matches from there), to the first one after it (no match
    before reads past it). None when no such character is near."""
    masked = context.masked
    start = para.start - 1
    floor = max(0, start - _SYNC_REACH)
    while start > floor and (masked[start] in _IN_VERB or masked[start].isspace()):
        start -= 1
    if start > 0 and (masked[start] in _IN_VERB or masked[start].isspace()):
        return None
    start = max(start, 0)
    after = _NOT_IN_VERB.search(masked, para.end, para.end + _SYNC_REACH)
    if after is None and para.end + _SYNC_REACH < len(masked):
        return None
    endpos = after.end() if after is not None else len(masked)
    found = [m.start() + 1 for m in _VERB_AFTER_SPACE.finditer(masked, start, endpos)]
    found += [
        m.start() + 1
        for m in _VERB_AFTER_OTHER.finditer(masked, start, endpos)
        if not (masked[m.start()].isalnum() or masked[m.start()] == "_")
    ]
    closes = context.closes
    found += closes[bisect_left(closes, para.start) : bisect_left(closes, para.end)]
    nuls = context.nuls
    found += [
        at + 1 for at in nuls[bisect_left(nuls, para.start - 1) : bisect_left(nuls, para.end)]
    ]
    if para.start == 0:
        found.append(0)
    return sorted({f for f in found if para.start <= f < para.end})


def _verbs_of(context: _Context, starts: list[int], para: Paragraph) -> list[tuple[int, int]]:
    """(start, end) of the speech verbs in a paragraph, as `verbs_in` finds them."""
    masked = context.masked
    found: list[tuple[int, int]] = []
    at = para.start
    for k in range(bisect_left(starts, para.start), bisect_left(starts, para.end)):
        start = starts[k]
        if start < at:
            continue
        if start and (masked[start - 1] in "-_" or masked[start - 1].isalnum()):
            continue
        match = _VERB_HERE.match(masked, start, para.end)
        if match is not None:
            found.append((start, match.end()))
            at = match.end()
    return found


def _sentence_ends(context: _Context, para: Paragraph) -> tuple[list[int], list[int]]:
    """The sentence ends that bound a paragraph's sentences, found once (sentence bounds are
    then two bisections): each end's full stop and where the next sentence starts.

    A sentence end is a stop and the marks and spaces after it, so where one is found does not
    depend on where the search starts: the paragraph is searched from its start to its end. An
    end before the paragraph whose spaces run into it bounds none of its sentences (the first
    starts at the paragraph's start); only `_sentence_starts_at` asks for it.
    """
    key = (para.start, para.end)
    found = context.ends.get(key)
    if found is not None:
        return found
    masked = context.masked
    start, end = para.start, para.end
    matches: Iterable[re.Match[str]]
    if masked.find("!", start, end) < 0 and masked.find("?", start, end) < 0:
        matches = _SENTENCE_ENDS["."].finditer(masked, start, end)
    else:
        every = (_SENTENCE_ENDS[stop].finditer(masked, start, end) for stop in ".!?")
        matches = sorted(chain.from_iterable(every), key=_match_start)
    stops: list[int] = []
    restarts: list[int] = []
    for match in matches:
        at = match.start()
        # five letters before the mark: a word longer than any abbreviation (the common case)
        if masked[at - 5 : at].isalpha() or not _abbreviation_before(masked, at):
            stops.append(at)
            restarts.append(match.end())
    found = context.ends[key] = (stops, restarts)
    return found


_match_start = methodcaller("start")


def _run_in(masked: str, para: Paragraph) -> tuple[int, int] | None:
    """The sentence end before a paragraph whose marks and spaces run up to it (or into the
    spaces it opens with): its full stop and where the next sentence starts; None if none."""
    start = para.start
    while start > 0 and (masked[start - 1] in _CLOSERS or masked[start - 1].isspace()):
        start -= 1
    if start == 0 or masked[start - 1] not in ".!?":
        return None
    at = start - 1
    match = _SENTENCE_ENDS[masked[at]].match(masked, at, para.end)
    if match is None or (not masked[at - 5 : at].isalpha() and _abbreviation_before(masked, at)):
        return None
    return at, match.end()


def _sentence_starts_at(context: _Context, para: Paragraph, position: int) -> bool:
    """Whether a sentence of the paragraph starts at position (its first word excepted)."""
    restarts = _sentence_ends(context, para)[1]
    i = bisect_left(restarts, position)
    if i < len(restarts) and restarts[i] == position:
        return True
    if i:
        return False
    # before the first end in the paragraph: a start that an end before it gives
    run_in = _run_in(context.masked, para)
    return run_in is not None and run_in[1] == position


def _sentence_bounds(context: _Context, para: Paragraph, position: int) -> tuple[int, int]:
    """The sentence of masked text around position, within its paragraph.

    An end counts when it lies wholly inside the paragraph and, for the start, when the
    character that shows a sentence follows it comes before position (as a scan of the
    paragraph up to position would find it). Position is in the paragraph, or after it when
    only the end is asked for.
    """
    found = context.ends.get((para.start, para.end))  # found before, most times: no call
    stops, restarts = found if found is not None else _sentence_ends(context, para)
    start = para.start
    if position < para.start:  # the end of a sentence before the paragraph may run into it
        run_in = _run_in(context.masked, para)
        if run_in is not None and position <= run_in[0]:
            return start, run_in[0] + 1
    i = bisect_left(restarts, position)
    if i and stops[i - 1] >= para.start:
        start = restarts[i - 1]
    end = para.end
    j = bisect_left(stops, position)
    if j < len(stops) and restarts[j] < para.end:
        end = stops[j] + 1
    return start, end


_RUN_BEFORE = re.compile(r"[\w.]+\Z")  # searched up to a stop: the word and dots before it


def _abbreviation_before(masked: str, dot: int) -> bool:
    if masked[dot] != "." or (dot >= 5 and masked[dot - 5 : dot].isalpha()):
        return False  # five letters before it: a word longer than any abbreviation listed
    # the run of word characters and dots before it, at most 12
    run = _RUN_BEFORE.search(masked, max(0, dot - 12), dot)
    if run is None:
        return False
    token = run.group().casefold()
    return token in _ABBREVIATIONS or len(token) == 1 or (len(token) <= 4 and "." in token)


def _local(
    context: _Context, masked: str, para: Paragraph, span: Span, closing: Paragraph
) -> Attribution | None:
    """An attribution in the quotation's own sentence, or None when there is none; closing is
    the paragraph it ends in (a release may set its opening mark alone in a paragraph)."""
    text = context.text
    start, end = _sentence_bounds(context, para, span.open_mark)
    _, end = _sentence_bounds(context, closing, max(span.end - 1, span.open_mark, closing.start))
    after = masked[span.close_mark : end]
    if end == closing.end and _VERB_AFTER.fullmatch(after):
        # “…,” said [paragraph break] Ana Ruiz: a release's tag broken after its verb
        after = masked[span.close_mark : _next_line_end(masked, end)]
    before = masked[start : span.open_mark]
    # “…,” said X / “…,” X said / “…?” X asked (a question mark does not end the sentence)
    near = after
    if text[span.end - 1 : span.end] in "?!" and not _introduced(masked, start, span.open_mark):
        _, further = _sentence_bounds(context, closing, span.close_mark)
        near = masked[span.close_mark : further]
    signed = _SIGNED.match(masked, span.close_mark, closing.end)
    if signed is not None and not _titles_only(signed.group(1)):
        return resolve(context, signed.group(1), signed.start(1), None)
    found = (
        None
        if span.close_mark in context.introducing
        else _after_attribution(context, masked, span.close_mark, near)
    )
    if found is not None:
        return found
    # “…” was Mr Shepherd's rejoinder / his daughter's; Lady Bertram's calm inquiry of “…”
    owner = (_OWNED_AFTER.match(after) if "was" in after[:16] else None) or (
        _OWNED_BEFORE.search(before) if "s " in before[-80:] and _ends_owned(before) else None
    )
    if owner is not None:
        at = (span.close_mark if owner.re is _OWNED_AFTER else start) + owner.start("who")
        return resolve(context, owner.group("who"), at, None)
    for segment, offset in ((before, start), (after, span.close_mark)):
        match = _according(segment)
        if match is not None and offset == start:
            found = _speaker_after_source(context, masked, start + match.end(), span.open_mark)
            if found is not None:
                return found
        if match is not None and offset != start:
            # “…,” she said, according to the report: the tag names the speaker, the source
            # only reports it ("saying, “Mommy,” according to the investigation")
            tagged = _tag_before(context, masked, start, span, after, end)
            if tagged is not None and tagged.speaker is not None:
                return tagged
        if match is not None:
            phrase = _noun_phrase_forward(text, offset + match.end(), offset + len(segment))
            if match.group()[1:2].casefold() == "t":  # attributed to X by Y: X said it
                phrase = _ATTRIBUTED_BY.sub("", phrase)
                phrase = "she" if phrase.casefold() == "her" else phrase
            named = _named_after_role(context, offset + match.end(), offset + len(segment), phrase)
            if named is not None:  # "in the words of the prosecutor, Ann Lee, “…”": Ann Lee
                return named
            if phrase:
                phrase = _document_author(phrase)
                return resolve(context, _org_name(phrase), offset + match.start(), None)
    # "As held by the court, “…”", "as noted by Ana Ruiz: “…”": the agent said it
    named_at = _as_by(before)
    if named_at is not None:
        phrase = _noun_phrase_forward(text, start + named_at, span.open_mark)
        if phrase:
            phrase = _person_not_place(context, _org_name(phrase))
            return resolve(context, phrase, start + named_at, None)
    # "was said to be “legendary”": reported, by no one named (searched only where the text
    # before ends with the pattern's last word: most end otherwise)
    if before.rstrip().endswith(_SAID_TO_BE_ENDS) and _SAID_TO_BE.search(before):
        return Attribution()
    # X said / X told the council that “…” / described as “…” by X
    found = _tag_before(context, masked, start, span, after, end)
    if found is not None:
        return found
    later = _later_attribution(context, masked, span.close_mark, after)
    if later is not None:
        return later
    if before.rstrip().endswith(":"):
        found = _sentence_subject(context, masked, start, span.open_mark)
        if found is not None:
            return found
    return None


def _tag_before(
    context: _Context, masked: str, start: int, span: Span, after: str, end: int
) -> Attribution | None:
    """The speaker a speech verb before the quotation in its sentence gives: X said / X told
    the council that “…” / described as “…” by X (an Attribution with no speaker: reported by
    no one named); None when no verb there gives one."""
    text = context.text
    for verb, verb_end in reversed(verbs_in(masked, start, span.open_mark, alone=True)):
        position = verb
        if _after_determiner(masked, start, position) or _GERUND_SUBJECT.match(masked, verb_end):
            continue  # "the claims were", "his remarks", "Food labelling would": a noun
        if not masked[position:verb_end].endswith("ing") and _passive(masked, start, position):
            agent = _AGENT.match(masked, verb_end, span.open_mark)
            if agent is not None:  # "was described by W. W. Rouse Ball as “…”"
                return resolve(context, agent.group(1), agent.start(1), None)
            by = _BY.match(after)
            if by is not None:
                phrase = _noun_phrase_forward(text, span.close_mark + by.end(), end)
                if phrase:
                    return resolve(context, phrase, span.close_mark, None)
            return Attribution()
        if not masked[position:verb_end].endswith("ing"):
            agent = _BY_AGENT.match(masked, verb_end, span.open_mark)
            if agent is None:
                pass
            elif agent.group(1)[:1].islower():
                return Attribution()  # "was approached by Ann and told by him “…”": his, unsure
            else:  # "was told by Ana Ruiz “…”": the agent's words
                return resolve(context, agent.group(1), verb_end + agent.start(1), None)
        if (
            _short(text, span)
            and _TERM_NOT_SAID.match(masked, verb_end, span.open_mark)
            and not _PROMISING.match(masked, position, verb_end)
        ):
            continue  # "posted a photo and arranged “dates”", "agrees to “waive time”": not hers
        if "as if to" in masked[start:position] and _AS_IF_TO.search(masked, start, position):
            return Attribution()
        if masked[position:verb_end].endswith("ing"):  # "Lee apologized …, saying “…”"
            found = _participle_subject(context, masked, start, position)
        else:
            found = _subject_before(context, masked, start, position)
        if found is None and (
            not masked[start:position].strip(' \x00"”,.!?')
            or masked[max(start, position - 4) : position].rstrip(" ,").endswith("\x00")
        ):
            # “…,” said Ana Ruiz, “…”: a tag between two quotations, the verb first (also
            # where a sentence that reads on holds the first: "X noted: “…,” said Ana Ruiz.")
            found = _inverted(context, verb_end, span.open_mark)
        if found is not None and not _figure_expressing(masked, position, verb_end, found):
            return found
    return None


# The agent of a passive speech verb that no "was" stands right before ("was approached and told
# by him “…”"): a pronoun or a capitalised name, not a means ("said by phone").
_BY_AGENT = re.compile(
    capitals(r"\s+by\s+(him|them|her(?!\s+[a-z])|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})\b")
)
# What stands between a speech verb and a short quotation it does not govern: a second
# predicate joined by "and" ("posted a photo and arranged “dates”"), or "to" before a named act
# or someone else's words ("agrees to “waive time”", "objected to “bad faith”").
_TERM_NOT_SAID = re.compile(
    r"(?:(?:(?!\bthat\b)[^\x00“”\"])*\s(?:and|or|but|then)\s+(?:[a-z]+ly\s+)?[a-z]{3,}ed\s"
    r"[^\x00“”\"]*|\s+to\s*)$"
)
# Verbs of a promise or a threat: the act after their "to" is in the speaker's words
# ("threatened to “shank” her", "vowed to “fight”").
_PROMISING = re.compile(r"(?:threat|vow|promis|pledg|swear|swor)")
_SHORT_WORDS = 3  # words of a quotation that names a term rather than reports speech, at most


def _short(text: str, span: Span) -> bool:
    """Whether a quotation holds at most `_SHORT_WORDS` words ("dates", "waive time")."""
    return len(text[span.start : span.end].split(maxsplit=_SHORT_WORDS)) <= _SHORT_WORDS


def _figure_expressing(masked: str, verb: int, verb_end: int, found: Attribution) -> bool:
    """Whether a verb of showing a feeling has for subject a thing, not someone: a phrase that
    ends in a word in lower case naming no person, body or document ("An arch look", "Emma's
    ear"; not "Ines Marlow", "his wife", "the committee", "the report")."""
    if found.speaker is None or masked[verb:verb_end].casefold() not in EXPRESSING_VERBS:
        return False
    last = found.speaker.split()[-1]
    return (
        last[:1].islower()
        and not describes_person(found.speaker)
        and not _is_org(found.speaker)
        and last not in _DOCUMENTS
    )


def _introduced(masked: str, start: int, mark: int) -> bool:
    """Whether a quotation's sentence introduces it with a tag ("Ana Ruiz said, “…?”"): a tag
    after its question mark then belongs to the next quotation."""
    if not masked[start:mark].rstrip().endswith((",", ":")):
        return False
    verbs = verbs_in(masked, max(start, mark - 60), mark)
    return bool(verbs) and not masked[verbs[-1][1] : mark].strip(" ,:")


def _next_line_end(text: str, position: int) -> int:
    """The end of the first line after position that holds more than spaces."""
    start = position
    while start < len(text) and text[start].isspace():
        start += 1
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _titles_only(phrase: str) -> bool:
    """Whether a phrase is only titles, roles and days, no name ("- Mr.", "- Mayor", "- Monday")."""
    return all(
        word in _HONORIFICS or word in ROLE_WORDS or word in _WHEN
        for word in (token.casefold().rstrip(".") for token in phrase.split())
    )


def _according(segment: str) -> re.Match[str] | None:
    """`_ACCORDING` in segment, searched only where one of its words is (most sentences have
    none; a search tries the pattern at every A)."""
    folded = segment.lower()
    if not any(map(folded.__contains__, _ACCORDING_WORDS)):  # no generator frame: hot
        return None
    return _ACCORDING.search(segment)


# "a statement from the ministry", "a report issued by Acme", "the company's statement": a
# document and who wrote it (after "according to", and on the line under a block quote)
_DOCUMENT_NOUNS = "|".join(sorted(_DOCUMENTS | words("message note email")))
_DOCUMENT_FROM = re.compile(
    r"(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}?(?:"
    + _DOCUMENT_NOUNS
    + r")\s+(?:(?:issued|released|published|posted|sent|signed)\s+)?(from|by|of|in)\s+(.+)"
    + r"|(?:the\s+)?(.+?)['’]s?\s+(?:[\w-]+\s+)?(?:"
    + _DOCUMENT_NOUNS
    + r")",
    re.I,
)


def _document_author(phrase: str) -> str:
    """Who wrote the document an "according to" names ("a statement from the Ministry of
    Health": the ministry); the phrase itself when it names no document with its author, or
    names a time or, after "in" or "of", no name ("a report in March", "a statement of facts")."""
    found = _DOCUMENT_FROM.fullmatch(phrase)
    if found is None:
        return phrase
    if found.group(3) is not None:
        return found.group(3)
    author = found.group(2)
    first = author.split()
    head = first[1] if len(first) > 1 and first[0].casefold() in _DETERMINERS else first[0]
    if head.casefold() in _WHEN or head[:1].isdigit():
        return phrase
    if found.group(1).casefold() in ("of", "in") and not head[:1].isupper():
        return phrase
    return author


def _as_by(before: str) -> int | None:
    """Where the agent's name starts in "As held by the court, “…”" or "as noted by Ana Ruiz:
    “…”" (a speech verb, or "held", between "as" and "by"); None when before has no such
    frame."""
    at = before.find(" by ")
    while at >= 0:
        frame = _AS_VERB_END.search(before, max(0, at - 20), at + 1)
        if frame is not None and (frame.group(1) in SPEECH_WORDS or frame.group(1) == "held"):
            return at + 4
        at = before.find(" by ", at + 1)
    return None


def _speaker_after_source(
    context: _Context, masked: str, source: int, mark: int
) -> Attribution | None:
    """Who said a quotation when "according to" names where it was reported and a clause after
    a comma names the speaker ("According to the agency, the judge said “…”"); None when no
    such clause (a verb in a relative clause, "who advised", is not one)."""
    comma = masked.find(",", source, mark)
    if comma < 0:
        return None
    for verb, _ in reversed(verbs_in(masked, comma + 1, mark, alone=True)):
        before = masked[comma + 1 : verb].split()
        if not before or before[-1].casefold() in _CLAUSE_BREAK:
            continue
        found = _subject_before(context, masked, comma + 1, verb)
        if found is not None and found.speaker is not None:
            return found
    return None


_AGE_AFTER = re.compile(r"\s*,\s*\d{1,3}\s*,")  # "Omar Reyes, 34,": an age after a name


def _named_after_role(context: _Context, at: int, limit: int, role: str) -> Attribution | None:
    """The person a role is named as between commas right after it (the role read from at:
    "the prosecutor, Ann Lee, “…”"); None when the role ends in no role word or no name of a
    person follows it, or one given an age ("his lawyer, Omar Reyes, 34, “was …”": the one
    the role speaks of)."""
    if not role or role.split()[-1].casefold() not in ROLE_WORDS:
        return None
    text = context.text
    comma = text.find(",", at, limit)
    after = _COMMA.match(text, comma) if comma >= 0 else None
    named = _NAME_RUN.match(text, after.end(), limit) if after is not None else None
    if (
        named is None
        or _is_org(named.group())
        or text[named.end() : limit].strip()[:1] != ","
        or _AGE_AFTER.match(text, named.end(), limit)
    ):
        return None
    found = resolve(context, named.group(), named.start(), None)
    return Attribution(found.speaker, found.role or role)


def _ends_owned(before: str) -> bool:
    """Whether text may end as `_OWNED_BEFORE` does: with a saying noun or "of", spaces, commas
    and colons after it aside."""
    tail = before.rstrip()
    while tail.endswith((",", ":")):
        tail = tail.rstrip(",:").rstrip()
    return tail.endswith(_OWNED_ENDS)


def _after_attribution(
    context: _Context, masked: str, position: int, after: str
) -> Attribution | None:
    inverted = _VERB_AFTER.match(after)
    # "“…”, adding Iran will …": an -ing verb goes on with the sentence's subject; no tag
    if inverted is not None and not _addresses(inverted.group()) and not _continues(inverted):
        return _inverted(context, position + inverted.end(), position + len(after))
    direct = _LEADING_PUNCT.match(after)
    at = position + (direct.end() if direct else 0)
    as_ = _AS_SUBJECT.match(masked, at)  # “…,” as Senator Ted Cruz put it
    return _subject_then_verb(context, masked, as_.end() if as_ else at, position + len(after))


_AS_SUBJECT = re.compile(r"as\s+(?=[A-Z]|(?:he|she|it|they)\s)")


def _continues(verb: re.Match[str]) -> bool:
    """Whether a verb right after a quotation is in -ing ("adding", "saying"): it continues its
    sentence's subject, and a name after it is what was said, not who said it."""
    return verb.group().rstrip(" ,—–-").endswith("ing")


def _addresses(verb: str) -> bool:
    """Whether a verb of saying takes the one spoken to as its object ("told The Hill"), so a
    name after it is never its speaker as after an inverted "said"."""
    return verb.strip(" ,—–-").split(maxsplit=1)[0].casefold() in _TELLING


def _later_attribution(
    context: _Context, masked: str, position: int, after: str
) -> Attribution | None:
    """An attribution later in the sentence: “…” in that law, X said."""
    for comma in _COMMA.finditer(after):
        at = position + comma.end()
        rest = masked[at : position + len(after)]
        inverted = _VERB_START.match(rest)
        if inverted is not None and not _addresses(inverted.group()):
            found = _inverted(context, at + inverted.end(), position + len(after))
            if found is not None:
                return found
        found = _subject_then_verb(context, masked, at, position + len(after))
        if found is not None:
            return found
    return None


def _subject_then_verb(context: _Context, masked: str, at: int, limit: int) -> Attribution | None:
    """X said / he added / Mr. Hale said / the survey concluded, starting at `at`."""
    text = context.text
    segment = masked[at:limit]
    pronoun = _PRONOUN_VERB.match(segment)
    if pronoun is not None:
        return resolve(context, pronoun.group(1), at, None)
    described = _LOWER_ROLE.match(segment)  # “…,” team member Rodaba Noori told the press
    if described is not None and not _NOT_IN_ROLE & set(described.group().casefold().split()):
        found = _subject_then_verb(context, masked, at + described.end(), limit)
        if found is not None and found.speaker is not None and found.speaker[:1].isupper():
            role = described.group().strip()
            return Attribution(
                found.speaker, role if role.endswith(found.role or "") else found.role
            )
    name = _NAME_RUN.match(segment)
    if name is not None:
        tail = segment[name.end() :]
        verb = _NAME_VERB.match(tail)
        if verb is None:
            appositive = _APPOSITIVE_VERB.match(tail)
            if appositive is None:
                # "White House press secretary Josh Earnest told reporters"
                later = _LATER_VERB.match(tail)
                if later is None:
                    return _unclosed_appositive(context, masked, at, name, tail)
                verb_at = at + name.end() + later.start("verb")
                return _subject_before(context, masked, at, verb_at)
        return resolve(context, name.group(), at, None)
    described = _DESCRIBED_VERB.match(segment)
    group = _GROUP_VERB.match(segment) if described is None else None
    if group is not None and not _NOT_IN_ROLE & set(group.group(1).split()):
        described = group  # “…,” state police said
    if described is not None:
        return resolve(context, text[at : at + described.end(1)], at, None)
    return None


def _unclosed_appositive(
    context: _Context, masked: str, at: int, name: re.Match[str], tail: str
) -> Attribution | None:
    """“…,” Ann Lee, film critic for the Post said: the appositive's closing comma left out;
    the name's person when the words before the verb read as their title, else None."""
    unclosed = _UNCLOSED_APPOSITIVE.match(tail)
    if unclosed is None:
        return None
    found = _subject_before(context, masked, at, at + name.end() + unclosed.start("verb"))
    if found is None or not found.speaker:
        return None
    return found if clean_name(name.group()).endswith(found.speaker.split()[-1]) else None


_UNCLOSED_APPOSITIVE = re.compile(rf",[^,.;:!?\x00]{{1,80}}?(?<![\w-])(?P<verb>{_VERB})")
# A group named without a determiner, then its verb: “…,” state police said
_GROUP_VERB = re.compile(rf"((?:[a-z][\w’'-]*\s+){{0,2}}{_GROUP_HEAD})\s+(?:\w+ly\s+)?{_VERB}")


def _inverted(context: _Context, at: int, limit: int) -> Attribution | None:
    """said X: a name within a few words after the verb, descriptors before it made the role."""
    text = context.text
    segment = text[at:limit]
    # The tag ends where a quotation or a semicolon starts: "returned she; “for Mrs. Long …”"
    stop = _TAG_END.search(context.masked, at, limit)
    if stop is not None:
        segment = segment[: stop.start() - at]
    if segment[:1].isspace():
        at += len(segment) - len(segment.lstrip())
        segment = segment.lstrip()
    if text[max(0, at - 12) : at].rstrip().endswith(("ing", " to")):
        # "claiming a say", "accusing Trump", "saying he would", "referred to gangs from
        # Canarsie": what follows an -ing form or a "referring to" is its object or a clause's
        return None
    pronoun = _PRONOUN_HERE.match(segment)
    if pronoun is not None:  # said he; an it there is the verb's object ("denied it")
        return resolve(context, pronoun.group(1), at, None) if pronoun.group(1) != "it" else None
    group = _GROUP_AFTER.match(segment) if _SAID_BEFORE.search(text, max(0, at - 12), at) else None
    if group is not None:
        return Attribution(_without_stop(group.group()))  # said two aides, U.S. officials
    words = list(islice(_NOT_SPACE.finditer(segment), 12))
    for i, word in enumerate(words):
        match = _NAME_RUN.match(segment, word.start())
        if match is None or (i >= 8 and not _descriptor_ok(segment[: word.start()])):
            continue
        role_after = _ROLE_AFTER.match(segment, match.end())
        if role_after is not None and not match.group().endswith(_POSSESSIVE_ENDS):
            size = _person_before_role(match.group(), segment, role_after.end())
            if not size:
                continue  # "said former New Zealand coach John Lee": a place qualifies a role
            match = _NAME_RUN.match(segment, match.start(), match.start() + size) or match
        leading = segment[: word.start()].strip(" ,")
        if (
            i > 0
            and _AGENT_FOR.fullmatch(leading)
            and not _NAME_AFTER_COMMA.match(segment, match.end())
        ):  # said a spokesman for the Red Cross (not "…, Idris Vane": the one named speaks)
            return Attribution(_without_stop(segment[: match.end()].rstrip(" ,")))
        if i > 0 and not _descriptor_ok(leading):
            break
        if _names_the_place(segment, leading, word.start(), match.group()):
            return Attribution(leading)  # said the governor of the state, New Mexico
        people = _group_after(segment, match.group(), match.end())
        if people is not None:
            return Attribution(f"{clean_name(match.group())} {people}")  # said Israeli officials
        if _kin_of(leading) and not _NAME_AFTER_COMMA.match(segment, match.end()):
            # "said the widow of Ruben Diaz": the one described speaks, not the one named
            return Attribution(clean_name(segment[: match.end()]), None)
        # "the forum’s secretary" → "forum’s secretary"; "the" alone ("said the Times") → None
        role = (leading[3:] if leading.split()[:1] == ["the"] else leading).strip() or None
        owned = _owned_role(context, segment, match, at)
        if owned is not None:  # said Mr. Romney's campaign manager, Matt Rhoades
            return owned
        comma = (
            _TITLE_THEN_NAME.match(segment, word.start())
            if segment.find(",", word.start()) >= 0
            else None
        )
        if comma is not None and _whole_title(comma.group(1)):
            # said the Attorney General of Baja California, Ana Ruiz: the name after the title
            found = resolve(context, comma.group(2), at + comma.start(2), None)
            return Attribution(found.speaker, comma.group(1))
        if (
            comma is not None
            and _kin_of(_ROLE_LINK.sub(" of", leading))
            and _person_after(context, comma.group(2))
        ):
            # said the president of Acme Corp, John Doe: the person after the body, its role
            found = resolve(context, comma.group(2), at + comma.start(2), None)
            return Attribution(found.speaker, re.sub(r"^an?\s+", "", f"{role} {comma.group(1)}"))
        titled = _TITLE_TAIL.match(segment, match.end())
        found_title = None
        if titled is not None:  # said Secretary of State John Kerry
            found_title = _title_and_person(context, segment[word.start() : titled.end()])
        else:
            joined = _AGENCY_AND_TITLE.match(segment, match.end())
            if joined is not None and _joins_agency(context, match.group(), joined.group()):
                # said Health and Human Services Secretary Alex Azar
                found_title = _role_then_name(segment[word.start() : joined.end()].split())
        if found_title is None:
            found_title = _body_role_name(segment, word.start())
        if found_title is not None:
            role, person = found_title
            return Attribution(resolve(context, person, at + word.start(), None).speaker, role)
        # "said Bank of America spokesman Bill Halldin": the role words after the whole title
        described = (_ROLE_THEN_NAME.match(segment, titled.end()) if titled else None) or (
            _ROLE_THEN_NAME.match(segment, match.end())
        )
        if (
            described is not None
            and not _NOT_IN_ROLE & set(described.group(1).split())
            and not (role_after and titled is None)  # "said Ann Lee M.D. associate professor
            # Johns Hopkins …": the role in lower case is hers, the capitals after it her body's
        ):
            # said Republican strategist Ford O'Connell: the first capitals are the role's
            found = resolve(context, described.group(2), at + described.start(2), None)
            role = segment[word.start() : described.end(1)]
            return Attribution(found.speaker, role)
        name = _through_title(segment, match, len(segment))
        name = name.rstrip(".") if not _ends_initial(name) else name
        found = resolve(context, name, at + word.start(), None)
        if found.role is None and role is None:
            role = _appositive_role(segment[match.end() :])
        return Attribution(found.speaker, role or found.role)
    # said his wife / cried the landlord / growled the old sailor: a description for subject
    described = _DESCRIPTION_AFTER.match(segment) or _DESCRIPTION_BEFORE_FOR.match(segment)
    if described is not None and not _object_of_verb(text, at, described.group()):
        return resolve(context, described.group(), at, None)
    return None


def _names_the_place(segment: str, leading: str, at: int, name: str) -> bool:
    """Whether a name set off by a comma after a description names the place the description
    ends with ("the governor of the state, New Mexico"), not a person ("…, Kristi Noem", "…,
    Macron": a person's name is far likelier there, so only a word that opens place names
    shows a place)."""
    return (
        leading.rpartition(" ")[2] in _PLACE_NOUNS
        and segment[:at].rstrip().endswith(",")
        and name.split()[0].casefold() in _PLACE_OPENERS
    )


_PLACE_NOUNS = words("state country city town county nation province region")
# First words of places' names of two words or more: "New Mexico", "Nova Scotia", "Costa Rica"
_PLACE_OPENERS = words("new north south east west united nova san santa costa sri puerto rhode")


# The verb of an inverted tag that a group follows as its subject: “…,” said two aides
_SAID_BEFORE = re.compile(rf"\b(?:{'|'.join(sorted(_INVERTED_OPENERS))})\s*$")


def _without_stop(phrase: str) -> str:
    """A description without the full stop of the sentence it ends (initials keep theirs)."""
    return phrase[:-1] if phrase.endswith(".") and not _ends_initial(phrase) else phrase


# A group right after an inverted verb, counted or not, with what it knows: "said two aides",
# "said state officials", "said people familiar with the talks" (not after a preposition:
# "said to reporters" names whom it was said to)
_GROUP_AFTER = re.compile(
    capitals(
        r"(?:(?:two|three|four|five|several|some|many|other|both)\s+)?"
        rf"(?:(?!(?:{'|'.join(sorted(_PREPOSITIONS))})\s)[a-z][\w’'-]*\s+|[A-Z][a-z]+\s+"
        r"|(?:[A-Z]\.){2,}\s+){0,2}?"
        rf"{_GROUP_HEAD}\b"
        r"(?:\s+(?:familiar\s+with|close\s+to|briefed\s+on|involved\s+in)(?:\s+[\w’'-]+){1,3}?"
        r"|\s+(?:at|with|from|in|for)(?:\s+the)?(?:\s+[A-Z][\w’'.&-]*)+)?"
        r"(?=(?:\s+[a-z]+ly)?\s*(?:[,.;:!?—–]|--|\s(?:to|in|at|as|from|when|while|and|who|by|on)\b|$))"
    )
)


# Verbs of a tag that take an object: what follows them is what was denied or praised, unless it
# names a person or a body ("“…,” denied the charge." has no speaker in its tag).
_OBJECT_VERBS = words(
    "denied denies admitted admits confirmed confirms acknowledged rejected dismissed disputed "
    "praised blasted slammed accused criticised criticized denounced condemned hailed lauded "
    "touted cited recalled announced predicted estimated"
)
_LAST_WORD = re.compile(r"([a-z]+)\W*$")


def _object_of_verb(text: str, at: int, described: str) -> bool:
    """Whether a description after an inverted verb is the verb's object, not its subject: the
    verb takes one and the description names neither a person nor a body."""
    verb = _LAST_WORD.search(text, max(0, at - 20), at)
    return (
        verb is not None
        and verb.group(1) in _OBJECT_VERBS
        and not describes_person(described)
        and not _is_org(described)
    )


# Honorifics and ranks written with a full stop before a name: "Dr.", "Sgt.", "Lt.", "Sen."
_DOTTED_HONORIFICS = "|".join(
    sorted(h[:-1].title() for h in _HONORIFICS | ROLE_WORDS if h.endswith("."))
)
# A capitalised title with its links, a comma, then a name that ends the tag: "Attorney General
# of Baja California, Ana Ruiz."
_TITLE_THEN_NAME = re.compile(
    capitals(
        r"([A-Z][\w’'.&-]*(?:\s+(?:of|the|for|and|&|[A-Z][\w’'.&-]*))*),\s+"
        rf"((?:(?:{_DOTTED_HONORIFICS})\.\s+)?[A-Z][\w’'-]*(?:\s+(?:[A-Z]\.|[A-Z][\w’'-]*))*)"
        r"\s*(?:[.,;]|$)"
    )
)


def _whole_title(phrase: str) -> bool:
    """Whether capitalised words are a title with no one's name in it: a role word, and they
    end in a role word ("Health and Human Services Director") or in the body or place the role
    is of, with no given name there ("Attorney General of Baja California")."""
    tokens = phrase.split()
    if not any(_title_word(t) == "role" for t in tokens):
        return False
    if _title_word(tokens[-1]) == "role":
        return True
    joint = max(phrase.rfind(" of "), phrase.rfind(" for "))  # "Senior Counsel for LatinoJustice"
    body = phrase[phrase.index(" ", joint + 1) + 1 :] if joint > 0 else ""
    tail = body.split()
    return (
        joint > 0
        and given_name_gender(body) is None
        # a role word inside a body's name is the body's ("the Justice Department")
        and (
            _title_word(tail[-1] if tail else "") == "org"
            or not any(_title_word(t) == "role" for t in tail)
        )
    )


def _owned_role(
    context: _Context, segment: str, owner: re.Match[str], at: int
) -> Attribution | None:
    """The speaker when a name after an inverted verb owns a role ("said Mr. Romney's campaign
    manager, Matt Rhoades"): the name after the role, else the role itself ("said Mr. Romney's
    spokesman"). None when the name owns nothing."""
    if not owner.group().endswith(_POSSESSIVE_ENDS):
        return None
    role = _ROLE_OWNED.match(segment, owner.end())
    if role is None:
        return None
    described = segment[owner.start() : role.end()]
    comma = _COMMA.match(segment, role.end())
    named = _NAME_RUN.match(segment, comma.end()) if comma is not None else None
    if named is None or _is_org(named.group()):
        return Attribution(described, None)
    found = resolve(context, named.group(), at + named.start(), None)
    return Attribution(found.speaker, found.role or described)


def _title_and_person(context: _Context, phrase: str) -> tuple[str, str] | None:
    """(role, name) of a title whose words run on after of, in or for to a person's name
    ("Secretary of State John Kerry", "Chief of Police Scott Wahl", "Special Agent in Charge
    John Brown"); None when the phrase has no such joint, no role word before the name, or no
    name after the joint. The name may be followed by its place ("John Brown of the FBI")."""
    joints = list(_TITLE_JOINT.finditer(phrase))
    if not joints:
        return None
    named = _name_then_role(phrase, joints[0].start())
    if named is not None:
        return named
    head = _role_then_name(phrase[: joints[0].start()].split())
    if head is not None:  # "Chairman Ann Lee of the Sea Band of Hill People": where she works
        return head
    ends = [joint.start() for joint in joints[1:]] + [len(phrase)]
    for joint, end in reversed(list(zip(joints, ends, strict=True))):
        name = _person_in(context, phrase[joint.end() : end].split())
        if name is not None and not _is_org(clean_name(name)):
            return _titled_role(phrase[: end - len(name)].strip(), name)
    # no role word, given name or known name: the title's own words tell where it ends
    # ("Director General of the Pacific Forum Tamasese"), else its last two words
    split = long_title(clean_name(phrase))
    if split is not None:
        return split
    tail = phrase[joints[-1].end() :].split()
    if len(tail) < 3:
        return None
    name = " ".join(tail[-2:])
    if _is_org(clean_name(name)):
        return None  # "Chief Ana Ruiz of the Westport Fire Department": she works there
    return _titled_role(phrase[: len(phrase) - len(name)].strip(), name)


def _name_then_role(phrase: str, joint: int) -> tuple[str, str] | None:
    """(role, name) when a title's words before its first joint are a name of two or three
    words (an honorific before it dropped) and then a role word, no comma between: "Dr. Ana Ruiz
    Assistant Secretary for Mental Health" (a house that drops the commas); None otherwise."""
    tokens = phrase[:joint].split()
    skip = 1 if tokens and tokens[0].casefold() in _HONORIFICS else 0
    first_role = next((k for k, t in enumerate(tokens) if _title_word(t) == "role"), -1)
    name_words = tokens[skip:first_role] if first_role > 0 else []
    if not 2 <= len(name_words) <= 3 or any(
        _title_word(t) or t.endswith(_POSSESSIVE_ENDS) for t in name_words
    ):
        return None  # "HRSA’s Associate Administrator for …": a body's, no name
    name = " ".join(name_words)
    lead = phrase.index(tokens[first_role - 1]) + len(tokens[first_role - 1])
    return phrase[lead:joint].strip(), name


def _joins_agency(context: _Context, before: str, after: str) -> bool:
    """Whether "and" between capitals joins one body's name ("Health and Human Services"), not
    two people ("Ana Ruiz and Secretary Tom Lee", "Ruiz and Parks Director Tom Lee"): one word
    before it that names no one in the text, and after it a word that is no role."""
    first = after.split()[1]  # after "and"
    return (
        " " not in before.strip()
        and not context.is_person(before.strip())
        and _title_word(first) != "role"
    )


# A body's long name, a role and a name, to the end of the tag: "United States Citizenship and
# Immigration Services (USCIS) New York Asylum Office Director Patricia A. Menges", "Centers for
# Medicare & Medicaid Services (CMS) Administrator Seema Verma" (the links, the ampersand and the
# short form in brackets are what no person's name holds).
_BODY_ROLE_RUN = re.compile(
    capitals(
        r"[A-Z][\w’'.&-]*(?:\s+(?:[A-Z][\w’'.&-]*|\([A-Z][A-Za-z.&]{0,11}\)|of|for|and|&|the))*"
        r"(?=\s*(?:[,;]|\.?\s|\.?$))"
    )
)
_BODY_LINKS = frozenset(("and", "&"))


def _body_role_name(segment: str, at: int) -> tuple[str, str] | None:
    """(role, name) when the tag from `at` is a body's name (a word of one, or its plural)
    joined by "and", "&" or holding a short form in brackets, then a role word and a full name
    (initials allowed) to the tag's end; None otherwise."""
    run = _BODY_ROLE_RUN.match(segment, at)
    if run is None:
        return None
    tokens = run.group().split()
    if not any(t in _BODY_LINKS or t.startswith("(") for t in tokens):
        return None
    last = max((k for k, t in enumerate(tokens) if _title_word(t) == "role"), default=-1)
    name = tokens[last + 1 :]
    if last < 0 or not 2 <= len(name) <= 4:
        return None
    if not any("org" in (_title_word(t), _title_word(t.removesuffix("s"))) for t in tokens[:last]):
        return None  # "Ana Ruiz and Secretary Tom Lee": two people, no body
    if any(_title_word(t) and not _INITIAL.fullmatch(t) for t in name):
        return None
    return " ".join(tokens[: last + 1]), clean_name(" ".join(name))


def _role_then_name(tokens: list[str]) -> tuple[str, str] | None:
    """(role, name) when the words end in a role word, then one to three words of a name that
    are neither role nor body ("Chairman Ann Lee"); None otherwise ("Secretary", "Police
    Chief")."""
    last = max((k for k, t in enumerate(tokens) if _title_word(t) == "role"), default=-1)
    name = tokens[last + 1 :]
    if last < 0 or not 1 <= len(name) <= 3 or any(_title_word(t) for t in name):
        return None
    return " ".join(tokens[: last + 1]), " ".join(name)


def _titled_role(role: str, name: str) -> tuple[str, str] | None:
    """(role, name) when the words before the name hold a role word; None when they do not."""
    if not any(
        w.casefold() in ROLE_WORDS or w.casefold().rstrip(".") in ROLE_WORDS for w in role.split()
    ):
        return None
    return role, name


def _person_in(context: _Context, tokens: list[str]) -> str | None:
    """The person's name that ends a title's last words ("State John Kerry" → John Kerry,
    "Police Scott Wahl" → Scott Wahl, "Schools Dr. Paul Gothold" → Paul Gothold): after the last
    role word or honorific, else from a given name, else a name the text gave in full; None when
    none of these tells."""
    for k in range(len(tokens) - 2, -1, -1):
        word = tokens[k].casefold()
        if word in _HONORIFICS or word in ROLE_WORDS or word.rstrip(".") in ROLE_WORDS:
            return " ".join(tokens[k + 1 :])
    for k in range(len(tokens) - 1):
        if given_name_gender(" ".join(tokens[k : k + 2])) is not None:  # it reads the first
            return " ".join(tokens[k:])
    count = len(tokens)
    folded = [token.casefold() for token in tokens]
    # the most last words that a name longer than _KEY_WORDS words shares with tokens: each key
    # of theirs that many words or fewer is one (read from the names, not from every key)
    shared = 0
    for full in context.long_names.get(" ".join(folded[-_KEY_WORDS - 1 :]), ()):
        words = full.casefold().split()
        same = 0
        while same < min(len(words), count) and words[-1 - same] == folded[-1 - same]:
            same += 1
        shared = max(shared, same)
    for k in range(1, count):
        if count - k > _KEY_WORDS:
            if count - k <= shared:
                return " ".join(tokens[k:])
        elif " ".join(folded[k:]) in context.names:
            return " ".join(tokens[k:])
    return None


_LINKED_RUN = re.compile(r"(?:\s+(?:" + "|".join(_TITLE_LINKS) + r"))+\s+" + _NAME_SCAN.pattern)


def _through_title(text: str, match: re.Match[str], limit: int) -> str:
    """A name run, carried over the lower-case links of a title when it ends in a name after
    them ("said Chief of Police Ana Ruiz": the whole, not "Chief")."""
    run, end = match.group(), match.end()
    if not _opens_title(run):
        return run
    whole = run
    while (linked := _LINKED_RUN.match(text, end, limit)) is not None:
        whole += linked.group()
        end = linked.end()
        within = _within_sentence(whole)
        if len(within) > len(run) and long_title(clean_name(within)) is not None:
            run = within
        if len(within) < len(whole):
            break
    return run


# A description in lower case tied to a name by "of": "the widow of", "a friend of"; its last
# word names a person (kin, a friend, a role), not a thing ("The name of Musgrove would have told")
_KIN_OF = re.compile(
    r"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[a-z][\w’'-]*\s+){0,2}"
    r"(?P<head>[a-z][\w’'-]*)\s+of"
)
_KIN_WORDS = (
    ROLE_WORDS
    | _MALE
    | _FEMALE
    | words(
        "widow widower parent child grandson granddaughter niece nephew cousin relative "
        "friend neighbour neighbor colleague partner fiance fiancé fiancée relatives "
        "friends neighbours neighbors colleagues members family lawyers"
    )
)
_NAME_AFTER_COMMA = re.compile(capitals(r",\s+[A-Z]"))


_ROLE_LINK = re.compile(r"\s+(?:of|for|at)(?:\s+the)?$")  # "a spokesman for the", "the head of"


def _person_after(context: _Context, name: str) -> bool:
    """Whether a name after a described body and a comma is a person's ("…, John Doe"; not
    "…, Inc.", "…, Illinois")."""
    return not _is_org(name) and (" " in name or context.full_name(name.casefold()) is not None)


def _kin_of(words: str) -> bool:
    """Whether words are a description of a person tied to a name by "of" ("the widow of")."""
    found = _KIN_OF.fullmatch(words)
    return found is not None and found["head"].casefold() in _KIN_WORDS


def _descriptor_ok(words: str) -> bool:
    """Whether the words between a verb and a name can be a role ("the forum’s secretary,";
    "former Ohio coach and former test player": capitalised qualifiers are not counted)."""
    tokens = words.replace(",", " ").split()
    lower = [t for t in tokens if not t[:1].isupper()]
    return (
        len(tokens) > 0
        and len(lower) <= 6
        and not any(t.casefold() in {"that", "to", "in"} for t in tokens)
    )


# A role word in lower case right after a capitalised run: the run qualifies the role.
_ROLE_AFTER = re.compile(
    r" (?:[a-z]+ )?(" + "|".join(sorted(w for w in ROLE_WORDS if w.isalpha())) + r")\b"
)


_NAME_NEXT = re.compile(capitals(r"\s+[A-Z]"))


def _person_before_role(run: str, segment: str, role_end: int) -> int:
    """Whether a run before a role in lower case is the person the role is of ("said Ann Lee
    director of the office", "said Adm. Ann B. Lee M.D. assistant secretary", "said Ann Lee
    HHS administrator": commas lost), not what qualifies a role before a name ("said former
    New Zealand coach John Lee"): two words or more of a name, shown a person's by a given
    name, an honorific or rank, or a middle initial; or by a body's initials after the name
    and no name after the role. The length of the run the name takes (without those
    initials), 0 when the run is no such name."""
    role, name = split_role(clean_name(run))
    bare = _strip_honorific(name)
    words = bare.split()
    acronyms = 0
    while len(words) - acronyms > 2 and _acronym(words[-1 - acronyms]):
        acronyms += 1  # "Ann Lee HHS": the body's initials after her name
    if acronyms:
        words = words[:-acronyms]
    if len(words) < 2 or _is_org(" ".join(words)):
        return 0
    person = (
        role is not None
        or bare != name
        or _shows_person(words)
        or (acronyms > 0 and _NAME_NEXT.match(segment, role_end) is None)
    )
    if not person:
        return 0
    ends = [word.end() for word in _NOT_SPACE.finditer(run)]
    return ends[-1 - acronyms]


def _ends_initial(name: str) -> bool:
    return bool(_INITIAL_END.search(name))


def _appositive_role(tail: str) -> str | None:
    match = _APPOSITIVE_ROLE.match(tail)
    if match is None:
        return None
    role = match.group(1).strip()
    return role if len(role.split()) <= 14 and not role.startswith("who") else None


def _subject_before(context: _Context, masked: str, floor: int, verb: int) -> Attribution | None:
    """The subject written right before a verb: a name, a pronoun or "the survey"."""
    key = (floor, verb)
    if key in context.subjects_before:
        return context.subjects_before[key]
    reads = context.previous_reads
    # The tokens of the last 160 characters are enough unless the reading reaches their first
    # two (then it is read again over the whole sentence before the verb).
    window = floor
    if verb - floor > _TOKEN_WINDOW:
        space = _SPACE_CHAR.search(masked, verb - _TOKEN_WINDOW, verb)
        if space is not None:
            window = space.start()  # a space is never inside a token: they start alike after it
    try:
        found = _find_subject_before(context, masked, floor, verb, window)
    except _Cut:
        found = _find_subject_before(context, masked, floor, verb, floor)
    if context.previous_reads == reads:
        context.subjects_before[key] = found
    return found


_POSSESSIVES = frozenset({"its", "their", "his", "her"})


def _head_before_of(tokens: list[tuple[int, str]], j: int) -> tuple[int, int] | None:
    """Where the noun phrase that "of its …" at tokens[j] completes starts and ends: "PC
    World's recent analysis of its own statistics concluded" → PC World's recent analysis;
    None when no determiner or possessive name opens one within four words before "of"."""
    if j < 2 or tokens[j - 1][1] != "of":
        return None
    k = j - 2
    while k >= 0 and j - 2 - k < 4 and tokens[k][1] not in {",", ";", ":"}:
        word = tokens[k][1]
        if word.casefold() in _DESCRIPTION_DETERMINERS:
            if k == j - 2 and word.casefold() in _PART_OF | {"one"}:
                return None  # "one of his employees": a part of them, not a head of its own
            return k, j - 2
        if word[:1].isupper() and word.endswith(("'s", "’s")):
            while k > 0 and tokens[k - 1][1][:1].isupper():
                k -= 1
            return k, j - 2
        k -= 1
    return None


_NOT_IN_DESCRIPTION = _SKIP_BACK | _ADVERBS | frozenset(_PRONOUNS)  # "The blog then", "… he"
# A relative clause still open before a verb: the verb after its "and" is the relative's ("The
# letter was sent to Dale Hurst, who read it and said"), not the sentence's subject's.
_OPEN_RELATIVE = re.compile(r",\s+(?:who|whom|which)\b[^,]*$")
_PARTICIPLE = re.compile(r"[a-z]+(?:ed|en|wn)|made|sent|held|read|led|run|told|set|shown")


class _Cut(Exception):
    """The tokens of a window before a verb were not enough."""


def _find_subject_before(
    context: _Context, masked: str, floor: int, verb: int, window: int
) -> Attribution | None:
    text = context.text
    tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(masked, window, verb)]
    low = 2 if window > floor else -_TOKEN_WINDOW  # the first index that may be read

    def reach(index: int) -> None:
        if index < low:
            raise _Cut

    i = len(tokens) - 1
    while i >= 0 and (
        tokens[i][1].casefold() in _SKIP_BACK
        or (tokens[i][1].endswith("ly") and tokens[i][1][:1].islower())  # not "Connelly"
    ):
        i -= 1
    if (
        i > 1
        and tokens[i][1] == "to"
        and tokens[i - 1][1] == "on"
        and tokens[i - 2][1].casefold() in _WENT
    ):
        i -= 3  # "went on to say": the subject before
    elif i > 1 and tokens[i][1] == "to" and tokens[i - 1][1].casefold() in _BEFORE_TO:
        i -= 2  # "wanted to ask": the subject before
    elif i > 0 and tokens[i][1] == "to" and _PARTICIPLE.fullmatch(tokens[i - 1][1]):
        i -= 2  # "Ann Lee is reported to have said": the one reported on
        while i >= 0 and tokens[i][1].casefold() in _SKIP_BACK:
            i -= 1
    k = i  # "Sanders on Tuesday accused", "Ryan late Friday said": a time after the subject
    while k >= 0 and tokens[i][1] == "day" and tokens[k][1] in _DAY_PHRASE:
        k -= 1  # "a letter circulated on the same day stated": the letter
    if k < 0 or tokens[k][1] not in _TIME_AFTER:
        k = i
    while k >= 0 and tokens[k][1].casefold() in _TIME_WORDS:
        k -= 1
    if k < i:
        i = k - 1 if k >= 0 and tokens[k][1].casefold() in _TIME_AFTER else k
    reach(i)
    if i < 0:
        return None
    if tokens[i][1] in ("and", "but"):
        # "Jespersen was a proponent of it and wrote:": the subject of the clause joined, or
        # the description it opens with ("The defendant opened the door … and said")
        found = _clause_subject(context, floor, verb)
        described = _DESCRIBED_OPENER.match(masked, floor, verb) if found is None else None
        if (
            described is not None
            and not masked[floor : described.start(1)].strip()
            and not _NOT_IN_DESCRIPTION.intersection(described.group(1).casefold().split()[1:])
            and not _OPEN_RELATIVE.search(masked, described.end(1), verb)
        ):
            # "The victim told police the defendant walked up … and said": the one reported on
            told = described.group().rsplit(maxsplit=1)[-1] in _TOLD
            reported = _REPORTED_SUBJECT.match(masked, described.end(), verb) if told else None
            teller = described.group(1)
            if (
                reported is not None
                and _someone(context, reported.group(1))
                and not describes_document(teller)  # "The complaint stated …": its own words
                and teller.rsplit(maxsplit=1)[-1].casefold() not in _ORG_WORDS
            ):
                described = reported
            return resolve(context, described.group(1), described.start(1), None)
        return found
    if tokens[i][1] == ",":
        # an appositive or relative clause: "Eric Reeves, one of the … voices on Sudan, said"
        j = i - 1
        while j >= 0 and tokens[j][1] != "," and i - j < 30:
            j -= 1
        reach(j)
        if j < 0 or tokens[j][1] != ",":
            return None
        inner = text[tokens[j][0] + 1 : tokens[i][0]].strip()
        if _NAME_RUN.fullmatch(inner) and not _is_org(inner):
            if " " in inner or context.is_person(inner):
                return resolve(context, inner, tokens[j][0], None)  # "her mother, Fiona, said"
            # "Ann Lee, curator at the University of Arkansas, Fayetteville, said": a place
            # that closes a longer appositive; its start is the comma before
            k = j - 1
            while k >= 0 and tokens[k][1] != "," and j - k < 30:
                k -= 1
            reach(k)
            if k >= 0 and tokens[k][1] == ",":
                j = k
        i = j - 1
        reach(i)
        if i < 0:
            return None
    if tokens[i][1] in ("which", "that") and i > 0 and tokens[i - 1][1] in _ISSUED:
        i -= 1  # "released a statement which read": the statement, then who released it
    relative = tokens[i][1].casefold() == "who" and i > 1 and _relative_of(tokens, i)
    if relative:
        # "the woman who said", "John Smith, who wrote": the one the relative clause is about
        i -= 1 if tokens[i - 1][1] != "," else 2
        if _age_at(tokens, i):
            i -= 2
        reach(i)
    word = tokens[i][1]
    surname = word[:1].isupper() and i > 0 and tokens[i - 1][1].istitle()  # "Victim He wrote"
    if word.casefold() in _PRONOUNS and not surname:
        return resolve(context, word, tokens[i][0], None)
    if "\x00" in word:
        # (a quotation glued to a sentence's last word, "of Labor.“I…”", names no body)
        if not (
            word.startswith("\x00")
            and i > 1
            and tokens[i - 1][1] == "of"
            and tokens[i - 2][1][:1].isupper()
        ):
            return None
        i -= 2  # "Ann Lee of “Have No Fear”, a charity, told": the person, not the body quoted
        word = tokens[i][1]
    if word[:1].isupper() or word.startswith("(") or _JOINED_SURNAME.fullmatch(word):
        j = i
        reach(j - 1)
        while j > 0 and (
            tokens[j - 1][1][:1].isupper()
            or tokens[j - 1][1].startswith("(")
            or (tokens[j - 1][1] in _PARTICLES)
            or (tokens[j - 1][1] in _CONNECTORS and j > 1 and tokens[j - 2][1][:1].isupper())
        ):
            j -= 1
            reach(j - 1)
        j = _title_start(tokens, j, i, reach)
        agent = _agent_before(context, tokens, j, i, floor)
        if agent is not None:
            return agent
        of = j - 2 if j > 2 and tokens[j - 1][1] == "the" else j - 1
        if of > 0 and tokens[of][1] == "of":
            # "The widow of Ruben Diaz said": the one described, not the one named
            for k in range(max(0, of - 4), of):
                if _kin_of(text[tokens[k][0] : tokens[of][0] + 2]):
                    reach(k)
                    end = tokens[i][0] + len(tokens[i][1])
                    return Attribution(clean_name(text[tokens[k][0] : end]), None)
        if j > 1 and tokens[j - 1][1] in ("on", "via") and _where(tokens, j, i):
            # "and on Twitter referred to": where it was said; the subject is before it
            return _find_subject_before(context, masked, floor, tokens[j - 1][0], window)
        speaking = _spoken_to(tokens, j)
        if speaking is not None:  # "Ann Lee speaking to Reuters said": the subject before
            return _find_subject_before(context, masked, floor, tokens[speaking][0], window)
        of = j - 1
        while of > 0 and j - of <= 4 and _LOWER_WORD.fullmatch(tokens[of][1]):
            if tokens[of][1] in _PREPOSITIONS:
                break
            of -= 1  # "of the tenants' group Fair Homes": what the body is, in lower case
        if of > 0 and tokens[of][1] in ("of", "with") and _surname_like(tokens[of - 1][1]):
            # "Ann Lee of (or with) the Harbor Police said": the person, not where she works
            k = of - 1
            while (
                k > 0 and tokens[k - 1][1][:1].isupper() and _title_word(tokens[k - 1][1]) is None
            ):
                k -= 1
                reach(k - 1)
            run = text[tokens[k][0] : tokens[of - 1][0] + len(tokens[of - 1][1])]
            if _title_word(tokens[of - 1][1]) is None and context.is_person(clean_name(run)):
                i = of - 1
                j = _title_start(tokens, k, i, reach)
                while j > 0 and _title_word(tokens[j - 1][1]) == "role":
                    j -= 1  # "Chief Ann Lee of …"
                    reach(j - 1)
        if (
            j > 0
            and tokens[j - 1][1] == "the"
            and i - j < 3
            and not any(t.casefold() in ROLE_WORDS for _, t in tokens[j : i + 1])
        ):
            j -= 1  # "the White House said": an institution, named with its article
        phrase = text[tokens[j][0] : tokens[i][0] + len(tokens[i][1])]
        titled_person = _person_before_title(context, text, tokens, j, i)
        if titled_person is not None:  # "Ann Lee, Chief of the Fraud Division said": Ann Lee
            return titled_person
        first, joined, second = phrase.partition(" and ")
        if joined and all(
            context.is_person(clean_name(part)) and not _is_org(split_role(clean_name(part))[1])
            for part in (first, second)
        ):
            phrase = first  # "Ann Lee and Tom Ross said": the first named of the two
        found_title = _title_and_person(context, phrase)
        if found_title is not None:  # "Secretary of State John Kerry said"
            title_role, title_person = found_title
            found = resolve(context, title_person, tokens[j][0], None)
            return Attribution(found.speaker, title_role)
        phrase = _person_not_place(context, phrase)
        writer, on, _ = phrase.partition(" on ")
        if on and " " in writer and not _is_org(writer) and context.is_person(writer):
            if re.match(r"\w+ing\b", masked[verb : verb + 40]):
                return None  # "with Ann Lee on Fox News criticizing": a preposition's object
            phrase = writer  # "Ana Ruiz on Twitter wrote": where she wrote it
        if phrase.split()[0].casefold() in {"in", "on", "at", "after", "before", "when"}:
            return None
        if all(w.casefold().strip(",") in _WHEN for w in phrase.split()):
            # "Earlier Saturday, Yoon apologized …, saying": the clause's subject, not its time
            after = _NAME_RUN.search(masked, tokens[i][0] + len(tokens[i][1]), verb)
            if after is None:
                return None
            return resolve(context, after.group(), after.start(), None)
        if phrase.casefold() in _SENTENCE_OPENERS:  # "However, he defended it, saying": he
            return None
        by = j - 2 if j >= 2 and tokens[j - 1][1] == "the" else j - 1
        if (
            not relative  # "drafted by Ann Lee, who said": she said it
            and by >= 1
            and tokens[by][1] == "by"
            and _PARTICIPLE.fullmatch(tokens[by - 1][1])
        ):
            # "A leaked letter seen by Sky News says": the letter, not the one who saw it
            return _find_subject_before(context, masked, floor, tokens[by - 1][0], window)
        role = _lowercase_role(text, tokens[j][0], floor)
        return resolve(context, phrase, tokens[j][0], role)
    if word in _GROUP_NOUNS and i > 0 and tokens[i - 1][1][:1].isupper():
        j = i - 1  # "Twitter users said", "Many Israeli officials said": the group
        while j > 0 and tokens[j - 1][1][:1].isupper():
            j -= 1
        end = tokens[i - 1][0] + len(tokens[i - 1][1])
        if _group_after(masked, text[tokens[j][0] : end], end) is not None:
            return Attribution(f"{clean_name(text[tokens[j][0] : end])} {word}")
    # the survey / a senior political source / her mother
    j = i
    reach(i - _DESCRIPTION_WORDS)
    while j >= 0 and i - j < _DESCRIPTION_WORDS and tokens[j][1] not in {",", ";", ":"}:
        if "\x00" in tokens[j][1] or (
            j < i and tokens[j][1].endswith(".") and not _ABBREVIATED.fullmatch(tokens[j][1])
        ):
            break
        if tokens[j][1].casefold() in _PREPOSITIONS:
            break
        if j < i and tokens[j][1][:1].isupper() and tokens[j][1].endswith(_POSSESSIVE_ENDS):
            # "Mr. Romney's spokesman said": the role the name owns, not the name
            k = j
            while k > 0 and tokens[k - 1][1][:1].isupper() and j - k < 4:
                k -= 1
            if tokens[i][1].casefold() in _DOCUMENTS:  # "Ann Lee's statement read": her words
                owner = text[tokens[k][0] : tokens[j][0] + len(tokens[j][1])]
                return resolve(context, _POSSESSIVE_SUFFIX.sub("", owner), tokens[k][0], None)
            return Attribution(text[tokens[k][0] : tokens[i][0] + len(tokens[i][1])], None)
        if tokens[j][1].casefold() in _DESCRIPTION_DETERMINERS:
            head = _head_before_of(tokens, j) if tokens[j][1] in _POSSESSIVES else None
            k, last = head if head is not None else (j, i)
            issuer = _issuer(context, masked, floor, tokens, k, last, window)
            if issuer is not None:
                return issuer
            speaking = _spoken_to(tokens, k)
            if speaking is not None:  # "Ann Lee speaking to the council called it"
                return _find_subject_before(context, masked, floor, tokens[speaking][0], window)
            phrase = text[tokens[k][0] : tokens[last][0] + len(tokens[last][1])]
            person = _person_before_preposition(tokens, k, last)
            if person is not None:  # "a source close to the campaign", not the campaign
                noun_at, noun = tokens[k - 2]
                if noun.casefold() in _DOCUMENTS:  # "the family's letter to the paper"
                    return Attribution(text[tokens[person][0] : noun_at + len(noun)], None)
                return Attribution(text[tokens[person][0] : len(phrase) + tokens[k][0]], None)
            return resolve(context, phrase, tokens[k][0], None)
        j -= 1  # a capitalised word may be inside: "The Home Office letter reads"
    return _group_without_determiner(text, tokens, j, i)


_ISSUED = _DOCUMENTS | words("message note email")  # what a body puts out in its own words
_ISSUING = words("released issued sent posted published put")


def _issuer(
    context: _Context,
    masked: str,
    floor: int,
    tokens: list[tuple[int, str]],
    k: int,
    last: int,
    window: int,
) -> Attribution | None:
    """Who put out the document tokens[k:last + 1] names with "a" or "an" ("The ministry
    issued a statement saying", "Facebook released a statement which read"): the subject of
    the verb before it; None when no such verb is there or it has no subject."""
    if tokens[k][1] not in ("a", "an") or tokens[last][1] not in _ISSUED or k < 1:
        return None
    verb = k - 2 if tokens[k - 1][1] == "out" and k > 1 else k - 1  # "put out a statement"
    if tokens[verb][1] not in _ISSUING:
        return None
    found = _find_subject_before(context, masked, floor, tokens[verb][0], window)
    return found if found is not None and found.speaker else None


def _spoken_to(tokens: list[tuple[int, str]], j: int) -> int | None:
    """Where "speaking to", "talking with" (and "the") before tokens[j] starts: tokens[j] opens
    who is spoken to; None when no such words come before it."""
    if j > 0 and tokens[j - 1][1] == "the":
        j -= 1
    if j > 1 and tokens[j - 1][1] in ("to", "with") and tokens[j - 2][1].casefold() in _SPEAKING_TO:
        return j - 2
    return None


def _group_without_determiner(
    text: str, tokens: list[tuple[int, str]], j: int, i: int
) -> Attribution | None:
    """A group a verb's subject names with no determiner, from the start of its sentence or
    clause: "Iowa police said", "state police said", "U.S. officials told" (tokens[j] is where
    the description's walk back stopped; tokens[i] is the head)."""
    if tokens[i][1] not in _GROUP_HEADS or i - j > 4:
        return None
    if j >= 0 and tokens[j][1] not in {",", ";", ":"}:
        stop = tokens[j][1]
        if "\x00" not in stop and not (stop.endswith(".") and not _ABBREVIATED.fullmatch(stop)):
            return None  # a preposition or a word the walk did not pass: not a clause's start
    if any(token.casefold() in _NOT_IN_ROLE for _, token in tokens[j + 1 : i]):
        return None
    return Attribution(text[tokens[j + 1][0] : tokens[i][0] + len(tokens[i][1])], None)


def _agent_before(
    context: _Context, tokens: list[tuple[int, str]], j: int, i: int, floor: int
) -> Attribution | None:
    """The one who speaks for the body or person named at tokens[j..i], when a description
    of an agent links to it: "A spokesman for the Red Cross said" is the spokesman; a person
    named before it in commas is that spokesman ("Ana Ruiz, a spokeswoman for … said")."""
    text = context.text
    link = j - 2 if j > 1 and tokens[j - 1][1] == "the" else j - 1
    if link < 1 or tokens[link][1] not in {"for", "of", "at", "to", "with"}:
        return None
    found = _AGENT_FOR.search(text, max(floor, tokens[j][0] - 80), tokens[j][0])
    if found is None:
        return None
    agent = text[found.start(1) : tokens[i][0] + len(tokens[i][1])]
    named = _NAMED_BEFORE.search(text, max(floor, found.start(1) - 60), found.start(1))
    if (
        named is not None
        and not _SENTENCE_OPENERS.intersection(named.group(1).casefold().split())  # "On Monday"
        and not _is_org(named.group(1))
        and context.is_person(named.group(1))
    ):
        person = resolve(context, named.group(1), named.start(1), None)
        return Attribution(person.speaker, re.sub(r"^(?:an?|the)\s+", "", agent, flags=re.I))
    return Attribution(agent, None)


# A name, then the comma that opens an appositive after it: "Ana Ruiz, |a spokeswoman for"
_NAMED_BEFORE = re.compile(capitals(r"(?<![\w’'.-])([A-Z][\w’'-]+(?:\s+[A-Z][\w’'.-]+){1,3}),\s+$"))


def _person_before_title(
    context: _Context, text: str, tokens: list[tuple[int, str]], j: int, i: int
) -> Attribution | None:
    """The person named before a comma and a title of a body that tokens[j..i] end ("Andrew
    Anagnostis, Chief of the Organized Crime Division said", the appositive's closing comma
    left out): the person, the title their role; None when the words before are otherwise."""
    if j >= 2 and tokens[j - 1][1] == "," and _title_word(tokens[i][1]) == "role":
        # "Paul Steely White, Transportation Alternatives Executive Director said": a title
        # ending in a role word after a person's name and a comma
        b = j - 2
        while b > 0 and tokens[b - 1][1][:1].isupper() and j - b < 6:
            b -= 1
        name = clean_name(text[tokens[b][0] : tokens[j - 2][0] + len(tokens[j - 2][1])])
        words = name.split()
        if (
            len(words) >= 2
            and not _is_org(name)
            and not any(_title_word(word) for word in words)
            and (_shows_person(words) or _title(name) is not None)
        ):
            title = text[tokens[j][0] : tokens[i][0] + len(tokens[i][1])]
            return Attribution(resolve(context, name, tokens[b][0], None).speaker, title)
    k = j - 1
    if k >= 0 and tokens[k][1] == "the":
        k -= 1
    if k < 2 or tokens[k][1] not in {"of", "for", "at"}:
        return None
    uncommaed = _person_then_title_before(context, text, tokens, k)
    if uncommaed is not None:
        return uncommaed
    m = k - 1
    while m >= 0 and k - m <= _TITLE_WORDS_BACK and _in_title(tokens[m][1]):
        m -= 1
    if m == k - 1:  # "Jack Garner, film critic for the Post said": a role in lower case
        while m >= 0 and _LOWER_WORD.fullmatch(tokens[m][1]) and k - m <= 3:
            m -= 1
        if _NOT_IN_ROLE.intersection(t for _, t in tokens[m + 1 : k]):
            return None
    if (
        m < 1
        or tokens[m][1] != ","
        or not any(_title_word(t) == "role" for _, t in tokens[m + 1 : k])
    ):
        return None
    b = m - 1
    while b > 0 and tokens[b - 1][1][:1].isupper() and m - b < 5:
        b -= 1
    name = clean_name(text[tokens[b][0] : tokens[m - 1][0] + len(tokens[m - 1][1])])
    role, person = split_role(name)
    if not tokens[b][1][:1].isupper() or _is_org(person) or not context.is_person(person):
        return None
    found = resolve(context, person, tokens[b][0], None)
    title = text[tokens[m + 1][0] : tokens[i][0] + len(tokens[i][1])]
    return Attribution(found.speaker, title if role is None else f"{role}, {title}")


_TITLE_WORDS_BACK = 10  # words of a title read back from its last "of" to the comma before it


def _in_title(word: str) -> bool:
    """Whether a word may stand in a title read back to its comma: a capitalised word, a role
    word in lower case or a link ("president of the Board of the Fund of Texas")."""
    return word[:1].isupper() or word in _TITLE_LINKS or _title_word(word) == "role"


def _person_then_title_before(
    context: _Context, text: str, tokens: list[tuple[int, str]], k: int
) -> Attribution | None:
    """The person whose name runs, with no comma, into the title that "of" at tokens[k] ends
    ("Roger Severino director of OCR stated", "Mark D. Okusa MD FASN President of the …
    added"): a name shown a person's (see _person_before_role, _name_then_title), then a role
    in lower case or capitalised title words; None when the words before "of" are otherwise."""
    r = k - 1
    while r >= 0 and _LOWER_WORD.fullmatch(tokens[r][1]) and k - r <= 3:
        r -= 1  # "director", "associate director": a role in lower case
    lower = [t for _, t in tokens[r + 1 : k]]
    if lower and (lower[-1] not in ROLE_WORDS or _NOT_IN_ROLE.intersection(lower)):
        return None
    b = r
    while b > 0 and tokens[b - 1][1][:1].isupper() and r - b < 8:
        b -= 1
    if b < 0 or r < b or not tokens[b][1][:1].isupper():
        return None
    run = text[tokens[b][0] : tokens[r][0] + len(tokens[r][1])]
    if lower:
        size = _person_before_role(run, text, tokens[k][0])
        if not size:
            return None
        name = run[:size]
    else:
        cut = _name_then_title(clean_name(run).split())
        if cut is None:
            return None
        name = cut[1]
    found = resolve(context, name, tokens[b][0], None)
    return Attribution(found.speaker, found.role)


def _where(tokens: list[tuple[int, str]], j: int, i: int) -> bool:
    """Whether the capitalised words tokens[j..i] after "on" or "via" name where something was
    said ("on Twitter", "via Fox News"), not a time before its subject ("on Tuesday Ana Ruiz")."""
    return i - j < 2 and tokens[j][1].casefold() not in _TIME_WORDS


def _person_not_place(context: _Context, phrase: str) -> str:
    """The person before "of" where the rest says where they are from or work: "Senator Mitch
    McConnell of Kentucky", "Ana Ruiz of The Times"; a body's or a title's name stays whole
    ("Bank of America", "Chief of Police Ana Ruiz")."""
    parts = phrase.split(" of ")
    if len(parts) < 2 or long_title(clean_name(phrase)) is not None:
        return phrase
    head = parts[0]
    if not _is_org(phrase) or (" " in head and not _is_org(head) and context.is_person(head)):
        return head
    return phrase


def _person_before_preposition(tokens: list[tuple[int, str]], k: int, last: int) -> int | None:
    """Where a description starts when the one in tokens[k:last + 1], all in lower case,
    completes a preposition after someone ("a source close to the campaign", "people familiar
    with the talks", "two people briefed on the plan"): its opener, a determiner or number or a
    bare plural of people within four words; None when there is none."""
    if (
        k < 2
        or tokens[k - 1][1] not in _LINKING
        or any(not t[:1].islower() for _, t in tokens[k : last + 1])
    ):
        return None
    found = None
    for m in range(k - 2, max(-1, k - 6), -1):
        word = tokens[m][1]
        folded = word.casefold()
        if word in {",", ";", ":"} or "\x00" in word or folded in _PREPOSITIONS:
            break
        if folded in VERBS:
            break  # "the report concluded with a memo": a clause of its own, not a description
        if folded in _DESCRIPTION_OPENERS or folded in _BARE_PLURALS:
            found = m
    return found


def _title_start(
    tokens: list[tuple[int, str]], j: int, last: int, reach: Callable[[int], None]
) -> int:
    """Where a long title starts that the name run at tokens[j:last + 1] ends ("Director of the
    … Center for Women Ana Ruiz said"), read back over its lower-case links; j when none."""
    start = j
    while j > 1 and tokens[j - 1][1] in _TITLE_LINKS:
        k = j - 1
        while k > 0 and tokens[k - 1][1] in _TITLE_LINKS:
            k -= 1
        reach(k - 1)
        if k == 0 or not tokens[k - 1][1][:1].isupper():
            break
        j = k - 1
        while j > 0 and tokens[j - 1][1][:1].isupper():
            j -= 1
            reach(j - 1)
        phrase = " ".join(token for _, token in tokens[j : last + 1])
        if long_title(clean_name(phrase)) is not None:
            start = j
    return start


def _age_at(tokens: list[tuple[int, str]], at: int) -> bool:
    """Whether tokens[at] is an age set after a name between commas ("Ana Ruiz, 24, who")."""
    return at >= 2 and tokens[at][1].isdigit() and tokens[at - 1][1] == ","


def _relative_of(tokens: list[tuple[int, str]], who: int) -> bool:
    """Whether the "who" at tokens[who] opens a clause about the words before it that can be its
    verb's subject: a name and a comma ("John Smith, who wrote"), or a description in lower case
    that is not itself an appositive ("the woman who said"; not ", an Oklahoma Republican who
    warned", which stands for the name before it)."""
    before = tokens[who - 1][1]
    if before == ",":
        if _age_at(tokens, who - 2):
            return tokens[who - 4][1][:1].isupper()  # "Ana Ruiz, 24, who told police"
        return tokens[who - 2][1][:1].isupper()
    if before[:1].isupper():  # "drafted by Alex Greenwich who said"; not "an Oklahoma
        # Republican who warned", an appositive
        j = who - 1
        while j > 0 and tokens[j - 1][1][:1].isupper():
            j -= 1
        return before.isalpha() and (j == 0 or tokens[j - 1][1].casefold() not in _DETERMINERS)
    if not before[:1].islower():
        return False
    j = who - 1
    while j > 0 and who - j < 5 and tokens[j][1].casefold() not in _DETERMINERS:
        j -= 1
    return tokens[j][1].casefold() in _DETERMINERS and (j == 0 or tokens[j - 1][1] != ",")


# A document named as what follows, before an -ing verb: "released the following statement
# announcing": the verb before it (group 1) is its writer's.
_FOLLOWING_DOCUMENT = re.compile(
    r"\b([a-z]+)\s+the\s+following\s+(?:" + _DOCUMENT_NOUNS + r")s?\s+$"
)


def _participle_subject(
    context: _Context, masked: str, floor: int, verb: int
) -> Attribution | None:
    """The subject of an -ing verb: the words right before it ("one poster writing “…”"),
    unless a conjunction or a comma stands there; then the last person named in the sentence
    before it who opens a clause ("Sunak defended the record whilst promising “…”", "Lee
    apologized for the delay, saying “…”"), or a pronoun opening the sentence."""
    last = masked[floor:verb].split()[-1:]
    if last == ["as"]:
        named = _QUOTED_NAME_AS.search(masked, floor, verb)
        if named is not None:  # "The site quotes Ann Lee, a student, as saying": the one quoted
            return resolve(context, named.group(1), named.start(1), None)
        quoted = _QUOTED_AS.search(masked, floor, verb)
        if quoted is not None:  # "the paper quoted X as saying", "X was quoted as saying"
            if quoted.group("passive"):
                return _subject_before(context, masked, floor, quoted.start())
            return _inverted(context, quoted.end(), verb)
    following = _FOLLOWING_DOCUMENT.search(masked, max(floor, verb - 60), verb)
    if following is not None:
        # "Ana Ruiz released the following statement announcing …: “…”": who released it
        return _subject_before(context, masked, floor, following.start(1))
    after_comma = bool(last) and last[0].endswith(",")
    low = max(floor, verb - 120)
    ending = None if after_comma else _CLAUSE_BEFORE_ING.search(masked, low, verb)
    if ending is not None:
        # "ran out after the alarm sounded yelling": the clause's subject when it is someone,
        # else the sentence's (an alarm does not yell)
        if _someone(context, ending.group(1)):
            return resolve(context, ending.group(1), ending.start(1), None)
        found = _clause_subject(context, floor, ending.start())
        if found is not None:
            return found
        described = _DESCRIBED_OPENER.match(masked, floor, ending.start())
        if described is not None:
            return resolve(context, described.group(1), described.start(1), None)
        pronoun = _OPENING_PRONOUN.match(masked[floor : ending.start()])
        # "She ran out when the shooting started"
        return resolve(context, pronoun.group(1), floor, None) if pronoun is not None else None
    if (
        last
        and last[0].casefold() not in _CONJUNCTIONS
        and not after_comma
        and not _PREPOSITION_OBJECT.search(masked, max(floor, verb - 60), verb)
    ):
        return _subject_before(context, masked, floor, verb)
    # the last clause a conjunction opens: "A neighbor called after the defendant banged on the
    # door yelling"
    clauses = [] if after_comma else list(_SUBORDINATE_SUBJECT.finditer(masked, floor, verb))
    if clauses:
        return resolve(context, clauses[-1].group(1), clauses[-1].start(1), None)
    found = _clause_subject(context, floor, verb)
    if found is not None:
        return found
    agent = _PASSIVE_AGENT.search(masked, floor, verb)
    if agent is not None:  # "The plan was criticised by the Nurses' Guild as slow, saying “…”"
        return resolve(context, _AGENT_TAIL.sub("", agent.group(1)), agent.start(1), None)
    described = _DESCRIBED_OPENER.match(masked, floor, verb)
    if after_comma and described is not None and described.start(1) > floor + 1:
        # "In a letter, the council sent its reply, stating": the description after the
        # phrases set off by commas, not a noun inside them
        return resolve(context, described.group(1), described.start(1), None)
    if after_comma:  # "Earlier Saturday, Yoon apologized …, saying": read back over the clause
        found = _subject_before(context, masked, floor, verb)
        if found is not None:
            return found
    pronoun = _OPENING_PRONOUN.match(masked[floor:verb])
    if pronoun is not None:
        return resolve(context, pronoun.group(1), floor, None)
    opening = _OPENING_NAME.match(masked, floor, verb) if after_comma else None
    if opening is not None and opening.group(1).split()[0].casefold() not in _SENTENCE_OPENERS:
        # "Boeing declined to comment, saying the company “…”": the sentence's subject
        return resolve(context, opening.group(1), opening.start(1), None)
    return resolve(context, described.group(1), floor, None) if described else None


# A sentence's subject: "She ran out …", "However, he defended it, saying"
# A sentence that opens with a name and its verb: "Boeing declined", "Acme Corp. says", "Boeing
# did not"
_OPENING_NAME = re.compile(
    capitals(
        r"\s*([A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*)*)\s+(?:\w+ly\s+)?"
        r"(?:[a-z]+(?:ed|s)\b|(?:did|does|do|had|has|have|was|is|were|will|would|could|can)\s)"
    )
)
_OPENING_PRONOUN = re.compile(r"\s*(?:[A-Z][a-z]+,\s+(?=[hst]))?([Hh]e|[Ss]he|[Tt]hey)\b")


# A noun after a preposition right before an -ing verb: where the subject went, not who it is
# ("ran back to the car yelling “…”").
# A body named with "the" that something was sent to, as well: "sent an email to the Student
# Union Board announcing" (after "to" only: the recipient).
_PREPOSITION_OBJECT = re.compile(
    r"\b(?:(?:to|at|on|in|into|onto|toward|towards|across|through|for|about|over|against)\s+"
    r"(?:the|a|an|his|her|their|its)\s+(?:[a-z][\w’'-]*\s+){0,2}?[a-z][\w’'-]*"
    r"|to\s+the\s+(?:[A-Z][\w’'.&-]*\s+){0,4}[A-Z][\w’'.&-]*)\s*$"
)


# A conjunction that opens a clause and the clause's subject (open: a caller adds choices and
# closes the group): "after the defendant", "when Ana Ruiz".
_CONJUNCTION_SUBJECT = (
    r"\b(?:after|when|as|while|because|before|until|once)\s+((?:the|a|an|his|her|their)\s+"
    r"[a-z][\w’'-]*(?:\s+[a-z][\w’'-]*)?|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*"
)
# The subject of a clause that a conjunction opens, with its verb in the past: the one an -ing
# verb at its end goes with ("after the defendant banged on the door yelling “…”").
_SUBORDINATE_SUBJECT = re.compile(capitals(_CONJUNCTION_SUBJECT + r")\s+[a-z]+ed\b"))


# A clause that a conjunction opens and its verb in the past ends, right before an -ing verb:
# "after the alarm sounded| yelling", "when the lights went out| screaming".
_CLAUSE_BEFORE_ING = re.compile(
    capitals(
        _CONJUNCTION_SUBJECT + r"|he|she|they)"
        r"\s+(?:(?:was|were|had)\s+)?(?:[a-z]+ed|went|came|rang|fell|broke|began|ran|left|read)"
        r"(?:\s+(?:off|out|up|down|on|in|away|over))?\s*$"
    )
)


def _someone(context: _Context, subject: str) -> bool:
    """Whether a clause's subject is someone who may speak: a pronoun of people, a name that is
    no organisation's, or a description of a person, a party in a case or a group ("the
    defendant", "the crowd"; not "the alarm")."""
    if subject in ("he", "she", "they") or (subject[:1].isupper() and not _is_org(subject)):
        return True
    return subject.rsplit(maxsplit=1)[-1].casefold() in _SOMEONE_NOUNS


_SOMEONE_NOUNS = (
    _KIN_WORDS
    | _PARTIES
    | _GROUP_NOUNS
    | words(
        "person driver shooter gunman robber attacker assailant intruder stranger boyfriend "
        "girlfriend passenger teen teenager crowd"
    )
)


# "quoted X as saying": the one quoted is the speaker; "X was quoted as": the subject.
_QUOTED_AS = re.compile(
    r"(?<![\w-])(?:(?P<passive>(?:was|were|is|are|been|being)\s+)?quoted\s+(?=as\s*$)"
    r"|quot(?:es|ed|ing)\s+(?=[^.;:!?]{1,120}\bas\s*$))"
)


# The agent of a passive verb, named with capitals: "was criticised by the Royal Nursing Guild".
_PASSIVE_AGENT = re.compile(
    capitals(
        r"\b(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?[a-z]+ed\s+by\s+"
        r"((?:the\s+)?[A-Z][\w’'.&-]*(?:\s+(?:of|and|for|the|[A-Z][\w’'.&-]*))*)"
    )
)
_AGENT_TAIL = re.compile(r"(?:\s+(?:of|and|for|the))+$")


def _clause_subject(context: _Context, floor: int, verb: int) -> Attribution | None:
    """The last person named in [floor, verb) who opens a clause, if any; not one named as an
    owner ("Biden rejected Pelosi's suggestion, saying": Biden)."""
    k = bisect_left(context.people_positions, verb) - 1
    while k >= 0 and context.people_positions[k] >= floor:
        _, start, end, _, _, _ = context.namings[k]
        if context.subject(k) and not context.text[start:end].endswith(_POSSESSIVE_ENDS):
            name = context.people[k][1]
            return Attribution(name, context.roles.get(name))
        k -= 1
    return None


_TELLING = words("tell tells told telling")
_LINKING = words("to with on for of at from in about")
# "quoted Mr. Smith, a student, as": the name, which may carry an abbreviation's full stop
_QUOTED_NAME_AS = re.compile(
    capitals(
        r"\bquot(?:ed|es|ing)\s+((?:[A-Z][\w’'.-]*\s+)*[A-Z][\w’'.-]*)(?:,[^,]{1,100},)?\s+as\s+$"
    )
)
_CONJUNCTIONS = words("while whilst when after before by in without since and or but of")


_NOUN_DETERMINERS = _DETERMINERS - {"that", "one"}


# An auxiliary right after a word in -ing makes it a noun, its clause's subject ("Food labelling
# would also be improved"); a participle takes an object or a clause ("labelling it a …").
_GERUND_SUBJECT = re.compile(
    r"(?<=ing)\s+(?:would|will|is|was|has|had|can|could|should|must|may|might)\b"
)


def _after_determiner(masked: str, floor: int, verb: int) -> bool:
    """Whether a speech verb's word follows a determiner or a possessive, which makes it a noun
    ("the claims", "the team’s boasts")."""
    words = masked[max(floor, verb - 8) : verb].split()
    return bool(words) and (
        words[-1].casefold() in _NOUN_DETERMINERS or words[-1].endswith(_POSSESSIVE_ENDS)
    )


def _passive(masked: str, floor: int, verb: int) -> bool:
    words = masked[floor:verb].split()
    while len(words) > 1 and (words[-1].endswith("ly") or words[-1].casefold() in _ADVERBS):
        words.pop()  # "was soon described as", "is widely referred to as"
    return bool(words) and words[-1].casefold() in _PASSIVE


def _noun_phrase_forward(text: str, at: int, limit: int) -> str:
    """The noun phrase starting at `at`, up to a comma, a quotation or the sentence's end."""
    match = re.match(
        r"[^,;:“”\"\x00—–(]*(?:" + _SHORT_FORM + r"[^,;:“”\"\x00—–(]*)*", text[at:limit]
    )
    phrase = clean_name(match.group()) if match else ""
    words = phrase.split()
    if words and words[0].casefold() == "the":
        phrase = " ".join(words[1:])
    return phrase


def _org_name(phrase: str) -> str:
    """ "U.S. Immigration and Customs Enforcement (ICE) website" → the organisation's name."""
    words = phrase.split()
    if not words or not words[0][:1].isupper():
        return phrase  # "a senior Clinton aide": a description, whole
    while len(words) > 1 and words[-1][:1].islower():
        words.pop()
    return " ".join(words)


def _sentence_subject(context: _Context, masked: str, start: int, limit: int) -> Attribution | None:
    """The name a sentence opens with, when a colon hands it the quotation."""
    segment = masked[start:limit]
    pronoun = re.match(r"\s*(He|She|It|They)\b", segment)
    if pronoun is not None:
        return resolve(context, pronoun.group(1), start, None)
    match = _NAME_RUN.match(segment.lstrip())
    if match is None:
        return None
    phrase = match.group()
    group = _group_after(segment.lstrip(), phrase, match.end())
    if group is not None:
        return Attribution(f"{clean_name(phrase)} {group}")  # "Many Twitter users reacted:"
    label = segment.lstrip()
    run = _through_title(label, match, len(label))
    titled = None
    if len(run) > len(phrase) and label[len(run) :].strip() == ":":
        titled = _title_and_person(context, run)
    if titled is not None:  # "Secretary of the Air Force Ann Lee: “…”": a label line
        found = resolve(context, titled[1], start + segment.index(titled[1]), None)
        return Attribution(found.speaker, titled[0])
    first = phrase.split()[0].casefold()
    if first == "the" and " " in phrase:
        return resolve(context, phrase, start, None)  # "The Guardian cited …, including: “…”"
    if _is_org(phrase) or first in {"as", "in", "the", "but", "and"}:
        return None
    found = resolve(context, phrase, start, None)
    if found.speaker is None or (found.speaker == phrase and len(phrase.split()) < 2):
        return found if found.speaker and found.speaker.casefold() in context.names else None
    return found


# -- beyond the sentence ---------------------------------------------------------------------------


def _block_source(context: _Context, paras: Sequence[Paragraph], span: Span) -> Attribution | None:
    """A block quote's source from the line after it: “— Statement from Riverton City Council”."""
    index = span.paragraph
    while index < len(paras) and paras[index].end <= span.end:
        index += 1
    if index >= len(paras) or paras[index].kind != "blockquote":
        return None
    line = context.text[paras[index].start : paras[index].end]
    if not is_attribution_line(line):
        return None
    source = line.lstrip("—–-―~ ").strip()
    source = _document_author(source)  # "Statement from Riverton City Council": the council
    return resolve(context, source, paras[index].start, None) if source else None


# A name in a colon tag line: capitalised words, a handle, "of"/"from (the)", a role word or
# "based" and a word in lower case between capitalised words ("Notes from the Cuban Exile
# Quarter", "Venezuela journalist Nelson Bocaranda", "Addis Ababa based blogger Abel Wabellaa"),
# one word ("Czar", "Nur-Ethio"). At most eight words: a search for "is X:" from every "is" of
# a long line would otherwise read each to its end ("is Ab based is Ab based …": quadratic).
_TAG_NAME = (
    r"(?:@\w+|[A-Z][\w’'.-]*)(?:\s+(?:(?:of|from)\s+(?:the\s+)?|based\s+(?:[a-z]+\s+)?|(?:"
    + "|".join(sorted(word for word in ROLE_WORDS if word.isalpha()))
    + r")\s+)?[A-Z][\w’'.-]*){0,7}"
)
# A block that opens with a name and a colon, as a transcript's turns ("Q:", "Okafor:", "MR.
# OKAFOR:"): taken only for a name the text has already given in full ("I ask: …" and "Update:
# …" are not names). `verify.in_narration` reads a paragraph it opens as the labelled speaker's.
NAME_LABEL = re.compile(r"([A-Z][\w’'.-]*(?:\s[A-Z][\w’'.-]*){0,2}):\s")
_SHORT_TAG = 6  # words of a tag line that names no one and goes on with the block before it
_BRACKETS = r"(?:\s*[(\[][^)\]]*[)\]])*"  # a handle or a language after a name: "(@Rio) [es]"
# Where a tag line names its source in its middle or at its end: "… is Ethiopia Muslims:",
# "Finally, there is Nur-Ethio:", "… such as Timothy Chimpangu:", "participants, like Oslo
# Scholars Program (@OsloScholars), emphasized …:", "this Facebook message by Chai Kadai …:".
_TAG_NAMES = re.compile(
    rf"\b(?:is|are|such as|like|including)\s+({_TAG_NAME})\s*:\s*$"
    rf"|\b(?:such as|like)\s+({_TAG_NAME})\s*\(@\w+\)"
    rf"|\b(?:message|post|tweet|comment|article|update|note|written|posted)\s+by\s+({_TAG_NAME})"
)
# What a tag line may open with before its subject: an adverb, a phrase with a preposition, a
# description ("Finally, ", "On his blog Share Press, ", "Another reader, Kapyololo, thinks").
_TAG_OPENER = re.compile(
    r"(?:(?:Finally|However|Meanwhile|Likewise|Similarly|Also|And|But|Then|Now|Still|"
    r"Instead|Elsewhere|Moreover|Separately)\b[^,:]{0,60}?|(?:On|In|At|From|Via|Through|After|"
    r"For|With)\s[^,:]{1,60}?|(?:An?|Another|One|Some)\s+[a-z][^,:]{0,30}?),\s+"
)
# The subject of a tag line: a name (after "the" or a role in lower case: "blogger Varma", "Local
# reporter Ana Vik"), then its handle or language in brackets, then a comma or a verb; or one
# word in lower case before a comma or a verb, as blogs name themselves ("babalu, meanwhile,
# notes that:").
_TAG_SUBJECT = re.compile(
    rf"(?:the\s+|(?:[A-Z][\w’'-]*\s+)?[a-z]+(?:er|ist|or|ian)\s+)?({_TAG_NAME}){_BRACKETS}"
    rf"(?=\s*,|\s+(?!(?:{'|'.join(_PREPOSITIONS | {'about', 'over'})})\b)[a-z])"
    r"|([a-z][\w.-]+)(?=,\s|\s+[a-z]+s\s)"
)
# Words that open a tag line but never name its subject: "Here is …", "From their post:",
# "Another bright spot are …", "My good friend, …", "During the rally, …".
_NOT_A_SUBJECT = (
    _OPENERS
    | _DETERMINERS
    | _PREPOSITIONS
    | _DESCRIPTION_OPENERS
    | words("my your rather during upon amid amidst through among below despite")
)
# How one capitalised word ends that opens a tag line but is no name: an adverb or a participle
# ("Luckily, …", "Rather quickly, …", "Announcing …", "Reported …").
_NOT_ONE_WORD_NAME = ("ly", "ing", "ed")
# Before a post's full-width colon: a verb of saying after its writer ("李明说：" is 李明), or
# no writer at all: a pronoun ("他说："), a label ("翻译：" translation, "更新：" update).
_SAYS_BEFORE_COLON = re.compile(r"(?:说|說|写道|寫道|道|表示|称|稱)$")
_NO_WRITER = words("他 她 它 我 你 我们 我們 你们 他们 他們 她们 她們 网友 網友") | words(
    "翻译 翻譯 翻訳 译文 原文 原文如下 更新 编者按 注释 备注 评论"
)
# Words in lower case before a comma or a verb that are no blog's name ("it seems that:")
_NOT_A_BLOG = words("it there everything nothing something anything everyone everybody")
_CONTRACTION = re.compile(r"['’](?:d|m|ll|ve|re)$")  # "I'd be shocked …": the writer, "I"
_THEY = re.compile(r"\b(?:they|their)\b")  # a tag line about the writers named before it
_CONNECTOR = re.compile(r"\s(?:of|from)\s")  # "Charlie Custer from ChinaGeeks"


def _colon_tag(
    context: _Context,
    paras: Sequence[Paragraph],
    span: Span,
    last_of_para: dict[int, Attribution],
) -> Attribution | None:
    """A block quote's source as web pages give it: the block's own "@handle: ", else the line
    before it when that ends with a colon ("X wrote:", "X disagrees:", "Finally, there is X:",
    "Venezuela journalist Nelson Bocaranda (@Desconvocara) highlighted …:"), a name only there
    being taken for a speaker however it is written (a blog's name, a handle, one word); "The
    story continues:" goes on with the block quote before it, "Here is how they describe it:"
    with the name the paragraph before opens with."""
    text = context.text
    own = BLOCK_SOURCE.match(text, span.start, span.end)
    writer = own and (own.group(1) or _SAYS_BEFORE_COLON.sub("", own.group(2)))
    if writer and writer not in _NO_WRITER:
        return Attribution(writer)
    label = NAME_LABEL.match(text, span.start, span.end)
    if label is not None and label.group(1).split()[-1].casefold() in context.names:
        return resolve(context, label.group(1), span.start, None)  # "Brekke: We never …"
    index = span.paragraph - 1
    while index > 0 and paras[index].kind == "blockquote" and is_elision(text, paras[index]):
        index -= 1  # "[...]" between two excerpts of one post
    if index < span.paragraph - 1 and index in last_of_para:
        return last_of_para[index]
    if index < 0 or paras[index].kind != "paragraph":
        return None
    para = paras[index]
    if not text[para.start : para.end].rstrip().endswith(":"):
        return None
    start, _ = _sentence_bounds(context, para, para.end - 1)
    tag = context.masked[start : para.end].rstrip()
    named = _TAG_NAMES.search(tag)
    if named is not None:
        at = next(group for group in range(1, 4) if named.group(group))
        return resolve(context, named.group(at), start + named.start(at), None)
    found = _tag_subject(context, tag, start)
    if found is not None:
        return found
    entity = context.latest_between(start, para.end)
    if entity is not None:
        return Attribution(entity.name, entity.role)
    if index and paras[index - 1].kind == "blockquote" and len(tag.split()) <= _SHORT_TAG:
        return last_of_para.get(index - 1)  # "The story continues:", "More about the plans:"
    if index and _THEY.search(tag) and paras[index - 1].kind == "paragraph":
        before = paras[index - 1]
        return _tag_subject(context, context.masked[before.start : before.end], before.start)
    return None


def _tag_subject(context: _Context, tag: str, start: int) -> Attribution | None:
    """The name a tag line opens with, after an adverb or a description; None when it opens
    with another word ("Here is how …", "More about …", "Messages of support …")."""
    opener = _TAG_OPENER.match(tag)
    subject = _TAG_SUBJECT.match(tag, opener.end() if opener is not None else 0)
    if subject is None:
        return None
    phrase = _CONTRACTION.sub("", subject.group(1) or subject.group(2))
    first = phrase.split()[0].casefold()
    if first in _NOT_A_SUBJECT or phrase.endswith(("'s", "’s")):
        return None
    group = _group_after(tag, phrase, subject.end(1)) if subject.group(1) else None
    if group is not None:
        return Attribution(f"{clean_name(phrase)} {group}")  # "Twitter users reacted:"
    folded = phrase.casefold()
    if subject.group(2) and folded in _SENTENCE_OPENERS | _NOT_A_BLOG:
        return None  # "many, however, think that:", "it seems that:"
    if (
        " " not in phrase
        and folded not in context.names
        and subject.group(1)
        and (folded in _SENTENCE_OPENERS or folded.endswith(_NOT_ONE_WORD_NAME))
    ):
        # One capitalised word the text names no one by is taken ("Brekke has …", "Nur-Ethio
        # notes …"), but not a word a sentence opens with ("Later, …") or ends as no name does
        return None
    return _person_before_connector(resolve(context, phrase, start + subject.start(), None))


def _person_before_connector(found: Attribution) -> Attribution:
    """ "Charlie Custer from ChinaGeeks" → "Charlie Custer": a person's name before "from" or
    "of" and a place or a site (a blog's name of one word and "from the …" stays whole)."""
    name = found.speaker or ""
    cut = _CONNECTOR.search(name)
    if cut is None or " " not in name[: cut.start()]:
        return found
    return Attribution(name[: cut.start()], found.role)


def _previous_paragraph(
    context: _Context,
    paras: Sequence[Paragraph],
    index: int,
    last_of_para: dict[int, Attribution],
    caption: bool = False,
) -> Attribution | None:
    """The speaker carried from the paragraph before (list items as captions skipped); caption:
    a name line there may give it (`_caption`)."""
    j = index - 1
    while j >= 0 and paras[j].kind == "list_item" and paras[index].kind != "list_item":
        j -= 1
    credit = j > 0 and _credit_end(context.text, paras[j])
    if credit and j not in last_of_para:
        j -= 1  # a photo's caption set inside a statement: the statement goes on after it
    if j < 0 or paras[j].kind == "heading":
        return None
    if j in last_of_para:
        # "…" said by one, then "Ana Ruiz described her as …": the one who spoke after it
        after = context.masked.rfind("\x00", paras[j].start, paras[j].end) + 1
        later = context.latest_between(after, paras[j].end) if after else None
        if later is None or later.kind != "person":
            return last_of_para[j]
        return Attribution(later.name, later.role)
    broken = _tag_broken_before(context, paras, j)
    if broken is not None:
        return broken
    entity = context.latest_between(paras[j].start, paras[j].end)
    if entity is None:
        found = _owned_intro(context, paras[j].start, paras[j].end)
        return found if found is not None or not caption else _caption(context, paras[j])
    return Attribution(entity.name, entity.role)


def _tag_broken_before(context: _Context, paras: Sequence[Paragraph], j: int) -> Attribution | None:
    """The subject of a tag a page broke over lines before its quotation ("Ana Ruiz, Director of
    Policy," / "said in a letter" / "," / “…”): paragraph j (stops alone passed over) holds
    only a speech verb and a few words, and the subject ends the line before it."""
    masked = context.masked
    while j > 0 and not _NOT_A_STOP.search(masked, paras[j].start, paras[j].end):
        j -= 1  # "," alone on its line
    line = masked[paras[j].start : paras[j].end]
    if j < 1 or len(line.split(maxsplit=_BROKEN_TAG_WORDS)) > _BROKEN_TAG_WORDS:
        return None
    verb = _VERB_START.match(line.strip())
    if verb is None:
        return None
    before = j - 1
    while before > 0 and not _NOT_A_STOP.search(masked, paras[before].start, paras[before].end):
        before -= 1
    at = paras[j].start + len(line) - len(line.lstrip())
    return _subject_before(context, masked, paras[before].start, at)


_BROKEN_TAG_WORDS = 4  # words of a line that holds a tag's verb alone ("said in a letter")
_NOT_A_STOP = re.compile(f"[^{re.escape(_TAG_STOPS)}]")  # a character not in _TAG_STOPS


# A photo's credit ending its caption: "… on the launchpad. Image: NASA.", "(Photo: Ann Lee)"
_CREDIT_END = re.compile(r"\b(?:Image|Photo|Photograph|Picture)(?: by|:)\s[^.:\n]{1,60}\.?\)?\s*$")
_CREDIT_REACH = 76  # the most characters `_CREDIT_END` matches before the spaces ending a line


def _credit_end(text: str, para: Paragraph) -> bool:
    """Whether a paragraph ends in a photo's credit (`_CREDIT_END`), read from its last
    `_CREDIT_REACH` characters only (its closing spaces aside)."""
    end = para.end
    while end > para.start and text[end - 1].isspace():
        end -= 1
    return _CREDIT_END.search(text, max(para.start, end - _CREDIT_REACH), para.end) is not None


def _caption(context: _Context, para: Paragraph) -> Attribution | None:
    """The person a short line gives alone (a colon may end it), or with a title after a comma,
    over the quotation that makes up the next paragraph ("Joe Ferguson, The Civic Federation
    President" over “…”): a release's list of what its partners said; None for a line of
    another kind."""
    line = context.masked[para.start : para.end].strip()
    if len(line.split()) > _CAPTION_WORDS or line.startswith("By "):
        return None  # long, or a byline: who wrote the story
    found = _NAME_RUN.match(line)
    if found is None:
        return None
    rest = line[found.end() :].strip()
    if rest == ":":
        # "Sen. Ana Ruiz (R-IA):" (its party blanked) introduces her statement too; not a
        # heading over an interview's answer ("On An Impeachment Inquiry:", "On How …:")
        words = found.group().split()
        if len(words) > _COLON_NAME_WORDS or words[0].casefold() in _NOT_NAME_FRONT:
            return None
        named = clean_name(found.group()).split()  # a person's by a given name or a title
        if not (_shows_person(named) or _title_word(named[0]) == "role" or _title(named[0])):
            return None  # "Selected Excerpts:"
    elif rest and line[found.end()] != ",":
        return None
    name = clean_name(found.group())
    title = line[found.end() + 1 :].strip(" ,.")
    if " " not in name or _is_org(name) or not context.is_person(name) or _DATED.match(title):
        return None
    found_name = resolve(context, name, para.start, title or None)
    return found_name if found_name.speaker else None


_CAPTION_WORDS = 16
_COLON_NAME_WORDS = 4  # words of a name line that a colon ends, at most ("Sen. Ana M. Ruiz:")
# A date after a place's name and a comma: a dateline ("Port Ellis, March 3"), not a caption
_DATED = re.compile(
    r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d"
    r"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)"
)


def _owned_intro(context: _Context, start: int, end: int) -> Attribution | None:
    """The owner of the saying noun that text[start:end] ends by introducing ("His reply
    was:"), or None when it ends otherwise."""
    low = max(start, end - 200)
    tail = context.masked[low:end]
    if not tail.rstrip().endswith((":", "-", "—", "–")):
        return None
    owned = _OWNED_WAS.search(tail)
    if owned is None:
        return None
    who = owned.group("who")
    at = low + owned.start("who")
    return resolve(context, _OWNER_PRONOUNS.get(who.casefold(), who), at, None)


def _previous_sentence(
    context: _Context, masked: str, para: Paragraph, span: Span
) -> Attribution | None:
    """A speech verb in the sentence before: “… once summed up the danger. “It’s not …””."""
    start, _ = _sentence_bounds(context, para, span.open_mark)
    if start <= para.start:
        return None
    previous, _ = _sentence_bounds(context, para, start - 2)
    if (
        context.in_order is None
        and context.verbs[span.paragraph] is None
        and not verbs_in(masked, previous, start)
    ):
        return None  # no speech verb there: the paragraph's verbs are not found for it
    entity = context.latest_between(previous, start)
    return Attribution(entity.name, entity.role) if entity else None


def _tag_between_lines(
    masked: str, before: Span, said: Attribution, span: Span
) -> Attribution | None:
    """The speaker of the quotation before, when all that stands between the two is its tag
    spread over lines of their own ("“…,” / State’s Attorney Burke said / . “…”"; a page that
    sets links and bold words apart): one sentence, with a speech verb and the speaker's name."""
    if not said.local or span.open_mark - before.close_mark > 300:  # before slicing the gap
        return None
    gap = masked[before.close_mark : span.open_mark]
    name = (said.speaker or "").split()
    if not name or "\n" not in gap:
        return None
    tag = " ".join(gap.split())
    if not tag.endswith(".") or re.search(r"[.!?:;\x00]\s", tag[:-1]) or name[-1] not in tag:
        return None
    return said if verbs_in(gap) else None


def _last_paragraph(paras: Sequence[Paragraph], span: Span) -> int:
    index = span.paragraph
    while index + 1 < len(paras) and paras[index + 1].start < span.end:
        index += 1
    return index

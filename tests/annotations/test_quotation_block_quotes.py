"""Block quotes as web pages set them (blogs, newsletters, round-ups): a tag line ending in a
colon, then the quoted post, tweet or document as `>` paragraphs (issue 23, session 31)."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.quotations import find_quotations
from library.model import Block


def _page(*parts: tuple[str, str]) -> tuple[str, list[Block]]:
    """The canonical text and blocks of a page: (kind, body) for each paragraph."""
    bodies: list[str] = []
    blocks: list[Block] = []
    at = 0
    for kind, body in parts:
        blocks.append(Block(kind, at, at + len(body)))  # type: ignore[arg-type]
        bodies.append(body)
        at += len(body) + 2
    return "\n\n".join(bodies), blocks


def _found(*parts: tuple[str, str]) -> list[tuple[str, str | None]]:
    text, blocks = _page(*parts)
    return [(q.text, q.speaker) for q in find_quotations(text, blocks)]


def test_each_tweet_of_a_run_is_its_own_quotation() -> None:
    tweets = [
        "@harbourwatch: The ferry pier is closed again, third time this month.",
        "@linnea_k: Stuck at the pier with forty others. No one tells us anything.",
        "@ferrytalk: Service resumes at noon according to the crew.",
    ]
    found = _found(
        ("paragraph", "Passengers took to Twitter as the pier shut."),
        *(("blockquote", tweet) for tweet in tweets),
    )
    assert [text for text, _ in found] == tweets


def test_a_post_after_its_writers_name_and_a_full_width_colon_is_its_own_quotation() -> None:
    posts = ["@山风：桥还没修好，又要涨价。", "李明：我们每天都走这座桥。"]
    found = _found(("paragraph", "On Weibo:"), *(("blockquote", post) for post in posts))
    assert [text for text, _ in found] == posts


def test_an_excerpt_after_an_elision_is_its_own_quotation() -> None:
    found = _found(
        ("paragraph", "The harbour blog added:"),
        ("blockquote", "The pier was built in 1911 and never rebuilt."),
        ("blockquote", "[...]"),
        ("blockquote", "[...] Repairs were promised in every budget since."),
    )
    assert [text for text, _ in found] == [
        "The pier was built in 1911 and never rebuilt.",
        "[...] Repairs were promised in every budget since.",
    ]


def test_each_paragraph_of_a_quoted_post_is_its_own_quotation() -> None:
    paragraphs = [
        "The ferry pier has been closed for three weeks and nobody at the council will say why.",
        "We wrote to every councillor. Two answered, and neither had been to the pier.",
        "Until it reopens, the island's children take a two-hour bus to school.",
    ]
    found = _found(
        ("paragraph", "Marta Lindqvist wrote on her blog:"),
        *(("blockquote", body) for body in paragraphs),
        ("paragraph", "The council did not reply."),
    )
    assert found == [(body, "Marta Lindqvist") for body in paragraphs]


def test_block_paragraphs_cut_inside_a_sentence_are_one_quotation() -> None:
    pieces = [
        "Each request holds a list of lists. The root of the object,",
        "payload",
        ", contains 300 lists, a total of",
        "3 * 10^6",
        "lists.",
    ]
    found = _found(
        ("paragraph", "The researcher explained the attack:"),
        *(("blockquote", piece) for piece in pieces),
    )
    assert [text for text, _ in found] == ["\n\n".join(pieces)]


def test_a_block_with_a_quoted_term_inside_is_the_whole_block() -> None:
    block = (
        "The council calls the new fee a “harbour contribution”, but every skipper knows it "
        "for what it is."
    )
    found = _found(("paragraph", "Marta Lindqvist wrote on her blog:"), ("blockquote", block))
    assert [text for text, _ in found] == [block]


def test_an_unclosed_mark_inside_a_block_does_not_pair_beyond_it() -> None:
    block = "Volunteers painted signs reading “We are still open, and left them at the door."
    found = _found(
        ("paragraph", "The harbour blog reported:"),
        ("blockquote", block),
        ("paragraph", "Later the mayor said the pier would reopen, “within a week.”"),
    )
    assert [text for text, _ in found] == [block, "within a week."]


def test_a_block_wrapped_in_marks_takes_the_words_inside_them() -> None:
    found = _found(
        ("paragraph", "The ferry company posted a notice:"),
        ("blockquote", "“All crossings are cancelled until further notice.”"),
    )
    assert [text for text, _ in found] == ["All crossings are cancelled until further notice."]


def _speakers(tag: str, *blocks: str, before: str = "The ferry pier closed on Monday.") -> list:
    found = _found(("paragraph", before), ("paragraph", tag), *(("blockquote", b) for b in blocks))
    return [speaker for _, speaker in found]


@pytest.mark.parametrize(
    ("tag", "speaker"),
    [
        ("Tomas Brekke disagrees:", "Tomas Brekke"),
        ("Brekke has a simpler explanation:", "Brekke"),
        ("Tomas Brekke thinks that the closure is about money:", "Tomas Brekke"),
        ("Tomas Brekke, meanwhile, notes that:", "Tomas Brekke"),
        ("Another reader, Olek, is less patient:", "Olek"),
        ("Ilse Marr writes on her Facebook wall:", "Ilse Marr"),
        ("Finally, there is Harbour Kids:", "Harbour Kids"),
        ("A group that backs the skippers is Save Our Pier:", "Save Our Pier"),
        ("The anger is shared by commuters such as Dana Ruud:", "Dana Ruud"),
        ("portside, meanwhile, notes that:", "portside"),
        ("Notes from the Harbour Wall sums it up:", "Notes from the Harbour Wall"),
        ("Local reporter Ana Vik (@anavik) [no] highlighted a detail:", "Ana Vik"),
        ("The pier reopened, as this Facebook post by Karl Hove tells us:", "Karl Hove"),
        ("Here is a comment written by Karl Hove on the forum:", "Karl Hove"),
        ("Skippers, like Dana Ruud (@danaruud), want the pier back:", "Dana Ruud"),
        ("Tomas Brekke from Pier Watch disagrees:", "Tomas Brekke"),
    ],
)
def test_speaker_from_the_tag_line_that_ends_with_a_colon(tag: str, speaker: str) -> None:
    assert _speakers(tag, "Nobody asked the people who use it every day.") == [speaker]


def test_a_name_anywhere_in_the_tag_line_is_taken_before_the_block_quote_before() -> None:
    found = _found(
        ("paragraph", "Tomas Brekke disagrees:"),
        ("blockquote", "Nobody asked the people who use it every day."),
        ("paragraph", "While Ilse Marr said [no]:"),
        ("blockquote", "The pier stays shut until the divers have been down."),
    )
    assert [speaker for _, speaker in found] == ["Tomas Brekke", "Ilse Marr"]


def test_a_tweet_names_its_own_writer() -> None:
    assert _speakers(
        "Commuters were furious.",
        "@harbourwatch: Closed again.",
        "@linnea_k: Forty of us stuck here.",
    ) == ["@harbourwatch", "@linnea_k"]


def test_a_chinese_post_names_its_writer_before_a_full_width_colon() -> None:
    assert _speakers("网友评论：", "@山风：桥还没修好。", "李明：我们每天都走这座桥。") == [
        "@山风",
        "李明",
    ]


def test_the_next_excerpt_of_a_post_keeps_its_writer() -> None:
    assert _speakers(
        "Tomas Brekke disagrees:",
        "Nobody asked the people who use it every day.",
        "[...]",
        "[...] The council met twice and never once at the pier.",
    ) == ["Tomas Brekke", "Tomas Brekke"]


@pytest.mark.parametrize("tag", ["The story continues:", "More about the repairs:"])
def test_a_short_tag_that_names_no_one_goes_on_with_the_block_before(tag: str) -> None:
    found = _found(
        ("paragraph", "The Harbour Herald reports:"),
        ("blockquote", "The pier has been closed since Monday."),
        ("paragraph", tag),
        ("blockquote", "Skippers say they were never told why."),
    )
    assert [speaker for _, speaker in found] == ["The Harbour Herald", "The Harbour Herald"]


def test_a_tag_about_them_takes_the_body_named_before() -> None:
    found = _found(
        ("paragraph", "Save Our Pier is raising money for the repairs."),
        ("paragraph", "Here is how they describe the plan:"),
        ("blockquote", "We will rebuild the first forty metres by spring."),
    )
    assert [speaker for _, speaker in found] == ["Save Our Pier"]


def test_a_possessive_in_the_tag_is_not_the_speaker() -> None:
    assert _speakers(
        "Brekke's anger is echoed by others such as Ilse Marr:", "It was the last straw."
    ) == ["Ilse Marr"]


def test_a_block_that_opens_with_a_name_already_given_takes_it() -> None:
    found = _found(
        ("paragraph", "Tomas Brekke and the harbour master, Ilse Marr, met the skippers."),
        ("paragraph", "Their exchange, as the skippers' blog has it:"),
        ("blockquote", "Marr: The pier is closed until the divers have been down."),
    )
    assert [speaker for _, speaker in found] == ["Ilse Marr"]


def test_a_block_whose_first_mark_ends_a_statement_is_read_by_its_marks() -> None:
    # A paper that set the block without its opening mark: the words run to the closing one,
    # and the tag after it is no part of the quotation (the seed article's Menino letter).
    found = _found(
        ("paragraph", "In a letter to the harbour board, Marta Lindqvist argued against the fee."),
        ("blockquote", "As set now, the fee drives boats to the next town,’’ Lindqvist wrote."),
    )
    assert found == [("As set now, the fee drives boats to the next town", "Marta Lindqvist")]


def test_a_word_closed_inside_a_block_leaves_it_whole() -> None:
    block = "Skippers call it a harbour tax” and pay it late, when they pay it at all."
    found = _found(("paragraph", "The harbour blog reported:"), ("blockquote", block))
    assert [text for text, _ in found] == [block]


@pytest.mark.parametrize(
    "tag",
    [
        "Rather quickly, someone pointed out the mistake:",
        "Luckily, I hope, the skippers also joined in:",
        "Announcing more changes for the winter:",
        "Frustrated skippers wrote this week:",
        "During the meeting, one skipper stood up:",
        "Another bright spot are these lines from the skippers:",
        "My good friend, the harbour blog, points out the obvious problem:",
        "I'd be shocked if the board were not reading those lines, given the fees they plan:",
        "it seems that:",
        "many, however, think that:",
    ],
)
def test_a_tag_line_that_opens_with_no_name_names_no_one(tag: str) -> None:
    assert _speakers(tag, "Nobody asked the people who use it every day.") == [None]


def test_a_long_tag_line_of_names_and_verbs_is_read_once() -> None:
    # "is Ab based is Ab based …": each "is" would read a name to the line's end, quadratic in
    # its length (minutes for this line before the name was bounded to eight words).
    tag = "The list is " + "Ab based is " * 40_000 + "x:"
    assert _speakers(tag, "Nobody asked us.", before="The pier closed.") == [None]


_HOSTILE = st.sampled_from(
    [
        *'>@:：“”"…,\n',
        "''",
        "’’",
        "[...]",
        "is",
        "like",
        "based",
        "Ab",
        "@ab",
        "(@ab)",
        "post by",
        "李明",
    ]
)


@settings(max_examples=40)
@given(st.lists(_HOSTILE, min_size=1, max_size=12), st.integers(1, 600))
def test_block_quotes_of_hostile_runs_are_read_to_the_end(pieces: list[str], times: int) -> None:
    run = " ".join(pieces) * times
    text, blocks = _page(
        ("paragraph", run + ":"),
        ("blockquote", run),
        ("blockquote", "@" + run),
        ("blockquote", "“" + run + ":"),
        ("paragraph", run),
    )
    found = find_quotations(text, blocks)
    assert all(text[q.start : q.end] == q.text for q in found)
    assert all(a.end <= b.start for a, b in pairwise(found))


@pytest.mark.parametrize(
    ("block", "speaker"),
    [
        ("他说：桥还没修好。", "Wang Fang"),  # "he says:": no name
        ("翻译：The bridge is not fixed yet.", "Wang Fang"),  # "translation:", a label
        ("更新：桥已修好。", "Wang Fang"),  # "update:"
        ("李明说：桥还没修好。", "李明"),  # "Li Ming says:": the name without the verb
    ],
)
def test_a_full_width_colon_after_a_pronoun_or_a_label_names_no_writer(
    block: str, speaker: str
) -> None:
    assert _speakers("Wang Fang wrote on Weibo:", block) == [speaker]


@pytest.mark.parametrize(
    "line",
    [
        "— Joint statement from Riverton City Council",  # was "Joint statement from Riverton …"
        "— Riverton City Council's statement",  # was "Riverton City Council's statement"
        "— Statement from Riverton City Council",
        "— Email from Riverton City Council",
    ],
)
def test_the_line_under_a_block_quote_names_a_documents_writer_as_according_to_does(
    line: str,
) -> None:
    """The line under a block quote and an "according to" read a document's writer by one rule
    (h31h: two patterns, the block line's without a description or an owner before the noun)."""
    found = _found(
        ("paragraph", "The council met on Monday about the market."),
        ("blockquote", "The council has heard the petition and will meet the association."),
        ("blockquote", line),
        ("paragraph", "The association has asked for a delay."),
    )
    assert [speaker for _, speaker in found] == ["Riverton City Council"]


@pytest.mark.parametrize(
    "tag",
    ["Twitter users reacted:", "Many Facebook users wrote:", "Labour councillors were furious:"],
)
def test_a_name_before_people_in_the_plural_qualifies_them(tag: str) -> None:
    # "Twitter users", "Labour councillors": the name says whose or where the people are; the
    # group wrote the block, never the name alone ("Twitter" is no one).
    found = _found(
        ("paragraph", "The ferry fares rose by half overnight."),
        ("paragraph", tag),
        ("blockquote", "Nobody asked the people who ride it every single day."),
    )
    group = " ".join(tag.split()[-3:-1]) if tag.startswith("Many") else " ".join(tag.split()[:2])
    assert found == [("Nobody asked the people who ride it every single day.", group)]


def test_a_handle_opens_a_sentence_of_its_own() -> None:
    # A full stop then "@handle" ends a sentence as a full stop then a capital does: the tag
    # line's last sentence is the handle's, not the one before it about a group.
    found = _found(
        ("paragraph", "Many ferry users criticised the operator. @harbourwatch writes [no]:"),
        ("blockquote", "The pier is closed again, the third time this month."),
    )
    assert found == [("The pier is closed again, the third time this month.", "@harbourwatch")]

"""A draft that puts the reporter's own prose in quote marks as someone's words is warned: the
source gives those words as its narration (a paraphrase), not as a quotation, so the draft
misquotes whoever it names. `margin verify` classes it misattributed, "the article's own words"
(issue 23, note 30: it was exact, since the source names no speaker for its prose). The
article's writer, or a document named as the speaker ("the report"), may say its prose."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import import_text

Margin = Callable[..., Result]

SOURCE = """\
Harbour fees to rise in April

By Dana Whitfield

The harbour master, Tom Okafor, said the mooring fees had not changed in a decade and would \
rise by a fifth in April. “We cannot keep the cranes running on what we charge now,” he said.
"""

DRAFT = """\
Okafor said the fees “had not changed in a decade and would rise by a fifth in April.”

“We cannot keep the cranes running on what we charge now,” Okafor said.

“The mooring fees had not changed in a decade,” the harbour master said.

As Dana Whitfield wrote, “the mooring fees had not changed in a decade.”

The mooring fees “had not changed in a decade and would rise by a fifth.”
"""


def test_the_reporters_prose_quoted_as_someones_words_is_misattributed(
    margin: Margin, tmp_path: Path, columns: Callable[[int], None]
) -> None:
    import_text(margin, tmp_path / "harbour.txt", SOURCE)
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    result = margin("verify", "--json", str(draft))
    assert result.exit_code == 1, result.output
    named, quoted, described, writer, unnamed = json.loads(result.stdout)
    for paraphrase in (named, described):  # both were exact
        assert paraphrase["status"] == "misattributed", paraphrase
        assert paraphrase["narration"] is True
        assert paraphrase["source_speaker"] is None
        assert paraphrase["diff"] is None  # its words are the article's, word for word
    assert quoted["status"] == "exact" and quoted["narration"] is False
    assert quoted["source_speaker"] == "Tom Okafor"
    assert writer["status"] == "exact"  # the article's writer said its prose
    assert unnamed["status"] == "exact"  # quoting prose, naming no one
    columns(200)  # the console is made again at that width (another test may have made it)
    table = margin("verify", str(draft))
    assert "the article's own words, not a quotation of Okafor" in " ".join(table.stdout.split())
    assert "2 misattributed (2 the article's own words)" in table.stdout


INTERVIEW = """\
Five questions for the harbour master

By Dana Whitfield

Tom Okafor has run the harbour for ten years. “It is a good job,” his deputy said on Monday.

Q: Why are the fees going up?

A: The mooring fees have not changed in a decade and the cranes cost more every year to run.

Okafor: Nobody who pays on time will lose a berth, whatever the council decides next month.
"""

SPEECH = """\
Remarks of the Mayor at the harbour opening

Thank you all for coming out this morning. This harbour has fed our families for two hundred \
years, and it will feed them for two hundred more.
"""

SPOKEN = """\
Okafor said, “The mooring fees have not changed in a decade and the cranes cost more every year.”

Okafor said, “Nobody who pays on time will lose a berth, whatever the council decides.”

The mayor said, “This harbour has fed our families for two hundred years.”
"""


def test_an_interviews_answers_and_a_speech_are_not_the_articles_own_words(
    margin: Margin, tmp_path: Path
) -> None:
    """An answer after "A:" or "Okafor:" is the interviewee's; a text quoting no one (a speech,
    a statement) speaks in a voice it need not name: neither is flagged (all three were)."""
    import_text(margin, tmp_path / "interview.txt", INTERVIEW)
    import_text(margin, tmp_path / "speech.txt", SPEECH)
    draft = tmp_path / "draft.md"
    draft.write_text(SPOKEN, encoding="utf-8")
    result = margin("verify", "--json", str(draft))
    rows = json.loads(result.stdout)
    assert [(row["status"], row["narration"]) for row in rows] == [("exact", False)] * 3, rows
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("speaker", "writers", "own"),
    [
        ("The New York Times", ["Jane Doe", "The New York Times"], True),
        ("The Guardian", [None, "The Guardian"], True),
        ("The Associated Press", ["Associated Press"], True),
        ("The report", ["Jane Doe"], True),
        ("The mayor", ["Jane Doe", "The Guardian"], False),
        ("the mayor", ["Jane Doe", "The Guardian"], False),
        ("Okafor", ["Dana Whitfield"], False),
        # A specification, a standard, a manual quoted by what it is says its own prose...
        ("The specification", ["Thomas Leonard"], True),
        ("the standard", ["IETF"], True),
        ("The manual", [None], True),
        # ...but a newspaper of that name is someone else.
        ("The Standard", ["Jane Doe", "The Guardian"], False),
    ],
)
def test_a_publisher_named_with_the_says_its_own_prose(
    speaker: str, writers: list[str | None], own: bool
) -> None:
    """A name in "The" ("The New York Times") is no description: it says its own prose."""
    from annotations.quotations.verify import own_words

    assert own_words(speaker, writers) is own


NOTED = """\
Harbour fees to rise in April

By Dana Whitfield

The harbour master, Tom Okafor, spoke on Monday. “We cannot keep the cranes running on what we \
charge now,” he said.

Note:
The harbour office raised the mooring fees without asking the berth holders first.

Update: The council voted on Tuesday to put off the rise in mooring fees until June.
"""


@pytest.mark.parametrize(
    "quote",
    [
        "The harbour office raised the mooring fees without asking the berth holders first.",
        "The council voted on Tuesday to put off the rise in mooring fees until June.",
    ],
)
def test_a_writers_note_under_a_label_is_the_articles_own_words(
    margin: Margin, tmp_path: Path, quote: str
) -> None:
    """Note 32: "Note:" on a line of its own (and "Update: …") was read as a speaker's label, as
    an interview's "Okafor:" is, so the writer's note put in Okafor's mouth was exact."""
    import_text(margin, tmp_path / "noted.txt", NOTED)
    draft = tmp_path / "draft.md"
    draft.write_text(f"Okafor said, “{quote}”\n", encoding="utf-8")
    result = margin("verify", "--json", str(draft))
    rows = json.loads(result.stdout)
    assert [(row["status"], row["narration"]) for row in rows] == [("misattributed", True)], rows
    assert result.exit_code == 1


PARTITION = """\
Fees and berths

By Dana Whitfield

“We cannot keep the cranes running on what we charge now,” Okafor said on Monday.

He added that the harbour should have a “partition” that separates working boats from the \
pleasure craft moored for the summer.
"""


def test_the_writers_sentence_around_a_one_word_quotation_is_the_articles_own_words(
    margin: Margin, tmp_path: Path
) -> None:
    """Found trying verify as a user (h33g): a draft giving Okafor the reporter's sentence around
    his one quoted word ("a “partition” that separates …") was exact, since that word is his;
    he said one word of the fourteen. Quoting the sentence naming no one is not flagged."""
    import_text(margin, tmp_path / "partition.txt", PARTITION)
    sentence = "a partition that separates working boats from the pleasure craft"
    draft = tmp_path / "draft.md"
    draft.write_text(
        f"Okafor said the harbour needs “{sentence}.”\n\nThe harbour needs “{sentence}.”\n",
        encoding="utf-8",
    )
    result = margin("verify", "--json", str(draft))
    rows = json.loads(result.stdout)
    assert [(row["status"], row["narration"]) for row in rows] == [
        ("misattributed", True),
        ("exact", False),
    ], rows


OPINION = """\
Ann Lee v. Harbour Board of Riverton

Before Smith, Jones, and Patel, Circuit Judges.

Per Curiam:

This case arises from a dispute over mooring fees. Appellant Ann Lee claims that the Harbour \
Board of Riverton (the "Board") raised her fees without giving reasons. The district court \
dismissed her suit. For the following reasons, we AFFIRM in part and REVERSE in part.

The Board argued that the fees were set by statute and could not be challenged by a single \
trader. We disagree: the statute leaves the fees to the Board's discretion, and a discretion \
exercised without reasons is open to review.
"""


@pytest.mark.parametrize(
    "sentence",
    [
        "The court held that “a discretion exercised without reasons is open to review.”",
        "As the court put it, “the statute leaves the fees to the Board's discretion.”",
        "“A discretion exercised without reasons is open to review,” the panel wrote.",
    ],
)
def test_a_court_says_its_own_opinions_words(margin: Margin, tmp_path: Path, sentence: str) -> None:
    # A court's opinion is its own words: a draft quoting it as the court's was called
    # misattributed ("the article's own words, not a quotation of The court"), exit 1.
    import_text(margin, tmp_path / "opinion.txt", OPINION)
    draft = tmp_path / "brief.md"
    draft.write_text(sentence + "\n", encoding="utf-8")
    result = margin("verify", "--json", str(draft))
    [checked] = json.loads(result.stdout)
    assert checked["status"] == "exact", checked
    assert result.exit_code == 0
    # Anyone else did not say the court's words.
    draft.write_text(
        "The board conceded that “a discretion exercised without reasons is open to review.”\n",
        encoding="utf-8",
    )
    [other] = json.loads(margin("verify", "--json", str(draft)).stdout)
    assert other["status"] == "misattributed"

"""`margin speakers` and `margin quotes --speaker NAME` as a user runs them (issue 23)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from annotations.model import Annotation
from annotations.workspace import Workspace

Margin = Callable[..., Result]
SEED = Path(__file__).resolve().parents[1] / "fixtures" / "news" / "boston-secure-communities.txt"

LATER = """\
Menino doubles down on the program

Published 2 August 2011

Mayor Menino spoke to reporters at City Hall on Tuesday about the federal fingerprint program.

“We will not take part until the rules change,” Mayor Menino said.

Bill Clinton and Hillary Clinton both visited the city that week.

“Boston has always led on this question,” Bill Clinton said at a dinner.

“The mayor is right to ask for changes,” Hillary Clinton told the crowd.
"""


FERRY = """\
Harbour council votes on the night ferry

Published 3 March 2025

Fiona Parry, who chairs the harbour council, spoke after the vote on Tuesday.

“We have waited three years for this,” Fiona Parry said.

“The night ferry will run from April,” Fiona said.

“It costs less than the bus it replaces,” Fiona added.

“Nobody on the council voted against it,” Fiona said.

“The first crossing leaves at eleven,” Fiona Parry told reporters.

South Korea's president Lee Jae-myung was on the first crossing.

“This is how a coast should be joined,” Lee Jae-myung said.

“I will take it again next year,” Lee said.
"""


def _library(margin: Margin, tmp_path: Path) -> Path:
    later = tmp_path / "menino-later.txt"
    later.write_text(LATER, encoding="utf-8")
    assert margin("import", str(SEED), str(later)).exit_code == 0
    return later


def test_speakers_merges_name_variants_and_keeps_clintons_apart(
    margin: Margin, tmp_path: Path
) -> None:
    _library(margin, tmp_path)
    result = margin("speakers", "--json")
    assert result.exit_code == 0, result.output
    rows = {row["speaker"]: row for row in json.loads(result.stdout)}
    menino = rows["Thomas M. Menino"]
    assert "Menino" not in rows and "Mayor Menino" not in rows
    assert menino["articles"] == 2
    assert menino["quotations"] >= 4
    assert {"Thomas M. Menino", "Menino"} <= set(menino["variants"])
    assert rows["Bill Clinton"]["quotations"] == 1
    assert rows["Hillary Clinton"]["quotations"] == 1
    table = margin("speakers")
    assert table.exit_code == 0
    assert "Thomas M. Menino" in table.stdout


def test_quotes_by_speaker_in_date_order_with_stance(
    margin: Margin, tmp_path: Path, library_dir: Path
) -> None:
    _library(margin, tmp_path)
    workspace = Workspace(library_dir)
    later = next(m for m in workspace.library.catalog() if m.title.startswith("Menino doubles"))
    article = workspace.library.get(later.id)
    words = "We will not take part until the rules change"
    start = article.text.index(words)
    workspace.store.add(
        Annotation.from_span(later.id, article.text, start, start + len(words), stance="oppose")
    )
    workspace.close()
    result = margin("quotes", "--speaker", "Menino", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["speaker"] for r in rows} == {"Thomas M. Menino"}
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert rows[-1]["quote"] == words and rows[-1]["stance"] == "oppose"
    assert rows[-1]["named"] == "Menino"
    assert all(r["stance"] is None for r in rows[:-1])
    text = margin("quotes", "--speaker", "mayor menino")
    assert text.exit_code == 0
    assert "Thomas M. Menino: " in text.stdout and "oppose" in text.stdout


def test_quotes_by_speaker_unknown_or_ambiguous_is_one_line(margin: Margin, tmp_path: Path) -> None:
    _library(margin, tmp_path)
    unknown = margin("quotes", "--speaker", "Nobody Atall")
    assert unknown.exit_code == 1
    assert "no speaker named 'Nobody Atall'" in unknown.stderr
    ambiguous = margin("quotes", "--speaker", "Clinton")
    assert ambiguous.exit_code == 1
    assert "Bill Clinton" in ambiguous.stderr and "Hillary Clinton" in ambiguous.stderr
    both = margin("quotes", "boston", "--speaker", "Menino")
    assert both.exit_code == 2


def test_speaker_cache_follows_a_changed_article(
    margin: Margin, tmp_path: Path, library_dir: Path
) -> None:
    _library(margin, tmp_path)
    assert margin("speakers").exit_code == 0
    cache = library_dir / ".index" / "quotations.json"
    assert cache.exists()
    workspace = Workspace(library_dir)
    later = next(m for m in workspace.library.catalog() if m.title.startswith("Menino doubles"))
    path = workspace.library.path_of(later.id)
    body = path.read_text(encoding="utf-8").replace("Bill Clinton said", "Al Gore said")
    body = body.replace("Bill Clinton and", "Al Gore and")
    path.write_text(body, encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a different stamp even on a coarse clock
    rows = {r["speaker"] for r in json.loads(margin("speakers", "--json").stdout)}
    assert "Al Gore" in rows and "Bill Clinton" not in rows


def test_a_given_name_and_a_surname_first_join_their_full_names_within_an_article(
    margin: Margin, tmp_path: Path
) -> None:
    # "Fiona" three times and "Fiona Parry" twice; "Lee" and "Lee Jae-myung": one person each.
    ferry = tmp_path / "ferry.txt"
    ferry.write_text(FERRY, encoding="utf-8")
    lonely = tmp_path / "lonely.txt"  # another article's Fiona, with no full name beside her
    lonely.write_text(
        "Choir news\n\nThe choir met on Friday.\n\n“We sang until midnight,” Fiona said.\n",
        encoding="utf-8",
    )
    assert margin("import", str(ferry), str(lonely)).exit_code == 0
    rows = {row["speaker"]: row for row in json.loads(margin("speakers", "--json").stdout)}
    assert rows["Fiona Parry"]["quotations"] == 5 and rows["Fiona Parry"]["articles"] == 1
    assert rows["Fiona Parry"]["variants"] == ["Fiona", "Fiona Parry"]
    assert rows["Lee Jae-myung"]["quotations"] == 2
    assert "Lee" not in rows
    assert rows["Fiona"]["quotations"] == 1  # never carried across articles by a given name
    said = json.loads(margin("quotes", "--speaker", "Lee Jae-myung", "--json").stdout)
    assert [r["named"] for r in said] == ["Lee Jae-myung", "Lee"]
    # "Fiona" is a variant of Fiona Parry too, but one speaker is shown as Fiona: that one.
    said = json.loads(margin("quotes", "--speaker", "Fiona", "--json").stdout)
    assert [r["quote"] for r in said] == ["We sang until midnight"]


def test_a_partial_name_starts_at_a_word_of_the_name(
    margin: Margin, tmp_path: Path, columns: Callable[[int], None]
) -> None:
    # "zz" inside "Azzouz" named Lotfi Azzouz; a partial name is a name's first letters.
    _library(margin, tmp_path)
    columns(200)
    inside = margin("quotes", "--speaker", "enino")
    assert inside.exit_code == 1
    assert "no speaker named 'enino'" in inside.stderr
    start = margin("quotes", "--speaker", "Meni")
    assert start.exit_code == 0, start.stderr
    assert "We will not take part until the rules change" in start.stdout


def test_a_partial_name_may_keep_its_initial_s_full_stop(
    margin: Margin, tmp_path: Path, columns: Callable[[int], None]
) -> None:
    # "M. Menino" was read as the words "m menino" and looked for in "thomas m. menino": no one.
    _library(margin, tmp_path)
    columns(200)
    for typed in ("M. Menino", "m menino"):
        found = margin("quotes", "--speaker", typed)
        assert found.exit_code == 0, found.stderr
        assert "We will not take part until the rules change" in found.stdout


def test_a_name_written_otherwise_finds_its_speaker_by_the_index_rules(
    margin: Margin, tmp_path: Path
) -> None:
    """A name the index merges into a speaker finds that speaker when typed (session 32: "Thomas
    Menino", "T. Menino" and "Mayor Thomas Menino" found no one; "Mrs. Clinton" named both
    Clintons); a lone surname two people share still names both, and a name is needed."""
    _library(margin, tmp_path)
    for typed, speaker in [
        ("Thomas Menino", "Thomas M. Menino"),
        ("T. Menino", "Thomas M. Menino"),
        ("Mayor Thomas Menino", "Thomas M. Menino"),
        ("Mrs. Clinton", "Hillary Clinton"),
        ("Mr. Clinton", "Bill Clinton"),
    ]:
        found = margin("quotes", "--speaker", typed, "--json")
        assert found.exit_code == 0, (typed, found.stderr)
        assert {row["speaker"] for row in json.loads(found.stdout)} == {speaker}, typed
    for typed in ("Thomas Flynn", "the mayor"):
        assert "no speaker named" in margin("quotes", "--speaker", typed).stderr
    assert "Hillary Clinton" in margin("quotes", "--speaker", "Clinton").stderr
    empty = margin("quotes", "--speaker", " ")
    assert empty.exit_code == 1
    assert "' ' is no name; give a speaker's name" in empty.stderr

"""The quotation benchmark's labelled sets load: every labelled quotation is in its article's text.

The Reuters set (held-out-3) reads the wire stories scripts/corpus.sh unpacks from Debian's
r-cran-tm; its check skips when they are absent. Nothing here runs the detector on a held-out set.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from benchmarks.quotations import DATA, REUTERS, TEXTS, load, reuters_text


def test_a_reuters_story_becomes_title_and_one_line_paragraphs(tmp_path: Path) -> None:
    story = tmp_path / "reut.xml"
    story.write_text(
        '<?xml version="1.0"?>\n<REUTERS NEWID="7"><TEXT><TITLE>PORT OF LEITH DREDGED</TITLE>'
        "<BODY>The harbour board said on\nMonday the channel would reopen.\n"
        "    &quot;We are ready,&quot; a board\nspokesman said.\n Reuter</BODY></TEXT></REUTERS>",
        encoding="utf-8",
    )
    assert reuters_text(story) == (
        "Port Of Leith Dredged\n\n"
        "The harbour board said on Monday the channel would reopen.\n\n"
        '"We are ready," a board spokesman said.\n'
    )


@pytest.mark.skipif(
    not (REUTERS / "crude").is_dir(), reason="Reuters stories absent: run scripts/corpus.sh"
)
def test_the_reuters_labels_are_all_in_their_stories(tmp_path: Path) -> None:
    files = sorted(DATA.glob("reuters-*.yaml"))  # the wire-* story of set 4 is apart
    for file in files:
        (tmp_path / file.name).write_bytes(file.read_bytes())
    labelled = load(tmp_path)  # raises on a label that is not in its story's text
    assert len(labelled) == len(files) == 17
    assert {a.label_set for a in labelled} == {"held-out-3"}
    assert sum(len(a.gold) for a in labelled) == 46


def test_the_benchmark_tells_two_titles_apart() -> None:
    from benchmarks.quotations import same_speaker

    assert same_speaker("Bennet", ("Mrs. Bennet",))
    assert same_speaker("Mr. Smith", ("Smith",))
    assert not same_speaker("Mr. Bennet", ("Mrs. Bennet",))
    assert not same_speaker("John Dashwood", ("Mrs. John Dashwood",))
    assert same_speaker(None, ())
    assert not same_speaker("Emma", ())


@pytest.mark.skipif(
    not (TEXTS / "sotu").is_dir() or not (REUTERS / "reuters-21578").is_dir(),
    reason="set 4's texts absent: run scripts/corpus.sh",
)
def test_the_fourth_sets_labels_are_all_in_their_texts(tmp_path: Path) -> None:
    files = [f for f in sorted(DATA.glob("*.yaml")) if "-4\n" in f.read_text(encoding="utf-8")]
    for file in files:
        (tmp_path / file.name).write_bytes(file.read_bytes())
    labelled = load(tmp_path)  # raises on a label that is not in its text
    assert len(labelled) == len(files) == 21
    halves = {
        a.label_set: sum(len(x.gold) for x in labelled if x.label_set == a.label_set)
        for a in labelled
    }
    assert halves == {"tuning-4": 212, "held-out-4": 337}


@pytest.mark.skipif(
    not (TEXTS / "gum").is_dir(), reason="the GUM texts absent: run scripts/corpus.sh"
)
def test_the_fifth_sets_held_out_labels_are_all_in_their_texts(tmp_path: Path) -> None:
    files = [
        f for f in sorted(DATA.glob("gum-*.yaml")) if "set: held-out-5\n" in f.read_text("utf-8")
    ]
    for file in files:
        (tmp_path / file.name).write_bytes(file.read_bytes())
    labelled = load(tmp_path)  # raises on a label that is not in its text
    assert len(labelled) == len(files) == 27
    assert all(a.held_out and a.label_set == "held-out-5" for a in labelled)
    per_genre = {
        genre: sum(len(a.gold) for a in labelled if a.name.split("-")[1] == genre)
        for genre in ("news", "interview", "bio", "court")
    }
    assert per_genre == {"news": 43, "interview": 9, "bio": 20, "court": 2}


@pytest.mark.skipif(
    not (TEXTS / "gum").is_dir(), reason="the GUM texts absent: run scripts/corpus.sh"
)
def test_the_fifth_sets_tuning_labels_are_all_in_their_texts(tmp_path: Path) -> None:
    files = [f for f in sorted(DATA.glob("gum-*.yaml")) if "set: tuning-5\n" in f.read_text()]
    for file in files:
        (tmp_path / file.name).write_bytes(file.read_bytes())
    labelled = load(tmp_path)  # raises on a label that is not in its text
    assert len(labelled) == len(files) == 29
    assert sum(len(a.gold) for a in labelled) == 99


# The halves of the sets whose sources are folders of .corpus/texts/ (scripts/corpus.sh, which
# needs local clones): documents, and quotations by source (the file name's first word). Only
# the labels are loaded: no detector runs on a held-out half.
LABELS_BY_SOURCE = {
    "tuning-6": (26, {"wikinews": 37, "sdda": 42, "mdsao": 19}),
    "tuning-7": (26, {"wn2020": 81, "ocda": 41}),
    "held-out-7": (26, {"wn2020": 68, "ocda": 35}),
    "tuning-8": (26, {"gv": 92, "rcda": 29}),
    "held-out-8": (26, {"gv": 106, "rcda": 33}),
    "held-out-9": (26, {"kings": 30, "dallas": 63, "harris": 6}),
    "tuning-9": (26, {"kings": 30, "dallas": 65, "harris": 8}),
    "held-out-10": (24, {"hhs": 63, "cook": 48}),
    "tuning-10": (24, {"hhs": 64, "cook": 61}),
    "held-out-11": (19, {"senate": 54, "house": 64}),
    "tuning-11": (20, {"senate": 72, "house": 70}),
    "held-out-12": (26, {"dgov": 51, "f18": 55}),
    "tuning-12": (26, {"dgov": 65, "f18": 35}),
}


@pytest.mark.parametrize(
    "label_set",
    [
        pytest.param(
            name,
            marks=pytest.mark.skipif(
                not all((TEXTS / source).is_dir() for source in per_source),
                reason=f"{name}'s texts absent: run scripts/corpus.sh (it needs local clones)",
            ),
        )
        for name, (_, per_source) in LABELS_BY_SOURCE.items()
    ],
)
def test_a_halfs_labels_are_all_in_their_texts(tmp_path: Path, label_set: str) -> None:
    documents, expected = LABELS_BY_SOURCE[label_set]
    files = [
        f for f in sorted(DATA.glob("*.yaml")) if f"set: {label_set}\n" in f.read_text("utf-8")
    ]
    for file in files:
        (tmp_path / file.name).write_bytes(file.read_bytes())
    labelled = load(tmp_path)  # raises on a label that is not in its text
    assert len(labelled) == len(files) == documents
    assert all(a.held_out == label_set.startswith("held-out") for a in labelled)
    per_source = {
        source: sum(len(a.gold) for a in labelled if a.name.split("-")[0] == source)
        for source in expected
    }
    assert per_source == expected


def test_a_quotation_labelled_twice_is_two_places_of_the_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Poisson declared it "incomprehensible" in one paragraph and again in the next.
    monkeypatch.setenv("MARGIN_SHARED", str(tmp_path))
    (tmp_path / "a.txt").write_text(
        "Title\n\nHe called it “unreadable” then.\n\nLater he called it “unreadable” again.\n",
        encoding="utf-8",
    )
    labels = tmp_path / "labels"
    labels.mkdir()
    (labels / "a.yaml").write_text(
        "source: a.txt\nbase: shared\nquotes:\n"
        "- {text: unreadable, speaker: null}\n- {text: unreadable, speaker: null}\n",
        encoding="utf-8",
    )
    (article,) = load(labels)
    first, second = article.gold
    assert article.text[first.start : first.end] == article.text[second.start : second.end]
    assert first.start < second.start


def _result(**given: Any) -> dict[str, Any]:
    """A benchmark result with no errors and a dummy timing, the given keys set."""
    result: dict[str, Any] = {
        "quotes_articles": 2,
        "quotes_held_out": [],
        **{key: {} for key in ("errors", "errors_4", "errors_5", "errors_6")},
        "quotes_large_chars": 1_000_000,
        "quotes_large_found": 1,
        "quotes_large_ms": 1.0,
        "quotes_anchor_ms": 1.0,
        "quotes_ratio": 1.0,
        "quotes_ms_per_mb": [1.0],
    }
    return result | given


def test_the_report_gives_the_sixth_set_by_source_and_its_tuning_halfs_errors() -> None:
    from benchmarks.quotations import Score, report

    figures = Score(true_positive=3, false_negative=1, speaker_right=2, speaker_total=3).figures()
    text = report(
        _result(
            scores={"tuning_6": figures},
            quotes_held_out_6=["wikinews-x"],
            per_source_6={"sdda (tuning)": figures},
            errors_6={"span: missed": ["sdda-y: We will"]},
        )
    )
    assert "set 6 (Wikinews 2004-05" in text and "held out wikinews-x" in text
    assert "| sdda (tuning) | 4 | 3 | 0.857 | 0.667 (2/3) |" in text
    errors = "Errors by cause (set 6's tuning half):\n  span: missed: 1\n    - sdda-y: We will"
    assert errors in text


@pytest.mark.parametrize(
    ("number", "title", "source", "held"),
    [
        (7, "set 7 (Wikinews 2019-20, Orange County DA releases)", "wn2020", "ocda-x"),
        (8, "set 8 (Global Voices posts, Riverside County DA releases)", "gv", "rcda-x"),
        (
            10,
            "set 10 (HHS (U.S. federal) and Cook County State's Attorney releases)",
            "hhs",
            "cook-x",
        ),
    ],
)
def test_the_report_gives_a_later_set_by_source_and_its_tuning_halfs_errors(
    number: int, title: str, source: str, held: str
) -> None:
    from benchmarks.quotations import Score, report

    figures = Score(true_positive=4, false_positive=1, speaker_right=3, speaker_total=4).figures()
    text = report(
        _result(
            scores={f"tuning_{number}": figures},
            **{f"quotes_held_out_{number}": [held]},
            **{f"per_source_{number}": {f"{source} (tuning)": figures}},
            **{f"errors_{number}": {"span: extra": [f"{source}-y: pandemic"]}},
        )
    )
    assert f"{title} by source: held out {held}" in text
    assert f"| {source} (tuning) | 4 | 5 | 0.889 | 0.750 (3/4) |" in text
    errors = (
        f"Errors by cause (set {number}'s tuning half):\n  span: extra: 1\n"
        f"    - {source}-y: pandemic"
    )
    assert errors in text

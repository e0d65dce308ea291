"""Highlights on the bundled sample articles, fixed so golden files stay byte-for-byte stable."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

from annotations.model import Annotation
from annotations.workspace import Workspace
from library.model import Article
from library.store import Library

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
ACCESSED = date(2026, 4, 2)
GENERATED = "2026-04-02T09:00:00.000Z"
UPDATE = os.environ.get("MARGIN_UPDATE_GOLDEN") == "1"

PETITION = "traders-deliver-4-000-signature-petition-against-harbour-af19a4"
OPINION = "the-street-is-for-people-not-for-parking-29547f"
GUIDE = "harbour-street-trial-what-changes-and-when-26fc87"  # no author, date, publication or URL
COUNCIL = (
    "riverton-council-votes-to-make-harbour-street-car-free-by-0b0b3f"  # no URL, no publication
)

# (article, exact words, fields): the words must occur once in the article's canonical text.
HIGHLIGHTS: list[tuple[str, str, dict[str, Any]]] = [
    (
        PETITION,
        "People don’t carry a week’s shopping on a bicycle,” she said. “When they can’t park near"
        " us, they drive to somewhere they can.",
        {
            "speaker": "Priya Raman",
            "stance": "oppose",
            "tags": ["parking", "economy"],
            "note": "Traders fear losing drivers to the retail parks\nCheck against the 30% figure",
        },
    ),
    (
        PETITION,
        "Our best days are the days the street is closed for the market,",
        {"speaker": "Joel Mensah", "stance": "support", "tags": ["economy"]},
    ),
    (PETITION, "The trial has a review clause, and we mean it.", {"stance": "neutral"}),
    (
        OPINION,
        "But it is not what the evidence shows.",
        {"stance": "support", "tags": ["evidence"], "note": "Thesis: the fear is not borne out"},
    ),
    (
        OPINION,
        "Four years later, vacancy rates were lower than before the scheme, and the council’s own"
        " survey found that people arriving on foot or by bus spent more each month than those who"
        " drove.\n\n“Drivers spend more per trip, but walkers come back more often,”",
        {"stance": "support", "tags": ["evidence", "economy"]},
    ),
    (
        GUIDE,
        "found 48% in favour, 39% against and 13% undecided.",
        {"stance": "neutral", "tags": ["survey"]},
    ),
    (
        GUIDE,
        "What we don’t want is to be the last to find out how it will work.",
        {"speaker": "Ruth Adeyemi", "stance": "oppose", "tags": ["consultation"]},
    ),
    (
        COUNCIL,
        "This isn’t a war on cars,",
        {"speaker": "Elena Vasquez", "stance": "support", "tags": ["framing"]},
    ),
    (
        COUNCIL,
        "If the footfall collapses, the council will not be the one paying the rent.",
        {"speaker": "Martin Hale", "stance": "oppose", "tags": ["economy", "consultation"]},
    ),
    (COUNCIL, "The trial will be reviewed after twelve months.", {}),
]


def sample_library(root: Path) -> Library:
    """A library holding the bundled samples."""
    library = Library(root)
    library.ensure()
    library.seed_samples()
    return library


def sample_workspace(root: Path) -> Workspace:
    """A workspace on a library holding the bundled samples with the fixed highlights stored."""
    workspace = Workspace(root)
    workspace.library.ensure()
    workspace.library.seed_samples()
    for _article, anns in sample_annotations(workspace.library).values():
        for ann in anns:
            workspace.store.add(ann)
    return workspace


def sample_annotations(library: Library) -> dict[str, tuple[Article, list[Annotation]]]:
    """The fixed highlights, by article id, with each article."""
    out: dict[str, tuple[Article, list[Annotation]]] = {}
    for n, (article_id, words, fields) in enumerate(HIGHLIGHTS, 1):
        if article_id not in out:
            out[article_id] = (library.get(article_id), [])
        article, anns = out[article_id]
        start = article.text.index(words)
        assert article.text.count(words) == 1, words
        stamp = f"2026-04-01T10:{n:02d}:00.000Z"
        anns.append(
            Annotation.from_span(
                article_id,
                article.text,
                start,
                start + len(words),
                id=f"{n:08x}-5a3e-4c1f-9d2b-6d6172676e00",
                created=stamp,
                **fields,
            )
        )
    return out


def check_golden(name: str, actual: str | bytes) -> None:
    """Compare with tests/golden/name; MARGIN_UPDATE_GOLDEN=1 rewrites the file instead."""
    path = GOLDEN / name
    data = actual.encode("utf-8") if isinstance(actual, str) else actual
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return
    assert path.exists(), f"missing golden file {path}; run scripts/update_golden.py"
    expected = path.read_bytes()
    assert data.decode("utf-8") == expected.decode("utf-8"), f"{name} differs from its golden file"

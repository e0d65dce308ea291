"""`margin verify` asks the quotation detector who speaks, article by article, while it aligns;
the quotation cache it fills is written once a run (atomically), not once for each article the
draft quotes (issue 23, note 30)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from annotations.quotations import cache as quotation_cache
from tests.conftest import import_text

Margin = Callable[..., Result]
TOWNS = ("Alder", "Birchwood", "Cedarford", "Dunmere")


def towns_library(margin: Margin, tmp_path: Path, towns: tuple[str, ...] = TOWNS) -> Path:
    """A library of one new article for each town, each with Mayor Quill's quotation broken by
    its tag (joining it asks the detector who speaks), and a draft quoting each whole: its path."""
    draft_lines = []
    for n, town in enumerate(towns):
        import_text(
            margin,
            tmp_path / f"{town.lower()}.txt",
            f"{town} council meets\n\nThe council met on Monday.\n\n"
            f"“The {town} bridge will reopen in spring {n},” Mayor Ann Quill said. “The ferry "
            f"will run until the {town} works are done.”\n",
        )
        draft_lines.append(
            f"Quill said: “The {town} bridge will reopen in spring {n}. The ferry will run "
            f"until the {town} works are done.”"
        )
    draft = tmp_path / "draft.md"
    draft.write_text("\n\n".join(draft_lines) + "\n", encoding="utf-8")
    return draft


def first_arguments(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[Any]:
    """owner.name, still called, recording the first argument of each call: the list."""
    seen: list[Any] = []
    real = getattr(owner, name)

    def recording(first: Any, *rest: Any, **kwargs: Any) -> Any:
        seen.append(first)
        return real(first, *rest, **kwargs)

    monkeypatch.setattr(owner, name, recording)
    return seen


def test_a_draft_quoting_several_new_articles_writes_the_cache_once(
    margin: Margin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = towns_library(margin, tmp_path)
    writes = first_arguments(monkeypatch, quotation_cache, "atomic_write")
    result = margin("verify", "--json", str(draft))
    assert result.exit_code == 0, result.output
    assert [q["status"] for q in json.loads(result.stdout)] == ["exact"] * len(TOWNS)
    assert len(writes) == 1  # was one write for each of the four articles
    saved = json.loads(writes[0].read_text(encoding="utf-8"))
    assert len(saved["articles"]) == len(TOWNS)
    # A second run detects nothing new and writes nothing.
    assert margin("verify", "--json", str(draft)).exit_code == 0
    assert len(writes) == 1

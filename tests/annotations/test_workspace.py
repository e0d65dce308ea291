"""Workspace rules every caller shares: no duplicate highlights, one check for stance filters."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotations.errors import AnnotationExists, UnknownStance
from annotations.model import Annotation
from annotations.workspace import DuplicateHighlight, Workspace
from tests.conftest import NEWS_TEXT


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return Workspace(tmp_path / "lib")


@pytest.fixture
def article_id(workspace: Workspace) -> str:
    return workspace.library.import_bytes(NEWS_TEXT.encode()).article.id


def test_the_same_span_cannot_be_highlighted_twice(workspace: Workspace, article_id: str) -> None:
    first = workspace.add_highlight(workspace.new_highlight(article_id, quote="eroding trust"))
    with pytest.raises(DuplicateHighlight) as info:
        workspace.new_highlight(article_id, quote="eroding trust", stance="oppose")
    assert info.value.existing.id == first.id
    assert first.id in str(info.value) and f"margin annotate {first.id[:8]}" in str(info.value)
    assert isinstance(info.value, AnnotationExists)
    with pytest.raises(DuplicateHighlight):  # built by hand, as the TUI does
        text = workspace.library.get(article_id).text
        workspace.add_highlight(Annotation.from_span(article_id, text, first.start, first.end))
    assert [a.id for a in workspace.store.for_article(article_id)] == [first.id]


def test_overlapping_and_orphaned_spans_are_not_duplicates(
    workspace: Workspace, article_id: str
) -> None:
    first = workspace.add_highlight(workspace.new_highlight(article_id, quote="eroding trust"))
    wider = workspace.new_highlight(article_id, span=(first.start, first.end + 8))
    workspace.add_highlight(wider)
    workspace.store.update(first.changed(orphaned=True))
    again = workspace.add_highlight(workspace.new_highlight(article_id, quote="eroding trust"))
    assert (again.start, again.end) == (first.start, first.end)
    assert len(workspace.store.for_article(article_id)) == 3


def test_stance_filter(workspace: Workspace, article_id: str) -> None:
    assert workspace.stance_filter(None) is None
    assert workspace.stance_filter(" Support ") == "support"
    assert workspace.stance_filter("none") == workspace.stance_filter("  ") == "none"
    with pytest.raises(UnknownStance, match="choose one of: support, oppose, neutral"):
        workspace.stance_filter("bogus")
    # A stance that left the vocabulary stays usable while a highlight carries it.
    kept = workspace.add_highlight(
        workspace.new_highlight(article_id, quote="eroding trust").changed(stance="Pro")
    )
    assert workspace.stance_filter("pro") == "pro"
    workspace.store.delete(kept.id)
    with pytest.raises(UnknownStance):
        workspace.stance_filter("pro")
    assert workspace.stance_filter("pro", deleted=True) == "pro"


def test_export_groups_with_no_stance(workspace: Workspace, article_id: str) -> None:
    plain = workspace.add_highlight(workspace.new_highlight(article_id, quote="eroding trust"))
    workspace.add_highlight(workspace.new_highlight(article_id, quote="mandatory", stance="oppose"))
    [(_, highlights)] = workspace.export_groups(stance="none")
    assert [a.id for a in highlights] == [plain.id]

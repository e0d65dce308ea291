"""The application layer: every use case of Margin is one call on a `Workspace`.

    workspace = Workspace(root, config)
    workspace.articles.run(workspace.articles.plan(["article.html"]))
    created = workspace.highlights.create("boston", quote="eroding trust", stance="oppose")
    workspace.highlights.change(created.annotation.id, Edit.tags(add=["immigration"]))
    workspace.quotes.format(created.annotation.id, style="mla").text
    workspace.exports.export(ExportRequest(tags=("immigration",), output="brief.md"))

The CLI and the reader make these calls and show the result; neither touches a store.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from annotations.workspace.core import Workspace

if TYPE_CHECKING:
    from annotations.edits import Edit
    from annotations.errors import TooShort
    from annotations.workspace.articles import (
        TRASHED_ANNOTATIONS,
        BadDate,
        BadField,
        Imported,
        ImportJob,
        ImportPlan,
        ImportSummary,
    )
    from annotations.workspace.briefing import (
        BRIEF_FORMATS,
        Board,
        BoardFilter,
        BoardItem,
        Cell,
        UnknownBriefFormat,
    )
    from annotations.workspace.changes import ChangeFeed, Changes
    from annotations.workspace.doctor import Doctor, Finding
    from annotations.workspace.exporting import BadScope, Exported, ExportRequest
    from annotations.workspace.highlights import (
        ArticleHighlights,
        Created,
        DuplicateHighlight,
        duplicate_in,
    )
    from annotations.workspace.history import Undone
    from annotations.workspace.quoting import Quote, Speaker, SpokenQuote, UnknownSpeaker
    from annotations.workspace.reading import Opened
    from library.fsutil import conflict_of
    from library.store import TrashEntry

# Everything but Workspace loads on first use: the reader's first paint imports only the core.
_LAZY = {
    "Edit": "annotations.edits",
    "TRASHED_ANNOTATIONS": "annotations.workspace.articles",
    "BadDate": "annotations.workspace.articles",
    "BadField": "annotations.workspace.articles",
    "Imported": "annotations.workspace.articles",
    "ImportJob": "annotations.workspace.articles",
    "ImportPlan": "annotations.workspace.articles",
    "ImportSummary": "annotations.workspace.articles",
    "BRIEF_FORMATS": "annotations.workspace.briefing",
    "Board": "annotations.workspace.briefing",
    "BoardFilter": "annotations.workspace.briefing",
    "BoardItem": "annotations.workspace.briefing",
    "Cell": "annotations.workspace.briefing",
    "UnknownBriefFormat": "annotations.workspace.briefing",
    "ChangeFeed": "annotations.workspace.changes",
    "Changes": "annotations.workspace.changes",
    "Doctor": "annotations.workspace.doctor",
    "Finding": "annotations.workspace.doctor",
    "BadScope": "annotations.workspace.exporting",
    "Exported": "annotations.workspace.exporting",
    "ExportRequest": "annotations.workspace.exporting",
    "ArticleHighlights": "annotations.workspace.highlights",
    "Created": "annotations.workspace.highlights",
    "DuplicateHighlight": "annotations.workspace.highlights",
    "TooShort": "annotations.errors",
    "duplicate_in": "annotations.workspace.highlights",
    "Undone": "annotations.workspace.history",
    "Quote": "annotations.workspace.quoting",
    "Speaker": "annotations.workspace.quoting",
    "SpokenQuote": "annotations.workspace.quoting",
    "UnknownSpeaker": "annotations.workspace.quoting",
    "Opened": "annotations.workspace.reading",
    "conflict_of": "library.fsutil",
    "TrashEntry": "library.store",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "BRIEF_FORMATS",
    "TRASHED_ANNOTATIONS",
    "ArticleHighlights",
    "BadDate",
    "BadField",
    "BadScope",
    "Board",
    "BoardFilter",
    "BoardItem",
    "Cell",
    "ChangeFeed",
    "Changes",
    "Created",
    "Doctor",
    "DuplicateHighlight",
    "Edit",
    "ExportRequest",
    "Exported",
    "Finding",
    "ImportJob",
    "ImportPlan",
    "ImportSummary",
    "Imported",
    "Opened",
    "Quote",
    "Speaker",
    "SpokenQuote",
    "TooShort",
    "TrashEntry",
    "Undone",
    "UnknownBriefFormat",
    "UnknownSpeaker",
    "Workspace",
    "conflict_of",
    "duplicate_in",
]

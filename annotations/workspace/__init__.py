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

from annotations.edits import Edit
from annotations.workspace.articles import (
    TRASHED_ANNOTATIONS,
    BadDate,
    Imported,
    ImportJob,
    ImportPlan,
    ImportSummary,
)
from annotations.workspace.changes import ChangeFeed, Changes
from annotations.workspace.core import Workspace
from annotations.workspace.doctor import Doctor, Finding
from annotations.workspace.exporting import BadScope, Exported, ExportRequest
from annotations.workspace.highlights import (
    ArticleHighlights,
    Created,
    DuplicateHighlight,
    duplicate_in,
)
from annotations.workspace.history import Undone
from annotations.workspace.quoting import Quote
from annotations.workspace.reading import Opened
from library.fsutil import conflict_of

__all__ = [
    "TRASHED_ANNOTATIONS",
    "ArticleHighlights",
    "BadDate",
    "BadScope",
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
    "Undone",
    "Workspace",
    "conflict_of",
    "duplicate_in",
]

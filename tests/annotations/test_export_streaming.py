"""A library-wide export is written as it is rendered, from the articles' metadata and quotes
formatted while each text was at hand: the same document as rendering it whole from the full
articles, byte for byte."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from annotations.export import ExportOptions, export_annotations
from annotations.export.registry import export_chunks
from annotations.workspace import ExportRequest, Workspace
from library.fsutil import atomic_write
from tests.annotations.samples import sample_annotations


@pytest.fixture
def samples(library_dir: Path) -> Workspace:
    workspace = Workspace(library_dir)
    workspace.library.ensure()
    workspace.library.seed_samples()
    for _article, anns in sample_annotations(workspace.library).values():
        for ann in anns:
            workspace.store.add(ann)
    return workspace


def _without_timestamp(data: bytes) -> bytes:
    """The export with its own timestamp (now) blanked."""
    return re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:[\d.]+Z", b"NOW", data)


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
@pytest.mark.parametrize("style", ["plain", "apa", "card"])  # apa and card read the text
def test_the_streamed_export_is_the_document_rendered_whole(
    samples: Workspace, tmp_path: Path, fmt: str, style: str
) -> None:
    target = tmp_path / f"out.{fmt}"
    done = samples.exports.export(ExportRequest(format=fmt, style=style, output=target))
    groups = [
        (article, sorted(anns, key=lambda a: (a.start, a.end)))
        for article, anns in sorted(sample_annotations(samples.library).values(),
                                    key=lambda g: g[0].id)
    ]  # fmt: skip
    config = samples.config
    options = ExportOptions(style=style, config=config, width=config.width)
    whole = export_annotations(groups, fmt, options)
    assert done.count == sum(len(anns) for _a, anns in groups)
    written = target.read_bytes()
    assert _without_timestamp(written) == _without_timestamp(whole)
    if style == "apa":  # the paragraph numbers that need the text are there
        assert b"para." in written


def test_markdown_comes_in_parts_that_join_to_the_document(samples: Workspace) -> None:
    groups = [(a, anns) for a, anns in sample_annotations(samples.library).values()]
    options = ExportOptions(generated="2026-04-02T09:00:00.000Z")
    parts = list(export_chunks(groups * 200, "md", options))  # long enough for several parts
    assert len(parts) > 1
    assert b"".join(parts) == export_annotations(groups * 200, "md", options)
    assert b"".join(parts).endswith(b"\n") and not b"".join(parts).endswith(b"\n\n")


def test_a_write_in_chunks_that_fails_leaves_the_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "export.md"
    target.write_bytes(b"old")

    def chunks():  # type: ignore[no-untyped-def]
        yield b"new part one\n"
        raise RuntimeError("rendering failed half-way")

    with pytest.raises(RuntimeError):
        atomic_write(target, chunks())
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["export.md"]
    atomic_write(target, iter([b"a", b"b"]))
    assert target.read_bytes() == b"ab"

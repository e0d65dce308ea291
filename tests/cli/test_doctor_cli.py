"""`margin doctor [--fix] [--json]`: one line per finding, a summary, and the exit code."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

HIDDEN = set("\x1b\u202e\u2066\u200b")


def _article(margin: Callable[..., Result], news_file: Path) -> str:
    assert margin("import", str(news_file)).exit_code == 0
    return str(json.loads(margin("list", "--json").stdout)[0]["id"])


def test_a_healthy_library_is_all_clear(margin: Callable[..., Result], news_file: Path) -> None:
    article = _article(margin, news_file)
    assert margin("highlight", article, "--quote", "eroding trust").exit_code == 0
    result = margin("doctor")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1].startswith("all clear")
    assert "problem" not in result.stdout


def test_a_truncated_file_is_reported_then_fixed(
    margin: Callable[..., Result], news_file: Path, library_dir: Path
) -> None:
    article = _article(margin, news_file)
    margin("highlight", article, "--quote", "eroding trust")
    margin("highlight", article, "--quote", "mandatory")
    shard = library_dir / "annotations" / f"{article}.json"
    shard.write_bytes(shard.read_bytes()[:30])
    old = time.time() - 3600
    stray = library_dir / "articles" / f".{article}.md.x1y2.tmp"
    stray.write_text("half")
    os.utime(stray, (old, old))

    checked = margin("doctor")
    assert checked.exit_code == 1
    lines = checked.stdout.strip().splitlines()
    assert any(
        line.startswith("problem") and f"annotations/{article}.json" in line for line in lines
    )
    assert any("temp file" in line and "--fix removes it" in line for line in lines)
    assert "can be fixed with `margin doctor --fix`" in lines[-1]
    assert shard.stat().st_size == 30 and stray.exists()  # checking changes nothing

    fixed = margin("doctor", "--fix")
    assert fixed.exit_code == 0, fixed.output
    assert fixed.stdout.strip().splitlines()[-1].startswith("all fixed: 2 problems")
    assert "could not be read" not in fixed.stderr  # said once, in the finding's line
    assert len(json.loads(margin("annotations", article, "--json").stdout)) == 2
    assert not stray.exists()
    assert margin("doctor").exit_code == 0


def test_json_for_scripts(
    margin: Callable[..., Result], news_file: Path, library_dir: Path
) -> None:
    article = _article(margin, news_file)
    copy = library_dir / "articles" / f"{article} (Ann's conflicted copy 2024-01-31).md"
    copy.write_text((library_dir / "articles" / f"{article}.md").read_text())
    result = margin("doctor", "--fix", "--json")
    assert result.exit_code == 1  # the user decides between two versions of an article
    data = json.loads(result.stdout)
    assert data["remaining"] == 1 and data["fixed"] is True
    (finding,) = data["findings"]
    assert finding["kind"] == "article-conflict" and finding["fixable"] is False
    assert set(finding) == {
        "kind",
        "file",
        "message",
        "action",
        "severity",
        "fixable",
        "fixed",
        "outcome",
    }


def test_hostile_file_names_print_safely(
    margin: Callable[..., Result], news_file: Path, library_dir: Path
) -> None:
    article = _article(margin, news_file)
    margin("highlight", article, "--quote", "eroding trust")
    evil = "\x1b]0;owned\x07\u202etxt.exe\u2066\n"
    shard = library_dir / "annotations" / f"{article}.json"
    (shard.parent / f"{article}{evil}.sync-conflict-20240131-142501-ABCDEF7.json").write_bytes(
        shard.read_bytes()
    )
    stray = library_dir / "annotations" / f".{evil}.tmp"
    stray.write_text("x")
    os.utime(stray, (time.time() - 3600,) * 2)  # a write cut short long ago
    (library_dir / "annotations" / os.fsdecode(b"\xff\xfe.json")).write_text("{")
    result = margin("doctor")
    assert result.exit_code == 1
    assert not HIDDEN & set(result.stdout)
    assert "⟨U+202E⟩" in result.stdout
    lines = result.stdout.strip().splitlines()
    assert all(line.split()[0] in {"problem", "note", "fixed"} for line in lines[:-1])
    data = json.loads(margin("doctor", "--json").stdout)  # names that are not UTF-8 too
    assert {f["kind"] for f in data["findings"]} >= {"conflict-copy", "temp-file"}


def test_an_article_cut_short_then_restored_gives_its_highlights_back(
    margin: Callable[..., Result], news_file: Path, library_dir: Path
) -> None:
    # The body is cut inside the front matter's limits (it still parses), a command run before
    # doctor orphans the highlight whose words were cut off; doctor --fix restores the file from
    # its backup, and the highlight stands on its words again.
    article = _article(margin, news_file)
    file = library_dir / "articles" / f"{article}.md"
    text = json.loads(margin("show", article, "--json").stdout)["text"]
    last = text.rstrip().rsplit(" ", 3)[-3:]
    quote = " ".join(last)
    ident = margin("highlight", article, "--quote", quote).stdout.strip()
    whole = file.read_bytes()
    file.write_bytes(whole[: whole.rindex(quote.encode()) - 5])
    assert margin("copy", ident, "--print").exit_code == 1  # its words are gone: orphaned
    fixed = margin("doctor", "--fix")
    assert fixed.exit_code == 0, fixed.output  # re-anchored in the same run, not left to a rerun
    assert "restored from the backup" in fixed.stdout, fixed.output
    assert file.read_bytes() == whole
    done = margin("copy", ident, "--print")
    assert done.exit_code == 0, done.output
    assert quote in done.stdout
    assert margin("doctor").exit_code == 0


def test_margin_doctor_compacts_backups_with_a_dry_run_first(
    margin: Callable[..., Result], library_dir: Path, tmp_path: Path
) -> None:
    from tests.library.test_pack_compaction import _library, _packs

    root, edited = _library(tmp_path)
    assert root == library_dir
    looked = margin("doctor", "--compact-backups", "--older-than", "0", "--dry-run")
    assert looked.exit_code == 0, looked.output
    lines = looked.stdout.strip().splitlines()
    assert lines[0].startswith(f"would drop  {edited}, saved ")
    assert lines[-1].startswith("2 packs would become one: 4 copies kept, 1 dropped (")
    assert len(_packs(library_dir)) == 2
    done = margin("doctor", "--compact-backups", "--older-than", "0", "--json")
    assert done.exit_code == 0, done.output
    report = json.loads(done.stdout)
    assert [d["file"] for d in report["dropped"]] == [edited] and report["kept"] == 4
    assert [p.name for p in _packs(library_dir)] == [report["written"]]
    assert margin("doctor", "--compact-backups", "--fix").exit_code == 2


def test_compaction_options_without_compact_backups_are_refused(
    margin: Callable[..., Result],
) -> None:
    # `--older-than` alone would run the check and ignore it: said in one line instead.
    for options in (["--older-than", "5"], ["--dry-run"]):
        done = margin("doctor", *options)
        assert done.exit_code == 2 and "goes with --compact-backups" in done.output, options


def test_a_damaged_pack_without_a_token_is_named_with_why_nothing_after_it_is_read(
    margin: Callable[..., Result], library_dir: Path, tmp_path: Path
) -> None:
    # A pack written before packs carried a token (its name without one), with bit rot in its
    # second record's header: past the damage no header can be told from an article's text, so
    # the reader stops there, and says so in one line, in the check and in compaction.
    from library import packs
    from tests.library.test_pack_compaction import _library, _packs

    _library(tmp_path)
    first, _ = _packs(library_dir)
    old = first.with_name("20240101T000000.000000Z.pack")  # no token: an old pack
    data = first.read_bytes()
    second = data.index(packs.MAGIC, 1)
    first.unlink()
    old.write_bytes(data[:second] + b"margin-pack 1 {rotted" + data[second + 20 :])
    why = (
        f"damaged at byte {second:,}; it was written before packs carried a token (or was "
        "renamed), so no record after the damage can be told from an article's text quoting "
        "one: 1 record before it read, none after"
    )
    checked = margin("doctor", "--json")
    (note,) = [f for f in json.loads(checked.stdout)["findings"] if f["kind"] == "damaged-pack"]
    assert note["message"] == f"a backup pack {why}" and note["severity"] == "note"
    assert note["file"] == f"articles/.backups/{old.name}"
    done = margin("doctor", "--compact-backups", "--older-than", "0")
    assert done.exit_code == 0, done.output
    assert f"left       {old.name}: {why}; kept as it is\n" in done.stdout
    assert old.read_bytes().startswith(data[:second])

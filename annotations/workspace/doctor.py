"""Checking a library and repairing what is safe to repair: `margin doctor [--fix]`.

`check()` only looks. `fix()` repairs what can be repaired without losing anything: temp files
swept (under every write lock), damaged files restored from their backups (the damaged file kept
beside them), conflict copies of highlights files merged and then moved into `trash/conflicts/`,
highlights re-anchored to a changed text, missing backups made, caches rebuilt. What needs the
user's judgement (a conflict copy of an article, highlights whose article is gone) is reported
with what to do. Nothing the user saved is deleted without a copy in the trash.
"""

from __future__ import annotations

import glob
import os
import shlex
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from annotations.errors import AnnotationError
from annotations.store import FileContents
from library.errors import LibraryError
from library.fsutil import conflict_of, move_durably
from library.text import plural

if TYPE_CHECKING:
    from annotations.workspace.core import Workspace
    from library.document import DocumentStore
    from library.packcompact import Compaction
    from library.store import ArticleDamage

Severity = Literal["problem", "note"]
CONFLICTS_DIR = "conflicts"  # under trash/: merged conflict copies
DAMAGED_DIR = "damaged"  # under trash/: unreadable backups taken out of the rotation


@dataclass(slots=True)
class Finding:
    """One thing found wrong (a problem) or worth knowing (a note) about one file."""

    kind: str  # e.g. "damaged-highlights", "conflict-copy", "temp-file", "stale-cache"
    file: str  # the file, relative to the library, printable
    message: str  # what is wrong, one line
    action: str  # what --fix does, or what to do by hand when it cannot
    fixable: bool
    fixed: bool = False
    severity: Severity = "problem"
    outcome: str = ""  # what fixing did (or why it failed)
    path: Path = field(default_factory=Path, repr=False, compare=False)
    article: str | None = field(default=None, repr=False, compare=False)

    @property
    def remains(self) -> bool:
        """Whether this is a problem still there after the run."""
        return self.severity == "problem" and not self.fixed

    def to_json(self) -> dict[str, Any]:
        """The `margin doctor --json` shape."""
        return {
            "kind": self.kind,
            "file": self.file,
            "message": self.message,
            "action": self.action,
            "severity": self.severity,
            "fixable": self.fixable,
            "fixed": self.fixed,
            "outcome": self.outcome,
        }


def _utc_label() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def _free_name(folder: Path, name: str) -> Path:
    """folder/name, or with a number added when that is taken."""
    target, n = folder / name, 1
    while target.exists() or target.is_symlink():
        n += 1
        target = folder / f"{name}.{n}"
    return target


class Doctor:
    """Checks of one workspace's files, and the safe repairs."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    @property
    def root(self) -> Path:
        """The library folder."""
        return self.workspace.root

    # -- the public calls --------------------------------------------------------------------------
    def check(self) -> list[Finding]:
        """Everything found, looking only: nothing is written, moved or swept."""
        found: list[Finding] = []
        found += self._temp_files()
        found += self._unfinished_trash()
        shards, conflicts = self._highlight_files()
        found += conflicts
        with self.workspace.library.backups_pass():  # the packs checked once, not per article
            articles, article_findings = self._articles(shards)
            article_findings += self._damaged_packs()
        found += article_findings
        found += self._shards(shards, articles)
        found += self._state()
        found += self._caches()
        return found

    def compact_backups(self, older_than_days: float, *, dry_run: bool = False) -> Compaction:
        """Compact the article backups' packs into one, dropping copies that are not among an
        article's last saves and are older than older_than_days; dry_run: only say what would
        go. The library owns the packs: `Library.compact_backups`."""
        return self.workspace.library.compact_backups(older_than_days, dry_run=dry_run)

    def fix(self) -> list[Finding]:
        """Check, then repair what is safe: every finding says whether it was fixed and how.

        Problems a repair brings to light (highlights orphaned by re-anchoring) are added.
        """
        found = self.check()
        repairs: dict[str, Callable[[list[Finding]], None]] = {
            "temp-file": self._fix_temp_file,
            "unfinished-trash": self._fix_unfinished_trash,
            "damaged-article": self._fix_damaged_article,
            "damaged-highlights": self._fix_damaged_highlights,
            "damaged-state": self._fix_damaged_document,
            "damaged-briefs": self._fix_damaged_document,
            "conflict-copy": self._fix_conflict_copy,
            "unanchored": self._fix_unanchored,
            "missing-backup": self._fix_missing_backup,
            "damaged-backup": self._fix_damaged_backup,
        }
        for kind, repair in repairs.items():  # in this order: a merge before re-anchoring, …
            todo = [f for f in found if f.kind == kind and f.fixable]
            if todo:
                repair(todo)
        caches = [f for f in found if f.kind in ("stale-cache", "unreadable-cache") and f.fixable]
        if caches or any(f.fixed for f in found):
            self._fix_caches(caches)
        seen = {(f.kind, f.file) for f in found}
        brought = [
            f for f in self.check() if (f.kind, f.file) not in seen and f.kind != "stale-cache"
        ]
        # An article restored from its backup: its highlights (orphans among them) count in the
        # text it had before; they are re-anchored to the restored one now, not left to a rerun.
        unanchored = [f for f in brought if f.kind == "unanchored" and f.fixable]
        if unanchored:
            self._fix_unanchored(unanchored)
        return found + brought

    # -- temp files --------------------------------------------------------------------------------
    def _temp_files(self) -> list[Finding]:
        from library.locks import SWEEP_AGE, stale_temp_files

        minutes = f"{SWEEP_AGE / 60:g} minutes"
        return [
            Finding(
                "temp-file",
                self._shown(path),
                f"a temp file left by a write that was cut short (older than {minutes})",
                "--fix removes it (its write never finished)",
                fixable=True,
                path=path,
            )
            for path in sorted(stale_temp_files(self.root))
        ]

    def _fix_temp_file(self, todo: list[Finding]) -> None:
        from library.locks import sweep_temp

        # Only those older than any write takes, each while the lock guarding it can be taken:
        # a temp file of a save in progress in another process (a board reorder, say) stays.
        sweep_temp(self.root)
        for finding in todo:
            finding.fixed = not os.path.lexists(finding.path)
            finding.outcome = (
                "removed" if finding.fixed else "not removed (a write holding its lock?)"
            )

    # -- the trash -------------------------------------------------------------------------------
    def _unfinished_trash(self) -> list[Finding]:
        found = []
        for entry in self.workspace.articles.unfinished_trash():
            if entry.state == "restoring":
                what = f"a restore of {entry.id} cut short (by a crash or a kill)"
                action = "--fix finishes it: the article and its highlights back in the library"
            elif entry.state == "removing":
                what = f"a removal of {entry.id} cut short (by a crash or a kill)"
                action = (
                    "--fix finishes it: the article is in the trash, its highlights follow it"
                    if (entry.folder / "article.md").exists()
                    else "--fix undoes it: the article had not moved, so nothing is lost"
                )
            else:
                what = "an empty folder a removal or restore cut short left"
                action = "--fix removes it"
            found.append(
                Finding(
                    "unfinished-trash",
                    self._shown(entry.folder),
                    what,
                    action,
                    fixable=True,
                    path=entry.folder,
                    article=entry.id,
                )
            )
        return found

    def _fix_unfinished_trash(self, todo: list[Finding]) -> None:
        try:
            self.workspace.articles.recover_trash()
        except (OSError, LibraryError) as exc:
            for finding in todo:
                finding.outcome = f"not finished: {self._reason(exc)}"
            return
        left = {entry.folder for entry in self.workspace.articles.unfinished_trash()}
        for finding in todo:
            finding.fixed = finding.path not in left
            if not finding.fixed:
                finding.outcome = "not finished (see `margin restore --list`)"
            elif finding.path.exists():
                finding.outcome = "finished: the article and its highlights are in the trash"
            elif self.workspace.library.has(finding.article or ""):
                finding.outcome = "done: the article and its highlights are in the library"
            else:
                finding.outcome = "removed"

    # -- highlights files --------------------------------------------------------------------------
    def _highlight_files(self) -> tuple[dict[str, Path], list[Finding]]:
        """The highlights files by article id, and the conflict copies among them."""
        folder = self.root / "annotations"
        shards: dict[str, Path] = {}
        findings: list[Finding] = []
        for name, path in self._listing(folder):
            if not name.endswith(".json") and conflict_of(name) is None:
                continue
            copied = conflict_of(name)
            if copied is not None:
                findings.append(self._conflict(path, copied))
                continue
            shards[name[: -len(".json")]] = path
        return shards, findings

    def _conflict(self, path: Path, copied: tuple[str, str]) -> Finding:
        original, tool = copied
        article = original[: -len(".json")] if original.endswith(".json") else None
        if article is None or article.startswith("."):
            return Finding(
                "conflict-other",
                self._shown(path),
                f"a {tool} conflict copy of {original}",
                "compare it with the file and keep the one you want (Margin leaves it alone)",
                fixable=False,
                path=path,
            )
        try:
            held = self._read_shard(article, path)
        except (LibraryError, AnnotationError) as exc:
            return Finding(
                "conflict-copy",
                self._shown(path),
                f"a {tool} conflict copy of {original} that cannot be read ({self._reason(exc)})",
                "look at it by hand; Margin leaves it alone",
                fixable=False,
                path=path,
                article=article,
            )
        live, gone = len(held.live), len(held.deleted)
        return Finding(
            "conflict-copy",
            self._shown(path),
            f"a {tool} conflict copy of {original} ({plural(live, 'highlight')}, {gone} deleted)",
            f"--fix merges it into {original} (newest changes kept) and moves it to "
            f"trash/{CONFLICTS_DIR}/",
            fixable=True,
            path=path,
            article=article,
        )

    def _fix_conflict_copy(self, todo: list[Finding]) -> None:
        store = self.workspace.store
        folder = self.root / "trash" / CONFLICTS_DIR
        for finding in todo:
            assert finding.article is not None
            try:
                with store.held():
                    report = store.merge_from(finding.article, finding.path)
                    folder.mkdir(parents=True, exist_ok=True)
                    target = _free_name(folder, finding.path.name)
                    move_durably(finding.path, target)
            except (OSError, LibraryError, AnnotationError) as exc:
                finding.outcome = f"not merged: {self._reason(exc)}"
                continue
            finding.fixed = True
            finding.outcome = f"merged ({report.describe()}); the copy is in {self._shown(target)}"
            self.workspace.search_index.notes_changed(finding.article)

    def _read_shard(self, article_id: str, path: Path) -> FileContents:
        """What a highlights file holds, read by its owner without repairing it."""
        return self.workspace.store.contents(article_id, path)

    def _shards(self, shards: dict[str, Path], articles: dict[str, Path]) -> list[Finding]:
        """Damaged highlights files, orphan ones, and their backups."""
        from library.tinystore import NewerFormat

        findings: list[Finding] = []
        in_trash = self._trash_ids()
        for article_id, path in sorted(shards.items()):
            shown = self._shown(path)
            try:
                held = self._read_shard(article_id, path)
            except NewerFormat as exc:
                findings.append(
                    Finding(
                        "newer-format",
                        shown,
                        str(exc).removeprefix(f"{path}: "),
                        "upgrade Margin; the file is left as it is",
                        fixable=False,
                        path=path,
                    )
                )
                continue
            except (LibraryError, AnnotationError) as exc:
                good = self._good_backup(article_id, path)
                findings.append(
                    Finding(
                        "damaged-highlights",
                        shown,
                        f"the highlights file cannot be read ({self._reason(exc)})",
                        (
                            f"--fix keeps it beside as .corrupt-<time> and restores the backup "
                            f"saved {good}"
                            if good
                            else "no good backup: --fix keeps it beside as .corrupt-<time> and "
                            "starts the file empty; its highlights are lost unless you mend it "
                            "by hand"
                        ),
                        fixable=True,
                        path=path,
                        article=article_id,
                    )
                )
                continue
            if article_id not in articles and article_id not in in_trash:
                live, gone = len(held.live), len(held.deleted)
                if live or gone:
                    findings.append(
                        Finding(
                            "orphan-highlights-file",
                            shown,
                            f"{plural(live, 'highlight')} ({gone} deleted) of an article that "
                            "is neither in the library nor in the trash",
                            "import the article again to bring them back, or move the file "
                            "out of annotations/ if you do not want them",
                            fixable=False,
                            path=path,
                            article=article_id,
                        )
                    )
            findings += self._backups(article_id, path)
        return findings

    def _fix_damaged_highlights(self, todo: list[Finding]) -> None:
        """Restore each from its newest good backup, and say plainly what that brought back:
        "restored from the backup saved …" only when every highlight the indexes last knew of
        is back; otherwise "lost N highlights …", which stays a problem (exit 1)."""
        store = self.workspace.store
        for finding in todo:
            assert finding.article is not None
            known_ids, known_count = store.last_known(finding.article)
            good = self._good_backup(finding.article, finding.path)
            before = len(store.recoveries)
            store.forget(finding.article)
            try:
                store.for_article(finding.article)  # the store's own repair, under its lock
            except (LibraryError, AnnotationError) as exc:
                finding.outcome = f"not repaired: {self._reason(exc)}"
                continue
            said = store.recoveries[before:]
            del store.recoveries[before:]  # said here, not again as a notice
            try:
                held = (
                    self._read_shard(finding.article, finding.path)
                    if finding.path.exists()
                    else FileContents()
                )
            except (LibraryError, AnnotationError) as exc:
                finding.outcome = f"not repaired: {self._reason(exc)}"
                continue
            if not said:
                finding.fixed, finding.outcome = True, "repaired meanwhile by another Margin"
                continue
            back = held.ids
            newest = good is not None and any("Margin's last save" in m for m in said)
            if known_ids is not None:
                lost: int | None = len(known_ids - back)
            elif newest:
                lost = 0  # the newest backup is written ahead of every save: it holds them all
            elif known_count is not None:
                lost = max(0, known_count - len(held.live))
            else:
                lost = None
            aside = self._set_aside(finding.path)
            kept = f"kept as {self._shown(aside)}" if aside else "kept aside"
            if good is not None and lost == 0:
                finding.fixed = True
                last = "Margin's last save; " if newest else ""
                finding.outcome = (
                    f"restored from the backup saved {good} ({last}the damaged file {kept})"
                )
            elif good is not None:
                what = plural(lost, "highlight") if lost is not None else "highlights"
                finding.outcome = (
                    f"restored from the backup saved {good}, but lost {what} saved after it "
                    f"({kept})"
                )
            elif lost == 0:
                finding.fixed = True
                finding.outcome = f"no good backup, but no highlight was in it ({kept})"
            else:
                what = plural(lost, "highlight") if lost is not None else "its highlights"
                finding.outcome = f"lost {what}, no good backup ({kept})"

    def _set_aside(self, path: Path) -> Path | None:
        """The newest damaged copy of path the store kept beside it."""
        copies = sorted(path.parent.glob(f"{glob.escape(path.name)}.corrupt-*"))
        return copies[-1] if copies else None

    # -- backups (each checked and remade by the store, their owner) ----------------------------
    def _good_backup(self, article_id: str, path: Path) -> str | None:
        """When the newest readable backup of a highlights file was saved, or None."""
        slot = self.workspace.store.good_backup(article_id)
        if slot is None:
            return None
        when = datetime.fromtimestamp(slot.stat().st_mtime, UTC)
        return f"{when:%Y-%m-%d %H:%M:%S} UTC"

    def _backups(self, article_id: str, path: Path) -> list[Finding]:
        findings = []
        for slot, reason in self.workspace.store.backup_problems(article_id):
            if slot is None:
                findings.append(
                    Finding(
                        "missing-backup",
                        self._shown(path),
                        "the highlights file has no backup",
                        "--fix makes one from the file as it is",
                        fixable=True,
                        path=path,
                        article=article_id,
                    )
                )
                continue
            findings.append(
                Finding(
                    "damaged-backup",
                    self._shown(slot),
                    f"a backup of {path.name} cannot be read ({reason})",
                    f"--fix moves it to trash/{DAMAGED_DIR}/ and makes a fresh backup",
                    fixable=True,
                    path=slot,
                    article=article_id,
                )
            )
        return findings

    def _fix_missing_backup(self, todo: list[Finding]) -> None:
        for finding in todo:
            assert finding.article is not None
            try:
                self.workspace.store.remake_backup(finding.article)
            except (OSError, LibraryError) as exc:
                finding.outcome = f"not made: {self._reason(exc)}"
                continue
            finding.fixed, finding.outcome = True, "backup made"

    def _fix_damaged_backup(self, todo: list[Finding]) -> None:
        folder = self.root / "trash" / DAMAGED_DIR
        for finding in todo:
            assert finding.article is not None
            try:
                target = self.workspace.store.remake_backup(
                    finding.article, retire=finding.path, into=folder
                )
            except (OSError, LibraryError) as exc:
                finding.outcome = f"not moved: {self._reason(exc)}"
                continue
            finding.fixed = True
            shown = self._shown(target) if target else folder.name
            finding.outcome = f"moved to {shown}; a fresh backup made"

    # -- articles against their highlights -------------------------------------------------------
    def _articles(self, shards: dict[str, Path]) -> tuple[dict[str, Path], list[Finding]]:
        """Every readable article file by id; unreadable and conflicting ones; and highlights
        that count in another text than their article's (or lost their place)."""
        from library.articlefile import ArticleFileError

        articles: dict[str, Path] = {}
        findings: list[Finding] = []
        library = self.workspace.library
        for name, path in self._listing(self.root / "articles"):
            copied = conflict_of(name)
            if copied is not None and copied[0].endswith(".md"):
                original = path.with_name(copied[0])
                findings.append(
                    Finding(
                        "article-conflict",
                        self._shown(path),
                        f"a {copied[1]} conflict copy of {copied[0]}",
                        f"compare: diff {shlex.quote(self._shown(original))} "
                        f"{shlex.quote(self._shown(path))}; keep the one you want and move the "
                        "other out of articles/ (Margin does not choose for you)",
                        fixable=False,
                        path=path,
                    )
                )
                continue
            if not name.endswith(".md"):
                continue
            damage = library.article_damage(path)
            if damage is not None and damage.backup is not None:
                findings.append(self._damaged_article(damage))
                articles.setdefault(path.stem, path)  # its highlights are not orphans
                continue
            try:
                article = library.read_file(path)
            except (OSError, UnicodeDecodeError, ArticleFileError, LibraryError) as exc:
                findings.append(
                    Finding(
                        "unreadable-article",
                        self._shown(path),
                        f"the article file cannot be read ({self._reason(exc)})",
                        "fix the file, or move it out of articles/",
                        fixable=False,
                        path=path,
                        article=path.stem,
                    )
                )
                articles.setdefault(path.stem, path)  # its highlights are not orphans
                continue
            if article.id in articles:
                findings.append(
                    Finding(
                        "duplicate-id",
                        self._shown(path),
                        f"id {article.id} is also used by {articles[article.id].name}",
                        "give one of them another id in its front matter",
                        fixable=False,
                        path=path,
                    )
                )
                continue
            articles[article.id] = path
            shard = shards.get(article.id)
            if shard is not None:
                findings += self._anchoring(article.id, article.text, shard)
        return articles, findings

    def _damaged_article(self, damage: ArticleDamage) -> Finding:
        assert damage.backup is not None
        when = damage.backup.saved
        return Finding(
            "damaged-article",
            self._shown(damage.path),
            f"the article file is damaged: {damage.reason}",
            f"--fix keeps it beside as .corrupt-<time> and restores the backup saved "
            f"{when:%Y-%m-%d %H:%M:%S} UTC",
            fixable=True,
            path=damage.path,
            article=damage.path.stem,
        )

    def _fix_damaged_article(self, todo: list[Finding]) -> None:
        library = self.workspace.library
        for finding in todo:
            damage = library.article_damage(finding.path)
            if damage is None or damage.backup is None:
                finding.fixed, finding.outcome = damage is None, "mended meanwhile"
                continue
            try:
                aside = library.repair_article(damage)
            except (OSError, LibraryError) as exc:
                finding.outcome = f"not restored: {self._reason(exc)}"
                continue
            when = damage.backup.saved
            finding.fixed = True
            finding.outcome = (
                f"restored from the backup saved {when:%Y-%m-%d %H:%M:%S} UTC (its last save; "
                f"the damaged file kept as {self._shown(aside)})"
            )
            if finding.article:
                self.workspace.search_index.article_changed(finding.article)

    def _anchoring(self, article_id: str, text: str, shard: Path) -> list[Finding]:
        """What the store, the highlights' owner, finds of them against the article's text."""
        try:
            standing = self.workspace.store.anchoring(article_id, text)
        except (LibraryError, AnnotationError):
            return []  # reported with the highlights files
        off, orphaned, review = standing.unanchored, standing.orphaned, standing.review
        shown = self._shown(shard)
        findings = []
        if off:
            findings.append(
                Finding(
                    "unanchored",
                    shown,
                    f"{plural(off, 'highlight')} counted in another text than the article's "
                    "(edited by hand, synced, or a re-import cut short)",
                    "--fix re-anchors them to the article's text (flagged for review when "
                    "found only approximately)",
                    fixable=True,
                    path=shard,
                    article=article_id,
                )
            )
        if orphaned:
            findings.append(
                Finding(
                    "orphaned-highlights",
                    shown,
                    f"{plural(orphaned, 'highlight')} lost their place in the text",
                    f"see `margin annotations {article_id} --orphaned`; delete or re-make them",
                    fixable=False,
                    severity="note",
                    path=shard,
                    article=article_id,
                )
            )
        if review:
            findings.append(
                Finding(
                    "review-highlights",
                    shown,
                    f"{plural(review, 'highlight')} re-anchored approximately",
                    f"see `margin annotations {article_id} --review`",
                    fixable=False,
                    severity="note",
                    path=shard,
                    article=article_id,
                )
            )
        return findings

    def _fix_unanchored(self, todo: list[Finding]) -> None:
        from library.articlefile import ArticleFileError

        for finding in todo:
            assert finding.article is not None
            try:
                article = self.workspace.library.read_file(self._article_file(finding.article))
                report = self.workspace.store.reanchor_article(
                    article.id, article.text, only_unanchored=True
                )
            except (
                OSError,
                UnicodeDecodeError,
                ArticleFileError,
                LibraryError,
                AnnotationError,
            ) as exc:
                finding.outcome = f"not re-anchored: {self._reason(exc)}"
                continue
            finding.fixed = True
            finding.outcome = report.describe()
            self.workspace.search_index.notes_changed(article.id)

    def _article_file(self, article_id: str) -> Path:
        path = self.root / "articles" / f"{article_id}.md"
        if path.exists():
            return path
        return self.workspace.library.path_of(article_id)

    # -- small documents: the reading state, the brief board's orders ----------------------------
    def _documents(self) -> list[tuple[str, str, str, DocumentStore]]:
        """(finding kind, what it is, what it holds, its owner) of each small document; each
        checks and repairs its own file."""
        workspace = self.workspace
        return [
            ("damaged-state", "the reading state", "reading places", workspace.state.document),
            (
                "damaged-briefs",
                "the brief board's saved orders",
                "the board's orders",
                workspace.briefs.orders.document,
            ),
        ]

    def _state(self) -> list[Finding]:
        findings = []
        for kind, what, holds, document in self._documents():
            problem = document.check()
            if problem is None:
                continue
            state, reason = problem
            shown = self._shown(document.path)
            if state == "newer":
                findings.append(
                    Finding(
                        "newer-format",
                        shown,
                        reason,
                        "upgrade Margin; the file is left as it is",
                        fixable=False,
                        path=document.path,
                    )
                )
                continue
            findings.append(
                Finding(
                    kind,
                    shown,
                    f"{what} cannot be read ({reason})",
                    "--fix keeps it beside as .corrupt-<time> and restores its newest good "
                    f"backup ({holds} only; no highlight is in it)",
                    fixable=True,
                    path=document.path,
                )
            )
        return findings

    def _fix_damaged_document(self, todo: list[Finding]) -> None:
        owners = {document.path: document for *_, document in self._documents()}
        for finding in todo:
            document = owners[finding.path]
            try:
                said = document.repair()
            except LibraryError as exc:
                finding.outcome = f"not repaired: {self._reason(exc)}"
                continue
            for message in said:
                self.workspace.forget_notice(message)  # said here, not again as a notice
            finding.fixed = document.check() is None
            finding.outcome = " ".join(m.replace(f"{finding.path} ", "", 1) for m in said)

    # -- caches ----------------------------------------------------------------------------------
    def _caches(self) -> list[Finding]:
        library = self.workspace.library
        findings: list[Finding] = []

        def cache(path: Path, state: str, detail: str, what: str) -> None:
            findings.append(
                Finding(
                    f"{state}-cache",
                    self._shown(path),
                    f"{what} is {state} ({detail})",
                    "--fix rebuilds it from the files (it is a cache: nothing is lost)",
                    fixable=True,
                    severity="problem" if state == "unreadable" else "note",
                    path=path,
                )
            )

        problem = library.catalog_problem()
        if problem is not None:
            cache(library.index_dir / "catalog.json", *problem, "the catalog")
        for path, reason in library.parsed_problems():
            cache(
                path,
                "stale" if "unreadable" not in reason else "unreadable",
                reason,
                "a parsed article",
            )
        for path, state, detail in self.workspace.store.index_problems():
            # Stale entries are not worth a line: the store checks each file's stamp on every
            # read, and a save leaves the index behind by design until the next listing.
            if state == "unreadable":
                cache(path, state, detail, "the highlights index")
        try:
            health = self.workspace.search_index.index.health()
        except (OSError, LibraryError) as exc:
            health = ("unreadable", self._reason(exc))
        if health is not None:
            cache(library.index_dir / "search.json", *health, "the search index")
        return findings

    def _fix_caches(self, todo: list[Finding]) -> None:
        """Rebuild the caches found wrong (and the highlights index after any repair)."""
        library = self.workspace.library
        files = {f.file: f for f in todo}
        for finding in todo:
            try:
                if finding.path.name.endswith(".marshal"):
                    library.drop_parsed(finding.path)  # rebuilt when the article is opened
                elif finding.path.name == "catalog.json":
                    library.rebuild_catalog()
                elif finding.path.name == "search.json":
                    self.workspace.search_index.reindex()
                else:
                    continue
            except (OSError, LibraryError) as exc:
                finding.outcome = f"not rebuilt: {self._reason(exc)}"
                continue
            finding.fixed, finding.outcome = True, "rebuilt"
        try:
            self.workspace.store.rebuild_index()
        except (OSError, LibraryError, AnnotationError) as exc:
            for finding in files.values():
                if finding.path.parent.name == "annotations":
                    finding.outcome = f"not rebuilt: {self._reason(exc)}"
            return
        for finding in files.values():
            if finding.path.parent.name == "annotations":
                finding.fixed, finding.outcome = True, "rebuilt"

    # -- helpers ---------------------------------------------------------------------------------
    def _listing(self, folder: Path) -> list[tuple[str, Path]]:
        """Non-hidden entries of folder, sorted by name (nothing when it is missing)."""
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            return []
        return [(name, folder / name) for name in names if not name.startswith(".")]

    def _trash_ids(self) -> set[str]:
        return {entry.id for entry in self.workspace.library.trash_listing()}

    def _damaged_packs(self) -> list[Finding]:
        """A note for each damaged backup pack: the copies the damage hides are lost."""
        return [
            Finding(
                "damaged-pack",
                self._shown(pack),
                f"a backup pack {line}",
                "nothing to fix: its readable copies stay in use, and compacting leaves it as "
                "it is",
                fixable=False,
                severity="note",
                path=pack,
            )
            for pack, line in self.workspace.library.backup_pack_damage().items()
        ]

    def _shown(self, path: Path) -> str:
        """path relative to the library, as text that can always be printed and encoded."""
        try:
            shown = str(path.relative_to(self.root))
        except ValueError:
            shown = str(path)
        return shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace")

    def _reason(self, exc: BaseException) -> str:
        """An error's message without the file name the finding shows already."""
        from library.tinystore import CorruptFile

        if isinstance(exc, CorruptFile):
            return exc.reason
        if isinstance(exc, OSError) and exc.strerror:
            return exc.strerror
        text = str(exc)
        return text.split(": ", 1)[1] if text.startswith(str(self.root)) and ": " in text else text

"""One write idiom: every persisted file is written or renamed through `library/fsutil.py`.

`atomic_write` (temp file, fsync, rename, fsync of the folder), `move_durably` (a rename and an
fsync of both folders: into and out of the trash, a damaged file set aside), `keep_aside` and
`link_into` (a backup of the version about to be replaced) are the only code that writes,
renames or links a file of a library. This test parses every module of `library/`,
`annotations/` and `tui/` and fails on a bare write, rename, link or copy anywhere else, so a
new write site cannot skip the folder's fsync or write in place. What must stay is allowed
below, each with its reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

HELPER = "library/fsutil.py"
PACKAGES = ("library", "annotations", "tui")

# Calls that write, rename, link or copy a file, by their dotted name.
NAMED = {
    "os.replace",
    "os.rename",
    "os.renames",
    "os.link",
    "os.symlink",
    "os.truncate",
    "shutil.move",
    "shutil.copy",
    "shutil.copy2",
    "shutil.copyfile",
    "shutil.copytree",
    "tempfile.mkstemp",
    "tempfile.NamedTemporaryFile",
}
# Methods of pathlib.Path that write or rename (a str's two-argument replace is not one).
METHODS = {"write_text", "write_bytes", "touch", "symlink_to", "hardlink_to", "rename"}
OPENERS = {"open", "io.open", "os.fdopen", "codecs.open"}
WRITE_FLAGS = {"O_WRONLY", "O_RDWR", "O_CREAT", "O_APPEND", "O_TRUNC"}

# (module, what is called): why it is not a write of a library file.
ALLOWED = {
    ("annotations/clipboard.py", "open"): "OSC 52 to the controlling terminal (/dev/tty)",
    ("library/pdfworker.py", "os.fdopen"): "the PDF child's pipe to its parent, not a file",
    ("tui/cli/__init__.py", "os.open"): "os.devnull opened to silence a closed stdout",
    ("tui/cli/articles.py", ".write_text"): "click's HelpFormatter.write_text: help, not a file",
}


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _name(node.value)
        return f"{inner}.{node.attr}" if inner else node.attr
    return ""


def _mode(call: ast.Call, position: int) -> str | None:
    for keyword in call.keywords:
        if keyword.arg == "mode" and isinstance(keyword.value, ast.Constant):
            return str(keyword.value.value)
    if len(call.args) > position and isinstance(call.args[position], ast.Constant):
        return str(call.args[position].value)  # type: ignore[attr-defined]
    return None


def write_calls(source: str) -> list[tuple[int, str]]:
    """(line, call) of each call in source that writes, renames, links or copies a file."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        attr = node.func.attr if isinstance(node.func, ast.Attribute) else ""
        if name in NAMED:
            found.append((node.lineno, name))
        elif attr in METHODS and not name.startswith(("os.", "shutil.")):
            found.append((node.lineno, f".{attr}"))
        elif attr == "replace" and len(node.args) == 1 and not node.keywords:
            found.append((node.lineno, ".replace"))  # Path.replace(target); str takes two
        elif name in OPENERS:
            mode = _mode(node, 1)
            if mode is not None and set(mode) & set("wax+"):
                found.append((node.lineno, name))
        elif name == "os.open" and len(node.args) > 1:
            flags = {n.attr for n in ast.walk(node.args[1]) if isinstance(n, ast.Attribute)}
            if flags & WRITE_FLAGS:
                found.append((node.lineno, name))
    return found


def _modules() -> list[Path]:
    return sorted(p for package in PACKAGES for p in (REPO / package).rglob("*.py"))


def test_every_write_goes_through_the_one_helper_module() -> None:
    bare = []
    for path in _modules():
        relative = path.relative_to(REPO).as_posix()
        if relative == HELPER:
            continue
        for line, call in write_calls(path.read_text(encoding="utf-8")):
            if (relative, call) not in ALLOWED:
                bare.append(f"{relative}:{line}: {call}")
    assert bare == [], (
        "write, rename or link through library.fsutil (atomic_write, move_durably, keep_aside, "
        "link_into), or allow it in tests/test_write_idiom.py with the reason"
    )


def test_every_allowed_write_is_still_there() -> None:
    """An allowance whose call went away is removed too, so the list stays the truth."""
    for (relative, call), reason in ALLOWED.items():
        calls = {c for _, c in write_calls((REPO / relative).read_text(encoding="utf-8"))}
        assert call in calls, f"{relative} no longer calls {call} ({reason}): drop the allowance"


def test_the_scan_finds_each_kind_of_bare_write() -> None:
    source = """
import os, shutil
from pathlib import Path
os.replace(a, b)
os.rename(a, b)
shutil.move(a, b)
Path(p).write_text("x")
p.write_bytes(b"x")
p.rename(q)
p.replace(q)
open(p, "w")
open(p, mode="ab")
os.open(p, os.O_WRONLY | os.O_CREAT)
"""
    calls = [call for _, call in write_calls(source)]
    assert calls == [
        "os.replace",
        "os.rename",
        "shutil.move",
        ".write_text",
        ".write_bytes",
        ".rename",
        ".replace",
        "open",
        "open",
        "os.open",
    ]
    harmless = """
text.replace("a", "b")
when.replace(tzinfo=UTC)
dataclasses.replace(limits, max_bytes=3)
open(p)
open(p, "rb")
os.open(p, os.O_RDONLY)
"""
    assert write_calls(harmless) == []

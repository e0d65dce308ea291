"""Layering: the domain never imports Textual, and `margin list` stays light."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _modules(package: str) -> list[str]:
    """The package and every module under it, subpackages included."""
    root = REPO / package
    return [package] + [
        info.name for info in pkgutil.walk_packages([str(root)], prefix=f"{package}.")
    ]


def _python(
    *args: str, input: str | None = None, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run a fresh interpreter in the repository (a clean sys.modules)."""
    return subprocess.run(
        [sys.executable, *args], input=input, capture_output=True, text=True, cwd=REPO, check=check
    )


def test_no_domain_module_imports_textual() -> None:
    modules = _modules("library") + _modules("annotations")
    code = (
        "import sys, importlib\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "    if any(m == 'textual' or m.startswith('textual.') for m in sys.modules):\n"
        "        print(name); break\n"
    )
    out = _python("-c", code)
    assert out.stdout.strip() == "", f"{out.stdout.strip()} imports textual"
    assert len(modules) > 40  # the walk found the subpackages


def test_margin_list_imports_neither_textual_nor_trafilatura(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        "try:\n"
        f"    main(['--library', {str(tmp_path / 'lib')!r}, 'list', '--json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in ('textual', 'trafilatura', 'lxml') if m in sys.modules]\n"
        "sys.stderr.write('HEAVY=' + ','.join(heavy))\n"
    )
    out = _python("-c", code, check=False)
    assert "HEAVY=" in out.stderr, out.stderr
    assert out.stderr.rsplit("HEAVY=", 1)[1].strip() == ""


def test_the_first_screen_loads_no_writer_or_parser_modules(tmp_path: Path) -> None:
    """What the first paint needs (the app, the saved catalog, the reading state) must not pull
    in the lock, YAML, TOML or import parsers: together they cost ~20 ms of every start. Nor
    what only editing or moving needs (field edits, sentence spans, fingerprints: ~5 ms)."""
    root = tmp_path / "lib"
    _python(
        "-m",
        "tui.cli",
        "--library",
        str(root),
        "import",
        "-",
        input="A title\n\nPublished 13 July 2011\n\nOne paragraph.\n",
    )
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "import tui.app, tui.screens.main\n"
        "from library.state import ReadingState\n"
        "from library.store import Library\n"
        f"root = Path({str(root)!r})\n"
        "listing = Library(root).saved_listing()\n"
        "assert listing is not None and listing[0].title == 'A title'\n"
        "state = ReadingState(root / 'state.json')\n"
        "state.recently_read(), state.last_article()\n"
        "names = ('filelock', 'yaml', 'tomllib', 'markdown_it', 'trafilatura',\n"
        "         'annotations.edits', 'annotations.selection', 'hashlib')\n"
        "print(','.join(m for m in names if m in sys.modules))\n"
    )
    out = _python("-c", code)
    assert out.stdout.strip() == ""


def test_import_linter_contracts_hold() -> None:
    """The layer contracts in pyproject.toml: tui > annotations > library, no Textual in the
    domain, front ends reach the stores only through annotations.workspace, and the main
    screen's helpers never import it."""
    lint = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run(
        [str(lint), "--no-cache"], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "5 kept, 0 broken" in out.stdout
    assert "the reading helpers never import the main screen KEPT" in out.stdout


def test_front_ends_use_the_use_cases_not_the_parts() -> None:
    """The workspace's parts (stores, index, state) are for the domain, tests and scripts:
    a front end calling `workspace.store` would bypass the rules the use cases keep."""
    import re

    part = re.compile(r"workspace\.(store|library|search_index|state|opened_store)\b")
    found = [
        f"{path.relative_to(REPO)}:{n}"
        for path in sorted((REPO / "tui").rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if part.search(line)
    ]
    assert found == []

"""Layering: the domain never imports Textual, and `margin list` stays light."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _modules(package: str) -> list[str]:
    root = REPO / package
    return [package] + [
        f"{package}.{info.name}" for info in pkgutil.iter_modules([str(root)]) if not info.ispkg
    ]


@pytest.mark.parametrize("module", _modules("library") + _modules("annotations"))
def test_domain_module_does_not_import_textual(module: str) -> None:
    code = (
        f"import sys, importlib; importlib.import_module({module!r}); "
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')); "
        "print(','.join(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert out.stdout.strip() == "", f"{module} imports {out.stdout.strip()}"


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
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert "HEAVY=" in out.stderr, out.stderr
    assert out.stderr.rsplit("HEAVY=", 1)[1].strip() == ""

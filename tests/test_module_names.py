"""No module of Margin binds one top-level name twice.

Two branches that each added a module-level `_GROUP_AFTER` to annotations/quotations/speakers.py
merged without a conflict; the later pattern silently replaced the earlier one, and a rule read
the other rule's pattern. Ruff flags a function or import defined twice, not an assignment.
"""

import ast
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("library", "annotations", "tui", "benchmarks")


def top_level_names(tree: ast.Module) -> list[str]:
    """The names a module's own statements bind: functions, classes and assignments with a value
    (a bare annotation binds nothing)."""
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            names += [target.id for target in node.targets if isinstance(target, ast.Name)]
        elif (
            isinstance(node, ast.AnnAssign)
            and node.value is not None
            and isinstance(node.target, ast.Name)
        ):
            names.append(node.target.id)
    return names


def test_no_module_binds_a_top_level_name_twice() -> None:
    twice = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            counts = Counter(top_level_names(ast.parse(path.read_text(encoding="utf-8"))))
            repeated = sorted(name for name, count in counts.items() if count > 1)
            if repeated:
                twice[str(path.relative_to(ROOT))] = repeated
    assert twice == {}


def test_a_second_pattern_of_the_same_name_is_seen() -> None:
    source = 'import re\n_A = re.compile("a")\ndef f(): pass\n_A = re.compile("b")\n'
    assert Counter(top_level_names(ast.parse(source)))["_A"] == 2

"""Whether another checkout finds the same quotations as this one, field for field, on every text.

`python -m benchmarks.quotations_same OTHER_CHECKOUT` (e.g. `../main`): for a change meant to
keep detection as it is (speed work, a refactoring). The texts are imported once, with this
checkout's importer: every labelled article, the corpus's texts (`.corpus/texts/`), the shared
corpus's text, HTML and Markdown files and the test fixtures' ones, each with its blocks and
without, and a 5 MB article made as the timing makes it; never a held-out half that nobody may
read yet (UNREAD_SETS). Each checkout's `find_quotations` runs on all of them (the other one in
a child process, so each imports its own code), and every field of every quotation is compared.
Prints the counts and the first texts that differ; exits 1 when any does.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.common import REPO
from benchmarks.quotations import DATA, LARGE_BYTES, TEXTS, base_folder, large_text, load, shared

SHOWN = 10  # texts that differ, named at most
# Held-out halves whose detector output nobody may read yet: not run here, so that no rule is tuned
# on them. Held-out-5 .. held-out-11 were each scored once and reported; from stop 35 they are read
# and tuned on like the tuning halves, and a new set's held-out half takes their place.
UNREAD_SETS = frozenset({"held-out-12"})

# Run in the child with the other checkout first on sys.path: inputs in, one JSON line a text out.
_DETECT = """
import dataclasses, json, pickle, sys
sys.path.insert(0, sys.argv[1])
from annotations.quotations import find_quotations
with open(sys.argv[2], "rb") as f:
    texts = pickle.load(f)
with open(sys.argv[3], "w", encoding="utf-8") as out:
    for name, text, blocks in texts:
        found = [list(dataclasses.astuple(q)) for q in find_quotations(text, blocks)]
        out.write(json.dumps([name, found], ensure_ascii=False) + "\\n")
"""


def texts() -> list[tuple[str, str, Any]]:
    """(name, canonical text, blocks or None) of every text this checkout can read."""
    from library.errors import ImportFailed
    from library.importer import build_article, parse_source, read_file

    found: list[tuple[str, str, Any]] = []
    articles = [a for a in load() if a.label_set not in UNREAD_SETS]
    unread = unread_sources()
    found += [(f"labelled/{a.label_set}/{a.name}", a.text, a.blocks) for a in articles]
    folders = [
        (TEXTS, "corpus", ("txt",)),
        (shared() / "corpus", "shared", ("txt", "html", "md")),
        (REPO / "tests" / "fixtures", "fixtures", ("txt", "html", "md")),
    ]
    for folder, label, suffixes in folders:
        for suffix in suffixes:
            for path in sorted(folder.rglob(f"*.{suffix}")):
                if path.resolve() in unread:
                    continue
                try:
                    article = build_article(
                        parse_source(read_file(path, 50_000_000)), str(path), ""
                    )
                except ImportFailed:
                    continue  # not an article (a licence, an export, an empty page)
                name = f"{label}/{path.relative_to(folder)}"
                found += [
                    (name, article.text, article.blocks),
                    (f"{name} (lines)", article.text, None),
                ]
    if articles:
        found.append(("large", *large_text(articles, LARGE_BYTES)))
    return found


def unread_sources() -> set[Path]:
    """The source files of the labelled articles in UNREAD_SETS."""
    import yaml

    found = set()
    for path in DATA.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("set") in UNREAD_SETS:
            found.add((base_folder(data["base"]) / data["source"]).resolve())
    return found


def detect(checkout: Path, inputs: Path, out: Path) -> list[list[Any]]:
    """Each text's name and quotations as `checkout`'s code finds them, read back from out."""
    subprocess.run(
        [sys.executable, "-c", _DETECT, str(checkout), str(inputs), str(out)], check=True
    )
    with out.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def compare(other: Path) -> int:
    """Run both checkouts on every text and print what differs; 1 when anything does."""
    from annotations.quotations import find_quotations

    found = texts()
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "texts.pickle"
        with inputs.open("wb") as f:
            pickle.dump(found, f)
        theirs = detect(other.resolve(), inputs, Path(tmp) / "other.jsonl")
    differ = []
    count = 0
    for (name, text, blocks), (their_name, their_quotes) in zip(found, theirs, strict=True):
        ours = [list(dataclasses.astuple(q)) for q in find_quotations(text, blocks)]
        count += len(ours)
        # through JSON, as theirs came: tuples and lists compare alike
        if their_name != name or json.loads(json.dumps(ours)) != their_quotes:
            differ.append(name)
    print(f"{len(found)} texts, {count} quotations here; texts that differ: {len(differ)}")
    for name in differ[:SHOWN]:
        print(f"  differs: {name}")
    return 1 if differ else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("other", type=Path, help="the checkout to compare with (its root folder)")
    args = parser.parse_args()
    if not (args.other / "annotations" / "quotations").is_dir():
        sys.exit(f"{args.other}: not a Margin checkout (no annotations/quotations); give its root")
    sys.exit(compare(args.other))


if __name__ == "__main__":
    main()

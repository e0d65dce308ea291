"""`margin verify` reads what a source quotes from the source's own quote marks (issue 23,
review of verify): a draft quotation run on into the writer's narration is altered even where the
quotation detector misses the source's quotation or puts it in the wrong place. The detector
only names the speaker."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from click.testing import Result

from annotations.quotations.cache import CachedQuotation, QuotationCache
from tests.conftest import import_text

Margin = Callable[..., Result]
SEED = Path(__file__).resolve().parents[1] / "fixtures" / "news" / "boston-secure-communities.txt"
Found = dict[str, list[CachedQuotation]]

SOURCE = """\
Harbour plans for the winter

The mayor spoke to the council on Monday. She said: »We will rebuild the harbour wall before \
the winter storms« and left the hall without taking questions.

The treasurer, Ann Berg, said: ‚The money for the new pier is already in the budget‘ and then \
sat down again.

“We Will Rebuild The Harbour Wall Before Winter,” Mr. Jonas Smith said to reporters outside.
"""

DRAFT = """\
The mayor said she would “rebuild the harbour wall before the winter storms and left the hall”.

Berg said “the money for the new pier is already in the budget and then sat down”.

Smith said “we will rebuild the harbour wall before winter to reporters outside”.

The mayor said: “We will rebuild the harbour wall before the winter storms.”
"""


def _blind(cache: QuotationCache, ids: Iterable[str], *args: object, **kw: object) -> Found:
    """A detector that finds no quotation at all."""
    return {article_id: [] for article_id in ids}


def _misplaced(cache: QuotationCache, ids: Iterable[str], *args: object, **kw: object) -> Found:
    """A detector that takes the narration of every paragraph for a quotation."""
    found: Found = {}
    for article_id in ids:
        text = cache.library.get(article_id).text
        found[article_id] = [
            CachedQuotation(m.start(), m.end(), m.group(), "Someone Else", None)
            for m in re.finditer(r"(?:and|to) [^\n.]*", text)
        ]
    return found


@pytest.mark.parametrize("detector", [None, _blind, _misplaced], ids=["real", "blind", "misplaced"])
def test_a_run_on_quotation_is_altered_whatever_the_detector_found(
    margin: Margin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, detector: object
) -> None:
    # Today's detector reads the reversed guillemets as a quotation of the narration after
    # them, misses the low single marks, and takes the quotation in title case for a title.
    import_text(margin, tmp_path / "harbour.txt", SOURCE)
    if detector is not None:
        monkeypatch.setattr(QuotationCache, "quotations", detector)
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    result = margin("verify", "--json", str(draft))
    assert result.exit_code == 1, result.output
    guillemets, low, title, exact = json.loads(result.stdout)
    assert guillemets["status"] == "altered"
    assert guillemets["source"] == "rebuild the harbour wall before the winter storms"
    assert guillemets["diff"].endswith("storms {+and left the hall+}")
    assert low["status"] == "altered"
    assert low["source"] == "The money for the new pier is already in the budget"
    assert low["diff"].endswith("budget {+and then sat down+}")
    assert title["status"] == "altered"
    assert title["diff"].endswith("Winter {+to reporters outside+}")
    # The words inside the marks alone are the speaker's, word for word.
    assert exact["status"] == "exact" and exact["diff"] is None


def test_the_agency_saying_ices_words_is_not_misattributed(margin: Margin, tmp_path: Path) -> None:
    margin("import", str(SEED))
    draft = tmp_path / "draft.md"
    draft.write_text(
        "The program “uses an already-existing federal information-sharing partnership between "
        "ICE and the Federal Bureau of Investigation,” the agency says.\n",
        encoding="utf-8",
    )
    result = margin("verify", "--json", str(draft))
    rows = json.loads(result.stdout)
    assert [r["status"] for r in rows] == ["exact"], rows  # was misattributed
    assert result.exit_code == 0

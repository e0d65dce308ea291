"""A quotation closed with an opening mark by mistake ends there: the narration after it is no
quotation."""

from __future__ import annotations

from annotations.quotations import find_quotations


def test_an_opening_mark_typed_after_the_last_stop_closes_the_quotation() -> None:
    text = (
        "The vote failed.\n\n"
        "Senator Ann Lee said, “We lost the vote, and I am disappointed.“ The council will "
        "meet again in May to take up the bill."
    )
    assert [q.text for q in find_quotations(text)] == ["We lost the vote, and I am disappointed."]

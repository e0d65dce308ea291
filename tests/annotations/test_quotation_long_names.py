"""Names of many words: a surname key of more than a few words is read back from the names that
have it, not kept, so a run of capitals costs its length, not its length squared."""

from __future__ import annotations

import random

from annotations.quotations import find_quotations, speakers


def _run(count: int, seed: int = 3) -> str:
    rng = random.Random(seed)
    return " ".join(
        "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3)).title()
        for _ in range(count)
    )


def test_a_long_run_of_capitals_keeps_only_its_short_keys() -> None:
    # Every suffix of a run was a key: 2,000 words made 2,000 keys of 1,000 words on average.
    keys = speakers._name_run(_run(2_000))[5]
    assert 0 < len(keys) <= speakers._KEY_WORDS
    assert all(key.count(" ") < speakers._KEY_WORDS for key in keys)


def test_a_name_ending_a_longer_one_takes_its_keys_as_when_every_key_was_kept() -> None:
    # The last twelve words of a name of twenty, written alone later, are a name of their own
    # with the longer one's words run into it before: they take its keys, the long ones too.
    full = _run(20)
    later = " ".join(full.split()[-12:])
    text = (
        f"“We sail at dawn,” said {full}.\n\n“The wind is good,” {later} said.\n\n"
        f"“We are ready,” said Mr. {later}."
    )
    assert [q.speaker for q in find_quotations(text)] == [full, later, later]

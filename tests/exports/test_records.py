"""The reading every export format shares (library.importers.exports.records): CSV rows, a JSON
document, times. Each format's own tests read its sample through these."""

from __future__ import annotations

from library.importers.exports.records import (
    MAX_FIELD,
    csv_records,
    csv_rows,
    date_time,
    epoch_time,
    json_document,
)


def test_a_row_that_cannot_be_read_is_named_and_the_rest_kept() -> None:
    big = "x" * (MAX_FIELD + 1)
    data = f"\ufeffA,B\n1,2\n{big},3\n4,5\n".encode()
    problems: list[str] = []
    rows = list(csv_rows(data, "f.csv", problems))
    assert rows[0] == (1, ["A", "B"])  # the byte-order mark dropped from the header
    assert [row for _, row in rows[1:]] == [["1", "2"], ["4", "5"]]
    assert len(problems) == 1 and problems[0].startswith("f.csv:3: cannot read this row")


def test_records_are_keyed_by_the_header_and_blank_rows_left_out() -> None:
    data = b'URL,Title\r\nhttps://a.example,"Two\r\nlines"\r\n\r\nhttps://b.example\r\n'
    problems: list[str] = []
    found = list(csv_records(data, "f.csv", problems))
    assert found == [
        (3, {"URL": "https://a.example", "Title": "Two\r\nlines"}),
        (5, {"URL": "https://b.example"}),  # a short row: the missing cell absent
    ]
    assert problems == []


def test_a_file_that_is_not_json_says_where_and_what_follows() -> None:
    problems: list[str] = []
    assert json_document(b'{"rows": [1]}', "h.json", problems) == {"rows": [1]}
    assert json_document(b'{"rows": [', "h.json", problems) is None
    assert json_document(b"[,", "z.zip: a.json", problems, "skipped") is None
    assert problems[0].startswith("h.json: not valid JSON (") and problems[0].endswith(
        "; nothing imported"
    )
    assert problems[1].startswith("z.zip: a.json: not valid JSON (")
    assert problems[1].endswith("; skipped")


def test_times_read_as_iso() -> None:
    assert epoch_time("1700000000") == epoch_time(1700000000) == "2023-11-14T22:13:20Z"
    assert epoch_time(1700000000.5) == "2023-11-14T22:13:20Z"
    for nothing in (None, "", "0", "-5", "soon", True, 0):
        assert epoch_time(nothing) is None
    assert date_time("2024-05-01 10:00:00") == "2024-05-01T10:00:00"
    assert date_time("Highlighted 2024-05-01T10:00") == "2024-05-01T10:00:00"
    assert date_time("2024-05-01") == "2024-05-01"
    assert date_time(None) is None and date_time("May 1") is None

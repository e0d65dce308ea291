"""Kindle's `My Clippings.txt`, as devices set to English, German, French, Spanish, Italian,
Portuguese or Japanese write it.

Each entry is a title line `Title (Author)`, a line saying what it is and where
(`- Your Highlight on page 12 | Location 170-172 | Added on Sunday, 9 October 2016 12:13:14`),
a blank line, the passage, and a line of ten `=`. The second line is written in the device's
language; an entry whose line reads in none of the languages below is reported by its line
number and the rest are read.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from library.importers.exports.records import Clip, ExportFile
from library.model import LocatorKind
from library.text import clean_inline

NAME = "kindle"
LABEL = "Kindle My Clippings.txt"
BRINGS = (
    "highlights and notes of each book (a book not in the library becomes an article of its "
    "passages, located by Kindle location or page); a note on no highlight as a note at its "
    "location; title, author and date"
)
SEPARATOR = re.compile(r"^={5,}[ \t]*$", re.M)
_RANGE = r"(\d+)(?:\s*-\s*(\d+))?"


@dataclass(frozen=True, slots=True)
class Language:
    """How one device language writes an entry's second line."""

    code: str
    highlight: re.Pattern[str]
    note: re.Pattern[str]
    bookmark: re.Pattern[str]
    page: re.Pattern[str]
    location: re.Pattern[str]
    months: dict[str, int]


def _months(names: str) -> dict[str, int]:
    return {name: i + 1 for i, name in enumerate(names.split())}


def _lang(code: str, highlight: str, note: str, bookmark: str, page: str, location: str,
          months: str) -> Language:  # fmt: skip
    flags = re.I
    return Language(
        code,
        re.compile(highlight, flags),
        re.compile(note, flags),
        re.compile(bookmark, flags),
        re.compile(page + r"\s*" + _RANGE, flags),
        re.compile(location + r"\s*" + _RANGE, flags),
        _months(months),
    )


# The wording of each language, as the devices write it (see SOURCE notes in tests/samples).
LANGUAGES: tuple[Language, ...] = (
    _lang(
        "en",
        r"^-?\s*(?:Your\s+)?Highlight\b",
        r"^-?\s*(?:Your\s+)?Note\b",
        r"^-?\s*(?:Your\s+)?Bookmark\b",
        r"\bpage",
        r"\b(?:Location|Loc\.)",
        "january february march april may june july august september october november december",
    ),
    _lang(
        "de",
        r"^-?\s*Ihre\s+Markierung\b",
        r"^-?\s*Ihre\s+Notiz\b",
        r"^-?\s*Ihr\s+Lesezeichen\b",
        r"\bSeite",
        r"\bPosition",
        "januar februar märz april mai juni juli august september oktober november dezember",
    ),
    _lang(
        "fr",
        r"^-?\s*Votre\s+surlignement\b",
        r"^-?\s*Votre\s+note\b",
        r"^-?\s*Votre\s+signet\b",
        r"\bpage",
        r"\bemplacement",
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    ),
    _lang(
        "es",
        r"^-?\s*Tu\s+subrayado\b",
        r"^-?\s*Tu\s+nota\b",
        r"^-?\s*Tu\s+marcador\b",
        r"\bpágina",
        r"\bposición",
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    ),
    _lang(
        "it",
        r"^-?\s*La\s+tua\s+evidenziazione\b",
        r"^-?\s*La\s+tua\s+nota\b",
        r"^-?\s*Il\s+tuo\s+segnalibro\b",
        r"\bpagina",
        r"\bposizione",
        "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
        "dicembre",
    ),
    _lang(
        "pt",
        r"^-?\s*Seu\s+destaque\b",
        r"^-?\s*Sua\s+nota\b",
        r"^-?\s*Seu\s+marcador\b",
        r"\bpágina",
        r"\bposição",
        "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    ),
    _lang(
        "ja",
        r"のハイライト",
        r"のメモ",
        r"のブックマーク",
        r"(?<![\d-])(?=\d+(?:-\d+)?ページ)",
        r"位置No\.",
        "",
    ),
)
_JA_PAGE = re.compile(r"(\d+)(?:-(\d+))?ページ")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?\s*[Mm]\.?)?")
_JA_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_YEAR = re.compile(r"\b(\d{4})\b")
_DAY = re.compile(r"(?<![\d:])(\d{1,2})(?![\d:])")
_WORD = re.compile(r"[^\W\d_]+")
_NOTE_WORD = re.compile(r"\w+")  # a note's words, its numbers too ("p. 12")
_AUTHOR = re.compile(r"^(?P<title>.*?)\s*\((?P<author>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*$")


def detect(head: bytes) -> bool:
    """Whether head looks like a clippings file: entries ended by `==========`."""
    text = head.decode("utf-8", "ignore").lstrip("\ufeff")
    if "==========" not in text:
        return False
    lines = [line.strip() for line in text.splitlines()]
    for index, line in enumerate(lines[:-1]):
        if line.startswith("- ") and (index == 0 or lines[index - 1]):
            return True
    return False


def parse(data: bytes, name: str) -> ExportFile:
    """Every highlight and note of the file; bookmarks are skipped, unreadable entries named."""
    text = data.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    found = ExportFile(NAME)
    notes: list[Clip] = []
    line_no = 1
    position = 0
    for match in [*SEPARATOR.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[position:end]
        first_line = line_no + _leading_blank_lines(chunk)
        line_no += chunk.count("\n") + (1 if match else 0)
        position = match.end() if match else len(text)
        entry = _entry(chunk, name, first_line, found.problems)
        if entry is None:
            continue
        if entry.kind_ == "note":
            entry.clip.note, entry.clip.quote = entry.clip.quote, ""
            notes.append(entry.clip)
        else:
            found.clips.append(entry.clip)
    _attach_notes(found.clips, notes)
    return found


@dataclass(slots=True)
class _Entry:
    kind_: str
    clip: Clip


def _leading_blank_lines(chunk: str) -> int:
    count = 0
    for line in chunk.split("\n"):
        if line.strip("\ufeff \t"):
            return count
        count += 1
    return count


def _entry(chunk: str, name: str, first_line: int, problems: list[str]) -> _Entry | None:
    lines = chunk.replace("\ufeff", "").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        return None
    if len(lines) < 2:
        problems.append(f"{name}:{first_line}: an entry with a title and nothing else; skipped")
        return None
    title_line, meta_line = lines[0].strip(), lines[1].strip()
    body = clean_inline(" ".join(lines[2:]))
    read = _read_meta(meta_line)
    if read is None:
        problems.append(
            f"{name}:{first_line + 1}: cannot read “{clean_inline(meta_line)[:80]}” "
            "(not a Kindle line in English, German, French, Spanish, Italian, Portuguese or "
            "Japanese); that entry was skipped"
        )
        return None
    kind, page, location, created, _language = read
    if kind == "bookmark" or not body:
        return None
    title, authors = split_title(title_line)
    label, locator, order = _where(page, location)
    digest = hashlib.sha256(
        "\x1f".join([title, ";".join(authors), kind, label or "", body]).encode()
    ).hexdigest()[:32]
    clip = Clip(
        quote=body,
        kind="book",
        key=f"kindle:{digest}",
        created=created,
        title=title,
        authors=authors,
        label=label,
        locator=locator,
        order=order,
    )
    return _Entry(kind, clip)


def split_title(line: str) -> tuple[str, list[str]]:
    """`Title (Last, First)` → the title and its authors (`;` or `&` separate several)."""
    line = clean_inline(line)
    found = _AUTHOR.match(line)
    if not found or not found.group("title"):
        return line, []
    names = [n.strip() for n in re.split(r";|&| and ", found.group("author")) if n.strip()]
    return found.group("title").strip(), names


def _read_meta(
    line: str,
) -> tuple[str, tuple[int, int] | None, tuple[int, int] | None, str | None, str] | None:
    """(kind, page range, location range, ISO date, language) from an entry's second line."""
    parts = [p.strip() for p in line.split("|")]
    for language in LANGUAGES:
        head = parts[0]
        if language.code == "ja":
            head = line
        kind = next(
            (
                k
                for k, pattern in (
                    ("highlight", language.highlight),
                    ("note", language.note),
                    ("bookmark", language.bookmark),
                )
                if pattern.search(head)
            ),
            None,
        )
        if kind is None:
            continue
        where = " | ".join(parts[:-1]) if len(parts) > 1 else parts[0]
        if language.code == "ja":
            where = line.split("作成日")[0]
            page_match = _JA_PAGE.search(where)
        else:
            page_match = language.page.search(where)
        location_match = language.location.search(where)
        page = _range(page_match) if page_match else None
        location = _range(location_match) if location_match else None
        if page is None and location is None:
            continue
        created = parse_date(parts[-1] if len(parts) > 1 else "", language)
        return kind, page, location, created, language.code
    return None


def _range(found: re.Match[str]) -> tuple[int, int]:
    start_text, end_text = found.group(1), found.group(2)
    start = int(start_text)
    if not end_text:
        return start, start
    end = int(end_text)
    if end < start and len(end_text) < len(start_text):  # `1234-36`: the end's last digits
        end = int(start_text[: len(start_text) - len(end_text)] + end_text)
    return start, max(start, end)


def _where(
    page: tuple[int, int] | None, location: tuple[int, int] | None
) -> tuple[str, LocatorKind, tuple[int, int]]:
    """The label, what it counts, and the sort key of a passage: by location when known."""
    if location is not None:
        start, end = location
        label = str(start) if start == end else f"{start}-{end}"
        return label, "location", (start, end)
    assert page is not None
    start, end = page
    label = str(start) if start == end else f"{start}-{end}"
    return label, "page", (start, end)


def parse_date(value: str, language: Language) -> str | None:
    """An ISO date and time (the device's local time) from the `Added on …` part, or None."""
    clock = _TIME.search(value)
    hour = minute = second = 0
    rest = value
    if clock:
        hour, minute = int(clock.group(1)), int(clock.group(2))
        second = int(clock.group(3) or 0)
        meridiem = (clock.group(4) or "").replace(".", "").replace(" ", "").lower()
        if meridiem == "pm" and hour < 12:
            hour += 12
        elif meridiem == "am" and hour == 12:
            hour = 0
        rest = value[: clock.start()] + " " + value[clock.end() :]
    if language.code == "ja":
        found = _JA_DATE.search(rest)
        if not found:
            return None
        year, month, day = (int(g) for g in found.groups())
    else:
        year_match = _YEAR.search(rest)
        month = next(
            (language.months[w.casefold()] for w in _WORD.findall(rest)
             if w.casefold() in language.months),
            0,
        )  # fmt: skip
        without_year = _YEAR.sub(" ", rest)
        day_match = _DAY.search(without_year)
        if not year_match or not month or not day_match:
            return None
        year, day = int(year_match.group(1)), int(day_match.group(1))
    if not (1 <= month <= 12 and 1 <= day <= 31 and hour < 24 and minute < 60 and second < 61):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}"


def _attach_notes(highlights: list[Clip], notes: list[Clip]) -> None:
    """A note goes to the highlight of the same book whose location range holds it (the Kindle
    writes them as separate entries); a note with no such highlight is kept with no quote, its
    location its label (a note at that place, on no words).

    A note edited on the device is appended as a new entry at the same location, the old one
    left in the file: the clip then takes the later wording and keeps its id, so a re-import
    changes the note rather than adding a second. A highlight has one note on the device, so a
    later note where its note was written, with no other highlight there to take it, is that
    note edited. Two notes on no words can share a location (two words of one), so a later one
    is the earlier edited only when it keeps nearly all of its words (`_reworded`): a note
    rewritten otherwise stays a second note, never losing the first."""
    placed: dict[tuple[str, tuple[str, ...], str, str], Clip] = {}  # by where the note was
    for note in notes:
        where = (note.title, tuple(note.authors), note.locator or "", note.label or "")
        target = next(
            (
                h
                for h in highlights
                if h.title == note.title
                and h.locator == note.locator
                and h.order[0] <= note.order[0] <= h.order[1]
                and not h.note
            ),
            None,
        )
        edited = placed.get(where) if target is None else None
        if edited is not None and (edited.quote or _reworded(edited.note or "", note.note or "")):
            edited.note = note.note
        elif target is not None:
            target.note = note.note
            placed[where] = target
        else:
            highlights.append(note)
            placed[where] = note


def _reworded(earlier: str, later: str) -> bool:
    """Whether later keeps all but a quarter of earlier's words (a short note all of them): the
    same note, edited (words added, a word or two changed). Taken wrongly, the earlier note is
    lost; not taken, both stay: two short notes at one place ("See p. 12", "See p. 40") share
    half their words."""
    words = set(_NOTE_WORD.findall(earlier.casefold()))
    gone = words - set(_NOTE_WORD.findall(later.casefold()))
    return bool(words) and 4 * len(gone) <= len(words)

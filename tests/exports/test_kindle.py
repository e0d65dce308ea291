"""Kindle `My Clippings.txt` in seven languages: books, passages, locations, notes and dates."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from annotations.edits import Edit
from annotations.workspace import ExportRequest, Workspace
from library.importers.exports import kindle, recognise
from library.model import Article
from tests.conftest import CORPUS
from tests.exports.conftest import OFFSET_CSV, SAMPLES

KINDLE = CORPUS / "kindle"
EUGENEWARE = KINDLE / "eugeneware-kindle-clippings" / "My Clippings.txt"
MARTIN = KINDLE / "robertmartin8-KindleClippings" / "My Clippings.txt"
needs_corpus = pytest.mark.skipif(not EUGENEWARE.exists(), reason="shared Kindle corpus absent")


@needs_corpus
def test_a_real_english_device_file_gives_its_highlights_notes_and_dates() -> None:
    found = kindle.parse(EUGENEWARE.read_bytes(), "My Clippings.txt")
    assert found.problems == []
    highlights = [c for c in found.clips if c.quote]
    assert len(highlights) == 10  # 10 highlights; 2 bookmarks skipped; 2 notes
    titles = {c.title for c in found.clips}
    assert titles == {
        "Better Than Before: Mastering the Habits of Our Everyday Lives",
        "The Shallows: What the Internet Is Doing to Our Brains",
        "Making_Sense_of_Stream_Processing_Confluent_1.pdf",
    }
    first = found.clips[0]
    assert (first.authors, first.label, first.locator) == (
        ["Rubin, Gretchen"],
        "1041-1044",
        "location",
    )
    assert first.created == "2015-07-11T16:27:48"  # 4:27:48 PM
    # The note at location 842 belongs to the highlight at 841-842 (written before it).
    shallows = next(c for c in highlights if c.label == "841-842")
    assert shallows.note.startswith("There is a beautiful simplicity")
    # A PDF's highlight has a page, no location.
    pdf = next(c for c in highlights if c.title.endswith(".pdf"))
    assert (pdf.label, pdf.locator, pdf.authors) == ("105", "page", [])
    # The note at 1908 has no highlight: kept with its text, no quote.
    lonely = [c for c in found.clips if not c.quote]
    assert len(lonely) == 1 and lonely[0].note.startswith("It's interesting")


@needs_corpus
def test_a_file_that_starts_with_a_separator_and_ends_cut_short() -> None:
    found = kindle.parse(MARTIN.read_bytes(), "My Clippings.txt")
    assert [(c.title, c.label, c.quote) for c in found.clips] == [
        ("Example Title: The Beginning", "123-124", "This is a highlight text."),
        ("Another Book? & Something & Else", "200", "Interesting highlight & note?"),
    ]
    assert found.clips[0].created == "2020-01-01T12:00:00"


# (file, title, authors, first passage's label, its date, its note)
LANGUAGES = [
    ("kindle-de.txt", "Die Verwandlung", ["Kafka, Franz"], "5-6", "2021-01-04T09:15:00", ""),
    ("kindle-fr.txt", "L'Étranger", ["Albert Camus"], "50-52", "2021-01-06T14:00:00",
     "La première phrase."),
    ("kindle-es.txt", "Cien años de soledad", ["Gabriel García Márquez"], "100-102",
     "2021-01-05T10:30:00", "El comienzo."),
    ("kindle-it.txt", "Se una notte d'inverno un viaggiatore", ["Italo Calvino"], "178-181",
     "2019-01-03T09:14:00", "L'incipit."),
    ("kindle-pt.txt", "Dom Casmurro", ["Machado de Assis"], "225-229", "2022-01-24T22:23:54",
     "O trem da Central."),
    ("kindle-ja.txt", "吾輩は猫である", ["夏目漱石"], "5-6", "2023-09-04T22:53:55",
     "有名な書き出し。"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "title", "authors", "label", "created", "note"), LANGUAGES)
def test_each_language_gives_its_book_location_date_and_note(
    name: str, title: str, authors: list[str], label: str, created: str, note: str
) -> None:
    data = (SAMPLES / name).read_bytes()
    assert recognise(data) is not None and recognise(data).name == "kindle"  # type: ignore[union-attr]
    found = kindle.parse(data, name)
    assert found.problems == []
    first = found.clips[0]
    assert (first.title, first.authors, first.label, first.locator) == (
        title, authors, label, "location",
    )  # fmt: skip
    assert first.created == created
    assert first.note == note
    assert all(c.quote for c in found.clips)  # bookmarks are not passages


def test_a_german_file_gives_the_right_books_passages_and_locations(
    workspace: Workspace,
) -> None:
    report = workspace.imports.run(SAMPLES / "kindle-de.txt")
    assert report.articles["imported"] == 2
    assert report.highlights["added"] == 4
    books = {m.title: m for m in workspace.articles.listing()}
    assert set(books) == {"Die Verwandlung", "Der Process"}
    book = workspace.articles.get(books["Die Verwandlung"].id)
    assert book.authors == ["Kafka, Franz"]
    assert book.item_type == "book"
    assert book.locator == "location"
    # The passages in location order (the file has 5-6, 183-185, then 90-91).
    assert [p.label for p in book.pages] == ["5-6", "90-91", "183-185"]
    assert [book.text[p.start : p.end] for p in book.pages] == [
        "Als Gregor Samsa eines Morgens aus unruhigen Träumen erwachte, fand er sich in seinem "
        "Bett zu einem ungeheueren Ungeziefer verwandelt.",
        "Es war kein Traum.",
        "Was ist mit mir geschehen?, dachte er.",
    ]
    highlights = workspace.highlights.in_article(book.id)
    # Each passage is highlighted, on exactly its words.
    assert sorted((h.start, h.end) for h in highlights) == [(p.start, p.end) for p in book.pages]
    assert all(book.text[h.start : h.end] == h.quote and not h.orphaned for h in highlights)
    noted = next(h for h in highlights if h.quote.startswith("Was ist"))
    assert noted.note == "Die Frage des ganzen Buches."
    assert noted.created == "2021-01-05T21:03:40"


def _library_files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "/." not in f"/{p.relative_to(root)}" and ".backups" not in p.parts
    }


def test_importing_the_same_clippings_again_changes_nothing(workspace: Workspace) -> None:
    workspace.imports.run(SAMPLES / "kindle-de.txt")
    before = _library_files(workspace.root)
    again = workspace.imports.run(SAMPLES / "kindle-de.txt")
    assert again.articles == {"unchanged": 2}
    assert again.highlights["added"] == 0 and again.highlights["present"] == 4
    assert _library_files(workspace.root) == before


def test_new_clippings_join_the_book_in_location_order_and_old_ones_stay(
    workspace: Workspace, tmp_path: Path
) -> None:
    full = (SAMPLES / "kindle-de.txt").read_text(encoding="utf-8")
    entries = full.split("==========\n")
    first = tmp_path / "first.txt"
    first.write_text("==========\n".join([entries[0], entries[1], ""]), encoding="utf-8")
    workspace.imports.run(first)
    book_id = next(m.id for m in workspace.articles.listing() if m.title == "Die Verwandlung")
    kept = {h.id: h.quote for h in workspace.highlights.in_article(book_id)}
    assert len(kept) == 2
    later = workspace.imports.run(SAMPLES / "kindle-de.txt")
    assert later.highlights["added"] == 2  # 90-91 of this book, and the other book's one
    book = workspace.articles.get(book_id)
    assert [p.label for p in book.pages] == ["5-6", "90-91", "183-185"]
    now = {h.id: h for h in workspace.highlights.in_article(book_id)}
    assert set(kept) <= set(now)
    for ident, quote in kept.items():  # the old highlights moved with their words
        assert book.text[now[ident].start : now[ident].end] == quote


def test_an_unknown_language_is_one_line_naming_it_and_the_rest_imports(
    workspace: Workspace,
) -> None:
    report = workspace.imports.run(SAMPLES / "kindle-unknown.txt")
    assert len(report.problems) == 1
    assert report.problems[0].startswith(f"{SAMPLES / 'kindle-unknown.txt'}:2: cannot read")
    assert "Uw markering" in report.problems[0]
    assert [m.title for m in workspace.articles.listing()] == ["Walden"]
    assert report.highlights["added"] == 1


def test_highlights_of_a_book_in_the_library_land_on_its_full_text(
    workspace: Workspace,
) -> None:
    text = (
        "Die Verwandlung\n\nBy Franz Kafka\n\nAls Gregor Samsa eines Morgens aus unruhigen "
        "Träumen erwachte, fand er sich in seinem Bett zu einem ungeheueren Ungeziefer "
        "verwandelt. Er lag auf seinem panzerartig harten Rücken.\n\nWas ist mit mir "
        "geschehen?, dachte er. Es war kein Traum.\n"
    )
    done = workspace.articles.import_bytes(text.encode(), "verwandlung.txt")
    assert done.article is not None
    report = workspace.imports.run(SAMPLES / "kindle-de.txt")
    assert report.articles["imported"] == 1  # only "Der Process" needed an article of passages
    full = workspace.articles.get(done.article.id)
    placed = workspace.highlights.in_article(full.id)
    assert len(placed) == 3
    assert all(full.text[h.start : h.end] == h.quote and not h.orphaned for h in placed)


def test_the_book_imported_later_takes_its_clippings_highlights(
    margin: Callable[..., Result], tmp_path: Path
) -> None:
    margin("import", str(SAMPLES / "kindle-de.txt"))
    book = tmp_path / "verwandlung.md"
    book.write_text(
        "# Die Verwandlung\n\nAls Gregor Samsa eines Morgens aus unruhigen Träumen erwachte, "
        "fand er sich in seinem Bett zu einem ungeheueren Ungeziefer verwandelt.\n\nEs war kein "
        "Traum. Sein Zimmer lag ruhig zwischen den vier wohlbekannten Wänden.\n",
        encoding="utf-8",
    )
    done = margin("import", str(book))
    assert "move them onto this text with: margin move-highlights" in done.output
    command = done.output.split("margin move-highlights ", 1)[1].split()
    moved = margin("move-highlights", *command)
    assert moved.exit_code == 0, moved.output
    assert moved.output.strip() == "Highlights: 2 moved, 1 kept as orphans (words not found)"
    listed = json.loads(margin("annotations", command[1], "--json").output)
    assert sorted((a["quote"][:20], a["orphaned"]) for a in listed) == [
        ("Als Gregor Samsa ein", False),
        ("Es war kein Traum.", False),
        ("Was ist mit mir gesc", True),
    ]
    titles = [row["title"] for row in json.loads(margin("list", "--json").output)]
    assert sorted(titles) == ["Der Process", "Die Verwandlung"]  # the passages went to the trash
    again = margin("import", str(SAMPLES / "kindle-de.txt"))  # lands on the full text now
    assert "Highlights: 0 added, 4 already there" in again.output


_WALDEN = (
    "Walden (Thoreau, Henry David)\n"
    "- Your Highlight on Location 100-102 | Added on Monday, 4 January 2021 09:15:00\n\n"
    "I went to the woods because I wished to live deliberately.\n"
    "==========\n"
)
_WALDEN_NOTE = (
    "Walden (Thoreau, Henry David)\n"
    "- Your Note on Location 102 | Added on Tuesday, 5 January 2021 10:00:00\n\n"
    "{note}\n"
    "==========\n"
)


def test_a_note_added_on_the_device_later_reaches_the_highlight_on_reimport(
    workspace: Workspace, tmp_path: Path
) -> None:
    clippings = tmp_path / "My Clippings.txt"
    clippings.write_text(_WALDEN, encoding="utf-8")
    workspace.imports.run(clippings)
    (book,) = workspace.articles.listing()
    (stored,) = workspace.highlights.in_article(book.id)
    assert stored.note == ""
    # My Clippings is cumulative: the device appends the note made later.
    clippings.write_text(_WALDEN + _WALDEN_NOTE.format(note="Why deliberately?"), "utf-8")
    again = workspace.imports.run(clippings)
    assert again.highlights["updated"] == 1 and again.highlights["present"] == 0
    assert "Highlights: 0 added, 0 already there, 1 updated" in again.summary()
    assert workspace.highlights.get(stored.id).note == "Why deliberately?"
    # A note edited in Margin is never overwritten by the device's.
    workspace.highlights.change(stored.id, Edit.set(note="My own words"))
    clippings.write_text(_WALDEN + _WALDEN_NOTE.format(note="Something else"), "utf-8")
    third = workspace.imports.run(clippings)
    assert third.highlights == {"added": 1}
    assert workspace.highlights.get(stored.id).note == "My own words"
    # Nor is the device's new wording dropped: written by the user too, it is a highlight of
    # its own on the same words (before, it was lost), made once.
    assert sorted((h.quote[:10], h.note) for h in workspace.highlights.in_article(book.id)) == [
        ("I went to ", "My own words"),
        ("I went to ", "Something else"),
    ]
    assert workspace.imports.run(clippings).highlights == {"present": 1}
    assert len(workspace.highlights.in_article(book.id)) == 2


def _moved_onto_full_text(margin: Callable[..., Result], tmp_path: Path) -> list[str]:
    margin("import", str(SAMPLES / "kindle-de.txt"))
    book = tmp_path / "verwandlung.md"
    book.write_text(
        "# Die Verwandlung\n\nAls Gregor Samsa eines Morgens aus unruhigen Träumen erwachte, "
        "fand er sich in seinem Bett zu einem ungeheueren Ungeziefer verwandelt.\n",
        encoding="utf-8",
    )
    done = margin("import", str(book))
    return done.output.split("margin move-highlights ", 1)[1].split()[:2]


def test_restoring_the_passages_after_a_move_leaves_one_live_copy_of_each_highlight(
    margin: Callable[..., Result], tmp_path: Path
) -> None:
    passages, full = _moved_onto_full_text(margin, tmp_path)
    assert margin("move-highlights", passages, full).exit_code == 0
    assert margin("restore", passages).exit_code == 0
    moved = json.loads(margin("annotations", full, "--json").output)
    assert moved and json.loads(margin("annotations", passages, "--json").output) == []
    for highlight in moved:  # each full id names exactly one highlight
        done = margin("annotate", highlight["id"], "--tag", "kafka")
        assert done.exit_code == 0, done.output
    # The originals are among the deleted ones of the restored article: brought back on demand.
    deleted = json.loads(margin("annotations", passages, "--deleted", "--json").output)
    assert {a["id"] for a in deleted} == {a["id"] for a in moved}
    # Bringing one back would make a second live copy: refused in one line.
    again = margin("unhighlight", "--restore", moved[0]["id"])
    assert again.exit_code != 0
    assert "is live on article" in again.output and len(again.output.strip().splitlines()) == 1


def test_moving_highlights_onto_the_same_article_is_refused_and_trashes_nothing(
    margin: Callable[..., Result], tmp_path: Path
) -> None:
    passages, _ = _moved_onto_full_text(margin, tmp_path)
    done = margin("move-highlights", passages, passages)
    assert done.exit_code != 0
    assert "cannot move highlights onto the article they are on" in done.output
    assert len(done.output.strip().splitlines()) == 1
    titles = [row["title"] for row in json.loads(margin("list", "--json").output)]
    assert titles.count("Die Verwandlung") == 2


def test_a_clipping_does_not_land_on_another_author_s_article_of_the_same_title(
    workspace: Workspace, tmp_path: Path
) -> None:
    post = tmp_path / "post.md"
    post.write_text(
        "---\ntitle: Meditations\nauthor: Blogger Bob\n---\n\n# Meditations\n\n"
        "Ten minutes of breathing every morning changed my week.\n",
        encoding="utf-8",
    )
    done = workspace.articles.import_bytes(post.read_bytes(), "post.md")
    assert done.article is not None
    blog = workspace.articles.get(done.article.id)
    assert blog.title == "Meditations" and blog.authors == ["Blogger Bob"]
    clippings = tmp_path / "My Clippings.txt"
    clippings.write_text(
        "Meditations (Marcus Aurelius)\n"
        "- Your Highlight on Location 50-51 | Added on Monday, 4 January 2021 09:15:00\n\n"
        "You have power over your mind, not outside events.\n"
        "==========\n",
        encoding="utf-8",
    )
    report = workspace.imports.run(clippings)
    assert report.articles["imported"] == 1 and report.highlights["orphaned"] == 0
    assert workspace.highlights.in_article(blog.id) == []
    book = next(m for m in workspace.articles.listing() if m.id != blog.id)
    assert book.title == "Meditations" and book.authors == ["Marcus Aurelius"]
    (placed,) = workspace.highlights.in_article(book.id)
    assert placed.quote == "You have power over your mind, not outside events."


def test_a_clipping_lands_on_the_same_author_s_full_text_however_the_name_is_written(
    workspace: Workspace,
) -> None:
    text = (
        "---\ntitle: Die Verwandlung\nauthor: Franz Kafka\n---\n\n"
        "Als Gregor Samsa eines Morgens aus unruhigen Träumen erwachte, fand er sich in seinem "
        "Bett zu einem ungeheueren Ungeziefer verwandelt.\n"
    )
    done = workspace.articles.import_bytes(text.encode(), "verwandlung.md")
    assert done.article is not None
    assert workspace.articles.get(done.article.id).authors == ["Franz Kafka"]
    workspace.imports.run(SAMPLES / "kindle-de.txt")  # written "Kafka, Franz" there
    placed = workspace.highlights.in_article(done.article.id)
    assert any(not h.orphaned for h in placed)


def test_another_author_s_text_of_the_same_title_is_not_offered_the_clippings(
    margin: Callable[..., Result], tmp_path: Path
) -> None:
    clippings = tmp_path / "My Clippings.txt"
    clippings.write_text(
        "Meditations (Marcus Aurelius)\n"
        "- Your Highlight on Location 50-51 | Added on Monday, 4 January 2021 09:15:00\n\n"
        "You have power over your mind, not outside events.\n"
        "==========\n",
        encoding="utf-8",
    )
    margin("import", str(clippings))
    post = tmp_path / "post.md"
    post.write_text(
        "---\ntitle: Meditations\nauthor: Blogger Bob\n---\n\n"
        "Ten minutes of breathing every morning changed my week.\n",
        encoding="utf-8",
    )
    done = margin("import", str(post))
    assert done.exit_code == 0, done.output
    assert "move-highlights" not in done.output
    book = tmp_path / "meditations.md"
    book.write_text(
        "---\ntitle: Meditations\nauthor: Marcus Aurelius\n---\n\n"
        "You have power over your mind, not outside events. Realize this.\n",
        encoding="utf-8",
    )
    assert "move-highlights" in margin("import", str(book)).output


def test_margins_csv_of_a_book_re_imports_without_a_second_copy_of_its_passages(
    workspace: Workspace, tmp_path: Path
) -> None:
    # The passages are the book's already, found by their label and words.
    workspace.imports.run(SAMPLES / "kindle-de.txt")
    books = {m.id: workspace.articles.get(m.id).text for m in workspace.articles.listing()}
    marks = {h.id for b in books for h in workspace.highlights.in_article(b)}
    csv_file = tmp_path / "highlights.csv"
    workspace.exports.export(ExportRequest(format="csv", output=csv_file))
    again = workspace.imports.run(csv_file)
    assert again.highlights.get("added", 0) == 0
    assert {m.id: workspace.articles.get(m.id).text for m in workspace.articles.listing()} == books
    assert {h.id for b in books for h in workspace.highlights.in_article(b)} == marks


def test_a_note_without_words_survives_margins_readwise_csv(tmp_path: Path) -> None:
    # Two notes on no highlight: each is a note at its location, on no words (not a highlight
    # whose words were lost), and comes back so from Margin's csv.
    clippings = tmp_path / "My Clippings.txt"
    lonely = _WALDEN_NOTE.replace("Location 102", "Location 300")
    clippings.write_text(
        _WALDEN + lonely.format(note="A thought of my own.") + lonely.format(note="Another."),
        encoding="utf-8",
    )
    home = Workspace(tmp_path / "home")
    home.imports.run(clippings)
    csv_file = tmp_path / "highlights.csv"
    home.exports.export(ExportRequest(format="csv", output=csv_file))

    def kept(workspace: Workspace) -> list[tuple[str, str, bool, str | None]]:
        return sorted(
            (h.quote, h.note, h.orphaned, h.place)
            for meta in workspace.articles.listing()
            for h in workspace.highlights.in_article(meta.id)
        )

    away = Workspace(tmp_path / "away")
    report = away.imports.run(csv_file)
    assert (
        kept(away)
        == kept(home)
        == [
            ("", "A thought of my own.", False, "300"),
            ("", "Another.", False, "300"),
            ("I went to the woods because I wished to live deliberately.", "", False, None),
        ]
    )
    assert report.highlights == {"added": 3}
    assert report.summary()[-1] == "Highlights: 3 added, 0 already there"
    # The same file again changes nothing, in either library.
    assert away.imports.run(csv_file).highlights == {"present": 3}
    assert home.imports.run(csv_file).highlights == {"present": 3}


def test_margins_csv_of_books_writes_their_locations_and_pages_as_imported(
    tmp_path: Path,
) -> None:
    # A book made of Kindle (locations) or KOReader (pages) highlights: each row's Location is
    # the passage's locator as imported, not its offset in Margin's text, its Location Type
    # says what that counts, and the csv imported into another library gives the same books,
    # passage for passage (pages still pages), with the same highlights.
    home = Workspace(tmp_path / "home")
    home.imports.run(SAMPLES / "kindle-de.txt")
    home.imports.run(SAMPLES / "koreader-export.json")
    csv_file = tmp_path / "highlights.csv"
    home.exports.export(ExportRequest(format="csv", output=csv_file))
    with csv_file.open(encoding="utf-8", newline="") as handle:
        read = [r for r in csv.DictReader(handle) if not r["URL"]]
    rows = {r["Highlight"]: r["Margin Location"] for r in read}
    assert rows["Was ist mit mir geschehen?, dachte er."] == "183-185"
    # Readwise's Location is an integer (it may refuse "183-185"): the range's first number.
    readwise_at = {r["Highlight"]: r["Location"] for r in read}
    assert readwise_at["Was ist mit mir geschehen?, dachte er."] == "183"
    assert all(at == "" or at.isdigit() for at in readwise_at.values())
    kinds = {(r["Title"], r["Margin Location Type"]) for r in read}
    assert kinds >= {("Walden", "page"), ("Die Verwandlung", "location")}
    # Readwise's own column holds only what Readwise accepts: a page, else an order.
    readwise = {(r["Title"], r["Location Type"]) for r in read}
    assert readwise >= {("Walden", "page"), ("Die Verwandlung", "order")}

    def books(workspace: Workspace) -> dict[str, tuple[str, list[tuple[str, str]]]]:
        found = {}
        for meta in workspace.articles.listing():
            article = workspace.articles.get(meta.id)
            passages = [(p.label, article.text[p.start : p.end]) for p in article.pages]
            found[meta.title] = (article.locator, passages)
        return found

    def marks(workspace: Workspace) -> list[tuple[str, str, str]]:
        return sorted(
            (meta.title, h.quote, h.note)
            for meta in workspace.articles.listing()
            for h in workspace.highlights.in_article(meta.id)
        )

    assert {label for _, passages in books(home).values() for label, _ in passages} >= set(
        rows.values()
    )
    away = Workspace(tmp_path / "away")
    away.imports.run(csv_file)
    assert books(away) == books(home)
    assert books(away)["Walden"][0] == "page"
    assert marks(away) == marks(home)


def test_a_books_passages_from_a_csv_keep_location_order_with_ranges(tmp_path: Path) -> None:
    # Margin's csv writes a Kindle passage's location as imported ("1041-1044"); rows in any
    # order (a spreadsheet sorted by date) give the book's passages in location order, a range
    # placed by its first location, not first of all.
    rows = [
        ("Alpha comes late in the book", "1041-1044"),
        ("Zulu comes early in the book", "12-14"),
        ("Mike is in the middle", "500"),
    ]
    csv_file = tmp_path / "highlights.csv"
    with csv_file.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Highlight", "Title", "Author", "URL", "Note", "Location", "Date"])
        for quote, location in rows:
            writer.writerow([quote, "Ordered Book", "Ann Author", "", "", location, ""])
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(csv_file)
    [meta] = workspace.articles.listing()
    book = workspace.articles.get(meta.id)
    assert [p.label for p in book.pages] == ["12-14", "500", "1041-1044"]


def test_a_highlight_of_part_of_a_passage_survives_margins_csv_without_a_second_copy(
    tmp_path: Path,
) -> None:
    # A highlight made in Margin on some words of an imported passage: the csv gives it that
    # passage's location. Imported again it is the words the book holds (nothing changes);
    # imported elsewhere it lands inside its passage, not as a second copy of its words.
    home = Workspace(tmp_path / "home")
    home.imports.run(SAMPLES / "kindle-de.txt")
    (book,) = [m for m in home.articles.listing() if m.title == "Die Verwandlung"]
    home.highlights.create(book.id, quote="fand er sich in seinem Bett", note="Mine.")
    csv_file = tmp_path / "highlights.csv"
    home.exports.export(ExportRequest(format="csv", output=csv_file))

    def state(workspace: Workspace) -> list[tuple[str, list[tuple[str, str]], list[tuple]]]:
        found = []
        for meta in sorted(workspace.articles.listing(), key=lambda m: m.title):
            article = workspace.articles.get(meta.id)
            passages = [(p.label, article.text[p.start : p.end]) for p in article.pages]
            marks = sorted(
                (h.quote, h.note, h.start - article.page_at(h.start).start)  # type: ignore[union-attr]
                for h in workspace.highlights.in_article(meta.id)
            )
            found.append((meta.title, passages, marks))
        return found

    before = state(home)
    again = home.imports.run(csv_file)
    assert again.articles == {"unchanged": 2} and set(again.highlights) == {"present"}
    assert state(home) == before
    away = Workspace(tmp_path / "away")
    away.imports.run(csv_file)
    assert state(away) == before


def _one_book(tmp_path: Path, rows: str) -> Article:
    """The one book a Readwise CSV of these rows (after its header) makes."""
    csv_file = tmp_path / "highlights.csv"
    header = "Highlight,Title,Author,URL,Note,Location,Location Type,Date\r\n"
    csv_file.write_text(header + rows, encoding="utf-8")
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(csv_file)
    (meta,) = workspace.articles.listing()
    return workspace.articles.get(meta.id)


def test_a_csv_row_of_a_chapter_makes_a_book_of_chapters(tmp_path: Path) -> None:
    # Location Type "chapter" (Margin's csv of an EPUB's passages): chapters stay chapters.
    book = _one_book(
        tmp_path, "Call me Ishmael.,Moby-Dick,Herman Melville,,,Chapter 1,chapter,\r\n"
    )
    assert (book.locator, [p.label for p in book.pages]) == ("chapter", ["Chapter 1"])


def test_a_csv_row_off_every_page_leaves_a_book_of_pages_a_book_of_pages(tmp_path: Path) -> None:
    # Margin's csv gives a book's highlight on no page (orphaned) its offset, Location Type
    # "offset": not a Kindle location, so it does not make the book's pages locations.
    book = _one_book(
        tmp_path,
        '"Simplify, simplify.",Walden,Henry Thoreau,,,12,page,\r\n'
        "Words no page holds now.,Walden,Henry Thoreau,,,5000,offset,\r\n",
    )
    assert book.locator == "page"
    assert book.pages[0].label == "12"


def test_a_books_csv_row_of_an_offset_is_a_passage_on_no_page(tmp_path: Path) -> None:
    # An offset (older Margin csvs give one for a book's highlight on no page) is a place in
    # one library's text, not a page a reader can find: its passage gets no label, a highlight
    # on it cites no page (it cited "p. 5000"), Margin's csv gives it no Location, and that
    # csv imported elsewhere gives the same book.
    from annotations.citation import format_quote, locate

    csv_file = tmp_path / "old.csv"
    csv_file.write_text(OFFSET_CSV, encoding="utf-8")
    home = Workspace(tmp_path / "home")
    home.imports.run(csv_file)
    (meta,) = home.articles.listing()
    book = home.articles.get(meta.id)
    assert (book.locator, [p.label for p in book.pages]) == ("page", ["12"])
    cited = {}
    for mark in home.highlights.in_article(meta.id):
        where = locate(mark, book)
        cited[mark.quote] = (where.first if where else None, format_quote(mark, book, "plain"))
    assert cited["Simplify, simplify."][0] == "12"
    assert cited["Simplify, simplify."][1].endswith("p. 12.")
    assert cited["Words no page holds now."][0] is None
    assert "5000" not in cited["Words no page holds now."][1]
    out = tmp_path / "again.csv"
    home.exports.export(ExportRequest(format="csv", output=out))
    with out.open(encoding="utf-8", newline="") as handle:
        rows = {r["Highlight"]: r for r in csv.DictReader(handle)}
    off = rows["Words no page holds now."]
    assert (off["Location"], off["Location Type"], off["Margin Location Type"]) == ("", "", "")
    away = Workspace(tmp_path / "away")
    away.imports.run(out)
    (there,) = away.articles.listing()
    moved = away.articles.get(there.id)
    assert (moved.text, moved.pages, moved.locator) == (book.text, book.pages, book.locator)
    assert home.imports.run(out).highlights == {"present": 2}


def test_margins_csv_writes_only_the_location_types_readwise_accepts(tmp_path: Path) -> None:
    # Readwise's highlights take a location type of "page", "order" or "time_offset" (its API;
    # its CSV import documents no such column): Margin writes "page" or "order" there, and what
    # its own locations count in a column of its own, so a book of chapters or of Kindle
    # locations comes back as it was.
    home = Workspace(tmp_path / "home")
    home.imports.run(SAMPLES / "kindle-de.txt")
    chapters = tmp_path / "chapters.csv"
    chapters.write_text(
        "Highlight,Title,Author,URL,Note,Location,Location Type,Date\r\n"
        "Call me Ishmael.,Moby-Dick,Herman Melville,,,Chapter 1,chapter,\r\n",
        encoding="utf-8",
    )
    home.imports.run(chapters)
    out = tmp_path / "out.csv"
    home.exports.export(ExportRequest(format="csv", output=out))
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["Location Type"] for r in rows} <= {"page", "order", ""}
    assert {r["Margin Location Type"] for r in rows} == {"location", "chapter"}
    # "Chapter 1" is no integer, as Readwise's Location must be: its number goes there, the
    # chapter whole in Margin's own column.
    ishmael = next(r for r in rows if r["Highlight"] == "Call me Ishmael.")
    assert (ishmael["Location"], ishmael["Margin Location"]) == ("1", "Chapter 1")
    away = Workspace(tmp_path / "away")
    away.imports.run(out)
    kinds = {m.title: away.articles.get(m.id).locator for m in away.articles.listing()}
    assert kinds["Moby-Dick"] == "chapter" and kinds["Die Verwandlung"] == "location"
    moby = next(m for m in away.articles.listing() if m.title == "Moby-Dick")
    assert [p.label for p in away.articles.get(moby.id).pages] == ["Chapter 1"]
    # The same highlights as the csv of the older columns gave: importing both adds nothing.
    assert home.imports.run(out).highlights == {"present": len(rows)}
    assert away.imports.run(chapters).highlights == {"present": 1}


def test_a_margin_csv_row_with_its_own_location_type_blank_reads_readwises(
    tmp_path: Path,
) -> None:
    # A row added to Margin's csv by hand (or by a spreadsheet that fills in only Readwise's
    # columns): its page was read as a Kindle location while Margin's column stood there empty.
    home = Workspace(tmp_path / "home")
    rows = tmp_path / "added.csv"
    rows.write_text(
        "Highlight,Title,Author,URL,Note,Location,Location Type,Date,Margin Location Type\r\n"
        "It is a truth universally acknowledged.,Pride and Prejudice,Jane Austen,,,12,page,,\r\n",
        encoding="utf-8",
    )
    home.imports.run(rows)
    (meta,) = home.articles.listing()
    book = home.articles.get(meta.id)
    assert (book.locator, [p.label for p in book.pages]) == ("page", ["12"])


def test_a_koreader_highlight_without_a_page_cites_none(tmp_path: Path) -> None:
    # Its passage is on no page of the book (it was cited at a made-up "p. 3").
    from annotations.citation import format_quote

    export = json.loads((SAMPLES / "koreader-export.json").read_text(encoding="utf-8"))
    export["entries"].append({"chapter": "Solitude", "text": "So companionable as solitude."})
    path = tmp_path / "koreader.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(path)
    (meta,) = workspace.articles.listing()
    book = workspace.articles.get(meta.id)
    cites = {
        h.quote: format_quote(h, book, "mla") for h in workspace.highlights.in_article(meta.id)
    }
    assert "(Thoreau)" in cites["So companionable as solitude."]
    assert sorted(p.label for p in book.pages) == ["7", "88"]


def test_passages_on_no_page_keep_the_order_their_export_gives(tmp_path: Path) -> None:
    # Readwise's own export gives a Reader document's highlights an offset in Readwise's text:
    # no page, but their order (they were sorted by their words). A later import that adds a
    # page keeps them in that order, before it.
    head = "Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,"
    head += "Location,Highlighted at,Document tags\r\n"
    rows = [("Zebras come first.", 10), ("Middle words here.", 500), ("Apples come last.", 9000)]
    path = tmp_path / "readwise.csv"
    path.write_text(
        head + "".join(f"{q},Essays,Ann Author,,,,,offset,{n},,\r\n" for q, n in rows),
        encoding="utf-8",
    )
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(path)
    (meta,) = workspace.articles.listing()
    book = workspace.articles.get(meta.id)
    quotes = [book.text[b.start : b.end] for b in book.blocks]
    assert (quotes, book.pages) == ([q for q, _ in rows], [])
    more = tmp_path / "more.csv"
    more.write_text(head + "Paged words.,Essays,Ann Author,,,,,page,4,,\r\n", encoding="utf-8")
    workspace.imports.run(more)
    book = workspace.articles.get(meta.id)
    quotes = [book.text[b.start : b.end] for b in book.blocks]
    assert quotes == [q for q, _ in rows] + ["Paged words."]
    assert [p.label for p in book.pages] == ["4"]


def test_a_book_s_chapters_are_in_reading_order_whatever_their_numbers(tmp_path: Path) -> None:
    # Chapters by title, from Margin's csv of a book read by chapters, imported where the book
    # is not: a part's opening came after its first chapter ("Part 2" after "Part 2, Chapter
    # 1"), and a third number was not looked at ("Part 1, Chapter 3, Section 1" before
    # "Part 1, Chapter 2, Section 5"): only a label's first and last numbers counted.
    chapters = [
        "Part 1, Chapter 2, Section 5",
        "Part 1, Chapter 3, Section 1",
        "Part 2",
        "Part 2, Chapter 1",
    ]
    header = "Highlight,Title,Author,URL,Note,Location,Location Type,Date,"
    header += "Margin Location Type,Margin Location\r\n"
    rows = [f'"Words of {c}.",Dune,Frank Herbert,,,1,order,,chapter,"{c}"\r\n' for c in chapters]
    path = tmp_path / "chapters.csv"
    path.write_text(header + "".join(reversed(rows)), encoding="utf-8")
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(path)
    (meta,) = workspace.articles.listing()
    book = workspace.articles.get(meta.id)
    assert [p.label for p in book.pages] == chapters

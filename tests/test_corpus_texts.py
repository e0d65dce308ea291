"""scripts/corpus_texts.py: R's serialised data read without R, chapters cut and unwrapped."""

from __future__ import annotations

import gzip
import importlib.util
import random
import struct
import zlib
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import REPO


def _script(name: str = "corpus_texts") -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, REPO / f"scripts/{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _int(value: int) -> bytes:
    return struct.pack(">i", value)


def _chars(text: str) -> bytes:
    data = text.encode()
    return _int(0x00040009) + _int(len(data)) + data  # CHARSXP, UTF-8 flag


def _strings(*texts: str) -> bytes:
    return _int(16) + _int(len(texts)) + b"".join(_chars(t) for t in texts)


def _header() -> bytes:
    return b"X\n" + _int(3) + _int(0x040201) + _int(0x030500) + _int(5) + b"UTF-8"


def _named_list(pairs: dict[str, bytes]) -> bytes:
    """A VECSXP with a names attribute, as the lazy-load index is."""
    body = _int(19 | 1 << 9) + _int(len(pairs)) + b"".join(pairs.values())
    names = _int(2 | 1 << 10) + _int(1) + _chars("names") + _strings(*pairs) + _int(254)
    return body + names


def test_a_lazy_load_database_gives_its_character_vectors(tmp_path: Path) -> None:
    texts = _script()
    novel = _header() + _strings("CHAPTER 1", "", '"Is it far?" said she.', "It was not.")
    record = _int(len(novel)) + zlib.compress(novel)
    offsets = _int(13) + _int(2) + _int(0) + _int(len(record))  # INTSXP (offset, size)
    index = _header() + _named_list({"variables": _named_list({"novel": offsets})})
    (tmp_path / "Rdata.rdx").write_bytes(gzip.compress(index))
    (tmp_path / "Rdata.rdb").write_bytes(record)
    assert texts.lazy_load(tmp_path) == {
        "novel": ["CHAPTER 1", "", '"Is it far?" said she.', "It was not."]
    }


def test_chapters_are_cut_at_their_headings_and_unwrapped() -> None:
    texts = _script()
    lines = ["THE BOOK", "", "CHAPTER I", "", "A line", "wrapped.", "", "CHAPTER II", "", "End."]
    chapters = texts.chapters(lines)
    assert [texts.paragraphs(c) for c in chapters] == [
        ["CHAPTER I", "A line wrapped."],
        ["CHAPTER II", "End."],
    ]


def test_a_string_of_negative_length_is_refused_not_read_again_and_again() -> None:
    # A CHARSXP whose length is negative (other than -1, NA) moved the reader back onto its own
    # length, so each element of a vector re-read it: 20 bytes naming a vector of 2**31 - 1
    # elements made a list of as many strings (16 GB) instead of an error.
    texts = _script()
    crafted = _header() + _int(16) + _int(100_000) + _int(0x00040009) + _int(-8)
    with pytest.raises(ValueError):
        texts._Reader(crafted).item()


def test_gum_paragraphs_join_a_paragraphs_sentences_and_skip_block_notes() -> None:
    conllu = (
        "# newdoc id = GUM_news_x\n# newpar\n# newpar_block = head (1 s)\n# sent_id = x-1\n"
        "# text = A headline\n1\tA\n\n# newpar\n# sent_id = x-2\n# text = One.\n1\tOne\n\n"
        '# sent_id = x-3\n# text = "Two," she said.\n1\tTwo\n'
    )
    assert _script().gum_paragraphs(conllu) == ["A headline", 'One. "Two," she said.']


def test_wiki_plain_keeps_the_shown_words_and_cuts_markup_and_sources() -> None:
    wikitext = (
        "{{date|November 24, 2004}}\n{{Brazil}}\n"
        "{{byline|dateurday, {{w|Hu Jintao|Hu}} met [[Brazil|Brazilian]] leaders "
        "at the ''Granja do Torto''.\n"
        "== Reactions ==\n"
        "'''Lula''' said: \"We agree.\"<ref>a paper</ref> [http://example.org A report] followed.\n"
        "{publish}}\n"
        '== Sources ==\n* "Quoted headline" — a paper'
    )
    assert _script().wiki_plain(wikitext) == [
        "Hu met Brazilian leaders at the Granja do Torto.",
        "Reactions",
        'Lula said: "We agree." A report followed.',
    ]


def test_release_paragraphs_cut_the_navigation_before_and_the_trailer_after() -> None:
    page = (
        "Charges Filed - DA NewsCenter\nYou are here:\nHome\n1\n/\nNews\nCharges Filed\n"
        "The District Attorney announced charges today.\n"
        "\u201cJustice matters,\u201d District Attorney Summer Stephan said.\n"
        "https://example.org/logo.webp\nRecent News\n\u201cOther news\u201d\n"
    )
    assert _script().release_paragraphs(page) == [
        "Charges Filed",
        "The District Attorney announced charges today.",
        "\u201cJustice matters,\u201d District Attorney Summer Stephan said.",
    ]


def test_csv_articles_give_each_rows_title_and_its_paragraphs() -> None:
    table = (
        "url,date,title,text\n"
        'https://en.wikinews.org//wiki/A,2020-01-05,"Storm, then calm","On Sunday it rained. \n\n\n'
        'The mayor called it ""a test""\n\n\n"\n'
    )
    assert _script().csv_articles(table) == [
        ("Storm, then calm", ["On Sunday it rained.", 'The mayor called it "a test"'])
    ]


def test_ocda_paragraphs_cut_the_header_before_the_titles_last_repetition_and_the_trailer() -> None:
    page = (
        "MAN CHARGED - Orange County District Attorney\nSkip to content\nPress\nMAN CHARGED\n"
        "For Immediate Release\nCase # 13CF1\nSpokesperson\nOffice: 714-347-8405\nMAN CHARGED\n"
        "SANTA ANA \u2013 A man was charged today.\n"
        "\u201cWe will prosecute,\u201d said District Attorney Todd Spitzer.\n"
        "Share\nLatest Posts\nOther news\n"
    )
    assert _script().ocda_paragraphs(page) == [
        "MAN CHARGED",
        "SANTA ANA \u2013 A man was charged today.",
        "\u201cWe will prosecute,\u201d said District Attorney Todd Spitzer.",
    ]


def test_wordpress_paragraphs_set_block_quotes_apart_and_cut_captions_and_embeds() -> None:
    body = (
        '[caption id="1" caption="&quot;Free them&quot;"]<img src="x.jpg" />[/caption]'
        'Blogger <a href="http://b.example">Hafriz</a> wrote:\n'
        "<blockquote>First line of the post\nstill the first paragraph.\n\n"
        "<p>Second &amp; last.</p></blockquote>\n"
        '<div class="translation">A box</div>\n\n'
        '<iframe src="v"></iframe>The end [es].'
    )
    assert _script().wordpress_paragraphs(body) == [
        "Blogger Hafriz wrote:",
        "> First line of the post still the first paragraph.",
        "> Second & last.",
        "A box",
        "The end [es].",
    ]


def test_wordpress_posts_keep_the_published_posts_only() -> None:
    item = (
        "<item><title>{title}</title><link>http://gv.example/{name}/</link>"
        "<dc:creator>An Author</dc:creator>"
        "<content:encoded><![CDATA[Said <em>this</em>.]]></content:encoded>"
        "<wp:post_date>2012-05-01 02:14:15</wp:post_date><wp:post_name>{name}</wp:post_name>"
        "<wp:status>{status}</wp:status><wp:post_type>post</wp:post_type></item>"
    )
    xml = (
        '<rss xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.1/">'
        "<channel>"
        + item.format(title="Kenya: A &amp; B", name="a-b", status="publish")
        + item.format(title="Draft", name="draft", status="draft")
        + "</channel></rss>"
    )
    assert _script().wordpress_posts(xml) == [
        {
            "name": "a-b",
            "title": "Kenya: A & B",
            "date": "2012-05-01",
            "link": "http://gv.example/a-b/",
            "author": "An Author",
            "paras": ["Said this."],
        }
    ]


def test_rivcoda_paragraphs_cut_the_date_line_and_the_latest_news() -> None:
    page = (
        "Skip to main content\nMan Sentenced\n\nJuly 3, 2024\n\n"
        "RIVERSIDE \u2013 A man was sentenced today.\n\n"
        "\u201cJustice,\u201d said District Attorney Mike Hestrin.\n\n"
        "Latest News\n\nJune 8, 2026\n\nOther news\n"
    )
    assert _script().rivcoda_paragraphs(page) == [
        "Man Sentenced",
        "RIVERSIDE \u2013 A man was sentenced today.",
        "\u201cJustice,\u201d said District Attorney Mike Hestrin.",
    ]


def _releases(
    folder: Path, bodies: dict[str, str], row: str = "{0}\tJuly 3, 2024\thttps://x/{0}\t{0}\tTitle"
) -> None:
    """Texts as corpus_texts.py writes them and their index.tsv (set 8's columns, or `row`'s)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in bodies.items():
        (folder / name).write_text(f"Title of {name}\n\n{body}\n", encoding="utf-8")
    rows = [row.format(name) for name in bodies]
    (folder / "index.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def test_set8_keeps_the_first_of_two_releases_with_one_body_and_drops_the_archive(
    tmp_path: Path,
) -> None:
    quoted = "\u201cWe will,\u201d said Hestrin."
    _releases(
        tmp_path,
        {
            "raid-0.txt": quoted,  # the site's copy sorts before its original: it is kept
            "raid.txt": quoted,
            "news-media-archives.txt": quoted + " Other.",
            "no-quote.txt": "A man was sentenced.",
            "quote.txt": "\u201cDone,\u201d said a judge.",
        },
    )
    assert _script("quote_set8").rcda_pool(tmp_path) == ["quote.txt", "raid-0.txt"]


def test_set8_split_is_drawn_with_its_seed_and_alternates_from_tuning(tmp_path: Path) -> None:
    names = [f"release-{n:02}.txt" for n in range(40)]
    _releases(tmp_path / "rcda", {name: f'"Said {name}," he said.' for name in names})
    _releases(tmp_path / "gv", {})
    module = _script("quote_set8")
    lines = module.split(tmp_path)
    assert lines == module.split(tmp_path)
    chosen = sorted(random.Random(module.SEED).sample(names, module.SIZE))
    assert [line.split()[2] for line in lines] == [f"rcda/{name}" for name in chosen]
    assert [line[0] for line in lines] == ["T", "H"] * (module.SIZE // 2)


def test_kings_paragraphs_keep_the_body_between_the_headlines_and_the_closing_mark() -> None:
    long = "District Attorney Eric Gonzalez today announced that a man was " + "charged " * 12
    page = (
        "Man Charged - The Brooklyn District Attorney's Office\nHOME\nSkip to content\n"
        "FOR IMMEDIATE RELEASE\nMonday, June 8, 2026\nMan Charged\nA Subhead Of Few Words\n"
        f"{long}\n\u201cJustice,\u201d he said.\n#\nMeet The DA\n"
    )
    assert _script().kings_paragraphs(page) == [
        "Man Charged",
        long.strip(),
        "\u201cJustice,\u201d he said.",
    ]
    assert _script().kings_paragraphs(page.replace("#\n", "")) == []  # another page's shape


def test_dallas_paragraphs_join_printed_lines_and_cut_the_contacts_and_footer() -> None:
    full = "x" * 80
    page = (
        "April 30, 2021 Contact: A B\nDallas County District Attorney\u2019s Office\n"
        "a.b@DallasCounty.org\n"
        "For Immediate Release: Man sentenced to 45 years for killing a councilwoman, her two\n"
        "in car crash\n"
        f"{full} Davis-\nNunn was hit.\n"
        f"\u201cHe wasn\u2019t {full}\nready,\u201d said Black.\n"
        "Frank Crowley Courts Building \u2022 133 N. Riverfront Blvd. \u2022 Dallas\n"
    )
    assert _script().dallas_paragraphs(page) == [
        "Man sentenced to 45 years for killing a councilwoman, her two in car crash",
        f"{full} Davis-Nunn was hit.",
        f"\u201cHe wasn\u2019t {full} ready,\u201d said Black.",
    ]


SET9_ROW = "{0}\t2024-07-03\t{0}\tTitle"  # name, date, page, title


def test_set9_pools_keep_long_enough_quoted_english_releases(tmp_path: Path) -> None:
    quoted = '"Said," he said. ' * 5 + "x" * 600  # 10 double marks
    _releases(
        tmp_path,
        {
            "a.txt": quoted,
            "a-spanish.txt": quoted,  # Dallas County's translation of a release
            "short.txt": '"Said," he said. ' * 5,
            "few-marks.txt": '"Said," he said. ' * 4 + "x" * 600,
        },
        SET9_ROW,
    )
    module = _script("quote_set9")
    assert module.pool(tmp_path, "dallas") == ["a.txt"]
    assert module.pool(tmp_path, "kings") == ["a.txt", "few-marks.txt"]


def _assert_drawn_with_seed_alternating(
    module: ModuleType, folder: Path, body: str, rows: dict[str, str], count: int
) -> None:
    """The module's split of `count` releases a source (each with `body`, "{n}" in it replaced by
    the release's number, its index.tsv row as `rows` gives it): SIZES[source] drawn with SEED,
    in sorted order, alternately T and H."""
    names = {source: [f"2024-{source}-{n:02}.txt" for n in range(count)] for source in rows}
    for source, files in names.items():
        bodies = {name: body.replace("{n}", str(n)) for n, name in enumerate(files)}
        _releases(folder / source, bodies, rows[source])
    lines = module.split(folder)
    assert lines == module.split(folder)
    expected = []
    for source, size in module.SIZES.items():
        chosen = sorted(random.Random(module.SEED).sample(names[source], size))
        expected += [f"{source}/{name}" for name in chosen]
    assert [line.split()[2] for line in lines] == expected
    halves = "".join(line[0] for line in lines)
    assert halves == "".join("TH" * (size // 2) for size in module.SIZES.values())


def test_set9_split_is_drawn_with_its_seed_and_alternates_from_tuning(tmp_path: Path) -> None:
    module = _script("quote_set9")
    body = '"Said," he said. ' * 5 + "x" * 600
    rows = dict.fromkeys(module.SIZES, SET9_ROW)
    _assert_drawn_with_seed_alternating(module, tmp_path, body, rows, 30)


def test_cook_paragraphs_keep_the_lines_between_the_date_line_and_the_closing_mark() -> None:
    page = (
        "Man Convicted | Cook County State's Attorney\nSkip to main content\nPress Release\n"
        "Man Convicted\nOctober 23, 2025\nA jury convicted a man.\n\u201cJustice,\u201d\n"
        "State\u2019s Attorney Burke said.\n###\nMore News\n"
    )
    assert _script().cook_paragraphs(page) == [
        "Man Convicted",
        "A jury convicted a man.",
        "\u201cJustice,\u201d",
        "State\u2019s Attorney Burke said.",
    ]
    assert _script().cook_paragraphs("A page\nwith no date\n") == []


def test_hhs_releases_read_the_scraped_paragraphs_and_their_escapes_up_to_the_newsletter() -> None:
    cell = (
        '[<p class="breadcrumb"><a href="/">Home</a> &gt; News &gt; HHS Acts</p> '
        "<p>\\u201cWe act\\u201d said Alex Azar HHS Secretary.\\xa0</p> <p>Enter your email:</p> "
        "<p>Receive latest updates</p>]"
    )
    table = (
        ',url,text,clean_text\r\n0,https://www.hhs.gov/about/news/2019/01/18/acts.html,"{}",x\r\n'
    )
    assert _script().hhs_releases(table.format(cell.replace('"', '""'))) == [
        (
            "https://www.hhs.gov/about/news/2019/01/18/acts.html",
            "HHS Acts",
            ["\u201cWe act\u201d said Alex Azar HHS Secretary."],
        )
    ]


SET10_ROWS = {  # index.tsv's columns: name, date, address (hhs) or page (cook), [CSV,] title
    "hhs": "{0}\t2019-01-18\thttps://www.hhs.gov/{0}\t2019.csv\tTitle",
    "cook": "{0}\tMay 11, 2026\tnews_{0}\tTitle",
}


def test_set10_pools_keep_long_enough_quoted_releases_but_no_reprints(tmp_path: Path) -> None:
    quoted = "\u201cSaid\u201d he said. " * 4 + "x" * 600  # 8 double marks
    bodies = {
        "a.txt": quoted,
        "icymi-a.txt": quoted,  # a newspaper's piece the office reprinted
        "short.txt": "\u201cSaid\u201d he said. " * 4,
        "six-marks.txt": "\u201cSaid\u201d he said. " * 3 + "x" * 600,
    }
    for source, row in SET10_ROWS.items():
        _releases(tmp_path / source, bodies, row)
    module = _script("quote_set10")
    assert module.pool(tmp_path / "hhs", "hhs") == ["a.txt"]
    assert module.pool(tmp_path / "cook", "cook") == ["a.txt", "six-marks.txt"]


def test_set10_split_is_drawn_with_its_seed_and_alternates_from_tuning(tmp_path: Path) -> None:
    module = _script("quote_set10")
    assert (module.SEED, module.SIZES) == (10, {"hhs": 30, "cook": 20})
    body = "\u201cSaid\u201d he said. " * 4 + "x" * 600
    _assert_drawn_with_seed_alternating(module, tmp_path, body, SET10_ROWS, 40)


def test_congress_releases_part_a_members_file_at_each_title_also_after_a_glued_separator() -> None:
    # Pocan's file glues "==" to a release's last line; Lee's sets "==" on a line of its own and
    # gives each mark and tag a line; a release whose content the scrape lost is left out.
    text = (
        "Title: Pocan Acts\nDate: July 1, 2024\nPR Tag: Press Release\n\nContent:\n"
        "\u201cWe act,\u201dsaid Rep. Pocan.\n\nMore here.==\n"
        "Title: Pocan in the News\nDate: July 2, 2024\nPR Tag: In The News \n\n==\n"
        "Title: Lee Acts\nDate: July 3, 2024\n\nContent:\nWASHINGTON\n\u201c\nWe act\n,\u201d\n"
        "said  Senator Lee.\n\n==\n"
    )
    assert _script().congress_releases(text) == [
        ("Pocan Acts", "July 1, 2024", ["\u201cWe act,\u201dsaid Rep. Pocan.", "More here."]),
        (
            "Lee Acts",
            "July 3, 2024",
            ["WASHINGTON", "\u201c", "We act", ",\u201d", "said Senator Lee."],
        ),
    ]


SET11_ROW = (
    "{0}\tJuly 31, 2024\tlee.txt\tTitle"  # index.tsv's columns: name, date, member file, title
)


def test_set11_pools_keep_long_enough_quoted_releases_once_but_no_reprints(tmp_path: Path) -> None:
    quoted = "\u201cSaid\u201d he said. " * 5 + "x" * 600  # 10 double marks
    bodies = {
        "lee-a.txt": quoted,
        "lee-b.txt": quoted,  # the same body again: a release the scrape kept twice
        "lee-icymi-a.txt": quoted + "y",  # a newspaper's article the office reprinted
        "lee-eight-marks.txt": "\u201cSaid\u201d he said. " * 4 + "x" * 600,
        "lee-long.txt": quoted + "x" * 5000,
    }
    module = _script("quote_set11")
    for source in module.SIZES:
        _releases(tmp_path / source, bodies, SET11_ROW)
        assert module.pool(tmp_path / source, source) == ["lee-a.txt"]


def test_set11_split_is_drawn_with_its_seed_and_alternates_from_tuning(tmp_path: Path) -> None:
    module = _script("quote_set11")
    assert (module.SEED, module.SIZES) == (11, {"senate": 20, "house": 20})
    body = "\u201cSaid {n}\u201d he said. " * 5 + "x" * 600  # a body a release: none repeats
    _assert_drawn_with_seed_alternating(
        module, tmp_path, body, dict.fromkeys(module.SIZES, SET11_ROW), 40
    )
    assert "office of Senator Mike Lee" in module.split(tmp_path)[0]


def test_congress_stops_without_an_index_at_a_member_file_with_no_release(tmp_path: Path) -> None:
    # A member's file that came out empty (its read from the clone failed) must not give a corpus
    # without that member's releases: the index is what tells scripts/corpus.sh it is done.
    (tmp_path / "in").mkdir()
    release = "Title: Lee Acts\nDate: July 3, 2024\n\nContent:\nWe act, said Lee.\n\n==\n"
    (tmp_path / "in/aoc.txt").write_text("", encoding="utf-8")
    (tmp_path / "in/lee.txt").write_text(release, encoding="utf-8")
    with pytest.raises(SystemExit, match=r"aoc\.txt: no release"):
        _script().main(["congress", str(tmp_path / "in"), str(tmp_path / "out")])
    assert not (tmp_path / "out/index.tsv").exists()


def test_a_markdown_post_reads_as_its_reader_sees_it() -> None:
    # Hugo's shortcodes (also inside a link's address), an embed's tag over several lines, an
    # image, emphasis, a heading underlined with dashes, list items and a block quote.
    post = (
        "---\ntitle: 'A &#8220;Plain&#8221; Post'\ndate: 2016-01-14 10:00:00 -0500\n--- \n\n"
        '_Originally on **the** [blog]({{< ref "/a.md" >}})._\n\n'
        '{{< img src="x" >}}\n<iframe\n width="560"\n></iframe>\n\n'
        "“We ship,” said Ana\nRuiz. ![A chart](c.png)\n\nWhat we learned\n---------------\n\n"
        "- One thing\n- Another\n\n> “Quoted,” she wrote.\n>\n> Still quoted.\n\nAfter.\n"
    )
    fields, paras = _script().markdown_post(post)
    assert (fields["title"], str(fields["date"])[:10]) == (
        "A &#8220;Plain&#8221; Post",
        "2016-01-14",
    )
    assert paras == [
        "Originally on the blog.",
        "“We ship,” said Ana Ruiz.",
        "What we learned",
        "One thing",
        "Another",
        "> “Quoted,” she wrote.",
        "> Still quoted.",
        "After.",
    ]


def test_markdown_posts_become_dated_texts_with_an_index(tmp_path: Path) -> None:
    posts = tmp_path / "in" / "2016" / "01"
    posts.mkdir(parents=True)
    (posts / "2016-01-14-why-people.md").write_text(
        "---\ntitle: Why People\ndate: 2016-01-14\ncanonical: https://x.gov/a\n---\nWords.\n"
    )
    (posts / "draft.md").write_text("---\ntitle: No Date\n---\nWords.\n")
    assert _script().main(["markdown", str(tmp_path / "in"), str(tmp_path / "out")]) == 0
    assert (tmp_path / "out/2016-01-14-why-people.txt").read_text() == "Why People\n\nWords.\n"
    assert (tmp_path / "out/index.tsv").read_text() == (
        "2016-01-14-why-people.txt\t2016-01-14\t2016/01/2016-01-14-why-people.md\t"
        "https://x.gov/a\tWhy People\n"
    )


SET12_ROW = "{0}\t2016-01-14\tpost.md\t\tTitle"  # name, date, post file, canonical, title


def test_set12_pools_keep_long_enough_quoted_posts_once_but_no_reprints(tmp_path: Path) -> None:
    quoted = "\u201cSaid\u201d he said. " * 5 + "x" * 600  # 10 double marks
    bodies = {
        "a.txt": quoted,
        "b.txt": quoted,  # the same body again
        "c.txt": "This post was originally published on another blog. " + quoted,
        "eight-marks.txt": "\u201cSaid\u201d he said. " * 4 + "x" * 600,
        "long.txt": quoted + "x" * 5000,
        "rich.txt": "\u201cSaid\u201d he said. " * 8 + "x" * 5200,  # 16 marks: the extension's
    }
    module = _script("quote_set12")
    _releases(tmp_path / "dgov", bodies, SET12_ROW)
    (tmp_path / "dgov/d.txt").write_text(f"Title\n\n{quoted}d\n", encoding="utf-8")
    with (tmp_path / "dgov/index.tsv").open("a", encoding="utf-8") as index:
        index.write("d.txt\t2016-01-14\tpost.md\thttps://x.gov/d\tTitle\n")  # a canonical elsewhere
    assert module.pool(tmp_path / "dgov", "dgov") == ["a.txt"]
    assert module.pool(tmp_path / "dgov", "dgov", module.EXTRA_RULE) == ["rich.txt"]


def test_set12_split_is_drawn_with_its_seed_then_extended_without_changing_it(
    tmp_path: Path,
) -> None:
    module = _script("quote_set12")
    assert (module.SEED, module.SIZES, module.EXTRA) == (
        12,
        {"dgov": 16, "f18": 16},
        {"dgov": 12, "f18": 8},
    )
    body = "\u201cSaid {n}\u201d he said. " * 8 + "x" * 600  # 16 double marks: in both pools
    names = {source: [f"2016-{source}-{n:02}.txt" for n in range(60)] for source in module.SIZES}
    for source, files in names.items():
        _releases(
            tmp_path / source,
            {name: body.replace("{n}", str(n)) for n, name in enumerate(files)},
            SET12_ROW,
        )
    lines = module.split(tmp_path)
    expected = []
    for sizes in (module.SIZES, module.EXTRA):
        for source, size in sizes.items():
            left = [n for n in names[source] if f"{source}/{n}" not in expected]
            expected += [f"{source}/{n}" for n in sorted(random.Random(12).sample(left, size))]
    assert [line.split()[2] for line in lines] == expected
    halves = "".join(line[0] for line in lines)
    assert halves == "TH" * 8 + "TH" * 8 + "TH" * 6 + "TH" * 4
    assert "Post of digital.gov news" in lines[0] and "18F/18f.gsa.gov@0a55c75e" in lines[-1]


def test_set12_labels_are_the_halves_the_split_draws_from_the_fetched_posts() -> None:
    # The split run on the texts scripts/corpus.sh wrote (when they are present) names exactly the
    # posts that have set 12's label files, each in the half its file says.
    import yaml

    texts = REPO / ".corpus/texts"
    if not all((texts / source / "index.tsv").exists() for source in ("dgov", "f18")):
        pytest.skip("set 12's posts are not fetched (scripts/corpus.sh)")
    drawn = {
        line.split()[1]: ("held-out-12" if line[0] == "H" else "tuning-12")
        for line in _script("quote_set12").split(texts)
    }
    labelled = {}
    for path in sorted((REPO / "benchmarks/data/quotes").glob("*.yaml")):
        half = yaml.safe_load(path.read_text(encoding="utf-8")).get("set", "")
        if half.endswith("-12"):
            labelled[path.stem] = half
    assert labelled == drawn
    assert list(drawn.values()).count("held-out-12") == 26

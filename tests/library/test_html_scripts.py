"""Pages in scripts without spaces between words (Japanese, Chinese, Thai) and in Korean import.

`tests/fixtures/html/{ja,zh}_news_article.html` are news pages written for these tests, with
navigation, ads, related links and footers; each has a golden `*.golden.json` beside it, which
`MARGIN_UPDATE_GOLDEN=1` rewrites (review the diff before committing).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from library.html import extract_html
from library.importer import build_article
from library.parsers import Parsed
from library.text import count_words

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "html"
UPDATE = os.environ.get("MARGIN_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("name", ["ja_news_article", "zh_news_article"])
def test_news_page_golden(name: str) -> None:
    found = extract_html((FIXTURES / f"{name}.html").read_bytes())
    article = build_article(
        Parsed(title=found.title, blocks=found.blocks), "page.html", "2024-01-01T00:00:00Z"
    )
    result = {
        "title": found.title,
        "subtitle": found.subtitle,
        "authors": found.authors,
        "publication": found.publication,
        "section": found.section,
        "published": found.published,
        "url": found.url,
        "words": article.words,
        "blocks": [[kind, text] for kind, text in found.blocks],
    }
    golden = FIXTURES / f"{name}.golden.json"
    if UPDATE:
        golden.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", "utf-8")
    assert result == json.loads(golden.read_text(encoding="utf-8"))


def _page(title: str, paragraphs: list[str], lang: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>"
        "</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>{body}</article><footer>© 2024</footer></body></html>"
    )


@pytest.mark.parametrize(
    ("lang", "title", "paragraphs"),
    [
        (
            "ja",
            "市議会、フェリー存続を決定",
            [
                "市議会は十三日夜、赤字が続く市営フェリーの運航を今後五年間続けることを決めた。",
                "市長は「住民の声を重く受け止めた」と述べた。",
            ],
        ),
        (
            "zh",
            "市议会决定保留渡轮",
            [
                "市议会周三晚决定，连年亏损的市营渡轮将在未来五年继续运营。",
                "市长表示将认真听取市民意见。",
            ],
        ),
        (
            "th",
            "สภาเมืองลงมติให้เรือข้ามฟากยังคงให้บริการต่อไป",
            [
                "สภาเมืองลงมติเมื่อคืนวันพุธให้เรือข้ามฟากของเทศบาลซึ่งขาดทุนต่อเนื่องยังคงให้บริการต่อไปอีกห้าปี",
                "นายกเทศมนตรีกล่าวว่าจะรับฟังความคิดเห็นของประชาชนอย่างจริงจัง",
            ],
        ),
        (
            "ko",
            "시의회, 여객선 운항 유지 결정",
            [
                "시의회는 13일 밤 적자가 이어지는 시영 여객선을 앞으로 5년 동안 "
                "계속 운항하기로 결정했다.",
                "시장은 주민들의 목소리를 무겁게 받아들이겠다고 말했다.",
            ],
        ),
    ],
)
def test_short_articles_in_every_script_import(
    lang: str, title: str, paragraphs: list[str]
) -> None:
    found = extract_html(_page(title, paragraphs, lang))
    assert found.title == title
    assert [text for _, text in found.blocks] == paragraphs


def test_a_japanese_list_of_links_is_still_no_article() -> None:
    links = "".join(
        f"<li><a href='/a{i}'>港の再開発計画、住民説明会へ{i}</a></li>" for i in range(20)
    )
    markup = f"<html><head><title>最新ニュース</title></head><body><ul>{links}</ul></body></html>"
    with pytest.raises(Exception, match="no article text"):
        extract_html(markup)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The mayor’s well-known ferry sails at seven.", 7),
        ("市長は述べた。", 6),  # a letter a word, as Japanese counts length (文字数)
        ("市长表示。", 4),
        ("iPhone15を発表", 4),  # one Latin word and three letters
        ("시장은 말했다.", 2),  # Korean puts spaces between words
        ("", 0),
    ],
)
def test_word_counts_count_letters_where_a_script_has_no_spaces(text: str, words: int) -> None:
    assert count_words(text) == words


# Letters from both sides of the fast path's bound (U+0E01, the lowest letter of a script written
# without spaces): Latin, accents, Greek, Thai, kana, Han, Hangul, an ideographic space, digits.
_MIXED = st.text(
    alphabet=st.sampled_from(
        [*"ab Zé-'’.\n\tΩ0", "\u0e01", "ก", "あ", "ア", "漢", "한", "\u3000", "ﾝ"]
    ),
    max_size=40,
)


@given(_MIXED)
def test_word_counts_and_tokens_match_the_full_patterns(text: str) -> None:
    # The fast paths (no letter at or above U+0E01: plain \w runs) give what the patterns give.
    import re

    from library.html import compare
    from library.text import _WORD, UNSPACED_LETTERS, count_unspaced

    unspaced = re.compile(f"[{UNSPACED_LETTERS}]")
    assert count_unspaced(text) == len(unspaced.findall(text))
    spaced = unspaced.sub(" ", text)
    assert count_words(text) == len(unspaced.findall(text)) + len(_WORD.findall(spaced))
    assert compare.tokens(text) == compare._TOKENS.findall(text.casefold())


@given(st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40))
def test_counting_words_from_marks_gives_the_patterns_count(text: str) -> None:
    # Any character, any script: word characters (letters, digits of every script, "²", "_"),
    # the joining ones ("'", "’", ".", "-") and the rest are marked as the pattern sees them.
    from library.text import _WORD, count_marked

    assert count_marked(text) == len(_WORD.findall(text))


@given(st.text(alphabet=st.sampled_from([*"ab _.-'’é²—“\u0301\U0001d400ß٣"]), max_size=40))
def test_word_counts_of_mostly_ascii_text_match_the_pattern(text: str) -> None:
    # Long enough and mostly ASCII, the text is counted from marks, the few other characters
    # (quotes, accents) stood in for by ASCII ones.
    from library.text import _WORD

    padded = "Plain words, well-known ones. " * 200 + text
    assert count_words(padded) == len(_WORD.findall(padded))

"""Limits on what input expands to: YAML alias bombs, with every refusal naming its config key."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from library.articlefile import FrontMatterTooLarge, loads, split_front_matter
from library.config import parse_config
from library.errors import ImportFailed
from library.limits import Limits
from library.store import Library


def alias_bomb(levels: int = 8, width: int = 9) -> str:
    """The billion-laughs front matter: each level a list of `width` aliases of the one below."""
    lines = ["a: &a [" + ", ".join(['"lol"'] * width) + "]"]
    names = "abcdefghijklmnopqrstuvwxyz"
    for i in range(1, levels):
        lines.append(f"{names[i]}: &{names[i]} [" + ", ".join([f"*{names[i - 1]}"] * width) + "]")
    return "---\n" + "\n".join(lines) + "\ntitle: Boom\n---\n\nThe body.\n"


def test_the_bomb_is_small() -> None:
    assert len(alias_bomb()) < 450


def test_alias_bomb_is_refused_before_it_expands() -> None:
    began = time.perf_counter()
    with pytest.raises(FrontMatterTooLarge) as caught:
        split_front_matter(alias_bomb())
    assert time.perf_counter() - began < 5.0  # 9**8 values would take minutes and gigabytes
    assert "max_front_matter_values" in str(caught.value)
    assert "10,000" in str(caught.value)


def test_modest_aliases_still_load() -> None:
    content = "---\nid: a-1\ntitle: T\nauthors: &who [Ann, Bob]\ntags: *who\n---\n\nBody.\n"
    article, _ = loads(content)
    assert article.tags == ["Ann", "Bob"]


def test_the_cap_can_be_raised() -> None:
    meta, _ = split_front_matter(alias_bomb(levels=4), max_values=100_000)
    assert meta is not None and len(meta["d"]) == 9
    with pytest.raises(FrontMatterTooLarge):
        split_front_matter(alias_bomb(levels=4), max_values=1_000)


def test_library_import_refuses_the_bomb_in_one_line(tmp_path: Path) -> None:
    library = Library(tmp_path / "lib")
    source = tmp_path / "bomb.md"
    source.write_text(alias_bomb(), encoding="utf-8")
    began = time.perf_counter()
    with pytest.raises(ImportFailed) as caught:
        library.import_file(source)
    assert time.perf_counter() - began < 5.0
    message = str(caught.value)
    assert "\n" not in message and "bomb.md" in message
    assert "[import] max_front_matter_values" in message
    assert library.catalog() == []


def test_a_hand_planted_bomb_in_the_library_is_a_problem_not_a_hang(tmp_path: Path) -> None:
    library = Library(tmp_path / "lib")
    library.ensure()
    bomb = alias_bomb().replace("title: Boom", "id: boom-1\ntitle: Boom")
    (library.articles_dir / "boom-1.md").write_text(bomb, encoding="utf-8")
    assert library.catalog() == []
    assert any("max_front_matter_values" in p for p in library.problems)


def test_limits_come_from_the_config() -> None:
    config = parse_config(
        {
            "import": {
                "max_size_mb": 2,
                "max_front_matter_values": 50,
                "url_deadline_seconds": 3,
                "url_read_timeout_seconds": 1.5,
            }
        }
    )
    assert config.limits == Limits(
        max_bytes=2_000_000, front_matter_values=50, url_deadline=3.0, url_read_timeout=1.5
    )


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("max_front_matter_values", 0),
        ("max_front_matter_values", "many"),
        ("url_deadline_seconds", -1),
        ("url_read_timeout_seconds", True),
    ],
)
def test_bad_limits_name_their_key(key: str, value: object) -> None:
    from library.errors import ConfigError

    with pytest.raises(ConfigError, match=f"import.{key}"):
        parse_config({"import": {key: value}})


def test_cli_refuses_the_bomb_with_a_raised_limit_hint(
    margin: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[import]\nmax_front_matter_values = 500\n", encoding="utf-8")
    monkeypatch.setenv("MARGIN_CONFIG", str(config))
    source = tmp_path / "small.md"
    source.write_text(alias_bomb(levels=4), encoding="utf-8")  # 9**4 = 6,561 values
    result = margin("import", str(source))
    assert result.exit_code == 1
    assert "more than 500 values" in result.output
    assert "max_front_matter_values" in result.output
    config.write_text("[import]\nmax_front_matter_values = 100000\n", encoding="utf-8")
    assert margin("import", str(source)).exit_code == 0


# -- every refusal names its limit and the key that raises it ------------------------------------
def test_size_refusals_name_max_size_mb(tmp_path: Path) -> None:
    library = Library(tmp_path / "lib", limits=Limits(max_bytes=1_000))
    big = tmp_path / "big.txt"
    big.write_text("Words and more words. " * 100, encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"over the 0\.001 MB limit.*\[import\] max_size_mb"):
        library.import_file(big)
    with pytest.raises(ImportFailed, match=r"0\.001 MB limit.*\[import\] max_size_mb"):
        library.import_bytes(big.read_bytes())


def test_html_depth_past_the_parser_says_so() -> None:
    from library.html import MAX_DEPTH, extract_html

    words = "A paragraph of article text with enough words in it to count as prose. " * 3
    for depth, refused in ((300, False), (MAX_DEPTH + 50, True)):
        page = (
            "<html><head><title>Deep</title></head><body>"
            + "<div>" * depth
            + f"<p>{words}</p>"
            + "</div>" * depth
            + "</body></html>"
        )
        if refused:
            with pytest.raises(ImportFailed, match=f"{MAX_DEPTH:,} levels deep.*no setting"):
                extract_html(page.encode())
        else:  # 255 levels and more used to lose the text
            assert "paragraph of article text" in extract_html(page.encode()).blocks[0][1]


def test_default_config_documents_every_limit() -> None:
    import tomllib

    from library.config import DEFAULT_CONFIG

    config = parse_config(tomllib.loads(DEFAULT_CONFIG))
    assert config.limits == Limits()
    for key in (
        "max_size_mb",
        "max_front_matter_values",
        "url_deadline_seconds",
        "url_read_timeout_seconds",
    ):
        line = DEFAULT_CONFIG.index(f"\n{key} =")
        assert DEFAULT_CONFIG[:line].rstrip().rsplit("\n", 1)[-1].startswith("#"), key

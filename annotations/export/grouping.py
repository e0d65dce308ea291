"""Highlights grouped by topic (tag) then stance, and the counts shown in export headers."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from annotations.export.base import (
    NO_STANCE,
    UNTAGGED,
    ExportGroup,
    ExportOptions,
    all_highlights,
    clean,
)
from annotations.model import Annotation, tag_key
from library.config import Config
from library.model import ArticleMeta
from library.text import plural


@dataclass(frozen=True, slots=True)
class ExportItem:
    """One highlight as listed in an export, with its article."""

    article: ArticleMeta
    annotation: Annotation


@dataclass(slots=True)
class StanceGroup:
    """The highlights of one topic that share a stance (None: no stance)."""

    name: str | None
    items: list[ExportItem] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The heading: the stance as written, or "No stance"."""
        return clean(self.name) if self.name else NO_STANCE


@dataclass(slots=True)
class Topic:
    """One tag (None: untagged) and its highlights by stance."""

    tag: str | None
    stances: list[StanceGroup] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The heading: the tag, or "Untagged"."""
        return self.tag if self.tag is not None else UNTAGGED

    @property
    def count(self) -> int:
        """How many highlights are listed under this topic."""
        return sum(len(s.items) for s in self.stances)


def stance_order(config: Config) -> Callable[[str | None], tuple[int, int, str]]:
    """A sort key for stance names: the config's stances in order, others by name, none last."""
    known = [s.name.casefold() for s in config.stances]

    def key(name: str | None) -> tuple[int, int, str]:
        if name is None:
            return (2, 0, "")
        folded = name.casefold()
        if folded in known:
            return (0, known.index(folded), "")
        return (1, 0, folded)

    return key


def home_tag(ann: Annotation, focus: Sequence[str] = ()) -> str | None:
    """The one tag a highlight is listed under: the first focus tag it carries, else its first.

    Its other tags are shown on the item, so a highlight appears once per export and every
    count matches what is listed.
    """
    tags = [clean(t) for t in ann.tags if clean(t)]
    wanted = [tag_key(t) for t in focus]
    for key in wanted:
        for tag in tags:
            if tag_key(tag) == key:
                return tag
    return tags[0] if tags else None


def group_by_topic(
    groups: Sequence[ExportGroup], config: Config | None = None, focus: Sequence[str] = ()
) -> list[Topic]:
    """Highlights by tag (alphabetical, Untagged last) then stance (the config's order, none last).

    Each highlight is listed once, under the tag home_tag picks; within a stance, highlights
    keep article order and then text order.
    """
    config = config or Config()
    topics: dict[str | None, Topic] = {}
    ordered = [
        (meta, ann) for meta, anns in groups for ann in sorted(anns, key=lambda a: (a.start, a.id))
    ]
    for meta, ann in ordered:
        tag = home_tag(ann, focus)
        topic = topics.setdefault(tag_key(tag) if tag is not None else None, Topic(tag))
        stance = next((s for s in topic.stances if _same(s.name, ann.stance)), None)
        if stance is None:
            stance = StanceGroup(ann.stance)
            topic.stances.append(stance)
        stance.items.append(ExportItem(meta, ann))
    order = stance_order(config)
    result = sorted(topics.values(), key=lambda t: (t.tag is None, tag_key(t.tag or "")))
    for topic in result:
        topic.stances.sort(key=lambda s: order(s.name))
    return result


def topics_for(groups: Sequence[ExportGroup], options: ExportOptions) -> list[Topic]:
    """The topics an export lists: options.layout as given (the brief board's order, a
    highlight under each of its tags), else group_by_topic."""
    if options.layout is None:
        return group_by_topic(groups, options.config, options.tags)
    by_id = {ann.id: ExportItem(meta, ann) for meta, anns in groups for ann in anns}
    topics: dict[str | None, Topic] = {}
    for tag, stance, ids in options.layout:
        items = [by_id[i] for i in ids if i in by_id]
        if not items:
            continue
        key = tag_key(tag) if tag is not None else None
        topic = topics.setdefault(key, Topic(clean(tag) if tag is not None else None))
        topic.stances.append(StanceGroup(stance, items))
    return list(topics.values())


def _same(a: str | None, b: str | None) -> bool:
    return (a or "").casefold() == (b or "").casefold() and (a is None) == (b is None)


def stance_counts(groups: Sequence[ExportGroup], config: Config) -> list[tuple[str, int]]:
    """(stance, highlights) in stance order; "no stance" for highlights without one."""
    tally = StanceTally()
    for _meta, ann in all_highlights(groups):
        tally.add(ann)
    return tally.counts(config)


class StanceTally:
    """How many highlights carry each stance, counted as they come (see `stance_counts`)."""

    def __init__(self) -> None:
        self._counts: Counter[str | None] = Counter()
        self._shown: dict[str | None, str | None] = {}  # each stance as first written

    def add(self, ann: Annotation) -> None:
        key = ann.stance.casefold() if ann.stance else None
        self._counts[key] += 1
        self._shown.setdefault(key, ann.stance)

    def counts(self, config: Config) -> list[tuple[str, int]]:
        """(stance, highlights) in stance order; "no stance" for highlights without one."""
        counts, shown = self._counts, self._shown
        order = stance_order(config)
        keys = sorted(counts, key=lambda k: order(shown[k]))
        return [(clean(shown[k]) if k is not None else NO_STANCE.lower(), counts[k]) for k in keys]


def summary_line(groups: Sequence[ExportGroup], config: Config) -> str:
    """ "10 highlights from 4 articles: support 4 · oppose 3 …"."""
    total = len(all_highlights(groups))
    articles = sum(1 for _m, anns in groups if anns)
    return summary_text(total, articles, stance_counts(groups, config))


def summary_text(total: int, articles: int, stances: Sequence[tuple[str, int]]) -> str:
    """summary_line from its figures: highlights, articles and (stance, highlights)."""
    head = plural(total, "highlight")
    if articles > 1:
        head += f" from {articles} articles"
    parts = [f"{name} {count}" for name, count in stances]
    return f"{head}: {' · '.join(parts)}" if parts else head


_BLOCK_ID = re.compile(r"[^A-Za-z0-9-]")


def block_ids(topics: Sequence[Topic]) -> dict[str, str]:
    """A unique anchor per listed highlight: its id cut to letters, digits and hyphens.

    Two ids that cut to the same anchor (Obsidian compares them without case) get -2, -3…, so
    every link to a highlight lands on that highlight. A highlight listed again (a brief board
    lists it under each of its tags) gets another anchor per listing, under key "id\x00n";
    anchor_of hands them out in listing order.
    """
    found: dict[str, str] = {}
    anchors = Anchors()
    for topic in topics:
        for stance in topic.stances:
            for item in stance.items:
                ident = item.annotation.id
                again = anchors.listed[ident]
                found[f"{ident}\x00{again}" if again else ident] = anchors.next(ident)
    return found


class Anchors:
    """block_ids one listing at a time: each call gives the next listing's anchor."""

    def __init__(self) -> None:
        self.used: set[str] = set()  # case-folded
        self.listed: Counter[str] = Counter()

    def next(self, ident: str) -> str:
        """The anchor of this listing of highlight ident (listings come in document order)."""
        again = self.listed[ident]
        self.listed[ident] += 1
        if ident.isascii() and ident.replace("-", "").isalnum():  # a UUID: nothing to cut
            base = ident
        else:
            base = _BLOCK_ID.sub("", ident) or "highlight"
        anchor, n = base, 2
        if again:  # the second listing is id-2, the third id-3…
            anchor, n = f"{base}-{again + 1}", again + 2
        while anchor.casefold() in self.used:
            anchor, n = f"{base}-{n}", n + 1
        self.used.add(anchor.casefold())
        return anchor


def anchor_of(anchors: dict[str, str], ident: str, listed: Counter[str]) -> str:
    """The anchor of this listing of a highlight (listed counts the listings so far)."""
    again = listed[ident]
    listed[ident] += 1
    return anchors[f"{ident}\x00{again}" if again else ident]

"""Annotations: highlights with stances, tags and notes; anchoring, storage, citation, export."""

from __future__ import annotations

from annotations.model import Annotation, normalize_tags, tag_key

__all__ = ["Annotation", "normalize_tags", "tag_key"]

"""The article library: import, parse and store articles as plain files."""

from __future__ import annotations

from library.config import Config, Stance, load_config
from library.errors import (
    AmbiguousArticle,
    ArticleNotFound,
    ConfigError,
    ImportFailed,
    LibraryError,
)
from library.model import Article, ArticleMeta, Block

__all__ = [
    "AmbiguousArticle",
    "Article",
    "ArticleMeta",
    "ArticleNotFound",
    "Block",
    "Config",
    "ConfigError",
    "ImportFailed",
    "LibraryError",
    "Stance",
    "load_config",
]

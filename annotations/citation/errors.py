"""The errors a quote style raises: each message says what was wrong and what to do."""

from __future__ import annotations

from collections.abc import Sequence

from annotations.errors import AnnotationError


class CitationError(AnnotationError):
    """A quote could not be formatted; the message says why and what to do."""


class UnknownStyle(CitationError):
    """The style name is neither built in nor a template in the config."""

    def __init__(self, name: str, choices: Sequence[str]) -> None:
        self.name = name
        self.choices = list(choices)
        super().__init__(f"unknown quote style {name!r}; choose one of: {', '.join(self.choices)}")


class TemplateError(CitationError):
    """A user template cannot be rendered; the message names the template and the field."""

    def __init__(self, template: str, field: str, reason: str) -> None:
        self.template = template
        self.field = field
        super().__init__(f"templates.{template}: {reason}")

"""A reader of Lua table literals (`return { ["key"] = "value", ... }`), as KOReader writes its
`metadata.*.lua` files. It reads data only: any expression other than a literal is an error, so
nothing in the file is ever run.
"""

from __future__ import annotations

import re
from typing import Any

MAX_DEPTH = 64
_NUMBER = re.compile(r"-?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_LONG_OPEN = re.compile(r"\[(=*)\[")
_ESCAPES = {
    "n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v",
    "\\": "\\", '"': '"', "'": "'", "\n": "\n",
}  # fmt: skip


class LuaSyntaxError(ValueError):
    """The text is not a Lua table literal; the message names the line."""


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0

    def fail(self, what: str) -> LuaSyntaxError:
        line = self.text.count("\n", 0, self.at) + 1
        return LuaSyntaxError(f"line {line}: {what}")

    def skip(self) -> None:
        text = self.text
        while self.at < len(text):
            char = text[self.at]
            if char in " \t\r\n":
                self.at += 1
            elif text.startswith("--", self.at):
                long = _LONG_OPEN.match(text, self.at + 2)
                if long:
                    close = "]" + long.group(1) + "]"
                    end = text.find(close, long.end())
                    if end < 0:
                        raise self.fail("unfinished comment")
                    self.at = end + len(close)
                else:
                    end = text.find("\n", self.at)
                    self.at = len(text) if end < 0 else end + 1
            else:
                return

    def peek(self, token: str) -> bool:
        self.skip()
        return self.text.startswith(token, self.at)

    def expect(self, token: str) -> None:
        if not self.peek(token):
            raise self.fail(f"expected {token!r}")
        self.at += len(token)

    def value(self, depth: int) -> Any:
        self.skip()
        if depth > MAX_DEPTH:
            raise self.fail("tables nested too deeply")
        text, at = self.text, self.at
        if at >= len(text):
            raise self.fail("unexpected end of file")
        char = text[at]
        if char == "{":
            return self.table(depth + 1)
        if char in "\"'":
            return self.string(char)
        if char == "[" and _LONG_OPEN.match(text, at):
            return self.long_string()
        number = _NUMBER.match(text, at)
        if number:
            self.at = number.end()
            literal = number.group()
            if "x" in literal.lower():
                return int(literal, 16)
            if any(c in literal for c in ".eE"):
                return float(literal)
            return int(literal)
        name = _NAME.match(text, at)
        if name and name.group() in ("true", "false", "nil"):
            self.at = name.end()
            return {"true": True, "false": False, "nil": None}[name.group()]
        raise self.fail("only literal values are read (strings, numbers, booleans, tables)")

    def string(self, quote: str) -> str:
        text = self.text
        self.at += 1
        out: list[str] = []
        while True:
            if self.at >= len(text):
                raise self.fail("unfinished string")
            char = text[self.at]
            if char == quote:
                self.at += 1
                return "".join(out)
            if char == "\n":
                raise self.fail("unfinished string")
            if char == "\\":
                self.at += 1
                out.append(self.escape())
                continue
            out.append(char)
            self.at += 1

    def escape(self) -> str:
        text = self.text
        if self.at >= len(text):
            raise self.fail("unfinished string")
        char = text[self.at]
        if char in _ESCAPES:
            self.at += 1
            return _ESCAPES[char]
        if char in "0123456789":  # ASCII only: str.isdigit passes "²", which int() refuses
            digits = re.match(r"[0-9]{1,3}", text[self.at :])
            assert digits is not None
            self.at += len(digits.group())
            return chr(int(digits.group()))
        if char == "x":
            code = re.match(r"x([0-9a-fA-F]{2})", text[self.at :])
            if code is None:
                raise self.fail("bad \\x escape (two hex digits)")
            self.at += code.end()
            return chr(int(code.group(1), 16))
        if char == "u":
            found = re.match(r"u\{([0-9a-fA-F]{1,8})\}", text[self.at :])
            point = int(found.group(1), 16) if found else -1
            if not 0 <= point <= 0x10FFFF or 0xD800 <= point <= 0xDFFF:  # no text holds these
                raise self.fail("bad \\u escape")
            self.at += found.end() if found else 0
            return chr(point)
        if char == "z":
            self.at += 1
            while self.at < len(text) and text[self.at] in " \t\r\n":
                self.at += 1
            return ""
        raise self.fail(f"unknown escape \\{char}")

    def long_string(self) -> str:
        opening = _LONG_OPEN.match(self.text, self.at)
        assert opening is not None
        close = "]" + opening.group(1) + "]"
        end = self.text.find(close, opening.end())
        if end < 0:
            raise self.fail("unfinished long string")
        body = self.text[opening.end() : end]
        self.at = end + len(close)
        return body[1:] if body.startswith("\n") else body

    def table(self, depth: int) -> dict[Any, Any] | list[Any]:
        self.expect("{")
        result: dict[Any, Any] = {}
        index = 1
        while not self.peek("}"):
            if self.peek("[") and not _LONG_OPEN.match(self.text, self.at):
                self.at += 1
                key = self.value(depth)
                self.expect("]")
                self.expect("=")
                result[key] = self.value(depth)
            else:
                name = _NAME.match(self.text, self.at)
                after = name.end() if name else self.at
                rest = self.text[after : after + 40].lstrip()
                if name and rest.startswith("=") and not rest.startswith("=="):
                    self.at = after
                    self.expect("=")
                    result[name.group()] = self.value(depth)
                else:
                    result[index] = self.value(depth)
                    index += 1
            if self.peek(",") or self.peek(";"):
                self.at += 1
            elif not self.peek("}"):
                raise self.fail("expected ',' or '}'")
        self.at += 1
        keys = list(result)
        if keys and keys == list(range(1, len(keys) + 1)):
            return [result[k] for k in keys]
        return result


def loads(text: str) -> Any:
    """The value of a Lua chunk `return <literal>` (or of a bare literal)."""
    reader = _Reader(text.lstrip("\ufeff"))
    reader.skip()
    if reader.text.startswith("return", reader.at):
        reader.at += len("return")
    value = reader.value(0)
    reader.skip()
    if reader.at != len(reader.text):
        raise reader.fail("text after the table")
    return value

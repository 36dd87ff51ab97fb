"""code_chars: the characters of JavaScript source that stand outside string literals."""

from __future__ import annotations

from noticecli.parse.script_source import code_chars


def _code(source: str, start: int = 0, stop: int | None = None) -> str:
    return "".join(char for _, char in code_chars(source, start, stop))


def test_string_literals_and_their_quotes_are_left_out() -> None:
    assert _code("""a + 'b;)' + "c'(" + d""") == "a +  +  + d"


def test_an_escaped_quote_does_not_close_the_literal() -> None:
    assert _code(r"""x('it\'s ;', "a\\") + y""") == "x(, ) + y"


def test_indexes_point_into_the_source_and_the_window_is_kept() -> None:
    source = "var a = ['x]', [1]];"
    found = list(code_chars(source, source.index("["), len(source) - 1))
    assert found[0] == (8, "[")
    assert found[-1] == (len(source) - 2, "]")
    assert "".join(char for _, char in found) == "[, [1]]"

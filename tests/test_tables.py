"""Tests of helpers._tables: column alignment, the rule, and HTML escaping."""

from __future__ import annotations

import pytest

from helpers._tables import html_table, text_table

HEADER = ["name", "value", "n"]
ROWS = [["alpha", "1.5", "3"], ["b", "-22.25", "10"]]


def test_columns_are_two_spaces_apart_first_left_others_right():
    assert text_table(HEADER, ROWS).splitlines() == [
        "name    value   n",
        "alpha     1.5   3",
        "b      -22.25  10",
    ]


def test_first_column_right_aligned_when_first_left_is_false():
    lines = text_table(HEADER, ROWS, first_left=False).splitlines()
    assert lines[0] == " name   value   n"
    assert lines[2] == "    b  -22.25  10"


def test_rule_is_dashes_as_wide_as_each_column():
    lines = text_table(HEADER, ROWS, rule=True).splitlines()
    assert len(lines) == 4
    assert lines[1] == "-----  ------  --"
    assert text_table(HEADER, ROWS).splitlines()[1] == lines[2]  # the rule only inserts a line


def test_trailing_blanks_are_stripped_and_empty_cells_kept():
    text = text_table(["a", "long header"], [["x", ""], ["", "1"]])
    assert text.splitlines() == ["a  long header", "x", "             1"]
    assert all(line == line.rstrip() for line in text.splitlines())


def test_header_only_table():
    assert text_table(["a", "bb"], []) == "a  bb"
    assert (
        html_table(["a"], []) == "<table><thead><tr><th>a</th></tr></thead><tbody></tbody></table>"
    )


def test_html_table_structure():
    page = html_table(HEADER, ROWS)
    assert page == (
        "<table><thead><tr><th>name</th><th>value</th><th>n</th></tr></thead><tbody>"
        "<tr><td>alpha</td><td>1.5</td><td>3</td></tr>"
        "<tr><td>b</td><td>-22.25</td><td>10</td></tr></tbody></table>"
    )


@pytest.mark.parametrize(
    "raw, escaped",
    [("<b>", "&lt;b&gt;"), ("a & b", "a &amp; b"), ('"q"', "&quot;q&quot;"), ("it's", "it&#x27;s")],
)
def test_html_cells_and_header_are_escaped(raw, escaped):
    page = html_table([raw], [[raw]])
    assert f"<th>{escaped}</th>" in page and f"<td>{escaped}</td>" in page
    assert raw not in page.replace(escaped, "")

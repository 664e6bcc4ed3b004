"""Unit tests of idm_data.search.query: what a reader types, read into FTS5, or a friendly message."""

import itertools

import pytest

from idm_data.search import query as q


def expression(text: str, expand=lambda prefix: None) -> str:
    return q.expression(q.parse(text), expand)


@pytest.mark.parametrize("text, expected", [
    ("migrant", '"migrant"'),
    ("migrants health", '"migrants" AND "health"'),
    ('"whole of society"', '"whole of society"'),
    ("whole-of-society", '"whole-of-society"'),  # punctuation inside a word only separates tokens
    ("vulnerab*", '"vulnerab"*'),
    ('"whole of soc"*', '"whole of soc"*'),
    ("refugees OR migrants", '"refugees" OR "migrants"'),
    ("migrants NOT labour", '"migrants" NOT "labour"'),
    ("migrants AND NOT labour", '"migrants" NOT "labour"'),  # FTS5 only knows the second form
    ("migrants (health OR labour)", '"migrants" AND ( "health" OR "labour" )'),
    ("NEAR(migrants health, 5)", 'NEAR("migrants" "health", 5)'),
    ("NEAR(migrants health)", f'NEAR("migrants" "health", {q.NEAR_DISTANCE})'),
    ('NEAR("civil society" vulnerab*, 3)', 'NEAR("civil society" "vulnerab"*, 3)'),
    ("migrants, refugees", '"migrants" AND "refugees"'),  # a comma separates words
    ("and or not", '"and" AND "or" AND "not"'),  # operators only in capitals
    ("text:migrant", '"text:migrant"'),  # no FTS5 column filter
    ("^migrant", '"^migrant"'),
    ("migrant -labour + x", '"migrant" AND "-labour" AND "x"'),
    ("<script>alert(1)</script>", '"<script>alert" AND ( "1" ) AND "</script>"'),
    ("migrant\x00\x1f", '"migrant"'),
    ("migrants !!! refugees", '"migrants" AND "refugees"'),
])
def test_expression(text, expected):
    assert expression(text) == expected


def test_prefix_expanded_to_the_written_words():
    words = {"vulnerab": ["vulnerable", "vulnerability"]}
    assert expression("migrant vulnerab*", words.get) == '"migrant" AND ("vulnerable" OR "vulnerability")'
    assert expression("unknown*", words.get) == '"unknown"*'  # no list: FTS5's own prefix match
    # inside a phrase or NEAR, FTS5 cannot take an OR: its own prefix match
    assert expression('NEAR(migrant vulnerab*)', words.get) == f'NEAR("migrant" "vulnerab"*, {q.NEAR_DISTANCE})'


@pytest.mark.parametrize("text, message", [
    ('"', q.UNCLOSED_QUOTE),
    ('"whole of society', q.UNCLOSED_QUOTE),
    ('whole of society"', q.UNCLOSED_QUOTE),
    ('"a" "b" "c', q.UNCLOSED_QUOTE),
    ("*", q.LONE_STAR),
    ("migrant *", q.LONE_STAR),
    ('""*', q.LONE_STAR),
    ("-*", q.LONE_STAR),
    ("", q.NO_WORDS),
    ('""', q.NO_WORDS),
    ("!!! ,,, ...", q.NO_WORDS),
    ("\x00", q.NO_WORDS),
    ("NOT", "NOT needs words before it, e.g. migrants NOT labour."),
    ("NOT labour", "NOT needs words before it, e.g. migrants NOT labour."),
    ("(NOT labour)", "NOT needs words before it, e.g. migrants NOT labour."),
    ("migrants NOT", "NOT needs words after it, e.g. migrants NOT labour."),
    ("AND", "AND needs words before it, e.g. refugees AND migrants."),
    ("OR migrants", "OR needs words before it, e.g. refugees OR migrants."),
    ("refugees OR", "OR needs words after it, e.g. refugees OR migrants."),
    ("(refugees OR) migrants", "OR needs words after it, e.g. refugees OR migrants."),
    ("refugees AND OR migrants", "OR needs words before it, e.g. refugees OR migrants."),
    ("refugees OR NOT migrants", "NOT cannot follow another operator: write (refugees OR migrants) NOT labour."),
    ("()", q.EMPTY_PARENS),
    ("(", q.UNCLOSED_PAREN),
    ("(migrants", q.UNCLOSED_PAREN),
    (")", q.UNOPENED_PAREN),
    ("migrants)(", q.UNOPENED_PAREN),
    ("NEAR(", q.NEAR_FORM),
    ("NEAR()", q.NEAR_FORM),
    ("NEAR(migrants)", q.NEAR_FORM),
    ("NEAR(migrants health", q.NEAR_FORM),
    ("NEAR(migrants AND health)", q.NEAR_FORM),
    ("NEAR(migrants health, 5, 6)", q.NEAR_FORM),
    ("NEAR(migrants (health))", q.NEAR_FORM),
    ("NEAR(migrants health, x)", q.NEAR_DISTANCE_FORM),
    ("NEAR(migrants health, -1)", q.NEAR_DISTANCE_FORM),
    ("NEAR(migrants health, 5*)", q.NEAR_DISTANCE_FORM),
])
def test_malformed_queries_get_a_message(text, message):
    with pytest.raises(q.QueryProblem) as problem:
        q.parse(text)
    assert str(problem.value) == message


PIECES = ["migrant", '"', "(", ")", "*", "AND", "OR", "NOT", "NEAR(", ",", "5", '"a b"']


def test_every_short_query_is_read_or_explained():
    """Every sequence of up to three pieces either parses to an expression or raises QueryProblem
    (FTS5 acceptance of what parses is checked in test_fulltext)."""
    for n in range(1, 4):
        for pieces in itertools.product(PIECES, repeat=n):
            text = " ".join(pieces)
            try:
                assert expression(text)
            except q.QueryProblem as problem:
                assert str(problem)

"""A reader's search query, read into an FTS5 expression.

Owns the syntax offered to readers and its friendly messages: words (the
index matches them on their stems, so "migrant" finds "migrants"), prefixes
(`vulnerab*`), quoted phrases, AND / OR / NOT (in capitals), NEAR(a b, N)
and parentheses; words side by side must all occur. Every word is quoted in
the expression, so punctuation inside it (`whole-of-society`, `text:foo`,
`^x`) only separates tokens and is never FTS5 syntax. A query that cannot be
read raises `QueryProblem`, whose text is meant for the reader. Does not run
the query (that is `fulltext`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator, Union

OPERATORS = ("AND", "OR", "NOT")
NEAR_DISTANCE = 10  # FTS5's default when NEAR( ) gives none
SYNTAX_HELP = ('Words (all must occur; "migrant" also finds "migrants"), "quoted phrases", prefixes (vulnerab*), '
               "AND, OR, NOT in capitals, parentheses, and NEAR(word word, 5) for words at most 5 words apart.")


class QueryProblem(ValueError):
    """A query that cannot be read; its text is the message for the reader."""


@dataclass(frozen=True)
class Term:
    """A word or a quoted phrase, as typed; `prefix` if a * follows it."""
    text: str
    prefix: bool = False


@dataclass(frozen=True)
class Near:
    terms: tuple[Term, ...]
    distance: int = NEAR_DISTANCE


Token = Union[Term, Near, str]  # a str is an operator or a parenthesis

_LEX = re.compile(r'''
    "(?P<phrase>[^"]*)"(?P<phrase_star>\*?)
  | (?P<unclosed>")
  | NEAR\s*(?P<near>\()
  | (?P<open>\()
  | (?P<close>\))
  | (?P<comma>,)
  | (?P<star>\*)
  | (?P<word>[^\s"(),*]+)(?P<word_star>\*?)
  | \s+
''', re.X)
_KINDS = ("phrase", "unclosed", "near", "open", "close", "comma", "star", "word")
_TOKEN_CHAR = re.compile(r"[^\W_]")  # a letter or digit: what the tokenizer keeps
_WORD_RUN = re.compile(r"[^\W_]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_DIGITS = re.compile(r"\d{1,4}")

UNCLOSED_QUOTE = 'A quotation mark is not closed: put a phrase between two of them, e.g. "whole of society".'
LONE_STAR = "A * must follow the start of a word, with no space: vulnerab* finds vulnerable and vulnerability."
NO_WORDS = "The query has no words to search for: type a word, e.g. diaspora."
NEAR_FORM = "NEAR needs two or more words in parentheses and, if you like, a distance: NEAR(migrants health, 5)."
NEAR_DISTANCE_FORM = "The distance in NEAR(…, N) must be a whole number of words, e.g. NEAR(migrants health, 5)."
UNCLOSED_PAREN = "A parenthesis is not closed: every ( needs its )."
UNOPENED_PAREN = "A closing parenthesis has no opening one: every ) needs its (."
EMPTY_PARENS = "Empty parentheses: put words in them, e.g. (refugees OR migrants)."
UNREADABLE = "This query could not be read. " + SYNTAX_HELP


def _needs_words(operator: str, where: str) -> str:
    example = "migrants NOT labour" if operator == "NOT" else f"refugees {operator} migrants"
    return f"{operator} needs words {where} it, e.g. {example}."


def _lex(text: str) -> Iterator[tuple[str, str, bool]]:
    """(kind, text, starred) for each piece of the query."""
    for found in _LEX.finditer(_CONTROL.sub(" ", text)):
        kind = next((k for k in _KINDS if found.group(k) is not None), None)
        if kind in ("phrase", "word"):
            yield kind, found.group(kind), bool(found.group(f"{kind}_star"))
        elif kind:
            yield kind, "", False


def _term(kind: str, text: str, starred: bool) -> Token | None:
    """A word or phrase; an operator; None for punctuation alone."""
    if kind == "word" and text in OPERATORS and not starred:
        return text
    if not _TOKEN_CHAR.search(text):
        if starred:
            raise QueryProblem(LONE_STAR)
        return None
    return Term(text, starred)


def _near(pieces: list[tuple[str, str, bool]], start: int) -> tuple[Near, int]:
    """NEAR( terms [, distance] ): the group and the index after its `)`."""
    terms, distance, i = [], NEAR_DISTANCE, start
    while i < len(pieces) and pieces[i][0] in ("word", "phrase"):
        term = _term(*pieces[i])
        if isinstance(term, str):
            raise QueryProblem(NEAR_FORM)
        terms += [term] if term else []
        i += 1
    if i + 1 < len(pieces) and pieces[i][0] == "comma":
        if pieces[i + 1][0] != "word" or not _DIGITS.fullmatch(pieces[i + 1][1]) or pieces[i + 1][2]:
            raise QueryProblem(NEAR_DISTANCE_FORM)
        distance, i = int(pieces[i + 1][1]), i + 2
    if i >= len(pieces) or pieces[i][0] != "close" or len(terms) < 2:
        raise QueryProblem(NEAR_FORM)
    return Near(tuple(terms), distance), i + 1


def _tokens(text: str) -> list[Token]:
    pieces, out, i = list(_lex(text)), [], 0
    while i < len(pieces):
        kind = pieces[i][0]
        if kind == "near":
            near, i = _near(pieces, i + 1)
            out.append(near)
            continue
        if kind == "unclosed":
            raise QueryProblem(UNCLOSED_QUOTE)
        if kind == "star":
            raise QueryProblem(LONE_STAR)
        token = {"open": "(", "close": ")"}.get(kind) or (_term(*pieces[i]) if kind != "comma" else None)
        if token:
            out.append(token)
        i += 1
    return out


def _without_and_before_not(tokens: list[Token]) -> list[Token]:
    """"a AND NOT b" means "a NOT b" (FTS5 accepts only the second)."""
    return [t for t, after in zip(tokens, tokens[1:] + [None]) if not (t == "AND" and after == "NOT")]


def _check(tokens: list[Token]) -> None:
    depth, previous = 0, None
    for token in tokens:
        if token == ")":
            if depth == 0:
                raise QueryProblem(UNOPENED_PAREN)
            if previous == "(":
                raise QueryProblem(EMPTY_PARENS)
            depth -= 1
        elif token == "(":
            depth += 1
        if token in OPERATORS and previous in (None, "(", *OPERATORS):
            raise QueryProblem(_needs_words(token, "before") if previous in (None, "(") or token != "NOT"
                               else "NOT cannot follow another operator: write (refugees OR migrants) NOT labour.")
        if token == ")" and previous in OPERATORS:
            raise QueryProblem(_needs_words(previous, "after"))
        previous = token
    if depth:
        raise QueryProblem(UNCLOSED_PAREN)
    if previous in OPERATORS:
        raise QueryProblem(_needs_words(previous, "after"))
    if not any(isinstance(t, (Term, Near)) for t in tokens):
        raise QueryProblem(NO_WORDS)


def parse(text: str) -> list[Token]:
    """The query's words, phrases, NEAR groups, operators and parentheses, checked;
    raises QueryProblem (with the reader's message) if it cannot be read."""
    tokens = _without_and_before_not(_tokens(text))
    _check(tokens)
    return tokens


def _quoted(term: Term) -> str:
    return f'"{term.text}"' + ("*" if term.prefix else "")


def _fts(token: Token, expand: Callable[[str], list[str] | None]) -> str:
    if isinstance(token, Near):
        return f"NEAR({' '.join(_quoted(t) for t in token.terms)}, {token.distance})"
    if isinstance(token, str):
        return token
    runs = _WORD_RUN.findall(token.text)
    words = expand(runs[0]) if token.prefix and len(runs) == 1 else None  # a phrase keeps FTS5's prefix
    return f"({' OR '.join(_quoted(Term(w)) for w in words)})" if words else _quoted(token)


def _is_operand_end(token: Token) -> bool:
    return isinstance(token, (Term, Near)) or token == ")"


def _is_operand_start(token: Token) -> bool:
    return isinstance(token, (Term, Near)) or token == "("


def expression(tokens: list[Token], expand: Callable[[str], list[str] | None] = lambda prefix: None) -> str:
    """The FTS5 MATCH expression of parsed tokens. `expand(prefix)` may give the
    indexed words a prefix term stands for (None: FTS5's own prefix match)."""
    parts: list[str] = []
    for before, token in zip([None] + tokens, tokens):
        if before is not None and _is_operand_end(before) and _is_operand_start(token):
            parts.append("AND")  # FTS5 needs it before a parenthesis; explicit everywhere
        parts.append(_fts(token, expand))
    return " ".join(parts)

"""The `filter` of LaunchDarkly's segment listing, turned into one SQL condition:

  expression  := conjunction ( "|" conjunction )*       ; | is OR
  conjunction := term ( "," term )*                      ; , is AND, and binds tighter than |
  term        := "(" expression ")" | field operator [ value ]
  value       := a JSON value (["a", "b"], "text", true) or a bare word (toggle)

Fields and operators as LaunchDarkly documents them: query equals (key, name or description contains, case-
insensitive; a list matches any), tags anyOf, includedKeys anyOf, excludedKeys anyOf, unbounded equals,
external exists. Anything else is a 400 that says where and what is accepted."""
import json
import re

from . import errors
from .listing_query import MAX_FILTER_LENGTH, contains_ignoring_case

MAX_DEPTH = 8
MAX_PARAMETERS = 300  # far below SQLite's limit on bound parameters
OPERATORS = {"query": "equals", "tags": "anyOf", "includedKeys": "anyOf", "excludedKeys": "anyOf",
             "unbounded": "equals", "external": "exists"}
WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
BARE_VALUE = re.compile(r"[A-Za-z0-9_.:@-]+")


def _has_lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


class _Parser:
    def __init__(self, text: str):
        self.text, self.at, self.params = text, 0, []

    def fail(self, what: str, at: int | None = None):
        where = self.at if at is None else at
        raise errors.bad_request(f"Bad filter at character {where + 1}: {what}. A filter is field operator value "
                                 f"terms joined by , (and) and | (or), with fields "
                                 + ", ".join(f"{field} {operator}" for field, operator in OPERATORS.items()))

    def skip_spaces(self):
        while self.at < len(self.text) and self.text[self.at] == " ":
            self.at += 1

    def peek(self) -> str:
        self.skip_spaces()
        return self.text[self.at:self.at + 1]

    def expression(self, depth: int) -> str:
        if depth > MAX_DEPTH:
            self.fail(f"more than {MAX_DEPTH} nested parentheses")
        parts = [self.conjunction(depth)]
        while self.peek() == "|":
            self.at += 1
            parts.append(self.conjunction(depth))
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"

    def conjunction(self, depth: int) -> str:
        parts = [self.term(depth)]
        while self.peek() == ",":
            self.at += 1
            parts.append(self.term(depth))
        return parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"

    def term(self, depth: int) -> str:
        if self.peek() == "(":
            self.at += 1
            inner = self.expression(depth + 1)
            if self.peek() != ")":
                self.fail("expected )")
            self.at += 1
            return inner
        field, at = self.word("a field")
        if field not in OPERATORS:
            self.fail(f"unknown field {field[:40]!r}", at)
        operator, at = self.word("an operator")
        if operator != OPERATORS[field]:
            self.fail(f"{field} takes the operator {OPERATORS[field]}, not {operator[:40]!r}", at)
        return self.condition(field)

    def word(self, what: str) -> tuple[str, int]:
        """The next word and where it starts."""
        self.skip_spaces()
        match = WORD.match(self.text, self.at)
        if not match:
            self.fail(f"expected {what}")
        self.at = match.end()
        return match.group(), match.start()

    def value(self, required: bool = True):
        self.skip_spaces()
        if self.at >= len(self.text) or self.text[self.at] in ",|)":
            if required:
                self.fail("expected a value")
            return None
        try:
            value, self.at = json.JSONDecoder().raw_decode(self.text, self.at)
            return value
        except (ValueError, RecursionError):  # RecursionError: a deeply nested list
            match = BARE_VALUE.match(self.text, self.at)
            if not match:
                self.fail("expected a value: a JSON string, list or boolean, or a bare word")
            self.at = match.end()
            return match.group()

    def strings(self, field: str) -> list[str]:
        value = self.value()
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
            self.fail(f"{field} takes a string or a non-empty list of strings")
        if any(_has_lone_surrogate(value) for value in values):
            self.fail(f"{field} has a string that is not Unicode text (a lone surrogate escape)")
        if len(self.params) + 3 * len(values) > MAX_PARAMETERS:
            self.fail(f"more than {MAX_PARAMETERS} values")
        return values

    def boolean(self, field: str, required: bool = True) -> bool:
        value = self.value(required)
        if value is None:
            return True
        if not isinstance(value, bool):
            self.fail(f"{field} takes true or false")
        return value

    def condition(self, field: str) -> str:
        if field == "unbounded":
            self.params.append(int(self.boolean(field)))
            return "unbounded = ?"
        if field == "external":  # the mock has no synced segments
            return "0" if self.boolean(field, required=False) else "1"
        values = self.strings(field)
        marks = ", ".join("?" * len(values))
        if field == "query":
            conditions = []
            for value in values:
                condition, parameters = contains_ignoring_case(("key", "name", "description"), value)
                conditions.append(condition)
                self.params += parameters
            return "(" + " OR ".join(conditions) + ")"
        self.params += values
        if field == "tags":
            return f"EXISTS (SELECT 1 FROM json_each(segments.tags) WHERE json_each.value IN ({marks}))"
        return f"key {'IN' if field == 'includedKeys' else 'NOT IN'} ({marks})"


def segment_condition(text: str) -> tuple[str, list]:
    """(SQL condition, parameters) of a segment filter; ("1", []) for none."""
    if not text.strip():
        return "1", []
    if len(text) > MAX_FILTER_LENGTH:
        raise errors.bad_request(f"Query parameter filter is longer than {MAX_FILTER_LENGTH} characters")
    parser = _Parser(text)
    condition = parser.expression(0)
    if parser.peek():
        parser.fail(f"unexpected {parser.text[parser.at:parser.at + 20]!r}")
    return condition, parser.params

"""The query parameters of LaunchDarkly's paged listings: limit and offset, `filter` (comma-separated
field:value pairs) and `sort` (comma-separated fields, `-` for descending), each checked, with a 400 that
names what is accepted."""
from dataclasses import dataclass
from urllib.parse import urlencode

from . import errors
from .request import Request, query_int

MAX_PAGE = 100  # LaunchDarkly's documented largest page; a larger limit is a 400, not silently fewer items
MAX_FILTER_LENGTH = 2000


@dataclass
class Page:
    limit: int
    offset: int


def page_of(request: Request, default_limit: int = 20) -> Page:
    return Page(query_int(request, "limit", default_limit, 1, MAX_PAGE), query_int(request, "offset", 0))


def filters_of(request: Request, accepted: tuple[str, ...]) -> dict[str, str]:
    """{field: value} of `filter`; a brace-enclosed value (creationDate:{"before":1}) may hold commas."""
    text = request.query.get("filter", "")
    if len(text) > MAX_FILTER_LENGTH:
        raise errors.bad_request(f"Query parameter filter is longer than {MAX_FILTER_LENGTH} characters")
    parts, depth, current = [], 0, ""
    for character in text:
        depth += {"{": 1, "}": -1}.get(character, 0)
        if character == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += character
    parts.append(current)
    found = {}
    for part in (p.strip() for p in parts):
        if not part:
            continue
        field, colon, value = part.partition(":")
        if not colon or field not in accepted:
            raise errors.bad_request(f"Unsupported filter {part[:80]!r}: filter is a comma-separated list of "
                                     f"field:value, with fields {', '.join(accepted)}")
        found[field] = value
    return found


def sort_of(request: Request, accepted: tuple[str, ...], default: str) -> list[tuple[str, bool]]:
    """[(field, descending)] of `sort`, or of `default` when absent."""
    fields = []
    for part in (request.query.get("sort") or default).split(","):
        part = part.strip()
        descending = part.startswith("-")
        field = part.lstrip("-")
        if field not in accepted:
            raise errors.bad_request(f"Unsupported sort field {field[:80]!r}: sort by {', '.join(accepted)}, "
                                     "each optionally prefixed by - for descending order")
        fields.append((field, descending))
    return fields


def kept_query(request: Request, names: tuple[str, ...]) -> str:
    """The given parameters of the request, URL-encoded, for the paging links."""
    return urlencode([(name, request.query[name]) for name in names if request.query.get(name)])


def contains_ignoring_case(columns: tuple[str, ...], text: str) -> tuple[str, list]:
    """(SQL condition, parameters): any of `columns` contains `text`, in any case, LIKE's % and _ taken literally."""
    pattern = "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    condition = " OR ".join(f"lower({column}) LIKE ? ESCAPE '\\'" for column in columns)
    return f"({condition})", [pattern] * len(columns)

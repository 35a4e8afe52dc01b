"""Request bodies as JSON, refused with a clear 400 when they could hurt later: nesting deep enough to exhaust
recursion (here, in the core or in a later request), strings that are not Unicode (a lone surrogate cannot
be stored or sent on), and NaN or Infinity (not JSON)."""
import json

from . import errors

MAX_DEPTH = 32


def nesting_depth(raw: bytes, limit: int) -> int:
    """The deepest nesting of arrays and objects (strings skipped), stopping once past limit."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
        elif byte in (0x5D, 0x7D) and depth > 0:
            depth -= 1
    return deepest


def _not_json(constant: str):
    raise ValueError(f"{constant} is not JSON")


def _finite(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"the number {text[:20]} is too large")
    return value


def _check_strings(value) -> None:
    """Every string and key must be encodable as UTF-8 (json.loads lets "\\ud800" through). The walk keeps
    each item's parent, not its path, so it costs what the body does; the path is spelled out on failure."""
    pending = [(value, -1, "")]
    parents = []  # (parent index, key) per container visited
    while pending:
        item, parent, key = pending.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise errors.bad_request(f"Invalid JSON body: the string at {_path(parents, parent, key)} is not "
                                         "valid Unicode (a lone surrogate)")
        elif isinstance(item, (dict, list)):
            parents.append((parent, key))
            here = len(parents) - 1
            if isinstance(item, dict):
                for name, child in item.items():
                    pending.append((name, parent, key))  # a key is checked as a string at its object's place
                    pending.append((child, here, name))
            else:
                pending.extend((child, here, index) for index, child in enumerate(item))


def _path(parents: list, parent: int, key) -> str:
    parts = [key] if parent >= 0 else []
    while parent > 0:
        parent, key = parents[parent]
        parts.append(key)
    return "/" + "/".join(str(part) for part in reversed(parts)) if parts else "/"


def parse(raw: bytes):
    """The JSON value of a request body, or ApiError 400."""
    if nesting_depth(raw, MAX_DEPTH) > MAX_DEPTH:
        raise errors.bad_request(f"Invalid JSON body: nested more than {MAX_DEPTH} levels deep")
    try:
        value = json.loads(raw, parse_constant=_not_json, parse_float=_finite)
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise errors.bad_request(f"Invalid JSON body: {error}")
    _check_strings(value)
    return value

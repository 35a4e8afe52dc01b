"""A request to the mock REST API and its response, and the readers of a request's query and body that every
handler (*_api.py) uses. Routing lives in api.py, which imports the handlers; they import this, not api.py."""
from dataclasses import dataclass, field

from . import errors
from .core_abi import CoreError


@dataclass
class Request:
    method: str
    path: str
    query: dict            # the last value of each query parameter
    headers: dict          # names in lower case
    body: object = None    # parsed JSON, or None
    has_body: bool = False


@dataclass
class Response:
    status: int
    body: object = None
    headers: dict = field(default_factory=dict)


def query_int(request: Request, name: str, default: int, low: int = 0, high: int = 1_000_000) -> int:
    text = request.query.get(name)
    if text is None or text == "":
        return default
    try:
        value = int(text)
    except ValueError:
        raise errors.bad_request(f"Query parameter {name} must be an integer, not {text!r}")
    if not low <= value <= high:
        raise errors.bad_request(f"Query parameter {name} must be between {low} and {high}")
    return value


def query_bool(request: Request, name: str) -> bool:
    text = request.query.get(name, "false").lower()
    if text not in ("true", "false", "1", "0", ""):
        raise errors.bad_request(f"Query parameter {name} must be true or false")
    return text in ("true", "1")


def json_object_body(request: Request) -> dict:
    if not isinstance(request.body, dict):
        raise errors.bad_request("The request body must be a JSON object")
    return request.body


def json_patch_body(request: Request) -> list:
    body = request.body
    if isinstance(body, dict) and "patch" in body:  # PatchWithComment
        body = body["patch"]
    if not isinstance(body, list):
        raise errors.bad_request("The request body must be a JSON Patch array")
    for operation in body:
        if not isinstance(operation, dict) or not isinstance(operation.get("op"), str) \
                or not isinstance(operation.get("path"), str):
            raise errors.bad_request("Each JSON Patch operation needs string \"op\" and \"path\" fields")
    return body


def require_valid_policy(core, policy, where: str) -> None:
    """400 with the core's first error (and its JSON pointer and column) when a policy does not validate."""
    if not isinstance(policy, list):
        raise errors.bad_request(f"{where} must be an array of policy statements")
    try:
        result = core.validate(policy)
    except CoreError as error:
        raise errors.bad_request(f"{where}: {error.describe()}")
    problems = [d for d in result["diagnostics"] if d["severity"] == "error"]
    if problems:
        first = problems[0]
        column = f", column {first['column']}" if first.get("column") else ""
        raise errors.bad_request(f"{where}: {first['message']} (at {first['pointer'] or '/'}{column})")

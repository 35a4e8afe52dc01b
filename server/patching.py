"""JSON Patch (RFC 6902) on the mock's documents, with one rule for every endpoint: each location an operation
reads or writes — its `path`, and the `from` of move and copy — needs the permission of the field it lies
in, and so does every field whose value the patch changed (checked again on the result, so that no
operation can change a field it did not name)."""
import json

from . import errors
from .core_abi import CoreError

OPERATIONS = ("add", "remove", "replace", "move", "copy", "test")
MAX_RESULT_BYTES = 1024 * 1024  # a patched document may be no larger than a request body may be


def top_field(pointer: str, allowed_text: str) -> str:
    """The top-level field a JSON pointer (RFC 6901) lies in, or 400."""
    if not pointer.startswith("/"):
        if pointer == "":
            raise errors.bad_request(f"A patch cannot replace the whole document ({allowed_text} can be changed)")
        raise errors.bad_request(f"{pointer[:100]!r} is not a JSON pointer (it must start with '/')")
    token = pointer[1:].split("/", 1)[0]
    if "~" in token.replace("~0", "").replace("~1", ""):
        raise errors.bad_request(f"{pointer[:100]!r} has a '~' that is neither ~0 nor ~1")
    return token.replace("~1", "/").replace("~0", "~")


def actions_for_locations(operations: list, actions_by_field: dict, allowed_text: str) -> set:
    needed = set()
    for operation in operations:
        if operation["op"] not in OPERATIONS:
            raise errors.bad_request(f"Unknown JSON Patch operation {operation['op'][:40]!r} ({', '.join(OPERATIONS)})")
        locations = [operation["path"]]
        if operation["op"] in ("move", "copy"):
            if not isinstance(operation.get("from"), str):
                raise errors.bad_request(f"A {operation['op']} operation needs a string \"from\"")
            locations.append(operation["from"])
        for location in locations:
            field = top_field(location, allowed_text)
            if field not in actions_by_field:
                raise errors.bad_request(f"{location[:100]} cannot be changed ({allowed_text} can)")
            needed.add(actions_by_field[field])
    return needed


def actions_for_changes(before: dict, after, actions_by_field: dict, allowed_text: str) -> set:
    if not isinstance(after, dict):
        raise errors.bad_request("The patched document must stay a JSON object")
    needed = set()
    missing = object()
    for field in set(before) | set(after):
        if before.get(field, missing) == after.get(field, missing):
            continue
        if field not in actions_by_field:
            raise errors.bad_request(f"/{field} cannot be changed ({allowed_text} can)")
        needed.add(actions_by_field[field])
    return needed


def apply(core, document: dict, operations: list, actions_by_field: dict, allowed_text: str, authorize) -> dict:
    """The patched document. actions_by_field maps each patchable top-level field to the role action it needs;
    authorize(actions) raises (403) when the caller may not do one of them. It is called before the patch is
    applied, with what the operations' locations need, and after, with what the changed fields need beyond."""
    located = actions_for_locations(operations, actions_by_field, allowed_text)
    authorize(located)
    try:
        patched = core.apply_patch(document, operations)
    except CoreError as error:
        if error.kind == "limit":
            raise errors.bad_request(f"{error.message} (at {error.pointer})")
        raise errors.patch_failed(f"Unprocessable entity. {error.message}")
    if len(json.dumps(patched)) > MAX_RESULT_BYTES:
        raise errors.bad_request(f"The patched document would exceed {MAX_RESULT_BYTES} bytes")
    changed = actions_for_changes(document, patched, actions_by_field, allowed_text) - located
    if changed:
        authorize(changed)
    return patched

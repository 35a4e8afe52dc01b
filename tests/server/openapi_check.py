"""A small OpenAPI 3.0 schema checker (standard library only): enough of JSON Schema to hold the mock's
responses to LaunchDarkly's own schemas: $ref, type, required, properties, items, enum, additionalProperties,
allOf/anyOf/oneOf, nullable."""
import json
from pathlib import Path

SPEC = json.loads((Path(__file__).parent / "openapi-subset.json").read_text())

TYPES = {"object": dict, "array": list, "string": str, "boolean": bool}


def resolve(schema: dict) -> dict:
    while "$ref" in schema:
        node = SPEC
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def problems(value, schema: dict, where: str = "") -> list[str]:
    schema = resolve(schema)
    found = []
    if value is None:
        return [] if schema.get("nullable") else [f"{where or '/'}: null where the schema has no nullable"]
    for key in ("allOf",):
        for part in schema.get(key, []):
            found += problems(value, part, where)
    for key in ("anyOf", "oneOf"):
        if key in schema and all(problems(value, part, where) for part in schema[key]):
            found.append(f"{where or '/'}: matches none of {key}")
    kind = schema.get("type")
    if kind == "integer":
        if not isinstance(value, int) or isinstance(value, bool):
            found.append(f"{where or '/'}: expected integer, got {type(value).__name__}")
    elif kind == "number":
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            found.append(f"{where or '/'}: expected number, got {type(value).__name__}")
    elif kind in TYPES and not isinstance(value, TYPES[kind]):
        return found + [f"{where or '/'}: expected {kind}, got {type(value).__name__}"]
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{where or '/'}: {value!r} is not one of {schema['enum']}")
    if isinstance(value, dict):
        for name in schema.get("required", []):
            if name not in value:
                found.append(f"{where}/{name}: required field missing")
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for name, item in value.items():
            if name in properties:
                found += problems(item, properties[name], f"{where}/{name}")
            elif isinstance(extra, dict):
                found += problems(item, extra, f"{where}/{name}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            found += problems(item, schema["items"], f"{where}/{index}")
    return found


def response_schema(path_template: str, method: str, status: int) -> dict | None:
    responses = SPEC["paths"][path_template][method.lower()]["responses"]
    response = responses.get(str(status))
    if response is None:
        return None
    content = resolve(response).get("content", {})
    return content.get("application/json", {}).get("schema")

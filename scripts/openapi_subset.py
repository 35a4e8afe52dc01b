#!/usr/bin/env python3
"""Writes tests/server/openapi-subset.json: the operations of LaunchDarkly's OpenAPI spec that the mock serves,
with every schema they reference, for the conformance tests (which run without the full 2.6 MB spec).

  python3 scripts/openapi_subset.py ../shared/reference/openapi-full.json
"""
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "server" / "openapi-subset.json"
PATHS = [
    "/api/v2/caller-identity", "/api/v2/members", "/api/v2/members/{id}", "/api/v2/projects",
    "/api/v2/projects/{projectKey}", "/api/v2/projects/{projectKey}/environments", "/api/v2/roles",
    "/api/v2/roles/{customRoleKey}", "/api/v2/tokens", "/api/v2/tokens/{id}", "/api/v2/tokens/{id}/reset",
    "/api/v2/versions", "/api/v2/flags/{projectKey}", "/api/v2/flags/{projectKey}/{featureFlagKey}",
    "/api/v2/segments/{projectKey}/{environmentKey}", "/api/v2/segments/{projectKey}/{environmentKey}/{segmentKey}",
    "/api/v2/teams", "/api/v2/teams/{teamKey}", "/api/v2/teams/{teamKey}/roles",
]


def references(node) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"]} if isinstance(node.get("$ref"), str) else set()
        for value in node.values():
            found |= references(value)
        return found
    if isinstance(node, list):
        return set().union(*(references(value) for value in node)) if node else set()
    return set()


def main(full_spec: str) -> int:
    spec = json.loads(Path(full_spec).read_text())
    subset = {key: spec[key] for key in ("openapi", "info", "servers") if key in spec}
    subset["paths"] = {path: spec["paths"][path] for path in PATHS}
    schemas, pending = {}, references(subset["paths"])
    while pending:
        ref = pending.pop()
        name = ref.rsplit("/", 1)[1]
        if name in schemas:
            continue
        schemas[name] = spec["components"]["schemas"][name]
        pending |= references(schemas[name])
    subset["components"] = {"schemas": dict(sorted(schemas.items())),
                            "securitySchemes": spec["components"].get("securitySchemes", {})}
    OUT.write_text(json.dumps(subset, indent=1, sort_keys=True) + "\n")
    print(f"{OUT}: {len(PATHS)} paths, {len(schemas)} schemas")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

"""Rows as the API's JSON representations (shapes from LaunchDarkly's OpenAPI schemas)."""
from .store import loads

JSON_TYPE = "application/json"


def link(href: str) -> dict:
    return {"href": href, "type": JSON_TYPE}


def member_summary(row) -> dict:
    return {"_links": {"self": link(f"/api/v2/members/{row['id']}")}, "_id": row["id"],
            "firstName": row["first_name"], "lastName": row["last_name"], "role": row["role"],
            "email": row["email"]}


def member(row, teams: list[dict] | None = None) -> dict:
    return {
        "_links": {"self": link(f"/api/v2/members/{row['id']}")},
        "_id": row["id"],
        "firstName": row["first_name"],
        "lastName": row["last_name"],
        "role": row["role"],
        "email": row["email"],
        "_pendingInvite": False,
        "_verified": True,
        "customRoles": loads(row["custom_roles"], []),
        "roleAttributes": loads(row["role_attributes"], {}),
        "teams": teams if teams is not None else [],
        "permissionGrants": [],
        "mfa": "disabled",
        "excludedDashboards": [],
        "_lastSeen": row["last_seen"],
        "creationDate": row["creation_date"],
        "version": row["version"],
    }


def token(row, owner_id: str, member_row=None, secret: str | None = None) -> dict:
    """A Token; the full secret only when given (create and reset), otherwise its last four characters."""
    body = {
        "_id": row["id"],
        "ownerId": owner_id,
        "memberId": row["member_id"],
        "name": row["name"],
        "description": row["description"],
        "creationDate": row["creation_date"],
        "lastModified": row["last_modified"],
        "customRoleIds": loads(row["custom_role_ids"], []),
        "inlineRole": loads(row["inline_role"], []) if row["inline_role"] is not None else [],
        "token": secret if secret is not None else row["ending"],
        "serviceToken": bool(row["service_token"]),
        "defaultApiVersion": row["default_api_version"],
        "lastUsed": row["last_used"],
        "_links": {"parent": link("/api/v2/tokens"), "self": link(f"/api/v2/tokens/{row['id']}")},
    }
    if row["role"]:
        body["role"] = row["role"]
    if member_row is not None:
        body["_member"] = member_summary(member_row)
    return body


def role(row, members_count: int = 0, teams_count: int = 0) -> dict:
    return {
        "_id": row["id"],
        "_links": {"self": link(f"/api/v2/roles/{row['key']}"), "parent": link("/api/v2/roles")},
        "key": row["key"],
        "name": row["name"],
        "description": row["description"],
        "policy": loads(row["policy"], []),
        "basePermissions": row["base_permissions"],
        "resourceCategory": row["resource_category"],
        "assignedTo": {"membersCount": members_count, "teamsCount": teams_count},
    }


def environment(row) -> dict:
    project, key = row["project_key"], row["key"]
    return {
        "_links": {"self": link(f"/api/v2/projects/{project}/environments/{key}")},
        "_id": row["id"],
        "key": key,
        "name": row["name"],
        # The server-side and mobile SDK keys are secrets of the real service: the mock makes up fakes.
        "apiKey": f"sdk-mock-{row['id'][:12]}",
        "mobileKey": f"mob-mock-{row['id'][:12]}",
        "color": row["color"],
        "defaultTtl": 0,
        "secureMode": False,
        "defaultTrackEvents": False,
        "requireComments": False,
        "confirmChanges": False,
        "tags": loads(row["tags"], []),
        "critical": bool(row["critical"]),
    }


def project(row, environments: dict | None = None) -> dict:
    body = {
        "_links": {"self": link(f"/api/v2/projects/{row['key']}"),
                   "environments": link(f"/api/v2/projects/{row['key']}/environments")},
        "_id": row["id"],
        "key": row["key"],
        "includeInSnippetByDefault": False,
        "name": row["name"],
        "tags": loads(row["tags"], []),
        "defaultClientSideAvailability": {"usingMobileKey": False, "usingEnvironmentId": False},
    }
    if environments is not None:
        body["environments"] = environments
    return body


def collection(items: list, total: int, path: str, limit: int | None = None, offset: int = 0, query: str = "") -> dict:
    """{items, totalCount, _links}; when paginated, first/prev/next/last as LaunchDarkly gives them: each absent
    where that page does not exist or is this one (no first or prev on the first page, no next or last on the
    last). Past the end, prev is the last page."""
    links = {"self": link(f"{path}?{query}" if query else path)}
    if limit is not None and limit > 0:
        def page(at: int) -> dict:
            extra = f"&{query}" if query else ""
            return link(f"{path}?limit={limit}&offset={at}{extra}")
        last = max(0, (total - 1) // limit * limit)
        if offset > 0:
            links["first"] = page(0)
            links["prev"] = page(min(max(0, offset - limit), last))
        if offset + limit < total:
            links["next"] = page(offset + limit)
        if offset < last:
            links["last"] = page(last)
    return {"items": items, "totalCount": total, "_links": links}


def flag(row, project_key: str) -> dict:
    """A FeatureFlag in summary form (no per-environment configurations)."""
    variations = loads(row["variations"], [])
    body = {
        "name": row["name"],
        "kind": "multivariate" if row["kind"] != "boolean" else "boolean",
        "description": row["description"],
        "key": row["key"],
        "_version": row["version"],
        "creationDate": row["creation_date"],
        "includeInSnippet": False,
        "clientSideAvailability": {"usingMobileKey": False, "usingEnvironmentId": False},
        "variations": [{"_id": f"{row['key']}-{index}", **variation} for index, variation in enumerate(variations)],
        "temporary": bool(row["temporary"]),
        "tags": loads(row["tags"], []),
        "_links": {"parent": link(f"/api/v2/flags/{project_key}"),
                   "self": link(f"/api/v2/flags/{project_key}/{row['key']}")},
        "experiments": {"baselineIdx": 0, "items": []},
        "customProperties": {},
        "archived": row["archived_date"] is not None,
        "deprecated": row["deprecated_date"] is not None,
        "defaults": {"onVariation": 0, "offVariation": len(variations) - 1 if variations else 0},
    }
    if row["archived_date"] is not None:
        body["archivedDate"] = row["archived_date"]
    if row["deprecated_date"] is not None:
        body["deprecatedDate"] = row["deprecated_date"]
    if row["maintainer_id"]:
        body["maintainerId"] = row["maintainer_id"]
    return body


def segment(row, project_key: str, environment_key: str) -> dict:
    """A UserSegment as the listing and the single read give it."""
    path = f"/api/v2/segments/{project_key}/{environment_key}"
    return {
        "name": row["name"],
        "description": row["description"],
        "tags": loads(row["tags"], []),
        "creationDate": row["creation_date"],
        "lastModifiedDate": row["last_modified"],
        "key": row["key"],
        "included": loads(row["included"], []),
        "excluded": loads(row["excluded"], []),
        "_links": {"parent": link(path), "self": link(f"{path}/{row['key']}")},
        "rules": loads(row["rules"], []),
        "version": row["version"],
        "deleted": False,
        "unbounded": bool(row["unbounded"]),
        "generation": 1 if row["unbounded"] else 0,
    }


def team(row, roles: dict | None = None, members: int | None = None, with_role_attributes: bool = False) -> dict:
    """A Team; roles, members and roleAttributes only when expanded, as LaunchDarkly gives them."""
    path = f"/api/v2/teams/{row['key']}"
    body = {
        "key": row["key"],
        "name": row["name"],
        "description": row["description"],
        "_creationDate": row["creation_date"],
        "_lastModified": row["last_modified"],
        "_version": row["version"],
        "_idpSynced": False,
        "_links": {"parent": link("/api/v2/teams"), "roles": link(f"{path}/roles"), "self": link(path)},
    }
    if roles is not None:
        body["roles"] = roles
    if members is not None:
        body["members"] = {"totalCount": members}
    if with_role_attributes:
        body["roleAttributes"] = loads(row["role_attributes"], {})
    return body

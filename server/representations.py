"""Rows as the API's JSON representations (shapes from LaunchDarkly's OpenAPI schemas)."""
from .store import loads

JSON_TYPE = "application/json"


def link(href: str) -> dict:
    return {"href": href, "type": JSON_TYPE}


def member_summary(row) -> dict:
    return {"_links": {"self": link(f"/api/v2/members/{row['id']}")}, "_id": row["id"],
            "firstName": row["first_name"], "lastName": row["last_name"], "role": row["role"],
            "email": row["email"]}


def member(row) -> dict:
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
        "teams": loads(row["teams"], []),
        "mfa": "disabled",
        "excludedDashboards": [],
        "_lastSeen": row["last_seen"],
        "creationDate": row["creation_date"],
        "version": row["version"],
    }

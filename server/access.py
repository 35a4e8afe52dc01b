"""Who the caller is and what it may do. Every permission decision is the core's (through its C ABI):
this module only gathers the caller's roles from the store into the core's JSON forms."""
from dataclasses import dataclass

from . import errors
from .core_abi import Core
from .role_refs import find_role
from .secrets_util import hash_secret
from .store import loads, now_ms

LAST_USED_RESOLUTION_MS = 60_000
MAX_ISSUERS = 8  # tokens a token may be issued through, one after another


def role_json(row) -> dict:
    return {"key": row["key"], "name": row["name"], "policy": loads(row["policy"], []),
            "basePermissions": row["base_permissions"]}


def principal_of(db, member_id: str) -> dict:
    """The member as the core's principal: base role, custom roles, team roles, role attributes, all now."""
    member = db.execute("SELECT * FROM members WHERE id = ?", (member_id,)).fetchone()
    if member is None:
        return {"memberId": member_id, "baseRole": "no_access"}
    custom = []
    for role_id in loads(member["custom_roles"], []):
        row = find_role(db, role_id)
        if row is not None:
            custom.append(role_json(row))
    team_roles = []
    for team_key in loads(member["teams"], []):
        team = db.execute("SELECT * FROM teams WHERE key = ?", (team_key,)).fetchone()
        if team is None:
            continue
        for role_key in loads(team["custom_role_keys"], []):
            row = db.execute("SELECT * FROM roles WHERE key = ?", (role_key,)).fetchone()
            if row is not None:
                team_roles.append({**role_json(row), "roleAttributes": loads(team["role_attributes"], {})})
    return {"memberId": member["id"], "baseRole": member["role"], "customRoles": custom, "teamRoles": team_roles,
            "roleAttributes": loads(member["role_attributes"], {})}


def token_scope_of(db, token) -> dict:
    """The token's own scope as the core's token form; custom roles are read now (editing a role changes
    every token that uses it)."""
    scope = {"kind": "service" if token["service_token"] else "personal"}
    if token["role"]:
        scope["role"] = token["role"]
    elif token["inline_role"] is not None:
        scope["inlinePolicy"] = loads(token["inline_role"], [])
    else:
        roles = []
        for role_id in loads(token["custom_role_ids"], []):
            row = find_role(db, role_id)
            if row is not None:
                roles.append(role_json(row))
        scope["customRoles"] = roles or [{"key": "(deleted roles)", "policy": []}]
    return scope


def subject_of(db, token) -> dict:
    """The core's subject for a stored token: its scope, capped by its member now (personal) or its creator's
    snapshot (service), and by every token it was issued through. Raises 401 for a removed member's token."""
    if not token["service_token"]:
        if db.execute("SELECT 1 FROM members WHERE id = ?", (token["member_id"],)).fetchone() is None:
            raise errors.unauthorized("This token's member has been removed from the account")
        cap = principal_of(db, token["member_id"])
    else:
        cap = loads(token["creator_snapshot"], None) or principal_of(db, token["member_id"])
    return {"member": cap, "token": {**token_scope_of(db, token), "issuedThrough": loads(token["issued_through"], [])}}


@dataclass
class Caller:
    token_id: str
    member_id: str           # the personal token's member, or the service token's creator
    service_token: bool
    token_name: str
    subject: dict            # the core's subject: the token's scope capped by its member (or creator snapshot)

    @property
    def issued_through(self) -> list:
        return self.subject["token"]["issuedThrough"]

    @property
    def own_scope(self) -> dict:
        """The token's scope alone, without the tokens it was issued through."""
        return {k: v for k, v in self.subject["token"].items() if k != "issuedThrough"}

    def resource_of_token(self, token) -> str:
        if token["service_token"]:
            return f"service-token/{token['id']}"
        return f"member/{token['member_id']}:token/{token['id']}"


class Access:
    def __init__(self, store, core: Core):
        self.store = store
        self.core = core

    def authenticate(self, headers: dict) -> Caller:
        secret = headers.get("authorization", "").strip()
        if not secret:
            raise errors.unauthorized("Missing access token: send it in the Authorization header")
        digest = hash_secret(secret)
        now = now_ms()
        with self.store.read() as db:
            token = db.execute(
                "SELECT * FROM tokens WHERE secret_hash = ? OR (previous_secret_hash = ? AND previous_secret_expiry > ?)",
                (digest, digest, now)).fetchone()
            if token is None:
                raise errors.unauthorized()
            subject = subject_of(db, token)
        if now - token["last_used"] > LAST_USED_RESOLUTION_MS:  # at most one write a minute per token
            with self.store.write() as db:
                db.execute("UPDATE tokens SET last_used = ? WHERE id = ?", (now, token["id"]))
        return Caller(token["id"], token["member_id"], bool(token["service_token"]), token["name"], subject)

    def facts(self, subject: dict) -> dict:
        """{"unrestricted", "readsAccount", "overExpansionLimit"} of a subject, from the core."""
        return self.core.facts(subject)

    def issued_through(self, caller: Caller, existing: list, creator_snapshot: dict | None = None) -> list:
        """The issuers of a token that `caller` now creates, re-scopes or takes the secret of: what it had
        (`existing`), the caller's own issuers, and the caller as it is now (its token scope left out when
        that scope allows everything, as then only its member's permissions limit it). Duplicates, and an
        issuer that repeats a service token's creator snapshot, are dropped. 400 past MAX_ISSUERS."""
        entry = {"member": caller.subject["member"]}
        if not self.facts({"member": caller.subject["member"], "token": caller.own_scope})["unrestricted"]:
            entry["token"] = caller.own_scope
        merged = []
        for issuer in [*existing, *caller.issued_through, entry]:
            if issuer in merged or (creator_snapshot is not None and issuer == {"member": creator_snapshot}):
                continue
            merged.append(issuer)
        if len(merged) > MAX_ISSUERS:
            raise errors.bad_request(f"This token would be issued through more than {MAX_ISSUERS} narrower tokens; "
                                     "create it with a token that is not itself limited by others")
        return merged

    def allowed(self, caller: Caller, checks: list[dict]) -> list[bool]:
        return [answer["decision"] == "allow" for answer in self.core.decide(caller.subject, checks)]

    def require(self, caller: Caller, resource: str, action: str, props: dict | None = None) -> None:
        check = {"resource": resource, "action": action}
        if props:
            check["resourceProps"] = props
        if not self.allowed(caller, [check])[0]:
            raise errors.forbidden(f"Forbidden. This token may not {action} on {resource}.")

"""A model-based test of the token rules: long seeded random sequences of API calls, as random demo members
and random tokens created on the way (create, patch with every JSON Patch operation and odd paths, reset and
delete tokens; patch members and roles; garbage bodies), checked after every step:

- every request got an HTTP response, and never a 5xx;
- a project's flags and segments are read exactly when the caller may viewProject on it, a team exactly
  when the caller reads the account, is in the team or may viewTeam on it;
- a response that refused (4xx) changed nothing;
- a secret appears only in a create or reset response, to the token's own member (a service token's creator);
- every token can do no more than its member now (personal; the member rebuilt here from the database) or its
  creator's snapshot (service), and no more than each token it was issued through could when it did so
  (recorded here, by the test, at the moment of the call) — over every action on every resource of the account.

TOKENSCOPE_INVARIANT_SEED and TOKENSCOPE_INVARIANT_STEPS choose the run; a failure prints the seed and step."""
import functools
import json
import os
import random
import re
import time

from server.access import subject_of
from server.core_abi import CoreError
from server.role_refs import find_role
from server.store import loads
from tests.server.harness import CORE, ServerTestCase

SECRET = re.compile(r"api-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
STEPS = int(os.environ.get("TOKENSCOPE_INVARIANT_STEPS", "2500"))
SEED = int(os.environ.get("TOKENSCOPE_INVARIANT_SEED", "20261201"))
TIME_BUDGET_S = float(os.environ.get("TOKENSCOPE_INVARIANT_SECONDS", "400"))
MAX_LIVE_TOKENS = 24
TRACE = os.environ.get("TOKENSCOPE_INVARIANT_TRACE") == "1"
# column -> the action changing it needs ("+": creating a row, "-": deleting one)
TOKEN_FIELD_ACTIONS = {"+": "createAccessToken", "-": "deleteAccessToken", "name": "updateAccessTokenName",
                       "description": "updateAccessTokenDescription", "role": "updateAccessTokenPolicy",
                       "custom_role_ids": "updateAccessTokenPolicy", "inline_role": "updateAccessTokenPolicy",
                       "secret_hash": "resetAccessToken"}
MEMBER_FIELD_ACTIONS = {"+": "createMember", "-": "deleteMember", "role": "updateRole", "custom_roles": "updateCustomRole",
                        "role_attributes": "updateMemberRoleAttributes"}
ROLE_FIELD_ACTIONS = {"+": "createRole", "-": "deleteRole", "name": "updateName", "description": "updateDescription",
                      "policy": "updatePolicy", "base_permissions": "updateBasePermissions"}

RESOURCES = ["*", "proj/*", "proj/checkout", "proj/*;web", "proj/*:env/*", "proj/*:env/production",
             "proj/*:env/*:flag/*", "proj/checkout:env/*;prod:flag/*", "proj/*:env/*;{critical:true}:flag/*",
             "proj/${roleAttribute/projectKeys}:env/*:flag/*", "proj/*:env/*:segment/*", "member/*",
             "member/*:token/*", "service-token/*", "role/*", "role/qa-*", "acct", "team/*"]
ACTIONS = ["*", "viewProject", "updateOn", "update*", "createAccessToken", "resetAccessToken", "deleteAccessToken",
           "updateAccessTokenPolicy", "updateAccessTokenName", "updateAccessTokenDescription", "updateRole", "updateCustomRole",
           "updateMemberRoleAttributes", "updatePolicy", "updateName", "updateDescription", "createRole", "deleteRole"]
TOKEN_PATHS = ["/name", "/description", "/role", "/customRoleIds", "/inlineRole", "/inlineRole/0", "/inlineRole/-",
               "/customRoleIds/0", "", "/", "/_id", "/token", "/serviceToken", "/name/x", "name", "/~1", "/inlineRole/0/effect"]
MEMBER_PATHS = ["/role", "/customRoles", "/customRoles/0", "/customRoles/-", "/roleAttributes",
                "/roleAttributes/projectKeys", "/email", "", "/customRoles/0/x"]
ROLE_PATHS = ["/policy", "/policy/0", "/policy/-", "/name", "/description", "/basePermissions", "/key", "/_id", ""]


class Model:
    """What the test itself knows: the secrets it was given and, per token, what bounds it."""

    def __init__(self):
        self.secrets = {}         # token id -> the secret this test holds for it
        self.issuers = {}         # token id -> [subject of each token it was issued through, at that moment]
        self.creator_bound = {}   # service token id -> its creator's principal when created
        self.demo_tokens = set()  # ids of the owner's and the admin's console tokens
        self.operator = None      # the owner's console token, and the owner: never targets, always able to act
        self.operator_member = None


class InvariantTest(ServerTestCase):
    def setUp(self):
        super().setUp()
        self.random = random.Random(SEED)
        self.model = Model()
        self.contained_cache = {}
        with self.store.read() as db:
            for row in db.execute("SELECT id, member_id FROM tokens WHERE name = 'Demo console'").fetchall():
                email = db.execute("SELECT email FROM members WHERE id = ?", (row["member_id"],)).fetchone()["email"]
                self.model.secrets[row["id"]] = self.tokens[email]
                if email.startswith(("olivia", "adam")):
                    self.model.demo_tokens.add(row["id"])
                if email.startswith("olivia"):
                    self.model.operator, self.model.operator_member = row["id"], row["member_id"]

    # --- the account, as the core's preview reads it

    def account(self, db, self_member: str) -> dict:
        projects = []
        for project in db.execute("SELECT * FROM projects ORDER BY key").fetchall():
            environments = db.execute("SELECT * FROM environments WHERE project_key = ? ORDER BY position",
                                      (project["key"],)).fetchall()
            projects.append({
                "key": project["key"], "tags": loads(project["tags"], []),
                "environments": [{"key": e["key"], "tags": loads(e["tags"], []), "critical": bool(e["critical"])}
                                 for e in environments],
                "flags": [{"key": f["key"], "tags": loads(f["tags"], [])} for f in
                          db.execute("SELECT * FROM flags WHERE project_key = ?", (project["key"],)).fetchall()],
                "segments": [{"environment": s["environment_key"], "key": s["key"], "tags": loads(s["tags"], [])} for s in
                             db.execute("SELECT * FROM segments WHERE project_key = ?", (project["key"],)).fetchall()]})
        return {"projects": projects, "memberId": self_member,
                "members": [r["id"] for r in db.execute("SELECT id FROM members").fetchall()] + ["someone-else"],
                "roles": [r["key"] for r in db.execute("SELECT key FROM roles").fetchall()] + ["other-role"],
                "teams": [r["key"] for r in db.execute("SELECT key FROM teams").fetchall()]}

    def model_principal(self, db, member_id: str) -> dict | None:
        """The member as the policy reference describes it, rebuilt from the database by this test."""
        member = db.execute("SELECT * FROM members WHERE id = ?", (member_id,)).fetchone()
        if member is None:
            return None

        def role(row):
            return {"key": row["key"], "policy": loads(row["policy"], []), "basePermissions": row["base_permissions"]}

        custom = [role(r) for r in (find_role(db, ref) for ref in loads(member["custom_roles"], [])) if r is not None]
        teams = []
        for key in loads(member["teams"], []):
            team = db.execute("SELECT * FROM teams WHERE key = ?", (key,)).fetchone()
            for role_key in loads(team["custom_role_keys"], []) if team else []:
                row = db.execute("SELECT * FROM roles WHERE key = ?", (role_key,)).fetchone()
                if row is not None:
                    teams.append({**role(row), "roleAttributes": loads(team["role_attributes"], {})})
        return {"memberId": member_id, "baseRole": member["role"], "customRoles": custom, "teamRoles": teams,
                "roleAttributes": loads(member["role_attributes"], {})}

    def contained(self, inner: dict, outer: dict, account: dict, account_key: str) -> tuple[bool, dict]:
        """Whether inner allows nothing outer does not, over every action on every resource of the account."""
        key = (json.dumps(inner, sort_keys=True), json.dumps(outer, sort_keys=True), account_key)
        if key not in self.contained_cache:
            diff = CORE.call({"op": "diff", "account": account, "before": outer, "after": inner})
            self.contained_cache[key] = (diff["gained"] == 0, diff)
        return self.contained_cache[key]

    # --- the state, to see that refusals change nothing

    def fingerprint(self) -> dict:
        """table -> primary key -> row (last_used left out: any authenticated call may move it)."""
        state = {}
        with self.store.read() as db:
            for table, key in (("tokens", "id"), ("members", "id"), ("roles", "id"), ("teams", "key")):
                state[table] = {row[key]: {k: self.decoded(row[k]) for k in row.keys() if k != "last_used"}
                                for row in db.execute(f"SELECT * FROM {table}").fetchall()}
        return state

    @staticmethod
    @functools.lru_cache(maxsize=65536)  # the same columns are read before and after every step
    def decoded(value):
        """JSON columns by their value, not their spelling (the core writes object keys in sorted order)."""
        if isinstance(value, str) and value[:1] in ("[", "{"):
            return json.loads(value)
        return value

    def check_changes_were_permitted(self, where, before: dict, after: dict, caller: dict):
        """Every field a successful write changed needs the caller's permission for it: the permission comes from
        what changed, not from what the request said."""
        checks = []
        for table, fields, resource_of in (
                ("tokens", TOKEN_FIELD_ACTIONS,
                 lambda row: f"service-token/{row['id']}" if row["service_token"] else f"member/{row['member_id']}:token/{row['id']}"),
                ("members", MEMBER_FIELD_ACTIONS, lambda row: f"member/{row['id']}"),
                ("roles", ROLE_FIELD_ACTIONS, lambda row: f"role/{row['key']}")):
            old, new = before[table], after[table]
            for key in set(old) | set(new):
                if key not in old:
                    checks.append((resource_of(new[key]), fields["+"]))
                elif key not in new:
                    checks.append((resource_of(old[key]), fields["-"]))
                else:
                    for column, action in fields.items():
                        if column not in "+-" and old[key][column] != new[key][column]:
                            checks.append((resource_of(old[key]), action))
        if not checks or caller is None:
            return
        answers = CORE.call({"op": "decide", "level": "effective", "subject": caller,
                             "checks": [{"resource": r, "action": a} for r, a in checks]})
        for (resource, action), answer in zip(checks, answers):
            self.assertEqual(answer["decision"], "allow", f"{where}: changed {resource} ({action}) without permission")

    # --- random requests

    def policy(self) -> list:
        if self.random.random() < 0.2:  # a narrow token that manages tokens: the shape of every escalation attempt
            return [{"effect": "allow", "resources": ["member/*:token/*", "service-token/*"],
                     "actions": self.random.sample(["createAccessToken", "updateAccessTokenPolicy", "resetAccessToken",
                                                    "updateAccessTokenName", "updateAccessTokenDescription",
                                                    "deleteAccessToken"], 3)},
                    {"effect": "allow", "resources": ["proj/*"], "actions": ["viewProject"]}]
        statements = []
        for _ in range(self.random.randint(1, 3)):
            statement = {"effect": self.random.choice(["allow", "allow", "allow", "deny"])}
            statement["notResources" if self.random.random() < 0.1 else "resources"] = \
                self.random.sample(RESOURCES, self.random.randint(1, 3))
            statement["notActions" if self.random.random() < 0.1 else "actions"] = \
                self.random.sample(ACTIONS, self.random.randint(1, 3))
            statements.append(statement)
        if self.random.random() < 0.3:
            statements.append({"effect": "allow", "resources": ["proj/*"], "actions": ["viewProject"]})
        return statements

    def scope(self, role_keys: list) -> dict:
        choice = self.random.random()
        if choice < 0.35:
            return {"role": self.random.choice(["reader", "writer", "admin", "admin", "owner"])}
        if choice < 0.55 and role_keys:
            return {"customRoleIds": self.random.sample(role_keys, self.random.randint(1, min(2, len(role_keys))))}
        return {"inlineRole": self.policy()}

    def value(self, path: str, role_keys: list):
        r = self.random.random()
        if "inlineRole" in path or "policy" in path:
            return self.policy() if path in ("/inlineRole", "/policy") else self.policy()[0]
        if "customRole" in path:
            return self.random.sample(role_keys, min(len(role_keys), 1)) if path.endswith("s") else self.random.choice(role_keys)
        if path == "/role":
            return self.random.choice(["reader", "writer", "admin", "no_access", "owner"])
        if "roleAttributes" in path:
            return {"projectKeys": ["checkout"]} if path == "/roleAttributes" else self.random.choice([["mobile-app"], []])
        if path == "/basePermissions":
            return self.random.choice(["reader", "no_access", "admin"])
        return self.random.choice(["renamed", "", 5, None, ["x"], {"a": 1}]) if r < 0.3 else f"text {self.random.randint(0, 99)}"

    def operations(self, paths: list, role_keys: list) -> list:
        operations = []
        for _ in range(self.random.randint(1, 3)):
            op = self.random.choice(["add", "remove", "replace", "replace", "move", "copy", "test"])
            operation = {"op": op, "path": self.random.choice(paths)}
            if op in ("move", "copy"):
                operation["from"] = self.random.choice(paths)
            if op in ("add", "replace", "test"):
                operation["value"] = self.value(operation["path"], role_keys)
            operations.append(operation)
        return operations

    def choose_request(self, token_ids: list, member_ids: list, role_keys: list):
        """(method, path, body or raw bytes, kind)."""
        target = self.random.choice(token_ids)
        kind = self.random.choices(
            ["create", "patch", "reset", "delete", "member", "role", "create_role", "read", "garbage"],
            [28, 24, 12, 4, 10, 8, 3, 8, 3])[0]
        if kind == "create" or len(token_ids) < 3:
            body = {"name": f"t{self.random.randint(0, 999)}", **self.scope(role_keys)}
            if self.random.random() < 0.25:
                body["serviceToken"] = True
            return "POST", "/api/v2/tokens", body, "create"
        if kind == "patch" and self.random.random() < 0.4:  # a well-formed change of scope
            field, value = self.random.choice([("role", self.random.choice(["reader", "writer", "admin"])),
                                               ("inlineRole", self.policy())])
            return "PATCH", f"/api/v2/tokens/{target}", [
                {"op": "remove", "path": f"/{other}"} for other in ("role", "inlineRole") if other != field
                and self.random.random() < 0.5] + [{"op": "add", "path": f"/{field}", "value": value}], "patch"
        if kind == "patch" and self.random.random() < 0.2:  # a move or copy between two fields of one shape
            fields = self.random.sample(["/name", "/description"], 2)
            return "PATCH", f"/api/v2/tokens/{target}", [
                {"op": self.random.choice(["move", "copy"]), "from": fields[0], "path": fields[1]}], "patch"
        if kind == "patch":
            return "PATCH", f"/api/v2/tokens/{target}", self.operations(TOKEN_PATHS, role_keys), "patch"
        if kind == "reset":
            expiry = self.random.choice(["", f"?expiry={int(time.time() * 1000) + 3_600_000}", "?expiry=99999999999999999999"])
            return "POST", f"/api/v2/tokens/{target}/reset{expiry}", None, "reset"
        if kind == "delete":
            return "DELETE", f"/api/v2/tokens/{target}", None, "delete"
        if kind == "member":
            member = self.random.choice(member_ids)
            return "PATCH", f"/api/v2/members/{member}", self.operations(MEMBER_PATHS, role_keys), "member"
        if kind == "role":
            return "PATCH", f"/api/v2/roles/{self.random.choice(role_keys)}", self.operations(ROLE_PATHS, role_keys), "role"
        if kind == "create_role":
            key = f"r{self.random.randint(0, 99)}"
            return "POST", "/api/v2/roles", {"key": key, "name": key, "policy": self.policy(),
                                             "basePermissions": self.random.choice(["reader", "no_access"])}, "create_role"
        if kind == "read":
            project = self.random.choice(["checkout", "mobile-app", "search", "platform", "growth"])
            path = self.random.choice(["/api/v2/tokens?showAll=true&limit=100", f"/api/v2/tokens/{target}",
                                       "/api/v2/roles", "/api/v2/members", "/api/v2/caller-identity", "/api/v2/projects",
                                       f"/api/v2/flags/{project}?limit=100&filter=state:live",
                                       f"/api/v2/flags/{project}/dark-mode",
                                       f"/api/v2/segments/{project}/qa?limit=100&filter=tags%20anyOf%20%5B%22beta%22%5D",
                                       f"/api/v2/segments/{project}/production/beta-users",
                                       "/api/v2/teams?expand=members,roleAttributes",
                                       f"/api/v2/teams/{self.random.choice(['qa', 'payments-oncall'])}",
                                       "/api/v2/teams/qa/roles"])
            return "GET", path, None, "read"
        garbage = self.random.choice([b"{", b"[" * 200 + b"]" * 200, b'{"name":"\\ud800","role":"reader"}',
                                      b'{"role":"reader","name":NaN}', bytes(self.random.randrange(256) for _ in range(40))])
        return self.random.choice(["POST", "PATCH"]), self.random.choice(
            ["/api/v2/tokens", f"/api/v2/tokens/{target}", "/api/v2/roles/qa-tester"]), garbage, "garbage"

    # --- the run

    def live_state(self):
        with self.store.read() as db:
            # In the order of insertion: ids are random, and the run must not depend on them.
            tokens = db.execute("SELECT * FROM tokens ORDER BY rowid").fetchall()
            members = [r["id"] for r in db.execute("SELECT id FROM members ORDER BY rowid").fetchall()]
            roles = [r["key"] for r in db.execute("SELECT key FROM roles ORDER BY rowid").fetchall()]
        return tokens, members, roles

    def caller_subject(self, token_id: str):
        with self.store.read() as db:
            row = db.execute("SELECT * FROM tokens WHERE id = ?", (token_id,)).fetchone()
            try:
                return (subject_of(db, row), row) if row is not None else (None, None)
            except Exception:
                return None, row

    def test_random_sequences_keep_every_token_rule(self):
        started = time.monotonic()
        steps = checks = 0
        statuses = {}
        while steps < STEPS:
            self.assertLess(time.monotonic() - started, TIME_BUDGET_S,
                            f"seed {SEED}: only {steps} of {STEPS} steps within {TIME_BUDGET_S} s")
            tokens, member_ids, role_keys = self.live_state()
            live = [row["id"] for row in tokens]
            actors = [token_id for token_id in self.model.secrets if token_id in live]
            strong = [token_id for token_id in actors if token_id in self.model.demo_tokens]
            actor = self.random.choice(strong if strong and self.random.random() < 0.5 else actors)
            # The owner's console token is never a target, so that the account always has someone who can act.
            targets = [token_id for token_id in live if token_id != self.model.operator] or live
            members = [member for member in member_ids if member != self.model.operator_member]
            method, path, body, kind = self.choose_request(targets, members, role_keys)
            if kind == "create" and len(live) >= MAX_LIVE_TOKENS:
                method, path, body, kind = "DELETE", f"/api/v2/tokens/{self.random.choice(targets)}", None, "delete"
            caller, caller_row = self.caller_subject(actor)
            scope_before = self.scope_of(path.split("/")[4]) if kind == "patch" else None
            before = self.fingerprint()
            try:
                if isinstance(body, bytes):
                    status, answer, _, raw = self.request(method, path, raw_body=body, token=self.model.secrets[actor],
                                                          headers={"Content-Type": "application/json"})
                else:
                    status, answer, _, raw = self.request(method, path, body, token=self.model.secrets[actor])
            except Exception as error:  # a dropped connection, a timeout
                self.fail(f"seed {SEED} step {steps}: {method} {path} got no HTTP response: {error!r}")
            where = f"seed {SEED} step {steps}: {method} {path} {json.dumps(body) if not isinstance(body, bytes) else body[:60]!r}"
            statuses[status] = statuses.get(status, 0) + 1
            if TRACE:
                print(f"{where} [actor {actor}] -> {status} {raw[:300]!r}")
            self.assertLess(status, 500, f"{where} -> {status} {answer}")
            if status >= 400:
                self.assertEqual(self.fingerprint(), before, f"{where}: a {status} changed the state")
            self.check_secrets(where, method, path, status, answer, raw, caller_row)
            self.check_read_was_permitted(where, path, status, caller)
            self.record_issuance(kind, status, answer, actor, caller, scope_before)
            after = self.fingerprint()
            if after != before:
                self.check_changes_were_permitted(where, before, after, caller)
                checks += self.check_bounds(where)
            steps += 1
        self.assertGreater(statuses.get(201, 0), 50, statuses)
        self.assertGreater(statuses.get(403, 0), 20, statuses)
        print(f"\ninvariants: seed {SEED}, {steps} steps, {checks} containment checks, "
              f"{len(self.contained_cache)} distinct, statuses {dict(sorted(statuses.items()))}, "
              f"{time.monotonic() - started:.1f} s")

    def check_secrets(self, where, method, path, status, answer, raw, caller_row):
        found = SECRET.findall(raw.decode("utf-8", "replace"))
        if not found:
            return
        issuing = (method == "POST" and ((path == "/api/v2/tokens" and status == 201) or
                                         (path.split("?")[0].endswith("/reset") and status == 200)))
        self.assertTrue(issuing, f"{where}: a secret in a response that issues none")
        self.assertEqual(found, [answer["token"]], f"{where}: a secret other than the one issued")
        self.assertEqual(answer["memberId"], caller_row["member_id"],
                         f"{where}: the secret of a token of another member went to the caller")
        if path.split("?")[0].endswith("/reset"):
            self.assertTrue(caller_row["id"] == answer["_id"] or not caller_row["service_token"],
                            f"{where}: a reset gave another token's secret to a service token")
        self.model.secrets[answer["_id"]] = answer["token"]

    def check_read_was_permitted(self, where, path, status, caller):
        """A project's flags and segments are answered (200) exactly when the caller may viewProject on it (403
        otherwise)."""
        parts = path.split("?")[0].split("/")
        if parts[:4] == ["", "api", "v2", "teams"] and len(parts) >= 5 and caller is not None and status in (200, 403):
            self.check_team_read_was_permitted(where, parts[4], status, caller)
            return
        if parts[:3] != ["", "api", "v2"] or parts[3] not in ("flags", "segments") or caller is None or status not in (200, 403):
            return
        with self.store.read() as db:
            tags = loads(db.execute("SELECT tags FROM projects WHERE key = ?", (parts[4],)).fetchone()["tags"], [])
        check = {"resource": f"proj/{parts[4]}", "action": "viewProject", "resourceProps": {"proj": {"tags": tags}}}
        allowed = CORE.decide(caller, [check])[0]["decision"] == "allow"
        self.assertEqual(status == 200, allowed, f"{where}: answered {status} to a caller the core "
                                                 f"{'allows' if allowed else 'denies'} viewProject")

    def check_team_read_was_permitted(self, where, team, status, caller):
        with self.store.read() as db:
            member = db.execute("SELECT teams FROM members WHERE id = ?", (caller["member"]["memberId"],)).fetchone()
        own = member is not None and team in loads(member["teams"], [])
        allowed = own or CORE.facts(caller)["readsAccount"] or \
            CORE.decide(caller, [{"resource": f"team/{team}", "action": "viewTeam"}])[0]["decision"] == "allow"
        self.assertEqual(status == 200, allowed, f"{where}: answered {status} for team {team}")

    def scope_of(self, token_id: str):
        with self.store.read() as db:
            row = db.execute("SELECT role, custom_role_ids, inline_role FROM tokens WHERE id = ?", (token_id,)).fetchone()
            return tuple(self.decoded(value) for value in row) if row is not None else None

    def record_issuance(self, kind, status, answer, actor, caller, scope_before):
        """Who each token is issued through: its creator, whoever gave it a new scope, whoever took its secret."""
        if caller is None:
            return
        if kind == "create" and status == 201:
            self.model.issuers[answer["_id"]] = [caller]
            if answer["serviceToken"]:
                self.model.creator_bound[answer["_id"]] = caller["member"]
        elif kind == "patch" and status == 200 and self.scope_of(answer["_id"]) != scope_before:
            self.model.issuers.setdefault(answer["_id"], []).append(caller)
        elif kind == "reset" and status == 200 and len(answer["token"]) > 4 and answer["_id"] != actor:
            self.model.issuers.setdefault(answer["_id"], []).append(caller)
        elif kind == "reset" and status == 200 and len(answer["token"]) == 4:
            self.model.secrets.pop(answer["_id"], None)  # rotated for its owner: this test no longer holds it

    def check_bounds(self, where) -> int:
        checks = 0
        with self.store.read() as db:
            rows = db.execute("SELECT * FROM tokens").fetchall()
            accounts = {}  # member id -> (the account as that member's preview reads it, its JSON)
            account = None
            for row in rows:
                try:
                    subject = subject_of(db, row)
                except Exception:
                    self.assertIsNone(self.model_principal(db, row["member_id"]),
                                      f"{where}: token {row['id']} has no subject though its member exists")
                    continue
                if row["member_id"] not in accounts:
                    # One member's account differs from another's by memberId only: read the rest once.
                    account = {**(account or self.account(db, row["member_id"])), "memberId": row["member_id"]}
                    accounts[row["member_id"]] = (account, json.dumps(account, sort_keys=True))
                account, account_key = accounts[row["member_id"]]
                if row["service_token"]:
                    bounds = [("its creator at creation", {"member": self.model.creator_bound[row["id"]]})] \
                        if row["id"] in self.model.creator_bound else []
                else:
                    bounds = [("its member now", {"member": self.model_principal(db, row["member_id"])})]
                bounds += [(f"issuer #{i}", issuer) for i, issuer in enumerate(self.model.issuers.get(row["id"], []))]
                for label, bound in bounds:
                    try:
                        ok, diff = self.contained(subject, bound, account, account_key)
                    except CoreError as error:
                        self.fail(f"{where}: the core refused a stored subject: {error.describe()}")
                    if not ok:
                        gained = [change for change in diff["changes"] if change["gained"]]
                        self.fail(f"{where}: token {row['id']} ({row['name']}) can do more than {label}: "
                                  f"{json.dumps(gained[:3])}\n token: {json.dumps(subject)}\n bound: {json.dumps(bound)}")
                    checks += 1
        return checks

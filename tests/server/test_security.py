"""The token rules against an attacker, over real HTTP: no takeover through reset, no escalation through a
narrower token or a JSON Patch `from`, no role impostor, no cross-origin or rebinding reads of the demo tokens,
no memory bomb, and a 4xx (never a dropped connection) for hostile input."""
import http.client
import json
import resource
import socket
import time
import unittest

from server.proxy import check_upstream
from tests.server.harness import ServerTestCase, captured_server_log

SECRET = r"^api-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$"


class AttackTestCase(ServerTestCase):
    def admin(self):
        return self.token_of("adam.admin")

    def member_id(self, email_prefix: str) -> str:
        return self.request("GET", "/api/v2/members/me", token=self.token_of(email_prefix))[1]["_id"]

    def create(self, token: str, **body):
        status, answer, _, _ = self.request("POST", "/api/v2/tokens", {"name": "t", **body}, token=token)
        self.assertEqual(status, 201, answer)
        return answer

    def inline(self, token: str, *statements, service=False):
        return self.create(token, inlineRole=list(statements), serviceToken=service)

    def give_roles(self, email_prefix: str, *role_keys):
        status, body, _, _ = self.request("PATCH", f"/api/v2/members/{self.member_id(email_prefix)}",
                                          [{"op": "replace", "path": "/customRoles", "value": list(role_keys)}],
                                          token=self.admin())
        self.assertEqual(status, 200, body)

    def can(self, token: str, method: str, path: str, body=None) -> int:
        return self.request(method, path, body, token=token)[0]

    def token_id_named(self, name: str, token: str, owner: str | None = None) -> str:
        """The id of the token of that name (of the member whose email starts with owner, if given)."""
        items = self.request("GET", "/api/v2/tokens?showAll=true&limit=1000", token=token)[1]["items"]
        return next(item["_id"] for item in items
                    if item["name"] == name and (owner is None or item["_member"]["email"].startswith(owner)))


def allow(resources, actions):
    return {"effect": "allow", "resources": resources, "actions": actions}


class ResetTest(AttackTestCase):
    """Finding 1: a reset of someone else's personal token hands over nothing."""

    def test_an_auditor_resetting_the_owners_token_gets_no_secret_and_cannot_act_as_the_owner(self):
        self.give_roles("ravi.reader", "token-auditor")
        owner_token = self.token_of("olivia.owner")
        owner_console = self.token_id_named("Demo console", owner_token, "olivia.owner")
        status, body, _, raw = self.request("POST", f"/api/v2/tokens/{owner_console}/reset",
                                            token=self.token_of("ravi.reader"))
        self.assertEqual(status, 200, body)
        self.assertEqual(len(body["token"]), 4, "only the last four characters")
        self.assertNotRegex(raw.decode(), r"api-[0-9a-f]{8}-")
        self.assertEqual(self.can(owner_token, "GET", "/api/v2/members/me"), 401, "the old secret is cut off")

    def test_an_admin_resets_other_members_tokens_without_seeing_them(self):
        wendy_token = self.token_id_named("Local scripts", self.admin())
        status, body, _, _ = self.request("POST", f"/api/v2/tokens/{wendy_token}/reset", token=self.admin())
        self.assertEqual((status, len(body["token"])), (200, 4))
        status, body, _, _ = self.request("POST", f"/api/v2/tokens/{wendy_token}/reset",
                                          token=self.token_of("wendy.writer"))
        self.assertEqual(status, 200)
        self.assertRegex(body["token"], SECRET, "the owner still gets a secret from their own reset")
        self.assertEqual(self.can(body["token"], "GET", "/api/v2/members/me"), 200)

    def test_a_service_tokens_secret_goes_only_to_its_creator(self):
        self.give_roles("ravi.reader", "token-auditor")
        deploy = self.token_id_named("Deploy pipeline", self.admin())
        status, body, _, _ = self.request("POST", f"/api/v2/tokens/{deploy}/reset", token=self.token_of("ravi.reader"))
        self.assertEqual((status, len(body["token"])), (200, 4))
        status, body, _, _ = self.request("POST", f"/api/v2/tokens/{deploy}/reset", token=self.admin())
        self.assertRegex(body["token"], SECRET)

    def test_the_secret_taken_through_a_narrower_token_is_capped_by_it(self):
        resetter = self.inline(self.admin(), allow(["member/*:token/*"], ["resetAccessToken"]),
                               allow(["proj/*"], ["viewProject"]))["token"]
        broad = self.create(self.admin(), name="broad", role="admin")
        self.assertEqual(self.can(broad["token"], "POST", "/api/v2/roles",
                                  {"key": "before", "name": "b", "policy": []}), 201)
        status, body, _, _ = self.request("POST", f"/api/v2/tokens/{broad['_id']}/reset", token=resetter)
        self.assertEqual(status, 200)
        self.assertRegex(body["token"], SECRET)
        self.assertEqual(self.can(body["token"], "POST", "/api/v2/roles", {"key": "after", "name": "a", "policy": []}), 403,
                         "the reset secret can do no more than the token that took it")

    def test_the_grace_period_is_bounded(self):
        token = self.create(self.token_of("wendy.writer"), role="reader")
        now = int(time.time() * 1000)
        for expiry in ("9223372036854775807", "99999999999999999999", str(now + 31 * 24 * 3600 * 1000), "-5", "soon",
                       "1e12", "0x10"):
            status, body, _, _ = self.request("POST", f"/api/v2/tokens/{token['_id']}/reset?expiry={expiry}",
                                              token=self.token_of("wendy.writer"))
            self.assert_error(status, body, 400, "invalid_request")
        status, body, _, _ = self.request("POST", f"/api/v2/tokens/{token['_id']}/reset", {"expiry": True},
                                          token=self.token_of("wendy.writer"))
        self.assert_error(status, body, 400, "invalid_request")
        self.assertEqual(self.can(token["token"], "GET", "/api/v2/members/me"), 200, "refused resets change nothing")
        status, body, _, _ = self.request("POST", f"/api/v2/tokens/{token['_id']}/reset?expiry={now + 29 * 24 * 3600 * 1000}",
                                          token=self.token_of("wendy.writer"))
        self.assertEqual(status, 200)
        self.assertEqual(self.can(token["token"], "GET", "/api/v2/members/me"), 200, "the old secret is in its grace")
        self.assertEqual(self.can(body["token"], "GET", "/api/v2/members/me"), 200)


class OriginTest(AttackTestCase):
    """Finding 2: only the console's own origin reads /console/*, and only under a name of this server."""

    def test_demo_members_refuse_other_origins(self):
        for headers in ({"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"},
                        {"Origin": "null"}, {"Sec-Fetch-Site": "same-site"}):
            status, body, response_headers, raw = self.request("GET", "/console/demo-members", headers=headers)
            self.assert_error(status, body, 403, "forbidden")
            self.assertNotIn(b"api-", raw)
            self.assertNotIn("access-control-allow-origin", response_headers)
        own = {"Origin": f"http://127.0.0.1:{self.port}", "Sec-Fetch-Site": "same-origin"}
        status, body, headers, _ = self.request("GET", "/console/demo-members", headers=own)
        self.assertEqual(status, 200)
        self.assertEqual(len(body["members"]), 6)
        self.assertNotIn("access-control-allow-origin", headers)

    def test_a_host_header_that_names_another_server_is_refused(self):
        for host in ("evil.example", f"evil.example:{self.port}", "127.0.0.2:80", ""):
            for path in ("/console/demo-members", "/api/v2/members/me", "/"):
                status, body, _, raw = self.request("GET", path, token=self.admin(), headers={"Host": host})
                self.assert_error(status, body, 421, "misdirected_request")
                self.assertNotIn(b"api-", raw)
        for host in (f"localhost:{self.port}", f"127.0.0.1:{self.port}", f"[::1]:{self.port}", f"LOCALHOST:{self.port}"):
            self.assertEqual(self.request("GET", "/console/demo-members", headers={"Host": host})[0], 200, host)

    def test_allowed_host_names_another_host(self):
        port = self.start_server(self.api, allowed_hosts=["tokenscope.test"])
        self.assertEqual(self.request("GET", "/console/config", port=port, headers={"Host": f"tokenscope.test:{port}"})[0], 200)
        self.assertEqual(self.request("GET", "/console/config", port=port, headers={"Host": f"other.test:{port}"})[0], 421)

    def test_the_console_page_cannot_be_framed_and_nothing_is_sniffed(self):
        status, _, headers, _ = self.request("GET", "/")
        if status == 200:  # the console is built
            self.assertIn("frame-ancestors 'none'", headers["content-security-policy"])
        for path in ("/", "/api/v2/members/me", "/console/config", "/no-such-file"):
            headers = self.request("GET", path, token=self.admin())[2]
            self.assertEqual(headers["x-frame-options"], "DENY", path)
            self.assertEqual(headers["x-content-type-options"], "nosniff", path)


class PatchFromTest(AttackTestCase):
    """Finding 3: every location an operation reads or writes needs its field's permission."""

    def test_move_out_of_an_inline_policy_needs_the_policy_permission(self):
        admin_id = self.member_id("adam.admin")
        renamer = self.inline(self.admin(), allow([f"member/{admin_id}:token/*"], ["updateAccessTokenName"]))["token"]
        target = self.inline(self.admin(), allow(["proj/*:env/*:flag/*"], ["*"]),
                             {"effect": "deny", "resources": ["proj/*:env/production:flag/*"], "actions": ["*"]})
        for operation in ({"op": "move", "from": "/inlineRole/1", "path": "/name"},
                          {"op": "copy", "from": "/inlineRole/1", "path": "/name"},
                          {"op": "move", "from": "/inlineRole", "path": "/name"}):
            status, body, _, _ = self.request("PATCH", f"/api/v2/tokens/{target['_id']}", [operation], token=renamer)
            self.assert_error(status, body, 403, "forbidden")
        stored = self.request("GET", f"/api/v2/tokens/{target['_id']}", token=self.admin())[1]
        self.assertEqual(len(stored["inlineRole"]), 2, "the deny is still there")

    def test_a_service_tokens_fixed_policy_cannot_be_moved_into_its_name(self):
        service = self.inline(self.admin(), allow(["proj/*"], ["viewProject"]),
                              {"effect": "deny", "resources": ["proj/secret"], "actions": ["*"]}, service=True)
        status, body, _, _ = self.request("PATCH", f"/api/v2/tokens/{service['_id']}",
                                          [{"op": "move", "from": "/inlineRole/1", "path": "/description"}],
                                          token=self.admin())
        self.assert_error(status, body, 400, "invalid_request")
        self.assertEqual(len(self.request("GET", f"/api/v2/tokens/{service['_id']}", token=self.admin())[1]["inlineRole"]), 2)

    def test_update_description_alone_cannot_edit_a_roles_policy(self):
        status, _, _, _ = self.request("POST", "/api/v2/roles", {"key": "describer", "name": "Describer", "basePermissions": "reader",
                                                                 "policy": [allow(["role/*"], ["updateDescription"])]},
                                       token=self.admin())
        self.assertEqual(status, 201)
        self.give_roles("ravi.reader", "describer")
        before = self.request("GET", "/api/v2/roles/release-manager", token=self.admin())[1]["policy"]
        for operation in ({"op": "move", "from": "/policy/1", "path": "/description"},
                          {"op": "copy", "from": "/policy", "path": "/description"},
                          {"op": "move", "from": "/basePermissions", "path": "/description"}):
            status, body, _, _ = self.request("PATCH", "/api/v2/roles/release-manager", [operation],
                                              token=self.token_of("ravi.reader"))
            self.assert_error(status, body, 403, "forbidden")
        self.assertEqual(self.request("GET", "/api/v2/roles/release-manager", token=self.admin())[1]["policy"], before)
        status, _, _, _ = self.request("PATCH", "/api/v2/roles/release-manager",
                                       [{"op": "replace", "path": "/description", "value": "fine"}],
                                       token=self.token_of("ravi.reader"))
        self.assertEqual(status, 200)

    def test_role_attributes_permission_cannot_drop_a_restricting_custom_role(self):
        status, _, _, _ = self.request("POST", "/api/v2/roles", {"key": "attributes-only", "name": "Attributes", "basePermissions": "reader",
                                                                 "policy": [allow(["member/*"], ["updateMemberRoleAttributes"])]},
                                       token=self.admin())
        self.assertEqual(status, 201)
        self.give_roles("ravi.reader", "attributes-only")
        sam = self.member_id("sam.scoped")
        for operation in ({"op": "move", "from": "/customRoles/0", "path": "/roleAttributes/x"},
                          {"op": "move", "from": "/customRoles", "path": "/roleAttributes/x"},
                          {"op": "move", "from": "/role", "path": "/roleAttributes/x"}):
            status, body, _, _ = self.request("PATCH", f"/api/v2/members/{sam}", [operation], token=self.token_of("ravi.reader"))
            self.assert_error(status, body, 403, "forbidden")
        self.assertEqual(len(self.request("GET", f"/api/v2/members/{sam}", token=self.admin())[1]["customRoles"]), 1)

    def test_pointers_that_are_not_fields_are_400(self):
        token = self.create(self.admin(), role="reader")
        for operation in ({"op": "replace", "path": "", "value": {}}, {"op": "replace", "path": "name", "value": "x"},
                          {"op": "add", "path": "/_id", "value": "x"}, {"op": "add", "path": "/token", "value": "x"},
                          {"op": "add", "path": "/serviceToken", "value": True}, {"op": "add", "path": "/na~2me", "value": 1},
                          {"op": "copy", "path": "/name"}, {"op": "move", "from": "/_id", "path": "/name"},
                          {"op": "frobnicate", "path": "/name"}):
            status, body, _, _ = self.request("PATCH", f"/api/v2/tokens/{token['_id']}", [operation], token=self.admin())
            self.assert_error(status, body, 400, "invalid_request")

    def test_every_field_an_operation_touches_needs_its_own_action(self):
        """For each endpoint, a caller holding exactly one action may touch only that action's field: every
        operation, every combination of path and from."""
        endpoints = {
            "token": ({"name": "updateAccessTokenName", "description": "updateAccessTokenDescription",
                       "inlineRole": "updateAccessTokenPolicy"}, "member/*:token/*"),
            "role": ({"name": "updateName", "description": "updateDescription", "policy": "updatePolicy",
                      "basePermissions": "updateBasePermissions"}, "role/*"),
            "member": ({"role": "updateRole", "customRoles": "updateCustomRole", "roleAttributes": "updateMemberRoleAttributes"},
                       "member/*"),
        }
        checked = 0
        for kind, (fields, specifier) in endpoints.items():
            for granted_field, granted_action in fields.items():
                key = f"only-{kind}-{granted_field}".lower()
                status, body, _, _ = self.request("POST", "/api/v2/roles", {
                    "key": key, "name": key, "basePermissions": "reader",
                    "policy": [allow([specifier], [granted_action]), allow(["proj/*"], ["viewProject"])]}, token=self.admin())
                self.assertEqual(status, 201, body)
                self.give_roles("ravi.reader", key)
                for path_field in fields:
                    for from_field in [None, *fields]:
                        for op in (("add", "replace", "remove", "test") if from_field is None else ("move", "copy")):
                            target = self.fresh_target(kind)
                            operation = {"op": op, "path": f"/{path_field}" + ("/x" if kind == "member" and path_field == "roleAttributes" else "")}
                            if from_field is not None:
                                operation["from"] = f"/{from_field}"
                            if op in ("add", "replace", "test"):
                                operation["value"] = self.value_for(kind, path_field)
                            status, body, _, _ = self.request("PATCH", target, [operation], token=self.token_of("ravi.reader"))
                            touched = {path_field} | ({from_field} if from_field else set())
                            if touched - {granted_field}:
                                self.assert_error(status, body, 403, "forbidden")
                            else:
                                self.assertNotEqual(status, 403, (kind, operation, body))
                            checked += 1
        self.assertGreater(checked, 100)

    def fresh_target(self, kind: str) -> str:
        if kind == "token":  # one of the caller's own tokens
            return f"/api/v2/tokens/{self.inline(self.token_of('ravi.reader'), allow(['proj/*'], ['viewProject']))['_id']}"
        if kind == "role":
            return "/api/v2/roles/release-manager"
        return f"/api/v2/members/{self.member_id('wendy.writer')}"

    @staticmethod
    def value_for(kind: str, field: str):
        return {"inlineRole": [allow(["proj/*"], ["viewProject"])], "policy": [allow(["proj/*"], ["viewProject"])],
                "basePermissions": "reader", "role": "writer", "customRoles": [], "roleAttributes": ["a"]}.get(field, "text")


class RoleKeyTest(AttackTestCase):
    """Finding 4: a key cannot impersonate another role's id."""

    def test_a_key_that_looks_like_an_id_is_refused(self):
        target = self.request("GET", "/api/v2/roles/qa-tester", token=self.admin())[1]
        for key in (target["_id"], "0123456789abcdef01234567"):
            status, body, _, _ = self.request("POST", "/api/v2/roles", {"key": key, "name": "impostor", "policy": []},
                                              token=self.admin())
            self.assert_error(status, body, 400, "invalid_request")
        self.assertEqual(self.request("GET", f"/api/v2/roles/{target['_id']}", token=self.admin())[1]["key"], "qa-tester")
        self.assertEqual(self.request("GET", "/api/v2/roles/qa-tester", token=self.admin())[1]["_id"], target["_id"])
        self.assertEqual(self.request("GET", "/api/v2/roles/0123456789abcdef01234567", token=self.admin())[0], 404)
        status, _, _, _ = self.request("POST", "/api/v2/roles", {"key": "0123456789ABCDEF01234567", "name": "upper", "policy": []},
                                       token=self.admin())
        self.assertEqual(status, 201, "upper-case hex is no id")


class MintingTest(AttackTestCase):
    """Finding 5: a new token never exceeds the token that creates it."""

    def test_a_reader_token_of_an_admin_mints_no_admin_power(self):
        reader = self.create(self.admin(), role="reader")["token"]
        minted = self.create(reader, role="admin")["token"]
        self.assertEqual(self.can(minted, "POST", "/api/v2/roles", {"key": "minted", "name": "m", "policy": []}), 403)
        self.assertEqual(self.can(minted, "GET", "/api/v2/projects"), 200)
        grandchild = self.create(minted, role="admin")["token"]
        self.assertEqual(self.can(grandchild, "PATCH", f"/api/v2/members/{self.member_id('ravi.reader')}",
                                  [{"op": "replace", "path": "/role", "value": "admin"}]), 403)

    def test_a_token_that_may_only_create_service_tokens_mints_no_admin_service_token(self):
        minter = self.inline(self.admin(), allow(["service-token/*"], ["createAccessToken"]))["token"]
        minted = self.create(minter, role="admin", serviceToken=True)["token"]
        self.assertEqual(self.can(minted, "POST", "/api/v2/roles", {"key": "svc", "name": "s", "policy": []}), 403)
        self.assertEqual(self.request("GET", "/api/v2/projects", token=minted)[1]["totalCount"], 0)
        self.assertEqual(self.can(minted, "POST", "/api/v2/tokens", {"role": "reader", "serviceToken": True}), 201,
                         "it keeps what its issuer had: creating service tokens")

    def test_a_token_cannot_rescope_itself_above_itself(self):
        writer = self.create(self.admin(), role="writer")
        self.assertEqual(self.can(writer["token"], "PATCH", f"/api/v2/tokens/{writer['_id']}",
                                  [{"op": "replace", "path": "/role", "value": "admin"}]), 200)
        self.assertEqual(self.can(writer["token"], "POST", "/api/v2/roles", {"key": "self", "name": "s", "policy": []}), 403)

    def test_tokens_created_through_the_console_follow_their_member(self):
        token = self.create(self.token_of("wendy.writer"), role="writer")["token"]
        flag_write = ("PATCH", f"/api/v2/members/{self.member_id('ravi.reader')}",
                      [{"op": "replace", "path": "/role", "value": "reader"}])
        self.assertEqual(self.can(token, *flag_write), 403)
        self.assertEqual(self.can(token, "POST", "/api/v2/tokens", {"role": "reader"}), 201)

    def test_chains_of_narrower_tokens_are_bounded(self):
        token = self.inline(self.admin(), allow(["member/*:token/*"], ["createAccessToken"]),
                            allow(["proj/*"], ["viewProject"]))["token"]
        statuses = []
        for depth in range(10):
            status, body, _, _ = self.request("POST", "/api/v2/tokens", {"name": f"depth {depth}", "inlineRole": [
                allow(["member/*:token/*"], ["createAccessToken"]), allow([f"proj/p{depth}*"], ["viewProject"])]}, token=token)
            statuses.append(status)
            if status != 201:
                self.assert_error(status, body, 400, "invalid_request")
                break
            token = body["token"]
        self.assertEqual(statuses[-1], 400)
        self.assertGreaterEqual(len(statuses), 8)


class MemoryBombTest(AttackTestCase):
    """Finding 6: work per request is bounded."""

    def test_a_doubling_patch_is_400_and_memory_stays_flat(self):
        token = self.create(self.admin(), role="reader")
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        # Each copy puts the whole array inside itself: 24 of them would make 2^24 copies of the statement.
        on_token = [{"op": "remove", "path": "/role"},
                    {"op": "add", "path": "/inlineRole", "value": [allow(["proj/*"], ["viewProject"])]}] + \
                   [{"op": "copy", "from": "/inlineRole", "path": "/inlineRole/0"} for _ in range(24)]
        on_role = [{"op": "copy", "from": "/policy", "path": "/policy/0"} for _ in range(24)]
        for path, patch in ((f"/api/v2/tokens/{token['_id']}", on_token), ("/api/v2/roles/qa-tester", on_role)):
            self.assertLess(len(json.dumps(patch)), 2000)
            status, body, _, _ = self.request("PATCH", path, patch, token=self.admin())
            self.assert_error(status, body, 400, "invalid_request")
        growth_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
        self.assertLess(growth_kib, 200 * 1024, "the server stayed small")
        self.assertEqual(self.can(self.admin(), "GET", "/api/v2/members/me"), 200)

    def test_a_policy_that_expands_past_the_limit_is_refused(self):
        sam = self.member_id("sam.scoped")
        values = [f"v{i}" for i in range(64)]
        status, body, _, _ = self.request("PATCH", f"/api/v2/members/{sam}", [
            {"op": "add", "path": "/roleAttributes/a", "value": values},
            {"op": "add", "path": "/roleAttributes/b", "value": values}], token=self.admin())
        self.assertEqual(status, 200, body)
        bomb = [allow([f"proj/${{roleAttribute/a}}:env/${{roleAttribute/b}}:flag/f{i}"], ["updateOn"]) for i in range(300)]
        started = time.monotonic()
        status, body, _, _ = self.request("POST", "/api/v2/roles", {"key": "bomb", "name": "Bomb", "policy": bomb},
                                          token=self.admin())
        self.assert_error(status, body, 400, "invalid_request")
        status, body, _, _ = self.request("POST", "/api/v2/tokens", {"inlineRole": bomb}, token=self.token_of("sam.scoped"))
        self.assert_error(status, body, 400, "invalid_request")
        # The other way round: a role first, then values that would blow it up.
        one = [allow(["proj/${roleAttribute/c}:env/${roleAttribute/d}:flag/*"], ["updateOn"])]
        self.assertEqual(self.request("POST", "/api/v2/roles", {"key": "cd", "name": "CD", "policy": one},
                                      token=self.admin())[0], 201)
        status, body, _, _ = self.request("PATCH", f"/api/v2/members/{sam}", [
            {"op": "add", "path": "/roleAttributes/c", "value": values + ["w"]},
            {"op": "add", "path": "/roleAttributes/d", "value": values}], token=self.admin())
        self.assert_error(status, body, 400, "invalid_request")
        self.assertLess(time.monotonic() - started, 10)
        started = time.monotonic()
        self.assertEqual(self.can(self.token_of("sam.scoped"), "GET", "/api/v2/tokens"), 200)
        self.assertLess(time.monotonic() - started, 1, "the member's requests stay fast")


class CrashTest(AttackTestCase):
    """Finding 7: what used to drop the connection gets a 4xx, and nothing is stored."""

    def raw(self, method, path, payload: bytes, token=None):
        return self.request(method, path, raw_body=payload, token=token or self.admin(),
                            headers={"Content-Type": "application/json"})

    def test_each_former_crash_is_a_4xx(self):
        token = self.create(self.admin(), role="reader")
        cases = [
            ("PATCH", "/api/v2/roles/qa-tester", json.dumps([{"op": "remove", "path": "/name"}]).encode()),
            ("POST", f"/api/v2/tokens/{token['_id']}/reset?expiry=99999999999999999999", None),
            ("POST", "/api/v2/roles", json.dumps({"key": "cat", "name": "c", "policy": [], "resourceCategory": {"a": 1}}).encode()),
            ("POST", "/api/v2/tokens", b'{"role":"reader","description":"\\ud800"}'),
            ("POST", "/api/v2/roles", b'{"key":"s","name":"\\udfff","policy":[]}'),
            ("POST", "/api/v2/roles", b'{"key":"deep","name":"d","policy":' + b"[" * 1000 + b"]" * 1000 + b"}"),
            ("POST", "/api/v2/tokens", b'{"role":"reader","description":' + b'{"a":' * 1000 + b"1" + b"}" * 1000 + b"}"),
            ("POST", "/api/v2/tokens", b'{"role":"reader","name":NaN}'),
            ("POST", "/api/v2/tokens", b'{"role":"reader","defaultApiVersion":1e999}'),
            ("GET", "/%00", None),
            ("GET", "/api/v2/roles/%00", None),
            ("GET", "/api/v2/tokens?limit=%ff%fe", None),
        ]
        for method, path, payload in cases:
            status, body, _, _ = self.raw(method, path, payload)
            self.assertGreaterEqual(status, 400, (path, payload))
            self.assertLess(status, 500, (path, payload, body))
            self.assertIsInstance(body["message"], str)
        with self.store.read() as db:
            self.assertIsNone(db.execute("SELECT 1 FROM roles WHERE key IN ('cat', 's', 'deep')").fetchone())
        self.assertEqual(self.can(self.admin(), "GET", "/api/v2/roles"), 200)
        self.assertEqual(self.request("GET", "/api/v2/roles/qa-tester", token=self.admin())[1]["name"], "QA tester")

    def test_an_unexpected_failure_still_answers(self):
        original = self.api.handle

        def broken(request):
            raise RuntimeError("boom")

        self.api.handle = broken
        try:
            with captured_server_log():
                status, body, _, _ = self.request("GET", "/api/v2/members/me", token=self.admin())
        finally:
            self.api.handle = original
        self.assert_error(status, body, 500, "internal_error")


class LowFindingsTest(AttackTestCase):
    """Finding 8."""

    def test_control_characters_never_reach_the_log_raw(self):
        with captured_server_log() as stream:
            connection = socket.create_connection(("127.0.0.1", self.port), timeout=5)
            connection.sendall(b"GET /a\x1b[31m\rforged HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % self.port)
            connection.recv(4096)
            connection.close()
            time.sleep(0.2)
        log = stream.getvalue()
        self.assertNotIn("\x1b", log)
        self.assertNotIn("\rforged", log)
        self.assertIn("\\x1b", log)

    def test_content_length_must_be_digits(self):
        for value in ("+7", "7_0", " 7 ", "-1", "0x7", "7.0", "99999999999999999999"):
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            connection.putrequest("POST", "/api/v2/tokens")
            connection.putheader("Content-Length", value)
            connection.putheader("Authorization", self.admin())
            connection.endheaders()
            connection.send(b'{"role":"reader"}'[:7])
            response = connection.getresponse()
            self.assertIn(response.status, (400, 413), value)
            connection.close()

    def test_idle_connections_are_closed_and_cannot_exhaust_the_server(self):
        port = self.start_server(self.api, idle_timeout_s=1)
        idle = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(200)]
        started = time.monotonic()
        status = self.request("GET", "/api/v2/members/me", token=self.admin(), port=port)[0]
        self.assertIn(status, (200, 503))
        self.assertLess(time.monotonic() - started, 3)
        for sock in idle:  # each is answered 503 at once, or closed once idle for 1 s
            sock.settimeout(3)
            try:
                self.assertEqual(sock.recv(4096)[:12] in (b"", b"HTTP/1.1 503"), True)
            except (ConnectionResetError, socket.timeout):
                self.fail("an idle connection was not closed")
            sock.close()
        self.assertEqual(self.request("GET", "/api/v2/members/me", token=self.admin(), port=port)[0], 200)

    def test_upstreams_are_parsed_strictly(self):
        for bad in ("http://[::1]attacker.example", "http://127.0.0.1@evil.example", "http://localhost.evil.example",
                    "http://127.0.0.1:99999", "http://127.0.0.1:8000/path", "http://127.0.0.1:80#x", "http://[::1]:0"):
            with self.assertRaises(ValueError, msg=bad):
                check_upstream(bad)
        for good in ("http://[::1]:9000", "http://127.0.0.1", "https://localhost:8443/"):
            check_upstream(good)

    def test_a_member_without_access_sees_only_what_is_theirs(self):
        quinn = self.token_of("quinn.qa")
        tokens = self.request("GET", "/api/v2/tokens?limit=100", token=quinn)[1]
        self.assertEqual({t["serviceToken"] for t in tokens["items"]}, {False})
        self.assertEqual(tokens["totalCount"], 1, "only Quinn's own Demo console token")
        roles = self.request("GET", "/api/v2/roles", token=quinn)[1]
        self.assertEqual([r["key"] for r in roles["items"]], ["qa-tester"], "the role her team gives her")
        self.assertEqual(self.request("GET", "/api/v2/roles/release-manager", token=quinn)[0], 403)
        deploy = self.token_id_named("Deploy pipeline", self.admin())
        self.assertEqual(self.request("GET", f"/api/v2/tokens/{deploy}", token=quinn)[0], 403)
        reader = self.request("GET", "/api/v2/tokens?limit=100", token=self.token_of("ravi.reader"))[1]
        self.assertIn(True, {t["serviceToken"] for t in reader["items"]}, "readers see service tokens, as documented")


if __name__ == "__main__":
    unittest.main()


class PatchRuleTest(unittest.TestCase):
    """The rule itself, without HTTP: a field that changes needs its action even if no location named it."""

    def test_a_change_no_location_named_is_still_authorized(self):
        from server import patching

        class SneakyCore:  # stands for a JSON Patch implementation that reads pointers differently from the mock
            @staticmethod
            def apply_patch(document, operations):
                return {**document, "name": "x", "policy": []}

        asked = []
        patched = patching.apply(SneakyCore(), {"name": "a", "policy": [1]}, [{"op": "replace", "path": "/name", "value": "x"}],
                                 {"name": "updateName", "policy": "updatePolicy"}, "name, policy", asked.append)
        self.assertEqual(asked, [{"updateName"}, {"updatePolicy"}])
        self.assertEqual(patched["policy"], [])

    def test_pointer_tokens_are_unescaped_before_they_are_judged(self):
        from server import patching
        self.assertEqual(patching.top_field("/a~1b/c", "x"), "a/b")
        self.assertEqual(patching.top_field("/a~0b", "x"), "a~b")
        for bad in ("", "name", "/a~2"):
            with self.assertRaises(Exception):
                patching.top_field(bad, "x")


class StoredSizeTest(ServerTestCase):
    def test_a_patch_cannot_store_more_than_a_body_could_carry(self):
        admin = self.token_of("adam.admin")
        statement = {"effect": "allow", "resources": ["proj/" + "x" * 60_000], "actions": ["viewProject"]}
        grow = [{"op": "replace", "path": "/policy", "value": [statement]}] + \
               [{"op": "copy", "from": "/policy/0", "path": "/policy/-"}] * 20  # 1.2 MB from a 60 KB request
        status, body, _, _ = self.request("PATCH", "/api/v2/roles/qa-tester", grow, token=admin)
        self.assert_error(status, body, 400, "invalid_request")
        self.assertIn("bytes", body["message"])
        many = [{"effect": "allow", "resources": [f"proj/p{i}"], "actions": ["viewProject"]} for i in range(5000)]
        status, body, _, _ = self.request("POST", "/api/v2/roles", {"key": "wide", "name": "Wide", "policy": many}, token=admin)
        self.assert_error(status, body, 400, "invalid_request")
        self.assertIn("4096", body["message"])


class SecondRoundTest(AttackTestCase):
    """What an outside review found after the first round of fixes."""

    def test_a_reset_racing_a_change_of_scope_never_loses_the_issuer(self):
        import threading
        everything = [{"effect": "allow", "resources": ["*"], "actions": ["*"]}]
        rescoper = self.inline(self.admin(), allow(["member/*:token/*"], ["updateAccessTokenPolicy"]))["token"]
        for attempt in range(40):
            target = self.inline(self.admin(), allow(["member/*:token/*"], ["resetAccessToken"]))
            answers = {}

            def patch():
                answers["patch"] = self.request("PATCH", f"/api/v2/tokens/{target['_id']}",
                                                [{"op": "replace", "path": "/inlineRole", "value": everything}], token=rescoper)

            def reset():
                time.sleep(0.0005 * (attempt % 4))
                answers["reset"] = self.request("POST", f"/api/v2/tokens/{target['_id']}/reset", token=target["token"])

            threads = [threading.Thread(target=patch), threading.Thread(target=reset)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            status, body, _, _ = answers["reset"]
            self.assertIn(status, (200, 401, 403, 409), body)  # 403: the new scope, capped, cannot reset
            secret = body["token"] if status == 200 else target["token"]
            self.assertEqual(self.request("GET", "/api/v2/projects", token=secret)[1].get("totalCount", 0), 0,
                             f"attempt {attempt}: the token escaped the token that re-scoped it")

    def test_the_owners_roles_cannot_be_taken_away(self):
        olivia = self.member_id("olivia.owner")
        for patch in ([{"op": "replace", "path": "/customRoles", "value": ["qa-tester"]}],
                      [{"op": "add", "path": "/customRoles/-", "value": "qa-tester"}],
                      [{"op": "replace", "path": "/role", "value": "reader"}]):
            status, body, _, _ = self.request("PATCH", f"/api/v2/members/{olivia}", patch, token=self.admin())
            self.assert_error(status, body, 400, "invalid_request")
        self.assertEqual(self.request("GET", "/api/v2/tokens?showAll=true", token=self.token_of("olivia.owner"))[0], 200)

    def test_checking_strings_costs_what_the_body_does(self):
        body = ('{"' + "k" * 20000 + '":[' + ",".join(["0"] * 20000) + "]}").encode()
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.monotonic()
        status, _, _, _ = self.request("POST", "/api/v2/tokens", raw_body=body, headers={"Content-Type": "application/json"})
        self.assertEqual(status, 401)
        self.assertLess(time.monotonic() - started, 2)
        self.assertLess(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before, 100 * 1024)

    @staticmethod
    def raw_exchange(port: int, payload: bytes) -> bytes:
        """Everything the server sends back until it closes the connection: a server whose idle timeout is short,
        so that reading stops when it does, never before a second answer could come."""
        connection = socket.create_connection(("127.0.0.1", port), timeout=5)
        connection.sendall(payload)
        received = b""
        connection.settimeout(5)
        try:
            while chunk := connection.recv(65536):
                received += chunk
        except socket.timeout:
            pass
        connection.close()
        return received

    def test_a_refused_request_leaves_no_body_to_run_as_another(self):
        port = self.start_server(self.api, idle_timeout_s=0.2)
        host = f"127.0.0.1:{port}".encode()
        smuggled = b"GET /console/demo-members HTTP/1.1\r\nHost: " + host + b"\r\n\r\n"
        for head in (b"POST /console/x HTTP/1.1\r\nOrigin: http://evil.example\r\nSec-Fetch-Site: cross-site\r\n",
                     b"POST /%00 HTTP/1.1\r\n", b"GET /index.html HTTP/1.1\r\n", b"POST /console/config HTTP/1.1\r\n",
                     b"POST /x HTTP/1.1\r\nHost: evil.example\r\n"):
            request = head + (b"" if b"Host:" in head else b"Host: " + host + b"\r\n") + \
                b"Content-Type: text/plain\r\nContent-Length: " + str(len(smuggled)).encode() + b"\r\n\r\n" + smuggled
            received = self.raw_exchange(port, request)
            self.assertEqual(received.count(b"HTTP/1.1 "), 1, (head, received[:300]))
            self.assertNotIn(b"api-", received)
        twice = b"POST /api/v2/tokens HTTP/1.1\r\nHost: " + host + b"\r\nContent-Length: 0\r\nContent-Length: " + \
            str(len(smuggled)).encode() + b"\r\n\r\n" + smuggled
        received = self.raw_exchange(port, twice)
        self.assertTrue(received.startswith(b"HTTP/1.1 400"), received[:100])
        self.assertEqual(received.count(b"HTTP/1.1 "), 1)

    def test_a_client_trickling_bytes_cannot_hold_the_server(self):
        port = self.start_server(self.api, request_deadline_s=0.2)
        slow = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(64)]
        for sock in slow:
            sock.sendall(b"GET /api/v2/members/me HTTP/1.1\r\nX-Slow: ")
        for _ in range(4):  # a byte now and then, well inside the idle timeout, for twice the deadline in all
            time.sleep(0.1)
            for sock in slow:
                try:
                    sock.sendall(b"a")
                except OSError:
                    pass
        self.assertEqual(self.request("GET", "/api/v2/members/me", token=self.admin(), port=port)[0], 200)
        for sock in slow:
            sock.close()

    def test_long_specifiers_and_long_expansions_are_bounded(self):
        status, body, _, _ = self.request("POST", "/api/v2/tokens", {"inlineRole": [
            allow(["proj/" + "a" * 5000], ["viewProject"])]}, token=self.admin())
        self.assert_error(status, body, 400, "invalid_request")
        sam = self.member_id("sam.scoped")
        status, _, _, _ = self.request("PATCH", f"/api/v2/members/{sam}", [
            {"op": "add", "path": "/roleAttributes/big", "value": [f"v{i}" for i in range(1024)]}], token=self.admin())
        self.assertEqual(status, 200)
        started = time.monotonic()
        status, body, _, _ = self.request("POST", "/api/v2/tokens", {"inlineRole": [
            allow(["proj/" + "a" * 900 + "${roleAttribute/big}"], ["viewProject"])]}, token=self.token_of("sam.scoped"))
        self.assert_error(status, body, 400, "invalid_request")
        self.assertLess(time.monotonic() - started, 1)

    def test_odd_digits_and_long_paths_are_4xx(self):
        token = self.create(self.admin(), role="reader")
        for path in (f"/api/v2/tokens/{token['_id']}/reset?expiry=%C2%B2", "/" + "a" * 300, "/" + "%ff" * 100):
            status, body, _, _ = self.request("POST" if "reset" in path else "GET", path, token=self.admin())
            self.assertIn(status, (400, 404), (path, body))
        status, body, _, _ = self.request("POST", f"/api/v2/tokens/{token['_id']}/reset", {"expiry": "\u00b2"}, token=self.admin())
        self.assert_error(status, body, 400, "invalid_request")

    def test_a_service_token_is_never_given_a_personal_tokens_secret(self):
        service = self.inline(self.admin(), allow(["member/*:token/*"], ["resetAccessToken"]),
                              allow(["proj/*"], ["viewProject"]), service=True)["token"]
        personal = self.create(self.admin(), role="reader")
        status, body, _, _ = self.request("POST", f"/api/v2/tokens/{personal['_id']}/reset", token=service)
        self.assertEqual((status, len(body["token"])), (200, 4))
        status, body, _, _ = self.request("POST", f"/api/v2/tokens/{self.token_id_named('t', self.admin(), 'adam')}/reset",
                                          token=service)
        self.assertIn(status, (200, 403))

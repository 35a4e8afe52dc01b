"""/api/v2/tokens over real HTTP: shapes, visibility, the token rules, and every error path."""
import re
import time
import unittest

from tests.server.harness import ServerTestCase

REQUIRED_TOKEN_FIELDS = {"_id": str, "ownerId": str, "memberId": str, "creationDate": int, "lastModified": int,
                         "_links": dict}
OBJECT_ID = re.compile(r"^[0-9a-f]{24}$")


class TokenShapesTest(ServerTestCase):
    def create(self, token_owner="wendy.writer", **body):
        body.setdefault("name", "test token")
        return self.request("POST", "/api/v2/tokens", body, token=self.token_of(token_owner))

    def test_create_returns_the_full_secret_once(self):
        status, body, _, _ = self.create(role="reader", description="for CI")
        self.assertEqual(status, 201, body)
        for field, kind in REQUIRED_TOKEN_FIELDS.items():
            self.assertIsInstance(body[field], kind, field)
        self.assertRegex(body["_id"], OBJECT_ID)
        self.assertRegex(body["token"], r"^api-[0-9a-f-]{36}$")
        self.assertEqual((body["role"], body["serviceToken"], body["description"]), ("reader", False, "for CI"))
        self.assertEqual(body["_member"]["email"], "wendy.writer@example.com")
        self.assertEqual(body["defaultApiVersion"], 20240415)
        status, again, _, _ = self.request("GET", f"/api/v2/tokens/{body['_id']}", token=self.token_of("wendy.writer"))
        self.assertEqual(status, 200)
        self.assertEqual(again["token"], body["token"][-4:])

    def test_the_new_secret_works(self):
        _, body, _, _ = self.create(role="reader")
        status, me, _, _ = self.request("GET", "/api/v2/members/me", token=body["token"])
        self.assertEqual((status, me["email"]), (200, "wendy.writer@example.com"))

    def test_secrets_are_stored_only_as_hashes(self):
        _, body, _, _ = self.create(role="reader")
        with self.store.read() as db:
            dump = "\n".join(db.iterdump())
        self.assertNotIn(body["token"], dump)
        self.assertNotIn(body["token"][4:], dump)

    def test_exactly_one_scope(self):
        for scope in ({}, {"role": "reader", "customRoleIds": ["flag-operator"]},
                      {"role": "reader", "inlineRole": [{"effect": "allow", "resources": ["proj/*"], "actions": ["*"]}]}):
            status, body, _, _ = self.create(**scope)
            self.assert_error(status, body, 400, "invalid_request")

    def test_custom_roles_by_id_or_key(self):
        status, body, _, _ = self.create(customRoleIds=["qa-tester"])
        self.assertEqual(status, 201, body)
        self.assertRegex(body["customRoleIds"][0], OBJECT_ID)
        self.assertNotIn("role", body)

    def test_invalid_values_are_400(self):
        for body in ({"role": "owner"}, {"role": "superuser"}, {"role": 5}, {"customRoleIds": ["no-such-role"]},
                     {"customRoleIds": "qa-tester"}, {"role": "reader", "serviceToken": "yes"},
                     {"role": "reader", "defaultApiVersion": 20990101}, {"role": "reader", "name": 7},
                     {"inlineRole": {"effect": "allow"}}):
            status, answer, _, _ = self.create(**body)
            self.assert_error(status, answer, 400, "invalid_request")

    def test_inline_policy_errors_carry_the_core_location(self):
        status, body, _, _ = self.create(inlineRole=[{"effect": "allow", "resources": ["proj/*:env/*;qa_*:/flag/*"],
                                                      "actions": ["updateOn"]}])
        self.assert_error(status, body, 400, "invalid_request")
        self.assertIn("/0/resources/0, column 19", body["message"])

    def test_body_must_be_a_json_object(self):
        status, body, _, _ = self.request("POST", "/api/v2/tokens", ["role", "reader"], token=self.token_of("wendy.writer"))
        self.assert_error(status, body, 400, "invalid_request")


class TokenListTest(ServerTestCase):
    def test_list_shows_own_personal_and_all_service_tokens(self):
        status, body, _, _ = self.request("GET", "/api/v2/tokens?limit=100", token=self.token_of("wendy.writer"))
        self.assertEqual(status, 200)
        wendy_id = self.request("GET", "/api/v2/members/me", token=self.token_of("wendy.writer"))[1]["_id"]
        for item in body["items"]:
            self.assertTrue(item["serviceToken"] or item["memberId"] == wendy_id, item)
            self.assertEqual(len(item["token"]), 4)
        self.assertEqual(body["totalCount"], len(body["items"]))

    def test_show_all_needs_an_admin_token(self):
        _, writer_all, _, _ = self.request("GET", "/api/v2/tokens?showAll=true&limit=100", token=self.token_of("wendy.writer"))
        _, admin_all, _, _ = self.request("GET", "/api/v2/tokens?showAll=true&limit=100", token=self.token_of("adam.admin"))
        _, admin_own, _, _ = self.request("GET", "/api/v2/tokens?limit=100", token=self.token_of("adam.admin"))
        self.assertGreater(admin_all["totalCount"], admin_own["totalCount"])
        self.assertLess(writer_all["totalCount"], admin_all["totalCount"])

    def test_pagination_links(self):
        for i in range(30):
            self.request("POST", "/api/v2/tokens", {"name": f"t{i}", "role": "reader"}, token=self.token_of("wendy.writer"))
        status, first, _, _ = self.request("GET", "/api/v2/tokens?limit=10", token=self.token_of("wendy.writer"))
        self.assertEqual(status, 200)
        total = first["totalCount"]
        self.assertEqual(len(first["items"]), 10)
        self.assertNotIn("prev", first["_links"])
        self.assertIn("next", first["_links"])
        seen = [item["_id"] for item in first["items"]]
        link = first["_links"]["next"]["href"]
        while link:
            _, page, _, _ = self.request("GET", link, token=self.token_of("wendy.writer"))
            seen += [item["_id"] for item in page["items"]]
            link = page["_links"].get("next", {}).get("href")
        self.assertEqual(len(seen), total)
        self.assertEqual(len(set(seen)), total)
        _, default_page, _, _ = self.request("GET", "/api/v2/tokens", token=self.token_of("wendy.writer"))
        self.assertEqual(len(default_page["items"]), 25)

    def test_bad_pagination_is_400(self):
        for query in ("limit=0", "limit=abc", "offset=-1", "showAll=maybe"):
            status, body, _, _ = self.request("GET", f"/api/v2/tokens?{query}", token=self.token_of("wendy.writer"))
            self.assert_error(status, body, 400, "invalid_request")


class TokenRulesTest(ServerTestCase):
    def new_token(self, owner="wendy.writer", **body):
        body.setdefault("role", "reader")
        status, token, _, _ = self.request("POST", "/api/v2/tokens", body, token=self.token_of(owner))
        self.assertEqual(status, 201, token)
        return token

    def test_personal_token_shrinks_when_its_member_is_downgraded(self):
        writer_token = self.new_token(role="writer")["token"]
        wendy = self.request("GET", "/api/v2/members/me", token=writer_token)[1]["_id"]
        role = {"key": "probe", "name": "Probe", "policy": [{"effect": "allow", "resources": ["role/*"], "actions": ["*"]}]}
        # A writer can't create roles: 403 before and after, but creating its own tokens depends on the member.
        status, _, _, _ = self.request("POST", "/api/v2/tokens", {"role": "reader"}, token=writer_token)
        self.assertEqual(status, 201)
        status, _, _, _ = self.request("PATCH", f"/api/v2/members/{wendy}", [{"op": "replace", "path": "/role", "value": "no_access"}],
                                       token=self.token_of("adam.admin"))
        self.assertEqual(status, 200)
        status, body, _, _ = self.request("POST", "/api/v2/tokens", {"role": "reader"}, token=writer_token)
        self.assert_error(status, body, 403, "forbidden")
        status, body, _, _ = self.request("POST", "/api/v2/roles", role, token=writer_token)
        self.assert_error(status, body, 403, "forbidden")

    def test_personal_tokens_stop_working_when_the_member_is_removed(self):
        token = self.new_token(owner="ravi.reader")["token"]
        ravi = self.request("GET", "/api/v2/members/me", token=token)[1]["_id"]
        status, _, _, _ = self.request("DELETE", f"/api/v2/members/{ravi}", token=self.token_of("adam.admin"))
        self.assertEqual(status, 204)
        status, body, _, _ = self.request("GET", "/api/v2/members/me", token=token)
        self.assert_error(status, body, 401, "unauthorized")

    def test_service_token_keeps_its_creators_permissions_at_creation(self):
        service = self.new_token(owner="adam.admin", role="admin", serviceToken=True)
        adam = service["memberId"]
        status, _, _, _ = self.request("PATCH", f"/api/v2/members/{adam}", [{"op": "replace", "path": "/role", "value": "reader"}],
                                       token=self.token_of("olivia.owner"))
        self.assertEqual(status, 200)
        status, body, _, _ = self.request("POST", "/api/v2/roles",
                                          {"key": "by-service", "name": "By service", "policy": []}, token=service["token"])
        self.assertEqual(status, 201, body)
        status, body, _, _ = self.request("POST", "/api/v2/roles",
                                          {"key": "by-adam", "name": "By Adam", "policy": []}, token=self.token_of("adam.admin"))
        self.assert_error(status, body, 403, "forbidden")

    def test_an_admin_scoped_personal_token_never_exceeds_its_writer_member(self):
        admin_scoped = self.new_token(owner="wendy.writer", role="admin")
        status, body, _, _ = self.request("POST", "/api/v2/roles", {"key": "x", "name": "X", "policy": []},
                                          token=admin_scoped["token"])
        self.assert_error(status, body, 403, "forbidden")

    def test_a_writer_cannot_create_service_tokens(self):
        status, body, _, _ = self.request("POST", "/api/v2/tokens", {"role": "reader", "serviceToken": True},
                                          token=self.token_of("wendy.writer"))
        self.assert_error(status, body, 403, "forbidden")

    def test_service_token_quota(self):
        with self.store.read() as db:
            existing = db.execute("SELECT COUNT(*) FROM tokens WHERE service_token = 1").fetchone()[0]
        for _ in range(200 - existing):
            self.new_token(owner="adam.admin", serviceToken=True)
        status, body, _, _ = self.request("POST", "/api/v2/tokens", {"role": "reader", "serviceToken": True},
                                          token=self.token_of("adam.admin"))
        self.assert_error(status, body, 400, "invalid_request")
        self.assertIn("200", body["message"])

    def test_a_service_tokens_scope_cannot_change(self):
        service = self.new_token(owner="adam.admin", serviceToken=True)
        status, body, _, _ = self.request("PATCH", f"/api/v2/tokens/{service['_id']}",
                                          [{"op": "replace", "path": "/role", "value": "writer"}], token=self.token_of("adam.admin"))
        self.assert_error(status, body, 400, "invalid_request")
        status, body, _, _ = self.request("PATCH", f"/api/v2/tokens/{service['_id']}",
                                          [{"op": "replace", "path": "/name", "value": "renamed"}], token=self.token_of("adam.admin"))
        self.assertEqual((status, body["name"]), (200, "renamed"))

    def test_other_members_tokens(self):
        ravis = self.new_token(owner="ravi.reader")
        status, body, _, _ = self.request("GET", f"/api/v2/tokens/{ravis['_id']}", token=self.token_of("wendy.writer"))
        self.assert_error(status, body, 403, "forbidden")
        status, body, _, _ = self.request("DELETE", f"/api/v2/tokens/{ravis['_id']}", token=self.token_of("wendy.writer"))
        self.assert_error(status, body, 403, "forbidden")
        status, body, _, _ = self.request("GET", f"/api/v2/tokens/{ravis['_id']}", token=self.token_of("adam.admin"))
        self.assertEqual((status, len(body["token"])), (200, 4), "admins see tokens but never their secrets")
        status, _, _, _ = self.request("DELETE", f"/api/v2/tokens/{ravis['_id']}", token=self.token_of("adam.admin"))
        self.assertEqual(status, 204)
        status, _, _, _ = self.request("GET", "/api/v2/members/me", token=ravis["token"])
        self.assertEqual(status, 401)


class TokenPatchResetDeleteTest(ServerTestCase):
    def setUp(self):
        super().setUp()
        status, self.token, _, _ = self.request("POST", "/api/v2/tokens", {"name": "original", "role": "reader"},
                                                token=self.token_of("wendy.writer"))
        self.path = f"/api/v2/tokens/{self.token['_id']}"

    def patch(self, operations):
        return self.request("PATCH", self.path, operations, token=self.token_of("wendy.writer"))

    def test_rename_describe_and_rescope(self):
        status, body, _, _ = self.patch([{"op": "replace", "path": "/name", "value": "renamed"},
                                         {"op": "replace", "path": "/description", "value": "new words"},
                                         {"op": "remove", "path": "/role"},
                                         {"op": "add", "path": "/inlineRole", "value": [
                                             {"effect": "allow", "resources": ["proj/*:env/test:flag/*"], "actions": ["updateOn"]}]}])
        self.assertEqual(status, 200, body)
        self.assertEqual((body["name"], body["description"]), ("renamed", "new words"))
        self.assertNotIn("role", body)
        self.assertEqual(body["inlineRole"][0]["actions"], ["updateOn"])
        self.assertGreater(body["lastModified"], self.token["lastModified"] - 1)

    def test_failed_patches_are_422(self):
        for operations in ([{"op": "remove", "path": "/inlineRole"}], [{"op": "test", "path": "/name", "value": "nope"}],
                           [{"op": "replace", "path": "/name/deeper", "value": 1}]):
            status, body, _, _ = self.patch(operations)
            self.assert_error(status, body, 422, "patch_failed")
        self.assertEqual(self.request("GET", self.path, token=self.token_of("wendy.writer"))[1]["name"], "original")

    def test_forbidden_paths_and_bad_bodies_are_400(self):
        for operations in ([{"op": "replace", "path": "/serviceToken", "value": True}],
                           [{"op": "replace", "path": "/_id", "value": "x"}], [{"op": "replace", "path": "/token", "value": "x"}],
                           {"op": "replace"}, [{"op": "replace"}], [{"op": "replace", "path": "/role", "value": "owner"}],
                           [{"op": "remove", "path": "/role"}]):
            status, body, _, _ = self.patch(operations)
            self.assert_error(status, body, 400, "invalid_request")

    def test_reset_keeps_the_old_secret_until_expiry(self):
        old = self.token["token"]
        expiry = int(time.time() * 1000) + 3_600_000
        status, body, _, _ = self.request("POST", f"{self.path}/reset?expiry={expiry}", token=self.token_of("wendy.writer"))
        self.assertEqual(status, 200, body)
        new = body["token"]
        self.assertNotEqual(new, old)
        self.assertRegex(new, r"^api-")
        self.assertEqual(self.request("GET", "/api/v2/members/me", token=old)[0], 200)
        self.assertEqual(self.request("GET", "/api/v2/members/me", token=new)[0], 200)

    def test_reset_without_expiry_stops_the_old_secret_at_once(self):
        old = self.token["token"]
        status, body, _, _ = self.request("POST", f"{self.path}/reset", {}, token=self.token_of("wendy.writer"))
        self.assertEqual(status, 200)
        self.assertEqual(self.request("GET", "/api/v2/members/me", token=old)[0], 401)
        self.assertEqual(self.request("GET", "/api/v2/members/me", token=body["token"])[0], 200)

    def test_reset_expiry_in_the_body_and_past_grace(self):
        old = self.token["token"]
        status, body, _, _ = self.request("POST", f"{self.path}/reset", {"expiry": int(time.time() * 1000) - 1},
                                          token=self.token_of("wendy.writer"))
        self.assertEqual(status, 200)
        self.assertEqual(self.request("GET", "/api/v2/members/me", token=old)[0], 401)
        status, body, _, _ = self.request("POST", f"{self.path}/reset?expiry=soon", token=self.token_of("wendy.writer"))
        self.assert_error(status, body, 400, "invalid_request")

    def test_delete(self):
        status, body, _, data = self.request("DELETE", self.path, token=self.token_of("wendy.writer"))
        self.assertEqual((status, data), (204, b""))
        self.assertEqual(self.request("GET", "/api/v2/members/me", token=self.token["token"])[0], 401)
        status, body, _, _ = self.request("GET", self.path, token=self.token_of("wendy.writer"))
        self.assert_error(status, body, 404, "not_found")
        status, body, _, _ = self.request("DELETE", self.path, token=self.token_of("wendy.writer"))
        self.assert_error(status, body, 404, "not_found")


if __name__ == "__main__":
    unittest.main()

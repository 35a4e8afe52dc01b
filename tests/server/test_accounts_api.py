"""Members, roles, projects and environments, caller identity and versions over real HTTP."""
import unittest

from tests.server.harness import ServerTestCase


class MembersApiTest(ServerTestCase):
    def test_list_and_page(self):
        status, body, _, _ = self.request("GET", "/api/v2/members?limit=2", token=self.token_of("ravi.reader"))
        self.assertEqual(status, 200)
        self.assertEqual(len(body["items"]), 2)
        self.assertEqual(body["totalCount"], 6)
        self.assertIn("next", body["_links"])
        status, body, _, _ = self.request("GET", "/api/v2/members?limit=2&offset=4", token=self.token_of("ravi.reader"))
        self.assertNotIn("next", body["_links"])
        self.assertIn("prev", body["_links"])

    def test_member_shape_and_teams(self):
        quinn = self.request("GET", "/api/v2/members/me", token=self.token_of("quinn.qa"))[1]
        self.assertEqual(quinn["role"], "no_access")
        self.assertEqual(quinn["teams"][0]["customRoleKeys"], ["qa-tester"])
        status, again, _, _ = self.request("GET", f"/api/v2/members/{quinn['_id']}", token=self.token_of("ravi.reader"))
        self.assertEqual((status, again["email"]), (200, "quinn.qa@example.com"))
        status, body, _, _ = self.request("GET", "/api/v2/members/000000000000000000000000", token=self.token_of("ravi.reader"))
        self.assert_error(status, body, 404, "not_found")

    def test_patch_role_custom_roles_and_attributes(self):
        ravi = self.request("GET", "/api/v2/members/me", token=self.token_of("ravi.reader"))[1]
        path = f"/api/v2/members/{ravi['_id']}"
        status, body, _, _ = self.request("PATCH", path, [
            {"op": "replace", "path": "/role", "value": "writer"},
            {"op": "add", "path": "/customRoles/-", "value": "flag-operator"},
            {"op": "add", "path": "/roleAttributes/projectKeys", "value": ["search"]}], token=self.token_of("adam.admin"))
        self.assertEqual(status, 200, body)
        self.assertEqual(body["role"], "writer")
        self.assertEqual(len(body["customRoles"]), 1)
        self.assertEqual(body["roleAttributes"], {"projectKeys": ["search"]})

    def test_patch_needs_permission_and_valid_values(self):
        adam = self.request("GET", "/api/v2/members/me", token=self.token_of("adam.admin"))[1]
        status, body, _, _ = self.request("PATCH", f"/api/v2/members/{adam['_id']}",
                                          [{"op": "replace", "path": "/role", "value": "reader"}], token=self.token_of("wendy.writer"))
        self.assert_error(status, body, 403, "forbidden")
        for operations, status_code, code in (
                ([{"op": "replace", "path": "/role", "value": "owner"}], 400, "invalid_request"),
                ([{"op": "replace", "path": "/role", "value": "emperor"}], 400, "invalid_request"),
                ([{"op": "add", "path": "/customRoles/-", "value": "no-such-role"}], 400, "invalid_request"),
                ([{"op": "replace", "path": "/roleAttributes", "value": {"a": "not-a-list"}}], 400, "invalid_request"),
                ([{"op": "replace", "path": "/email", "value": "x@example.com"}], 400, "invalid_request"),
                ([{"op": "remove", "path": "/roleAttributes/missing"}], 422, "patch_failed")):
            status, body, _, _ = self.request("PATCH", f"/api/v2/members/{adam['_id']}", operations, token=self.token_of("olivia.owner"))
            self.assert_error(status, body, status_code, code)

    def test_owner_cannot_be_demoted_or_removed(self):
        olivia = self.request("GET", "/api/v2/members/me", token=self.token_of("olivia.owner"))[1]
        status, body, _, _ = self.request("PATCH", f"/api/v2/members/{olivia['_id']}",
                                          [{"op": "replace", "path": "/role", "value": "reader"}], token=self.token_of("olivia.owner"))
        self.assert_error(status, body, 400, "invalid_request")
        status, body, _, _ = self.request("DELETE", f"/api/v2/members/{olivia['_id']}", token=self.token_of("adam.admin"))
        self.assert_error(status, body, 400, "invalid_request")

    def test_delete_needs_permission(self):
        ravi = self.request("GET", "/api/v2/members/me", token=self.token_of("ravi.reader"))[1]
        status, body, _, _ = self.request("DELETE", f"/api/v2/members/{ravi['_id']}", token=self.token_of("wendy.writer"))
        self.assert_error(status, body, 403, "forbidden")


class RolesApiTest(ServerTestCase):
    ROLE = {"key": "support", "name": "Support", "description": "Reads everything",
            "policy": [{"effect": "allow", "resources": ["proj/*"], "actions": ["viewProject"]}]}

    def test_create_read_patch_delete(self):
        admin = self.token_of("adam.admin")
        status, body, _, _ = self.request("POST", "/api/v2/roles", self.ROLE, token=admin)
        self.assertEqual(status, 201, body)
        for field in ("_id", "_links", "key", "name", "policy"):
            self.assertIn(field, body)
        self.assertEqual(body["basePermissions"], "no_access")
        status, by_id, _, _ = self.request("GET", f"/api/v2/roles/{body['_id']}", token=admin)
        self.assertEqual((status, by_id["key"]), (200, "support"))
        status, patched, _, _ = self.request("PATCH", "/api/v2/roles/support", {"patch": [
            {"op": "add", "path": "/policy/-", "value": {"effect": "allow", "resources": ["proj/*:env/*:flag/*"], "actions": ["updateOn"]}},
            {"op": "replace", "path": "/name", "value": "Support desk"}], "comment": "more"}, token=admin)
        self.assertEqual(status, 200, patched)
        self.assertEqual((patched["name"], len(patched["policy"])), ("Support desk", 2))
        status, _, _, _ = self.request("DELETE", "/api/v2/roles/support", token=admin)
        self.assertEqual(status, 204)
        status, body, _, _ = self.request("GET", "/api/v2/roles/support", token=admin)
        self.assert_error(status, body, 404, "not_found")

    def test_errors(self):
        admin = self.token_of("adam.admin")
        self.request("POST", "/api/v2/roles", self.ROLE, token=admin)
        status, body, _, _ = self.request("POST", "/api/v2/roles", self.ROLE, token=admin)
        self.assert_error(status, body, 409, "conflict")
        bad_specifier = {**self.ROLE, "key": "bad", "policy": [{"effect": "allow", "resources": ["proj/a b"], "actions": ["*"]}]}
        status, body, _, _ = self.request("POST", "/api/v2/roles", bad_specifier, token=admin)
        self.assert_error(status, body, 400, "invalid_request")
        self.assertIn("column 7", body["message"])
        for bad in ({"key": "x"}, {**self.ROLE, "key": "has space"}, {**self.ROLE, "key": "y", "basePermissions": "writer"},
                    {**self.ROLE, "key": "z", "policy": "allow all"}):
            status, body, _, _ = self.request("POST", "/api/v2/roles", bad, token=admin)
            self.assert_error(status, body, 400, "invalid_request")
        status, body, _, _ = self.request("POST", "/api/v2/roles", {**self.ROLE, "key": "w"}, token=self.token_of("wendy.writer"))
        self.assert_error(status, body, 403, "forbidden")
        status, body, _, _ = self.request("PATCH", "/api/v2/roles/support", [{"op": "replace", "path": "/policy/0/effect", "value": "maybe"}],
                                          token=admin)
        self.assert_error(status, body, 400, "invalid_request")
        status, body, _, _ = self.request("PATCH", "/api/v2/roles/support", [{"op": "remove", "path": "/policy/9"}], token=admin)
        self.assert_error(status, body, 422, "patch_failed")

    def test_editing_a_role_changes_the_tokens_that_use_it(self):
        status, token, _, _ = self.request("POST", "/api/v2/tokens", {"customRoleIds": ["token-auditor"]},
                                           token=self.token_of("adam.admin"))
        self.assertEqual(status, 201, token)
        ravis = self.request("POST", "/api/v2/tokens", {"role": "reader"}, token=self.token_of("ravi.reader"))[1]
        self.assertEqual(self.request("POST", f"/api/v2/tokens/{ravis['_id']}/reset", token=token["token"])[0], 200)
        self.request("PATCH", "/api/v2/roles/token-auditor", [{"op": "replace", "path": "/policy", "value": []}],
                     token=self.token_of("adam.admin"))
        status, body, _, _ = self.request("POST", f"/api/v2/tokens/{ravis['_id']}/reset", token=token["token"])
        self.assert_error(status, body, 403, "forbidden")


class ProjectsApiTest(ServerTestCase):
    def test_list_with_environments(self):
        status, body, _, _ = self.request("GET", "/api/v2/projects?expand=environments", token=self.token_of("ravi.reader"))
        self.assertEqual(status, 200)
        self.assertEqual(body["totalCount"], 5)
        project = body["items"][0]
        for field in ("_links", "_id", "key", "includeInSnippetByDefault", "name", "tags"):
            self.assertIn(field, project)
        environments = project["environments"]["items"]
        self.assertEqual(sum(e["critical"] for e in environments), 1)
        for field in ("_links", "_id", "key", "name", "apiKey", "mobileKey", "color", "defaultTtl", "secureMode",
                      "defaultTrackEvents", "requireComments", "confirmChanges", "tags", "critical"):
            self.assertIn(field, environments[0])
        status, plain, _, _ = self.request("GET", "/api/v2/projects?limit=2", token=self.token_of("ravi.reader"))
        self.assertNotIn("environments", plain["items"][0])
        self.assertEqual(len(plain["items"]), 2)

    def test_projects_are_filtered_by_view_project(self):
        status, body, _, _ = self.request("GET", "/api/v2/projects", token=self.token_of("quinn.qa"))
        self.assertEqual((status, body["totalCount"]), (200, 5))  # the QA team's role views every project
        ravi = self.request("GET", "/api/v2/members/me", token=self.token_of("ravi.reader"))[1]
        self.request("PATCH", f"/api/v2/members/{ravi['_id']}", [{"op": "replace", "path": "/role", "value": "no_access"}],
                     token=self.token_of("adam.admin"))
        status, body, _, _ = self.request("GET", "/api/v2/projects", token=self.token_of("ravi.reader"))
        self.assertEqual((status, body["totalCount"]), (200, 0))
        status, body, _, _ = self.request("GET", "/api/v2/projects/checkout", token=self.token_of("ravi.reader"))
        self.assert_error(status, body, 403, "forbidden")

    def test_one_project_and_its_environments(self):
        status, body, _, _ = self.request("GET", "/api/v2/projects/checkout?expand=environments", token=self.token_of("wendy.writer"))
        self.assertEqual((status, body["key"], body["environments"]["totalCount"]), (200, "checkout", 4))
        status, body, _, _ = self.request("GET", "/api/v2/projects/checkout/environments?limit=3", token=self.token_of("wendy.writer"))
        self.assertEqual((status, len(body["items"]), body["totalCount"]), (200, 3, 4))
        status, body, _, _ = self.request("GET", "/api/v2/projects/nope", token=self.token_of("wendy.writer"))
        self.assert_error(status, body, 404, "not_found")


class IdentityAndVersionsTest(ServerTestCase):
    def test_caller_identity(self):
        status, body, _, _ = self.request("GET", "/api/v2/caller-identity", token=self.token_of("wendy.writer"))
        self.assertEqual(status, 200)
        self.assertEqual((body["tokenKind"], body["serviceToken"], body["tokenName"]), ("personal", False, "Demo console"))

    def test_versions(self):
        status, body, _, _ = self.request("GET", "/api/v2/versions", token=self.token_of("wendy.writer"))
        self.assertEqual((status, body["latestVersion"], body["currentVersion"]), (200, 20240415, 20240415))
        status, body, _, _ = self.request("GET", "/api/v2/versions", token=self.token_of("wendy.writer"),
                                          headers={"LD-API-Version": "beta"})
        self.assertTrue(body["beta"])
        status, body, _, _ = self.request("GET", "/api/v2/versions", token=self.token_of("wendy.writer"),
                                          headers={"LD-API-Version": "yesterday"})
        self.assert_error(status, body, 400, "invalid_request")


if __name__ == "__main__":
    unittest.main()

"""Every response of the mock holds to LaunchDarkly's OpenAPI schemas (required fields and their types),
so a client generated from the spec works against it unchanged."""
import unittest

from tests.server.harness import ServerTestCase
from tests.server.openapi_check import problems, response_schema


class OpenApiConformanceTest(ServerTestCase):
    def check(self, template: str, method: str, path: str, expected: int, body=None, token="adam.admin"):
        status, answer, _, _ = self.request(method, path, body, token=self.token_of(token))
        self.assertEqual(status, expected, answer)
        schema = response_schema(template, method, status)
        if schema is not None:
            self.assertEqual(problems(answer, schema), [], f"{method} {path}")
        return answer

    def test_every_operation(self):
        created = self.check("/api/v2/tokens", "POST", "/api/v2/tokens", 201, {"name": "c", "role": "writer"})
        token_path = f"/api/v2/tokens/{created['_id']}"
        self.check("/api/v2/tokens", "GET", "/api/v2/tokens?showAll=true", 200)
        self.check("/api/v2/tokens/{id}", "GET", token_path, 200)
        self.check("/api/v2/tokens/{id}", "PATCH", token_path, 200, [{"op": "replace", "path": "/name", "value": "d"}])
        self.check("/api/v2/tokens/{id}/reset", "POST", f"{token_path}/reset", 200)
        self.check("/api/v2/members", "GET", "/api/v2/members", 200)
        me = self.check("/api/v2/members/{id}", "GET", "/api/v2/members/me", 200)
        self.check("/api/v2/members/{id}", "PATCH", f"/api/v2/members/{me['_id']}", 200,
                   [{"op": "replace", "path": "/roleAttributes", "value": {"x": ["y"]}}])
        self.check("/api/v2/roles", "GET", "/api/v2/roles", 200)
        self.check("/api/v2/roles", "POST", "/api/v2/roles", 201, {"key": "k", "name": "K", "policy": []})
        self.check("/api/v2/roles/{customRoleKey}", "GET", "/api/v2/roles/k", 200)
        self.check("/api/v2/roles/{customRoleKey}", "PATCH", "/api/v2/roles/k", 200,
                   {"patch": [{"op": "replace", "path": "/name", "value": "K2"}]})
        self.check("/api/v2/projects", "GET", "/api/v2/projects?expand=environments", 200)
        self.check("/api/v2/projects/{projectKey}", "GET", "/api/v2/projects/checkout?expand=environments", 200)
        self.check("/api/v2/projects/{projectKey}/environments", "GET", "/api/v2/projects/checkout/environments", 200)
        self.check("/api/v2/flags/{projectKey}", "GET", "/api/v2/flags/checkout?limit=100", 200)
        self.check("/api/v2/flags/{projectKey}", "GET", "/api/v2/flags/checkout?filter=state:archived", 200)
        self.check("/api/v2/flags/{projectKey}/{featureFlagKey}", "GET", "/api/v2/flags/checkout/dark-mode", 200)
        segments = "/api/v2/segments/{projectKey}/{environmentKey}"
        self.check(segments, "GET", "/api/v2/segments/checkout/staging?limit=100", 200)
        self.check(segments, "GET", "/api/v2/segments/checkout/qa?filter=unbounded%20equals%20true", 200)
        self.check(segments + "/{segmentKey}", "GET", "/api/v2/segments/checkout/qa/beta-users", 200)
        self.check("/api/v2/teams", "GET", "/api/v2/teams?expand=members,roleAttributes", 200)
        self.check("/api/v2/teams/{teamKey}", "GET", "/api/v2/teams/payments-oncall?expand=roleAttributes,roles", 200)
        self.check("/api/v2/teams/{teamKey}/roles", "GET", "/api/v2/teams/qa/roles", 200)
        self.check("/api/v2/caller-identity", "GET", "/api/v2/caller-identity", 200)
        self.check("/api/v2/versions", "GET", "/api/v2/versions", 200)
        self.check("/api/v2/tokens/{id}", "DELETE", token_path, 204)
        self.check("/api/v2/roles/{customRoleKey}", "DELETE", "/api/v2/roles/k", 204)

    def test_error_bodies(self):
        self.check("/api/v2/tokens/{id}", "GET", "/api/v2/tokens/000000000000000000000000", 404)
        self.check("/api/v2/tokens", "POST", "/api/v2/tokens", 400, {"role": "emperor"})
        self.check("/api/v2/roles", "POST", "/api/v2/roles", 403, {"key": "k", "name": "K", "policy": []}, token="wendy.writer")
        self.check("/api/v2/flags/{projectKey}", "GET", "/api/v2/flags/checkout?limit=101", 400)
        self.check("/api/v2/flags/{projectKey}", "GET", "/api/v2/flags/nope", 404)
        self.check("/api/v2/flags/{projectKey}/{featureFlagKey}", "GET", "/api/v2/flags/checkout/nope", 404)
        segments = "/api/v2/segments/{projectKey}/{environmentKey}"
        self.check(segments, "GET", "/api/v2/segments/checkout/qa?filter=colour", 400)
        self.check(segments, "GET", "/api/v2/segments/checkout/nope", 404)
        self.check(segments + "/{segmentKey}", "GET", "/api/v2/segments/checkout/qa/nope", 404)
        self.check("/api/v2/teams", "GET", "/api/v2/teams?limit=101", 400)
        self.check("/api/v2/teams/{teamKey}", "GET", "/api/v2/teams/nope", 404)
        status, body, _, _ = self.request("GET", "/api/v2/tokens")
        self.assertEqual(problems(body, response_schema("/api/v2/tokens", "GET", 401)), [])

    def test_the_checker_catches_a_missing_field(self):
        token = self.check("/api/v2/tokens", "POST", "/api/v2/tokens", 201, {"role": "reader"})
        del token["memberId"]
        token["creationDate"] = "yesterday"
        found = problems(token, response_schema("/api/v2/tokens", "POST", 201))
        self.assertIn("/memberId: required field missing", found)
        self.assertTrue(any(p.startswith("/creationDate") for p in found))


if __name__ == "__main__":
    unittest.main()

"""GET /api/v2/segments/{projectKey}/{environmentKey} and /{segmentKey} over real HTTP: paging, the filter
language (and, or, parentheses), each sort, the errors and the permission checks."""
import json
import unittest
from urllib.parse import parse_qs, quote, urlsplit

from tests.server.harness import ServerTestCase

PROJECT, ENVIRONMENT = "checkout", "staging"
PATH = f"/api/v2/segments/{PROJECT}/{ENVIRONMENT}"


class SegmentsTestCase(ServerTestCase):
    def setUp(self):
        super().setUp()
        with self.store.read() as db:
            self.stored = [dict(row) for row in db.execute(
                "SELECT * FROM segments WHERE project_key = ? AND environment_key = ?", (PROJECT, ENVIRONMENT))]
        for row in self.stored:
            row["tags"] = json.loads(row["tags"])

    def segments(self, query: str = "", token: str = "ravi.reader", path: str = PATH):
        status, body, _, _ = self.request("GET", f"{path}{'?' + query if query else ''}", token=self.token_of(token))
        return status, body

    def keys(self, filter_text: str = "", sort: str = "") -> list[str]:
        query = f"limit=100&filter={quote(filter_text)}" + (f"&sort={sort}" if sort else "")
        status, body = self.segments(query)
        self.assertEqual(status, 200, body)
        return [item["key"] for item in body["items"]]

    def matching(self, keep) -> list[str]:
        return sorted(row["key"] for row in self.stored if keep(row))


class PagingTest(SegmentsTestCase):
    def test_every_environment_has_its_own_realistic_segments(self):
        with self.store.read() as db:
            by_environment = {}
            for row in db.execute("SELECT environment_key, key, tags FROM segments WHERE project_key = ?", (PROJECT,)):
                by_environment.setdefault(row["environment_key"], []).append(row)
        self.assertEqual(set(by_environment), {"production", "staging", "qa", "test"})
        for environment, rows in by_environment.items():
            keys = {row["key"] for row in rows}
            self.assertGreaterEqual(len(rows), 8, environment)
            self.assertLessEqual({"beta-users", "internal-staff"}, keys)
            self.assertTrue(all(json.loads(row["tags"]) for row in rows), "every segment has tags")
        production = [row["key"] for row in by_environment["production"]]
        self.assertFalse([key for key in production if key.startswith(("qa-", "load-"))],
                         "test-only segments stay out of production")
        self.assertNotEqual({r["key"] for r in by_environment["qa"]}, {r["key"] for r in by_environment["test"]})

    def test_default_page_is_in_creation_order_with_every_required_field(self):
        status, body = self.segments("limit=5")
        self.assertEqual(status, 200, body)
        ordered = sorted(self.stored, key=lambda row: (row["creation_date"], row["key"]))
        self.assertEqual([item["key"] for item in body["items"]], [row["key"] for row in ordered[:5]])
        self.assertEqual(body["totalCount"], len(self.stored))
        self.assertNotIn("prev", body["_links"])
        self.assertEqual(body["_links"]["next"]["href"], f"{PATH}?limit=5&offset=5")
        item = body["items"][0]
        self.assertEqual(item["_links"]["self"]["href"], f"{PATH}/{item['key']}")
        self.assertFalse(item["deleted"])

    def test_walking_the_next_links_gives_every_segment_once_and_keeps_the_filter(self):
        text = "tags anyOf [\"beta\", \"vip\", \"internal\"] | unbounded equals false"
        expected = self.matching(lambda row: {"beta", "vip", "internal"} & set(row["tags"]) or not row["unbounded"])
        seen, path = [], f"{PATH}?limit=3&filter={quote(text)}"
        while path:
            status, body, _, _ = self.request("GET", path, token=self.token_of("ravi.reader"))
            self.assertEqual(status, 200, body)
            seen += [item["key"] for item in body["items"]]
            path = body["_links"].get("next", {}).get("href")
            if path:
                self.assertEqual(parse_qs(urlsplit(path).query)["filter"], [text])
        self.assertEqual(sorted(seen), expected)

    def test_last_page_and_past_the_end(self):
        total = len(self.stored)
        last_offset = (total - 1) // 4 * 4
        status, last = self.segments(f"limit=4&offset={last_offset}")
        self.assertEqual(len(last["items"]), total - last_offset)
        self.assertNotIn("next", last["_links"])
        self.assertEqual(last["_links"]["first"]["href"], f"{PATH}?limit=4&offset=0")
        status, past = self.segments("limit=4&offset=400")
        self.assertEqual((status, past["items"]), (200, []))
        self.assertEqual(past["_links"]["prev"]["href"], f"{PATH}?limit=4&offset={last_offset}")

    def test_limits(self):
        for bad in ("limit=101", "limit=0", "offset=-3", "limit=x"):
            self.assertEqual(self.segments(bad)[0], 400, bad)


class FilterTest(SegmentsTestCase):
    def test_query_looks_in_key_name_and_description_ignoring_case(self):
        self.assertEqual(sorted(self.keys('query equals "BETA"')),
                         self.matching(lambda row: "beta" in row["key"] or "beta" in row["name"].lower()))
        self.assertEqual(sorted(self.keys("query equals rule-based")),
                         self.matching(lambda row: "rule-based" in row["description"].lower()))
        self.assertEqual(sorted(self.keys('query equals ["vip", "region"]')),
                         self.matching(lambda row: "vip" in row["key"] or "region" in row["key"]))
        self.assertEqual(self.keys('query equals "%"'), [], "LIKE wildcards are literal")

    def test_tags_any_of_and_key_lists(self):
        self.assertEqual(sorted(self.keys('tags anyOf ["beta", "geo"]')),
                         self.matching(lambda row: {"beta", "geo"} & set(row["tags"])))
        self.assertEqual(sorted(self.keys('includedKeys anyOf ["beta-users", "internal-staff", "no-such"]')),
                         ["beta-users", "internal-staff"])
        self.assertEqual(sorted(self.keys('excludedKeys anyOf ["beta-users"]')),
                         self.matching(lambda row: row["key"] != "beta-users"))

    def test_unbounded_and_external(self):
        big = self.matching(lambda row: row["unbounded"])
        self.assertEqual(sorted(self.keys("unbounded equals true")), big)
        self.assertEqual(len(self.keys("unbounded equals false")), len(self.stored) - len(big))
        self.assertEqual(self.keys("external exists"), [], "the mock has no synced segments")
        self.assertEqual(len(self.keys("external exists false")), len(self.stored))

    def test_and_binds_tighter_than_or_and_parentheses_group(self):
        beta, internal = (lambda r: "beta" in r["tags"]), (lambda r: "internal" in r["tags"])
        listed = lambda r: bool(json.loads(r["included"]))  # noqa: E731
        self.assertEqual(sorted(self.keys('tags anyOf ["beta"], query equals "list-based" | tags anyOf ["internal"]')),
                         self.matching(lambda r: (beta(r) and listed(r)) or internal(r)))
        grouped = 'tags anyOf ["beta"], (query equals "list-based" | tags anyOf ["internal"])'
        self.assertEqual(sorted(self.keys(grouped)),
                         self.matching(lambda r: beta(r) and (listed(r) or internal(r))))

    def test_sorts(self):
        by_name = [r["key"] for r in sorted(self.stored, key=lambda r: (r["name"].lower(), r["key"]))]
        self.assertEqual(self.keys(sort="name"), by_name)
        recent = [r["key"] for r in sorted(self.stored, key=lambda r: (-r["last_modified"], r["key"]))]
        self.assertEqual(self.keys(sort="-lastModified"), recent)
        oldest = [r["key"] for r in sorted(self.stored, key=lambda r: (r["creation_date"], r["key"]))]
        self.assertEqual(self.keys(sort="creationDate"), oldest)

    def test_bad_filters_are_400s_that_say_where_and_what_is_accepted(self):
        for text in ("colour equals red", "tags equals [\"beta\"]", "tags anyOf", "tags anyOf []", "tags anyOf [1]",
                     "(tags anyOf [\"a\"]", "tags anyOf [\"a\"])", "unbounded equals maybe", "query equals \"x\" junk",
                     "(" * 20 + "query equals x" + ")" * 20, "query equals [" + ",".join(['"x"'] * 150) + "]",
                     "query equals x," * 300, ",", "|", "tags anyOf " + "[" * 900 + "]" * 900,
                     'query equals "\\ud800"', 'tags anyOf ["ok", "\\udfff"]'):
            status, body = self.segments(f"filter={quote(text)}")
            self.assertEqual(status, 400, text)
            self.assertEqual(body["code"], "invalid_request")
        message = self.segments(f"filter={quote('tags equals x')}")[1]["message"]
        self.assertIn("character 6", message)
        self.assertIn("tags anyOf", message)
        self.assertIn("creationDate, name, lastModified", self.segments("sort=key")[1]["message"])


class SingleSegmentAndPermissionsTest(SegmentsTestCase):
    def test_one_segment(self):
        status, body = self.segments(path=f"{PATH}/beta-users")
        self.assertEqual(status, 200, body)
        self.assertEqual((body["key"], body["tags"]), ("beta-users", ["beta"]))
        self.assertIsInstance(body["rules"], list)

    def test_unknown_project_environment_or_segment_is_404(self):
        for path in ("/api/v2/segments/nope/staging", f"/api/v2/segments/{PROJECT}/nope", f"{PATH}/nope",
                     f"/api/v2/segments/{PROJECT}/nope/beta-users"):
            self.assertEqual(self.segments(path=path)[0], 404, path)

    def test_no_token_is_401_before_anything_else(self):
        for path in (PATH, f"{PATH}?filter=colour", f"{PATH}/beta-users", "/api/v2/segments/nope/nope"):
            self.assertEqual(self.request("GET", path)[0], 401, path)

    def test_a_project_the_token_may_not_view_is_403_saying_what_was_denied(self):
        status, created, _, _ = self.request("POST", "/api/v2/tokens", {
            "name": "only mobile", "inlineRole": [
                {"effect": "allow", "resources": ["proj/mobile-app"], "actions": ["viewProject"]}]},
            token=self.token_of("olivia.owner"))
        self.assertEqual(status, 201, created)
        narrow = created["token"]
        self.assertEqual(self.request("GET", "/api/v2/segments/mobile-app/qa", token=narrow)[0], 200)
        for path in (PATH, f"{PATH}/beta-users", f"/api/v2/segments/{PROJECT}/nope"):
            status, body, _, _ = self.request("GET", path, token=narrow)
            self.assertEqual(status, 403, path)
            self.assertEqual(body["message"], f"Forbidden. This token may not viewProject on proj/{PROJECT}.")

    def test_a_member_without_access_sees_segments_only_through_a_team(self):
        self.assertEqual(self.segments(token="quinn.qa")[0], 200)
        with self.store.write() as db:
            db.execute("UPDATE members SET teams = '[]' WHERE email LIKE 'quinn.qa%'")
        self.assertEqual(self.segments(token="quinn.qa")[0], 403)


if __name__ == "__main__":
    unittest.main()

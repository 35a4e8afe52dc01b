"""GET /api/v2/flags/{projectKey} and /{flagKey} over real HTTP: paging, each filter and sort, the errors and
the permission checks."""
import json
import unittest
from urllib.parse import parse_qs, quote, urlsplit

from server.seed_flags import INSERT_FLAG, flag_rows
from server.store import now_ms
from tests.server.harness import ServerTestCase

PROJECT = "checkout"


class FlagsTestCase(ServerTestCase):
    def setUp(self):
        super().setUp()
        with self.store.read() as db:
            self.stored = [dict(row) for row in db.execute("SELECT * FROM flags WHERE project_key = ?", (PROJECT,))]
        self.live = [row for row in self.stored if row["archived_date"] is None]

    def flags(self, query: str = "", token: str = "ravi.reader", project: str = PROJECT):
        status, body, _, _ = self.request("GET", f"/api/v2/flags/{project}{'?' + query if query else ''}",
                                          token=self.token_of(token))
        return status, body

    def keys(self, query: str) -> list[str]:
        status, body = self.flags(query + "&limit=100")
        self.assertEqual(status, 200, body)
        self.assertLessEqual(body["totalCount"], 100, "the test's project fits in one page")
        return [item["key"] for item in body["items"]]


class PagingTest(FlagsTestCase):
    def test_the_demo_project_is_realistic(self):
        self.assertTrue(30 <= len(self.stored) <= 60)
        self.assertTrue(any(row["archived_date"] for row in self.stored))
        prefixes = {row["key"].split("-")[0] for row in self.stored}
        self.assertTrue({"kill", "beta", "checkout"} <= prefixes, prefixes)
        self.assertTrue(all(len(json.loads(row["tags"])) >= 1 for row in self.stored))

    def test_default_page_is_twenty_in_creation_order_without_archived_flags(self):
        status, body = self.flags()
        self.assertEqual(status, 200)
        ordered = sorted(self.live, key=lambda row: (row["creation_date"], row["key"]))
        self.assertEqual([item["key"] for item in body["items"]], [row["key"] for row in ordered[:20]])
        self.assertEqual(body["totalCount"], len(self.live))
        links = body["_links"]
        self.assertNotIn("first", links, "no first or prev link on the first page")
        self.assertNotIn("prev", links)
        self.assertEqual(links["next"]["href"], f"/api/v2/flags/{PROJECT}?limit=20&offset=20")

    def test_walking_the_next_links_gives_every_flag_once(self):
        seen, path = [], f"/api/v2/flags/{PROJECT}?limit=7&filter={quote('state:live')}"
        while path:
            status, body, _, _ = self.request("GET", path, token=self.token_of("ravi.reader"))
            self.assertEqual(status, 200, body)
            seen += [item["key"] for item in body["items"]]
            path = body["_links"].get("next", {}).get("href")
            if path:
                self.assertEqual(parse_qs(urlsplit(path).query)["filter"], ["state:live"], "filters carry over")
        live_only = [row for row in self.live if row["deprecated_date"] is None]
        self.assertEqual(sorted(seen), sorted(row["key"] for row in live_only))
        self.assertEqual(len(seen), len(set(seen)))

    def test_middle_and_last_pages(self):
        total = len(self.live)
        status, middle = self.flags("limit=10&offset=10")
        self.assertEqual(status, 200)
        self.assertEqual(len(middle["items"]), 10)
        self.assertEqual(middle["_links"]["first"]["href"], f"/api/v2/flags/{PROJECT}?limit=10&offset=0")
        self.assertEqual(middle["_links"]["prev"]["href"], f"/api/v2/flags/{PROJECT}?limit=10&offset=0")
        last_offset = (total - 1) // 10 * 10
        self.assertEqual(middle["_links"]["last"]["href"], f"/api/v2/flags/{PROJECT}?limit=10&offset={last_offset}")
        status, last = self.flags(f"limit=10&offset={last_offset}")
        self.assertEqual(len(last["items"]), total - last_offset)
        self.assertNotIn("next", last["_links"], "no next or last link on the last page")
        self.assertNotIn("last", last["_links"])

    def test_past_the_end_is_an_empty_page_whose_prev_is_the_last(self):
        status, body = self.flags("limit=10&offset=500")
        self.assertEqual(status, 200)
        self.assertEqual(body["items"], [])
        self.assertEqual(body["totalCount"], len(self.live))
        last_offset = (len(self.live) - 1) // 10 * 10
        self.assertEqual(body["_links"]["prev"]["href"], f"/api/v2/flags/{PROJECT}?limit=10&offset={last_offset}")
        self.assertNotIn("next", body["_links"])

    def test_limits(self):
        self.assertEqual(len(self.flags("limit=100")[1]["items"]), len(self.live))
        for bad in ("limit=101", "limit=0", "limit=-1", "limit=ten", "offset=-1"):
            status, body = self.flags(bad)
            self.assertEqual(status, 400, bad)
            self.assertEqual(body["code"], "invalid_request")
        self.assertIn("between 1 and 100", self.flags("limit=101")[1]["message"])


class FilterAndSortTest(FlagsTestCase):
    def test_query_matches_key_or_name_ignoring_case(self):
        expected = sorted(row["key"] for row in self.live if "kill" in row["key"].lower() or "kill" in row["name"].lower())
        self.assertTrue(expected)
        self.assertEqual(sorted(self.keys("filter=query:KiLL")), expected)
        self.assertEqual(self.keys(f"filter={quote('query:%_')}"), [], "LIKE wildcards are literal")

    def test_tags_need_all_of_them_whether_plus_is_encoded_or_not(self):
        def having(*tags):
            return sorted(row["key"] for row in self.live if set(tags) <= set(json.loads(row["tags"])))
        self.assertEqual(sorted(self.keys("filter=tags:ops")), having("ops"))
        both = having("ops", "kill-switch")
        self.assertTrue(both)
        self.assertEqual(sorted(self.keys(f"filter={quote('tags:ops+kill-switch')}")), both)
        self.assertEqual(sorted(self.keys("filter=tags:ops+kill-switch")), both)
        self.assertEqual(sorted(self.keys("tag=beta")), having("beta"))

    def test_state_and_archived(self):
        archived = sorted(row["key"] for row in self.stored if row["archived_date"])
        deprecated = sorted(row["key"] for row in self.live if row["deprecated_date"])
        self.assertEqual(sorted(self.keys("filter=state:archived")), archived)
        self.assertEqual(sorted(self.keys("archived=true")), archived)
        self.assertEqual(sorted(self.keys("filter=archived:true")), archived)
        self.assertEqual(sorted(self.keys("filter=state:deprecated")), deprecated)
        self.assertEqual(len(self.keys("filter=state:live")), len(self.live) - len(deprecated))
        status, body = self.flags("filter=state:archived&limit=100")
        self.assertTrue(all(item["archived"] and item["archivedDate"] for item in body["items"]))

    def test_type_creation_date_and_combinations(self):
        temporary = sorted(row["key"] for row in self.live if row["temporary"])
        self.assertEqual(sorted(self.keys("filter=type:temporary")), temporary)
        middle = sorted(row["creation_date"] for row in self.live)[len(self.live) // 2]
        before = sorted(row["key"] for row in self.live if row["creation_date"] < middle)
        created_before = quote(f'creationDate:{{"before":{middle}}}')
        self.assertEqual(sorted(self.keys(f"filter={created_before}")), before)
        combined = sorted(row["key"] for row in self.live if row["temporary"] and row["creation_date"] < middle)
        self.assertEqual(sorted(self.keys(f"filter={quote('type:temporary,')}{created_before}")), combined)

    def test_sorts(self):
        by_key = sorted(row["key"] for row in self.live)
        self.assertEqual(self.keys("sort=key"), by_key)
        self.assertEqual(self.keys("sort=-key"), by_key[::-1])
        by_name = [row["key"] for row in sorted(self.live, key=lambda row: (row["name"].lower(), row["key"]))]
        self.assertEqual(self.keys("sort=name"), by_name)
        newest = [row["key"] for row in sorted(self.live, key=lambda row: (-row["creation_date"], row["key"]))]
        self.assertEqual(self.keys("sort=-creationDate"), newest)

    def test_bad_filters_and_sorts_are_400s_that_say_what_is_accepted(self):
        for query in ("filter=colour:red", "filter=state:gone", "filter=tags:", "filter=type:maybe",
                      "filter=creationDate:yesterday", "filter=archived:perhaps", "sort=colour", "sort=key,-",
                      "filter=" + "query:x," * 400, "filter=tags:" + quote("a;b")):
            status, body = self.flags(query)
            self.assertEqual(status, 400, query)
            self.assertEqual(body["code"], "invalid_request")
        self.assertIn("query, tags, state", self.flags("filter=colour:red")[1]["message"])
        self.assertIn("key, name, creationDate", self.flags("sort=colour")[1]["message"])


class SingleFlagAndPermissionsTest(FlagsTestCase):
    def test_one_flag(self):
        status, body, _, _ = self.request("GET", f"/api/v2/flags/{PROJECT}/dark-mode", token=self.token_of("ravi"))
        self.assertEqual(status, 200)
        self.assertEqual(body["key"], "dark-mode")
        self.assertEqual(body["kind"], "boolean")
        self.assertEqual(body["_links"]["self"]["href"], f"/api/v2/flags/{PROJECT}/dark-mode")
        archived = next(row["key"] for row in self.stored if row["archived_date"])
        status, body, _, _ = self.request("GET", f"/api/v2/flags/{PROJECT}/{archived}", token=self.token_of("ravi"))
        self.assertEqual((status, body["archived"]), (200, True), "an archived flag is still found by its key")

    def test_unknown_project_or_flag_is_404(self):
        self.assertEqual(self.flags(project="nope")[0], 404)
        self.assertEqual(self.request("GET", f"/api/v2/flags/{PROJECT}/nope", token=self.token_of("ravi"))[0], 404)
        self.assertEqual(self.request("GET", "/api/v2/flags/nope/dark-mode", token=self.token_of("ravi"))[0], 404)

    def test_no_token_is_401(self):
        self.assertEqual(self.request("GET", f"/api/v2/flags/{PROJECT}")[0], 401)
        self.assertEqual(self.request("GET", f"/api/v2/flags/{PROJECT}/dark-mode")[0], 401)

    def test_a_project_the_token_may_not_view_is_403_saying_what_was_denied(self):
        olivia = self.token_of("olivia.owner")
        status, created, _, _ = self.request("POST", "/api/v2/tokens", {
            "name": "only mobile", "inlineRole": [
                {"effect": "allow", "resources": ["proj/mobile-app"], "actions": ["viewProject"]}]}, token=olivia)
        self.assertEqual(status, 201, created)
        narrow = created["token"]
        self.assertEqual(self.request("GET", "/api/v2/flags/mobile-app", token=narrow)[0], 200)
        for path in (f"/api/v2/flags/{PROJECT}", f"/api/v2/flags/{PROJECT}/dark-mode"):
            status, body, _, _ = self.request("GET", path, token=narrow)
            self.assertEqual(status, 403, path)
            self.assertEqual(body["message"], f"Forbidden. This token may not viewProject on proj/{PROJECT}.")

    def test_a_member_without_access_sees_no_flags_but_a_team_can_give_them(self):
        # Quinn is no_access; the QA team's role gives viewProject on every project.
        self.assertEqual(self.flags(token="quinn.qa")[0], 200)
        with self.store.write() as db:
            db.execute("UPDATE members SET teams = '[]' WHERE email LIKE 'quinn.qa%'")
        self.assertEqual(self.flags(token="quinn.qa")[0], 403)


class ManyFlagsTest(FlagsTestCase):
    def test_a_project_of_thousands_pages_in_order(self):
        with self.store.write() as db:
            db.executemany(INSERT_FLAG, flag_rows("growth-large", 2500, now_ms()))
            db.execute("UPDATE flags SET project_key = 'growth' WHERE project_key = 'growth-large'"
                       " AND key NOT IN (SELECT key FROM flags WHERE project_key = 'growth')")
            total = db.execute("SELECT COUNT(*) FROM flags WHERE project_key = 'growth' AND archived_date IS NULL"
                               ).fetchone()[0]
        status, body = self.flags("limit=100&offset=1000&sort=key", project="growth")
        self.assertEqual(status, 200)
        self.assertEqual(body["totalCount"], total)
        self.assertEqual(len(body["items"]), 100)
        keys = [item["key"] for item in body["items"]]
        self.assertEqual(keys, sorted(keys))


if __name__ == "__main__":
    unittest.main()

"""GET /api/v2/teams, /teams/{teamKey} and /teams/{teamKey}/roles over real HTTP: paging, filters, expands,
who may see a team, and a team's roles counting in its members' permissions with the team's role attributes."""
import unittest
from urllib.parse import quote

from server.store import dumps
from tests.server.harness import ServerTestCase


class TeamsTestCase(ServerTestCase):
    def get(self, path: str, token: str = "ravi.reader"):
        status, body, _, _ = self.request("GET", path, token=self.token_of(token))
        return status, body

    def add_teams(self, count: int) -> None:
        with self.store.write() as db:
            for index in range(count):
                db.execute("INSERT INTO teams(key, name, custom_role_keys, creation_date) VALUES (?, ?, '[]', ?)",
                           (f"squad-{index:02d}", f"Squad {index:02d}", 10_000_000_000_000 + index))


class ListingTest(TeamsTestCase):
    def test_the_demo_account_has_two_teams_with_roles(self):
        status, body = self.get("/api/v2/teams?expand=members,roleAttributes")
        self.assertEqual(status, 200, body)
        teams = {team["key"]: team for team in body["items"]}
        self.assertEqual(set(teams), {"qa", "payments-oncall"})
        status, qa = self.get("/api/v2/teams/qa?expand=roles")
        self.assertEqual([role["key"] for role in qa["roles"]["items"]], ["qa-tester"])
        self.assertEqual(teams["payments-oncall"]["roleAttributes"], {"projectKeys": ["checkout"]})
        self.assertEqual(teams["qa"]["members"], {"totalCount": 1})

    def test_fields_are_expanded_only_when_asked(self):
        status, body = self.get("/api/v2/teams/qa")
        self.assertEqual(status, 200, body)
        self.assertEqual(body["_links"]["roles"]["href"], "/api/v2/teams/qa/roles")
        for field in ("roles", "members", "roleAttributes"):
            self.assertNotIn(field, body)
        status, body = self.get("/api/v2/teams/payments-oncall?expand=roleAttributes")
        self.assertEqual(body["roleAttributes"], {"projectKeys": ["checkout"]})
        for bad in ("expand=projects", "expand=colour"):
            status, body = self.get(f"/api/v2/teams/qa?{bad}")
            self.assertEqual(status, 400, bad)
        self.assertIn("not modelled", self.get("/api/v2/teams?expand=maintainers")[1]["message"])
        status, body = self.get("/api/v2/teams?expand=roles")
        self.assertEqual(status, 400, "API version 20240415 dropped roles from the listing's expand")
        self.assertIn("20240415", body["message"])

    def test_paging_and_filters(self):
        self.add_teams(23)
        status, first = self.get("/api/v2/teams?limit=10")
        self.assertEqual((status, first["totalCount"], len(first["items"])), (200, 25, 10))
        self.assertEqual(first["_links"]["next"]["href"], "/api/v2/teams?limit=10&offset=10")
        status, last = self.get("/api/v2/teams?limit=10&offset=20")
        self.assertEqual([team["key"] for team in last["items"]][-1], "squad-22")
        self.assertNotIn("next", last["_links"])
        status, past = self.get("/api/v2/teams?limit=10&offset=90")
        self.assertEqual((past["items"], past["_links"]["prev"]["href"]), ([], "/api/v2/teams?limit=10&offset=20"))
        self.assertEqual([t["key"] for t in self.get("/api/v2/teams?filter=query:ON-CALL")[1]["items"]],
                         ["payments-oncall"])
        empty = self.get(f"/api/v2/teams?limit=100&filter={quote('nomembers:true')}")[1]
        self.assertEqual(empty["totalCount"], 23)
        staffed = self.get("/api/v2/teams?filter=nomembers:false")[1]
        self.assertEqual({t["key"] for t in staffed["items"]}, {"qa", "payments-oncall"})
        for bad in ("limit=101", "filter=colour:red", "filter=nomembers:maybe", "offset=-1"):
            self.assertEqual(self.get(f"/api/v2/teams?{bad}")[0], 400, bad)

    def test_team_roles(self):
        status, body = self.get("/api/v2/teams/payments-oncall/roles")
        self.assertEqual(status, 200, body)
        self.assertEqual([(role["key"], role["name"]) for role in body["items"]], [("flag-operator", "Flag operator")])
        self.assertEqual(body["totalCount"], 1)
        self.assertEqual(self.get("/api/v2/teams/nope/roles")[0], 404)
        self.assertEqual(self.get("/api/v2/teams/nope")[0], 404)

    def test_members_carry_their_teams(self):
        status, body = self.get("/api/v2/members?limit=100")
        sam = next(member for member in body["items"] if member["email"].startswith("sam.scoped"))
        self.assertEqual([(team["key"], team["customRoleKeys"]) for team in sam["teams"]],
                         [("payments-oncall", ["flag-operator"])])


class WhoSeesATeamTest(TeamsTestCase):
    def test_no_token_is_401(self):
        for path in ("/api/v2/teams", "/api/v2/teams/qa", "/api/v2/teams/qa/roles", "/api/v2/teams?limit=500"):
            self.assertEqual(self.request("GET", path)[0], 401, path)

    def test_a_member_without_access_sees_only_their_own_team(self):
        status, body = self.get("/api/v2/teams", token="quinn.qa")
        self.assertEqual((status, [team["key"] for team in body["items"]], body["totalCount"]), (200, ["qa"], 1))
        status, body = self.get("/api/v2/teams/payments-oncall", token="quinn.qa")
        self.assertEqual(status, 403)
        self.assertEqual(body["message"], "Forbidden. This token may not viewTeam on team/payments-oncall.")
        self.assertEqual(self.get("/api/v2/teams/payments-oncall/roles", token="quinn.qa")[0], 403)

    def test_view_team_lets_a_narrow_token_see_a_team(self):
        olivia = self.token_of("olivia.owner")
        status, created, _, _ = self.request("POST", "/api/v2/tokens", {"name": "team viewer", "inlineRole": [
            {"effect": "allow", "resources": ["team/payments-*"], "actions": ["viewTeam"]}]}, token=olivia)
        self.assertEqual(status, 201, created)
        narrow = created["token"]
        status, body, _, _ = self.request("GET", "/api/v2/teams", token=narrow)
        self.assertEqual([team["key"] for team in body["items"]], ["payments-oncall"])
        self.assertEqual(self.request("GET", "/api/v2/teams/qa", token=narrow)[0], 403)


class TeamRolesCountTest(TeamsTestCase):
    """A team's custom roles add to its members' permissions, valued by the team's role attributes."""

    def reads(self, project: str) -> bool:
        status = self.get(f"/api/v2/flags/{project}", token="quinn.qa")[0]
        self.assertIn(status, (200, 403))
        return status == 200

    def test_team_role_attributes_decide_where_the_team_role_applies(self):
        status, body, _, _ = self.request("POST", "/api/v2/roles", {
            "key": "project-viewer", "name": "Project viewer", "basePermissions": "no_access", "policy": [
                {"effect": "allow", "resources": ["proj/${roleAttribute/projectKeys}"], "actions": ["viewProject"]}]},
            token=self.token_of("olivia.owner"))
        self.assertEqual(status, 201, body)
        with self.store.write() as db:  # Quinn (no_access) leaves QA for a team that may view checkout only
            db.execute("UPDATE teams SET custom_role_keys = ?, role_attributes = ? WHERE key = 'payments-oncall'",
                       (dumps(["project-viewer"]), dumps({"projectKeys": ["checkout"]})))
            db.execute("UPDATE members SET teams = ? WHERE email LIKE 'quinn.qa%'", (dumps(["payments-oncall"]),))
        self.assertTrue(self.reads("checkout"), "the team's projectKeys give checkout")
        self.assertFalse(self.reads("search"), "and nothing else")
        with self.store.write() as db:
            db.execute("UPDATE teams SET role_attributes = ? WHERE key = 'payments-oncall'",
                       (dumps({"projectKeys": ["search", "growth"]}),))
        self.assertEqual([self.reads(p) for p in ("checkout", "search", "growth")], [False, True, True],
                         "changing the team's attributes moves the access")
        with self.store.write() as db:
            db.execute("UPDATE members SET teams = '[]' WHERE email LIKE 'quinn.qa%'")
        self.assertFalse(self.reads("search"), "leaving the team takes it away")


if __name__ == "__main__":
    unittest.main()

"""serve.py's walking skeleton: the console's files and GET /api/v2/members/me, over real HTTP."""
import json
import re
import subprocess
import sys
import tempfile
import unittest

from tests.server.harness import ROOT, ServerTestCase, captured_server_log


class MembersMeTest(ServerTestCase):
    def test_a_demo_token_identifies_its_member(self):
        status, body, _, _ = self.request("GET", "/api/v2/members/me", token=self.token_of("wendy.writer"))
        self.assertEqual(status, 200)
        self.assertEqual(body["email"], "wendy.writer@example.com")
        self.assertEqual(body["role"], "writer")
        self.assertRegex(body["_id"], r"^[0-9a-f]{24}$")
        for field in ("_links", "_id", "role", "email", "_pendingInvite", "_verified", "customRoles", "mfa",
                      "_lastSeen", "creationDate"):
            self.assertIn(field, body)

    def test_without_authorization_is_401(self):
        status, body, _, _ = self.request("GET", "/api/v2/members/me")
        self.assert_error(status, body, 401, "unauthorized")

    def test_an_unknown_token_is_401(self):
        status, body, _, _ = self.request("GET", "/api/v2/members/me", token="api-00000000-0000-4000-8000-000000000000")
        self.assert_error(status, body, 401, "unauthorized")

    def test_a_bearer_prefix_is_not_the_token(self):
        status, body, _, _ = self.request("GET", "/api/v2/members/me",
                                          token="Bearer " + self.token_of("wendy.writer"))
        self.assert_error(status, body, 401, "unauthorized")

    def test_unknown_api_path_is_a_json_404(self):
        status, body, _, _ = self.request("GET", "/api/v2/no-such-thing", token=self.token_of("wendy.writer"))
        self.assert_error(status, body, 404, "not_found")

    def test_wrong_method_is_405(self):
        status, body, _, _ = self.request("PUT", "/api/v2/members/me", token=self.token_of("wendy.writer"))
        self.assert_error(status, body, 405, "method_not_allowed")

    def test_invalid_json_body_is_400(self):
        status, body, _, _ = self.request("PATCH", "/api/v2/members/me", raw_body=b"{not json",
                                          headers={"Content-Type": "application/json"},
                                          token=self.token_of("wendy.writer"))
        self.assert_error(status, body, 400, "invalid_request")

    def test_body_over_one_mebibyte_is_413(self):
        status, body, _, _ = self.request("POST", "/api/v2/tokens", raw_body=b"[" + b"1," * 600_000 + b"1]",
                                          headers={"Content-Type": "application/json"},
                                          token=self.token_of("wendy.writer"))
        self.assert_error(status, body, 413, "request_entity_too_large")

    def test_demo_members_lists_every_base_role_with_a_working_token(self):
        status, body, _, _ = self.request("GET", "/console/demo-members")
        self.assertEqual(status, 200)
        roles = {member["role"] for member in body["members"]}
        self.assertTrue({"owner", "admin", "writer", "reader"} <= roles)
        for member in body["members"]:
            status, me, _, _ = self.request("GET", "/api/v2/members/me", token=member["token"])
            self.assertEqual((status, me["email"]), (200, member["email"]))


class StaticFilesTest(ServerTestCase):
    def test_unknown_file_is_a_json_404(self):
        status, body, _, _ = self.request("GET", "/no-such-file.txt")
        self.assert_error(status, body, 404, "not_found")

    def test_paths_cannot_escape_the_site(self):
        status, _, _, _ = self.request("GET", "/../serve.py")
        self.assertEqual(status, 404)
        status, _, _, _ = self.request("GET", "/%2e%2e/serve.py")
        self.assertEqual(status, 404)


@unittest.skipUnless((ROOT / "build" / "web" / "site" / "index.html").is_file(), "the console is not built")
class BuiltConsoleTest(ServerTestCase):
    def test_index_is_html_and_never_cached(self):
        status, _, headers, data = self.request("GET", "/")
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("text/html"))
        self.assertEqual(headers["cache-control"], "no-cache")
        self.assertIn(b"<canvas", data)

    def served_name(self, asset: str) -> str:
        manifest = json.loads((ROOT / "build" / "web" / "site-manifest.json").read_text())
        return "/" + manifest[asset]["served"]

    def test_wasm_has_its_mime_type(self):
        status, _, headers, data = self.request("GET", self.served_name("tokenscope_console.wasm"))
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"], "application/wasm")
        self.assertEqual(data[:4], b"\0asm")

    def test_javascript_mime_type(self):
        status, _, headers, _ = self.request("GET", self.served_name("tokenscope_console.js"))
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("text/javascript"))


class SecretsStayOutOfLogsTest(ServerTestCase):
    def test_the_authorization_value_is_never_logged(self):
        token = self.token_of("ravi.reader")
        with captured_server_log() as stream:
            self.request("GET", "/api/v2/members/me", token=token)
            self.request("GET", "/api/v2/members/me?x=1", token="api-not-a-real-token")
        log = stream.getvalue()
        self.assertIn("/api/v2/members/me", log)
        self.assertNotIn(token, log)
        self.assertNotIn("api-not-a-real-token", log)


class CommandLineTest(unittest.TestCase):
    def test_binds_loopback_by_default(self):
        sys.path.insert(0, str(ROOT))
        import serve
        self.assertEqual(serve.parse_args([]).host, "127.0.0.1")

    def test_a_database_of_another_version_is_refused_not_rewritten(self):
        with tempfile.TemporaryDirectory() as folder:
            db = f"{folder}/old.sqlite3"
            subprocess.run([sys.executable, "serve.py", "--db", db, "--demo-tokens"], cwd=ROOT, capture_output=True, check=True)
            import sqlite3
            connection = sqlite3.connect(db)
            connection.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
            connection.commit()
            connection.close()
            refused = subprocess.run([sys.executable, "serve.py", "--db", db, "--demo-tokens"], cwd=ROOT,
                                     capture_output=True, text=True)
            self.assertEqual(refused.returncode, 1)
            self.assertIn("--reset-demo", refused.stderr)
            reset = subprocess.run([sys.executable, "serve.py", "--db", db, "--reset-demo", "--demo-tokens"], cwd=ROOT,
                                   capture_output=True, text=True)
            self.assertEqual(reset.returncode, 0, reset.stderr)

    def test_a_database_of_the_previous_schema_is_upgraded_in_place(self):
        with tempfile.TemporaryDirectory() as folder:
            db = f"{folder}/v1.sqlite3"
            before = json.loads(subprocess.run([sys.executable, "serve.py", "--db", db, "--demo-tokens"], cwd=ROOT,
                                               capture_output=True, text=True, check=True).stdout)
            import sqlite3
            connection = sqlite3.connect(db)  # as schema 1 wrote it: fewer columns
            connection.execute("ALTER TABLE tokens DROP COLUMN issued_through")
            for index in ("flags_by_creation", "flags_by_name", "segments_by_creation"):
                connection.execute(f"DROP INDEX {index}")
            for column in ("description", "kind", "variations", "temporary", "creation_date", "version",
                           "archived_date", "deprecated_date", "maintainer_id"):
                connection.execute(f"ALTER TABLE flags DROP COLUMN {column}")
            for column in ("description", "creation_date", "last_modified", "version", "unbounded", "included",
                           "excluded", "rules"):
                connection.execute(f"ALTER TABLE segments DROP COLUMN {column}")
            for column in ("description", "creation_date", "last_modified", "version"):
                connection.execute(f"ALTER TABLE teams DROP COLUMN {column}")
            connection.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
            connection.commit()
            connection.close()
            after = subprocess.run([sys.executable, "serve.py", "--db", db, "--demo-tokens"], cwd=ROOT,
                                   capture_output=True, text=True)
            self.assertEqual(after.returncode, 0, after.stderr)
            self.assertEqual(json.loads(after.stdout), before, "nothing of the account is lost")
            connection = sqlite3.connect(db)
            self.assertEqual(connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0], "5")
            self.assertEqual(connection.execute("SELECT COUNT(*) FROM tokens WHERE issued_through = '[]'").fetchone()[0],
                             connection.execute("SELECT COUNT(*) FROM tokens").fetchone()[0])
            self.assertEqual(connection.execute("SELECT COUNT(*) FROM flags WHERE kind = 'boolean' AND version = 1"
                                                " AND archived_date IS NULL").fetchone()[0],
                             connection.execute("SELECT COUNT(*) FROM flags").fetchone()[0])
            indexes = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
            self.assertLessEqual({"flags_by_creation", "flags_by_name", "segments_by_creation"}, indexes,
                                 "listings stay indexed")
            self.assertEqual(connection.execute("SELECT COUNT(*) FROM segments WHERE rules = '[]' AND version = 1"
                                                ).fetchone()[0],
                             connection.execute("SELECT COUNT(*) FROM segments").fetchone()[0])
            connection.close()

    def test_demo_tokens_prints_working_tokens(self):
        with tempfile.TemporaryDirectory() as folder:
            db = f"{folder}/demo.sqlite3"
            first = subprocess.run([sys.executable, "serve.py", "--db", db, "--demo-tokens"], cwd=ROOT,
                                   capture_output=True, text=True, check=True)
            tokens = json.loads(first.stdout)
            self.assertIn("wendy.writer@example.com", tokens)
            for token in tokens.values():
                self.assertRegex(token, r"^api-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
            again = subprocess.run([sys.executable, "serve.py", "--db", db, "--demo-tokens"], cwd=ROOT,
                                   capture_output=True, text=True, check=True)
            self.assertEqual(json.loads(again.stdout), tokens, "the same database gives the same tokens")
            self.assertFalse(re.search(r"api-[0-9a-f-]{36}", (ROOT / "serve.py").read_text()))


if __name__ == "__main__":
    unittest.main()


class DemoTokensStayWorkingTest(ServerTestCase):
    def test_a_demo_member_whose_console_token_was_reset_gets_a_new_one(self):
        wendy = self.token_of("wendy.writer")
        items = self.request("GET", "/api/v2/tokens", token=wendy)[1]["items"]
        console = next(item for item in items if item["name"] == "Demo console" and not item["serviceToken"])
        status, reset, _, _ = self.request("POST", f"/api/v2/tokens/{console['_id']}/reset", token=wendy)
        self.assertEqual(status, 200)
        self.assertEqual(self.request("GET", "/api/v2/members/me", token=wendy)[0], 401)
        members = self.request("GET", "/console/demo-members")[1]["members"]
        again = next(m["token"] for m in members if m["email"] == "wendy.writer@example.com")
        self.assertNotEqual(again, wendy)
        self.assertEqual(self.request("GET", "/api/v2/members/me", token=again)[1]["email"], "wendy.writer@example.com")
        self.assertEqual(self.request("GET", "/api/v2/members/me", token=reset["token"])[0], 200,
                         "the secret the reset gave keeps working")
        self.assertEqual(self.request("GET", "/console/demo-members")[1]["members"], members, "issued once, then stable")

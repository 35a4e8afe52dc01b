"""The tokenscope command-line tool and the core's C ABI (through ctypes), run against the native build."""
import ctypes
import json
import os
import subprocess
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUILD = Path(os.environ.get("TOKENSCOPE_BUILD", ROOT / "build" / "native"))
TOOL = BUILD / "tokenscope"
VECTORS = ROOT / "tests" / "vectors" / "policy-vectors.jsonl"


def run(*args, stdin=""):
    return subprocess.run([str(TOOL), *args], input=stdin, capture_output=True, text=True, timeout=60)


class EvalTest(unittest.TestCase):
    def test_every_vector_decides_as_expected(self):
        lines = VECTORS.read_text().splitlines()
        result = run("eval", stdin=VECTORS.read_text())
        self.assertEqual(result.returncode, 0, result.stderr)
        answers = [json.loads(line) for line in result.stdout.splitlines()]
        self.assertEqual(len(answers), len(lines))
        for line, answer in zip(lines, answers):
            vector = json.loads(line)
            self.assertEqual(answer["id"], vector["id"])
            self.assertEqual(answer["decision"], vector["expect"], vector["id"])
            self.assertTrue(answer["reasons"], vector["id"])
            self.assertEqual(list(answer)[:3], ["id", "decision", "reasons"])

    def test_a_bad_line_is_named_and_the_others_answered(self):
        good = VECTORS.read_text().splitlines()[0]
        result = run("eval", stdin="\n".join([good, '{"id": "broken"', good, '{"id":"no-action","policy":[],"resource":"acct"}']))
        self.assertEqual(result.returncode, 2)
        self.assertEqual(len(result.stdout.splitlines()), 2)
        self.assertIn("line 2:", result.stderr)
        self.assertIn("line 4:", result.stderr)
        self.assertIn('"action"', result.stderr)

    def test_explain_is_readable(self):
        result = run("explain", stdin=VECTORS.read_text().splitlines()[2])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("deny-overrides-allow: deny", result.stdout)
        self.assertIn("denied by statement 1", result.stdout)

    def test_capped_token_is_reported(self):
        line = json.dumps({"id": "t", "principal": {"baseRole": "writer"}, "token": {"role": "admin"},
                           "resource": "member/abc", "action": "createMember"})
        answer = json.loads(run("eval", stdin=line).stdout)
        self.assertEqual(answer["decision"], "deny")
        self.assertTrue(answer["capped"])
        self.assertEqual(answer["reasons"][0]["kind"], "capped_by_member")


class ValidateAndPreviewTest(unittest.TestCase):
    def write(self, folder, name, content):
        path = Path(folder) / name
        path.write_text(json.dumps(content))
        return str(path)

    def test_validate_reports_pointer_and_column(self):
        with tempfile.TemporaryDirectory() as folder:
            good = self.write(folder, "good.json", [{"effect": "allow", "resources": ["proj/*"], "actions": ["viewProject"]}])
            self.assertEqual(run("validate", good).returncode, 0)
            bad = self.write(folder, "bad.json", {"key": "r", "policy": [
                {"effect": "allow", "resources": ["proj/*:env/*;qa_*:/flag/*"], "actions": ["updateOn"]}]})
            result = run("validate", bad)
            self.assertEqual(result.returncode, 1)
            self.assertIn("/policy/0/resources/0, column 19", result.stdout)

    def test_preview_prints_groups_and_totals(self):
        with tempfile.TemporaryDirectory() as folder:
            account = self.write(folder, "account.json", {"projects": [{"key": "web", "environments": [
                {"key": "production", "critical": True}], "flags": [{"key": "a"}, {"key": "b"}]}]})
            scope = self.write(folder, "scope.json", {"member": {"baseRole": "writer"}, "token": {"role": "reader"}})
            result = run("preview", "--account", account, "--scope", scope)
            self.assertEqual(result.returncode, 0, result.stderr)
            preview = json.loads(result.stdout)
            flags = next(g for g in preview["groups"] if g["type"] == "flag")
            self.assertEqual(flags["resources"], 2)
            update_on = next(a for a in flags["actions"] if a["action"] == "updateOn")
            self.assertEqual((update_on["allowed"], update_on["denied"]), (0, 2))

    def test_preview_with_a_missing_file_is_a_clear_error(self):
        result = run("preview", "--account", "/nonexistent.json", "--scope", "/nonexistent.json")
        self.assertEqual(result.returncode, 2)
        self.assertIn("cannot read /nonexistent.json", result.stderr)

    def test_readings_list_every_ambiguity(self):
        result = run("readings")
        self.assertEqual(result.returncode, 0)
        for paragraph in range(1, 21):
            self.assertIn(f"§8.{paragraph} ", result.stdout)


class CAbiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.lib = ctypes.CDLL(str(BUILD / "libtokenscope.so"))
        cls.lib.tokenscope_call.restype = ctypes.c_void_p
        cls.lib.tokenscope_call.argtypes = [ctypes.c_char_p]
        cls.lib.tokenscope_free.argtypes = [ctypes.c_void_p]

    def call(self, request):
        raw = request if isinstance(request, (bytes, type(None))) else json.dumps(request).encode()
        pointer = self.lib.tokenscope_call(raw)
        try:
            return json.loads(ctypes.string_at(pointer).decode())
        finally:
            self.lib.tokenscope_free(pointer)

    def test_decide_several_checks_for_one_subject(self):
        answer = self.call({"op": "decide", "level": "effective",
                            "subject": {"member": {"baseRole": "writer"}, "token": {"role": "reader"}},
                            "checks": [{"resource": "proj/web", "action": "viewProject"},
                                       {"resource": "proj/web:env/prod:flag/f", "action": "updateOn"}]})
        self.assertTrue(answer["ok"], answer)
        self.assertEqual([d["decision"] for d in answer["result"]], ["allow", "deny"])

    def test_errors_are_values_never_crashes(self):
        for request in [b"", b"{", b"[]", b"null", None, {"op": "nope"}, {"op": "decide"},
                        {"op": "preview", "account": 5, "subject": {}}, {"op": "validate"},
                        {"op": "decide", "policy": [], "resource": "proj/*", "action": "x"},
                        {"op": "catalog", "semantics": {"not_a_reading": True}}]:
            answer = self.call(request)
            self.assertFalse(answer["ok"], request)
            self.assertTrue(answer["error"]["message"], request)

    def test_a_request_that_is_not_utf8_is_a_syntax_error_not_an_internal_one(self):
        # Found by fuzz/abi_fuzzer: the syntax error quotes the bytes it read, and the answer must stay JSON.
        for request in [b"\xff", b'{"op":"decide","action":"upd\x97\x90"}']:
            answer = self.call(request)
            self.assertFalse(answer["ok"], request)
            self.assertTrue(answer["error"]["message"].startswith("invalid JSON at byte "), answer)

    def test_validate_gives_the_column(self):
        answer = self.call({"op": "validate", "policy": [
            {"effect": "allow", "resources": ["proj/a b"], "actions": ["viewProject"]}]})
        self.assertTrue(answer["ok"])
        self.assertFalse(answer["result"]["valid"])
        diagnostic = answer["result"]["diagnostics"][0]
        self.assertEqual((diagnostic["pointer"], diagnostic["column"]), ("/0/resources/0", 7))

    def test_semantics_can_change_a_reading(self):
        request = {"op": "decide", "policy": [{"effect": "allow", "resources": ["proj/*"], "actions": ["*"]}],
                   "resource": "proj/web:env/test", "action": "updateName"}
        self.assertEqual(self.call(request)["result"]["decision"], "deny")
        request["semantics"] = {"hierarchical_matching": True}
        self.assertEqual(self.call(request)["result"]["decision"], "allow")

    def test_apply_patch(self):
        answer = self.call({"op": "apply_patch", "document": {"name": "a", "role": "reader"},
                            "patch": [{"op": "replace", "path": "/name", "value": "b"}, {"op": "remove", "path": "/role"}]})
        self.assertEqual(answer, {"ok": True, "result": {"name": "b"}})
        for patch in ([{"op": "remove", "path": "/missing"}], [{"op": "test", "path": "/name", "value": "x"}],
                      [{"op": "frobnicate", "path": "/name"}], [{"path": "/name"}], {"op": "add"}):
            answer = self.call({"op": "apply_patch", "document": {"name": "a"}, "patch": patch})
            self.assertFalse(answer["ok"], patch)

    def test_a_patch_cannot_grow_a_document_without_bound(self):
        doubling = [{"op": "copy", "from": "/a", "path": f"/a/{i}"} for i in range(24)]
        answer = self.call({"op": "apply_patch", "document": {"a": {"x": "y" * 100}}, "patch": doubling})
        self.assertFalse(answer["ok"])
        self.assertEqual(answer["error"]["kind"], "limit")
        self.assertRegex(answer["error"]["pointer"], r"^/patch/\d+$")
        nesting = [{"op": "copy", "from": "/a", "path": "/a/a" + "/a" * i} for i in range(40)]
        answer = self.call({"op": "apply_patch", "document": {"a": {}}, "patch": nesting})
        self.assertEqual((answer["ok"], answer["error"].get("kind")), (False, "limit"), answer)
        too_many = [{"op": "test", "path": "/a", "value": 1}] * 1001
        self.assertEqual(self.call({"op": "apply_patch", "document": {"a": 1}, "patch": too_many})["error"]["kind"], "limit")
        # Moves are budgeted too: nlohmann/json copies the value it moves.
        shuffle = [{"op": "move", "from": "/a", "path": "/b"}, {"op": "move", "from": "/b", "path": "/a"}] * 500
        answer = self.call({"op": "apply_patch", "document": {"a": "z" * 5000}, "patch": shuffle})
        self.assertEqual(answer["error"]["kind"], "limit")

    def test_deeply_nested_json_is_refused_not_recursed(self):
        deep = "[" * 5000 + "]" * 5000
        answer = self.call(('{"op":"validate","policy":' + deep + "}").encode())
        self.assertFalse(answer["ok"])
        self.assertEqual(answer["error"]["kind"], "limit")
        self.assertTrue(self.call(('{"op":"validate","policy":' + "[" * 30 + "]" * 30 + "}").encode())["ok"])

    def test_validate_bounds_expansions_with_the_role_attributes_it_is_given(self):
        policy = [{"effect": "deny", "resources": ["proj/${roleAttribute/a}:env/${roleAttribute/b}:flag/*"], "actions": ["*"]},
                  {"effect": "allow", "resources": ["proj/*"], "actions": ["viewProject"]}]
        values = [f"v{i}" for i in range(64)]
        fine = self.call({"op": "validate", "policy": policy, "roleAttributes": [{"a": ["x"], "b": values}]})
        self.assertTrue(fine["result"]["valid"], fine)
        over = self.call({"op": "validate", "policy": policy, "roleAttributes": [{"a": ["x"]}, {"a": values, "b": values}]})
        self.assertFalse(over["result"]["valid"])
        self.assertEqual([d["kind"] for d in over["result"]["diagnostics"] if d["severity"] == "error"], ["limit"])
        self.assertEqual(over["result"]["diagnostics"][-1]["roleAttributes"], 1)

    def test_facts_and_issuers(self):
        everything = {"inlinePolicy": [{"effect": "allow", "resources": ["*"], "actions": ["*"]}]}
        facts = self.call({"op": "facts", "subject": {"member": {"baseRole": "admin"}, "token": everything}})["result"]
        self.assertEqual((facts["unrestricted"], facts["readsAccount"], facts["overExpansionLimit"]), (True, True, []))
        reader_issued = {"member": {"baseRole": "admin"},
                         "token": {**everything, "issuedThrough": [{"member": {"baseRole": "admin"}, "token": {"role": "reader"}}]}}
        facts = self.call({"op": "facts", "subject": reader_issued})["result"]
        self.assertFalse(facts["unrestricted"])
        answer = self.call({"op": "decide", "level": "effective", "subject": reader_issued,
                            "checks": [{"resource": "proj/web", "action": "viewProject"},
                                       {"resource": "proj/web:env/prod:flag/f", "action": "updateOn"}]})["result"]
        self.assertEqual([d["decision"] for d in answer], ["allow", "deny"])
        self.assertEqual(answer[1]["reasons"][0]["kind"], "capped_by_issuer")
        no_access = self.call({"op": "facts", "subject": {"member": {"baseRole": "no_access"}}})["result"]
        self.assertFalse(no_access["readsAccount"])
        too_many = {"member": {"baseRole": "admin"},
                    "token": {"role": "reader", "issuedThrough": [{"member": {"baseRole": "admin"}}] * 17}}
        self.assertEqual(self.call({"op": "facts", "subject": too_many})["error"]["kind"], "limit")

    def test_catalog_and_diff(self):
        catalog = self.call({"op": "catalog"})["result"]
        self.assertIn("flag", [t["type"] for t in catalog["resourceTypes"]])
        self.assertEqual(len(catalog["readings"]), 20)
        account = {"projects": [{"key": "web", "environments": [{"key": "test"}], "flags": [{"key": "f"}]}]}
        diff = self.call({"op": "diff", "account": account,
                          "before": {"member": {"baseRole": "writer"}, "token": {"role": "reader"}},
                          "after": {"member": {"baseRole": "writer"}, "token": {"role": "writer"}}})
        self.assertTrue(diff["ok"], diff)
        self.assertGreater(diff["result"]["gained"], 0)
        self.assertEqual(diff["result"]["lost"], 0)


if __name__ == "__main__":
    unittest.main()

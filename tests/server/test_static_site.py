"""The console's files served as a web app: precompressed copies by Accept-Encoding, with Content-Encoding and
Vary; content-hashed names cached for good and index.html revalidated; a client without compression gets the
file as it is. Over real HTTP, on a site made by cmake/build_site.py from known files."""
import gzip
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

from server.static_site import accepted_encodings
from tests.server.harness import ROOT, ServerTestCase

# Repetitive enough that brotli and gzip both shrink it; starts like a real module.
WASM = b"\0asm\1\0\0\0" + b"tokenscope console module " * 400
INDEX = """<!doctype html><html><head><link rel="stylesheet" href="style.css"></head><body><canvas></canvas>
<script src="screen_reader.js"></script>
<script src="loader.js" data-console-js="tokenscope_console.js" data-console-wasm="tokenscope_console.wasm"
        data-console-wasm-bytes="0"></script></body></html>
"""


def build_site(work: Path) -> tuple[Path, dict]:
    bundle, web, site = work / "bundle", work / "web", work / "site"
    bundle.mkdir()
    web.mkdir()
    (bundle / "tokenscope_console.wasm").write_bytes(WASM)
    (bundle / "tokenscope_console.js").write_text("var Module = {};\n" * 200)
    (web / "loader.js").write_text("console.log('loading');\n" * 100)
    (web / "screen_reader.js").write_text("console.log('mirroring');\n" * 100)
    (web / "style.css").write_text("x{}")  # too small to compress: served as it is, without Vary
    (web / "index.html").write_text(INDEX)
    manifest_path = work / "manifest.json"
    subprocess.run([sys.executable, str(ROOT / "cmake" / "build_site.py"), bundle, web, site, manifest_path],
                   check=True)
    return site, json.loads(manifest_path.read_text())


@unittest.skipUnless(shutil.which("brotli"), "the brotli command is missing: run scripts/setup.sh")
class PrecompressedSiteTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = Path(tempfile.mkdtemp(prefix="tokenscope-site-"))
        cls.site_dir, cls.manifest = build_site(cls.work)
        cls.wasm_path = "/" + cls.manifest["tokenscope_console.wasm"]["served"]

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work)

    def get(self, path: str, accept_encoding: str | None = None, method: str = "GET", **headers):
        if accept_encoding is not None:
            headers["Accept-Encoding"] = accept_encoding
        return self.request(method, path, headers=headers)

    def test_index_names_the_hashed_assets_and_the_wasm_size(self):
        status, _, _, data = self.get("/")
        self.assertEqual(status, 200)
        index = data.decode()
        for name in ("loader.js", "screen_reader.js", "style.css", "tokenscope_console.js", "tokenscope_console.wasm"):
            served = self.manifest[name]["served"]
            self.assertRegex(served, r"\.[0-9a-f]{16}\.")
            self.assertIn(f'"{served}"', index)
            self.assertNotIn(f'"{name}"', index)
        self.assertIn(f'data-console-wasm-bytes="{len(WASM)}"', index)

    def test_brotli_is_preferred_when_both_are_accepted(self):
        status, _, headers, data = self.get(self.wasm_path, "gzip, deflate, br")
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-encoding"], "br")
        self.assertEqual(headers["vary"], "Accept-Encoding")
        self.assertEqual(headers["content-type"], "application/wasm")
        self.assertEqual(int(headers["content-length"]), len(data))
        self.assertLess(len(data), len(WASM))
        brotli_tool = shutil.which("brotli")
        self.assertEqual(subprocess.run([brotli_tool, "-d", "-c"], input=data, capture_output=True,
                                        check=True).stdout, WASM)

    def test_gzip_when_only_gzip_is_accepted(self):
        status, _, headers, data = self.get(self.wasm_path, "gzip")
        self.assertEqual((status, headers["content-encoding"]), (200, "gzip"))
        self.assertEqual(headers["vary"], "Accept-Encoding")
        self.assertEqual(gzip.decompress(data), WASM)

    def test_a_client_that_accepts_no_compression_gets_the_file_as_it_is(self):
        for accept in (None, "", "identity", "br;q=0, gzip;q=0", "*;q=0", "deflate"):
            with self.subTest(accept_encoding=accept):
                status, _, headers, data = self.get(self.wasm_path, accept)
                self.assertEqual(status, 200)
                self.assertNotIn("content-encoding", headers)
                self.assertEqual(headers["vary"], "Accept-Encoding")  # a cache must not give it a compressed copy
                self.assertEqual(data, WASM)

    def test_q_values_rank_the_encodings(self):
        for accept, expected in (("br;q=0.5, gzip", "gzip"), ("br;q=0, gzip;q=0.1", "gzip"), ("*", "br"),
                                 ("gzip;q=0.2, *;q=0.9", "br"), ("BR", "br"), ("br;q=nonsense, gzip", "gzip")):
            with self.subTest(accept_encoding=accept):
                _, _, headers, _ = self.get(self.wasm_path, accept)
                self.assertEqual(headers.get("content-encoding"), expected)

    def test_a_hostile_accept_encoding_header_is_harmless(self):
        self.assertEqual(accepted_encodings("," * 100_000 + "br"), [])
        self.assertEqual(accepted_encodings("br;q=1e999, gzip;q=-5"), ["br"])
        status, _, headers, _ = self.get(self.wasm_path, "x;" * 2000)
        self.assertEqual(status, 200)
        self.assertNotIn("content-encoding", headers)

    def test_hashed_assets_are_cached_for_good_and_the_html_revalidated(self):
        _, _, headers, _ = self.get(self.wasm_path, "br")
        self.assertEqual(headers["cache-control"], "public, max-age=31536000, immutable")
        _, _, headers, _ = self.get("/", "br")
        self.assertEqual(headers["cache-control"], "no-cache")
        self.assertIn("content-security-policy", headers)
        _, _, headers, _ = self.get("/index.html", "identity")
        self.assertEqual(headers["cache-control"], "no-cache")

    def test_a_file_too_small_to_compress_is_sent_as_it_is_without_vary(self):
        status, _, headers, data = self.get("/" + self.manifest["style.css"]["served"], "br, gzip")
        self.assertEqual((status, data), (200, b"x{}"))
        self.assertNotIn("content-encoding", headers)
        self.assertNotIn("vary", headers)
        self.assertTrue(headers["content-type"].startswith("text/css"))

    def test_revalidation_answers_304_per_encoding(self):
        _, _, brotli_headers, _ = self.get("/", "br")
        _, _, plain_headers, _ = self.get("/", "identity")
        self.assertNotEqual(brotli_headers["etag"], plain_headers["etag"])
        status, _, headers, data = self.get("/", "br", **{"If-None-Match": brotli_headers["etag"]})
        self.assertEqual((status, data), (304, b""))
        self.assertEqual(headers["etag"], brotli_headers["etag"])
        status, _, _, data = self.get("/", "identity", **{"If-None-Match": brotli_headers["etag"]})
        self.assertEqual(status, 200)
        self.assertIn(b"<canvas", data)

    def test_precompressed_copies_are_not_files_of_their_own(self):
        for suffix in (".br", ".gz"):
            with self.subTest(suffix=suffix):
                status, body, _, _ = self.get(self.wasm_path + suffix, "br, gzip")
                self.assert_error(status, body, 404, "not_found")

    def test_head_sends_the_headers_of_get_without_a_body(self):
        _, _, get_headers, data = self.get(self.wasm_path, "br")
        status, _, headers, body = self.get(self.wasm_path, "br", method="HEAD")
        self.assertEqual((status, body), (200, b""))
        self.assertEqual(headers["content-length"], str(len(data)))
        self.assertEqual(headers["content-encoding"], "br")
        self.assertEqual(headers["etag"], get_headers["etag"])


class CompressedApiReadsTest(ServerTestCase):
    """Long API reads are gzipped for a client that accepts it; writes, and anything carrying a secret, never."""

    def test_a_long_read_is_gzipped_only_for_a_client_that_accepts_it(self):
        token = self.token_of("olivia")
        status, _, headers, data = self.request("GET", "/api/v2/projects?expand=environments", token=token,
                                                headers={"Accept-Encoding": "gzip, br"})
        self.assertEqual((status, headers["content-encoding"]), (200, "gzip"))
        self.assertEqual(headers["vary"], "Accept-Encoding")
        self.assertEqual(int(headers["content-length"]), len(data))
        plain_status, plain, plain_headers, _ = self.request("GET", "/api/v2/projects?expand=environments",
                                                             token=token)
        self.assertEqual(plain_status, 200)
        self.assertNotIn("content-encoding", plain_headers)
        self.assertEqual(json.loads(gzip.decompress(data)), plain)
        self.assertLess(len(data), len(json.dumps(plain)))

    def test_writes_and_short_answers_are_sent_as_they_are(self):
        token = self.token_of("olivia")
        status, body, headers, _ = self.request("POST", "/api/v2/tokens", {"name": "secret-" + "x" * 1200, "role": "reader"},
                                                token=token, headers={"Accept-Encoding": "gzip"})
        self.assertEqual(status, 201, body)
        self.assertNotIn("content-encoding", headers)  # carries the new secret: its length must not depend on it
        self.assertTrue(body["token"])
        status, _, headers, _ = self.request("GET", "/api/v2/caller-identity", token=token,
                                             headers={"Accept-Encoding": "gzip"})
        self.assertEqual(status, 200)
        self.assertNotIn("content-encoding", headers)
        status, body, headers, _ = self.request("GET", "/console/demo-members", headers={"Accept-Encoding": "gzip"})
        self.assertEqual(status, 200)
        self.assertNotIn("content-encoding", headers)


class BuildSiteTest(unittest.TestCase):
    @unittest.skipUnless(shutil.which("brotli"), "the brotli command is missing: run scripts/setup.sh")
    def test_a_rebuild_removes_what_the_previous_build_left(self):
        with tempfile.TemporaryDirectory() as work:
            site, first = build_site(Path(work))
            old_wasm = first["tokenscope_console.wasm"]["served"]
            (Path(work) / "bundle" / "tokenscope_console.wasm").write_bytes(WASM + b"changed")
            subprocess.run([sys.executable, str(ROOT / "cmake" / "build_site.py"), Path(work) / "bundle",
                            Path(work) / "web", site, Path(work) / "manifest.json"], check=True)
            second = json.loads((Path(work) / "manifest.json").read_text())
            new_wasm = second["tokenscope_console.wasm"]["served"]
            self.assertNotEqual(old_wasm, new_wasm)
            names = {path.name for path in site.iterdir()}
            self.assertFalse({name for name in names if name.startswith(old_wasm)})
            self.assertTrue({new_wasm, new_wasm + ".br", new_wasm + ".gz"} <= names)
            for entry in second.values():
                self.assertLessEqual(entry.get("br", 0), entry.get("gz", entry["raw"]))
            self.assertTrue(all(re.fullmatch(r"[\w.]+", name) for name in names))


if __name__ == "__main__":
    unittest.main()

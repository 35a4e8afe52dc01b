"""The console's files, served as a web app is: the precompressed copy the client accepts (made once, at build
time, by cmake/build_site.py), content-hashed names cached for good, index.html revalidated on every visit."""
import hashlib
import mimetypes
import posixpath
import re
import threading
from dataclasses import dataclass
from pathlib import Path

TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
         ".wasm": "application/wasm", ".css": "text/css; charset=utf-8", ".png": "image/png",
         ".svg": "image/svg+xml", ".json": "application/json"}
# Brotli first: smaller than gzip for the same file, and every browser that sends "br" decodes it.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
PRECOMPRESSED_SUFFIXES = tuple(suffix for _, suffix in ENCODINGS)
# name.<16 hex digits>.ext: its content never changes under that name (cmake/build_site.py).
HASHED_NAME = re.compile(r"\.[0-9a-f]{16}\.[A-Za-z0-9]+$")
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
CACHED_FILES = 32


@dataclass(frozen=True)
class StaticFile:
    data: bytes
    content_type: str
    encoding: str | None  # Content-Encoding, or None for the file as it is
    cache_control: str
    etag: str
    varies: bool  # the answer depends on Accept-Encoding (a compressed copy exists)


def accepted_encodings(header: str | None) -> list[str]:
    """The encodings of ENCODINGS an Accept-Encoding header allows, best first (RFC 9110 section 12.5.3):
    q-values rank them, q=0 refuses, '*' stands for any not named; no header means none."""
    if not header:
        return []
    weights = {}
    for item in header.split(",")[:32]:
        name, _, params = item.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    weight = 0.0
        weights[name.strip().lower()] = weight
    ranked = []
    for rank, (encoding, _) in enumerate(ENCODINGS):
        weight = weights.get(encoding, weights.get("*", 0.0))
        if weight > 0:
            ranked.append((-weight, rank, encoding))
    return [encoding for _, _, encoding in sorted(ranked)]


class StaticSite:
    def __init__(self, site_dir: Path):
        self.site_dir = site_dir
        self._lock = threading.Lock()
        self._cache: dict[Path, tuple[tuple[int, int], bytes, str]] = {}

    def resolve(self, url_path: str) -> Path | None:
        """The file a URL path names inside the site, or None (outside it, missing, or a precompressed copy,
        which is only ever sent as the encoding of its original)."""
        relative = posixpath.normpath(url_path).lstrip("/") or "index.html"
        if url_path.endswith("/") and relative != "index.html":
            relative = posixpath.join(relative, "index.html")
        if relative.endswith(PRECOMPRESSED_SUFFIXES):
            return None
        try:
            site = self.site_dir.resolve()
            file_path = (site / relative).resolve()
            if site not in file_path.parents or not file_path.is_file():
                return None
        except (OSError, ValueError):  # a name too long for the file system, say
            return None
        return file_path

    def _read(self, path: Path) -> tuple[bytes, str] | None:
        """The file's bytes and a strong validator for them; read again only when its size or time changes."""
        try:
            stat = path.stat()
            key = (stat.st_mtime_ns, stat.st_size)
            with self._lock:
                cached = self._cache.get(path)
            if cached is not None and cached[0] == key:
                return cached[1], cached[2]
            data = path.read_bytes()
        except OSError:
            return None
        etag = hashlib.sha256(data).hexdigest()[:32]
        with self._lock:
            if len(self._cache) >= CACHED_FILES:
                self._cache.clear()
            self._cache[path] = (key, data, etag)
        return data, etag

    def file(self, url_path: str, accept_encoding: str | None) -> StaticFile | None:
        path = self.resolve(url_path)
        if path is None:
            return None
        content_type = TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        cache_control = IMMUTABLE if HASHED_NAME.search(path.name) else REVALIDATE
        varies = any(path.with_name(path.name + suffix).is_file() for _, suffix in ENCODINGS)
        suffixes = dict(ENCODINGS)
        for encoding in accepted_encodings(accept_encoding):
            compressed = self._read(path.with_name(path.name + suffixes[encoding]))
            if compressed is not None:
                data, etag = compressed
                return StaticFile(data, content_type, encoding, cache_control, f'"{etag}-{encoding}"', varies)
        plain = self._read(path)
        if plain is None:
            return None
        return StaticFile(plain[0], content_type, None, cache_control, f'"{plain[1]}"', varies)

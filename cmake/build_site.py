"""Assembles the console's site as a web app serves it: build_site.py BUNDLE_DIR WEB_DIR SITE_DIR MANIFEST [FONT]

- every asset but index.html gets a content-hashed name (loader.1a2b3c4d5e6f7a8b.js), so it can be cached
  for good; index.html names them and is revalidated on every visit;
- every file is precompressed once, here, as .br (brotli -q 11) and .gz (gzip -9), kept only where smaller;
- what earlier builds left in SITE_DIR goes;
- MANIFEST (JSON, outside the site) lists each asset's served name and its raw, gzip and brotli sizes, and the
  WebAssembly's parts: code, its data and, of that, the embedded FONT (a file compiled into it).
"""
import gzip
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

BUNDLE_ASSETS = ("tokenscope_console.js", "tokenscope_console.wasm")
WEB_ASSETS = ("loader.js", "screen_reader.js", "style.css")
WASM_BYTES_PLACEHOLDER = 'data-console-wasm-bytes="0"'


def hashed_name(name: str, data: bytes) -> str:
    stem, _, suffix = name.partition(".")
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:16]}.{suffix}"


def brotli(data: bytes) -> bytes:
    brotli_tool = shutil.which("brotli")
    if brotli_tool is None:
        sys.exit("build_site.py: the brotli command is missing (Debian package brotli): run scripts/setup.sh")
    return subprocess.run([brotli_tool, "-q", "11", "-c"], input=data, capture_output=True, check=True).stdout


def compressed_sizes(data: bytes) -> dict:
    return {"raw": len(data), "gz": len(gzip.compress(data, 9, mtime=0)), "br": len(brotli(data))}


def uleb128(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def wasm_parts(module: bytes, font: bytes | None) -> dict:
    """Sizes of the module's code section, its data section (and of the font compiled into it), and the rest."""
    sections, at = {}, 8  # past the magic number and version
    while at < len(module):
        section_id = module[at]
        size, at = uleb128(module, at + 1)
        sections[section_id] = sections.get(section_id, b"") + module[at:at + size]
        at += size
    code, data = sections.get(10, b""), sections.get(11, b"")
    parts = {"code": compressed_sizes(code), "data": compressed_sizes(data)}
    if font:
        # The linker splits data segments at runs of zeros, so the font is measured as a file of its own.
        parts["  of which font"] = compressed_sizes(font)
    parts["other sections"] = {"raw": len(module) - len(code) - len(data)}
    return parts


def write_with_encodings(site: Path, name: str, data: bytes) -> dict:
    """Writes name, name.gz and name.br (the last two only where smaller); returns the sizes."""
    (site / name).write_bytes(data)
    sizes = {"raw": len(data)}
    for suffix, compress in ((".gz", lambda raw: gzip.compress(raw, 9, mtime=0)), (".br", brotli)):
        compressed = compress(data)
        (site / (name + suffix)).unlink(missing_ok=True)
        if len(compressed) < len(data):
            (site / (name + suffix)).write_bytes(compressed)
            sizes[suffix[1:]] = len(compressed)
    return sizes


def main() -> None:
    bundle_dir, web_dir, site, manifest_path = (Path(arg) for arg in sys.argv[1:5])
    font = Path(sys.argv[5]).read_bytes() if len(sys.argv) > 5 else None
    sources = {name: bundle_dir / name for name in BUNDLE_ASSETS} | {name: web_dir / name for name in WEB_ASSETS}
    contents = {name: path.read_bytes() for name, path in sources.items()}
    served = {name: hashed_name(name, data) for name, data in contents.items()}

    index = (web_dir / "index.html").read_text()
    if WASM_BYTES_PLACEHOLDER not in index:
        sys.exit(f"build_site.py: web/index.html lacks {WASM_BYTES_PLACEHOLDER}")
    index = index.replace(WASM_BYTES_PLACEHOLDER,
                          f'data-console-wasm-bytes="{len(contents["tokenscope_console.wasm"])}"')
    for name, hashed in served.items():
        quoted = f'"{name}"'
        if quoted not in index:
            sys.exit(f"build_site.py: web/index.html does not name {name}")
        index = index.replace(quoted, f'"{hashed}"')

    site.mkdir(parents=True, exist_ok=True)
    manifest = {"index.html": write_with_encodings(site, "index.html", index.encode())}
    for name, hashed in served.items():
        manifest[name] = {"served": hashed, **write_with_encodings(site, hashed, contents[name])}
    manifest["tokenscope_console.wasm"]["parts"] = wasm_parts(contents["tokenscope_console.wasm"], font)

    kept = {"index.html"} | set(served.values())
    for path in site.iterdir():
        base = path.name.removesuffix(".br").removesuffix(".gz")
        if base not in kept or (path.name != base and not (site / base).exists()):
            path.unlink()
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")


if __name__ == "__main__":
    main()

"""Writes a C++ source that holds a file's bytes: embed_file.py INPUT SYMBOL OUTPUT."""
import sys
from pathlib import Path


def main() -> None:
    source, symbol, output = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    data = Path(source).read_bytes()
    lines = [",".join(str(b) for b in data[i:i + 32]) for i in range(0, len(data), 32)]
    body = ",\n".join(lines)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(
        "#include <cstddef>\n"
        f"// Generated from {Path(source).name}; do not edit.\n"
        f"extern const unsigned char {symbol}[] = {{\n{body},0}};\n"
        f"extern const std::size_t {symbol}_size = {len(data)};\n")


if __name__ == "__main__":
    main()

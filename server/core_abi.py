"""The C++ core's C ABI through ctypes: every permission decision of the mock API is the core's."""
import ctypes
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LIBRARY = ROOT / "build" / "native" / "libtokenscope.so"


class CoreError(Exception):
    """The core answered with an error: a message, and where (JSON pointer, column); kind "limit" when the
    input was refused for its size or the work it would cause."""

    def __init__(self, error: dict):
        super().__init__(error.get("message", "core error"))
        self.message = error.get("message", "core error")
        self.pointer = error.get("pointer", "")
        self.column = error.get("column")
        self.kind = error.get("kind", "")

    def describe(self) -> str:
        where = self.pointer + (f", column {self.column}" if self.column else "")
        return f"{self.message} (at {where})" if where else self.message


class Core:
    def __init__(self, library: Path = DEFAULT_LIBRARY):
        if not Path(library).is_file():
            raise FileNotFoundError(f"the core's shared library is missing: {library} (build it with ./dev build)")
        self._lib = ctypes.CDLL(str(library))
        self._lib.tokenscope_call.restype = ctypes.c_void_p
        self._lib.tokenscope_call.argtypes = [ctypes.c_char_p]
        self._lib.tokenscope_free.argtypes = [ctypes.c_void_p]


    def call(self, request: dict):
        payload = json.dumps(request, separators=(",", ":")).encode()
        # The core keeps no mutable global state: calls from several request threads run side by side.
        pointer = self._lib.tokenscope_call(payload)
        try:
            answer = json.loads(ctypes.string_at(pointer).decode())
        finally:
            self._lib.tokenscope_free(pointer)
        if not answer.get("ok"):
            raise CoreError(answer.get("error", {}))
        return answer["result"]

    def decide(self, subject: dict, checks: list[dict]) -> list[dict]:
        """Effective-level decisions; each check is {"resource", "action", "resourceProps"?}."""
        return self.call({"op": "decide", "level": "effective", "subject": subject, "checks": checks})

    def validate(self, policy, role_attribute_sets: list | None = None) -> dict:
        request = {"op": "validate", "policy": policy}
        if role_attribute_sets is not None:
            request["roleAttributes"] = role_attribute_sets
        return self.call(request)

    def facts(self, subject: dict) -> dict:
        return self.call({"op": "facts", "subject": subject})

    def apply_patch(self, document, patch):
        return self.call({"op": "apply_patch", "document": document, "patch": patch})

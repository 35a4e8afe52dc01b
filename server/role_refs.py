"""Custom roles named by id or by key, never ambiguously: a key may not look like an id (roles_api refuses
such keys), so a reference that looks like an id is looked up as one and anything else as a key."""
import re

OBJECT_ID = re.compile(r"[0-9a-f]{24}")


def looks_like_id(reference: str) -> bool:
    return bool(OBJECT_ID.fullmatch(reference))


def find_role(db, reference: str):
    """The role row a reference names, or None."""
    column = "id" if looks_like_id(reference) else "key"
    return db.execute(f"SELECT * FROM roles WHERE {column} = ?", (reference,)).fetchone()

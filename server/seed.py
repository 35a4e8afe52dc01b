"""The demo account seeded on first start: members of every base role, each with a personal token
whose secret is derived from a per-database demo key, so --demo-tokens can print working tokens."""
import json
import secrets

from .secrets_util import derived_token_secret, hash_secret, new_object_id
from .store import Store, now_ms

DEMO_MEMBERS = [
    # email, first name, last name, base role
    ("olivia.owner@example.com", "Olivia", "Owner", "owner"),
    ("adam.admin@example.com", "Adam", "Admin", "admin"),
    ("wendy.writer@example.com", "Wendy", "Writer", "writer"),
    ("ravi.reader@example.com", "Ravi", "Reader", "reader"),
]

API_VERSION = 20240415


def seed_demo_account(store: Store) -> None:
    created = now_ms()
    demo_key = secrets.token_hex(32)
    with store.write() as db:
        db.execute("INSERT INTO meta(key, value) VALUES ('account_id', ?)", (new_object_id(),))
        db.execute("INSERT INTO meta(key, value) VALUES ('demo_key', ?)", (demo_key,))
        for email, first, last, role in DEMO_MEMBERS:
            member_id = new_object_id()
            db.execute(
                "INSERT INTO members(id, email, first_name, last_name, role, creation_date, last_seen)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)", (member_id, email, first, last, role, created, created))
            secret = derived_token_secret(bytes.fromhex(demo_key), email)
            db.execute(
                "INSERT INTO tokens(id, member_id, name, description, creation_date, last_modified, role,"
                " default_api_version, secret_hash, ending) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (new_object_id(), member_id, "Demo console", "Used by the console's 'act as' chooser",
                 created, created, role if role in ("reader", "writer", "admin") else "admin",
                 API_VERSION, hash_secret(secret), secret[-4:]))


def demo_tokens(store: Store) -> dict:
    """Email -> working personal token, for every demo member still in the account."""
    key = store.meta("demo_key")
    if key is None:
        return {}
    with store.read() as db:
        rows = db.execute("SELECT email FROM members ORDER BY creation_date, email").fetchall()
    return {row["email"]: derived_token_secret(bytes.fromhex(key), row["email"]) for row in rows}


def demo_members(store: Store) -> list[dict]:
    tokens = demo_tokens(store)
    with store.read() as db:
        rows = db.execute("SELECT email, first_name, last_name, role FROM members").fetchall()
    order = {email: i for i, (email, *_rest) in enumerate(DEMO_MEMBERS)}
    members = [{"email": r["email"], "name": f"{r['first_name']} {r['last_name']}".strip(), "role": r["role"],
                "token": tokens[r["email"]]} for r in rows if r["email"] in tokens]
    return sorted(members, key=lambda m: (order.get(m["email"], len(order)), m["email"]))


def print_demo_tokens(store: Store) -> None:
    print(json.dumps(demo_tokens(store), indent=2))

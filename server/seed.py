"""The demo account seeded on first start: members of every base role, a member scoped by role attributes,
a no_access member who gets access through a team, custom roles, five projects with tagged environments
(one critical each), 30 to 60 flags per project (server/seed_flags.py), 8 to 16 segments per environment
(server/seed_segments.py), and a few personal and service tokens.

Each demo member also has a "Demo console" personal token whose secret is derived from a per-database
demo key, so that --demo-tokens and the console's "act as" chooser can hand out working tokens while the
database keeps only hashes."""
import json
import random
import secrets

from .access import principal_of  # the snapshot of a service token's creator is built like any principal
from .seed_flags import INSERT_FLAG, flag_rows
from .seed_segments import INSERT_SEGMENT, segment_rows
from .secrets_util import derived_token_secret, hash_secret, new_object_id, new_token_secret
from .store import INSERT_TOKEN, SCHEMA_VERSION, Store, dumps, now_ms, token_row

API_VERSION = 20240415
ALLOW_EVERYTHING = [{"effect": "allow", "resources": ["*"], "actions": ["*"]}]

ROLES = [
    {"key": "flag-operator", "name": "Flag operator",
     "description": "Turns flags on and off and edits targeting in projects named by the projectKeys attribute",
     "basePermissions": "reader",
     "policy": [{"effect": "allow", "resources": ["proj/${roleAttribute/projectKeys}:env/*:flag/*"],
                 "actions": ["updateOn", "updateTargets", "updateRules", "updateFallthrough"]},
                {"effect": "deny", "resources": ["proj/*:env/*;{critical:true}:flag/*"],
                 "actions": ["bypassRequiredApproval"]}]},
    {"key": "qa-tester", "name": "QA tester", "description": "Full control of flags and segments in QA environments",
     "basePermissions": "no_access",
     "policy": [{"effect": "allow", "resources": ["proj/*"], "actions": ["viewProject"]},
                {"effect": "allow", "resources": ["proj/*:env/*;qa:flag/*", "proj/*:env/*;qa:segment/*"],
                 "actions": ["*"]}]},
    {"key": "release-manager", "name": "Release manager",
     "description": "Everything on flags except in critical environments, where only toggling",
     "basePermissions": "reader",
     "policy": [{"effect": "allow", "resources": ["proj/*:env/*:flag/*"], "actions": ["*"]},
                {"effect": "deny", "resources": ["proj/*:env/*;{critical:true}:flag/*"],
                 "notActions": ["updateOn"]}]},
    {"key": "token-auditor", "name": "Token auditor", "description": "Reads and resets every access token",
     "basePermissions": "reader",
     "policy": [{"effect": "allow", "resources": ["member/*:token/*", "service-token/*"],
                 "actions": ["resetAccessToken", "deleteAccessToken"]}]},
]

TEAMS = [{"key": "qa", "name": "QA team", "description": "Testers: full control of flags and segments in QA",
          "customRoleKeys": ["qa-tester"], "roleAttributes": {}},
         {"key": "payments-oncall", "name": "Payments on-call",
          "description": "Whoever is on call for payments may toggle checkout's flags",
          "customRoleKeys": ["flag-operator"], "roleAttributes": {"projectKeys": ["checkout"]}}]

# email, first, last, base role, custom role keys, role attributes, teams
MEMBERS = [
    ("olivia.owner@example.com", "Olivia", "Owner", "owner", [], {}, []),
    ("adam.admin@example.com", "Adam", "Admin", "admin", [], {}, []),
    ("wendy.writer@example.com", "Wendy", "Writer", "writer", [], {}, []),
    ("ravi.reader@example.com", "Ravi", "Reader", "reader", [], {}, []),
    ("sam.scoped@example.com", "Sam", "Scoped", "reader", ["flag-operator"], {"projectKeys": ["checkout", "mobile-app"]},
     ["payments-oncall"]),
    ("quinn.qa@example.com", "Quinn", "QA", "no_access", [], {}, ["qa"]),
]

MAINTAINERS = ["olivia.owner@example.com", "adam.admin@example.com", "wendy.writer@example.com"]

PROJECTS = [
    ("checkout", "Checkout", ["web", "payments"]),
    ("mobile-app", "Mobile app", ["mobile"]),
    ("search", "Search", ["web"]),
    ("platform", "Platform", ["internal"]),
    ("growth", "Growth experiments", ["web", "experiments"]),
]

ENVIRONMENTS = [  # key, name, tags, critical, color
    ("production", "Production", ["prod"], True, "e0301e"),
    ("staging", "Staging", ["preprod"], False, "f5a623"),
    ("qa", "QA", ["qa"], False, "4a90e2"),
    ("test", "Test", [], False, "7ed321"),
]

def _role_row(role: dict, created: int):
    return (new_object_id(), role["key"], role["name"], role["description"], dumps(role["policy"]),
            role["basePermissions"], "any", created)


def _insert_token(db, member_id, name, description, created, role=None, custom_role_ids=None, inline_role=None,
                  service=False, secret=None, creator_snapshot=None):
    db.execute(INSERT_TOKEN, token_row(new_object_id(), member_id, secret or new_token_secret(), created, API_VERSION,
                                       name, description, role, custom_role_ids or [], inline_role, service,
                                       creator_snapshot))


def seed_demo_account(store: Store) -> None:
    created = now_ms()
    demo_key = secrets.token_hex(32)
    with store.write() as db:
        db.execute("INSERT INTO meta(key, value) VALUES ('account_id', ?)", (new_object_id(),))
        db.execute("INSERT INTO meta(key, value) VALUES ('demo_key', ?)", (demo_key,))
        db.execute("INSERT INTO meta(key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
        role_ids = {}
        for role in ROLES:
            row = _role_row(role, created)
            role_ids[role["key"]] = row[0]
            db.execute("INSERT INTO roles(id, key, name, description, policy, base_permissions, resource_category,"
                       " creation_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row)
        for team in TEAMS:
            db.execute("INSERT INTO teams(key, name, custom_role_keys, role_attributes, description, creation_date,"
                       " last_modified) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       (team["key"], team["name"], dumps(team["customRoleKeys"]), dumps(team["roleAttributes"]),
                        team["description"], created, created))
        member_ids = {}
        for offset, (email, first, last, role, custom, attributes, teams) in enumerate(MEMBERS):
            member_id = new_object_id()
            member_ids[email] = member_id
            db.execute(
                "INSERT INTO members(id, email, first_name, last_name, role, custom_roles, role_attributes, teams,"
                " creation_date, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (member_id, email, first, last, role, dumps([role_ids[key] for key in custom]), dumps(attributes),
                 dumps(teams), created + offset, created))
            # The console's "act as" token: everything the member can do, and no more.
            _insert_token(db, member_id, "Demo console", "Used by the console's 'act as' chooser", created,
                          inline_role=ALLOW_EVERYTHING,
                          secret=derived_token_secret(bytes.fromhex(demo_key), email))
        for p, (key, name, tags) in enumerate(PROJECTS):
            db.execute("INSERT INTO projects(id, key, name, tags, creation_date) VALUES (?, ?, ?, ?, ?)",
                       (new_object_id(), key, name, dumps(tags), created + p))
            for position, (env_key, env_name, env_tags, critical, color) in enumerate(ENVIRONMENTS):
                db.execute("INSERT INTO environments(id, project_key, key, name, tags, critical, color, position)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           (new_object_id(), key, env_key, env_name, dumps(env_tags), int(critical), color, position))
                segments = random.Random(f"{key}/{env_key}").randint(8, 16)
                db.executemany(INSERT_SEGMENT, segment_rows(key, env_key, segments, created, critical))
            maintainers = [member_ids[email] for email in MAINTAINERS]
            db.executemany(INSERT_FLAG, flag_rows(key, random.Random(key).randint(30, 60), created, maintainers))
        wendy, adam = member_ids["wendy.writer@example.com"], member_ids["adam.admin@example.com"]
        _insert_token(db, wendy, "CI reader", "Reads flags in CI", created, role="reader")
        _insert_token(db, wendy, "Local scripts", "Writer scripts on Wendy's laptop", created, role="writer")
        _insert_token(db, member_ids["sam.scoped@example.com"], "Kill switch bot", "Toggles flags", created,
                      custom_role_ids=[role_ids["flag-operator"]])
        snapshot = principal_of(db, adam)
        _insert_token(db, adam, "Deploy pipeline", "Service token for deployments", created, role="writer",
                      service=True, creator_snapshot=snapshot)
        _insert_token(db, adam, "Audit export", "Service token that only reads", created, role="reader",
                      service=True, creator_snapshot=snapshot)


def _demo_secret(key: str, email: str, generation: int) -> str:
    return derived_token_secret(bytes.fromhex(key), email if generation == 0 else f"{email}#{generation}")


def demo_tokens(store: Store) -> dict:
    """Email -> working personal token, for every demo member still in the account. A member whose demo token
    no longer works (reset, deleted) gets a new "Demo console" token, so the demo keeps working; the old
    token, and whatever secret its reset gave, are left as they are."""
    key = store.meta("demo_key")
    if key is None:
        return {}
    tokens = {}
    now = now_ms()
    with store.write() as db:
        for row in db.execute("SELECT id, email FROM members ORDER BY creation_date, email").fetchall():
            generation_key = f"demo_generation:{row['email']}"
            found = db.execute("SELECT value FROM meta WHERE key = ?", (generation_key,)).fetchone()
            generation = int(found["value"]) if found else 0
            secret = _demo_secret(key, row["email"], generation)
            digest = hash_secret(secret)
            works = db.execute("SELECT 1 FROM tokens WHERE secret_hash = ? OR (previous_secret_hash = ? AND "
                               "previous_secret_expiry > ?)", (digest, digest, now)).fetchone()
            if works is None:
                generation += 1
                secret = _demo_secret(key, row["email"], generation)
                db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (generation_key, str(generation)))
                _insert_token(db, row["id"], "Demo console", "Used by the console's 'act as' chooser (issued again)",
                              now, inline_role=ALLOW_EVERYTHING, secret=secret)
            tokens[row["email"]] = secret
    return tokens


def demo_members(store: Store) -> list[dict]:
    tokens = demo_tokens(store)
    with store.read() as db:
        rows = db.execute("SELECT email, first_name, last_name, role FROM members ORDER BY creation_date").fetchall()
    return [{"email": r["email"], "name": f"{r['first_name']} {r['last_name']}".strip(), "role": r["role"],
             "token": tokens[r["email"]]} for r in rows if r["email"] in tokens]


def print_demo_tokens(store: Store) -> None:
    print(json.dumps(demo_tokens(store), indent=2))

"""The mock API's state in SQLite: one connection, WAL mode, and every write one transaction."""
import json
import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from .secrets_util import hash_secret

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS members (
  id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, first_name TEXT NOT NULL, last_name TEXT NOT NULL,
  role TEXT NOT NULL, custom_roles TEXT NOT NULL DEFAULT '[]', role_attributes TEXT NOT NULL DEFAULT '{}',
  teams TEXT NOT NULL DEFAULT '[]', creation_date INTEGER NOT NULL, last_seen INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS teams (
  key TEXT PRIMARY KEY, name TEXT NOT NULL, custom_role_keys TEXT NOT NULL DEFAULT '[]',
  role_attributes TEXT NOT NULL DEFAULT '{}', description TEXT NOT NULL DEFAULT '',
  creation_date INTEGER NOT NULL DEFAULT 0, last_modified INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS roles (
  id TEXT PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
  policy TEXT NOT NULL, base_permissions TEXT NOT NULL DEFAULT 'no_access', resource_category TEXT NOT NULL DEFAULT 'any',
  creation_date INTEGER NOT NULL, version INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS projects (
  id TEXT PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL, tags TEXT NOT NULL DEFAULT '[]',
  creation_date INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS environments (
  id TEXT PRIMARY KEY, project_key TEXT NOT NULL, key TEXT NOT NULL, name TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '[]', critical INTEGER NOT NULL DEFAULT 0, color TEXT NOT NULL DEFAULT '7b42bc',
  position INTEGER NOT NULL, UNIQUE(project_key, key));
CREATE TABLE IF NOT EXISTS flags (
  project_key TEXT NOT NULL, key TEXT NOT NULL, name TEXT NOT NULL, tags TEXT NOT NULL DEFAULT '[]',
  description TEXT NOT NULL DEFAULT '', kind TEXT NOT NULL DEFAULT 'boolean', variations TEXT NOT NULL DEFAULT '[]',
  temporary INTEGER NOT NULL DEFAULT 0, creation_date INTEGER NOT NULL DEFAULT 0, version INTEGER NOT NULL DEFAULT 1,
  archived_date INTEGER, deprecated_date INTEGER, maintainer_id TEXT,
  PRIMARY KEY(project_key, key));
CREATE TABLE IF NOT EXISTS segments (
  project_key TEXT NOT NULL, environment_key TEXT NOT NULL, key TEXT NOT NULL, name TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '[]', description TEXT NOT NULL DEFAULT '', creation_date INTEGER NOT NULL DEFAULT 0,
  last_modified INTEGER NOT NULL DEFAULT 0, version INTEGER NOT NULL DEFAULT 1, unbounded INTEGER NOT NULL DEFAULT 0,
  included TEXT NOT NULL DEFAULT '[]', excluded TEXT NOT NULL DEFAULT '[]', rules TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY(project_key, environment_key, key));
CREATE TABLE IF NOT EXISTS tokens (
  id TEXT PRIMARY KEY, member_id TEXT NOT NULL, name TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '',
  creation_date INTEGER NOT NULL, last_modified INTEGER NOT NULL, role TEXT, custom_role_ids TEXT NOT NULL DEFAULT '[]',
  inline_role TEXT, service_token INTEGER NOT NULL DEFAULT 0, default_api_version INTEGER NOT NULL,
  last_used INTEGER NOT NULL DEFAULT 0, secret_hash TEXT NOT NULL UNIQUE, ending TEXT NOT NULL,
  previous_secret_hash TEXT, previous_secret_expiry INTEGER, creator_snapshot TEXT, seq INTEGER NOT NULL DEFAULT 0,
  issued_through TEXT NOT NULL DEFAULT '[]');
CREATE INDEX IF NOT EXISTS tokens_by_previous_secret ON tokens(previous_secret_hash);
CREATE INDEX IF NOT EXISTS tokens_by_member ON tokens(member_id);
"""

# Indexes on columns a migration may add, so created once the tables are at SCHEMA_VERSION
INDEXES = """
CREATE INDEX IF NOT EXISTS flags_by_creation ON flags(project_key, creation_date, key);
CREATE INDEX IF NOT EXISTS flags_by_name ON flags(project_key, name COLLATE NOCASE, key);
CREATE INDEX IF NOT EXISTS segments_by_creation ON segments(project_key, environment_key, creation_date, key);
"""

SCHEMA_VERSION = "5"  # bump when the tables change, with the statements that bring the previous version here
# version -> the statements that take a database of that version to the next one
MIGRATIONS = {
    "1": ["ALTER TABLE tokens ADD COLUMN issued_through TEXT NOT NULL DEFAULT '[]'"],
    "2": [f"ALTER TABLE flags ADD COLUMN {column}" for column in (
        "description TEXT NOT NULL DEFAULT ''", "kind TEXT NOT NULL DEFAULT 'boolean'",
        "variations TEXT NOT NULL DEFAULT '[]'", "temporary INTEGER NOT NULL DEFAULT 0",
        "creation_date INTEGER NOT NULL DEFAULT 0", "version INTEGER NOT NULL DEFAULT 1", "archived_date INTEGER",
        "deprecated_date INTEGER", "maintainer_id TEXT")],
    "3": [f"ALTER TABLE segments ADD COLUMN {column}" for column in (
        "description TEXT NOT NULL DEFAULT ''", "creation_date INTEGER NOT NULL DEFAULT 0",
        "last_modified INTEGER NOT NULL DEFAULT 0", "version INTEGER NOT NULL DEFAULT 1",
        "unbounded INTEGER NOT NULL DEFAULT 0", "included TEXT NOT NULL DEFAULT '[]'",
        "excluded TEXT NOT NULL DEFAULT '[]'", "rules TEXT NOT NULL DEFAULT '[]'")],
    "4": [f"ALTER TABLE teams ADD COLUMN {column}" for column in (
        "description TEXT NOT NULL DEFAULT ''", "creation_date INTEGER NOT NULL DEFAULT 0",
        "last_modified INTEGER NOT NULL DEFAULT 0", "version INTEGER NOT NULL DEFAULT 1")],
}

TABLES = ("tokens", "segments", "flags", "environments", "projects", "roles", "teams", "members", "meta")


INSERT_TOKEN = ("INSERT INTO tokens(id, member_id, name, description, creation_date, last_modified, role,"
                " custom_role_ids, inline_role, service_token, default_api_version, secret_hash, ending,"
                " creator_snapshot, seq, issued_through) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def token_row(token_id: str, member_id: str, secret: str, created: int, api_version: int, name: str = "",
              description: str = "", role: str | None = None, custom_role_ids=(), inline_role=None,
              service: bool = False, creator_snapshot: dict | None = None, seq: int = 0,
              issued_through=()) -> tuple:
    """The values of INSERT_TOKEN for a new token: its secret is kept only as a hash and its last four characters.
    issued_through: what each token it was issued through could do then (access.issuer_entries)."""
    return (token_id, member_id, name, description, created, created, role, dumps(list(custom_role_ids)),
            dumps(inline_role) if inline_role is not None else None, int(service), api_version, hash_secret(secret),
            secret[-4:], dumps(creator_snapshot) if creator_snapshot is not None else None, seq,
            dumps(list(issued_through)))


def now_ms() -> int:
    return int(time.time() * 1000)


class Store:
    def __init__(self, path: str):
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._account_id = None
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")  # an acknowledged write survives a crash
        self._db.executescript(SCHEMA)
        if self.meta("schema_version") in (None, SCHEMA_VERSION):
            self._db.executescript(INDEXES)

    @contextmanager
    def write(self):
        """One transaction: everything inside lands together or not at all."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    @contextmanager
    def read(self):
        with self._lock:
            yield self._db

    def meta(self, key: str) -> str | None:
        with self.read() as db:
            row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
            return row["value"] if row else None

    def account_id(self) -> str:
        """The account's id; fixed once seeded, so read once."""
        if self._account_id is None:
            self._account_id = self.meta("account_id") or ""
        return self._account_id

    def schema_problem(self) -> str | None:
        """Why this file cannot be used by this version of serve.py, or None. A file of an older schema that
        this version knows how to bring up to date is upgraded in place (in one transaction) instead."""
        version = self.meta("schema_version")
        if self.is_empty() or version == SCHEMA_VERSION:
            return None
        if version in MIGRATIONS:
            with self.write() as db:
                while version != SCHEMA_VERSION:
                    for statement in MIGRATIONS[version]:
                        db.execute(statement)
                    version = str(int(version) + 1)
                db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (version,))
                for statement in filter(str.strip, INDEXES.split(";")):
                    db.execute(statement)
            return None
        return (f"the database was written by another version of TokenScope (schema {version or 'unversioned'}, "
                f"this one uses {SCHEMA_VERSION}): start with --reset-demo to re-seed it, or use another --db")

    def is_empty(self) -> bool:
        with self.read() as db:
            return db.execute("SELECT COUNT(*) FROM members").fetchone()[0] == 0

    def wipe(self) -> None:
        with self.write() as db:
            for table in TABLES:
                db.execute(f"DELETE FROM {table}")
        self._account_id = None

    def close(self) -> None:
        with self._lock:
            self._db.close()


def loads(text: str | None, default):
    return json.loads(text) if text else default


def dumps(value) -> str:
    return json.dumps(value, separators=(",", ":"))

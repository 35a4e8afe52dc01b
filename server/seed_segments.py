"""Segments as a real account has them, made up deterministically per environment: keys that share prefixes
(beta-, enterprise-, region- ...), tags, rule-based and list-based ones, a few big (unbounded) segments, and
test-only segments outside production. The demo seed and bench/seed_bench_db.py both use these."""
import random

from .store import dumps

DAY_MS = 24 * 3600 * 1000

# prefix -> the tags every segment of that prefix has
PREFIXES = {
    "beta-": ["beta"],
    "enterprise-": ["enterprise", "b2b"],
    "region-": ["geo"],
    "vip-": ["vip"],
    "internal-": ["internal"],
    "cohort-": ["experiment"],
}
TEST_ONLY_PREFIXES = {"qa-": ["qa", "testing"], "load-test-": ["testing"]}  # not in critical environments
SUBJECTS = ["users", "staff", "customers", "eu", "us", "apac", "early-access", "design-partners", "accounts",
            "mobile", "android", "ios", "high-value", "churn-risk", "new-signups", "partners", "resellers"]
AREA_TAGS = ["web", "mobile", "team-growth", "team-payments", "support"]
CLASSIC = [("beta-users", ["beta"]), ("internal-staff", ["internal"])]  # every environment has these

INSERT_SEGMENT = ("INSERT INTO segments(project_key, environment_key, key, name, tags, description, creation_date,"
                  " last_modified, version, unbounded, included, excluded, rules)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _targeting(key: str, rng: random.Random) -> tuple[list, list, list]:
    """(included, excluded, rules) of a small segment: a list of context keys, or rules on attributes."""
    if rng.random() < 0.4:
        included = [f"user-{rng.randrange(10**6):06d}" for _ in range(rng.randint(1, 8))]
        return included, [], []
    if key.startswith("region-"):
        clause = {"attribute": "country", "op": "in", "values": rng.sample(["DE", "FR", "US", "JP", "BR", "IN"], 2)}
    elif key.startswith(("internal-", "qa-")):
        clause = {"attribute": "email", "op": "endsWith", "values": ["@example.com"]}
    else:
        clause = {"attribute": "plan", "op": "in", "values": rng.sample(["free", "pro", "team", "enterprise"], 2)}
    rule = {"_id": f"{key}-rule-0", "clauses": [{"_id": f"{key}-clause-0", "contextKind": "user", "negate": False,
                                                 **clause}]}
    excluded = [f"user-{rng.randrange(10**6):06d}"] if rng.random() < 0.3 else []
    return [], excluded, [rule]


def segment_rows(project_key: str, environment_key: str, count: int, now: int, critical: bool = False) -> list[tuple]:
    """count segments of one environment as INSERT_SEGMENT values: CLASSIC first, then made-up ones; the same
    every time for the same project, environment and count."""
    rng = random.Random(f"segments:{project_key}/{environment_key}")
    prefixes = {**PREFIXES, **({} if critical else TEST_ONLY_PREFIXES)}
    keys = dict(CLASSIC[:count])
    generation = 1
    while len(keys) < count:
        prefix, subject = rng.choice(list(prefixes)), rng.choice(SUBJECTS)
        key = f"{prefix}{subject}" if generation == 1 else f"{prefix}{subject}-{generation}"
        if key in keys:
            if rng.random() < 0.05:
                generation += 1
            continue
        keys[key] = prefixes[prefix] + rng.sample(AREA_TAGS, rng.randint(0, 2))
    rows = []
    for index, (key, tags) in enumerate(keys.items()):
        created = now - rng.randint(1, 730) * DAY_MS - index
        modified = min(now, created + rng.randint(0, 200) * DAY_MS)
        unbounded = index >= len(CLASSIC) and rng.random() < 0.05
        included, excluded, rules = ([], [], []) if unbounded else _targeting(key, rng)
        name = key.replace("-", " ").capitalize()
        kind = "Big" if unbounded else "List-based" if included else "Rule-based"
        rows.append((project_key, environment_key, key, name, dumps(sorted(set(tags))),
                     f"{kind} segment: {name.lower()}", created, modified, rng.randint(1, 20), int(unbounded),
                     dumps(included), dumps(excluded), dumps(rules)))
    return rows

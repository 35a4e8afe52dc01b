"""Flags as a real account has them, made up deterministically: keys that share prefixes (kill-, beta-,
checkout- ...), several tags each, boolean and multivariate kinds, temporary release flags, some archived or
deprecated, created over the past two years. The demo seed and bench/seed_bench_db.py both use these."""
import random

from .store import dumps

DAY_MS = 24 * 3600 * 1000

# prefix -> the tags every flag of that prefix has, and whether such flags are temporary
PREFIXES = {
    "kill-": (["ops", "kill-switch"], False),
    "beta-": (["beta"], True),
    "checkout-": (["checkout"], True),
    "exp-": (["experiment"], True),
    "ops-": (["ops"], False),
    "release-": (["release"], True),
    "ui-": (["ui"], True),
    "config-": (["config"], False),
}
SUBJECTS = ["payments", "search-ranking", "dark-mode", "onboarding", "recommendations", "image-cdn", "rate-limiter",
            "pricing-page", "guest-checkout", "push-notifications", "sso-login", "cache-warmup", "gift-cards",
            "address-autocomplete", "saved-carts", "new-header", "promo-banner", "fraud-scoring", "order-history",
            "wishlist", "live-chat", "currency-switcher", "bulk-export", "api-v3", "webhooks", "audit-log"]
AREA_TAGS = ["web", "mobile", "backend", "frontend", "team-growth", "team-payments", "team-platform", "q3-launch"]
# The flags every demo project starts with (the first demo seed had only these).
CLASSIC = [("new-checkout-flow", ["release"]), ("dark-mode", ["ui"]), ("ops-kill-switch", ["ops"]),
           ("search-ranking-v2", ["experiment"]), ("beta-banner", ["ui", "beta"]), ("rate-limiter", ["ops"])]

INSERT_FLAG = ("INSERT INTO flags(project_key, key, name, tags, description, kind, variations, temporary, creation_date,"
               " version, archived_date, deprecated_date, maintainer_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _variations(kind: str, rng: random.Random) -> list:
    if kind == "boolean":
        return [{"value": True, "name": "On"}, {"value": False, "name": "Off"}]
    if kind == "number":
        return [{"value": value} for value in (0, 10, 50, 100)]
    choices = ["control", "treatment-a", "treatment-b", "treatment-c"][:rng.randint(2, 4)]
    return [{"value": value, "name": value.replace("-", " ").title()} for value in choices]


def flag_rows(project_key: str, count: int, now: int, maintainers: list[str] | None = None) -> list[tuple]:
    """count flags of one project as INSERT_FLAG values: CLASSIC first, then made-up ones; the same every time
    for the same project key and count."""
    rng = random.Random(f"flags:{project_key}")
    keys = dict(CLASSIC[:count])
    prefixes = list(PREFIXES)
    generation = 1
    while len(keys) < count:
        prefix, subject = rng.choice(prefixes), rng.choice(SUBJECTS)
        key = f"{prefix}{subject}" if generation == 1 else f"{prefix}{subject}-{generation}"
        if key in keys:
            if rng.random() < 0.05:
                generation += 1
            continue
        keys[key] = PREFIXES[prefix][0] + rng.sample(AREA_TAGS, rng.randint(1, 2))
    rows = []
    for index, (key, tags) in enumerate(keys.items()):
        prefix = next((p for p in PREFIXES if key.startswith(p)), "")
        temporary = PREFIXES[prefix][1] if prefix else False
        kind = rng.choices(["boolean", "string", "number"], weights=[8, 3, 1])[0] if index >= len(CLASSIC) else "boolean"
        created = now - rng.randint(1, 730) * DAY_MS - index
        roll = rng.random()
        archived = created + rng.randint(1, 60) * DAY_MS if index >= len(CLASSIC) and roll < 0.12 else None
        deprecated = created + rng.randint(1, 30) * DAY_MS if archived is None and 0.12 <= roll < 0.18 else None
        name = key.replace("-", " ").capitalize()
        description = f"{'Temporary' if temporary else 'Permanent'} {kind} flag: {name.lower()}"
        maintainer = rng.choice(maintainers) if maintainers else None
        rows.append((project_key, key, name, dumps(sorted(set(tags))), description, kind,
                     dumps(_variations(kind, rng)), int(temporary), created, rng.randint(1, 40),
                     min(archived, now) if archived else None, min(deprecated, now) if deprecated else None,
                     maintainer))
    return rows

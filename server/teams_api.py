"""Teams, as LaunchDarkly lists them: a team's custom roles, valued by the team's role attributes, add to every
member's permissions (server/access.py builds that into the principal the core decides on).

Who sees a team: a caller that reads the whole account (a reader base, as for custom roles), a member of the
team, or one allowed viewTeam on team/{key}; others get a 403 naming viewTeam, and listings leave the team out."""
from . import errors, representations
from .request import Request, Response, query_int
from .listing_query import MAX_PAGE, contains_ignoring_case, filters_of, kept_query, page_of
from .store import loads

FILTERS = ("query", "nomembers")
TEAM_EXPANDS = ("members", "roles", "roleAttributes")
LIST_EXPANDS = ("members", "roleAttributes")  # API version 20240415 dropped roles and projects from the listing
NOT_MODELLED_EXPANDS = ("projects", "maintainers", "privileges")


def _expands(request: Request, accepted: tuple[str, ...]) -> set[str]:
    asked = {part.strip() for part in request.query.get("expand", "").split(",") if part.strip()}
    unknown = sorted(asked - set(accepted))
    if unknown:
        if unknown[0] in NOT_MODELLED_EXPANDS:
            reason = "is not modelled by the mock"
        elif unknown[0] in TEAM_EXPANDS:
            reason = "is not expandable in the team listing since API version 20240415 (GET /api/v2/teams/{key} has it)"
        else:
            reason = "is not a team field"
        raise errors.bad_request(f"expand {unknown[0][:40]!r} {reason}: expand takes {', '.join(accepted)}")
    return asked


class TeamsApi:
    def __init__(self, api):
        self.api = api
        self.store = api.store
        self.access = api.access

    def routes(self):
        return [("GET", r"/api/v2/teams", self.list),
                ("GET", r"/api/v2/teams/(?P<team_key>[^/]+)", self.get),
                ("GET", r"/api/v2/teams/(?P<team_key>[^/]+)/roles", self.roles)]

    def _visible(self, caller, db, rows) -> list:
        if self.access.facts(caller.subject)["readsAccount"]:
            return rows
        member = db.execute("SELECT teams FROM members WHERE id = ?", (caller.member_id,)).fetchone()
        own = set(loads(member["teams"], [])) if member is not None else set()
        others = [row for row in rows if row["key"] not in own]
        answers = self.access.allowed(caller, [{"resource": f"team/{row['key']}", "action": "viewTeam"}
                                               for row in others]) if others else []
        allowed = {row["key"] for row, answer in zip(others, answers) if answer}
        return [row for row in rows if row["key"] in own or row["key"] in allowed]

    def _visible_team(self, caller, team_key: str):
        with self.store.read() as db:
            row = db.execute("SELECT * FROM teams WHERE key = ?", (team_key,)).fetchone()
            if row is None:
                raise errors.not_found(f"No team {team_key[:100]!r}")
            if not self._visible(caller, db, [row]):
                raise errors.forbidden(f"Forbidden. This token may not viewTeam on team/{team_key}.")
        return row

    def _represent(self, db, row, expands: set[str]) -> dict:
        roles = self._roles(db, row) if "roles" in expands else None
        members = None
        if "members" in expands:
            members = db.execute("SELECT COUNT(*) FROM members, json_each(members.teams)"
                                 " WHERE json_each.value = ?", (row["key"],)).fetchone()[0]
        return representations.team(row, roles, members, "roleAttributes" in expands)

    def _roles(self, db, row) -> dict:
        keys = loads(row["custom_role_keys"], [])
        found = {r["key"]: r for r in db.execute(
            f"SELECT key, name FROM roles WHERE key IN ({', '.join('?' * len(keys))})", keys)} if keys else {}
        items = [{"key": key, "name": found[key]["name"], "appliedOn": row["creation_date"]}
                 for key in keys if key in found]
        return representations.collection(items, len(items), f"/api/v2/teams/{row['key']}/roles")

    def list(self, request: Request) -> Response:
        caller = self.access.authenticate(request.headers)
        page = page_of(request)
        filters = filters_of(request, FILTERS)
        expands = _expands(request, LIST_EXPANDS)
        conditions, params = [], []
        if "query" in filters:
            condition, values = contains_ignoring_case(("key", "name"), filters["query"])
            conditions.append(condition)
            params += values
        if "nomembers" in filters:
            if filters["nomembers"] not in ("true", "false"):
                raise errors.bad_request(f"Filter nomembers takes true or false, not {filters['nomembers'][:80]!r}")
            conditions.append(("NOT " if filters["nomembers"] == "true" else "") + "EXISTS (SELECT 1 FROM members,"
                              " json_each(members.teams) WHERE json_each.value = teams.key)")
        where = " AND ".join(conditions) or "1"
        with self.store.read() as db:
            rows = db.execute(f"SELECT * FROM teams WHERE {where} ORDER BY creation_date, key", params).fetchall()
            rows = self._visible(caller, db, rows)
            items = [self._represent(db, row, expands) for row in rows[page.offset:page.offset + page.limit]]
        return Response(200, representations.collection(items, len(rows), "/api/v2/teams", page.limit, page.offset,
                                                        kept_query(request, ("filter", "expand"))))

    def get(self, request: Request, team_key: str) -> Response:
        caller = self.access.authenticate(request.headers)
        expands = _expands(request, TEAM_EXPANDS)
        row = self._visible_team(caller, team_key)
        with self.store.read() as db:
            return Response(200, self._represent(db, row, expands))

    def roles(self, request: Request, team_key: str) -> Response:
        caller = self.access.authenticate(request.headers)
        limit = query_int(request, "limit", 20, 1, MAX_PAGE)
        offset = query_int(request, "offset", 0)
        row = self._visible_team(caller, team_key)
        with self.store.read() as db:
            every = self._roles(db, row)["items"]
        return Response(200, representations.collection(every[offset:offset + limit], len(every),
                                                        f"/api/v2/teams/{team_key}/roles", limit, offset))

"""Feature flags of a project, as LaunchDarkly lists them: paged, filtered and sorted in SQL. Reading a
project's flags needs viewProject on it, as reading the project does."""
import json
import re

from . import errors, representations
from .request import Request, Response, query_bool
from .listing_query import contains_ignoring_case, filters_of, kept_query, page_of, sort_of

FILTERS = ("query", "tags", "state", "archived", "type", "maintainerId", "creationDate", "hasExperiment")
SORTS = ("key", "name", "creationDate", "type")
SORT_COLUMNS = {"key": "key", "name": "name COLLATE NOCASE", "creationDate": "creation_date", "type": "temporary"}
STATES = {"live": "archived_date IS NULL AND deprecated_date IS NULL",
          "deprecated": "archived_date IS NULL AND deprecated_date IS NOT NULL",
          "archived": "archived_date IS NOT NULL"}
TAG = re.compile(r"^[A-Za-z0-9._\-:]{1,64}$")


def _tags(text: str) -> list[str]:
    """tags:a+b; a + that was not URL-encoded arrives as a space, so both separate."""
    tags = [tag for tag in re.split(r"[+ ]", text) if tag]
    bad = next((tag for tag in tags if not TAG.match(tag)), None)
    if not tags or bad is not None:
        raise errors.bad_request(f"Filter tags takes +-separated tags of letters, digits, '.', '_', '-' and ':',"
                                 f" not {text[:80]!r}")
    return tags


def _boolean(field: str, text: str) -> bool:
    if text not in ("true", "false"):
        raise errors.bad_request(f"Filter {field} takes true or false, not {text[:80]!r}")
    return text == "true"


def _conditions(request: Request) -> tuple[list[str], list]:
    """SQL conditions (ANDed) and their parameters for the request's tag, archived and filter parameters.
    Archived flags are left out unless the request asks for them."""
    filters = filters_of(request, FILTERS)
    conditions, params = [], []
    if "state" in filters:
        if filters["state"] not in STATES:
            raise errors.bad_request(f"Filter state takes {', '.join(STATES)}, not {filters['state'][:80]!r}")
        conditions.append(STATES[filters["state"]])
    elif ("archived" in filters and _boolean("archived", filters["archived"])) or query_bool(request, "archived"):
        conditions.append(STATES["archived"])
    else:
        conditions.append("archived_date IS NULL")
    if "query" in filters:
        condition, values = contains_ignoring_case(("key", "name"), filters["query"])
        conditions.append(condition)
        params += values
    tags = _tags(filters["tags"]) if "tags" in filters else []
    if request.query.get("tag"):
        tags += _tags(request.query["tag"])
    for tag in tags:
        conditions.append("EXISTS (SELECT 1 FROM json_each(flags.tags) WHERE json_each.value = ?)")
        params.append(tag)
    if "type" in filters:
        if filters["type"] not in ("temporary", "permanent"):
            raise errors.bad_request(f"Filter type takes temporary or permanent, not {filters['type'][:80]!r}")
        conditions.append("temporary = ?")
        params.append(int(filters["type"] == "temporary"))
    if "maintainerId" in filters:
        conditions.append("maintainer_id = ?")
        params.append(filters["maintainerId"])
    if "creationDate" in filters:
        conditions.append("creation_date < ?")
        params.append(_before(filters["creationDate"]))
    if "hasExperiment" in filters and _boolean("hasExperiment", filters["hasExperiment"]):
        conditions.append("0")  # the mock runs no experiments
    return conditions, params


def _before(text: str) -> int:
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, dict) or set(value) != {"before"} or not isinstance(value["before"], int) \
            or isinstance(value["before"], bool):
        raise errors.bad_request('Filter creationDate takes {"before": <Unix time in milliseconds>}, '
                                 f"not {text[:80]!r}")
    return value["before"]


class FlagsApi:
    def __init__(self, api):
        self.api = api
        self.store = api.store
        self.projects = api.projects

    def routes(self):
        return [("GET", r"/api/v2/flags/(?P<project_key>[^/]+)", self.list),
                ("GET", r"/api/v2/flags/(?P<project_key>[^/]+)/(?P<flag_key>[^/]+)", self.get)]

    def list(self, request: Request, project_key: str) -> Response:
        caller = self.api.access.authenticate(request.headers)
        page = page_of(request)
        conditions, params = _conditions(request)
        order = ", ".join(f"{SORT_COLUMNS[field]} {'DESC' if descending else 'ASC'}"
                          for field, descending in sort_of(request, SORTS, "creationDate"))
        self.projects.viewable_project(caller, project_key)
        where = " AND ".join(["project_key = ?", *conditions])
        with self.store.read() as db:
            total = db.execute(f"SELECT COUNT(*) FROM flags WHERE {where}", [project_key, *params]).fetchone()[0]
            rows = db.execute(f"SELECT * FROM flags WHERE {where} ORDER BY {order}, key LIMIT ? OFFSET ?",
                              [project_key, *params, page.limit, page.offset]).fetchall()
        items = [representations.flag(row, project_key) for row in rows]
        query = kept_query(request, ("filter", "sort", "tag", "archived", "summary"))
        return Response(200, representations.collection(items, total, f"/api/v2/flags/{project_key}", page.limit,
                                                        page.offset, query))

    def get(self, request: Request, project_key: str, flag_key: str) -> Response:
        caller = self.api.access.authenticate(request.headers)
        self.projects.viewable_project(caller, project_key)
        with self.store.read() as db:
            row = db.execute("SELECT * FROM flags WHERE project_key = ? AND key = ?", (project_key, flag_key)).fetchone()
        if row is None:
            raise errors.not_found(f"No flag {flag_key[:100]!r} in project {project_key[:100]!r}")
        return Response(200, representations.flag(row, project_key))

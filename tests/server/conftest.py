"""pytest (with pytest-xdist: ./dev test server) runs these unittest suites in parallel processes. The longest
test goes first, so that it never starts last and leaves the other process idle."""

LONGEST_FIRST = ("test_invariants.py::",)


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: not any(part in item.nodeid for part in LONGEST_FIRST))

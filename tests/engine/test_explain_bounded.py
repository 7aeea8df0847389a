"""explain is bounded whatever max_paths says: paths are counted by dynamic programming, at most MAX_LISTED_PATHS
are listed, and the grouped text has at most that many δ lines."""


import pytest

from autograd_lite import Value, explain
from autograd_lite.explain import MAX_LISTED_PATHS
from autograd_lite.naming import MAX_DEFINED


def doublings(n):
    """y = x, then y = y·1 + y n times: 2^n paths from y to x through 2n + 1 nodes."""
    x = Value(1.5, label="x")
    y = x
    for _ in range(n):
        y = y * 1.0 + y
    y.label = "y"
    return y, x


@pytest.mark.timeout(30)  # a hang guard: listing 2^40 paths would take hours
def test_a_huge_max_paths_still_groups_past_the_ceiling_and_lists_nothing(listed):
    y, x = doublings(40)
    ex = explain(y, x, max_paths=10**21)
    assert ex.n_paths == 2**40  # the exact count, by dynamic programming
    assert ex.grouped
    assert ex.paths == []
    assert listed == []
    text = str(ex)
    assert text.splitlines()[0] == (
        f"∂y/∂x: {2**40} paths lead from y to x, more than the {MAX_LISTED_PATHS} that explain ever lists one by one."
    )
    assert ex.value == 2.0**40


def test_the_ceiling_is_exactly_max_listed_paths(listed):
    """2^9 = 512 and 2^10 = 1024 paths around the ceiling of 1000: listed up to it, grouped beyond it."""
    assert MAX_LISTED_PATHS == 1000
    y, x = doublings(9)
    ex = explain(y, x, max_paths=10**21)
    assert (ex.grouped, len(ex.paths), len(listed)) == (False, 512, 512)
    y, x = doublings(10)
    ex = explain(y, x, max_paths=10**21)
    assert (ex.grouped, ex.n_paths, len(listed)) == (True, 1024, 512)


def test_exactly_max_paths_are_listed_and_one_more_are_grouped():
    y, x = doublings(3)  # 8 paths
    assert not explain(y, x, max_paths=8).grouped
    assert explain(y, x, max_paths=7).grouped


def test_the_grouped_text_lists_at_most_the_ceiling_of_nodes():
    """A chain of 5,000 doublings: 10,001 nodes, so the δ lines stop at MAX_LISTED_PATHS with a count of the rest."""
    y, x = doublings(5000)
    text = str(explain(y, x, max_paths=10**21))
    lines = text.splitlines()
    middle = 2 * 5000 - 1  # every node but y and x
    assert f"  … ({middle - MAX_LISTED_PATHS} more nodes)" in lines
    where = next(i for i, line in enumerate(lines) if line.startswith("where "))
    assert len(lines[:where]) == 4 + MAX_LISTED_PATHS + 1 + 1  # then the "where" line, at most MAX_DEFINED names
    assert lines[-1].endswith("… (more unlabelled nodes: give them labels to see them)")
    assert sum(line.startswith("  δ_") for line in lines) == 1 + MAX_LISTED_PATHS


@pytest.mark.timeout(10)  # a hang guard: 0.05 s with the users table, 32 s when each δ line scanned the graph
def test_the_grouped_text_of_a_wide_graph_is_linear_in_its_size():
    """Each δ line looks up its node's users in a table made once; before, every line scanned the whole graph."""
    x = Value(0.5, label="x")
    terms = [x * float(i) for i in range(1, 20_001)]
    y = terms[0]
    for t in terms[1:]:
        y = y + t
    y.label = "y"
    ex = explain(y, x, max_paths=10**21)
    assert ex.grouped
    assert ex.value == sum(range(1, 20_001))
    derivation, where = str(ex).split("\nwhere ")
    assert len(derivation.splitlines()) < MAX_LISTED_PATHS + 10
    assert where.count(" = ") == MAX_DEFINED  # the "where" line: at most MAX_DEFINED definitions

"""Core's small-cell rule, the one every report and the federation export use."""

import pytest

from core.api import HIDDEN, hide_column, hide_small, is_small


@pytest.mark.parametrize(("count", "shown"), [(0, 0), (1, HIDDEN), (4, HIDDEN), (5, 5),
                                              (True, True), ("—", "—"), (None, None)])
def test_counts_from_one_to_four_are_hidden(count, shown):
    assert hide_small(count) == shown
    assert is_small(count) == (shown == HIDDEN)


@pytest.mark.parametrize(("counts", "shown"), [
    ([12, 3, 40, 9], [12, HIDDEN, 40, HIDDEN]),   # one hidden: the next smallest follows
    ([12, 3, 2, 9], [12, HIDDEN, HIDDEN, 9]),     # two hidden: nothing to add
    ([3, 0, 0], [HIDDEN, 0, 0]),                  # zeros say nothing
    ([12, 0, 7], [12, 0, 7]),
])
def test_a_single_hidden_cell_of_a_column_takes_the_next_smallest_with_it(counts, shown):
    assert hide_column(counts) == shown


def test_a_report_may_mark_the_complementary_cell_its_own_way():
    assert hide_column([12, 3, 40, 9], complement="x") == [12, HIDDEN, 40, "x"]

"""The stages' orderings without a full sort give exactly the lexsort they replace, ties
included (coarse values make ties common)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from sim.core.rules import leading
from sim.core.stages import best_per_vacancy
from sim.core.stages.caseload import SHORT_RANGE, _descending_whole, seen_first

SETTINGS = settings(max_examples=200, deadline=None, derandomize=True, database=None)
COARSE = st.sampled_from([-1.5, -0.0, 0.0, 0.25, 0.5, 2.0])


def arrays(elements, size):
    return hnp.arrays(np.float64, size, elements=elements)


@SETTINGS
@given(st.integers(1, 60).flatmap(lambda n: st.tuples(
    arrays(COARSE, n), hnp.arrays(np.int64, n, elements=st.integers(0, 7)))))
def test_best_per_vacancy_is_the_first_of_a_lexsort(data):
    score, vacancy = data
    rows = np.arange(len(score)) * 3 + 5  # id-ordered rows
    order = np.lexsort((-score, vacancy))
    first = np.r_[True, vacancy[order][1:] != vacancy[order][:-1]]
    winners, at = best_per_vacancy(rows, vacancy, score)
    np.testing.assert_array_equal(at, order[first])
    np.testing.assert_array_equal(winners, rows[order[first]])


@SETTINGS
@given(st.integers(1, 60).flatmap(lambda n: st.tuples(
    arrays(COARSE, n), hnp.arrays(np.int32, n, elements=st.integers(0, 7)),
    hnp.arrays(np.int64, 8, elements=st.integers(0, 5)))))
def test_seen_first_is_the_head_of_each_managers_lexsort(data):
    key, cm, capacity = data
    order = np.lexsort((-key, cm))
    rank = np.arange(len(order)) - np.searchsorted(cm[order], cm[order])  # within manager
    np.testing.assert_array_equal(seen_first(cm, key, capacity),
                                  order[rank < capacity[cm[order]]])


@SETTINGS
@given(st.integers(1, 60).flatmap(lambda n: st.tuples(
    arrays(COARSE, n), arrays(COARSE, n), st.integers(0, n + 3))))
def test_leading_is_the_head_of_a_lexsort(data):
    secondary, primary, first = data
    np.testing.assert_array_equal(leading((secondary, primary), first),
                                  np.lexsort((secondary, primary))[:first])


@SETTINGS
@given(hnp.arrays(np.float64, st.integers(0, 80),
                  elements=st.sampled_from([-3.0, -0.0, 0.0, 1.0, 2.0, 7.0, 2.5, 5000.0])))
def test_the_counting_order_is_the_stable_descending_sort(key):
    order = _descending_whole(key)
    whole = np.all(key == np.floor(key)) and (len(key) == 0 or np.ptp(key) < SHORT_RANGE)
    if whole:
        np.testing.assert_array_equal(order, np.argsort(-key, kind="stable"))
    else:
        assert len(order) == 0 < len(key)

"""Population columns: growth, compaction and lookup by person id."""

from __future__ import annotations

import numpy as np

from sim.core.population import Population, State


def test_append_grows_and_fills_defaults():
    pop = Population(capacity=16)
    rows = pop.append({"person_id": np.arange(40)})
    assert len(pop) == 40 and list(rows[:3]) == [0, 1, 2]
    assert np.all(pop.vacancy == -1) and np.all(pop.state == 0)


def test_compact_keeps_id_order_and_lookup():
    pop = Population()
    pop.append({"person_id": np.arange(10), "state": np.full(10, State.BIJSTAND)})
    pop.state[[2, 5]] = State.GONE
    pop.compact()
    assert list(pop.person_id) == [0, 1, 3, 4, 6, 7, 8, 9]
    assert pop.row_of(6) == 4
    assert pop.row_of(5) == -1


def test_added_column_survives_growth():
    pop = Population(capacity=16)
    pop.add_column("flag", np.int32, -1)
    pop.append({"person_id": np.arange(100)})
    assert len(pop.flag) == 100 and np.all(pop.flag == -1)

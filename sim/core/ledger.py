"""The month's ledger: stock, flows and costs as booked at the end of each month.

One row of ``monthly.csv`` per month is this ledger, in :data:`MONTHLY_COLUMNS` order,
followed by the instruments' own columns. Benefits are what is paid (:mod:`sim.core.benefit`):
norms less counted earnings less sanctions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.core.benefit import month_benefits
from sim.core.population import State

if TYPE_CHECKING:
    from sim.core.model import ReintegrationModel

FLOW_COLUMNS = ("inflow_new", "inflow_ww", "inflow_return", "outflow_work",
                "outflow_subsidised_work", "outflow_other")
EVENT_COLUMNS = ("part_time_starts", "sanctions", "called_in", "gate_refused", "ww_to_work")
COST_COLUMNS = ("cost_benefits", "cost_staff", "cost_admin", "cost_instruments")
MONTHLY_COLUMNS = ("replication", "month", "stock", "inflow", "inflow_new", "inflow_ww",
                   "inflow_return", "outflow", "outflow_work", "outflow_subsidised_work",
                   "outflow_other", "stock_ww", "in_work", "vacancies", "vacancy_index",
                   "with_earnings", "earnings", *EVENT_COLUMNS, "sanctioned",
                   *COST_COLUMNS, "cost_total", "top_ups", "disregard_paid",
                   "sanction_savings")
LEDGER_COLUMNS = MONTHLY_COLUMNS[2:]  # what the model books; replication and month are added


def book_month(m: ReintegrationModel) -> dict[str, float]:
    """The month's row: stock, flows, events, costs."""
    pop, flows, money = m.pop, m.flows, m.cfg.money
    paid = month_benefits(m)
    stock = paid["stock"]
    ledger = {
        "stock": stock,
        "inflow": flows["inflow_new"] + flows["inflow_ww"] + flows["inflow_return"],
        **{k: flows[k] for k in FLOW_COLUMNS[:3]},
        "outflow": (flows["outflow_work"] + flows["outflow_subsidised_work"]
                    + flows["outflow_other"]),
        **{k: flows[k] for k in FLOW_COLUMNS[3:]},
        "stock_ww": np.count_nonzero(pop.state == State.WW.value),
        "in_work": (np.count_nonzero(pop.state == State.WORK.value)
                    + np.count_nonzero(pop.state == State.SUBSIDISED_WORK.value)),
        "vacancies": 0 if m.vacancies is None else len(m.vacancies),
        "vacancy_index": m.vacancy_index,
        "with_earnings": paid["with_earnings"],
        "earnings": paid["earnings"],
        **{k: flows[k] for k in EVENT_COLUMNS},
        "sanctioned": paid["sanctioned"],
        "cost_benefits": paid["cost_benefits"],
        "cost_staff": m.n_regular_cm * money.fte_cost_year / 12.0,
        "cost_admin": stock * money.admin_cost_year / 12.0,
        "cost_instruments": m.policies.month_cost(),
    }
    ledger["cost_total"] = (ledger["cost_benefits"] + ledger["cost_staff"]
                            + ledger["cost_admin"] + ledger["cost_instruments"])
    for k in ("top_ups", "disregard_paid", "sanction_savings"):
        ledger[k] = paid[k]
    ledger.update(m.policies.month_columns())
    return ledger

"""The declared ways an instrument can act: hooks, stages, and how several combine.

An instrument marks a method with :func:`hook` (one value per row, or a reaction to an
event) or :func:`stage` (a monthly step of its own, such as filling places). The names
are checked against the tables below when the instrument's class is created, so a
misspelt hook or stage fails at import instead of silently doing nothing.

With no instrument implementing a hook, its value is the neutral one: the baseline.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

PRODUCT, SUM, ALL, ANY, CHAIN, FILTER, NOTIFY = (
    "product", "sum", "all", "any", "chain", "filter", "notify")


@dataclass(frozen=True)
class Hook:
    """A hook: its name, how the instruments' answers combine, its neutral value."""

    name: str
    combine: str
    neutral: Any
    doc: str


HOOKS: dict[str, Hook] = {h.name: h for h in (
    Hook("search_lift", PRODUCT, 1.0, "(rows) multiplier on the chance of applying"),
    Hook("resolve_factor", PRODUCT, 1.0,
         "(rows) multiplier on the chance that a contact resolves a barrier"),
    Hook("job_loss_shield", PRODUCT, 1.0, "(rows) multiplier on the chance of losing a job"),
    Hook("ww_lift", PRODUCT, 1.0,
         "(rows) multiplier on a WW claimant's chance to apply to a vacancy"),
    Hook("may_search", ALL, True, "(rows) whether a claimant may apply at all"),
    Hook("obliged", ALL, True,
         "(rows) whether a claimant has the obligations a contact checks (not exempted)"),
    Hook("disregard", CHAIN, None,
         "(rows, disregard, earnings, months_in_job) the earnings not counted (EUR/month)"),
    Hook("score_bonus", SUM, 0.0,
         "(rows, employer) score units added to an application at that employer"),
    Hook("start_work", ANY, False, "(rows) which of this month's hires are subsidised"),
    Hook("choose_vacancy", CHAIN, None,
         "(rows, vacancy, u) the vacancy each applicant applies to, from its draw u"),
    Hook("assign_client_manager", CHAIN, None,
         "(rows, client_manager) the client manager of claimants entering a caseload"),
    Hook("screen_applicants", FILTER, None,
         "(rows) the new applicants who take up the benefit"),
    Hook("on_enter_bijstand", NOTIFY, None, "(rows, route) people start a bijstand spell"),
    Hook("on_leave_bijstand", NOTIFY, None, "(rows, reason) people end a bijstand spell"),
    Hook("on_leave_model", NOTIFY, None,
         "(rows, reason) people outside bijstand stop being followed"),
)}

STAGES: dict[str, str] = {
    "outside_flows": "after vacancies open: act on people outside bijstand (WW, work)",
    "caseload": "before client managers meet their caseloads: enrol and release claimants",
    "hired": "after employers hire, before offers are accepted: the month's offers are known",
}


def _unknown(kind: str, name: str, known: dict[str, Any]) -> ValueError:
    close = difflib.get_close_matches(name, list(known), n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    return ValueError(f"unknown {kind} {name!r}{hint}; known: {', '.join(known)}")


def hook(method: Callable) -> Callable:
    """Mark a method as the instrument's answer to the hook of the same name."""
    if method.__name__ not in HOOKS:
        raise _unknown("hook", method.__name__, HOOKS)
    method.hook_name = method.__name__  # type: ignore[attr-defined]
    return method


def stage(name: str) -> Callable[[Callable], Callable]:
    """Mark a method as the instrument's step in the monthly stage ``name``."""
    if name not in STAGES:
        raise _unknown("stage", name, STAGES)

    def mark(method: Callable) -> Callable:
        method.stage_name = name  # type: ignore[attr-defined]
        return method

    return mark


def declared(cls: type) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The hooks (name to method) and stages (stage to methods) a class declares.

    A method named like a hook but not marked with :func:`hook` is refused: it would
    otherwise look like a hook and never be called.
    """
    marked: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        for attr, value in vars(klass).items():
            if attr in HOOKS and callable(value) and not getattr(value, "hook_name", None):
                raise ValueError(f"{cls.__name__}.{attr} has a hook's name but is not "
                                 "marked @hook")
            marked[attr] = value
    hooks = {v.hook_name: a for a, v in marked.items() if getattr(v, "hook_name", None)}
    stages: dict[str, list[str]] = {}
    for attr, value in marked.items():
        if getattr(value, "stage_name", None):
            stages.setdefault(value.stage_name, []).append(attr)
    return hooks, stages

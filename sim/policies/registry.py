"""Config name of each instrument to its run-time class."""

from __future__ import annotations

from sim.policies.base import PolicyInstrument
from sim.policies.intensive_coaching import IntensiveCoachingRun
from sim.policies.wage_subsidy import WageSubsidyRun
from sim.policies.ww_prevention import WWPreventionRun

INSTRUMENTS: dict[str, type[PolicyInstrument]] = {
    cls.name: cls for cls in (IntensiveCoachingRun, WageSubsidyRun, WWPreventionRun)
}

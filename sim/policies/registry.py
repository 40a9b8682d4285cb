"""Config name of each instrument to its run-time class."""

from __future__ import annotations

from sim.policies.aftercare import AftercareRun
from sim.policies.base import PolicyInstrument
from sim.policies.debt_help import DebtHelpRun
from sim.policies.employer_network import EmployerNetworkRun
from sim.policies.gate_mediation import GateMediationRun
from sim.policies.intensive_coaching import IntensiveCoachingRun
from sim.policies.participation_jobs import ParticipationJobsRun
from sim.policies.permit_holder_placement import PermitHolderPlacementRun
from sim.policies.praktijkleren import PraktijklerenRun
from sim.policies.trajectories import TrajectoriesRun
from sim.policies.value_scan import ValueScanRun
from sim.policies.wage_subsidy import WageSubsidyRun
from sim.policies.ww_prevention import WWPreventionRun

INSTRUMENTS: dict[str, type[PolicyInstrument]] = {
    cls.name: cls for cls in (
        IntensiveCoachingRun, WageSubsidyRun, WWPreventionRun, TrajectoriesRun, AftercareRun,
        ParticipationJobsRun, GateMediationRun, DebtHelpRun, ValueScanRun, PraktijklerenRun,
        EmployerNetworkRun, PermitHolderPlacementRun)
}

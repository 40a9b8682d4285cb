"""The published designs the model replays, each with its figure, design and source.

Every trial names what the treated arm gets, who its cohort is (as the original design
picked it), the measure and the horizon, and the published figure with the band a replay
must fall in to match. Where the original design cannot be copied exactly, ``note`` says
how the replay differs; where a parameter was set from the very figure, ``fitted`` says
so, and that row is a check of the calibration, not a validation.
"""

from __future__ import annotations

import numpy as np

from sim.analysis.trials.replay import Published, Trial
from sim.config.params import Config
from sim.core.arrivals import ID_MONTH_BLOCK, ID_ROUTE_BLOCK
from sim.core.model import ReintegrationModel
from sim.core.population import Household, State
from sim.policies.debt_help import DebtHelp
from sim.policies.earnings_disregard import EarningsDisregard
from sim.policies.exemption import Exemption
from sim.policies.gate_mediation import GateMediation
from sim.policies.intensive_coaching import IntensiveCoaching
from sim.policies.participation_jobs import ParticipationJobs
from sim.policies.target import TargetGroup
from sim.policies.trajectories import Trajectories
from sim.policies.wage_subsidy import WageSubsidy
from sim.policies.ww_prevention import WWPrevention


def started(name: str):
    """Those the instrument took on in the month just simulated."""
    def rule(m: ReintegrationModel, start: int) -> np.ndarray:
        pop = m.pop
        return pop.person_id[pop.cols[f"{name}_since"][: pop.n] == m.month - 1]
    return rule


def on_bijstand(household: Household | None = None):
    """Everyone on bijstand after the first month (of one household type, if given)."""
    def rule(m: ReintegrationModel, start: int) -> np.ndarray:
        pop = m.pop
        on = pop.state == State.BIJSTAND
        if household is not None:
            on &= pop.household == household
        return pop.person_id[on]
    return rule


def applicants(m: ReintegrationModel, start: int) -> np.ndarray:
    """New applicants of the month just simulated, whether or not they took up."""
    base = (m.month - m.first_month) * ID_MONTH_BLOCK
    ids = m.pop.person_id
    return ids[(ids >= base) & (ids < base + ID_ROUTE_BLOCK)]


def policy(**instruments):
    def treat(cfg: Config) -> None:
        for name, instrument in instruments.items():
            setattr(cfg.policy, name, instrument)
    return treat


# As in a randomised trial: the treated are a random draw of the eligible.
RANDOM_ENROLMENT = {"behaviour.enrolment_rule": "random"}


def caseworkers(share_more: float, claimants: int = 2700, ratio: float = 110.0):
    """More client managers at the usual caseload ratio, from month 0: a team takes a
    random ``share_more`` of the caseload with none of intensive coaching's lifts, so the
    regular client managers see the rest more often."""
    team = IntensiveCoaching(target=TargetGroup(), places=round(share_more * claimants),
                             caseload=ratio, search_lift=1.0, placement_bonus=0.0,
                             resolve_lift=1.0, max_months=600)
    return policy(intensive_coaching=team)


ALMERE = Trial(
    "almere", "Intensive client management for claimants aged 45+ (Almere)",
    policy(intensive_coaching=IntensiveCoaching(places=199, max_months=18)),
    started("intensive_coaching"), "ever_job", (18,),
    Published("about +8 percentage points more found a job than the control group, mostly "
              "small jobs (199 per arm, Oct 2017 to Mar 2019)", "RCT",
              "ZonMw; Regioplan 2019-2020", band=(-1.0, 17.0)),
    note="enrolment at random among the eligible, as in the trial; band: the trial's own "
         "95% interval, about 9 points either side with 199 per arm",
    fitted="intensive_coaching.search_lift and placement_bonus were first set from this "
           "trial, in an earlier version of the model without part-time work",
    settings=RANDOM_ENROLMENT,
    gap=("the lifts act on every part-time and full-time job alike, so with "
         "part-time work on benefit the effect on any job is larger than on full exits"))

UWV_WW = Trial(
    "uwv_ww", "Intensive against basic services for WW claimants (UWV)",
    policy(ww_prevention=WWPrevention(months_before=12, target=TargetGroup())),
    started("ww_prevention"), "in_work", (12, 24),
    Published("+2.0 percentage points in work at 12 months; effects confined to the first "
              "24 months", "RCT", "SEO 2021, long-term effects of personal services in WW; "
              "SEOR experimental study", band=(0.0, 4.0)),
    note="the model follows WW claimants only in their last year of WW, so the cohort is "
         "those approached 12 months before their WW ends, not all new WW claimants",
    settings=RANDOM_ENROLMENT,
    gap=("the prevention lift (find_work_lift, a stated assumption) is not "
         "fitted to any trial; UWV's services started early in WW, when claimants search "
         "more on their own"))

CASEWORKERS = Trial(
    "caseworkers", "A third more client managers for the whole caseload (Hainmueller et al.)",
    caseworkers(1 / 3), on_bijstand(), "breakeven", (48,),
    Published("the cost of 490 extra caseworkers recovered through lower benefit spending "
              "in about ten months; through more monitoring, sanctions and vacancies",
              "quasi-experiment (matching, difference in differences)",
              "Hainmueller, Hofmann, Krug & Wolf 2016, Scand. J. Econ.", band=(5.0, 15.0)),
    note="months until the cumulative benefit and administration savings exceed the extra "
         "staff cost; band: 'about ten months' read as 5 to 15; the German caseload change "
         "is not copied, a third more client managers (the caseload ratio from 110 to about "
         "83) is a stated choice; it starts in month 0, after the warm-up",
    settings=RANDOM_ENROLMENT,
    gap=("contacts work through a short search boost (half-life two months), "
         "call-in exits and one-month sanctions, all stated assumptions; those who leave "
         "when called in mostly come back through the other-income route; the German "
         "caseworkers also acquired vacancies, which the model's client managers do not"))

JOB_SEARCH_PERIOD = Trial(
    "job_search_period", "A job-search period at application (Bolhaar et al.)",
    policy(gate_mediation=GateMediation(share=0.1, share_under_27=0.2)),
    applicants, "ever_bijstand", (12,),
    Published("permanently lower benefit take-up, fully offset by higher earnings through "
              "more re-employment", "RCT",
              "Bolhaar, Ketel & van der Klaauw 2019, AEJ: Applied", direction=-1),
    enrol_months=6,
    note="take-up within 12 months of applying, applicants of six months; the model's "
         "diverted applicants leave the model, so the offsetting earnings are not replayed",
    gap=("only the sign is published in the sources found"))

TRAINING = Trial(
    "training", "Training: purchased trajectories (Card, Kluve & Weber profile)",
    policy(trajectories=Trajectories()), started("trajectories"), "in_work", (12, 24, 36),
    Published("small effects in the first year, larger after two to three years; training "
              "gains most in the longer run; Dutch trajectories: small or negative effects "
              "12-24 months after the start, lasting positive effects later", "meta-analysis",
              "Card, Kluve & Weber 2018, JEEA; Lammers & Kok 2014, ESB (SEO)", direction=1),
    enrol_months=3, read_at=36, rising=True,
    gap=("trajectories lift search and the score for the months after completion "
         "and add a small, lasting wage-value gain (stated assumptions); the early lift "
         "outweighs the skill gain"))

JOB_SEARCH_ASSISTANCE = Trial(
    "job_search_assistance", "Job-search assistance: intensive coaching (Card, Kluve & Weber)",
    policy(intensive_coaching=IntensiveCoaching()), started("intensive_coaching"), "in_work",
    (12, 24, 36),
    Published("job-search assistance has relatively large short-term effects",
              "meta-analysis", "Card, Kluve & Weber 2018, JEEA", direction=1),
    enrol_months=3)

PRIVATE_SUBSIDY = Trial(
    "private_subsidy", "Subsidised private employment: the wage subsidy (Card, Kluve & Weber)",
    policy(wage_subsidy=WageSubsidy()), on_bijstand(), "in_work", (12, 24, 36),
    Published("private-sector employment programmes have larger effects in the medium and "
              "longer run", "meta-analysis", "Card, Kluve & Weber 2018, JEEA", direction=1),
    read_at=36, rising=True,
    note="intention to treat: the whole caseload of the first month, as subsidised hires "
         "are not known in advance")

PUBLIC_EMPLOYMENT = Trial(
    "public_employment", "Public employment: participation jobs (Card, Kluve & Weber)",
    policy(participation_jobs=ParticipationJobs()), started("participation_jobs"), "in_work",
    (12, 24, 36),
    Published("public-sector employment has negligible or negative effects at all "
              "horizons; old WIW/ID jobs did not lead to regular work", "meta-analysis",
              "Card, Kluve & Weber 2018, JEEA; Divosa monitor 2012", band=(-10.0, 1.0)),
    enrol_months=3)

DISREGARD = Trial(
    "disregard_part_time", "A larger earnings disregard for single parents (2009 experiment)",
    policy(earnings_disregard=EarningsDisregard(share=0.4, max_month=120.0, months=24)),
    on_bijstand(Household.SINGLE_PARENT), "with_earnings", (12,),
    Published("+16 to 18 percentage points in part-time work for non-western single mothers; "
              "no extra full outflow", "quasi-experiment (experiment against other "
              "municipalities)", "Knoef & van Ours 2014, ESB; SZW / CentERdata and IVA 2009",
              band=(16.0, 18.0)),
    note="the experiment's EUR 4 an hour, at most EUR 120 a month, read as 40% of earnings "
         "up to EUR 120 for two years; all single parents, not only non-western mothers",
    gap=("the disregard moves only the choice to take a part-time offer "
         "(behaviour.disregard_response, a stated assumption), not the search for one; "
         "the experiment's mothers started from a low share in work and also had "
         "schooling bonuses"))

DISREGARD_EXIT = Trial(
    "disregard_full_exit", "The same disregard: full exits to work",
    DISREGARD.treat, on_bijstand(Household.SINGLE_PARENT), "ever_work", (24,),
    Published("no extra full outflow", "quasi-experiment",
              "Knoef & van Ours 2014, ESB", band=(-2.0, 2.0)))

EXEMPTION = Trial(
    "exemption", "Release from obligations (the 2017-2019 bijstand experiments)",
    policy(exemption=Exemption(target=TargetGroup())), on_bijstand(), "ever_work", (24,),
    Published("no effect on outflow to work during the experiments (about two years)",
              "RCT (six municipalities)", "CPB 2022, Verlaat & Zulkarnain", band=(-2.0, 2.0)),
    note="everyone on bijstand released, intrinsic search neutral (the default)")

DEBT_HELP = Trial(
    "debt_help", "Debt help from one contact person",
    policy(debt_help=DebtHelp()), started("debt_help"), "on_bijstand", (24,),
    Published("more outflow from bijstand, mostly not into work (Amsterdam 2008-2012)",
              "quasi-experiment", "Koning 2014, ESB", direction=-1),
    enrol_months=3)

TRIALS: tuple[Trial, ...] = (ALMERE, UWV_WW, CASEWORKERS, JOB_SEARCH_PERIOD, TRAINING,
                             JOB_SEARCH_ASSISTANCE, PRIVATE_SUBSIDY, PUBLIC_EMPLOYMENT,
                             DISREGARD, DISREGARD_EXIT, EXEMPTION, DEBT_HELP)
BY_NAME = {t.name: t for t in TRIALS}

"""``docs/evidence.md``: every instrument and mechanism beside its published evaluation.

The table is written by ``python -m sim.trials --write`` from the replays of
:mod:`sim.analysis.trials.designs`, the wage subsidy's split against its paired baseline
(:mod:`sim.analysis.subsidy`) and the national measures of :mod:`sim.analysis.validation`.
Its first line holds a fingerprint of everything the numbers depend on (the model's code
and configs); ``--check`` says whether the committed table is current.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd

from sim.analysis.subsidy import subsidy_split
from sim.analysis.trials.designs import BY_NAME, TRIALS
from sim.analysis.trials.replay import Replay, band_verdict, replay, verdict
from sim.analysis.validation import TARGETS, measures
from sim.config.params import Config
from sim.config.paths import CONFIGS, DOCS, REPO
from sim.output.scenario import run_replications
from sim.policies.registry import Policy
from sim.policies.trajectories import Trajectories
from sim.policies.wage_subsidy import WageSubsidy

EVIDENCE_FILE = DOCS / "evidence.md"
REPLICATIONS = 10
INPUTS = ("sim/core", "sim/policies", "sim/config", "sim/analysis/trials",
          "sim/analysis/subsidy.py", "sim/analysis/validation.py")
FILLED_ANYWAY = (75.0, 80.0)  # Welters & Muysken 2004: % of subsidised places
POSITIVE_RESULT = (20.0, 30.0)  # Zwolle 2007 (seed 003): % of trajectories


@dataclass(frozen=True)
class Mechanism:
    """A mechanism and where its evidence shows: a trial row or a national measure."""

    name: str
    published: str
    design: str
    source: str
    shows_in: str  # a trial name, "target:<measure>" or "wage_subsidy"


MECHANISMS = (
    Mechanism("Part-time work on benefit, the earnings disregard",
              "8-10% of claimants have earnings from work", "descriptive",
              "Divosa factsheet 2015-II, Benchmark 2017; CBS 2015",
              "target:share of stock with earnings"),
    Mechanism("Obligations and sanctions at contacts", "no national count; about 0.04 "
              "sanctions a claimant-year derived from the ten largest municipalities",
              "descriptive", "NOS 2023", "target:sanctions per claimant-year"),
    Mechanism("Call-in exits and enforcement pay for extra caseworkers",
              "cost recovered in about ten months", "quasi-experiment",
              "Hainmueller et al. 2016", "caseworkers"),
    Mechanism("Labour demand: WW claimants and outsiders compete for the same vacancies; "
              "subsidies add a share of jobs", "75-80% of subsidised places would have "
              "been filled anyway", "survey of employers", "Welters & Muysken 2004, ESB",
              "wage_subsidy"),
    Mechanism("Effect dynamics: lock-in, skills gained, coaching that fades",
              "small effects in the first year, larger after two to three years",
              "meta-analysis", "Card, Kluve & Weber 2018", "training"),
    Mechanism("Who claims after WW: partner income and assets",
              "former WW claimants are 20-25% of bijstand inflow", "descriptive",
              "Hanzehogeschool 2018; UWV", "target:share of inflow from WW"),
    Mechanism("Client managers choose whom to enrol (closest to work first)",
              "caseworkers differ a lot in whom they send to which programme",
              "field experiment", "Bolhaar, Ketel & van der Klaauw 2020, J Public Econ",
              "almere"),
)
INSTRUMENT_ROWS = {
    "aftercare": None, "debt_help": "debt_help", "earnings_disregard": "disregard_part_time",
    "employer_network": None, "exemption": "exemption",
    "gate_mediation": "job_search_period", "intensive_coaching": "almere",
    "participation_jobs": "public_employment", "permit_holder_placement": None,
    "praktijkleren": None, "trajectories": "training", "value_scan": None,
    "wage_subsidy": "wage_subsidy", "ww_prevention": "uwv_ww",
}


def fingerprint() -> str:
    """A hash of the code and the fitted values the evidence numbers depend on (the
    replays run on the defaults, so no other config file enters them)."""
    h = hashlib.sha256()
    paths = sorted(p for d in INPUTS for p in ((REPO / d).rglob("*.py") if (REPO / d).is_dir()
                                              else [REPO / d]))
    paths.append(CONFIGS / "behaviour" / "calibrated.yaml")  # the defaults' fitted values
    for path in paths:
        h.update(path.relative_to(REPO).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _pp(v: tuple[float, float, float], unit: str = "pp") -> str:
    mean, lo, hi = v
    if mean != mean:  # NaN
        return "not within the horizon"
    sign = "+" if unit == "pp" else ""
    return f"{mean:{sign}.1f} {unit} ({lo:.1f} to {hi:.1f})"


def replay_text(rep: Replay) -> str:
    t = rep.trial
    if t.measure == "breakeven":
        return "; ".join(f"cost recovered after {_pp(rep.effect[h], 'months')}"
                         if rep.effect[h][0] == rep.effect[h][0]
                         else f"cost not recovered within {h} months" for h in t.horizons)
    parts = [f"{h} m: {100 * rep.treated[h]:.1f}% against {100 * rep.control[h]:.1f}%, "
             f"{_pp(rep.effect[h])}" for h in t.horizons]
    return f"{t.measure.replace('_', ' ')}, cohort {rep.cohort:,.0f}: " + "; ".join(parts)


def defaults(replications: int, policy: Policy | None = None) -> Config:
    """The default 2,700-claimant municipality, with ``policy`` switched on if given."""
    cfg = Config()
    cfg.run.replications, cfg.run.progress = replications, False
    if policy is not None:
        cfg.policy = policy
    return cfg


def subsidy_figures(baseline: tuple[pd.DataFrame, pd.DataFrame],
                    replications: int = REPLICATIONS) -> dict[str, float]:
    """The wage subsidy's hires split against the paired ``baseline`` (monthly rows and
    spells of the defaults), at the defaults."""
    s_m, s_s = run_replications(defaults(replications, Policy(wage_subsidy=WageSubsidy())))
    b_m, b_s = baseline
    split = subsidy_split(s_s, b_s, s_m, b_m, WageSubsidy().duration_months).mean()
    anyway = 100 * (split["deadweight"] + split["substitution"] + split["displacement"])
    return {**split.to_dict(), "filled_anyway": anyway / split["hires"]}


def trajectory_success(replications: int = REPLICATIONS) -> float:
    """Share of trajectories with a positive result (a job or education), at the defaults."""
    monthly, _ = run_replications(defaults(replications, Policy(trajectories=Trajectories())))
    return 100 * float(monthly["trajectories_positive_results"].sum()
                       / monthly["trajectories_starts"].sum())


def national_figures(baseline: tuple[pd.DataFrame, pd.DataFrame]) -> dict[str, float]:
    """The national measures of the defaults' ``baseline``."""
    monthly, spells = baseline
    return measures(monthly, spells, Config().municipality.claimants)


def subsidy_text(s: dict[str, float]) -> str:
    return (f"{s['hires']:,.1f} subsidised hires: deadweight {s['deadweight']:,.1f}, "
            f"substitution {s['substitution']:,.1f}, displacement {s['displacement']:,.1f}, "
            f"net extra exits {s['net_extra_exits']:+,.1f}; filled anyway "
            f"{s['filled_anyway']:.0f}%")


def subsidy_verdict(s: dict[str, float]) -> str:
    return band_verdict(s["filled_anyway"], FILLED_ANYWAY)


def target_text(name: str, national: dict[str, float]) -> tuple[str, str]:
    t = next(t for t in TARGETS if t.name == name)
    v = national[name]
    within = "within" if t.low <= v <= t.high else "outside"
    return (f"{name}: {v:.3f} (target {t.target:.3f}, band {t.low:.3f} to {t.high:.3f})",
            f"{within} the band; fitted (docs/calibration.md)")


def _cell(text: str) -> str:
    return text.replace("|", "/").replace("\n", " ")


def _design_rows(replays: dict[str, Replay], subsidy: dict[str, float],
                 extras: dict[str, float]) -> list[str]:
    lines = ["## Designs replayed", "",
             "| Row | Published figure | Design | Source | Model replay | Verdict | Notes |",
             "|---|---|---|---|---|---|---|"]
    for trial in TRIALS:
        rep, p = replays[trial.name], trial.published
        notes = "; ".join(x for x in (trial.note, f"fitted: {trial.fitted}" if trial.fitted
                                      else "", f"where it can miss: {trial.gap}"
                                      if trial.gap else "") if x)
        lines.append(f"| `{trial.name}`: {trial.title} | {_cell(p.figure)} | {p.design} | "
                     f"{_cell(p.source)} | {replay_text(rep)} | {verdict(rep)} | "
                     f"{_cell(notes)} |")
    lines.append("| `wage_subsidy`: subsidised hires split against the paired baseline, "
                 "48 months | 75-80% of subsidised places would have been filled without "
                 "the subsidy | survey of employers | Welters & Muysken 2004, ESB | "
                 f"{subsidy_text(subsidy)} | {subsidy_verdict(subsidy)} | filled anyway: "
                 "deadweight, substitution and displacement as a share of hires |")
    success = extras["trajectory_success"]
    lines.append("| `trajectory_success`: trajectories with a positive result, 48 months | "
                 "20-30% of trajectories end with a job or education, in line with national "
                 "figures | municipal claim | Zwolle 2007 (seed 003) | "
                 f"{success:.0f}% of trajectories begun | "
                 f"{band_verdict(success, POSITIVE_RESULT)} | client managers refer those "
                 "closest to work first (behaviour.enrolment_rule), who often find work "
                 "anyway |")
    return lines


def _instrument_rows(replays: dict[str, Replay], subsidy: dict[str, float]) -> list[str]:
    lines = ["## Instruments", "", "| Instrument | Evidence row | Verdict |", "|---|---|---|"]
    for name, row in INSTRUMENT_ROWS.items():
        if row is None:
            lines.append(f"| `{name}` | none: no published evaluation of its effect was "
                         "found; its parameters are stated assumptions (docs/policies.md) "
                         "| not validated |")
        elif row == "wage_subsidy":
            lines.append(f"| `{name}` | `wage_subsidy`; `private_subsidy` | "
                         f"{subsidy_verdict(subsidy)}; {verdict(replays['private_subsidy'])} |")
        else:
            lines.append(f"| `{name}` | `{row}` | {verdict(replays[row])} |")
    return lines


def _mechanism_rows(replays: dict[str, Replay], subsidy: dict[str, float],
                    national: dict[str, float]) -> list[str]:
    lines = ["## Mechanisms", "",
             "| Mechanism | Published figure | Design | Source | Model | Verdict |",
             "|---|---|---|---|---|---|"]
    for mech in MECHANISMS:
        if mech.shows_in.startswith("target:"):
            model, judged = target_text(mech.shows_in[7:], national)
        elif mech.shows_in == "wage_subsidy":
            model, judged = subsidy_text(subsidy), subsidy_verdict(subsidy)
        else:
            rep = replays[mech.shows_in]
            model, judged = f"row `{mech.shows_in}`: {replay_text(rep)}", verdict(rep)
        lines.append(f"| {mech.name} | {_cell(mech.published)} | {mech.design} | "
                     f"{_cell(mech.source)} | {model} | {judged} |")
    return lines


def render(replays: dict[str, Replay], subsidy: dict[str, float],
           national: dict[str, float], extras: dict[str, float],
           replications: int = REPLICATIONS) -> str:
    """The whole of docs/evidence.md."""
    head = [
        f"<!-- inputs {fingerprint()}: written by `python -m sim.trials --write`; "
        "do not edit by hand -->",
        "# Evidence: every instrument and mechanism beside its published evaluation", "",
        "Each design is replayed inside the model: the same people treated and untreated, "
        "on common random numbers (replication r of both arms shares its seed), the same "
        "target group, horizon and measure as far as the model allows. Effects are the "
        "treated share less the control share in percentage points (pp), mean over "
        f"{replications} replications of a 2,700-claimant municipality at the defaults, "
        "with a paired 95% interval. The verdict compares the replay with the published "
        "figure's band (stated per row) or, where only a direction is published, its sign. "
        "Rows whose parameters were set from the same figure say so: they check the fit, "
        "they do not validate it. `python -m sim.trials --write` rewrites this file.", ""]
    return "\n".join([*head, *_design_rows(replays, subsidy, extras), "",
                      *_instrument_rows(replays, subsidy), "",
                      *_mechanism_rows(replays, subsidy, national), ""])


def build(replications: int = REPLICATIONS, names: list[str] | None = None,
          progress=None, extras: bool = True
          ) -> tuple[dict[str, Replay], dict[str, float], dict[str, float], dict[str, float]]:
    """The replays, and (with ``extras``) the subsidy split, the national measures and the
    trajectories' success rate."""
    trials = [BY_NAME[n] for n in names] if names else list(TRIALS)
    replays = {}
    for trial in trials:
        replays[trial.name] = replay(trial, replications=replications)
        if progress:
            progress(trial.name)
    if not extras:
        return replays, {}, {}, {}
    baseline = run_replications(defaults(replications))  # shared by both below
    return (replays, subsidy_figures(baseline, replications), national_figures(baseline),
            {"trajectory_success": trajectory_success(replications)})

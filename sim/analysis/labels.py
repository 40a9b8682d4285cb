"""Readable names for groups of jobs: what tells one setting apart from another."""

from __future__ import annotations

import json

from sim.analysis.jobs import Job


def group_labels(groups: dict[str, list[Job]]) -> dict[str, str]:
    """A short name per group: municipality and economy, plus whatever else differs."""
    flats = {key: json.loads(key) for key in groups}

    def varies(k: str) -> bool:
        """Differs between groups of the same municipality and economy (so is worth naming)."""
        seen: dict[tuple[str, str], str] = {}
        for f in flats.values():
            base = (str(f.get("municipality.name")), str(f.get("economy.kind")))
            value = json.dumps(f.get(k), default=str)
            if seen.setdefault(base, value) != value:
                return True
        return False

    keys = {k for f in flats.values() for k in f} - {"municipality.name", "economy.kind"}
    differing = sorted(k for k in keys if varies(k))
    labels = {}
    for key, flat in flats.items():
        parts = [str(flat.get("municipality.name", "?")), str(flat.get("economy.kind", "?"))]
        parts += [f"{k}={flat.get(k)}" for k in differing]
        labels[key] = ", ".join(parts)
    return labels


# Colour-blind-safe qualitative palette (Okabe and Ito); the baseline is always grey.
BASELINE_COLOUR = "#7f7f7f"
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
           "#000000")


def scenario_label(scenario: str) -> str:
    """``intensive_coaching+wage_subsidy`` as ``Intensive coaching + wage subsidy``."""
    if scenario == "baseline":
        return "Baseline (no instrument)"
    text = " + ".join(part.replace("_", " ") for part in scenario.split("+"))
    return text[:1].upper() + text[1:].replace("ww ", "WW ")


def scenario_colours(scenarios: list[str]) -> dict[str, str]:
    """One colour per scenario, the same in every plot of a sweep: the baseline grey,
    the others from the palette in order of first appearance (repeating if many)."""
    others = [s for s in dict.fromkeys(scenarios) if s != "baseline"]
    colours = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(others)}
    return {"baseline": BASELINE_COLOUR, **colours}

"""Write ``docs/parameters.md`` from the parameter schema, so the table cannot drift from the code.

    python -m sim.paramdoc           # rewrite docs/parameters.md
    python -m sim.paramdoc --check   # exit 1 if docs/parameters.md is out of date

Every parameter that :func:`sim.params.iter_parameters` yields gets a row, grouped by the
dataclass it lives in; new groups (such as policy instruments) appear without changes here.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterable, Mapping
from typing import Any

from sim.config.params import Config
from sim.config.paths import DOCS
from sim.config.validate import iter_parameters

DOC_PATH = DOCS / "parameters.md"
COMMAND = "python -m sim.paramdoc"
MISSING = "—"

INTRO = f"""\
# Parameters

*This file is generated from the parameter schema in `sim/config/` by `{COMMAND}`;
do not edit it by hand. A test fails when it is out of date.*

Every parameter is a configuration key: set it in a Hydra config group or on the command
line, for example `sim-run behaviour.search_base=0.5 municipality.claimants=20000`. Values
are checked against the ranges below before a run starts. For a list parameter the range
applies to each value; lists of shares must add up to 1. A {MISSING} in the *meaning* column
means the schema does not yet describe the parameter beyond its unit and source.

"Facts table" in a source refers to the project's table of published national figures,
each with its own source (CBS, SCP, UWV, Divosa and others); "seed NNN" refers to one of
the five municipal news cases the project started from. "Calibrated" means the value was
fitted so that the baseline reproduces the calibration targets at the end of this file;
"stated assumption" means the value is a judgement, open to sensitivity analysis.
"""

DISAGREEMENTS = """\
## Where sources disagree

- **Share of outflow that goes to work.** CBS reports that "about half" of those who leave
  bijstand leave for work (2017; "a little under half" in 2014-2015). SCP's final evaluation
  of the Participatiewet (2019) reports that about 8% of the roughly 440,000 people on
  bijstand enter a job in a year (7% before the Participatiewet). With a monthly outflow of
  about 2% of the stock (about 24% a year), half of the outflow would be about 12% of the
  stock a year, well above SCP's 8%; the two are also measured differently (people on
  bijstand who enter a job in a year versus benefit ends by reason). The model uses the CBS
  figure on purpose: its other flow targets (monthly outflow rate, returns within a year,
  share of the stock under one year) are CBS figures on the same definitions.
- **Benefits versus persons.** Until about 2012 CBS counted benefits (a couple counts
  once, under 65); since then it counts persons up to the state pension age, 100,000 or
  more higher nationally. The municipality sizes from the news cases (for example
  `municipality.claimants` = 2,700 after Zwolle's 2,734 benefits in 2006) are on the older
  definition. The calibration targets are shares and rates, which depend far less on the
  definition than levels do; levels from the two series are never spliced.
"""


# --- formatting ----------------------------------------------------------------------------
def fmt_value(value: Any) -> str:
    """A default or bound as it would be typed in a config (YAML style)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        short = f"{value:g}"
        return short if float(short) == value else repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(fmt_value(v) for v in value) + "]"
    return str(value)


def fmt_range(default: Any, meta: Mapping[str, Any]) -> str:
    """Allowed choices, the numeric range, or true/false for a switch."""
    choices = meta.get("choices")
    if choices:
        listed = ", ".join(f"`{c}`" for c in choices)
        return f"any of {listed}" if isinstance(default, list) else f"one of {listed}"
    lo, hi = meta.get("lo"), meta.get("hi")
    if lo is not None and hi is not None:
        text = f"{fmt_value(lo)} to {fmt_value(hi)}"
    elif lo is not None:
        text = f"≥ {fmt_value(lo)}"
    elif hi is not None:
        text = f"≤ {fmt_value(hi)}"
    elif isinstance(default, bool):
        return "`true` or `false`"
    else:
        return MISSING
    return f"each {text}" if isinstance(default, list) else text


def cell(text: Any) -> str:
    """Table-safe text: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|") or MISSING


def table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return lines


# --- the schema's own descriptions -----------------------------------------------------------
def node_doc(path: str) -> str:
    """First paragraph of the docstring of the dataclass at ``path`` (e.g. ``behaviour``).

    Resolved through type hints rather than a config instance, so optional groups (policy
    instruments that default to off) still find their description, and are marked as such.
    """
    cls: Any = Config
    optional = False
    try:
        for part in path.split("."):
            hint = typing.get_type_hints(cls)[part]
            options = typing.get_args(hint) if isinstance(hint, types.UnionType) or (
                typing.get_origin(hint) is typing.Union) else (hint,)
            optional = type(None) in options
            cls = next(o for o in options if dataclasses.is_dataclass(o))
    except (KeyError, StopIteration, NameError, TypeError):
        return ""
    doc = (cls.__doc__ or "").strip()
    if doc.startswith(f"{cls.__name__}("):  # dataclass's generated signature
        doc = ""
    doc = " ".join(doc.split("\n\n")[0].split())
    if optional:
        doc += (" Off unless the scenario switches it on; the defaults below apply once it "
                "is on.")
    return doc.strip()


def grouped(params: Iterable[tuple[str, Any, Mapping[str, Any]]]
            ) -> dict[str, list[tuple[str, Any, Mapping[str, Any]]]]:
    """Parameters by the dataclass they belong to, in schema order."""
    out: dict[str, list[tuple[str, Any, Mapping[str, Any]]]] = {}
    for key, default, meta in params:
        out.setdefault(key.rsplit(".", 1)[0], []).append((key, default, meta))
    return out


def render() -> str:
    """The whole of ``docs/parameters.md``."""
    parts = [INTRO]
    seen_groups: set[str] = set()
    for path, params in grouped(iter_parameters()).items():
        lines: list[str] = []
        group = path.split(".")[0]
        if group not in seen_groups and group != path:  # a group made only of subgroups
            doc = node_doc(group)
            lines += [f"## `{group}`", "", *([doc, ""] if doc else [])]
        seen_groups.add(group)
        level = "#" * min(2 + path.count("."), 4)
        lines += [f"{level} `{path}`", ""]
        doc = node_doc(path)
        if doc:
            lines += [doc, ""]
        rows = [(f"`{key}`", meta.get("doc") or MISSING, meta.get("unit", ""),
                 f"`{fmt_value(default)}`", fmt_range(default, meta), meta.get("source", ""))
                for key, default, meta in params]
        lines += table(("key", "meaning", "unit", "default", "range", "source"), rows)
        parts.append("\n".join(lines) + "\n")
    parts.append(regimes_section())
    parts.append(targets_section())
    parts.append(DISAGREEMENTS)
    return "\n".join(parts)


def regimes_section() -> str:
    """The dated regimes of the default calendar (``configs/calendar/nl.yaml``)."""
    from sim.config.params import Calendar

    rows = [(f"`{r.name}`", f"`behaviour.{r.parameter}`", r.mode,
             "; ".join(f"{d}: {fmt_value(v)}" for d, v in zip(r.dates, r.values, strict=True)),
             r.source) for r in Calendar().regimes]
    lines = ["## Regimes (`calendar`)", "",
             "Dated changes of law and institutions, in `configs/calendar/nl.yaml` (the "
             "default; `calendar=none` switches them off). Each moves one behaviour parameter "
             "along a dated path: from each date its value holds until the next; before the "
             "first date the first value holds. `factor` multiplies the configured value, "
             "`value` replaces it. A run's calendar months (from `run.spinup_from` or "
             "`municipality.start_date`) decide which hold; from 2024 on all are at the "
             "configured values.", ""]
    lines += table(("regime", "parameter", "mode", "path", "source"), rows)
    return "\n".join(lines) + "\n"


def targets_section() -> str:
    """The national rates the behaviour posterior is fitted to, and those held out."""
    from sim.analysis.national import CHECK_MEASURES, FIT_MEASURES
    from sim.analysis.validation import TARGETS

    def rows(measures):
        return [(m.name, fmt_value(m.target), f"{fmt_value(m.low)} to {fmt_value(m.high)}",
                 m.source) for m in measures]
    header = ("measure", "published", "band (low to high)", "source")
    lines = ["## Calibration targets", "",
             "The behaviour posterior (`python -m sim.posterior`, docs/calibration.md) is "
             "fitted to these national rates of 2012-2019 only, simulated by a 1:200 sample "
             "of the national stock in calendar time:", ""]
    lines += table(header, rows(FIT_MEASURES))
    lines += ["", "Held out of the fit and reported beside the national replay "
              "(`sim-run -m +experiment=national_history`):", ""]
    lines += table(header, rows(CHECK_MEASURES))
    lines += ["", "The steady check (`python -m sim.validate`): the default baseline in a "
              "steady economy beside national figures of several years, printed, not "
              "fitted; only its drift is asserted:", ""]
    lines += table(header, rows(TARGETS))
    return "\n".join(lines) + "\n"


def missing_meanings() -> list[str]:
    """Keys whose schema entry has no ``doc``."""
    return [key for key, _, meta in iter_parameters() if not meta.get("doc")]

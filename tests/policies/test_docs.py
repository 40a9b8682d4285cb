"""docs/policies.md covers every instrument and the shock, with the schema's units and defaults."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from sim.analysis.paramdoc import cell, fmt_value
from sim.config.params import Shock
from sim.policies.registry import INSTRUMENT_CONFIGS, INSTRUMENTS
from sim.policies.target import InstrumentConfig

DOC = (Path(__file__).resolve().parents[2] / "docs" / "policies.md").read_text(encoding="utf-8")
COMMON = {f.name for f in dataclasses.fields(InstrumentConfig)}


def section(title_start: str) -> str:
    start = DOC.index(title_start)
    end = DOC.find("\n## ", start + 1)
    return DOC[start:] if end < 0 else DOC[start:end]


def row(cls: type, name: str) -> str:
    f = next(f for f in dataclasses.fields(cls) if f.name == name)
    return f"| `{name}` | {cell(f.metadata['unit'])} | {fmt_value(getattr(cls(), name))} |"


@pytest.mark.parametrize("name", list(INSTRUMENT_CONFIGS))
def test_every_instrument_is_documented_with_its_parameters(name: str) -> None:
    cls = INSTRUMENT_CONFIGS[name]
    text = section(f"## `{name}`:")
    for heading in ("**Mechanism.**", "**Costs.**", "**Outputs.**", "**Parameters**"):
        assert heading in text, f"{name}: no {heading}"
    for f in dataclasses.fields(cls):
        if f.name not in COMMON:
            assert row(cls, f.name) in text, (
                f"docs/policies.md, section {name}: update the row of `{f.name}` to "
                f"{row(cls, f.name)}")
    for extra in INSTRUMENTS[name].extra_tallies:
        assert f"`{extra}`" in text, f"{name}: extra column {extra} not explained"


def test_shock_and_combining_are_documented() -> None:
    text = section("## Inflow shock")
    for f in dataclasses.fields(Shock):
        assert row(Shock, f.name) in text, f"update the shock row of `{f.name}`"
    assert "policy=[intensive_coaching,wage_subsidy]" in DOC
    assert "policy.intensive_coaching.target.min_age=50" in DOC
    assert "deadweight" in section("## `wage_subsidy`:")

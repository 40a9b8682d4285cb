"""docs/parameters.md is generated from the schema; it must be current and complete."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.analysis import paramdoc
from sim.cli import paramdoc as paramdoc_cli
from sim.config.validate import iter_parameters

# Free-text settings that have neither a numeric range nor a fixed set of choices.
FREE_TEXT = {
    "municipality.name": "a label shown in reports",
    "municipality.start_date": "a calendar month; validate() checks the YYYY-MM format",
    "run.spinup_from": "a calendar month or empty; validate() checks it and the data",
    "run.checkpoint_dir": "a folder or empty",
}

PARAMS = list(iter_parameters())


def test_committed_parameter_doc_is_up_to_date() -> None:
    committed = paramdoc.DOC_PATH.read_text(encoding="utf-8")
    assert committed == paramdoc.render(), (
        f"docs/parameters.md is out of date: run `{paramdoc.COMMAND}`")


def test_check_mode_fails_on_a_stale_file(tmp_path: Path) -> None:
    out = tmp_path / "parameters.md"
    assert paramdoc_cli.main(["--check", "--out", str(out)]) == 1  # missing
    assert paramdoc_cli.main(["--out", str(out)]) == 0
    assert paramdoc_cli.main(["--check", "--out", str(out)]) == 0
    out.write_text(out.read_text(encoding="utf-8").replace("| `behaviour.search_base` |",
                                                           "| `behaviour.search_bse` |"))
    assert paramdoc_cli.main(["--check", "--out", str(out)]) == 1


@pytest.mark.parametrize("key,default,meta", PARAMS, ids=[k for k, _, _ in PARAMS])
def test_every_parameter_has_unit_source_and_range(key: str, default, meta) -> None:
    assert str(meta.get("unit", "")).strip(), f"{key}: no unit"
    assert str(meta.get("source", "")).strip(), f"{key}: no source"
    has_range = meta.get("lo") is not None and meta.get("hi") is not None
    has_choices = bool(meta.get("choices")) or isinstance(default, bool)
    assert has_range or has_choices or key in FREE_TEXT, (
        f"{key}: give it a range (lo, hi) or choices")
    if has_range:
        assert meta["lo"] <= meta["hi"], f"{key}: empty range"


def test_free_text_exemptions_are_still_needed() -> None:
    by_key = {k: (d, m) for k, d, m in PARAMS}
    for key in FREE_TEXT:
        assert key in by_key, f"{key} is no longer a parameter: drop its exemption"
        default, meta = by_key[key]
        assert isinstance(default, str) and not meta.get("choices"), (
            f"{key} now has choices or is not text: drop its exemption")


def test_every_parameter_and_target_is_in_the_doc() -> None:
    from sim.analysis.validation import TARGETS

    text = paramdoc.render()
    for key, _, _ in PARAMS:
        assert f"| `{key}` |" in text
    for t in TARGETS:
        assert f"| {t.name} |" in text
    for group in ("municipality", "money", "economy", "behaviour", "run"):
        assert f"## `{group}`" in text


def test_range_and_value_formatting() -> None:
    assert paramdoc.fmt_range(0.5, {"lo": 0, "hi": 1}) == "0 to 1"
    assert paramdoc.fmt_range([0.5, 0.5], {"lo": 0, "hi": 1}) == "each 0 to 1"
    assert paramdoc.fmt_range("a", {"choices": ("a", "b")}) == "one of `a`, `b`"
    assert paramdoc.fmt_range(["a"], {"choices": ("a", "b")}) == "any of `a`, `b`"
    assert paramdoc.fmt_range(True, {}) == "`true` or `false`"
    assert paramdoc.fmt_value(0.1 + 0.2) == repr(0.1 + 0.2)  # no silent rounding
    assert paramdoc.cell("a | b\nc") == "a \\| b c"

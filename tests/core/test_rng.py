"""The keyed random streams: pure functions of their key, uniform, independent."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from scipy.special import pdtr

from sim.core import rng
from sim.core.rng import Purpose


def test_a_draw_depends_only_on_its_key():
    ids = np.arange(1000)
    whole = rng.uniform(7, ids, 12, Purpose.SEARCH)
    one_by_one = np.array([rng.uniform(7, int(i), 12, Purpose.SEARCH)[0] for i in ids[::-1]])
    assert np.array_equal(whole, one_by_one[::-1])


def test_every_key_part_changes_the_draw():
    base = rng.uniform(7, np.arange(100), 12, Purpose.SEARCH)
    for other in (rng.uniform(8, np.arange(100), 12, Purpose.SEARCH),
                  rng.uniform(7, np.arange(1, 101), 12, Purpose.SEARCH),
                  rng.uniform(7, np.arange(100), 13, Purpose.SEARCH),
                  rng.uniform(7, np.arange(100), 12, Purpose.ACCEPT)):
        assert not np.any(base == other)


def test_uniform_and_independent_across_purposes():
    ids = np.arange(200_000)
    a = rng.uniform(1, ids, -5, Purpose.SEARCH)
    b = rng.uniform(1, ids, -5, Purpose.ACCEPT)
    assert a.min() >= 0.0 and a.max() < 1.0
    assert stats.kstest(a, "uniform").pvalue > 0.001
    assert abs(np.corrcoef(a, b)[0, 1]) < 0.01


def test_poisson_counts_have_the_right_mean():
    counts = rng.poisson_count(3, np.arange(50_000), 0, Purpose.VACANCY_COUNT, 4.5)
    assert abs(counts.mean() - 4.5) < 0.05
    assert abs(counts.var() - 4.5) < 0.15


@pytest.mark.parametrize("scale", [0.05, 4.0, 60.0, 3000.0])
def test_poisson_quantile_by_steps_matches_the_inverse(scale):
    """The stepped quantile gives pdtrik's counts exactly, near the CDF's steps too."""
    gen = np.random.default_rng(11)
    mean = gen.gamma(2.0, scale / 2.0, 400_000)
    u = gen.uniform(size=mean.size)
    u[:2000] = 1.0 - gen.uniform(size=2000) * 1e-9  # far tail
    u[2000:4000] = gen.uniform(size=2000) * 1e-9  # near zero
    k = np.round(mean[4000:6000])  # exactly on a step of the CDF
    u[4000:6000] = pdtr(k, mean[4000:6000])
    np.testing.assert_array_equal(rng.poisson_quantile(u, mean), rng.poisson_inverse(u, mean))


def test_derived_seeds_differ_per_replication():
    seeds = {rng.derive_seed(20240101, r) for r in range(1000)}
    assert len(seeds) == 1000

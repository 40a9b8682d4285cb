"""A process building a large model keeps freed memory for reuse (glibc's thresholds)."""

from __future__ import annotations

import platform

import pytest

from sim.core.memory import keep_freed_memory


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="the thresholds are glibc's")
def test_glibc_takes_the_thresholds_once() -> None:
    assert keep_freed_memory() is True
    assert keep_freed_memory() is True  # once per process: the same answer
    assert keep_freed_memory.cache_info().hits >= 1

"""How a process running a large model keeps its freed memory.

A national-scale month allocates and frees many arrays of a million rows (a few MB
each). glibc's allocator hands blocks that large back to the operating system as soon
as they are freed, so the next array of that size costs page faults again: at 420,000
claimants that is about a tenth of the run. A process that builds a large model therefore
raises glibc's thresholds (``mallopt``): blocks up to 64 MB come from the heap, and up to
256 MB of freed memory is kept for reuse. Elsewhere (another C library) nothing changes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import lru_cache

LARGE_POPULATION = 100_000  # claimants: from here a model's arrays exceed the defaults
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters
MMAP_THRESHOLD = 64 << 20  # bytes: larger blocks are still mapped on their own
TRIM_THRESHOLD = 256 << 20  # bytes of free memory kept before any is given back


@lru_cache(maxsize=1)
def keep_freed_memory() -> bool:
    """Raise glibc's thresholds once per process; False where the C library is not glibc."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
                and mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))

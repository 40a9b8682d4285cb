"""``python -m sim.posterior``, kept as a command; it lives in :mod:`sim.cli.posterior`."""

from sim.cli.posterior import main

if __name__ == "__main__":
    raise SystemExit(main())

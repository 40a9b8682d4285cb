"""``python -m sim.cases``, kept as a command; it lives in :mod:`sim.cli.cases`."""

from sim.cli.cases import main

if __name__ == "__main__":
    raise SystemExit(main())

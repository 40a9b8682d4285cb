"""``python -m sim.paramdoc``, kept as a command; it lives in :mod:`sim.cli.paramdoc`."""

from sim.cli.paramdoc import main

if __name__ == "__main__":
    raise SystemExit(main())

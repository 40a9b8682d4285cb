"""``python -m sim.trials``, kept as a command; it lives in :mod:`sim.cli.trials`."""

from sim.cli.trials import main

if __name__ == "__main__":
    raise SystemExit(main())

"""``python -m sim.calibrate``, kept as a command; it lives in :mod:`sim.cli.calibrate`."""

from sim.cli.calibrate import main

if __name__ == "__main__":
    raise SystemExit(main())

"""``python -m sim.validate``, kept as a command; it lives in :mod:`sim.cli.validate`."""

from sim.cli.validate import main

if __name__ == "__main__":
    raise SystemExit(main())

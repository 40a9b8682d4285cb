"""``sim-explore``: serve the interactive page on this machine (Ctrl-C stops it)."""

from __future__ import annotations

import argparse
import os

from sim.app.serve import DEFAULT_PORT, HOST, command, environment


def main(argv: list[str] | None = None) -> None:
    """Serve the page until interrupted (Ctrl-C)."""
    parser = argparse.ArgumentParser(
        prog="sim-explore", description="Serve the interactive bijstand-sim page in the browser.")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"port to listen on (default {DEFAULT_PORT})")
    parser.add_argument("--host", default=HOST,
                        help=f"address to listen on (default {HOST}, this machine only)")
    args = parser.parse_args(argv)
    print(f"bijstand-sim page: open http://{args.host}:{args.port}/ (Ctrl-C stops it)",
          flush=True)
    cmd = command(args.port, args.host)
    os.execve(cmd[0], cmd, environment())  # the server replaces this process: one to stop


if __name__ == "__main__":
    main()

"""``python -m sim``: list the commands."""

from sim.cli.about import command_list

if __name__ == "__main__":
    print(command_list())

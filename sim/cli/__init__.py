"""The console commands: thin entry points over the package's functions."""

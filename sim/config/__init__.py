"""The typed parameter schema, its checks, and how Hydra composes it."""

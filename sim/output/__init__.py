"""Running a scenario's replications and writing the output contract."""

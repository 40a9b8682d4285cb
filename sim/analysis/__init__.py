"""Reading results: paired statistics, sweep tables, plots, reports, validation, fits."""

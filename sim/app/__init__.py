"""The browser page for students: a SolaraViz page over a model with a paired baseline.

``sim-explore`` serves it; ``solara run sim.app.page`` does the same. The page itself
(:mod:`sim.app.page`) needs the ``page`` extra (Solara); :mod:`sim.app.model` does not.
"""

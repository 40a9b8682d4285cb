"""Policy instruments: one module each, registered by name (see :mod:`sim.policies.base`).

:mod:`sim.policies.registry` finds them and builds the ``policy`` config schema;
:mod:`sim.policies.mix` combines the instruments of a scenario for the model.
"""

"""Paper 1 (PRA 104, 062209): a target repeatedly colliding with thermal bath clusters.

The folders are the layers: ``formulas/`` (the papers' closed forms), ``generator/`` (the
master equation of Eq. (A5) and its stationary states), ``exact/`` (exact repeated
collisions: dense channels, total-spin sectors, collective mode). ``model.py`` compiles a
:class:`CollisionModel` to :class:`CollisionOperators`; ``transient.py`` and
``thermodynamics.py`` take operators. The route modules are re-exported here
(``autocoherence.collision.closed_form`` etc.).
"""

from autocoherence.collision import operators, thermodynamics, transient
from autocoherence.collision.exact import (
    collective_mode,
    propagation,
    reduced,
    repeated,
    sector_channel,
    spin_sectors,
)
from autocoherence.collision.formulas import closed_form, transient_closed_form
from autocoherence.collision.generator import master_equation, oscillator_target, stationary
from autocoherence.collision.interactions import Bilinear, Composite, Interaction
from autocoherence.collision.model import CollisionModel
from autocoherence.collision.operators import CollisionOperators
from autocoherence.collision.results import SteadyState
from autocoherence.collision.thermodynamics import ThermodynamicRates
from autocoherence.collision.transient import TransientPeak

__all__ = [
    "Bilinear",
    "CollisionModel",
    "CollisionOperators",
    "Composite",
    "Interaction",
    "SteadyState",
    "ThermodynamicRates",
    "TransientPeak",
    "closed_form",
    "collective_mode",
    "master_equation",
    "operators",
    "oscillator_target",
    "propagation",
    "reduced",
    "repeated",
    "sector_channel",
    "spin_sectors",
    "stationary",
    "thermodynamics",
    "transient",
    "transient_closed_form",
]

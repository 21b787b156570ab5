"""Paper 1 (PRA 104, 062209): a target repeatedly colliding with thermal bath clusters."""

from autocoherence.collision import (
    closed_form,
    master_equation,
    operators,
    oscillator_target,
    repeated,
    thermodynamics,
    transient,
    transient_closed_form,
)
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
    "master_equation",
    "operators",
    "oscillator_target",
    "repeated",
    "thermodynamics",
    "transient",
    "transient_closed_form",
]

"""Paper 1 (PRA 104, 062209): a target repeatedly colliding with thermal bath clusters."""

from autocoherence.collision import closed_form, master_equation, repeated
from autocoherence.collision.couplings import Bilinear, Composite
from autocoherence.collision.model import CollisionModel
from autocoherence.collision.results import SteadyState

__all__ = [
    "Bilinear",
    "CollisionModel",
    "Composite",
    "SteadyState",
    "closed_form",
    "master_equation",
    "repeated",
]

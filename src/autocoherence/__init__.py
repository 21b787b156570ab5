"""autocoherence: autonomous quantum coherence from thermal environments.

Public names only; nothing is computed at import.
"""

from autocoherence import errors, measures, spaces, states
from autocoherence.collision import Bilinear, CollisionModel, Composite, SteadyState
from autocoherence.spaces import Oscillator, Qubit

__version__ = "0.1.0"

__all__ = [
    "Bilinear",
    "CollisionModel",
    "Composite",
    "Oscillator",
    "Qubit",
    "SteadyState",
    "__version__",
    "errors",
    "measures",
    "spaces",
    "states",
]

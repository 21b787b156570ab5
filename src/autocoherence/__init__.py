"""autocoherence: autonomous quantum coherence from thermal environments.

Public names only; nothing is computed at import.
"""

from autocoherence import errors, measures, spaces, spins, states, sweeps
from autocoherence.collision import Bilinear, CollisionModel, Composite, SteadyState
from autocoherence.spaces import Oscillator, Qubit
from autocoherence.spins import GibbsState, SpinNetwork
from autocoherence.sweeps import sweep

__version__ = "0.1.0"

__all__ = [
    "Bilinear",
    "CollisionModel",
    "Composite",
    "GibbsState",
    "Oscillator",
    "Qubit",
    "SpinNetwork",
    "SteadyState",
    "__version__",
    "errors",
    "measures",
    "spaces",
    "spins",
    "states",
    "sweep",
    "sweeps",
]

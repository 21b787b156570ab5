"""autocoherence: autonomous quantum coherence from thermal environments.

Public names only; nothing is computed at import.
"""

from autocoherence import errors, lab, measures, spaces, spins, states, sweeps, systems
from autocoherence.collision import Bilinear, CollisionModel, Composite, Interaction, SteadyState
from autocoherence.lab import Lab, maximize_coherence
from autocoherence.netcdf import read_netcdf, write_netcdf
from autocoherence.spaces import Oscillator, Qubit
from autocoherence.spins import GibbsState, SpinNetwork
from autocoherence.sweeps import sweep
from autocoherence.systems import System, Transmon, UnitMixture

__version__ = "0.1.0"

__all__ = [
    "Bilinear",
    "CollisionModel",
    "Composite",
    "GibbsState",
    "Interaction",
    "Lab",
    "Oscillator",
    "Qubit",
    "SpinNetwork",
    "SteadyState",
    "System",
    "Transmon",
    "UnitMixture",
    "__version__",
    "errors",
    "lab",
    "maximize_coherence",
    "measures",
    "read_netcdf",
    "spaces",
    "spins",
    "states",
    "sweep",
    "sweeps",
    "systems",
    "write_netcdf",
]

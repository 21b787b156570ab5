"""Paper 2: local coherence of thermalized spin networks (Kolář & Filip, "Local").

A :class:`SpinNetwork` is a Hamiltonian on n qubits (Pauli-string terms, an operator, or a
preset with the paper's parameter names); :meth:`SpinNetwork.gibbs` gives its Gibbs state
(Local Eq. (2)) with local l1 coherence, Bloch vector, purity and QFI of any site.
:mod:`~autocoherence.spins.closed_form` holds the paper's closed forms, and
:mod:`~autocoherence.spins.symmetry` the Z2 criterion of Local App. A.
"""

from autocoherence.spins import closed_form, mean_force, symmetry
from autocoherence.spins.gibbs import GibbsState
from autocoherence.spins.mean_force import (
    MeanForceCoherence,
    mean_force_coherence,
    mean_force_kernel,
    ohmic_exponential,
)
from autocoherence.spins.network import SpinNetwork
from autocoherence.spins.presets import (
    direct,
    direct_n,
    indirect,
    indirect_n,
    transferred,
    transferred_n,
    xyz,
)

__all__ = [
    "GibbsState",
    "MeanForceCoherence",
    "SpinNetwork",
    "closed_form",
    "direct",
    "direct_n",
    "indirect",
    "indirect_n",
    "mean_force",
    "mean_force_coherence",
    "mean_force_kernel",
    "ohmic_exponential",
    "symmetry",
    "transferred",
    "transferred_n",
    "xyz",
]

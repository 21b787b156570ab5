"""Paper 2: local coherence of thermalized spin networks (Kolář & Filip, "Local").

A :class:`SpinNetwork` is a Hamiltonian on n qubits (Pauli-string terms, an operator, or a
preset with the paper's parameter names); :meth:`SpinNetwork.gibbs` gives its Gibbs state
(Local Eq. (2)) with local l1 coherence, Bloch vector, purity and QFI of any site; the
N-ancilla presets carry an :class:`AncillaStructure`, and their Gibbs states come from the
symmetry-reduced route (:mod:`~autocoherence.spins.gibbs_symmetry`) up to N = 10⁶.
:mod:`~autocoherence.spins.closed_form` holds the paper's closed forms, and
:mod:`~autocoherence.spins.symmetry` the Z2 criterion of Local App. A.
"""

from autocoherence.spins import closed_form, gibbs_symmetry, mean_force, symmetry
from autocoherence.spins.gibbs import GibbsState, ReducedStates
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
from autocoherence.spins.structure import AncillaGroup, AncillaStructure

__all__ = [
    "AncillaGroup",
    "AncillaStructure",
    "GibbsState",
    "MeanForceCoherence",
    "ReducedStates",
    "SpinNetwork",
    "closed_form",
    "direct",
    "direct_n",
    "gibbs_symmetry",
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

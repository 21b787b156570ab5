"""The labelled Dataset of a target trajectory ρ(t) (:meth:`CollisionModel.evolve`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import xarray as xr

from autocoherence import measures
from autocoherence._checks import as_operator
from autocoherence.typing import ComplexArray, OperatorLike

__all__ = ["MODEL_UNITS", "trajectory_dataset"]

#: Units of energies, rates and times of the dimensionless model (ħ = k_B = 1).
MODEL_UNITS = "ħ = k_B = 1 model units"


def trajectory_dataset(
    t: np.ndarray,
    energy_states: ComplexArray,
    *,
    basis: ComplexArray | None,
    qubit: bool,
    e_ops: Sequence[OperatorLike] = (),
    coords: dict[str, Any] | None = None,
    attrs: dict[str, Any] | None = None,
) -> xr.Dataset:
    """Dataset over ``time`` of states given in the target's energy basis.

    ``rho`` is returned in the user's basis (``basis`` columns: energy eigenvectors; None for
    the identity), ``l1_coherence`` is taken in the energy basis.

    Examples
    --------
    >>> states = np.array([np.diag([0.0, 1.0]), np.full((2, 2), 0.5)]).astype(complex)
    >>> ds = trajectory_dataset(np.array([0.0, 1.0]), states, basis=None, qubit=True)
    >>> ds.l1_coherence.values, ds.sx.attrs["long_name"]
    (array([0., 1.]), '⟨σx⟩ of the target')
    """
    d = energy_states.shape[-1]
    states = (
        energy_states
        if basis is None
        else np.einsum("ij,tjk,lk->til", basis, energy_states, basis.conj())
    )
    data: dict[str, Any] = {
        "l1_coherence": (
            "time",
            np.array([measures.l1_coherence(r) for r in energy_states]),
            {"long_name": "l1 coherence in the energy basis of H_S", "units": "1"},
        ),
        "purity": (
            "time",
            np.array([measures.purity(r) for r in states]),
            {"long_name": "purity tr ρ²", "units": "1"},
        ),
        "rho": (
            ("time", "row", "col"),
            states,
            {"long_name": "target density matrix (basis of H_S as given)", "units": "1"},
        ),
    }
    if qubit:
        bloch = np.array([measures.bloch_vector(r) for r in states]).reshape(-1, 3)
        for k, axis in enumerate("xyz"):
            data[f"s{axis}"] = (
                "time",
                bloch[:, k],
                {"long_name": f"⟨σ{axis}⟩ of the target", "units": "1"},
            )
    else:
        data["mean_a"] = (
            "time",
            np.array([measures.mean_lowering(r) for r in states]),
            {"long_name": "⟨a⟩ of the target (Fock-basis lowering operator)", "units": "1"},
        )
    if e_ops:
        ops = [as_operator(op, f"e_ops[{k}]", dim=d) for k, op in enumerate(e_ops)]
        expect = np.einsum("kij,tji->tk", np.array(ops), states)
        if all(np.allclose(op, op.conj().T) for op in ops):
            expect = expect.real
        data["expect"] = (
            ("time", "e_op"),
            expect,
            {"long_name": "expectation values tr(O_k ρ(t)) of e_ops", "units": "as the e_ops"},
        )
    all_coords: dict[str, Any] = {
        "time": ("time", t, {"long_name": "time t", "units": MODEL_UNITS}),
    }
    for name, (dim, values) in (coords or {}).items():
        all_coords[name] = (dim, values, {"long_name": "number of collisions n", "units": "1"})
    return xr.Dataset(data, coords=all_coords, attrs=attrs or {})

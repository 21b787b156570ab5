"""Headline numbers of both papers, computed by independent routes side by side.

Pure functions returning ``xarray.Dataset``; the CLI's ``demo`` command prints them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import xarray as xr

from autocoherence.collision import CollisionModel, Composite, closed_form
from autocoherence.spaces import Qubit
from autocoherence.states import tanh_half

__all__ = ["collision_steady_state_table"]

ROUTES = ("closed_form", "master_equation", "collisions")


def collision_steady_state_table(
    cluster_sizes: Sequence[int] = (1, 2, 3, 8),
    temperatures: Sequence[float] = (0.0, 0.25, 0.5, 1.0, 2.0),
    *,
    f2: float = 0.6,
    tau: float = 0.051,
) -> xr.Dataset:
    """C_ss and P_ss of PRA104 Fig. 2(a) (ω = ω_B = 1, f1 = f2/√2) by all three routes.

    Parameters
    ----------
    cluster_sizes, temperatures : sequences
        The rows (N) and columns (T) of the table.
    f2 : float, keyword-only
        Orthogonal coupling; f1 = f2/√2, the choice of the caption that maximises C₀.
    tau : float, keyword-only
        Collision duration of the exact-collision route.

    Returns
    -------
    xarray.Dataset
        ``l1_coherence`` and ``purity`` over (route, cluster_size, temperature), route ∈
        {closed_form, master_equation, collisions (τ = ``tau``)}; the N ≫ 1 limits
        ``l1_coherence_large_n`` = C₀ tanh(ω_B/2T) and ``purity_large_n`` (Eqs. (10), (11))
        over temperature; ``c0`` = |f1 f2|/(f1² + f2²/2) (Eq. (10), 1/√2 at f1 = f2/√2).

    Examples
    --------
    Larger clusters give more coherence; the master equation is the closed form's own
    dynamics, and finite-τ collisions differ from both by O(τ):

    >>> ds = collision_steady_state_table(cluster_sizes=[1, 8], temperatures=[0.0, 1.0])
    >>> c = ds.l1_coherence
    >>> c.sel(route="closed_form").values.round(4)  # rows: N = 1, 8; columns: T = 0, 1
    array([[0.2422, 0.1119],
           [0.6718, 0.3105]])
    >>> float(abs(c.sel(route="master_equation") - c.sel(route="closed_form")).max()) < 1e-10
    True
    >>> float(abs(c.sel(route="collisions") - c.sel(route="closed_form")).max()) < 0.02
    True

    At f1 = f2/√2, C₀ is its largest value 1/√2, and N ≫ 1 approaches C₀ tanh(ω_B/2T):

    >>> round(float(ds.c0), 6), round(1 / math.sqrt(2), 6)
    (0.707107, 0.707107)
    >>> ds.l1_coherence_large_n.values.round(4)
    array([0.7071, 0.3268])
    """
    shape = (len(ROUTES), len(cluster_sizes), len(temperatures))
    coh = np.empty(shape)
    pur = np.empty(shape)
    for j, n in enumerate(cluster_sizes):
        for k, temp in enumerate(temperatures):
            model = CollisionModel(
                target=Qubit(1.0),
                unit=Qubit(1.0),
                cluster_size=n,
                coupling=Composite(f1=f2 / math.sqrt(2), f2=f2),
                temperature=temp,
                tau=tau,
            )
            for i, route in enumerate(ROUTES):
                s = model.steady_state(method=route)
                coh[i, j, k], pur[i, j, k] = s.l1_coherence, s.purity
    dims = ("route", "cluster_size", "temperature")
    coords = {
        "route": list(ROUTES),
        "cluster_size": list(cluster_sizes),
        "temperature": list(temperatures),
    }
    f1 = f2 / math.sqrt(2)
    polarisation = np.array([tanh_half(1.0, t) for t in temperatures])
    return xr.Dataset(
        {
            "l1_coherence": (dims, coh, {"long_name": "steady-state l1 coherence C_ss"}),
            "purity": (dims, pur, {"long_name": "steady-state purity P_ss"}),
            "l1_coherence_large_n": (
                "temperature",
                closed_form.steady_state_coherence_large_n(f1, f2, polarisation),
                {"long_name": "N >> 1 limit C0 tanh(omega_B/2T), PRA104 Eq. (10)"},
            ),
            "purity_large_n": (
                "temperature",
                closed_form.purity_large_n(f1, f2, polarisation),
                {"long_name": "N >> 1 limit of P_ss, PRA104 Eq. (11)"},
            ),
            "c0": ((), float(closed_form.coherence_bound(f1, f2)), {"long_name": "C0, Eq. (10)"}),
        },
        coords=coords,
        attrs={"f1": f1, "f2": f2, "omega": 1.0, "omega_b": 1.0, "tau": tau},
    )

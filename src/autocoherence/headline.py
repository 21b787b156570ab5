"""Headline numbers of both papers, computed by independent routes side by side.

Pure functions returning ``xarray.Dataset``; the CLI's ``demo`` command prints them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import xarray as xr

from autocoherence.collision import CollisionModel, Composite
from autocoherence.spaces import Qubit

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

    Returns
    -------
    xarray.Dataset with ``l1_coherence`` and ``purity`` over (route, cluster_size, temperature),
    route ∈ {closed_form, master_equation, collisions (τ = ``tau``)}.

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
    return xr.Dataset(
        {"l1_coherence": (dims, coh), "purity": (dims, pur)},
        coords=coords,
        attrs={"f1": f2 / math.sqrt(2), "f2": f2, "omega": 1.0, "omega_b": 1.0, "tau": tau},
    )

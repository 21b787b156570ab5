"""PRA104 Fig. 2(b): time-optimised transient coherence and purity, clusters of bath qubits.

Parameters (from the caption): ω = ω_B = 1, f1 = f2 = 0.15, N ∈ {1, 3}, the RWA coupling of
Eq. (6) and the Rabi (C-R) coupling of Eq. (12); the target starts in its thermal state at the
bath temperature, z₀ = -tanh(ω/2T).

What is drawn, and by which route:

* solid lines: the exact optimum over time of the master-equation dynamics (A5)
  (:meth:`~autocoherence.collision.CollisionModel.transient_peak`): C̄(T) and P̄(T);
* dashed lines: the paper's approximations Eq. (15) (coherence) and Eq. (16) (purity);
* dots: the exact optimum over the number of collisions of the repeated-interaction channel at
  τ = 0.051 (App. A).

Choices where the caption is silent: temperature axis 0.01 ≤ k_B T/ω_B ≤ 2 (60 points); dots
at k_B T/ω_B ∈ {0.05, 0.5, 1, 1.5}. Measured at these parameters: (15) is within 0.4 % (RWA,
N = 1), 3.3 % (RWA, N = 3), 2.3 % (C-R, N = 1) and 0.6 % (C-R, N = 3) of the exact optimum at
every T; (16) for C-R, N = 3 is 9.7 % low at T → 0 ("close to the edge of validity", as the
caption says). The dots differ from the curves by ≤ 3e-4 (an O(τ) effect).

The pieces it shares with Figs. 3(a), 3(b) and 5(b) live in
:mod:`~autocoherence.figures._transient_curves`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import xarray as xr

from autocoherence.figures._params import describe, validate
from autocoherence.figures._transient_curves import (
    DOT_TEMPERATURES,
    FORMS,
    draw_transient,
    grid,
    transient_dataset,
    with_figure,
)
from autocoherence.figures.base import FigureSpec

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["SPEC", "compute", "draw"]


def compute(
    cluster_sizes: Sequence[int] = (1, 3),
    *,
    forms: Sequence[str] = FORMS,
    f1: float = 0.15,
    f2: float = 0.15,
    omega: float = 1.0,
    omega_b: float = 1.0,
    tau: float = 0.051,
    t_min: float = 0.01,
    t_max: float = 2.0,
    n_temperatures: int = 60,
    dot_temperatures: Sequence[float] = DOT_TEMPERATURES,
) -> xr.Dataset:
    """Data of PRA104 Fig. 2(b) (qubit target, clusters of N bath qubits).

    Returns
    -------
    xarray.Dataset
        See :func:`transient_dataset` (``unit`` = ["qubit"]).

    Examples
    --------
    >>> ds = compute((1,), forms=("rwa",), n_temperatures=2, dot_temperatures=())
    >>> ds.l1_coherence.isel(temperature=0).values.round(4)
    array([[[0.0414]]])
    """
    validate(compute, locals())
    ds = transient_dataset(
        ("qubit",),
        forms,
        cluster_sizes,
        grid(t_min, t_max, n_temperatures),
        dot_temperatures,
        f1=f1,
        f2=f2,
        omega=omega,
        omega_b=omega_b,
        tau=tau,
        truncation_tol=1e-10,
        dot_truncation_tol=1e-10,
        max_dense_dim=1024,
    )
    return describe(with_figure(ds, "Fig. 2(b)"))


def draw(ds: xr.Dataset) -> Figure:
    """Fig. 2(b): optimised transient coherence and purity vs temperature (qubit units).

    Examples
    --------
    >>> fig = draw(compute((1,), forms=("rwa",), n_temperatures=2, dot_temperatures=()))
    >>> len(fig.axes)
    2
    """
    return draw_transient(ds, unit="qubit", eqs=("15", "16"))


SPEC = FigureSpec(
    name="collision-fig2b",
    caption=(
        "PRA104 Fig. 2(b): time-optimised coherence and purity vs temperature, qubit clusters "
        "N = 1, 3, RWA and C-R; lines: exact optimum of the master equation, dashed: Eqs. "
        "(15)-(16), dots: exact collisions (tau = 0.051)."
    ),
    compute=compute,
    draw=draw,
)

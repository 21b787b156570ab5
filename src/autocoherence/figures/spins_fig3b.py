"""Local Fig. 3(b): coherence C_T^N(T) of a target with N indirect sources, Local Eq. (C4).

Parameters (caption): ω_T = 1, θ_j = γ_j = 0.5, ω_j = 0.5; N ∈ {1, 2, 3, 5, 8} (N = 8 red,
"an edge of our numerical possibilities" in the paper; the other N are our choice).

Routes: curves are dense Gibbs states on 0 <= T <= 2 (201 points; 2^{N+1} levels, one
diagonalisation per curve); dotted lines are the high-T asymptote Eq. (C5) for T >= 1.5.
No T -> 0 closed form is drawn: Eqs. (17)/(C6) need √N γ ≪ ω_j, ω_T, far from γ = ω_j here
(they are tested inside their regime in tests/integration).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

import xarray as xr

from autocoherence.figures._params import describe, validate
from autocoherence.figures._spins_curves import (
    Curve,
    build_dataset,
    draw_curves,
    n_cases,
    temperature_grid,
)
from autocoherence.figures.base import FigureSpec
from autocoherence.spins import closed_form as cf
from autocoherence.spins import indirect_n

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["SPEC", "compute", "draw"]


def compute(
    cluster_sizes: Sequence[int] = (1, 2, 3, 5, 8),
    *,
    omega_t: float = 1.0,
    omega_source: float = 0.5,
    gamma: float = 0.5,
    theta: float = 0.5,
    t_max: float = 2.0,
    n_temperatures: int = 201,
    t_high_min: float = 1.5,
) -> xr.Dataset:
    """Data of Local Fig. 3(b) (layout: :mod:`autocoherence.figures._spins_curves`).

    Examples
    --------
    >>> ds = compute((1, 2), n_temperatures=3)
    >>> ds.l1_coherence.values[:, 0].round(4)
    array([0.1988, 0.344 ])
    """
    validate(compute, locals())
    temps = temperature_grid(t_max, n_temperatures)
    t_high = temps[temps >= t_high_min]
    curves = [
        Curve(
            label=f"N = {n}",
            color=color,
            linestyle="-",
            network=indirect_n(omega_t, omega_source, gamma, theta, n=n),
            site=0,
            params={"n": float(n)},
            high_t=partial(cf.indirect_n_ct_high_t, omega_t, [gamma] * n, [theta] * n),
        )
        for n, color in n_cases(cluster_sizes)
    ]
    attrs = {
        "paper": "Kolar & Filip, Local coherence by thermalized intra-system coupling, Fig. 3(b)",
        "model": "Local Eq. (C4), coherence of the target T (site 0)",
        "omega_t": omega_t,
        "omega_source": omega_source,
        "gamma": gamma,
        "theta": theta,
        "high_t": "Eq. (C5)",
    }
    return describe(build_dataset(curves, temps, (), t_high, attrs), omega="omega")


def draw(ds: xr.Dataset) -> Figure:
    """C_T^N(T) dense curves, Eq. (C5) dotted.

    Examples
    --------
    >>> fig = draw(compute((1, 2), n_temperatures=3))
    >>> len(fig.axes) >= 1
    True
    """
    return draw_curves(
        ds,
        ylabel=r"$C_T^N$",
        title=(
            rf"Fig. 3(b): N indirect sources, Eq. (C4), $\omega_T$ = {ds.attrs['omega_t']:g}, "
            rf"$\theta_j=\gamma_j$ = {ds.attrs['gamma']:g}, "
            rf"$\omega_j$ = {ds.attrs['omega_source']:g}"
        ),
    )


SPEC = FigureSpec(
    name="spins-fig3b",
    caption=(
        "Local Fig. 3(b): C_T^N(T) for N indirect sources, Eq. (C4), omega_T = 1, "
        "theta_j = gamma_j = omega_j = 0.5; curves: dense Gibbs states, dotted: Eq. (C5)."
    ),
    compute=compute,
    draw=draw,
)

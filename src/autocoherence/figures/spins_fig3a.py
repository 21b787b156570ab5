"""Local Fig. 3(a): coherence C1^N(T) built up by N direct sources, model of Local Eq. (C1).

Parameters: ω1 = 1 (caption); identical sources ω_j = 0.5, γ_j = 0.25 and N ∈ {1, 2, 4, 8}
(our choice: weak individual couplings γ_j ≪ ω1 whose sum Nγ reaches the strong-coupling
plateau, the point of Sec. III).

Routes: curves are the exact configuration sum :func:`~autocoherence.spins.closed_form.direct_n_c1`
(our generalisation of Local Eq. (6) to N sources, exact at every T); dots are dense Gibbs
states of 2^{N+1}-dimensional networks at T ∈ {0.1, 0.3, 0.6, 1, 1.5}; markers at T = 0 are
Eqs. (15)/(C3); dotted lines are Eq. (C2) for T >= 1. Grid: 0 <= T <= 2, 201 points.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

import xarray as xr

from autocoherence.figures._params import describe, validate
from autocoherence.figures._spins_curves import (
    FIG2_DOT_TEMPERATURES,
    Curve,
    build_dataset,
    draw_curves,
    n_cases,
    temperature_grid,
)
from autocoherence.figures.base import FigureSpec
from autocoherence.spins import closed_form as cf
from autocoherence.spins import direct_n

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["SPEC", "compute", "draw"]


def compute(
    cluster_sizes: Sequence[int] = (1, 2, 4, 8),
    *,
    omega1: float = 1.0,
    omega_source: float = 0.5,
    gamma: float = 0.25,
    t_max: float = 2.0,
    n_temperatures: int = 201,
    dot_temperatures: Sequence[float] = FIG2_DOT_TEMPERATURES,
    t_high_min: float = 1.0,
) -> xr.Dataset:
    """Data of Local Fig. 3(a) (layout: :mod:`autocoherence.figures._spins_curves`).

    Examples
    --------
    >>> ds = compute((1, 4), n_temperatures=3, dot_temperatures=())
    >>> ds.low_t_closed_form.values.round(4)
    array([0.2425, 0.7071])
    """
    validate(compute, locals())
    temps = temperature_grid(t_max, n_temperatures)
    t_high = temps[temps >= t_high_min]
    curves = []
    for n, color in n_cases(cluster_sizes, red_last=False):
        ws, gs = [omega_source] * n, [gamma] * n
        curves.append(
            Curve(
                label=f"N = {n}",
                color=color,
                linestyle="-",
                network=direct_n(omega1, omega_source, gamma, n=n),
                site=0,
                params={"n": float(n)},
                exact=partial(cf.direct_n_c1, omega1, ws, gs),
                exact_route="exact configuration sum (generalised Eq. (6))",
                low_t=cf.direct_n_c1_low_t(omega1, gs),
                high_t=partial(cf.direct_n_c1_high_t, ws, gs),
            )
        )
    attrs = {
        "paper": "Kolar & Filip, Local coherence by thermalized intra-system coupling, Fig. 3(a)",
        "model": "Local Eq. (14)/(C1), coherence of qubit 1 (site 0)",
        "omega1": omega1,
        "omega_source": omega_source,
        "gamma": gamma,
        "low_t": "Eq. (15)/(C3)",
        "high_t": "Eq. (C2)",
    }
    return describe(build_dataset(curves, temps, dot_temperatures, t_high, attrs), omega="omega")


def draw(ds: xr.Dataset) -> Figure:
    """C1^N(T) curves (exact sum), dense dots, Eq. (15) markers, Eq. (C2) dotted.

    Examples
    --------
    >>> fig = draw(compute((1, 4), n_temperatures=3, dot_temperatures=()))
    >>> len(fig.axes) >= 1
    True
    """
    return draw_curves(
        ds,
        ylabel=r"$C_1^N$",
        title=(
            rf"Fig. 3(a): N direct sources, Eq. (C1), $\omega_1$ = {ds.attrs['omega1']:g}, "
            rf"$\omega_j$ = {ds.attrs['omega_source']:g}, $\gamma_j$ = {ds.attrs['gamma']:g}"
        ),
    )


SPEC = FigureSpec(
    name="spins-fig3a",
    caption=(
        "Local Fig. 3(a): C1^N(T) for N direct sources, Eq. (C1), omega1 = 1; curves: exact "
        "configuration sum, dots: dense Gibbs states, markers: Eq. (15), dotted: Eq. (C2)."
    ),
    compute=compute,
    draw=draw,
)

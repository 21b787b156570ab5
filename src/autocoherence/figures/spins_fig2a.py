"""Local Fig. 2(a): directly induced coherence C1(T) of the model of Local Eq. (5).

Parameters: ω1 = 1 (caption); curves for γ ∈ {0.5 (red), 1 (blue), 2 (green)} and
ω2 ∈ {0.5 (solid), 1.3 (dashed)}; the caption fixes only "full red line ω2 = 0.5", the other
values are our choice, shared by panels (b) and (c) as the caption asks.

Routes: curves are the exact closed form Local Eq. (6); dots are dense Gibbs states at
T ∈ {0.1, 0.3, 0.6, 1, 1.5}; markers at T = 0 are Eq. (7) (= γ/√(γ² + ω1²)); dotted lines are
the high-T asymptote Eq. (B1) for T >= 1. Temperature grid: 0 <= T <= 2, 201 points.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

import xarray as xr

from autocoherence.figures._params import describe, validate
from autocoherence.figures._spins_curves import (
    FIG2_DOT_TEMPERATURES,
    FIG2_FREQUENCIES,
    FIG2_GAMMAS,
    Curve,
    build_dataset,
    draw_curves,
    fig2_cases,
    temperature_grid,
)
from autocoherence.figures.base import FigureSpec
from autocoherence.spins import closed_form as cf
from autocoherence.spins import direct

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["SPEC", "compute", "draw"]


def compute(
    *,
    omega1: float = 1.0,
    gammas: Sequence[float] = FIG2_GAMMAS,
    omega2s: Sequence[float] = FIG2_FREQUENCIES,
    t_max: float = 2.0,
    n_temperatures: int = 201,
    dot_temperatures: Sequence[float] = FIG2_DOT_TEMPERATURES,
    t_high_min: float = 1.0,
) -> xr.Dataset:
    """Data of Local Fig. 2(a) (layout: :mod:`autocoherence.figures._spins_curves`).

    Examples
    --------
    >>> ds = compute(gammas=(0.5,), omega2s=(0.5,), n_temperatures=3, dot_temperatures=())
    >>> ds.l1_coherence.values.round(4)
    array([[0.4472, 0.0556, 0.0152]])
    """
    validate(compute, locals())
    temps = temperature_grid(t_max, n_temperatures)
    t_high = temps[temps >= t_high_min]
    curves = []
    for g, w2, color, ls in fig2_cases(gammas, omega2s):
        curves.append(
            Curve(
                label=f"γ = {g:g}, ω2 = {w2:g}",
                color=color,
                linestyle=ls,
                network=direct(omega1, w2, g),
                site=0,
                params={"gamma": g, "omega2": w2},
                exact=partial(cf.direct_c1, omega1, w2, g),
                exact_route="closed form Local Eq. (6)",
                low_t=cf.direct_c1_low_t(omega1, w2, g, 0.0),
                high_t=partial(cf.direct_c1_high_t, w2, g),
            )
        )
    attrs = {
        "paper": "Kolar & Filip, Local coherence by thermalized intra-system coupling, Fig. 2(a)",
        "model": "Local Eq. (5), coherence of qubit 1 (site 0)",
        "omega1": omega1,
        "low_t": "Eq. (7) at T -> 0",
        "high_t": "Eq. (B1)",
    }
    return describe(build_dataset(curves, temps, dot_temperatures, t_high, attrs), omega="omega")


def draw(ds: xr.Dataset) -> Figure:
    """C1(T) curves (Eq. (6)), dense dots, Eq. (7) markers, Eq. (B1) dotted.

    Examples
    --------
    >>> fig = draw(compute(gammas=(0.5,), omega2s=(0.5,), n_temperatures=3, dot_temperatures=()))
    >>> len(fig.axes) >= 1
    True
    """
    return draw_curves(
        ds,
        ylabel=r"$C_1$",
        title=rf"Fig. 2(a): direct, Eq. (5), $\omega_1$ = {ds.attrs['omega1']:g}",
    )


SPEC = FigureSpec(
    name="spins-fig2a",
    caption=(
        "Local Fig. 2(a): C1(T) of the direct model Eq. (5), omega1 = 1; curves: exact closed "
        "form Eq. (6), dots: dense Gibbs states, markers: Eq. (7) at T -> 0, dotted: Eq. (B1)."
    ),
    compute=compute,
    draw=draw,
)

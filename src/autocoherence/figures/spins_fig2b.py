"""Local Fig. 2(b): indirectly induced coherence C2(T) of the model of Local Eq. (9).

Parameters: ω2 = 1 and θ = γ (caption); curves for γ ∈ {0.5 (red), 1 (blue), 2 (green)} and
ω1 ∈ {0.5 (solid), 1.3 (dashed)}, the values of panel (a) as the caption asks (our choice).

Routes: no closed form holds at every T (the paper: "too complex"), so curves are dense
Gibbs states on the grid 0 <= T <= 2 (201 points, one diagonalisation per curve); markers at
T = 0 are the closed form Eq. (10) (exact in the ground state); dotted lines are the high-T
asymptote Eq. (B2) for T >= 1.5.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

import xarray as xr

from autocoherence.figures._params import describe, validate
from autocoherence.figures._spins_curves import (
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
from autocoherence.spins import indirect

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["SPEC", "compute", "draw"]


def compute(
    *,
    omega2: float = 1.0,
    gammas: Sequence[float] = FIG2_GAMMAS,
    omega1s: Sequence[float] = FIG2_FREQUENCIES,
    t_max: float = 2.0,
    n_temperatures: int = 201,
    t_high_min: float = 1.5,
) -> xr.Dataset:
    """Data of Local Fig. 2(b) (layout: :mod:`autocoherence.figures._spins_curves`).

    Examples
    --------
    >>> ds = compute(gammas=(0.5,), omega1s=(0.5,), n_temperatures=3)
    >>> abs(float(ds.l1_coherence[0, 0]) - float(ds.low_t_closed_form[0])) < 1e-12
    True
    """
    validate(compute, locals())
    temps = temperature_grid(t_max, n_temperatures)
    t_high = temps[temps >= t_high_min]
    curves = [
        Curve(
            label=f"γ = θ = {g:g}, ω1 = {w1:g}",
            color=color,
            linestyle=ls,
            network=indirect(w1, omega2, g, g),
            site=1,
            params={"gamma": g, "theta": g, "omega1": w1},
            low_t=cf.indirect_c2_low_t(w1, omega2, g, g),
            high_t=partial(cf.indirect_c2_high_t, omega2, g, g),
        )
        for g, w1, color, ls in fig2_cases(gammas, omega1s)
    ]
    attrs = {
        "paper": "Kolar & Filip, Local coherence by thermalized intra-system coupling, Fig. 2(b)",
        "model": "Local Eq. (9), theta = gamma, coherence of qubit 2 (site 1)",
        "omega2": omega2,
        "low_t": "Eq. (10), first line",
        "high_t": "Eq. (B2)",
    }
    return describe(build_dataset(curves, temps, (), t_high, attrs), omega="omega")


def draw(ds: xr.Dataset) -> Figure:
    """C2(T) dense curves, Eq. (10) markers, Eq. (B2) dotted.

    Examples
    --------
    >>> fig = draw(compute(gammas=(0.5,), omega1s=(0.5,), n_temperatures=3))
    >>> len(fig.axes) >= 1
    True
    """
    return draw_curves(
        ds,
        ylabel=r"$C_2$",
        title=rf"Fig. 2(b): indirect, Eq. (9), $\omega_2$ = {ds.attrs['omega2']:g}, θ = γ",
    )


SPEC = FigureSpec(
    name="spins-fig2b",
    caption=(
        "Local Fig. 2(b): C2(T) of the indirect model Eq. (9), omega2 = 1, theta = gamma; "
        "curves: dense Gibbs states, markers: Eq. (10) at T -> 0, dotted: Eq. (B2)."
    ),
    compute=compute,
    draw=draw,
)

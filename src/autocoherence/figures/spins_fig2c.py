"""Local Fig. 2(c): coherence C0(T) transferred to qubit 0, model of Local Eq. (12).

Parameters: ω0 = 1, ω2 = 1.3 (caption), θ = γ (as in panel (b); the caption is silent);
curves for γ ∈ {0.5 (red), 1 (blue), 2 (green)} and ω1 ∈ {0.5 (solid), 1.3 (dashed)}: the
caption's "red dashed: ω1 = 1.3" fixes red = γ = 0.5 only.

Routes: curves are dense Gibbs states on 0 <= T <= 2 (201 points); markers at T = 0 are the
closed form Eq. (13) (exact in the ground state); dotted lines are Eq. (B3) for T >= 1.5.
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
from autocoherence.spins import transferred

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["SPEC", "compute", "draw"]


def compute(
    *,
    omega0: float = 1.0,
    omega2: float = 1.3,
    gammas: Sequence[float] = FIG2_GAMMAS,
    omega1s: Sequence[float] = FIG2_FREQUENCIES,
    t_max: float = 2.0,
    n_temperatures: int = 201,
    t_high_min: float = 1.5,
) -> xr.Dataset:
    """Data of Local Fig. 2(c) (layout: :mod:`autocoherence.figures._spins_curves`).

    Examples
    --------
    >>> ds = compute(gammas=(0.5,), omega1s=(1.3,), n_temperatures=3)
    >>> round(float(ds.low_t_closed_form[0]), 4)
    0.1767
    """
    validate(compute, locals())
    temps = temperature_grid(t_max, n_temperatures)
    t_high = temps[temps >= t_high_min]
    curves = [
        Curve(
            label=f"γ = θ = {g:g}, ω1 = {w1:g}",
            color=color,
            linestyle=ls,
            network=transferred(omega0, w1, omega2, g, g),
            site=0,
            params={"gamma": g, "theta": g, "omega1": w1},
            low_t=cf.transferred_c0_low_t(omega0, w1, g, g),
            high_t=partial(cf.transferred_c0_high_t, omega2, g, g),
        )
        for g, w1, color, ls in fig2_cases(gammas, omega1s)
    ]
    attrs = {
        "paper": "Kolar & Filip, Local coherence by thermalized intra-system coupling, Fig. 2(c)",
        "model": "Local Eq. (12), theta = gamma, coherence of qubit 0 (site 0)",
        "omega0": omega0,
        "omega2": omega2,
        "low_t": "Eq. (13)",
        "high_t": "Eq. (B3)",
    }
    return describe(build_dataset(curves, temps, (), t_high, attrs), omega="omega")


def draw(ds: xr.Dataset) -> Figure:
    """C0(T) dense curves, Eq. (13) markers, Eq. (B3) dotted.

    Examples
    --------
    >>> fig = draw(compute(gammas=(0.5,), omega1s=(1.3,), n_temperatures=3))
    >>> len(fig.axes) >= 1
    True
    """
    return draw_curves(
        ds,
        ylabel=r"$C_0$",
        title=(
            rf"Fig. 2(c): transferred, Eq. (12), $\omega_0$ = {ds.attrs['omega0']:g}, "
            rf"$\omega_2$ = {ds.attrs['omega2']:g}, θ = γ"
        ),
    )


SPEC = FigureSpec(
    name="spins-fig2c",
    caption=(
        "Local Fig. 2(c): C0(T) of the transferred model Eq. (12), omega0 = 1, omega2 = 1.3, "
        "theta = gamma; curves: dense Gibbs states, markers: Eq. (13), dotted: Eq. (B3)."
    ),
    compute=compute,
    draw=draw,
)

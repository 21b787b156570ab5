"""Local Fig. 1(b): large autonomous coherence by strong coupling to one ancilla (Eq. (5)),
by weaker collective coupling to N = 4 ancillas (Eq. (14)), and indirectly (Eq. (9)).

Parameters (our choice; the caption gives none beyond "N = 4" through H_4): qubit of
interest ω1 = 1, ancillas ω2 = ω_j = 1; dashed: one ancilla with γ = 2; solid blue: N = 4
ancillas with γ_j = 0.5, the same Σγ_j = 2, hence the same plateau (Eq. (15) = Eq. (7)) and QFI
H_4 = H_1 = 0.8 (Eqs. (8), (16)); red: the indirect scheme of panel (a) with stronger coupling
γ = θ = 0.2, ω1 = 0.2, target ω2 = 1.

Routes: the blue curves are closed forms valid at every T (Eq. (6); its N-source
generalisation), dots are dense Gibbs states; the red curve is dense; markers at T = 0 are
Eqs. (7), (15) and (10). Grid 0 <= T <= 2, 201 points.
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
    temperature_grid,
)
from autocoherence.figures.base import FigureSpec
from autocoherence.spins import closed_form as cf
from autocoherence.spins import direct, direct_n, indirect

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["SPEC", "compute", "draw"]


def compute(
    *,
    omega1: float = 1.0,
    omega_ancilla: float = 1.0,
    gamma_single: float = 2.0,
    n: int = 4,
    gamma_collective: float = 0.5,
    indirect_coupling: float = 0.2,
    indirect_omega1: float = 0.2,
    t_max: float = 2.0,
    n_temperatures: int = 201,
    dot_temperatures: Sequence[float] = FIG2_DOT_TEMPERATURES,
) -> xr.Dataset:
    """Data of Local Fig. 1(b).

    Examples
    --------
    >>> ds = compute(n_temperatures=3, dot_temperatures=())
    >>> ds.low_t_closed_form.values.round(4)
    array([0.8944, 0.8944, 0.1089])
    >>> round(ds.attrs["qfi_h1"], 6), round(ds.attrs["qfi_hn"], 6)
    (0.8, 0.8)
    """
    validate(compute, locals())
    temps = temperature_grid(t_max, n_temperatures)
    gs = [gamma_collective] * n
    ws = [omega_ancilla] * n
    g_ind = indirect_coupling
    curves = [
        Curve(
            label=f"1 ancilla, γ = {gamma_single:g}, Eq. (5)",
            color="tab:blue",
            linestyle="--",
            network=direct(omega1, omega_ancilla, gamma_single),
            site=0,
            params={"n": 1.0, "gamma": gamma_single},
            exact=partial(cf.direct_c1, omega1, omega_ancilla, gamma_single),
            exact_route="closed form Local Eq. (6)",
            low_t=cf.direct_c1_low_t(omega1, omega_ancilla, gamma_single, 0.0),
        ),
        Curve(
            label=f"N = {n} ancillas, γ_j = {gamma_collective:g}, Eq. (14)",
            color="tab:blue",
            linestyle="-",
            network=direct_n(omega1, omega_ancilla, gamma_collective, n=n),
            site=0,
            params={"n": float(n), "gamma": gamma_collective},
            exact=partial(cf.direct_n_c1, omega1, ws, gs),
            exact_route="exact configuration sum (generalised Eq. (6))",
            low_t=cf.direct_n_c1_low_t(omega1, gs),
        ),
        Curve(
            label=f"indirect, γ = θ = {g_ind:g}, Eq. (9)",
            color="tab:red",
            linestyle="-",
            network=indirect(indirect_omega1, omega1, g_ind, g_ind),
            site=1,
            params={"n": 1.0, "gamma": g_ind},
            low_t=cf.indirect_c2_low_t(indirect_omega1, omega1, g_ind, g_ind),
        ),
    ]
    attrs = {
        "paper": "Kolar & Filip, Local coherence by thermalized intra-system coupling, Fig. 1(b)",
        "model": "Local Eqs. (5), (14) (qubit 1, site 0) and Eq. (9) (qubit 2, site 1)",
        "omega1": omega1,
        "omega_ancilla": omega_ancilla,
        "indirect_omega1": indirect_omega1,
        "indirect_coupling": indirect_coupling,
        "qfi_h1": float(cf.direct_qfi_low_t(omega1, gamma_single)),
        "qfi_hn": float(cf.direct_n_qfi_low_t(omega1, gs)),
        "n": n,
    }
    return describe(build_dataset(curves, temps, dot_temperatures, temps[:0], attrs), omega="omega")


def draw(ds: xr.Dataset) -> Figure:
    """Blue: direct (dashed, one ancilla) and collective (solid, N ancillas); red: indirect.

    Examples
    --------
    >>> fig = draw(compute(n_temperatures=3, dot_temperatures=()))
    >>> len(fig.axes) >= 1
    True
    """
    a = ds.attrs
    return draw_curves(
        ds,
        ylabel="local coherence C",
        title=(
            rf"blue (direct): $\omega_1$ = {a['omega1']:g}, ancillas $\omega_j$ = "
            rf"{a['omega_ancilla']:g}; red (indirect): ancilla $\omega_1$ = "
            rf"{a['indirect_omega1']:g}, $\omega_2$ = {a['omega1']:g}"
        ),
        annotate=(
            f"plateau QFI: $H_1$ = {a['qfi_h1']:.3g} (Eq. (8)),",
            f"$H_{{{a['n']}}}$ = {a['qfi_hn']:.3g} (Eq. (16))",
        ),
    )


SPEC = FigureSpec(
    name="spins-fig1b",
    caption=(
        "Local Fig. 1(b): coherence vs T from one strongly coupled ancilla Eq. (5) (dashed), "
        "N = 4 weaker collective ancillas Eq. (14) (solid) and the indirect Eq. (9) (red); "
        "closed-form curves with dense Gibbs dots; QFI H_1, H_4 annotated."
    ),
    compute=compute,
    draw=draw,
)

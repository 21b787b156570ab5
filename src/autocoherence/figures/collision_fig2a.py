"""PRA104 Fig. 2(a): steady-state coherence and purity of a qubit colliding with qubit clusters.

Parameters (from the caption): ω = ω_B = 1, f2 = 0.6, f1 = f2/√2, N ∈ {1, 2, 3, 8}, the RWA
composite coupling of Eq. (6) (``Composite(f1, f2, rwa=True)``), dots at τ = 0.051.

What is drawn, and by which route:

* solid lines: C_ss of the closed form Eq. (8) (moments Eq. (7)) for each N, vectorised over
  the temperature grid; inset: P_ss = (1 + C_ss² + ⟨σz⟩_ss²)/2 with ⟨σz⟩_ss from Eq. (B9);
* dashed lines: the N ≫ 1 limits C₀ tanh(ω_B/2T) (Eq. (10)) and Eq. (11) for the purity;
* dots: the exact repeated-collision route (App. A, Eq. (A1)) at τ = 0.051, i.e. the fixed
  point of the one-collision channel (the paper iterates ~10³ collisions to reach it):
  for C_ss each N's dots are filled with its curve's shade, with a red edge and a marker of
  their own (legend), blue for P_ss in the inset; the axis holds every curve and dot.

Choices where the caption is silent:

* temperature axis 0.01 ≤ k_B T/ω_B ≤ 3 (300 points, linear); dots at k_B T/ω_B ∈
  {0.05, 0.3, 0.6, 1, 1.5, 2, 3}, the same for every N;
* the inset shows the purity for N = 1, 2 as the caption says (``inset_cluster_sizes``); the
  data hold P_ss for every N. At T → 0 P_ss is not monotonic in N: it falls from 0.951
  (N = 1) to 0.867 near N = 5 and climbs back to the N ≫ 1 value 0.875 of Eq. (11), so for
  3 ≲ N ≲ 15 it lies slightly *below* the dashed limit (the caption's "purity decreases ...
  until a saturated value" holds for N = 1, 2);
* dots for any N: the exact collision channel is reduced by total spin
  (:mod:`~autocoherence.collision.exact.spin_sectors`), e.g. ``--n 1 2 3 8 32 128 1024``; the seven
  dot temperatures of one N share its block propagators.

The exact collisions differ from the closed form (the τ → 0 master equation) by O(τ): at
τ = 0.051 the dots lie above the C_ss curves by at most 7.6e-4, 3.7e-3, 5.8e-3 and 9.9e-3 for
N = 1, 2, 3, 8 (largest at T → 0), and halving τ halves these differences. For larger N
the difference is controlled by N f² τ and the dots rise above the N ≫ 1 line
C₀ tanh(ω_B/2T) (see the ``beyond-me`` figure and docs/collision.md).

The curves, dots and drawing it shares with :mod:`~autocoherence.figures.collision_fig5a`
(the same figure with oscillator bath units) live in :mod:`~autocoherence.figures._steady_curves`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import xarray as xr

from autocoherence.collision import CollisionModel, Composite
from autocoherence.figures._params import describe, validate
from autocoherence.figures._steady_curves import (
    DOT_TEMPERATURES,
    DotRecord,
    dot_record,
    dots_variables,
    draw_steady_state,
    steady_state_curves,
    temperature_grid,
)
from autocoherence.figures.base import FigureSpec
from autocoherence.spaces import Qubit

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["SPEC", "compute", "draw"]


def compute(
    cluster_sizes: Sequence[int] = (1, 2, 3, 8),
    *,
    tau: float = 0.051,
    f2: float = 0.6,
    omega: float = 1.0,
    omega_b: float = 1.0,
    t_min: float = 0.01,
    t_max: float = 3.0,
    n_temperatures: int = 300,
    dot_temperatures: Sequence[float] = DOT_TEMPERATURES,
    inset_cluster_sizes: Sequence[int] = (1, 2),
) -> xr.Dataset:
    """Data of PRA104 Fig. 2(a) (qubit target, clusters of N qubit units).

    Parameters
    ----------
    cluster_sizes : sequence of int
        N of each curve.
    tau : float, keyword-only
        Collision duration of the exact-collision dots.
    f2 : float, keyword-only
        Orthogonal coupling; f1 = f2/√2 (the caption's choice, maximising C₀).
    omega, omega_b : float, keyword-only
        Target and bath-unit frequencies.
    t_min, t_max, n_temperatures : keyword-only
        Temperature grid of the curves.
    dot_temperatures : sequence of float, keyword-only
        Temperatures of the exact-collision dots (empty: no dots).
    inset_cluster_sizes : sequence of int, keyword-only
        The N whose purity the inset draws (stored in ``attrs``; the data hold every N).

    Returns
    -------
    xarray.Dataset
        ``l1_coherence``, ``purity`` over (cluster_size, temperature); ``l1_coherence_large_n``,
        ``purity_large_n`` over temperature; ``dot_*`` over ``dot`` (see
        :func:`dots_variables`); attrs with the fixed parameters.

    Examples
    --------
    >>> ds = compute((1, 8), n_temperatures=3, dot_temperatures=())
    >>> ds.l1_coherence.sel(cluster_size=[1, 8]).isel(temperature=0).values.round(4)
    array([0.2422, 0.6718])
    """
    validate(compute, locals())
    cluster_sizes = [int(n) for n in cluster_sizes]
    f1 = f2 / math.sqrt(2)
    temperatures = temperature_grid(t_min, t_max, n_temperatures)
    unit = Qubit(omega_b)
    curves = steady_state_curves(unit, cluster_sizes, temperatures, f1=f1, f2=f2, omega=omega)

    records: list[DotRecord] = []
    for n in cluster_sizes:
        for t in dot_temperatures:
            model = CollisionModel(
                target=Qubit(omega),
                unit=unit,
                cluster_size=n,
                coupling=Composite(f1=f1, f2=f2),
                temperature=float(t),
                tau=tau,
            )
            records.append(dot_record(model))
    dot_data, dot_coords = dots_variables(records)
    ds = xr.Dataset(
        curves | dot_data,
        coords={"cluster_size": cluster_sizes, "temperature": temperatures, **dot_coords},
        attrs={
            "paper": "Roman-Ancheyta et al., PRA 104, 062209 (2021), Fig. 2(a)",
            "target": f"Qubit(omega={omega})",
            "unit": f"Qubit(omega={omega_b})",
            "coupling": f"Composite(f1=f2/sqrt(2), f2={f2}, rwa=True)",
            "omega": omega,
            "omega_b": omega_b,
            "f1": f1,
            "f2": f2,
            "tau": tau,
            "curves": "closed form Eq. (8), (B9); dashed Eq. (10), (11)",
            "dots": "exact repeated collisions (App. A), fixed point of one collision",
            "inset_cluster_sizes": [int(n) for n in inset_cluster_sizes],
        },
    )
    return describe(ds)


def draw(ds: xr.Dataset) -> Figure:
    """Fig. 2(a): green C_ss curves, dots coloured by N (red edge); blue purity inset.

    Examples
    --------
    >>> fig = draw(compute((1, 8), n_temperatures=3, dot_temperatures=()))
    >>> len(fig.axes) >= 1
    True
    """
    return draw_steady_state(ds, colormap="Greens", dot_color="tab:red", purity_color="tab:blue")


SPEC = FigureSpec(
    name="collision-fig2a",
    caption=(
        "PRA104 Fig. 2(a): steady-state coherence (inset: purity) of a qubit colliding with "
        "clusters of N qubits vs temperature; curves: closed form Eq. (8), dashed: N >> 1 "
        "Eqs. (10)-(11), dots: exact collisions at tau = 0.051."
    ),
    compute=compute,
    draw=draw,
)

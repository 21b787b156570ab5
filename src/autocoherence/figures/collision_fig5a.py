"""PRA104 Fig. 5(a): steady-state coherence and purity of a qubit meeting oscillator clusters.

Parameters (from the caption): ω = ω_B = 1, f2 = 0.6, f1 = f2/√2, N ∈ {1, 2, 3, 8} bath
oscillators per cluster, the RWA composite coupling of Eq. (17) with B = Σ_k b_k
(``Composite(f1, f2, rwa=True)``, ``Oscillator(omega=1.0, dim=...)`` units).

What is drawn, and by which route:

* solid lines: C_ss of the closed form Eq. (3)-(5) with the bosonic cluster moments Eq. (18),
  ⟨{B, B†}⟩ = N coth(ω_B/2T), ⟨[B, B†]⟩ = N (no Fock truncation), vectorised over temperature;
* dashed line: the N ≫ 1 limit C₀ tanh(ω_B/2T), Eq. (10) (the same as for qubit units);
* inset: P_ss = (1 + C_ss² + ⟨σz⟩_ss²)/2 for N = 1 (solid) and the N ≫ 1 limit Eq. (11) (dashed);
* dots (not in the paper's Fig. 5(a); added as the independent check the paper makes in
  Fig. 2(a)): exact repeated collisions at τ = 0.051 (fixed point of the one-collision channel,
  App. A) on a truncated Fock space, filled with their N's shade (red edge, one marker per
  N) for C_ss and blue for P_ss in the inset.

Choices where the caption is silent:

* temperature axis 0.01 ≤ k_B T/ω_B ≤ 3 (300 points), dots at the temperatures of Fig. 2(a);
* the exact collisions of N identical oscillators reduce to one collective mode with coupling
  √N·f (:mod:`autocoherence.collision.exact.collective_mode`), so every dot lives on a target ⊗ mode
  space of dimension 2·dim; a dot whose dimension would exceed ``max_dense_dim`` = 1024 is
  skipped and listed in ``ds.attrs["dots_skipped"]`` (none with the defaults);
* each dot's Fock dimension is the smallest that passes the model's truncation checks
  (thermal tail beyond dim and population pushed into the top level by one collision) at
  ``truncation_tol`` = 1e-6 instead of the model's default 1e-10: the truncation error is then
  ~1e-6, far below the O(τ) ≈ 2e-3 difference between collisions and the closed form. The
  dimension used is stored per dot in ``dot_unit_dim``.

At τ = 0.051 the dots lie above the curves by at most 2.0e-3 (N = 1), 5.5e-3 (N = 2),
7.7e-3 (N = 3) and 1.2e-2 (N = 8), an O(τ) difference (halving τ halves it).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

import xarray as xr

from autocoherence.collision import CollisionModel, Composite
from autocoherence.errors import TruncationError
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
from autocoherence.spaces import Oscillator, Qubit

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["SPEC", "compute", "draw"]

#: How many Fock levels beyond the first estimate are tried before a dot is given up.
_EXTRA_LEVELS = 6


def _first_fock_dim(omega_b: float, temperature: float, tol: float) -> int:
    """Fock dimension whose thermal tail e^{-dim ω_B/T} is ≤ tol, plus two levels of headroom."""
    return max(4, math.ceil(math.log(1 / tol) * temperature / omega_b) + 2)


def _oscillator_dot(
    n: int,
    temperature: float,
    *,
    omega: float,
    omega_b: float,
    coupling: Composite,
    tau: float,
    tol: float,
    max_dense_dim: int,
) -> DotRecord | None:
    """Exact-collision dot with the smallest adequate Fock dimension; None if too large."""
    dim = _first_fock_dim(omega_b, temperature, tol)
    for _ in range(_EXTRA_LEVELS + 1):
        if 2 * dim > max_dense_dim:  # one collective mode for any N (issue 4)
            return None
        model = CollisionModel(
            target=Qubit(omega),
            unit=Oscillator(omega_b, dim=dim),
            cluster_size=n,
            coupling=coupling,
            temperature=temperature,
            tau=tau,
            truncation_tol=tol,
        )
        try:
            return dot_record(model)
        except TruncationError:
            dim += 1
    return None


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
    truncation_tol: float = 1e-6,
    max_dense_dim: int = 1024,
    inset_cluster_sizes: Sequence[int] = (1,),
) -> xr.Dataset:
    """Data of PRA104 Fig. 5(a) (qubit target, clusters of N oscillator units).

    Parameters
    ----------
    cluster_sizes : sequence of int
        N of each curve.
    tau : float, keyword-only
        Collision duration of the exact-collision dots.
    f2 : float, keyword-only
        Orthogonal coupling; f1 = f2/√2.
    omega, omega_b : float, keyword-only
        Target and bath-oscillator frequencies.
    t_min, t_max, n_temperatures : keyword-only
        Temperature grid of the curves.
    dot_temperatures : sequence of float, keyword-only
        Temperatures of the exact-collision dots (empty: no dots).
    truncation_tol : float, keyword-only
        Truncation tolerance of the dots' Fock spaces (see the module docstring).
    max_dense_dim : int, keyword-only
        Largest target ⊗ collective-mode dimension 2·dim for which a dot is computed.
    inset_cluster_sizes : sequence of int, keyword-only
        The N whose purity the inset draws (the data hold every N).

    Returns
    -------
    xarray.Dataset
        Same layout as :func:`autocoherence.figures.collision_fig2a.compute`;
        ``dot_unit_dim`` holds the Fock dimension of each dot.

    Examples
    --------
    >>> ds = compute((1,), t_min=0.5, t_max=3.0, n_temperatures=2, dot_temperatures=(0.5,))
    >>> ds.l1_coherence.values.round(4), ds.dot_unit_dim.values
    (array([[0.2337, 0.1071]]), array([9]))
    """
    validate(compute, locals())
    cluster_sizes = [int(n) for n in cluster_sizes]
    f1 = f2 / math.sqrt(2)
    coupling = Composite(f1=f1, f2=f2)
    temperatures = temperature_grid(t_min, t_max, n_temperatures)
    # the closed form needs only the moments (18), which do not depend on the truncation
    curves = steady_state_curves(
        Oscillator(omega_b, dim=2), cluster_sizes, temperatures, f1=f1, f2=f2, omega=omega
    )

    records: list[DotRecord] = []
    skipped: dict[int, list[float]] = defaultdict(list)
    for n in cluster_sizes:
        for t in dot_temperatures:
            record = _oscillator_dot(
                n,
                float(t),
                omega=omega,
                omega_b=omega_b,
                coupling=coupling,
                tau=tau,
                tol=truncation_tol,
                max_dense_dim=max_dense_dim,
            )
            if record is None:
                skipped[n].append(float(t))
            else:
                records.append(record)
    dot_data, dot_coords = dots_variables(records)
    skipped_text = "; ".join(
        f"N={n}: T in {{{', '.join(f'{t:g}' for t in ts)}}}" for n, ts in skipped.items()
    )
    ds = xr.Dataset(
        curves | dot_data,
        coords={"cluster_size": cluster_sizes, "temperature": temperatures, **dot_coords},
        attrs={
            "paper": "Roman-Ancheyta et al., PRA 104, 062209 (2021), Fig. 5(a)",
            "target": f"Qubit(omega={omega})",
            "unit": f"Oscillator(omega={omega_b}, dim=...) (dots: dim in dot_unit_dim)",
            "coupling": f"Composite(f1=f2/sqrt(2), f2={f2}, rwa=True)",
            "omega": omega,
            "omega_b": omega_b,
            "f1": f1,
            "f2": f2,
            "tau": tau,
            "truncation_tol": truncation_tol,
            "max_dense_dim": max_dense_dim,
            "curves": "closed form Eq. (3)-(5) with moments Eq. (18); dashed Eq. (10), (11)",
            "curve_eq": "Eqs. (3), (18)",
            "dots": "exact repeated collisions (App. A) on truncated Fock spaces",
            "dots_skipped": (
                f"dimension 2*dim above {max_dense_dim}: {skipped_text}" if skipped else "none"
            ),
            "inset_cluster_sizes": [int(n) for n in inset_cluster_sizes],
        },
    )
    return describe(ds)


def draw(ds: xr.Dataset) -> Figure:
    """Fig. 5(a): grey C_ss curves, dots coloured by N (red edge); blue purity inset.

    Examples
    --------
    >>> fig = draw(compute((1,), t_min=0.5, t_max=3.0, n_temperatures=2, dot_temperatures=()))
    >>> len(fig.axes) >= 1
    True
    """
    return draw_steady_state(ds, colormap="Greys", dot_color="tab:red", purity_color="tab:blue")


SPEC = FigureSpec(
    name="collision-fig5a",
    caption=(
        "PRA104 Fig. 5(a): steady-state coherence (inset: purity) of a qubit colliding with "
        "clusters of N harmonic oscillators vs temperature; curves: closed form with the "
        "bosonic moments Eq. (18), dashed: N >> 1 Eqs. (10)-(11), dots: exact collisions at "
        "tau = 0.051 where the truncated dense space is small."
    ),
    compute=compute,
    draw=draw,
)

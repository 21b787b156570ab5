"""PRA104 Fig. 2(a): steady-state coherence and purity of a qubit colliding with qubit clusters.

Parameters (from the caption): ω = ω_B = 1, f2 = 0.6, f1 = f2/√2, N ∈ {1, 2, 3, 8}, the RWA
composite coupling of Eq. (6) (``Composite(f1, f2, rwa=True)``), dots at τ = 0.051.

What is drawn, and by which route:

* solid lines: C_ss of the closed form Eq. (8) (moments Eq. (7)) for each N, vectorised over
  the temperature grid; inset: P_ss = (1 + C_ss² + ⟨σz⟩_ss²)/2 with ⟨σz⟩_ss from Eq. (B9);
* dashed lines: the N ≫ 1 limits C₀ tanh(ω_B/2T) (Eq. (10)) and Eq. (11) for the purity;
* dots: the exact repeated-collision route (App. A, Eq. (A1)) at τ = 0.051, i.e. the fixed
  point of the one-collision channel (the paper iterates ~10³ collisions to reach it):
  red for C_ss, blue for P_ss in the inset.

Choices where the caption is silent:

* temperature axis 0.01 ≤ k_B T/ω_B ≤ 3 (300 points, linear); dots at k_B T/ω_B ∈
  {0.05, 0.3, 0.6, 1, 1.5, 2, 3}, the same for every N;
* the inset shows the purity for N = 1, 2 as the caption says (``inset_cluster_sizes``); the
  data hold P_ss for every N. At T → 0 P_ss is not monotonic in N: it falls from 0.951
  (N = 1) to 0.867 near N = 5 and climbs back to the N ≫ 1 value 0.875 of Eq. (11), so for
  3 ≲ N ≲ 15 it lies slightly *below* the dashed limit (the caption's "purity decreases ...
  until a saturated value" holds for N = 1, 2);
* dots for any N: the exact collision channel is reduced by total spin
  (:mod:`~autocoherence.collision.spin_sectors`), e.g. ``--n 1 2 3 8 32 128 1024``; the seven
  dot temperatures of one N share its block propagators.

The exact collisions differ from the closed form (the τ → 0 master equation) by O(τ): at
τ = 0.051 the dots lie above the C_ss curves by at most 7.6e-4, 3.7e-3, 5.8e-3 and 9.9e-3 for
N = 1, 2, 3, 8 (largest at T → 0), and halving τ halves these differences. For larger N
the difference is controlled by N f² τ and the dots rise above the N ≫ 1 line
C₀ tanh(ω_B/2T) (see the ``beyond-me`` figure and docs/collision.md).

This module also holds the helpers shared with :mod:`~autocoherence.figures.collision_fig5a`
(the same figure with oscillator bath units).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import xarray as xr

from autocoherence.collision import CollisionModel, Composite, closed_form
from autocoherence.figures.base import FigureSpec
from autocoherence.spaces import Oscillator, Qubit
from autocoherence.states import cluster_moments, tanh_half

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["SPEC", "compute", "draw"]

DOT_TEMPERATURES: tuple[float, ...] = (0.05, 0.3, 0.6, 1.0, 1.5, 2.0, 3.0)

#: One dot: (cluster_size, temperature, unit dim, collisions C, collisions P, closed C, closed P).
DotRecord = tuple[int, float, int, float, float, float, float]


def temperature_grid(t_min: float, t_max: float, n_temperatures: int) -> np.ndarray:
    """Linear grid of bath temperatures k_B T/ω_B for the curves."""
    if not 0 <= t_min < t_max:
        raise ValueError(f"need 0 <= t_min < t_max, got t_min={t_min}, t_max={t_max}")
    if n_temperatures < 2:
        raise ValueError(f"n_temperatures must be >= 2, got {n_temperatures}")
    return np.linspace(t_min, t_max, n_temperatures)


def steady_state_curves(
    unit: Qubit | Oscillator,
    cluster_sizes: Sequence[int],
    temperatures: np.ndarray,
    *,
    f1: float,
    f2: float,
    omega: float,
) -> dict[str, Any]:
    """Closed-form C_ss, P_ss over (cluster_size, temperature) and the N ≫ 1 limits.

    C_ss: PRA104 Eq. (3)/(8) with the cluster moments of Eq. (7) (qubit units) or Eq. (18)
    (oscillator units); P_ss = (1 + x² + y² + z²)/2 with the Bloch vector of Eqs. (B7)-(B9);
    limits: Eq. (10) and Eq. (11).

    Returns
    -------
    dict of xarray variable tuples: ``l1_coherence``, ``purity`` (dims cluster_size,
    temperature) and ``l1_coherence_large_n``, ``purity_large_n`` (dim temperature).
    """
    moments = np.array(
        [[cluster_moments(unit, n, float(t)) for t in temperatures] for n in cluster_sizes]
    ).reshape(len(cluster_sizes), len(temperatures), 2)
    a, c = moments[..., 0], moments[..., 1]
    x, y, z = closed_form.steady_state_bloch(f1, f2, omega, a, c)
    coherence = closed_form.steady_state_coherence(f1, f2, omega, a, c)
    purity = closed_form.steady_state_purity(x, y, z)
    polarisation = np.array([tanh_half(unit.omega, float(t)) for t in temperatures])
    dims = ("cluster_size", "temperature")
    return {
        "l1_coherence": (dims, coherence, {"long_name": "C_ss, closed form Eq. (8)"}),
        "purity": (dims, purity, {"long_name": "P_ss, closed form (1 + C^2 + z^2)/2"}),
        "l1_coherence_large_n": (
            "temperature",
            closed_form.steady_state_coherence_large_n(f1, f2, polarisation),
            {"long_name": "C_0 tanh(omega_B/2T), Eq. (10)"},
        ),
        "purity_large_n": (
            "temperature",
            closed_form.purity_large_n(f1, f2, polarisation),
            {"long_name": "P_ss for N >> 1, Eq. (11)"},
        ),
    }


def dots_variables(records: Sequence[DotRecord]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Data variables and coordinates of the dots, on a flat ``dot`` dimension.

    Each dot carries its cluster size and temperature as coordinates, so figures whose dots
    cover different temperatures for different N (no NaN padding) share one layout.
    """
    cols = list(zip(*records, strict=True)) if records else [()] * 7
    n, t, dim, c, p, c_cf, p_cf = (np.asarray(col) for col in cols)
    coords = {
        "dot_cluster_size": ("dot", n.astype(int)),
        "dot_temperature": ("dot", t.astype(float)),
    }
    data = {
        "dot_l1_coherence": ("dot", c.astype(float), {"long_name": "C_ss, exact collisions"}),
        "dot_purity": ("dot", p.astype(float), {"long_name": "P_ss, exact collisions"}),
        "dot_closed_form_l1_coherence": (
            "dot",
            c_cf.astype(float),
            {"long_name": "C_ss, closed form at the dot's (N, T)"},
        ),
        "dot_closed_form_purity": (
            "dot",
            p_cf.astype(float),
            {"long_name": "P_ss, closed form at the dot's (N, T)"},
        ),
        "dot_unit_dim": ("dot", dim.astype(int), {"long_name": "dimension of one bath unit"}),
    }
    return data, coords


def dot_record(model: CollisionModel) -> DotRecord:
    """Steady state of ``model`` by exact collisions beside its closed form."""
    exact = model.steady_state(method="collisions")
    ref = model.steady_state(method="closed_form")
    return (
        model.cluster_size,
        model.temperature,
        model.unit.dim,
        exact.l1_coherence,
        exact.purity,
        ref.l1_coherence,
        ref.purity,
    )


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
    return xr.Dataset(
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


def draw_steady_state(
    ds: xr.Dataset,
    *,
    colormap: str,
    dot_color: str,
    purity_color: str,
) -> Figure:
    """C_ss(T) per N with the N ≫ 1 limit and dots; inset P_ss(T) (Fig. 2(a) and 5(a) layout).

    The inset shows the purity of the N listed in ``ds.attrs["inset_cluster_sizes"]``.

    Parameters
    ----------
    ds : xarray.Dataset
        Output of :func:`compute` or of ``collision_fig5a.compute``.
    colormap : str
        Matplotlib colormap whose shades tell the N apart (darker: larger N).
    dot_color, purity_color : str
        Colours of the coherence dots and of the inset (curves and dots).
    """
    import matplotlib.pyplot as plt  # noqa: PLC0415

    sizes = [int(n) for n in ds.cluster_size.values]
    wanted = np.atleast_1d(ds.attrs.get("inset_cluster_sizes", sizes))  # netCDF: 1 -> scalar
    inset_n = [n for n in sizes if n in wanted]
    shades = plt.get_cmap(colormap)(np.linspace(0.45, 0.95, max(len(sizes), 1)))
    T = ds.temperature.values
    dot_n = ds.dot_cluster_size.values
    dot_t = ds.dot_temperature.values

    fig, ax = plt.subplots(figsize=(6.0, 4.4))
    for n, shade in zip(sizes, shades, strict=True):
        ax.plot(T, ds.l1_coherence.sel(cluster_size=n), color=shade, lw=1.8, label=f"N = {n}")
    ax.plot(T, ds.l1_coherence_large_n, "--", color=shades[-1], lw=1.5, label=r"$N\gg1$, Eq. (10)")
    ax.plot(
        dot_t,
        ds.dot_l1_coherence,
        "o",
        color=dot_color,
        ms=4,
        label=rf"collisions, $\tau$ = {ds.attrs['tau']:g}",
    )
    ax.set_xlim(0, T.max())
    ax.set_ylim(0, max(0.75, 1.05 * float(ds.l1_coherence_large_n.max())))
    ax.set_xlabel(r"$k_B T/\hbar\omega_B$")
    ax.set_ylabel(r"$\mathcal{C}_{ss}$")
    ax.legend(loc="lower left", fontsize=8, frameon=False)

    inset = ax.inset_axes((0.52, 0.5, 0.45, 0.46))
    for n in inset_n:
        inset.plot(T, ds.purity.sel(cluster_size=n), color=purity_color, lw=1.3)
        inset.annotate(
            f"N={n}",
            (T[len(T) // 12], float(ds.purity.sel(cluster_size=n)[len(T) // 12])),
            fontsize=6,
            color=purity_color,
            xytext=(2, 2),
            textcoords="offset points",
        )
    inset.plot(T, ds.purity_large_n, "--", color=purity_color, lw=1.2)
    in_inset = np.isin(dot_n, inset_n)
    inset.plot(dot_t[in_inset], ds.dot_purity.values[in_inset], "o", color=purity_color, ms=3)
    inset.set_xlim(0, T.max())
    inset.set_ylim(0.48, 1.0)
    inset.set_xlabel(r"$k_B T/\hbar\omega_B$", fontsize=7)
    inset.set_ylabel(r"$\mathcal{P}_{ss}$", fontsize=7)
    inset.tick_params(labelsize=6)
    fig.tight_layout()
    return fig


def draw(ds: xr.Dataset) -> Figure:
    """Fig. 2(a): green C_ss curves, red dots; blue purity inset.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
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

"""beyond-me: exact collision steady states for up to 1000 bath qubits vs the master equation.

PRA104 draws exact-collision dots only up to N = 8 (Fig. 2(a)) and derives its large-N value
C₀ tanh(βω_B/2) (Eq. (10)) from the τ → 0 master equation (Eq. (2)/(A5)). This figure follows
the exact stroboscopic channel (App. A, Eq. (A1)) to N = 1000, reduced by total spin
(:mod:`autocoherence.collision.exact.spin_sectors`). Every point has a computed error bound, at
most 1e-10 here.

What is drawn, and by which route:

* markers joined by lines: C_ss (left) and P_ss (right) of the fixed point of the exact
  one-collision channel, for τ ∈ {0.005, 0.051, 0.2} (colours) at k_B T/ω_B = 0.1 and 0.5
  (solid and dashed), each τ on its own grid of N (see Grid);
* thin grey lines: the master equation's finite-N closed form, Eq. (8) (C_ss) and
  (1 + C² + ⟨σz⟩²)/2 with Eq. (B9) (P_ss);
* black dotted lines: the N ≫ 1 values C₀ tanh(βω_B/2), Eq. (10), and Eq. (11).

Parameters: ω = ω_B = 1, f2 = 0.6, f1 = f2/√2 (Fig. 2(a), where C₀ = 1/√2 is largest), RWA
composite coupling (Eq. (6)).

Grid (the cost of a point grows with N f² τ and with T): each τ has its own cluster sizes,
log-spaced in the collision strength N f² τ, 10 per decade below N f² τ = 2 and 24 per
decade above, up to N = 1000 or N f² τ = 8 (:func:`cluster_grid`): τ = 0.005 reaches
N = 1000 (N f² τ = 1.8), τ = 0.051 N = 435 and τ = 0.2 N = 111. The dense part resolves the
peak, the collapse and the recovery of C_ss as smooth curves. Measured compute time with the
defaults: 18 s of CPU (the old 16-point grid to N = 1000 for every τ took ~90 s and drew the
swings as isolated points).

What it shows (T = 0.1). While the collective collision strength N f² τ is small, the
collisions follow the master equation. Their first correction raises C_ss above Eq. (8), by
about 8·N f² τ per cent. C_ss passes C₀ = 0.7071 at N f² τ ≈ 0.05 (τ = 0.005, N ≈ 30) to
0.24 (τ = 0.051, N = 13). It peaks at C_ss = 0.811 with P_ss = 0.994 near N f² τ ≈ 2.8
(0.805 for τ = 0.2), and falls below C₀ again at N f² τ ≈ 4.3. Beyond that one collision is
a large collective rotation (angle ≈ √(N f² τ)): C_ss collapses to nearly 0 near
N f² τ ≈ 5.5 (τ = 0.051) to 6.3 (τ = 0.2) and recovers to ≈ 0.8 by N f² τ ≈ 11. As
functions of N f² τ (variable ``collision_strength``) the three τ nearly coincide. See
``docs/collision.md``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import xarray as xr

from autocoherence import measures
from autocoherence.collision import CollisionModel, Composite, closed_form, repeated
from autocoherence.errors import ParameterError
from autocoherence.figures._params import describe, validate
from autocoherence.figures.base import FigureSpec
from autocoherence.spaces import Qubit
from autocoherence.states import cluster_moments, tanh_half

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["DENSE_FROM", "SPEC", "cluster_grid", "compute", "draw"]

#: Collision strength N f² τ above which the grid is dense: the exact collisions leave the master
#: equation's trend there (peak near 2.8, dip to C ≈ 0 near 5.5-6.3, recovery beyond).
DENSE_FROM: float = 2.0


def cluster_grid(
    tau: float,
    f2: float,
    *,
    max_cluster_size: int = 1000,
    max_collision_strength: float = 8.0,
    points_per_decade: int = 10,
    dense_points_per_decade: int = 24,
) -> list[int]:
    """Cluster sizes N of one τ: log-spaced in N f² τ, dense where it exceeds ``DENSE_FROM``.

    N runs from 1 to the smaller of ``max_cluster_size`` and the N where N f² τ reaches
    ``max_collision_strength``.

    Examples
    --------
    >>> cluster_grid(0.2, 0.6, points_per_decade=2, dense_points_per_decade=4)
    [1, 3, 9, 28, 44, 70, 111]
    """
    unit = f2**2 * tau
    top = min(max_cluster_size * unit, max_collision_strength)

    def segment(lo: float, hi: float, per_decade: int) -> np.ndarray:
        if hi <= lo:
            return np.empty(0)
        count = max(2, math.ceil(math.log10(hi / lo) * per_decade) + 1)
        return np.logspace(math.log10(lo), math.log10(hi), count)

    strengths = np.concatenate(
        [
            segment(unit, min(DENSE_FROM, top), points_per_decade),
            segment(DENSE_FROM, top, dense_points_per_decade),
        ]
    )
    sizes = np.clip(np.rint(strengths / unit).astype(int), 1, max_cluster_size)
    return sorted(set(sizes.tolist()))


def compute(
    cluster_sizes: Sequence[int] = (),
    *,
    taus: Sequence[float] = (0.005, 0.051, 0.2),
    temperatures: Sequence[float] = (0.1, 0.5),
    f2: float = 0.6,
    omega: float = 1.0,
    omega_b: float = 1.0,
    max_cluster_size: int = 1000,
    max_collision_strength: float = 8.0,
    tol: float = 1e-14,
) -> xr.Dataset:
    """Exact-collision C_ss and P_ss against N, beside the master equation's values.

    Parameters
    ----------
    cluster_sizes : sequence of int
        N of the points, the same for every τ (any N >= 1: the channel is reduced by total
        spin). Empty (default): each τ gets :func:`cluster_grid`, dense where N f² τ > 2, up to
        ``max_cluster_size`` or N f² τ = ``max_collision_strength``.
    taus : sequence of float, keyword-only
        Collision durations τ.
    temperatures : sequence of float, keyword-only
        Bath temperatures k_B T/ω_B.
    f2 : float, keyword-only
        Orthogonal coupling; f1 = f2/√2.
    omega, omega_b : float, keyword-only
        Target and bath-qubit frequencies.
    max_cluster_size : int, keyword-only
        Largest N of the default grids.
    max_collision_strength : float, keyword-only
        Largest N f² τ of the default grids (the cost grows with it).
    tol : float, keyword-only
        Pruning tolerance of the sector channel (dropped weight and window error).

    Returns
    -------
    xarray.Dataset
        ``l1_coherence``, ``purity``, ``error_bound`` over (tau, temperature, cluster_size),
        NaN where a τ's grid has no point; ``master_equation_l1_coherence``,
        ``master_equation_purity`` over (temperature, cluster_size); ``l1_coherence_large_n``,
        ``purity_large_n`` over temperature; ``collision_strength`` = N f² τ over
        (tau, cluster_size).

    Examples
    --------
    >>> ds = compute((1, 50), taus=(0.051,), temperatures=(0.1,))
    >>> ds.l1_coherence.values.round(4)
    array([[[0.243 , 0.7553]]])
    """
    o = validate(compute, locals())
    taus, temps, f2 = o["taus"], o["temperatures"], o["f2"]
    if not temps:
        raise ParameterError(f"temperatures must hold at least one value, got {temperatures!r}")
    grids = {
        tau: o["cluster_sizes"]
        or cluster_grid(
            tau,
            f2,
            max_cluster_size=o["max_cluster_size"],
            max_collision_strength=o["max_collision_strength"],
        )
        for tau in taus
    }
    sizes = sorted({n for grid in grids.values() for n in grid})
    column = {n: c for c, n in enumerate(sizes)}
    f1 = f2 / math.sqrt(2)
    coupling = Composite(f1=f1, f2=f2)
    shape = (len(taus), len(temps), len(sizes))
    coherence, purity, bound = (
        np.full(shape, np.nan),
        np.full(shape, np.nan),
        np.full(shape, np.nan),
    )
    for a, tau in enumerate(taus):
        for n in grids[tau]:
            c = column[n]
            model = CollisionModel(
                target=Qubit(o["omega"]),
                unit=Qubit(o["omega_b"]),
                cluster_size=n,
                coupling=coupling,
                temperature=temps[0],
                tau=tau,
            )
            # one set of block propagators for all temperatures
            channels = model.sector_channel().superoperators(temps, tol=o["tol"])
            for b, channel in enumerate(channels):
                rho = repeated.fixed_point(channel.superoperator)
                coherence[a, b, c] = measures.l1_coherence(rho)
                purity[a, b, c] = measures.purity(rho)
                bound[a, b, c] = channel.fixed_point_error_bound()
    omega_b = o["omega_b"]
    omega = o["omega"]

    moments = np.array(
        [[cluster_moments(Qubit(omega_b), n, t) for n in sizes] for t in temps]
    ).reshape(len(temps), len(sizes), 2)
    x, y, z = closed_form.steady_state_bloch(f1, f2, omega, moments[..., 0], moments[..., 1])
    polarisation = np.array([tanh_half(omega_b, t) for t in temps])
    dims = ("tau", "temperature", "cluster_size")
    ds = xr.Dataset(
        {
            "l1_coherence": (dims, coherence, {"long_name": "C_ss, exact collisions"}),
            "purity": (dims, purity, {"long_name": "P_ss, exact collisions"}),
            "error_bound": (
                dims,
                bound,
                {"long_name": "bound on |rho - rho_exact|_F from the sector pruning"},
            ),
            "master_equation_l1_coherence": (
                ("temperature", "cluster_size"),
                np.hypot(x, y),
                {"long_name": "C_ss, master equation, closed form Eq. (8)"},
            ),
            "master_equation_purity": (
                ("temperature", "cluster_size"),
                closed_form.steady_state_purity(x, y, z),
                {"long_name": "P_ss, master equation, Eq. (B7)-(B9)"},
            ),
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
            "collision_strength": (
                ("tau", "cluster_size"),
                np.outer(taus, sizes) * f2**2,
                {"long_name": "N f2^2 tau"},
            ),
        },
        coords={"tau": taus, "temperature": temps, "cluster_size": sizes},
        attrs={
            "paper": "beyond Roman-Ancheyta et al., PRA 104, 062209 (2021), Fig. 2(a)",
            "target": f"Qubit(omega={omega})",
            "unit": f"Qubit(omega={omega_b})",
            "coupling": f"Composite(f1=f2/sqrt(2), f2={f2}, rwa=True)",
            "omega": omega,
            "omega_b": omega_b,
            "f1": f1,
            "f2": f2,
            "tol": tol,
            "points": "exact repeated collisions (App. A), reduced by total spin",
            "curves": "master equation: Eq. (8) (finite N), Eq. (10), (11) (N >> 1)",
        },
    )
    return describe(ds)


def draw(ds: xr.Dataset) -> Figure:
    """C_ss and P_ss against N (log axis) for each τ and T, beside the master equation.

    Examples
    --------
    >>> fig = draw(compute((1, 50), taus=(0.051,), temperatures=(0.1,)))
    >>> len(fig.axes)
    2
    """
    from matplotlib import colormaps  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415

    sizes = ds.cluster_size.values
    colors = colormaps["tab10"](np.arange(ds.sizes["tau"]) % 10)
    styles = ["-", "--", ":", "-."]
    fig = Figure(figsize=(7.8, 4.5))
    axes = fig.subplots(1, 2)
    panels = (
        ("l1_coherence", r"$\mathcal{C}_{ss}$", "(10)"),
        ("purity", r"$\mathcal{P}_{ss}$", "(11)"),
    )
    for ax, (var, label, eq) in zip(axes, panels, strict=True):
        for b, temp in enumerate(ds.temperature.values):
            ls = styles[b % len(styles)]
            me = ds[f"master_equation_{var}"].isel(temperature=b)
            ax.plot(sizes, me, ls, color="0.25", lw=0.9, zorder=3)
            ax.axhline(float(ds[f"{var}_large_n"].isel(temperature=b)), color="k", ls=":", lw=1)
            for a, tau in enumerate(ds.tau.values):
                values = ds[var].isel(tau=a, temperature=b).values
                mine = np.isfinite(values)  # each τ has its own grid (NaN elsewhere)
                ax.plot(
                    sizes[mine],
                    values[mine],
                    ls,
                    marker="o",
                    ms=2.5,
                    lw=1.1,
                    color=colors[a],
                    label=rf"$\tau$ = {tau:g}, $k_BT$ = {temp:g}",
                )
        ax.plot(
            [],
            [],
            color="0.25",
            lw=0.9,
            label=f"master equation, Eq. {'(8)' if eq == '(10)' else '(B9)'}",
        )
        ax.plot([], [], "k:", label=f"$N\\gg1$, Eq. {eq}")
        ax.set_xscale("log")
        ax.set_xlabel("cluster size $N$")
        ax.set_ylabel(label)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=3, frameon=False)
    fig.suptitle(
        r"exact collisions vs master equation ($f_2$ = "
        f"{float(ds.attrs['f2']):g}, "
        r"$f_1 = f_2/\sqrt{2}$): they part ways when $N f_2^2 \tau \gtrsim 0.1$;"
        "\nbeyond $N f_2^2 \\tau \\approx 4$ one collision is a large collective rotation",
        fontsize="medium",
    )
    fig.tight_layout(rect=(0, 0.14, 1, 1))
    return fig


SPEC = FigureSpec(
    name="beyond-me",
    caption=(
        "Exact collision steady-state coherence and purity vs cluster size N = 1 ... 1000 "
        "(spin-sector reduction) for tau = 0.005, 0.051, 0.2 at T = 0.1, 0.5, beside the "
        "master equation (Eq. (8)) and its large-N value C0 tanh(omega_B/2T) (Eq. (10))."
    ),
    compute=compute,
    draw=draw,
)

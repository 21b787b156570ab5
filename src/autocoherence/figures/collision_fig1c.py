"""PRA104 Fig. 1(c): coherence of the target qubit growing over the collisions to its steady value.

Parameters (from the caption): N ∈ {1, 2, 3} bath qubits per cluster, τ = 1, β = 5
(k_B T = 0.2 ω_B); from Sec. II: ω = ω_B = 1 and the RWA composite coupling of Eq. (6).

What is drawn, and by which route:

* dots: the exact repeated-collision channel (App. A, Eq. (A1)) applied n = 0, 1, ..., 30
  times (stroboscopic, τ = 1), l1 coherence C = |⟨σx⟩ + i⟨σy⟩| after each collision;
* solid lines: the Lindblad master equation Eq. (2)/(A5) (the τ → 0 limit of the collisions)
  integrated exactly over t ∈ [0, 30τ], for comparison;
* dashed lines: the closed-form steady state Eq. (8) (the master equation's t → ∞ limit);
* dotted lines: the fixed point of the τ = 1 collision channel (the dots' n → ∞ limit).

Choices where the caption is silent:

* couplings f2 = 0.6, f1 = f2/√2 (those of Fig. 2(a), which maximise C₀ = 1/√2);
* the initial state is the target's thermal state at the bath temperature (z₀ = -tanh(ω/2T),
  no coherence), ``initial=None`` of :meth:`~autocoherence.collision.CollisionModel.evolve`;
* 30 collisions.

τ = 1 is not short on the scale of the couplings (f²N τ up to 1.1), so the collisions deviate
from the master equation by O(τ) = O(1) effects: the dots overshoot the curves and saturate
above the closed form, at 0.2575 vs 0.2390 (N = 1), 0.4908 vs 0.4159 (N = 2) and
0.6262 vs 0.5217 (N = 3). The largest |dot - curve| over the 30 collisions is 0.021, 0.075 and
0.118 for N = 1, 2, 3. Shrinking τ shrinks the gap in proportion.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import xarray as xr

from autocoherence.collision import CollisionModel, Composite
from autocoherence.errors import ParameterError
from autocoherence.figures._params import describe, validate
from autocoherence.figures.base import FigureSpec
from autocoherence.spaces import Qubit

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["SPEC", "buildup_dataset", "compute", "draw"]


def compute(
    cluster_sizes: Sequence[int] = (1, 2, 3),
    *,
    tau: float = 1.0,
    temperature: float = 0.2,
    f2: float = 0.6,
    omega: float = 1.0,
    omega_b: float = 1.0,
    n_collisions: int = 30,
    points_per_collision: int = 10,
) -> xr.Dataset:
    """Data of PRA104 Fig. 1(c): C(t) by exact collisions and by the master equation.

    Parameters
    ----------
    cluster_sizes : sequence of int
        N of each trajectory.
    tau : float, keyword-only
        Collision duration τ (the caption's τ = 1).
    temperature : float, keyword-only
        Bath temperature k_B T = 1/β (the caption's β = 5).
    f2 : float, keyword-only
        Orthogonal coupling; f1 = f2/√2.
    omega, omega_b : float, keyword-only
        Target and bath-unit frequencies.
    n_collisions : int, keyword-only
        Number of collisions shown.
    points_per_collision : int, keyword-only
        Time samples of the master-equation curve per collision duration.

    Returns
    -------
    xarray.Dataset
        ``l1_coherence`` (master equation) over (cluster_size, time); ``collision_l1_coherence``
        over (cluster_size, collision) with coordinate ``collision_time`` = nτ;
        ``steady_l1_coherence`` (closed form) and ``collision_steady_l1_coherence`` (fixed
        point of the τ channel) over cluster_size; attrs with the fixed parameters.

    Examples
    --------
    >>> ds = compute((1,), n_collisions=3, points_per_collision=1)
    >>> ds.collision_l1_coherence.values.round(4)
    array([[0.    , 0.2   , 0.2806, 0.2887]])
    """
    o = validate(compute, locals())
    f1 = o["f2"] / math.sqrt(2)
    models = [
        CollisionModel(
            target=Qubit(o["omega"]),
            unit=Qubit(o["omega_b"]),
            cluster_size=n,
            coupling=Composite(f1=f1, f2=o["f2"]),
            temperature=o["temperature"],
            tau=o["tau"],
        )
        for n in o["cluster_sizes"]
    ]
    ds = buildup_dataset(models, o["n_collisions"], o["points_per_collision"])
    ds.attrs |= {
        "paper": "Roman-Ancheyta et al., PRA 104, 062209 (2021), Fig. 1(c)",
        "target": f"Qubit(omega={o['omega']})",
        "unit": f"Qubit(omega={o['omega_b']})",
        "bath_units": "qubit",
        "coupling": f"Composite(f1=f2/sqrt(2), f2={o['f2']}, rwa=True)",
        "omega": o["omega"],
        "omega_b": o["omega_b"],
        "f1": f1,
        "f2": o["f2"],
    }
    return describe(ds)


def buildup_dataset(
    models: Sequence[CollisionModel], n_collisions: int, points_per_collision: int
) -> xr.Dataset:
    """C(t) by exact collisions and by the master equation for each model (one per N).

    Shared by Fig. 1(c) (qubit units) and Fig. 4(c) (oscillator units): every model has the
    same τ and temperature and a different cluster size; the target starts in its thermal
    state at the bath temperature.
    """
    tau = models[0].tau
    temperature = models[0].temperature
    if tau is None:  # pragma: no cover - every figure model has a tau
        raise ParameterError("the models need a collision duration tau")
    cluster_sizes = [m.cluster_size for m in models]
    times = np.linspace(0.0, n_collisions * tau, n_collisions * points_per_collision + 1)
    collisions = np.arange(n_collisions + 1)
    curve = np.empty((len(models), times.size))
    dots = np.empty((len(models), collisions.size))
    steady = np.empty(len(models))
    steady_collisions = np.empty(len(models))
    for i, model in enumerate(models):
        curve[i] = model.evolve(times, method="master_equation").l1_coherence.values
        dots[i] = model.evolve(collisions * tau, method="collisions").l1_coherence.values
        steady[i] = model.steady_state(method="closed_form").l1_coherence
        steady_collisions[i] = model.steady_state(method="collisions").l1_coherence

    return xr.Dataset(
        {
            "l1_coherence": (
                ("cluster_size", "time"),
                curve,
                {"long_name": "C(t), master equation Eq. (2)"},
            ),
            "collision_l1_coherence": (
                ("cluster_size", "collision"),
                dots,
                {"long_name": "C after n exact collisions"},
            ),
            "steady_l1_coherence": (
                "cluster_size",
                steady,
                {"long_name": "C_ss, closed form Eq. (8)"},
            ),
            "collision_steady_l1_coherence": (
                "cluster_size",
                steady_collisions,
                {"long_name": "fixed point of the exact collision channel at tau"},
            ),
        },
        coords={
            "cluster_size": cluster_sizes,
            "time": times,
            "collision": collisions,
            "collision_time": ("collision", collisions * tau),
        },
        attrs={
            "tau": tau,
            "temperature": temperature,
            "beta": math.inf if temperature == 0 else 1.0 / temperature,
            "initial": "thermal state of the target at the bath temperature",
            "curves": "master equation Eq. (2)/(A5); dashed closed form Eq. (8)",
            "dots": "exact repeated collisions (App. A), stroboscopic",
        },
    )


def draw(ds: xr.Dataset) -> Figure:
    """C after each collision (dots) over the master-equation curves and steady values.

    Examples
    --------
    >>> fig = draw(compute((1,), n_collisions=3, points_per_collision=1))
    >>> len(fig.axes) >= 1
    True
    """
    from matplotlib import colormaps  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415

    tau = float(ds.attrs["tau"])
    colors = colormaps["tab10"](np.arange(ds.sizes["cluster_size"]) % 10)
    fig = Figure(figsize=(6.0, 4.0))
    ax = fig.subplots()
    for i, n in enumerate(ds.cluster_size.values):
        sel = {"cluster_size": n}
        ax.plot(ds.time / tau, ds.l1_coherence.sel(sel), color=colors[i], lw=1.2, alpha=0.8)
        ax.plot(
            ds.collision,
            ds.collision_l1_coherence.sel(sel),
            "o",
            color=colors[i],
            ms=4,
            clip_on=False,
            label=f"N = {n}",
        )
        ax.axhline(float(ds.steady_l1_coherence.sel(sel)), color=colors[i], ls="--", lw=1.0)
        ax.axhline(
            float(ds.collision_steady_l1_coherence.sel(sel)), color=colors[i], ls=":", lw=1.0
        )
    ax.plot([], [], "-", color="0.4", label="master equation")
    eq = ds.attrs.get("curve_eq", "Eq. (8)")
    ax.plot([], [], "--", color="0.4", label=rf"$\mathcal{{C}}_{{ss}}$, {eq}")
    ax.plot([], [], ":", color="0.4", label=rf"collisions, $n\to\infty$ ($\tau$ = {tau:g})")
    ax.set_xlim(0, float(ds.collision.max()))
    ax.set_ylim(0, None)
    ax.set_xlabel(rf"collisions $n$ ($t = n\tau$, $\tau$ = {tau:g})")
    ax.set_ylabel(r"$\mathcal{C}$")
    ax.set_title(
        f"{ds.attrs.get('bath_units', 'qubit')} bath units, "
        rf"$\beta$ = {float(ds.attrs['beta']):g}, $f_2$ = {float(ds.attrs['f2']):g}, "
        r"$f_1 = f_2/\sqrt{2}$",
        fontsize="medium",
    )
    ax.legend(loc="lower right", frameon=False, ncol=2)
    fig.tight_layout()
    return fig


SPEC = FigureSpec(
    name="collision-fig1c",
    caption=(
        "PRA104 Fig. 1(c): l1 coherence of the target qubit vs number of collisions for N = 1, "
        "2, 3 (tau = 1, beta = 5); dots: exact collisions, curves: master equation, dashed: "
        "closed-form steady state."
    ),
    compute=compute,
    draw=draw,
)

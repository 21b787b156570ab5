"""PRA104 Fig. 6: Bloch-vector components and coherence of the target during the transient.

Parameters (from the caption): f2 = 0.3, f1 = f2/√2, ω = ω_B = 1, initial inversion
z₀ = ⟨σz(0)⟩ = -0.6, collision dots at τ = 0.051. The caption's dashed line is "the optimised
maximum according to Eq. (20)" and the lines are the approximations (B14)-(B16), which are for
the Rabi (C-R) coupling: so the bath units are oscillators (Eq. (19)), one per collision, and
the coupling is ``Composite(f1, f2, rwa=False)``.

What is drawn, and by which route:

* solid lines: ⟨σx⟩ (red), ⟨σy⟩ (blue), ⟨σz⟩ (black) and C (green) from the master equation
  (A5), integrated exactly (matrix exponential);
* thin dotted lines: the paper's approximate solutions (B14)-(B16);
* grey dashed line: the optimised maximum of Eq. (20) (C-R); green star: the exact optimum;
* dots: the exact repeated-collision channel at τ = 0.051, every ``dot_every``-th collision.

Choices where the caption is silent: the bath temperature makes z₀ the thermal inversion
(tanh(ω_B/2T) = 0.6, T = 0.7213, as Eq. (20) assumes); N = 1; 0 ≤ t ≤ 20; oscillator units
truncated with a thermal tail below 1e-8. At these couplings (B14) misses ⟨σx⟩ by up to 17 %
of the coherence amplitude and Eq. (20) is 4.4 % below the exact optimum (0.1255 vs 0.1313):
the caption's parameters lie at the edge of the approximations' validity.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
import xarray as xr

from autocoherence._checks import check_choice
from autocoherence.collision import CollisionModel, Composite
from autocoherence.collision import transient_closed_form as tcf
from autocoherence.errors import ParameterError
from autocoherence.figures._params import describe, validate
from autocoherence.figures.base import FigureSpec
from autocoherence.spaces import Oscillator, Qubit
from autocoherence.states import cluster_moments

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["SPEC", "compute", "draw"]


def compute(
    *,
    unit: str = "oscillator",
    z0: float = -0.6,
    f2: float = 0.3,
    omega: float = 1.0,
    tau: float = 0.051,
    t_max: float = 20.0,
    n_times: int = 801,
    dot_every: int = 4,
    cluster_size: int = 1,
) -> xr.Dataset:
    """Data of PRA104 Fig. 6 (resonant, ω = ω_B = ``omega``).

    Parameters
    ----------
    unit : {"oscillator", "qubit"}, keyword-only
        Bath units (the caption's Eq. (20) means oscillators).
    z0 : float, keyword-only
        Initial inversion, -1 < z₀ < 0; the bath temperature is the one where it is thermal.
    f2 : float, keyword-only
        Orthogonal coupling; f1 = f2/√2 (the assumption γ = 2γφ of (B14)-(B16)).
    tau, t_max, n_times, dot_every, cluster_size : keyword-only
        Collision duration, time window, curve samples, collisions between dots, N.

    Examples
    --------
    >>> ds = compute(n_times=3, t_max=math.pi, dot_every=20)
    >>> round(float(ds.peak_l1_coherence), 4), round(float(ds.closed_form_peak_l1_coherence), 4)
    (0.1313, 0.1255)
    """
    validate(compute, locals())
    if not -1 < z0 < 0:
        raise ParameterError(f"z0 must be in (-1, 0) (a thermal inversion), got z0={z0!r}")
    unit = check_choice(unit, "unit", ("oscillator", "qubit"))
    temperature = omega / (2 * math.atanh(-z0))
    f1 = f2 / math.sqrt(2)
    tol = 1e-8
    space: Qubit | Oscillator = Qubit(omega)
    if unit == "oscillator":
        space = Oscillator(omega, math.ceil(math.log(1 / tol) * temperature / omega) + 4)
    model = CollisionModel(
        target=Qubit(omega),
        unit=space,
        coupling=Composite(f1, f2, rwa=False),
        temperature=temperature,
        cluster_size=cluster_size,
        tau=tau,
        truncation_tol=tol,
    )
    times = np.linspace(0.0, t_max, n_times)
    me = model.evolve(times)
    a, _ = cluster_moments(space, cluster_size, temperature)
    approx = tcf.bloch_rabi_b14(times, f1, f2, omega, a, z0)
    counts = np.arange(0, int(t_max / tau) + 1, dot_every)
    dots = model.evolve(counts * tau, method="collisions")
    peak = model.transient_peak()
    peak_collisions = model.transient_peak(method="collisions")  # also checks Fock leakage
    eq = tcf.peak_coherence_lho if unit == "oscillator" else tcf.peak_coherence_tls
    closed = float(eq(f1, f2, omega, cluster_size, z0, rwa=False))
    data: dict[str, Any] = {
        name: ("time", me[name].values, {"long_name": f"<{name}>, master equation"})
        for name in ("sx", "sy", "sz")
    }
    data["l1_coherence"] = ("time", me.l1_coherence.values, {"long_name": "C, master equation"})
    for name, values in zip(("sx", "sy", "sz"), approx, strict=True):
        data[f"approx_{name}"] = ("time", values, {"long_name": f"<{name}>, Eqs. (B14)-(B16)"})
    data["approx_l1_coherence"] = ("time", np.hypot(approx[0], approx[1]))
    for name in ("sx", "sy", "sz", "l1_coherence"):
        data[f"dot_{name}"] = ("collision", dots[name].values)
    data |= {
        "peak_l1_coherence": ((), peak.l1_coherence, {"long_name": "exact optimum (master eq.)"}),
        "peak_time": ((), peak.time),
        "collisions_peak_l1_coherence": ((), peak_collisions.l1_coherence),
        "closed_form_peak_l1_coherence": ((), closed, {"long_name": "Eq. (20) / (15), C-R"}),
    }
    ds = xr.Dataset(
        data,
        coords={"time": times, "collision": counts, "collision_time": ("collision", counts * tau)},
        attrs={
            "paper": "Roman-Ancheyta et al., PRA 104, 062209 (2021), Fig. 6",
            "unit": repr(space),
            "coupling": f"Composite(f1=f2/sqrt(2), f2={f2}, rwa=False)",
            "cluster_size": cluster_size,
            "f1": f1,
            "f2": f2,
            "omega": omega,
            "z0": z0,
            "temperature": temperature,
            "tau": tau,
            "curves": "master equation (A5); dotted: Eqs. (B14)-(B16)",
            "dots": "exact repeated collisions (App. A), stroboscopic",
        },
    )
    return describe(ds)


def draw(ds: xr.Dataset) -> Figure:
    """Bloch components and C vs time: master equation, (B14)-(B16), collisions, Eq. (20).

    Examples
    --------
    >>> fig = draw(compute(n_times=3, t_max=math.pi, dot_every=20))
    >>> len(fig.axes) >= 1
    True
    """
    from matplotlib.figure import Figure  # noqa: PLC0415

    t = ds.time.values
    fig = Figure(figsize=(7.6, 4.2))
    ax = fig.subplots()
    colors = {"sx": "tab:red", "sy": "tab:blue", "sz": "black", "l1_coherence": "tab:green"}
    labels = {
        "sx": r"$\langle\sigma_x\rangle$",
        "sy": r"$\langle\sigma_y\rangle$",
        "sz": r"$\langle\sigma_z\rangle$",
        "l1_coherence": r"$\mathcal{C}$",
    }
    for name, color in colors.items():
        ax.plot(t, ds[name], color=color, lw=1.6, label=labels[name])
        ax.plot(t, ds[f"approx_{name}"], ":", color=color, lw=1.0)
        ax.plot(ds.collision_time, ds[f"dot_{name}"], "o", color=color, ms=2.5, alpha=0.45)
    ax.axhline(float(ds.closed_form_peak_l1_coherence), color="0.4", ls="--", lw=1.0)
    ax.plot(float(ds.peak_time), float(ds.peak_l1_coherence), "*", color="tab:green", ms=9)
    ax.plot([], [], "k-", lw=1.6, label="master equation (A5)")
    ax.plot([], [], "k:", label="Eqs. (B14)-(B16)")
    ax.plot([], [], "--", color="0.4", label="Eq. (20), optimum")
    ax.plot([], [], "*", color="tab:green", ms=9, ls="none", label="exact optimum")
    ax.plot([], [], "ko", ms=3, alpha=0.45, label=rf"collisions, $\tau$ = {ds.attrs['tau']:g}")
    ax.set_xlim(0, t.max())
    ax.set_xlabel(r"$t\omega$")
    ax.set_ylabel(r"$\langle\sigma_{x,y,z}\rangle$,  $\mathcal{C}$")
    ax.set_title(
        rf"$f_2$ = {ds.attrs['f2']:g}, $f_1 = f_2/\sqrt{{2}}$, $z_0$ = {ds.attrs['z0']:g}",
        fontsize="medium",
    )
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.tight_layout()
    return fig


SPEC = FigureSpec(
    name="collision-fig6",
    caption=(
        "PRA104 Fig. 6: <sigma_x>, <sigma_y>, <sigma_z> and C of the target vs time, Rabi "
        "coupling, oscillator units; lines: master equation, dotted: Eqs. (B14)-(B16), "
        "dashed: Eq. (20), dots: exact collisions (tau = 0.051)."
    ),
    compute=compute,
    draw=draw,
)

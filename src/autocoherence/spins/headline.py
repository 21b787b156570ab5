"""Headline numbers of paper 2 (Local): low-T coherence, closed form beside dense numerics.

A pure function returning an ``xarray.Dataset``; the CLI's ``demo`` command prints it.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from autocoherence._checks import check_int, check_temperature
from autocoherence.spins import closed_form as cf
from autocoherence.spins.presets import direct, direct_n, indirect, transferred

__all__ = ["spins_headline_table"]


def spins_headline_table(*, temperature: float = 0.01, n_max: int = 8) -> xr.Dataset:
    """Low-T local coherences C1, C2, C0 and C1^N (N = 1..n_max), closed form vs dense.

    Parameters are the red curves of Local Fig. 2 and our Fig. 3(a) choice:

    * C1: direct model Eq. (5), ω1 = 1, ω2 = 0.5, γ = 0.5; closed form Eq. (7) at T;
    * C2: indirect model Eq. (9), ω1 = 0.5, ω2 = 1, γ = θ = 0.5; closed form Eq. (10) (T -> 0);
    * C0: transferred model Eq. (12), ω0 = 1, ω1 = 0.5, ω2 = 1.3, γ = θ = 0.5; Eq. (13) (T -> 0);
    * C1^N: Eq. (14), ω1 = 1, ω_j = 0.5, γ_j = 0.25; Eq. (15) (T -> 0).

    Parameters
    ----------
    temperature : float, keyword-only
        T of the dense Gibbs states (and of Eq. (7)); the T -> 0 closed forms differ from the
        dense values by O(exp(-gap/T)), below 1e-10 at the default T = 0.01.
    n_max : int, keyword-only
        Largest number of sources N (the dense route diagonalises 2^{N+1} levels).

    Returns
    -------
    xarray.Dataset
        ``closed_form``, ``dense``, ``abs_difference`` over ``quantity`` (labels such as
        ``"C1"``, ``"C1^N, N=3"``), with coordinates ``equation`` and ``n``.

    Examples
    --------
    >>> ds = spins_headline_table(n_max=2)
    >>> [str(q) for q in ds.quantity.values]
    ['C1', 'C2', 'C0', 'C1^N, N=1', 'C1^N, N=2']
    >>> bool(ds.abs_difference.max() < 1e-10)
    True
    """
    t = check_temperature(temperature)
    n_max = check_int(n_max, "n_max", minimum=1)
    rows: list[tuple[str, str, int, float, float]] = [
        (
            "C1",
            "Eq. (7)",
            1,
            cf.direct_c1_low_t(1.0, 0.5, 0.5, t),
            direct(1.0, 0.5, 0.5).gibbs(t).l1_coherence(0),
        ),
        (
            "C2",
            "Eq. (10)",
            1,
            cf.indirect_c2_low_t(0.5, 1.0, 0.5, 0.5),
            indirect(0.5, 1.0, 0.5, 0.5).gibbs(t).l1_coherence(1),
        ),
        (
            "C0",
            "Eq. (13)",
            1,
            cf.transferred_c0_low_t(1.0, 0.5, 0.5, 0.5),
            transferred(1.0, 0.5, 1.3, 0.5, 0.5).gibbs(t).l1_coherence(0),
        ),
    ]
    for n in range(1, n_max + 1):
        rows.append(
            (
                f"C1^N, N={n}",
                "Eq. (15)",
                n,
                cf.direct_n_c1_low_t(1.0, [0.25] * n),
                direct_n(1.0, 0.5, 0.25, n=n).gibbs(t, method="dense").l1_coherence(0),
            )
        )
    labels, eqs, ns, closed, dense = zip(*rows, strict=True)
    closed_a, dense_a = np.array(closed, dtype=float), np.array(dense, dtype=float)
    return xr.Dataset(
        {
            "closed_form": ("quantity", closed_a, {"long_name": "closed form of the paper"}),
            "dense": ("quantity", dense_a, {"long_name": "dense Gibbs state at temperature"}),
            "abs_difference": ("quantity", np.abs(closed_a - dense_a)),
        },
        coords={
            "quantity": list(labels),
            "equation": ("quantity", list(eqs)),
            "n": ("quantity", np.array(ns, dtype=int)),
        },
        attrs={
            "paper": "Kolar & Filip, Local coherence by thermalized intra-system coupling",
            "temperature": t,
            "C1": "Eq. (5): omega1=1, omega2=0.5, gamma=0.5",
            "C2": "Eq. (9): omega1=0.5, omega2=1, gamma=theta=0.5",
            "C0": "Eq. (12): omega0=1, omega1=0.5, omega2=1.3, gamma=theta=0.5",
            "C1^N": "Eq. (14): omega1=1, omega_j=0.5, gamma_j=0.25",
        },
    )

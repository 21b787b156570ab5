"""Shared models and factories of the sweep tests (module-level, so they pickle by value)."""

from __future__ import annotations

import math

import autocoherence as ac
from autocoherence.spaces import sigma_minus, sigma_z

F2 = 0.6
F1 = F2 / math.sqrt(2)


def composite_model(temperature: float, cluster_size: int = 1, f2: float = F2) -> ac.CollisionModel:
    """PRA104 Fig. 2(a) model (qubit target and units, RWA composite coupling)."""
    return ac.CollisionModel(
        target=ac.Qubit(1.0),
        unit=ac.Qubit(1.0),
        cluster_size=cluster_size,
        coupling=ac.Composite(F1, f2),
        temperature=temperature,
        tau=0.05,
    )


def bilinear_model(temperature: float, ratio: float, cluster_size: int = 1) -> ac.CollisionModel:
    """A Bilinear coupling s = ratio·0.3 σz + 0.6 σ₋, A = σ₋: no closed form."""
    return ac.CollisionModel(
        target=ac.Qubit(1.0),
        unit=ac.Qubit(1.0),
        cluster_size=cluster_size,
        coupling=ac.Bilinear(0.3 * ratio * sigma_z() + 0.6 * sigma_minus(), sigma_minus()),
        temperature=temperature,
    )

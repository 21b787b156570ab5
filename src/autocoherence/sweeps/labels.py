"""``long_name`` and ``units`` attributes of the coordinates of a sweep result.

Every variable and coordinate of a sweep's Dataset is labelled (CF style). Quantities are
labelled by :func:`~autocoherence.sweeps.quantities.long_name` and
:func:`~autocoherence.sweeps.quantities.units`; the grid axes here, from the family recorded
in the manifest:

* parameters of :class:`~autocoherence.sweeps.CollisionFamily` and of the spin presets:
  integers (cluster sizes, numbers of ancillas, Fock dimensions) are counts, units ``"1"``;
  every real parameter is an energy (frequency, coupling, temperature) or a time (``tau``),
  in :data:`~autocoherence.sweeps.quantities.MODEL_UNITS` (ħ = k_B = 1);
* axes of a Python factory: the same names mean the same (``temperature``, ``f1``, ...);
  other integer axes are counts; the units of other real axes are not known to the sweep and
  say so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from autocoherence.sweeps.quantities import MODEL_UNITS

__all__ = ["UNKNOWN_UNITS", "axis_attrs"]

#: ``units`` of a real axis of a Python factory whose meaning the sweep cannot know.
UNKNOWN_UNITS = "unknown (an argument of a Python factory)"

_COLLISION: Mapping[str, tuple[str, str]] = {
    "temperature": ("bath temperature T", MODEL_UNITS),
    "cluster_size": ("bath units per collision N", "1"),
    "f1": ("parallel coupling f1", MODEL_UNITS),
    "f2": ("orthogonal coupling f2", MODEL_UNITS),
    "tau": ("collision duration tau", MODEL_UNITS),
    "omega": ("target qubit frequency omega", MODEL_UNITS),
    "omega_b": ("bath-unit frequency omega_B", MODEL_UNITS),
    "unit_dim": ("Fock dimension of the oscillator units", "1"),
}


def axis_attrs(name: str, values: np.ndarray, manifest: Mapping[str, Any]) -> dict[str, str]:
    """``{"long_name": ..., "units": ...}`` of the grid axis ``name``.

    Examples
    --------
    >>> collision = {"model": {"family": "collision"}}
    >>> axis_attrs("f2", np.array([0.6]), collision)
    {'long_name': 'orthogonal coupling f2', 'units': 'ħ = k_B = 1 model units'}
    >>> spins = {"model": {"family": "spins", "preset": "direct_n"}}
    >>> axis_attrs("n", np.array([1, 2]), spins)
    {'long_name': 'number of ancillas n', 'units': '1'}
    >>> axis_attrs("gammas", np.array([0.7]), spins)["units"]
    'ħ = k_B = 1 model units'
    >>> axis_attrs("ratio", np.array([0.5]), {"model": {"factory": "f"}})
    {'long_name': 'ratio', 'units': 'unknown (an argument of a Python factory)'}
    """
    model = manifest.get("model", {})
    family = model.get("family") if isinstance(model, Mapping) else None
    integer = np.asarray(values).dtype.kind in "iu"
    if name in _COLLISION and family in ("collision", None):
        long_name, units = _COLLISION[name]
    elif name == "temperature":
        long_name, units = "temperature T", MODEL_UNITS
    elif family == "spins":
        preset = model.get("preset", "spin")
        if integer:
            long_name = "number of ancillas n" if name == "n" else f"{name} ({preset} preset)"
        else:
            long_name = f"{name} ({preset} preset)"
        units = "1" if integer else MODEL_UNITS
    else:
        long_name, units = name, ("1" if integer else UNKNOWN_UNITS)
    return {"long_name": long_name, "units": units}

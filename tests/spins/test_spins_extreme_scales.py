"""The closed forms of Local are scale-free (issue 13 item 2): energies from 1e-300 to 1e300
give the value of the rescaled parameters, never NaN, an OverflowError or a warning."""

from __future__ import annotations

import inspect
import math
import warnings

import numpy as np
import pytest

from autocoherence.errors import AutocoherenceError
from autocoherence.spins import closed_form as sc

_BASE = {
    "omega1": 1.0,
    "omega2": 0.5,
    "omega0": 0.8,
    "omega_t": 0.9,
    "gamma": 0.3,
    "theta": 0.4,
    "omegas": [0.5, 0.6],
    "gammas": [0.3, 0.2],
    "thetas": [0.4, 0.1],
}


def _args(fn, scale, t):
    out = {}
    for name in inspect.signature(fn).parameters:
        if name == "n":
            out[name] = 3
        elif name == "temperature":
            out[name] = t * scale
        else:
            out[name] = np.asarray(_BASE[name]) * scale
    return out


@pytest.mark.parametrize("name", sc.__all__)
@pytest.mark.parametrize("scale", [1e-300, 1e-100, 1e100, 1e300])
def test_closed_forms_are_scale_free(name, scale):
    fn = getattr(sc, name)
    degree = 1 if name == "indirect_optimal_gamma" else 0
    for t in (0.0, 0.7, 5.0):
        try:
            ref = fn(**_args(fn, 1.0, t))
        except AutocoherenceError:
            continue  # e.g. a high-T asymptote at T = 0
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            got = fn(**_args(fn, scale, t))
        assert np.all(np.isfinite(got))
        np.testing.assert_allclose(np.asarray(got) / scale**degree, ref, rtol=1e-12)


def test_rescaling_leaves_ordinary_values_bit_for_bit():
    assert sc.direct_c1(1.0, 0.5, 0.7, 0.3) == 0.3780978751320452
    assert sc.direct_c1(1e30, 0.5e30, 0.7e30, 0.3e30) == sc.direct_c1.__wrapped__(
        1e30, 0.5e30, 0.7e30, 0.3e30
    )
    assert math.isfinite(sc.transferred_c0_low_t(1e200, 0.5e200, 0.5e200, 0.5e200))

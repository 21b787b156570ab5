"""collision/collective_mode.py: linear bath operators and the √N-rescaled single mode."""

import math

import numpy as np
import pytest

import autocoherence as ac
from autocoherence.collision.exact.collective_mode import (
    collective_mode_coupling,
    linear_coefficients,
)
from autocoherence.errors import MethodNotApplicableError

OSC = ac.Oscillator(1.0, 6)


def test_linear_coefficients_recover_x_b_plus_y_bdag_plus_z():
    b = OSC.lowering()
    op = (0.3 - 0.2j) * b + 1.5 * b.conj().T + 0.7 * np.eye(6)
    x, y, z = linear_coefficients(op, OSC)
    assert (x, y, z) == (pytest.approx(0.3 - 0.2j), pytest.approx(1.5), pytest.approx(0.7))
    for nonlinear in (b @ b, OSC.number(), b + 1e-6 * b @ b):
        assert linear_coefficients(nonlinear, OSC) is None


def test_composite_scales_with_root_n():
    c = collective_mode_coupling(ac.Composite(0.3, -0.5, rwa=False), OSC, 9)
    assert isinstance(c, ac.Composite)
    assert (c.f1, c.f2, c.rwa) == (pytest.approx(0.9), pytest.approx(-1.5), False)


def test_linear_bilinear_becomes_one_mode_and_nonlinear_has_none():
    s = ac.spaces.sigma_minus()
    b = OSC.lowering()
    A = 0.4 * b + 0.1 * np.eye(6)
    one = collective_mode_coupling(ac.Bilinear(s, A), OSC, 4)
    assert isinstance(one, ac.Bilinear)
    assert np.allclose(one.A, 2 * 0.4 * b + 4 * 0.1 * np.eye(6))
    assert collective_mode_coupling(ac.Bilinear(s, b @ b), OSC, 4) is None


def _model(unit, n, coupling=None, **kw):
    base = {
        "target": ac.Qubit(1.0),
        "unit": unit,
        "cluster_size": n,
        "coupling": coupling or ac.Composite(0.3, 0.4),
        "temperature": 0.3,
        "tau": 0.1,
    }
    return ac.CollisionModel(**(base | kw))


def test_reduction_routes():
    assert _model(ac.Qubit(1.0), 5).reduction() == "spin_sectors"
    assert _model(OSC, 3).reduction() == "collective_mode"
    assert _model(OSC, 1).reduction() is None  # one unit: dense is already minimal
    b = OSC.lowering()
    nonlinear = _model(OSC, 2, ac.Bilinear(ac.spaces.sigma_minus(), b @ b))
    assert nonlinear.reduction() is None
    with pytest.raises(MethodNotApplicableError, match="linear in b"):
        nonlinear.collective_mode_model()
    with pytest.raises(MethodNotApplicableError, match="qubit bath units"):
        _model(OSC, 2).sector_channel()
    with pytest.raises(MethodNotApplicableError, match="oscillator bath units"):
        _model(ac.Qubit(1.0), 2).collective_mode_model()


def test_collective_mode_model_keeps_everything_but_n_and_coupling():
    m = _model(OSC, 4)
    one = m.collective_mode_model()
    assert one.cluster_size == 1
    assert (one.coupling.f1, one.coupling.f2) == (pytest.approx(0.6), pytest.approx(0.8))
    assert (one.target, one.unit, one.temperature, one.tau) == (m.target, m.unit, 0.3, 0.1)
    assert math.isclose(one.truncation_tol, m.truncation_tol)

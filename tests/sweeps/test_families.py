"""Model families: parameters, validation, identity (autocoherence.sweeps.families)."""

from __future__ import annotations

import math

import numpy as np
import pytest

import autocoherence as ac
from autocoherence import spins
from autocoherence.errors import ParameterError
from autocoherence.sweeps.families import CollisionFamily, SpinFamily
from autocoherence.sweeps.grid import Grid

from .conftest import F1, F2


def test_collision_family_builds_the_same_model_as_by_hand():
    fam = CollisionFamily(f1=F1, f2=F2, tau=0.05, omega_b=1.2)
    m = fam(temperature=0.4, cluster_size=3)
    ref = ac.CollisionModel(
        target=ac.Qubit(1.0),
        unit=ac.Qubit(1.2),
        cluster_size=3,
        coupling=ac.Composite(F1, F2),
        temperature=0.4,
        tau=0.05,
    )
    for method in ("closed_form", "collisions"):
        assert abs(m.steady_state(method).l1_coherence - ref.steady_state(method).l1_coherence) == 0


def test_collision_family_oscillator_units():
    fam = CollisionFamily(f1=F1, f2=F2, unit="oscillator", unit_dim=12)
    m = fam(temperature=0.5)
    assert isinstance(m.unit, ac.Oscillator)
    assert m.unit.dim == 12
    # without unit_dim a nominal dim serves the closed form, which ignores the truncation
    m2 = CollisionFamily(f1=F1, f2=F2, unit="oscillator")(temperature=0.5)
    assert m2.steady_state("closed_form").l1_coherence == m.steady_state("closed_form").l1_coherence


def test_identity_lists_fixed_parameters_and_defaults_not_on_the_grid():
    fam = CollisionFamily(f1=0.3, f2=0.6)
    grid = Grid.from_mapping({"temperature": [0.1], "omega": [1.0, 2.0]})
    ident = fam.identity(grid)
    assert ident["family"] == "collision"
    params = ident["parameters"]
    assert params["f1"] == 0.3
    assert params["cluster_size"] == 1
    assert "omega" not in params
    assert "temperature" not in params
    assert "tau" not in params  # optional and unset


@pytest.mark.parametrize(
    ("fixed", "error", "match"),
    [
        ({"f3": 1.0}, ParameterError, "unknown collision parameter 'f3'"),
        ({"f1": "0.3"}, TypeError, "f1 must be a real number, got '0.3'"),
        ({"f1": math.nan}, ParameterError, "f1 must be a finite real number"),
        ({"temperature": -0.1}, ParameterError, "temperature must be >= 0"),
        ({"cluster_size": 0}, ParameterError, "cluster_size must be an integer >= 1"),
        ({"cluster_size": 2.0}, TypeError, "cluster_size must be an integer"),
        ({"unit": "spin"}, ParameterError, "unit must be one of 'qubit', 'oscillator'"),
        ({"rwa": 1}, TypeError, "rwa must be true or false"),
        ({"tau": 0.0}, ParameterError, "tau must be > 0"),
        ({"unit_dim": 1}, ParameterError, "unit_dim must be an integer >= 2"),
        ({"unit": "oscillator", "omega_b": -1.0}, ParameterError, "omega_b must be > 0"),
    ],
)
def test_bad_fixed_parameters(fixed, error, match):
    with pytest.raises(error, match=match):
        CollisionFamily(**fixed)


@pytest.mark.parametrize(
    ("fixed", "grid", "match"),
    [
        ({"f1": 0.3, "f2": 0.6}, {"temp": [0.1]}, "grid axis 'temp' is not a collision parameter"),
        ({"f1": 0.3, "f2": 0.6, "temperature": 0.1}, {"unit": [1]}, "unit cannot be swept"),
        ({"f1": 0.3, "f2": 0.6}, {"temperature": [0.1], "f2": [0.5]}, "f2 is both fixed"),
        ({"f1": 0.3}, {"temperature": [0.1]}, "parameter 'f2' is required"),
        ({"f1": 0.3, "f2": 0.6}, {"temperature": [0.1, -0.2]}, r"temperature\[1\] must be >= 0"),
        (
            {"f1": 0.3, "f2": 0.6, "temperature": 0.1},
            {"cluster_size": [1, 0]},
            r"cluster_size\[1\] must be an integer >= 1",
        ),
        (
            {"f1": 0.3, "f2": 0.6, "temperature": 0.1, "unit": "oscillator"},
            {"omega_b": [1.0, -1.0]},
            "omega_b must be > 0 for oscillator units",
        ),
    ],
)
def test_bad_grids(fixed, grid, match):
    with pytest.raises(ParameterError, match=match):
        CollisionFamily(**fixed).check_grid(Grid.from_mapping(grid))


def test_cluster_size_axis_of_floats_is_refused():
    fam = CollisionFamily(f1=0.3, f2=0.6, temperature=0.1)
    with pytest.raises(TypeError, match=r"grid axis cluster_size\[0\] must be an integer"):
        fam.check_grid(Grid.from_mapping({"cluster_size": [1.0, 2.0]}))


def test_oscillator_units_need_unit_dim_beyond_the_closed_form():
    fam = CollisionFamily(f1=0.3, f2=0.6, unit="oscillator")
    fam.check_method("closed_form")
    fam.check_method("auto")
    with pytest.raises(
        ParameterError, match=r"unit_dim .* is required for method='master_equation'"
    ):
        fam.check_method("master_equation")


def test_arrays_broadcast_fixed_parameters():
    fam = CollisionFamily(f1=0.3, f2=0.6, cluster_size=4)
    arrays = fam.arrays({"temperature": np.array([0.1, 0.2, 0.3])})
    np.testing.assert_array_equal(arrays["cluster_size"], [4.0, 4.0, 4.0])
    np.testing.assert_array_equal(arrays["omega"], [1.0, 1.0, 1.0])
    assert arrays["unit"] == "qubit"
    assert arrays["rwa"] is True


def test_spin_family_calls_the_preset():
    fam = SpinFamily("direct", omega1=1.0, omega2=0.5)
    net, t = fam(gamma=0.7, temperature=0.3)
    assert t == 0.3
    assert net.pauli_terms() == spins.direct(1.0, 0.5, 0.7).pauli_terms()
    assert set(fam.parameters()) == {"omega1", "omega2", "gamma", "temperature"}
    assert fam.identity(Grid.from_mapping({"gamma": [0.7], "temperature": [0.3]})) == {
        "family": "spins",
        "preset": "direct",
        "parameters": {"omega1": 1.0, "omega2": 0.5},
    }
    assert repr(fam) == "SpinFamily('direct', omega1=1.0, omega2=0.5)"


def test_spin_family_per_ancilla_lists_and_n_axis():
    fam = SpinFamily("direct_n", omega1=1.0, omegas=[0.5, 0.6], gammas=0.3)
    with pytest.raises(ParameterError, match=r"gammas=0\.3 is a scalar"):
        fam(temperature=0.2)
    fam = SpinFamily("direct_n", omega1=1.0, omegas=0.5, gammas=0.3)
    fam.check_grid(Grid.from_mapping({"n": [1, 3], "temperature": [0.2]}))
    net, _ = fam(n=3, temperature=0.2)
    assert net.n_sites == 4
    with pytest.raises(TypeError, match=r"omegas\[1\] must be a real number"):
        SpinFamily("direct_n", omega1=1.0, omegas=[0.5, "x"], gammas=0.3)


@pytest.mark.parametrize(
    ("args", "fixed", "error", "match"),
    [
        (("directed",), {}, ParameterError, "preset must be one of 'direct'"),
        (("direct",), {"omega3": 1.0}, ParameterError, "unknown spins parameter 'omega3'"),
        (("direct",), {"temperature": -1.0}, ParameterError, "temperature must be >= 0"),
        (("direct_n",), {"n": 0}, ParameterError, "n must be an integer >= 1"),
    ],
)
def test_bad_spin_family(args, fixed, error, match):
    with pytest.raises(error, match=match):
        SpinFamily(*args, **fixed)


def test_spin_family_requires_its_parameters():
    fam = SpinFamily("direct", omega1=1.0)
    with pytest.raises(ParameterError, match="spins parameter 'omega2' is required"):
        fam.check_grid(Grid.from_mapping({"gamma": [0.5], "temperature": [0.1]}))

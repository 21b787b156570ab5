"""collision/model.py: the CollisionModel contract, dispatch, results, and bad input."""

import math

import numpy as np
import pytest
import qutip
import xarray as xr

import autocoherence as ac
from autocoherence.errors import MethodNotApplicableError, ParameterError, TruncationError

F2 = 0.6
F1 = F2 / math.sqrt(2)


def _model(**kw):
    base = {
        "target": ac.Qubit(1.0),
        "unit": ac.Qubit(1.0),
        "coupling": ac.Composite(F1, F2),
        "temperature": 0.5,
        "cluster_size": 3,
        "tau": 0.051,
    }
    return ac.CollisionModel(**(base | kw))


def test_auto_picks_closed_form_for_composite_and_master_equation_otherwise():
    assert _model().steady_state().method == "closed_form"
    bil = _model(
        coupling=ac.Bilinear(
            F1 * ac.spaces.sigma_z() + F2 * ac.spaces.sigma_minus(), ac.spaces.sigma_minus()
        )
    )
    s = bil.steady_state(method="auto")
    assert s.method == "master_equation"
    # the Bilinear form of Eq. (1) is the same physics as the Composite one
    assert s.l1_coherence == pytest.approx(_model().steady_state().l1_coherence, abs=1e-12)


def test_steady_state_result_contents():
    s = _model().steady_state(method="master_equation")
    x, y, z = s.bloch
    assert s.l1_coherence == pytest.approx(math.hypot(x, y), abs=1e-14)
    assert s.qfi == pytest.approx(x * x + y * y, abs=1e-14)
    assert s.purity == pytest.approx((1 + x * x + y * y + z * z) / 2, abs=1e-14)
    assert s.mean_a is None
    assert s.rho.shape == (2, 2)
    assert "master_equation" in repr(s)


def test_evolve_dataset_contract_and_thermal_initial_state():
    m = _model(temperature=0.4)
    times = np.linspace(0, 5, 11)
    ds = m.evolve(times)
    for var in ("l1_coherence", "purity", "sx", "sy", "sz", "rho"):
        assert var in ds
    assert ds.sizes["time"] == 11
    assert float(ds.sz[0]) == pytest.approx(-math.tanh(1.0 / (2 * 0.4)), abs=1e-14)
    assert float(ds.l1_coherence[0]) == 0.0
    assert ds.attrs["method"] == "master_equation"


def test_evolve_collisions_is_stroboscopic():
    m = _model(tau=0.1)
    ds = m.evolve([0.0, 0.26, 1.0], method="collisions")
    assert list(ds.collision.values) == [0, 3, 10]
    assert np.allclose(ds.time.values, [0.0, 0.3, 1.0])


def test_evolve_accepts_qutip_initial_state():
    rho0 = qutip.ket2dm(qutip.basis(2, 0))
    ds = _model().evolve([0.0], initial=rho0)
    assert float(ds.sz[0]) == pytest.approx(1.0)


def test_to_qutip_round_trip():
    H, c_ops = _model().to_qutip()
    assert isinstance(H, qutip.Qobj)
    assert all(isinstance(c, qutip.Qobj) for c in c_ops)
    rho = qutip.steadystate(H, c_ops)
    assert np.allclose(rho.full(), _model().steady_state(method="closed_form").rho, atol=1e-9)


# ---------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("kw", "exc", "match"),
    [
        ({"temperature": -0.1}, ParameterError, "temperature must be >= 0"),
        ({"temperature": float("nan")}, ParameterError, "temperature must be >= 0"),
        ({"tau": 0.0}, ParameterError, "tau must be > 0"),
        ({"tau": -1.0}, ParameterError, "tau must be > 0"),
        ({"cluster_size": 0}, ParameterError, "cluster_size must be an integer >= 1"),
        ({"cluster_size": 2.5}, TypeError, "cluster_size must be an integer"),
        ({"target": "qubit"}, TypeError, "target must be a Qubit, Oscillator, Transmon or System"),
        ({"coupling": 0.3}, TypeError, "coupling must be a Composite, Bilinear or Interaction"),
        ({"truncation_tol": 2.0}, ParameterError, "truncation_tol"),
    ],
)
def test_bad_model_parameters(kw, exc, match):
    with pytest.raises(exc, match=match):
        _model(**kw)


def test_bad_couplings():
    with pytest.raises(ParameterError, match="f1 must be a finite real number"):
        ac.Composite(float("nan"), 0.3)
    with pytest.raises(TypeError, match="rwa must be True or False"):
        ac.Composite(0.1, 0.3, rwa="yes")
    with pytest.raises(ParameterError, match="square matrix"):
        ac.Bilinear(np.ones((2, 3)), np.eye(2))
    with pytest.raises(
        ParameterError, match=r"Bilinear.A is 3x3 but the bath unit has dimension 2"
    ):
        _model(coupling=ac.Bilinear(np.eye(2), np.eye(3)))


def test_unknown_method_lists_choices():
    with pytest.raises(ParameterError, match="method must be one of 'auto', 'closed_form'"):
        _model().steady_state(method="exact")


def test_closed_form_refuses_bilinear_and_names_alternatives():
    m = _model(coupling=ac.Bilinear(ac.spaces.sigma_x(), ac.spaces.sigma_minus()))
    with pytest.raises(
        MethodNotApplicableError, match="method='master_equation' or method='collisions'"
    ):
        m.steady_state(method="closed_form")


def test_collisions_need_tau():
    with pytest.raises(ParameterError, match="tau is required"):
        _model(tau=None).steady_state(method="collisions")


def test_dense_collisions_refuse_huge_clusters():
    with pytest.raises(MethodNotApplicableError, match="cluster_size=12"):
        _model(cluster_size=12).steady_state(method="collisions", dense=True)
    # the master equation and the closed form handle any N
    big = _model(cluster_size=1000)
    assert big.steady_state(method="master_equation").l1_coherence == pytest.approx(
        big.steady_state(method="closed_form").l1_coherence, abs=1e-10
    )


def test_oscillator_unit_truncation_too_small_is_reported():
    m = _model(unit=ac.Oscillator(1.0, 5), temperature=1.0, cluster_size=1)
    with pytest.raises(TruncationError, match="dim=5"):
        m.steady_state(method="master_equation")


@pytest.mark.parametrize(
    ("initial", "match"),
    [
        (np.eye(2), "trace 1"),
        (np.array([[1.5, 0], [0, -0.5]]), "positive semidefinite"),
        (np.array([[0.5, 0.5], [0.0, 0.5]]), "Hermitian"),
        (np.eye(3) / 3, "2x2"),
    ],
)
def test_bad_initial_state(initial, match):
    with pytest.raises(ParameterError, match=match):
        _model().evolve([0.0, 1.0], initial=initial)


@pytest.mark.parametrize("times", [[-1.0, 0.0], [], [[0.0, 1.0]], [0.0, float("nan")]])
def test_bad_times(times):
    with pytest.raises(ParameterError, match="times must be"):
        _model().evolve(times)


def test_t_zero_and_infinity_are_exact():
    s0 = _model(temperature=0.0).steady_state(method="master_equation")
    sinf = _model(temperature=math.inf).steady_state(method="collisions")
    assert np.isfinite(s0.rho).all()
    assert sinf.l1_coherence == pytest.approx(0.0, abs=1e-12)
    assert sinf.purity == pytest.approx(0.5, abs=1e-12)


def test_evolve_e_ops_labels_and_netcdf_round_trip(tmp_path):
    """evolve(e_ops=...) gives tr(Oρ(t)) of the returned states; every variable is labelled and
    the complex trajectory survives a netCDF round trip (issue 12)."""
    m = ac.CollisionModel(
        target=ac.Qubit(1.0),
        unit=ac.Qubit(1.0),
        coupling=ac.Composite(0.3, 0.6),
        temperature=0.5,
        tau=0.05,
    )
    sz = np.diag([1.0, -1.0])
    ds = m.evolve(np.linspace(0, 2, 5), qutip.basis(2, 0), e_ops=[sz, qutip.sigmax()])
    np.testing.assert_allclose(ds.expect.sel(e_op=0), ds.sz, atol=1e-14)
    np.testing.assert_allclose(ds.expect.sel(e_op=1), ds.sx, atol=1e-14)
    assert float(ds.sz[0]) == pytest.approx(1.0, abs=1e-15)  # the ket |e⟩ was the initial state
    for name in [*ds.data_vars, *ds.coords]:
        assert {"long_name", "units"} <= set(ds[name].attrs), name
    back = ac.read_netcdf(ac.write_netcdf(ds, tmp_path / "traj.nc"))
    xr.testing.assert_identical(back, ds)


def test_kets_are_states_and_results_convert_to_qutip():
    m = ac.CollisionModel(
        target=ac.Qubit(1.0), unit=ac.Qubit(1.0), coupling=ac.Composite(0.3, 0.6), temperature=0.5
    )
    ket = qutip.basis(2, 0)  # |e⟩
    by_ket, by_rho = m.thermodynamics(ket), m.thermodynamics(ket.proj())
    assert by_ket.heat_rate == by_rho.heat_rate
    assert m.thermodynamics(np.array([1.0, 0.0])).work_rate == by_rho.work_rate
    s = m.steady_state()
    assert (s.to_qutip() - qutip.Qobj(s.rho)).norm() == 0
    assert np.array_equal(m.transient_peak().to_qutip().full(), m.transient_peak().rho)

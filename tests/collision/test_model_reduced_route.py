"""CollisionModel dispatch to the symmetry-reduced exact collisions (issue 4).

``method="collisions"`` uses the total-spin sectors for qubit units and one collective mode
for oscillator units coupled linearly; ``dense=True`` forces the whole target ⊗ cluster space.
Both must give the same state (exact ↔ exact: 1e-10).
"""

import math

import numpy as np
import pytest
import xarray as xr
from typer.testing import CliRunner

import autocoherence as ac
from autocoherence.cli import app
from autocoherence.errors import MethodNotApplicableError

F2 = 0.6
F1 = F2 / math.sqrt(2)


def _model(**kw):
    base = {
        "target": ac.Qubit(1.0),
        "unit": ac.Qubit(1.0),
        "coupling": ac.Composite(F1, F2),
        "temperature": 0.5,
        "cluster_size": 6,
        "tau": 0.051,
    }
    return ac.CollisionModel(**(base | kw))


@pytest.mark.parametrize("rwa", [True, False])
def test_collisions_use_spin_sectors_and_equal_the_dense_route(rwa):
    m = _model(coupling=ac.Composite(F1, F2, rwa=rwa))
    reduced = m.steady_state(method="collisions")
    dense = m.steady_state(method="collisions", dense=True)
    assert reduced.info["collision_route"] == "spin_sectors"
    assert dense.info["collision_route"] == "dense"
    assert np.abs(reduced.rho - dense.rho).max() < 1e-10
    assert reduced.info["error_bound"] < 1e-10
    assert np.abs(m.channel() - m.channel(dense=True)).max() < 1e-10


def test_large_clusters_run_exactly():
    s = _model(cluster_size=1000, temperature=0.05).steady_state(method="collisions")
    assert s.info["collision_route"] == "spin_sectors"
    assert s.info["dropped_weight"] <= 1e-14
    assert s.info["error_bound"] < 1e-10
    # N f² τ = 18: far outside the master equation's regime, but a valid state
    assert 0 < s.l1_coherence < 1
    with pytest.raises(MethodNotApplicableError, match="cluster_size=1000"):
        _model(cluster_size=1000).steady_state(method="collisions", dense=True)


def test_evolve_collisions_uses_the_reduced_channel():
    m = _model()
    times = [0.0, 0.51, 5.1]
    red = m.evolve(times, method="collisions")
    den = m.evolve(times, method="collisions", dense=True)
    np.testing.assert_allclose(red.rho.values, den.rho.values, atol=1e-10)


def test_oscillator_clusters_use_one_collective_mode():
    m = _model(
        unit=ac.Oscillator(1.0, 24),
        cluster_size=2,
        temperature=0.3,
        tau=0.1,
        coupling=ac.Composite(0.3, 0.4),
        truncation_tol=1e-9,
    )
    s = m.steady_state(method="collisions")
    assert s.info["collision_route"] == "collective_mode"
    assert s.info["dense_dim"] == 48
    pair = _model(
        unit=ac.Oscillator(1.0, 12),
        cluster_size=2,
        temperature=0.3,
        tau=0.1,
        coupling=ac.Composite(0.3, 0.4),
        truncation_tol=1e-9,
    )
    dense = pair.steady_state(method="collisions", dense=True)
    assert np.abs(s.rho - dense.rho).max() < 1e-8


def test_cli_accepts_large_n_and_draws_beyond_me(tmp_path):
    runner = CliRunner()
    result = runner.invoke(
        app, ["figure", "collision-fig2a", "--out", str(tmp_path), "--n", "1", "32"]
    )
    assert result.exit_code == 0, result.output
    with xr.open_dataset(tmp_path / "collision-fig2a.nc") as back:
        assert 32 in set(back.dot_cluster_size.values)
    result = runner.invoke(app, ["figure", "beyond-me", "--out", str(tmp_path), "--n", "1", "20"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "beyond-me.png").stat().st_size > 0
    listing = runner.invoke(app, ["figure", "--list"])
    assert "beyond-me" in listing.output

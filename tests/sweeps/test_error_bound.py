"""The sweep quantity ``error_bound``: the numerical steady state's accuracy bound."""

import pytest

from autocoherence.errors import MethodNotApplicableError
from autocoherence.sweeps import CollisionFamily, sweep


def test_error_bound_is_the_collision_routes_bound() -> None:
    fam = CollisionFamily(f1=0.6 / 2**0.5, f2=0.6, tau=0.051)
    grid = {"cluster_size": [1, 40], "temperature": [0.1]}
    ds = sweep(fam, grid, ["error_bound"], method="collisions", executor="serial")
    for i, n in enumerate(grid["cluster_size"]):
        state = fam(cluster_size=n, temperature=0.1).steady_state(method="collisions")
        assert ds.error_bound.values[i, 0] == state.info["error_bound"]
    assert float(ds.error_bound.max()) <= 1e-10  # the pruning bound of the sector route
    assert ds.error_bound.attrs["units"] == "1"


def test_error_bound_needs_the_collision_route() -> None:
    fam = CollisionFamily(f1=0.3, f2=0.6, temperature=0.5)
    with pytest.raises(
        MethodNotApplicableError, match=r"error_bound.*method='master_equation' or 'collisions'"
    ):
        sweep(fam, {"cluster_size": [2]}, ["error_bound"], method="closed_form", executor="serial")

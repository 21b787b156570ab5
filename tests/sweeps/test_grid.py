"""Grid axes, points and blocks (autocoherence.sweeps.grid)."""

from __future__ import annotations

import numpy as np
import pytest

from autocoherence.errors import ParameterError
from autocoherence.sweeps.grid import Grid, block_shape


def test_points_follow_c_order_and_keep_python_types():
    g = Grid.from_mapping({"temperature": np.array([0.5, 1.0]), "cluster_size": [1, 2, 8]})
    assert g.names == ("temperature", "cluster_size")
    assert g.shape == (2, 3)
    assert g.size == 6
    point = g.point(4)
    assert point == {"temperature": 1.0, "cluster_size": 2}
    assert type(point["cluster_size"]) is int
    assert type(point["temperature"]) is float
    arrays = g.points([0, 4, 5])
    np.testing.assert_array_equal(arrays["temperature"], [0.5, 1.0, 1.0])
    np.testing.assert_array_equal(arrays["cluster_size"], [1, 2, 8])
    assert g.to_lists() == {"temperature": [0.5, 1.0], "cluster_size": [1, 2, 8]}


@pytest.mark.parametrize(
    ("shape", "chunk", "expected"),
    [
        ((200, 4), 64, (16, 4)),
        ((3, 5, 7), 1000, (3, 5, 7)),
        ((10, 10), 1, (1, 1)),
        ((4, 6, 5), 12, (1, 2, 5)),
        ((7,), 3, (3,)),
    ],
)
def test_block_shape_takes_trailing_axes_first(shape, chunk, expected):
    assert block_shape(shape, chunk) == expected
    assert np.prod(expected) <= max(chunk, 1)


def test_blocks_cover_every_point_exactly_once():
    g = Grid.from_mapping({"a": np.arange(5), "b": np.linspace(0, 1, 7), "c": [0.1, 0.2, 0.3]})
    seen = np.concatenate([g.block_indices(b) for b in g.blocks(block_shape(g.shape, 10))])
    assert seen.size == g.size
    np.testing.assert_array_equal(np.sort(seen), np.arange(g.size))


def test_block_indices_are_the_grid_flat_indices():
    g = Grid.from_mapping({"a": np.arange(4), "b": np.arange(6)})
    block = (slice(1, 3), slice(2, 5))
    expected = [np.ravel_multi_index((i, j), g.shape) for i in (1, 2) for j in (2, 3, 4)]
    np.testing.assert_array_equal(g.block_indices(block), expected)


@pytest.mark.parametrize(
    ("grid", "error", "match"),
    [
        ({}, ParameterError, "at least one axis"),
        ({"2x": [1.0]}, ParameterError, "identifiers"),
        ({"lambda": [1.0]}, ParameterError, "identifiers"),
        ({"t": [[1.0, 2.0]]}, ParameterError, "1-D"),
        ({"t": 0.5}, ParameterError, "1-D"),
        ({"t": []}, ParameterError, "empty"),
        ({"t": [0.1, float("nan")]}, ParameterError, "NaN"),
        ({"t": ["a", "b"]}, TypeError, "integers or real numbers"),
        ({"t": [True, False]}, TypeError, "integers or real numbers"),
        ({"t": [1j, 2j]}, TypeError, "integers or real numbers"),
        ({"t": [0.1, 0.1]}, ParameterError, "repeated"),
    ],
)
def test_bad_axes_are_refused_with_the_axis_name(grid, error, match):
    with pytest.raises(error, match=match):
        Grid.from_mapping(grid)


def test_grid_must_be_a_mapping():
    with pytest.raises(TypeError, match="grid must map"):
        Grid.from_mapping([("t", [1.0])])  # type: ignore[arg-type]


@pytest.mark.parametrize("chunk", [0, -3, 2.5, True])
def test_block_shape_refuses_bad_chunk_points(chunk):
    with pytest.raises(ParameterError, match="chunk_points"):
        block_shape((3, 3), chunk)

"""Array aliases used in type hints."""

from __future__ import annotations

from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt

__all__ = ["ComplexArray", "FloatArray", "OperatorLike"]

ComplexArray: TypeAlias = npt.NDArray[np.complex128]
FloatArray: TypeAlias = npt.NDArray[np.float64]
#: A square matrix given as a numpy array or a ``qutip.Qobj``.
OperatorLike: TypeAlias = Any

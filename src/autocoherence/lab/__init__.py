"""From lab numbers to predictions: units, device presets, the optimiser and ``predict``.

* :class:`Lab` (:mod:`~autocoherence.lab.units`): GHz, mK, ns to the model's ħ = k_B = 1
  numbers and back;
* :mod:`~autocoherence.lab.devices`: transmon + TLS defects, trapped ion, double quantum dot;
* :func:`maximize_coherence`, :func:`pareto_front` (:mod:`~autocoherence.lab.optimize`);
* :func:`~autocoherence.lab.predict.predict` (:mod:`~autocoherence.lab.predict`): a device
  description (TOML) to numbers in lab units.
"""

from autocoherence.lab.optimize import Optimum, maximize_coherence, pareto_front
from autocoherence.lab.units import Lab, annotate

__all__ = ["Lab", "Optimum", "annotate", "maximize_coherence", "pareto_front"]

"""Test-suite settings: hypothesis draws the same examples on every CI run.

Under ``CI=true`` (the project's ``.ci/run``) the property tests are derandomized, so a CI
result is reproducible; locally they explore new examples each run.
"""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI", "").lower() == "true":
    settings.load_profile("ci")

"""Settings for every test: a string key that exists nowhere raises instead of showing on screen.

``HUABEI_STRICT_STRINGS`` is set in the environment, so child processes (the CLI run as a program) inherit it.
"""

from __future__ import annotations

import os

os.environ["HUABEI_STRICT_STRINGS"] = "1"

"""Settings for every test: strings are strict, and the config folder is a fresh one under ``tmp_path``.

``HUABEI_STRICT_STRINGS`` makes a string key that exists nowhere raise instead of showing on screen; it is set in
the environment, so child processes (the CLI run as a program) inherit it. ``HUABEI_CONFIG_DIR`` points every
test at its own empty config folder, so neither the developer's ``keys.toml`` or remembered language can change
what a test sees, nor can a test write there.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ["HUABEI_STRICT_STRINGS"] = "1"


@pytest.fixture(autouse=True)
def config_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("HUABEI_CONFIG_DIR", str(folder))
    return folder

"""Constants shared by the CLI tests; the runner and the clean environment are in ``support.huabei_cli``."""

TODAY = "2025-09-01"

"""huabei-tui: keep an Alipay Huabei (花呗) credit line clean now that it reports to the PBOC credit system."""

__version__ = "0.1.0"

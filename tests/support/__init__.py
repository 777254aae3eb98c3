"""Helpers shared by several test folders (importable as ``support``: pyproject puts ``tests`` on the path)."""

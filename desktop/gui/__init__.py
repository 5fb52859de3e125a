"""The PySide6 layer: draws the core's models and calls the core's operations.

Nothing outside this subpackage imports Qt (checked by import-linter and by
tests/test_core_without_qt.py).
"""

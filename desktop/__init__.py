"""Article Review: desktop review of news articles with spaCy, SQLite and Qt.

The package is split in two: the Qt-free core (every module directly under
``desktop``) and the thin PySide6 layer in ``desktop.gui``.
"""

__version__ = "0.1.0"

"""The core imports and runs with Qt and pyqtgraph blocked (STYLE.md, convention 1)."""

import subprocess
import sys
import textwrap

import pkgutil

import desktop

CORE = sorted(
    f"desktop.{m.name}" for m in pkgutil.iter_modules(desktop.__path__) if m.name not in ("gui", "__main__")
)


def test_core_imports_with_qt_blocked():
    code = textwrap.dedent(
        f"""
        import sys
        for name in ("PySide6", "shiboken6", "pyqtgraph"):
            sys.modules[name] = None
        import importlib
        for module in {CORE!r}:
            importlib.import_module(module)
        from desktop.store import open_db
        open_db(":memory:")
        print("ok", len({CORE!r}))
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok")
    assert "desktop.store" in CORE and "desktop.cli" in CORE


def test_every_core_module_imports_first():
    """No import cycle that only some import orders survive (a spawned ingest worker imports desktop.ingest first)."""
    code = textwrap.dedent(
        f"""
        import importlib, sys
        for module in {CORE!r}:
            for name in [n for n in sys.modules if n == "desktop" or n.startswith("desktop.")]:
                del sys.modules[name]
            importlib.import_module(module)
        print("ok")
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

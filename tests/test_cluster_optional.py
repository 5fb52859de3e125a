"""Issue 16: dask, distributed and pyarrow are optional; the app and every other command run without them."""

import subprocess
import sys
import textwrap


def test_the_app_runs_without_dask_and_says_how_to_get_it(tmp_path):
    code = textwrap.dedent(
        f"""
        import sys
        for name in ("dask", "distributed", "pyarrow", "fsspec"):
            sys.modules[name] = None
        import importlib
        for module in ("desktop.cli", "desktop.cli.ingest", "desktop.cli.cluster", "desktop.ingest",
                       "desktop.cluster", "desktop.cluster.engine", "desktop.cluster.annotate",
                       "desktop.cluster.load", "desktop.cluster.parts", "desktop.cluster.where"):
            importlib.import_module(module)
        from desktop.cli import build_parser
        assert {{"annotate", "ingest"}} <= set(build_parser().get_default("_commands"))
        from desktop.ingest import IngestError, ingest
        try:
            list(ingest("resources/samples", {str(tmp_path / "p.sqlite")!r}, model="blank:en", engine="dask"))
        except IngestError as exc:
            print(exc)
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(
        __import__("pathlib").Path(__file__).resolve().parent.parent))
    assert result.returncode == 0, result.stderr
    assert "the dask engine needs dask" in result.stdout and "requirements/cluster.lock" in result.stdout

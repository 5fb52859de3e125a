"""Entry point of the frozen build: the ``article-review`` command."""

import multiprocessing
import sys

if __name__ == "__main__":
    # Ingest workers use the "spawn" context: in a frozen app each child re-runs this
    # executable, and freeze_support() turns that run into the worker instead of the CLI.
    multiprocessing.freeze_support()
    from desktop.cli import main

    sys.exit(main())

"""Past one machine: pre-annotate a folder on a Dask cluster into Parquet, bring it into a project.

>>> for step in annotate("corpus/", "annotations/", engine="dask", workers=2):  # doctest: +SKIP
...     print(step.done, step.total, step.message)
>>> for step in ingest_from("annotations/", "project.sqlite"):  # doctest: +SKIP
...     pass

- :mod:`desktop.cluster.engine`: what runs :class:`desktop.analysis.Analyser` on chunks of
  articles (this process, a pool of processes, or the workers of a Dask cluster); ``ingest
  --engine dask`` runs its task loop on it.
- :mod:`desktop.cluster.parts`: the Parquet layout of ``annotate``'s output (schema, manifest,
  parts written atomically, read back).
- :mod:`desktop.cluster.annotate`: ``annotate FOLDER -o DIR``, idempotent and restartable.
- :mod:`desktop.cluster.load`: ``ingest --from DIR [--where EXPR]``, with ingest's rules.
- :mod:`desktop.cluster.where`: the selection language of ``--where``.

Qt-free. Dask, distributed and pyarrow are imported only when these run, so the desktop app
(which is built without them) never needs them.
"""

from __future__ import annotations


class ClusterError(Exception):
    """An annotate or ingest --from that cannot start or go on: the message says why."""


def annotate(*args, **kwargs):
    """:func:`desktop.cluster.annotate.annotate` (imported when called)."""
    from desktop.cluster.annotate import annotate as run

    return run(*args, **kwargs)


def ingest_from(*args, **kwargs):
    """:func:`desktop.cluster.load.ingest_from` (imported when called)."""
    from desktop.cluster.load import ingest_from as run

    return run(*args, **kwargs)


__all__ = ["ClusterError", "annotate", "ingest_from"]

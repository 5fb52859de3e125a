"""Run an ``article-review`` subcommand in a child process, line by line, cancellable.

>>> child = CommandProcess(["train", "--db", "p.sqlite", "--progress", "jsonl"])  # doctest: +SKIP
>>> child.line.connect(print); child.start()                                       # doctest: +SKIP

Training loads a second spaCy pipeline and keeps both cores busy for minutes:
in its own process it can neither stall the window nor take it down. Cancel
sends SIGTERM, which the commands turn into a stop between batches (nothing
half-written); a child still running after ``KILL_AFTER_MS`` is killed.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QTimer, Signal

KILL_AFTER_MS = 15_000


def command_line(args: list[str]) -> tuple[str, list[str]]:
    """Program and arguments that run ``article-review ARGS`` as this process runs (frozen build or Python)."""
    if getattr(sys, "frozen", False):  # the one-folder build's executable is the command itself
        return sys.executable, list(args)
    return sys.executable, ["-m", "desktop", *args]


class CommandProcess(QObject):
    """A child ``article-review`` run: ``line`` per stdout line, ``error_line`` per stderr line, then ``done``."""

    line = Signal(str)
    error_line = Signal(str)
    done = Signal(int, bool)  # exit code, cancelled

    def __init__(self, args: list[str], parent: QObject | None = None):
        super().__init__(parent)
        self.args = list(args)
        self.cancelled = False
        self.stderr_tail: list[str] = []
        self._buffers = {"out": b"", "err": b""}
        self.process = QProcess(self)
        environment = QProcessEnvironment.systemEnvironment()
        environment.insert("PYTHONUNBUFFERED", "1")
        if "PYTHONPATH" not in os.environ and not getattr(sys, "frozen", False):
            # Run the same package as the window (a source checkout is not always installed).
            environment.insert("PYTHONPATH", os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
        self.process.setProcessEnvironment(environment)
        self.process.readyReadStandardOutput.connect(self._on_stdout)
        self.process.readyReadStandardError.connect(self._on_stderr)
        self.process.finished.connect(self._on_finished)
        self.process.errorOccurred.connect(self._on_error)
        self._kill_timer = QTimer(self, singleShot=True, interval=KILL_AFTER_MS)
        self._kill_timer.timeout.connect(self.process.kill)

    def start(self) -> None:
        program, arguments = command_line(self.args)
        self.process.start(program, arguments)

    def is_running(self) -> bool:
        return self.process.state() != QProcess.NotRunning

    def cancel(self) -> None:
        """Ask the child to stop (SIGTERM), kill it if it has not after a while."""
        if not self.is_running():
            return
        self.cancelled = True
        self.process.terminate()
        self._kill_timer.start()

    def wait(self, msecs: int = 30_000) -> bool:
        return self.process.waitForFinished(msecs)

    def _lines(self, key: str, data: bytes) -> list[str]:
        buffered = self._buffers[key] + data
        *complete, self._buffers[key] = buffered.split(b"\n")
        return [raw.decode("utf-8", "replace").rstrip("\r") for raw in complete]

    def _on_stdout(self) -> None:
        for text in self._lines("out", bytes(self.process.readAllStandardOutput())):
            if text.strip():
                self.line.emit(text)

    def _on_stderr(self) -> None:
        for text in self._lines("err", bytes(self.process.readAllStandardError())):
            if text.strip():
                self.stderr_tail = (self.stderr_tail + [text])[-20:]
                self.error_line.emit(text)

    def _on_finished(self, exit_code: int, _status) -> None:
        self._kill_timer.stop()
        for key, signal in (("out", self.line), ("err", self.error_line)):
            rest = self._buffers[key].decode("utf-8", "replace").strip()
            self._buffers[key] = b""
            if rest:
                if key == "err":
                    self.stderr_tail.append(rest)
                signal.emit(rest)
        self.done.emit(int(exit_code), self.cancelled)

    def _on_error(self, error) -> None:
        if error == QProcess.FailedToStart:
            self.stderr_tail.append(f"could not start {command_line(self.args)[0]}")
            self.done.emit(-1, self.cancelled)

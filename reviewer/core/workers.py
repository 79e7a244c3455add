"""Worker processes for scoring, spawned (never forked) and ending with their parent."""

from __future__ import annotations

import functools
import multiprocessing
import multiprocessing.connection
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any, TypeVar, cast

T = TypeVar("T")


def _exit_with_parent() -> None:
    """Pool initializer: end this worker as soon as the process that started it ends.

    A pool's workers otherwise outlive a parent that crashed or was killed, idle but
    holding its pipes open (and a terminal or a test runner waiting on them).
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` spawned processes (forking a process that runs Qt is unsafe)."""
    return ProcessPoolExecutor(max_workers=workers,
                               mp_context=multiprocessing.get_context("spawn"),
                               initializer=_exit_with_parent)


def _serve(channel: multiprocessing.connection.Connection) -> None:
    """A ``StoppableWorker``'s process: run each ``(function, args)`` sent, send the result."""
    _exit_with_parent()
    while True:
        try:
            function, args = channel.recv()
        except (EOFError, OSError):
            return
        try:
            result: tuple[str, object] = ("ok", function(*args))
        except Exception as error:  # noqa: BLE001 - the caller decides what a failure means
            result = ("error", error)
        channel.send(result)


class WorkerTimeoutError(Exception):
    """A job ran past its time limit; its process was stopped."""


class StoppableWorker:
    """One spawned process that runs one job at a time and can be stopped mid-job.

    A pool cannot stop a running job (sacrebleu's TER runs for minutes on some inputs);
    this stops the process instead and starts a fresh one for the next job.
    """

    def __init__(self) -> None:
        self._process: multiprocessing.process.BaseProcess | None = None
        self._channel: multiprocessing.connection.Connection | None = None
        self._lock = threading.Lock()

    def call(self, function: Callable[..., T], *args: object,
             timeout: float | None = None) -> T:
        """``function(*args)`` in the worker; ``WorkerTimeoutError`` (and a stopped process) when
        it takes longer than ``timeout`` seconds, counting the process's start-up."""
        with self._lock:
            deadline = None if timeout is None else time.monotonic() + timeout
            channel = self._start()
            try:
                channel.send((function, args))
                remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
                if not channel.poll(remaining):
                    raise WorkerTimeoutError(f"no result within {timeout} s")
                kind, value = channel.recv()
            except BaseException:
                self._stop()
                raise
        if kind == "error":
            assert isinstance(value, BaseException)
            raise value
        return cast(T, value)

    def stop(self) -> None:
        """End the process now, whatever it is doing (a waiting ``call`` raises)."""
        self._stop()

    def _start(self) -> multiprocessing.connection.Connection:
        if self._process is not None and self._process.is_alive() and self._channel is not None:
            return self._channel
        self._stop()
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        process = context.Process(target=_serve, args=(child,), name="reviewer-scoring",
                                  daemon=True)
        process.start()
        child.close()
        self._process, self._channel = process, parent
        return parent

    def _stop(self) -> None:
        process, channel = self._process, self._channel
        self._process, self._channel = None, None
        if process is not None and process.is_alive():
            process.kill()
            process.join(5)
        if channel is not None:
            channel.close()


class StoppableExecutor(Executor):
    """A one-process executor whose ``shutdown`` stops the job in progress.

    A ``ProcessPoolExecutor`` would finish it first, and the interpreter waits for that at
    exit (minutes, for some TER inputs). Each job is waited for by a daemon thread, so
    nothing here holds up the exit either.
    """

    def __init__(self) -> None:
        self._worker = StoppableWorker()
        self._closed = False

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        if self._closed:
            raise RuntimeError("cannot submit after shutdown")
        future: Future[T] = Future()
        future.set_running_or_notify_cancel()

        def run() -> None:
            try:
                result = self._worker.call(functools.partial(fn, **kwargs) if kwargs else fn,
                                           *args)
            except BaseException as error:  # noqa: BLE001 - handed to whoever waits
                future.set_exception(error)
            else:
                future.set_result(result)

        threading.Thread(target=run, name="reviewer-scoring-wait", daemon=True).start()
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._closed = True
        self._worker.stop()

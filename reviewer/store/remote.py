"""A project store kept in a process of its own, for the window.

SQLite's locks are POSIX locks, which belong to a process and are all dropped when any
code in that process closes any descriptor of the file (Qt's file dialogs and mime
sniffing do). A process that holds them must run nothing but the store: the window talks
to this one through a pipe, so nothing it opens or closes can cost a confirmed edit.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import multiprocessing.process
import os
import sys
import threading
from contextlib import suppress
from pathlib import Path
from typing import Any

from reviewer.core.errors import ReviewerError
from reviewer.core.workers import _exit_with_parent
from reviewer.store.project import ProjectStore

_ATTRIBUTES = ("path", "read_only")


def _serve(channel: multiprocessing.connection.Connection, path: str, read_only: bool,
           program: str) -> None:
    """The store process: open the project, then answer calls until told to close."""
    _exit_with_parent()  # even when the window is killed: all confirmed is committed
    try:
        store = ProjectStore.open(path, read_only=read_only, program=program,
                                  owner_pid=os.getppid())
    except BaseException as error:  # noqa: BLE001 - every failure goes back to the window
        channel.send(("error", _portable(error)))
        return
    channel.send(("ok", {name: getattr(store, name) for name in _ATTRIBUTES}))
    try:
        while True:
            try:
                name, args, kwargs = channel.recv()
            except EOFError:
                break
            if name == "close":
                break
            try:
                channel.send(("ok", getattr(store, name)(*args, **kwargs)))
            except Exception as error:  # noqa: BLE001
                channel.send(("error", _portable(error)))
    finally:
        store.close()
    with suppress(OSError):  # unless the window went away first
        channel.send(("ok", None))


def _portable(error: BaseException) -> BaseException:
    """The error itself if it survives pickling, else a ReviewerError with its message."""
    import pickle

    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # noqa: BLE001
        return ReviewerError(str(error))
    return error


_Started = tuple[multiprocessing.connection.Connection, multiprocessing.process.BaseProcess]
_prestarted: dict[tuple[str, bool, str], _Started] = {}


def _spawn(path: str | os.PathLike[str], read_only: bool, program: str) -> _Started:
    """A store process on ``path`` (its pipe's end and the process), not waited for."""
    context = multiprocessing.get_context("spawn")
    channel, child = context.Pipe()
    process = context.Process(target=_serve, name="reviewer-store", daemon=True,
                              args=(child, os.fspath(path), read_only, program))
    main = sys.modules["__main__"]
    # spawn would run the program's main module again in the child before serving (the
    # console script imports the whole CLI, a test run pytest): the store needs none of it
    hidden: dict[str, Any] = {name: main.__dict__[name] for name in ("__file__", "__spec__")
              if name in main.__dict__}
    main.__dict__.pop("__file__", None)
    main.__spec__ = None
    try:
        process.start()
    finally:
        main.__dict__.update(hidden)
    child.close()
    return channel, process


def prestart(path: str | os.PathLike[str], read_only: bool = False,
             program: str = "reviewer") -> None:
    """Start the store process on ``path`` now, so that it opens the project while the
    window is being built; the next ``RemoteStore`` on the same path takes it over."""
    key = (os.fspath(path), read_only, program)
    if key not in _prestarted:
        _prestarted[key] = _spawn(path, read_only, program)


def _started(path: str | os.PathLike[str], read_only: bool, program: str) -> _Started:
    started = _prestarted.pop((os.fspath(path), read_only, program), None)
    return started if started is not None else _spawn(path, read_only, program)


class _TurnLock:
    """A lock taken in the order it was asked for: a thread reading the project in slices
    lets the GUI thread's call in between them (a plain lock may go to the same thread
    again and again)."""

    def __init__(self) -> None:
        self._turns = threading.Condition(threading.Lock())
        self._next = 0  # the ticket the next caller draws
        self._serving = 0  # the ticket whose turn it is

    def __enter__(self) -> None:
        with self._turns:
            ticket = self._next
            self._next += 1
            while ticket != self._serving:
                self._turns.wait()

    def __exit__(self, *exc: object) -> None:
        with self._turns:
            self._serving += 1
            self._turns.notify_all()


class RemoteStore:
    """A ``ProjectStore`` in its own process; every method is called through a pipe."""

    def __init__(self, path: str | os.PathLike[str], read_only: bool = False,
                 program: str = "reviewer") -> None:
        self._channel, self._process = _started(path, read_only, program)
        self._lock = _TurnLock()
        attributes = self._receive()
        self.path: Path = attributes["path"]
        self.read_only: bool = attributes["read_only"]

    def _receive(self) -> Any:
        try:
            kind, value = self._channel.recv()
        except (EOFError, OSError) as error:
            raise ReviewerError("the project's store process ended unexpectedly; "
                                "reopen the project (everything confirmed is saved)") from error
        if kind == "error":
            raise value
        return value

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            try:
                self._channel.send((name, args, kwargs))
            except (OSError, ValueError) as error:
                raise ReviewerError("the project's store process ended unexpectedly; "
                                    "reopen the project (everything confirmed is saved)") \
                    from error
            return self._receive()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda *args, **kwargs: self._call(name, *args, **kwargs)

    def close(self) -> None:
        """Close the project in the store process and wait for it to end."""
        if self._process.is_alive():
            with suppress(ReviewerError):
                self._call("close")
        self._channel.close()
        self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()

    @property
    def pid(self) -> int | None:
        """The store process's id (it alone holds SQLite's locks on the project)."""
        return self._process.pid

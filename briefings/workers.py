"""Worker processes for CPU-heavy work: results come back in the order asked, a bounded number of batches is in
flight, and a worker that dies (killed, segfault) costs only the item it was working on."""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")
START_METHOD = "spawn"  # a clean interpreter per worker: no copy of the parent's threads, locks or database handles
BATCHES_PER_WORKER = 2  # in flight: one being worked on and one waiting, per worker; bounds the memory held
READY_PAUSE = 0.2  # seconds a warm-up task holds its worker, so that the next one goes to another worker
READY_SECONDS = 300.0  # workers not ready by then: the machine is far too busy, or a worker cannot start

_worker: dict[str, Any] = {}  # in a worker process: what `setup` returned, or the exception it raised


def _start_worker(setup: Callable[[], Any], log_level: int) -> None:
    """Run once in each worker: leave Ctrl-C to the parent, log like the parent, then set up (load the model)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.basicConfig(level=log_level, format=f"%(levelname)s %(name)s (worker {os.getpid()}): %(message)s")
    try:
        _worker["state"] = setup()
    except Exception as exc:  # raised again with the first task, so the parent reports it (a missing model)
        _worker["error"] = exc


def _run(work: Callable[[Any, list[T]], list[R]], batch: list[T]) -> list[R]:
    if "error" in _worker:
        raise _worker["error"]
    return work(_worker["state"], batch)


@contextmanager
def _ctrl_c_blocked() -> Iterator[None]:
    """Processes started in here keep Ctrl-C's signal blocked (they inherit the mask), so a Ctrl-C while a worker
    is still starting cannot print its traceback: the parent alone handles it. Pending here, it strikes at the end."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _pid_after_pause() -> int:
    time.sleep(READY_PAUSE)
    return os.getpid()


class WorkerLost(Exception):
    """The worker process handling an item died, twice: once with its batch, once with the item alone."""


class WorkerPool(Generic[T, R]):
    """`workers` spawned processes, each set up once by `setup()` (which must pickle: a module-level function or a
    functools.partial of one); a pool that breaks is started again."""

    def __init__(self, workers: int, setup: Callable[[], Any]):
        if workers < 1:
            raise ValueError(f"workers must be 1 or more, got {workers}")
        try:
            pickle.dumps(setup)
        except Exception as exc:
            raise TypeError(
                f"the worker set-up {setup!r} cannot be sent to worker processes ({exc}); "
                "use a module-level function or a functools.partial of one, not a lambda"
            ) from None
        self.workers, self._setup = workers, setup
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> WorkerPool[T, R]:
        return self

    def __exit__(self, exc_type: object, *_: object) -> None:
        self.close(terminate=exc_type is not None)

    def close(self, terminate: bool = False) -> None:
        """Stop the workers; `terminate` stops them at once, mid-task (after Ctrl-C or an error)."""
        if self._executor is None:
            return
        if terminate:
            self._terminate_workers()
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._executor = None

    def warm_up(self) -> None:
        """Start every worker and wait until each has run its set-up (benchmarks time the work without it)."""
        ready: set[int] = set()
        deadline = time.monotonic() + READY_SECONDS
        while len(ready) < self.workers:
            if time.monotonic() > deadline:
                raise TimeoutError(f"only {len(ready)} of {self.workers} workers started in {READY_SECONDS:g} s")
            futures = [self._submit(_pid_after_pause) for _ in range(self.workers)]
            ready |= {future.result() for future in futures}

    def map_ordered(
        self, work: Callable[[Any, list[T]], list[R]], batches: Iterable[list[T]]
    ) -> Iterator[tuple[T, R | WorkerLost]]:
        """Each item with `work(state, batch)`'s result for it, in the order of the batches; `work` (module-level)
        returns one result per item. An item whose worker died with it alone comes with a WorkerLost instead."""
        batches = iter(batches)
        in_flight: deque[tuple[list[T], Future]] = deque()
        while True:
            while len(in_flight) < self.workers * BATCHES_PER_WORKER and (batch := next(batches, None)) is not None:
                in_flight.append((batch, self._submit(_run, work, batch)))
            if not in_flight:
                return
            batch, future = in_flight[0]
            try:
                results = future.result()
            except BrokenProcessPool:
                log.warning("a worker process died; the files it held are tried again one by one")
                self._discard_broken_pool()
                yield from self._recover(work, in_flight)
                continue
            in_flight.popleft()
            yield from zip(batch, results, strict=True)

    def _recover(
        self, work: Callable[[Any, list[T]], list[R]], in_flight: deque[tuple[list[T], Future]]
    ) -> Iterator[tuple[T, R | WorkerLost]]:
        """The batches in flight when the pool broke: those finished before are kept, the rest run item by item."""
        while in_flight:
            batch, future = in_flight.popleft()
            if future.exception() is None:
                yield from zip(batch, future.result(), strict=True)
                continue
            for item in batch:
                yield item, self._run_alone(work, item)

    def _run_alone(self, work: Callable[[Any, list[T]], list[R]], item: T) -> R | WorkerLost:
        try:
            [result] = self._submit(_run, work, [item]).result()
        except BrokenProcessPool:
            self._discard_broken_pool()
            return WorkerLost()
        return result

    def _submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        """Run fn(*args) in a worker; the pool starts workers as tasks come (with Ctrl-C blocked in them)."""
        with _ctrl_c_blocked():
            if self._executor is None:
                self._executor = ProcessPoolExecutor(
                    max_workers=self.workers,
                    mp_context=multiprocessing.get_context(START_METHOD),
                    initializer=_start_worker,
                    initargs=(self._setup, logging.getLogger().getEffectiveLevel()),
                )
            return self._executor.submit(fn, *args)

    def _discard_broken_pool(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def _terminate_workers(self) -> None:
        """Stop the worker processes now (ProcessPoolExecutor has no public way to before Python 3.14)."""
        processes = getattr(self._executor, "_processes", None) or {}
        for process in list(processes.values()):
            if process.is_alive():
                process.terminate()

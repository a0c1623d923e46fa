"""Where chunks run: this process, a local process pool (``--jobs``) or Dask workers (``--engine dask``).

Every engine runs the same function on the same chunks; each call loads the spaCy
pipeline at most once per process (:func:`kg.nlp.pipeline.cached_pipeline`), writes its
chunk's shard and cache entries itself and returns only entities and counts. At most a
few chunks per worker are in flight, so the corpus is never read ahead into memory.
Results may arrive in any order: everything is sorted when the shards are merged.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import chain, islice
from typing import TypeVar

from kg.nlp.pipeline import cached_pipeline

ENGINES = ("local", "dask")
IN_FLIGHT_PER_WORKER = 2


class EngineError(RuntimeError):
    """The distributed engine cannot be used (not installed, scheduler unreachable ...)."""


Chunk = TypeVar("Chunk")
Result = TypeVar("Result")


def run(
    analyse: Callable[[Chunk], Result],
    chunks: Iterable[Chunk],
    *,
    engine: str = "local",
    jobs: int = 1,
    model: str,
    scheduler: str | None = None,
) -> Iterator[tuple[Chunk, Result]]:
    """``(chunk, analyse(chunk))`` for every chunk, on ``engine``.

    Args:
        analyse: the function a worker runs on one chunk (picklable: a module-level function).
        chunks: the work, consumed lazily.
        engine: ``local`` (this process or a pool of ``jobs`` processes) or ``dask``.
        jobs: local processes (1 runs everything in this process).
        model: the spaCy pipeline each worker loads once when it starts.
        scheduler: the Dask scheduler's address, for ``engine="dask"``.
    """
    if engine == "dask":
        return run_dask(analyse, chunks, scheduler, model)
    chunks = iter(chunks)
    first = list(islice(chunks, 2))
    if jobs <= 1 or len(first) < 2:  # one chunk: starting workers would only cost time
        return run_inline(analyse, chain(first, chunks))
    return run_pool(analyse, chain(first, chunks), jobs, model)


def run_inline(analyse: Callable[[Chunk], Result], chunks: Iterable[Chunk]) -> Iterator[tuple[Chunk, Result]]:
    for chunk in chunks:
        yield chunk, analyse(chunk)


def _preload(model: str) -> None:
    cached_pipeline(model)


def _start_worker(model: str, parent: int) -> None:
    """Pool worker start: die with the build, then load the pipeline.

    A killed build (kill -9, OOM killer) cannot stop its workers, which went on writing cache
    entries and then idled for minutes. On Linux the kernel sends them SIGTERM when the parent
    dies (PR_SET_PDEATHSIG); elsewhere, and for a parent that died before that was set, a
    daemon thread sees the parent change and exits.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True, name="kg-orphan-watch").start()
    _preload(model)


def _exit_when_orphaned(parent: int, every: float = 1.0) -> None:
    while True:
        if os.getppid() != parent:
            os._exit(1)
        time.sleep(every)


def run_pool(
    analyse: Callable[[Chunk], Result], chunks: Iterable[Chunk], jobs: int, model: str
) -> Iterator[tuple[Chunk, Result]]:
    """Chunks on ``jobs`` local processes, each loading the pipeline once when it starts."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(model, os.getpid())) as pool:
        window: deque = deque()
        for chunk in chunks:
            window.append((chunk, pool.submit(analyse, chunk)))
            if len(window) >= jobs * IN_FLIGHT_PER_WORKER:
                done, future = window.popleft()
                yield done, future.result()
        while window:
            done, future = window.popleft()
            yield done, future.result()


def run_dask(
    analyse: Callable[[Chunk], Result], chunks: Iterable[Chunk], scheduler: str | None, model: str
) -> Iterator[tuple[Chunk, Result]]:
    """Chunks on the workers of a Dask scheduler; each worker loads the pipeline once.

    Workers write shards and cache entries to the paths in the chunk, so the output and
    cache directories must be on a file system every worker sees (one machine, NFS ...).
    """
    try:
        from distributed import Client, as_completed
    except ImportError as err:
        raise EngineError("--engine dask needs dask.distributed: pip install 'kg-news[dask]'") from err
    if not scheduler:
        raise EngineError("--engine dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
    try:
        client = Client(scheduler)
    except (OSError, TimeoutError) as err:
        raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from err
    with client:
        client.register_plugin(LoadPipeline(model), name=f"kg-load-pipeline-{model}")
        workers = max(len(client.scheduler_info().get("workers", {})), 1)
        chunks = iter(chunks)
        pending = {}
        queue = as_completed()
        for chunk in islice(chunks, workers * IN_FLIGHT_PER_WORKER):
            future = client.submit(analyse, chunk, pure=False)
            pending[future.key] = chunk
            queue.add(future)
        for future in queue:
            chunk = pending.pop(future.key)
            result = future.result()
            future.release()
            following = next(chunks, None)
            if following is not None:
                new = client.submit(analyse, following, pure=False)
                pending[new.key] = following
                queue.add(new)
            yield chunk, result


def _worker_plugin_base():
    try:
        from distributed.diagnostics.plugin import WorkerPlugin
    except ImportError:  # pragma: no cover - only without the dask extra
        return object
    return WorkerPlugin


class LoadPipeline(_worker_plugin_base()):  # type: ignore[misc]
    """Dask worker plugin: load the spaCy pipeline when the worker joins, once."""

    def __init__(self, model: str) -> None:
        self.model = model

    def setup(self, worker) -> None:
        _preload(self.model)

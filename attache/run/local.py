"""The local engine: the pipeline in N processes on one machine, batches back in input order.

Each worker builds the Pipeline once (in its initializer) and analyses whole batches inside spaCy's
`memory_zone`, so the string store and vocabulary do not grow with the number of articles. The parent
keeps at most `2 * workers` batches in flight (memory stays flat however long the input stream) and
yields results batch by batch in input order, so its caller is the single writer to the store.
With `workers=1` the same code runs in-process, no pool.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import AttacheError, RunError
from ..ingest.article import Article
from ..pipeline import Options, Pipeline
from ..record import Analysis
from .progress import Tally

if TYPE_CHECKING:
    from ..store import Store
    from .parquet import RecordWriter

Result = Analysis | AttacheError
Item = Article | AttacheError

_WORKER: Pipeline | None = None


def _nothing(*_: Any) -> None:
    pass


def default_workers() -> int:
    """The cores this process may run on (the default of `attache ingest --workers`)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def analyze_batch(pipeline: Pipeline, articles: list[Article]) -> list[Result]:
    """Records (or errors) of `articles` in order, the Docs freed with their strings when done.

    Failures follow the pipeline's one policy (`Pipeline.pipe`): one article failing costs that article only.
    """
    with pipeline.nlp.memory_zone():
        return list(pipeline.pipe(articles, batch_size=len(articles) or 1, on_error="return"))


def analyze_items(pipeline: Pipeline, items: list[Item]) -> list[Result]:
    """Records (or errors) of a batch of read items, in order: reader errors stay in their place."""
    return _merge(items, analyze_batch(pipeline, _articles(items)))


class LocalRunner:
    """Run a pipeline over a stream of articles with `workers` processes; results per batch, in order."""

    def __init__(self, options: Options | None = None, workers: int = 1, batch_size: int | None = None,
                 pipeline: Pipeline | None = None) -> None:
        self.options = pipeline.options if pipeline else options or Options()
        self.workers = max(1, workers)
        self.batch_size = batch_size or self.options.batch_size
        self._pipeline = pipeline
        self._executor: ProcessPoolExecutor | None = None

    @property
    def pipeline(self) -> Pipeline:
        """The in-process pipeline (workers=1), built on first use."""
        if self._pipeline is None:
            self._pipeline = Pipeline(self.options)
        return self._pipeline

    def run(self, items: Iterable[Item]) -> Iterator[list[Result]]:
        """For each batch of the input, its records and errors in input order (reader errors in place)."""
        batches = _batches(items, self.batch_size)
        if self.workers == 1:
            for batch in batches:
                yield analyze_items(self.pipeline, batch)
            return
        yield from self._run_pool(batches)

    def _run_pool(self, batches: Iterator[list[Item]]) -> Iterator[list[Result]]:
        first = next(batches, None)
        second = next(batches, None) if first is not None else None
        if first is None or second is None:  # one batch: starting workers would cost more than it saves
            if first is not None:
                yield analyze_items(self.pipeline, first)
            return
        batches = itertools.chain([first, second], batches)
        pending: deque[_InFlight] = deque()
        limit = 2 * self.workers
        try:
            for batch in batches:
                pending.append(self._submit(batch))
                while len(pending) >= limit:
                    yield self._collect(pending)
            while pending:
                yield self._collect(pending)
            # Every batch is in: wait for the workers to stop. Leaving them to stop in the background
            # races Python's exit hook (an "OSError: Bad file descriptor" traceback on Python 3.11).
            self.close()
        finally:
            self.close(cancel=True)

    def _submit(self, batch: list[Item]) -> _InFlight:
        articles = _articles(batch)
        if not articles:
            return _InFlight(batch)
        if self._executor is None:
            context = multiprocessing.get_context("spawn")
            self._executor = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_init_worker,
                                                 initargs=(self.options, os.getpid()))
        try:
            return _InFlight(batch, self._executor, self._executor.submit(_work, articles))
        except BrokenProcessPool:  # a worker died since the last batch went in: a new pool takes this one
            self.close()
            return self._submit(batch)

    def _collect(self, pending: deque[_InFlight]) -> list[Result]:
        oldest = pending.popleft()
        if oldest.future is None:
            return _merge(oldest.batch, [])
        try:
            return _merge(oldest.batch, oldest.future.result())
        except BrokenProcessPool as exc:
            # A worker died (killed, out of memory, a crash in native code): the oldest batch of its pool
            # fails, the others that pool held go again to a new one.
            if oldest.pool is self._executor:
                self.close()
            reason = str(exc) or "the process pool broke"
            failed: list[Result] = [RunError("E022", path=a.origin, reason=reason) for a in _articles(oldest.batch)]
            for i, other in enumerate(list(pending)):
                if other.pool is oldest.pool:
                    pending[i] = self._submit(other.batch)
            return _merge(oldest.batch, failed)

    def ingest(self, items: Iterable[Item], store: Store, tally: Tally, force: bool = False,
               writer: RecordWriter | None = None, advance: Callable[[int], None] = _nothing,
               on_record: Callable[[Analysis], None] = _nothing) -> Tally:
        """Read -> skip stored -> analyse -> store (and write): the local engine's whole ingest run.

        Articles already in `store` are skipped (counted in `tally`) unless `force`; each batch goes into the
        store in one transaction and, with a `writer`, to Parquet. `advance(n)` reports progress (skipped
        articles, then each batch), `on_record` each stored record (the CLI prints its warnings)."""
        def fresh() -> Iterator[Item]:
            for item in items:
                if isinstance(item, Article) and not force and store.has(item.record_id()):
                    tally.skipped += 1
                    advance(1)
                    continue
                yield item

        for batch in self.run(fresh()):
            records = [item for item in batch if isinstance(item, Analysis)]
            store.bulk_load(records)
            if writer:
                writer.write(batch)
            for item in batch:
                tally.add(item)
            for record in records:
                on_record(record)
            advance(len(batch))
        return tally

    def close(self, cancel: bool = False) -> None:
        """Stop the worker processes (after their current batch)."""
        if self._executor is not None:
            self._executor.shutdown(wait=not cancel, cancel_futures=cancel)
            self._executor = None

    def __enter__(self) -> LocalRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(cancel=True)


class _InFlight(NamedTuple):
    """A batch handed to a pool (none when it holds reader errors only) and its future."""

    batch: list[Item]
    pool: ProcessPoolExecutor | None = None
    future: Future[list[Result]] | None = None


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    n_articles = 0
    for item in items:
        batch.append(item)
        if isinstance(item, Article):
            n_articles += 1
        if n_articles >= size:
            yield batch
            batch, n_articles = [], 0
    if batch:
        yield batch


def _articles(batch: list[Item]) -> list[Article]:
    return [item for item in batch if isinstance(item, Article)]


def _merge(batch: list[Item], results: list[Result]) -> list[Result]:
    """Put the analysed articles' results back among the batch's reader errors, in input order."""
    done = iter(results)
    return [item if isinstance(item, AttacheError) else next(done) for item in batch]


def _init_worker(options: Options, parent: int) -> None:
    """Build the pipeline once per worker; leave Ctrl-C to the parent; exit if the parent dies."""
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER = Pipeline(options)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    """A worker orphaned by a killed parent (SIGKILL) would otherwise wait for work forever."""
    import time

    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _work(articles: list[Article]) -> list[Result]:
    assert _WORKER is not None
    return analyze_batch(_WORKER, articles)

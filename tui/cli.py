"""The `parallax` command: open the app, index a corpus, describe it, show an article."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from . import __version__, output
from .model import ENTITY_KINDS, CorpusError, NotFound, article_labels, corpus_root, story_of
from .paths import bundled_corpus
from .preprocess.parse import ModelMissing
from .untrusted import shown

if TYPE_CHECKING:
    from .preprocess.corpus import Corpus

COMMANDS = ("index", "info", "show", "stories", "entities", "align", "diff", "quotes", "facts", "contrast", "report",
            "serve")
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class UsageError(Exception):
    """Bad arguments or an unusable corpus: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cache-dir", metavar="DIR",
                   help="where parsed articles are cached (default: $PARALLAX_CACHE_DIR or the user cache directory)")


def build_parser() -> dict[str, argparse.ArgumentParser]:
    top = _Parser(
        prog="parallax",
        description="See how different news outlets tell the same story.",
        epilog="Commands: index, info, show, stories, entities, align, diff, quotes, facts, contrast, report, serve "
               "(parallax COMMAND --help). "
               "With no command, opens the app.",
    )
    top.add_argument("corpus", nargs="?", metavar="CORPUS", help="corpus folder (default: the bundled corpus)")
    top.add_argument("--version", action="version", version=f"parallax {__version__}")
    _common(top)

    index = _Parser(prog="parallax index", description="Parse every article of a corpus into the cache.")
    index.add_argument("corpus", nargs="?", metavar="CORPUS", help="corpus folder (default: the bundled corpus)")
    index.add_argument("--jobs", "-j", type=_positive_int, metavar="N",
                       help="processes to parse with (default: both cores when there is enough to parse)")
    index.add_argument("--force", action="store_true", help="re-parse every article, ignoring the cache")
    index.add_argument("--dask", metavar="SCHEDULER",
                       help="parse on a Dask cluster: a scheduler's address (tcp://host:8786), or local:N for N "
                            "workers on this machine (needs pip install 'parallax-news[dask]')")
    index.add_argument("--workers-read", action="store_true",
                       help="with --dask, the workers read the files themselves (a filesystem they share with this "
                            "machine) instead of being sent the text")
    _story_option(index)
    _common(index)

    info = _Parser(prog="parallax info", description="Describe a corpus: articles, stories, outlets, words, cache.")
    info.add_argument("corpus", nargs="?", metavar="CORPUS", help="corpus folder (default: the bundled corpus)")
    info.add_argument("--json", action="store_true",
                      help="print JSON: the same figures (with --story: story, name, articles, cached, to_parse, "
                           "outlets, without_outlet, words, dates, docs)")
    _story_option(info)
    _common(info)

    show = _Parser(prog="parallax show", description="Print an article's cleaned text and metadata.")
    show.add_argument("corpus", nargs="?", metavar="CORPUS", help="corpus folder (default: the bundled corpus)")
    show.add_argument("doc", metavar="DOC", help="a document id, or a unique prefix of one")
    show.add_argument("--removed", action="store_true", help="also list what cleaning dropped, and why")
    show.add_argument("--json", action="store_true",
                      help="print JSON: doc, url, story, outlet, headline, byline, date, source, text and its "
                           "paragraphs (kind, start, end); with --removed, what cleaning dropped")
    _story_option(show)
    _common(show)

    stories = _Parser(prog="parallax stories",
                      description="List a corpus's stories: its story folders, or, for a flat folder of articles, the "
                                  "groups of articles that report the same event, each with a name and a date range.")
    stories.add_argument("corpus", nargs="?", metavar="CORPUS", help="corpus folder (default: the bundled corpus)")
    stories.add_argument("--cluster", action="store_true",
                         help="group the articles by event even where the corpus has story folders")
    stories.add_argument("--json", action="store_true",
                         help="print JSON: stories with story, name, dates and docs (doc, story, outlet, headline, date)")
    _story_option(stories)
    _common(stories)

    entities = _Parser(prog="parallax entities",
                       description="List the people, organisations, places and groups of a corpus, one per real-world "
                                   "entity across its articles.")
    entities.add_argument("corpus", nargs="?", metavar="CORPUS", help="corpus folder (default: the bundled corpus)")
    entities.add_argument("--label", metavar="L", action="append", type=str.upper, choices=list(ENTITY_KINDS),
                          help=f"only entities with this label ({', '.join(ENTITY_KINDS)}; any case; repeatable)")
    entities.add_argument("--json", action="store_true",
                          help="print JSON: entities with id, name, label, aliases and every mention (doc, start, end, text)")
    _format_option(entities, "one row per mention, columns id, name, label, aliases, doc, url, story, outlet, start, end, text")
    _story_option(entities)
    _common(entities)

    align = _Parser(prog="parallax align",
                    description="List the passages where two articles of a story report the same thing: verbatim, "
                                "a variant (spelling, punctuation, a few words) or a paraphrase.")
    align.add_argument("corpus", nargs="?", metavar="CORPUS", help="corpus folder (default: the bundled corpus)")
    align.add_argument("--min-score", type=_score, metavar="S",
                       help="only pairs scoring at least S, from 0 to 1 (default: every pair found, which needs "
                            "0.35 for a paraphrase)")
    align.add_argument("--json", action="store_true",
                       help="print JSON: pairs with a and b (doc, start, end, text), score and kind")
    _format_option(align, "one row per pair, columns a_doc, a_url, a_story, a_outlet, a_start, a_end, a_text, b_… the same, score, kind")
    _story_option(align)
    _common(align)

    diff = _Parser(prog="parallax diff",
                   description="Print the aligned passages of two articles with word diffs ([-only in A-]{+only in B+}, "
                               "in colour on a terminal), each change named, then what only A has and what only B has.")
    diff.add_argument("args", nargs="+", metavar="[CORPUS] DOC_A DOC_B",
                      help="optional corpus folder, then two document ids (or unique prefixes) of one story")
    _story_option(diff)
    _common(diff)

    quotes = _Parser(prog="parallax quotes",
                     description="List the direct quotations of a corpus by speaker, each remark with its renderings in "
                                 "the story's other outlets and a word diff between them.")
    quotes.add_argument("corpus", nargs="?", metavar="CORPUS", help="corpus folder (default: the bundled corpus)")
    quotes.add_argument("--speaker", metavar="NAME",
                        help="only this speaker's quotations (a name or alias, any case; a part of one if unique)")
    quotes.add_argument("--json", action="store_true",
                        help="print JSON: quotes with doc, start, end, text, speaker (canonical name or null), group "
                             "(shared by the same remark in other outlets), source (the words naming the speaker) and "
                             "how (the reporting verb, 'according to' or 'continues')")
    _format_option(quotes, "one row per quotation, columns doc, url, story, outlet, start, end, text, speaker, group, source, how, by, confidence")
    _story_option(quotes)
    _common(quotes)

    facts = _Parser(prog="parallax facts",
                    description="List a story's statements by outlet: each statement (a group of aligned sentences) "
                                "with every outlet's wording, marked verbatim, variant or paraphrase and its changes "
                                "named, most widely carried first; then what each outlet alone reports.")
    facts.add_argument("corpus", nargs="?", metavar="CORPUS", help="corpus folder (default: the bundled corpus)")
    facts.add_argument("--json", action="store_true",
                       help="print JSON: stories with story, docs, statements (id, articles, cells with doc, kind, "
                            "reference, score, sentences and changes) and exclusives (doc, sentences)")
    _format_option(facts, "one row per outlet's wording of a statement, and per exclusive sentence, columns story, statement, articles, doc, url, outlet, kind, reference, score, start, end, text, changes")
    _story_option(facts)
    _common(facts)

    contrast = _Parser(prog="parallax contrast",
                       description="List the words, two-word phrases and names each outlet uses more than the other "
                                   "outlets of the story (or, without --story, of the corpus): weighted log-odds with an "
                                   "informative Dirichlet prior (Monroe et al. 2008), highest z-score first, each with a "
                                   "sentence using it.")
    contrast.add_argument("corpus", nargs="?", metavar="CORPUS", help="corpus folder (default: the bundled corpus)")
    contrast.add_argument("--outlet", metavar="O", help="only this outlet (its name, any case, or a part of one)")
    contrast.add_argument("--limit", type=_positive_int, metavar="N",
                          help="terms per outlet (default: 15; with --json, every term unless given)")
    contrast.add_argument("--json", action="store_true",
                          help="print JSON: outlets with outlet, docs and terms (term, kind, z, log_odds, count, "
                               "others, sentences; for a name, entity and others_write)")
    _story_option(contrast)
    _common(contrast)

    report = _Parser(prog="parallax report",
                     description="Write one story as a page to hand on: its articles, facts by outlet, shared passages "
                                 "with word diffs, quotes by speaker, coverage matrix and wording contrast, as one "
                                 "self-contained HTML file (nothing fetched, no script) or Markdown.")
    report.add_argument("corpus", nargs="?", metavar="CORPUS", help="corpus folder (default: the bundled corpus)")
    report.add_argument("-o", "--output", metavar="FILE",
                        help="where to write it (default: report-STORY.html, or .md, in the current folder; '-' for "
                             "standard output)")
    report.add_argument("--format", choices=("html", "md"), default="html", help="html (default) or md (Markdown)")
    _story_option(report)
    _common(report)

    serve = _Parser(prog="parallax serve",
                    description="Open the app in a web browser: serve it over HTTP with textual-serve (pip install "
                                "'parallax-news[serve]'); each browser tab runs its own app on the corpus.")
    serve.add_argument("corpus", nargs="?", metavar="CORPUS", help="corpus folder (default: the bundled corpus)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this machine only; another address lets anyone "
                            "who can reach it read the corpus)")
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on (default: 8000)")
    _common(serve)
    return {"": top, "index": index, "info": info, "show": show, "stories": stories, "entities": entities, "align": align, "diff": diff,
            "quotes": quotes, "facts": facts, "contrast": contrast, "report": report, "serve": serve}


def _format_option(parser: argparse.ArgumentParser, rows: str) -> None:
    parser.add_argument("--format", choices=("text", "json", "csv"), default="text",
                        help=f"text (default), json (as --json) or csv: {rows} (UTF-8 with a byte-order mark; a cell "
                             "starting with = + - or @ gets a leading ')")


def _story_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--story", metavar="S",
                        help="only this story (its id or name, any case, or a part of one that no other story has; "
                             "see 'parallax stories')")


def _score(value: str) -> float:
    try:
        x = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got '{value}'") from None
    if not 0 <= x <= 1:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {x}")
    return x


def _port(value: str) -> int:
    n = _positive_int(value)
    if n > 65535:
        raise argparse.ArgumentTypeError(f"expected a port from 1 to 65535, got {n}")
    return n


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got '{value}'") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {n}")
    return n


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parsers = build_parser()
    command = argv[0] if argv and argv[0] in COMMANDS else ""
    try:
        args = parsers[command].parse_intermixed_args(argv[1:] if command else argv)
        handlers = {"index": cmd_index, "info": cmd_info, "show": cmd_show, "stories": cmd_stories, "entities": cmd_entities,
                    "align": cmd_align, "diff": cmd_diff, "quotes": cmd_quotes, "facts": cmd_facts,
                    "contrast": cmd_contrast, "report": cmd_report, "serve": cmd_serve}
        return handlers.get(command, cmd_open)(args)
    except (UsageError, CorpusError, NotFound) as exc:
        print(f"parallax: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ModelMissing as exc:
        print(f"parallax: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("parallax: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `parallax show ... | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _corpus(path: str | None) -> Corpus:
    from .preprocess.corpus import open_corpus

    return open_corpus(path if path else bundled_corpus())


def _stderr_console():  # noqa: ANN202 - rich is imported lazily
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)  # messages stay one line each, for logs and grep


def _stdout_console():  # noqa: ANN202 - rich is imported lazily
    """A console for a command's output. Rich ends the program with status 1 when the reader
    of a pipe goes away (`parallax quotes | head`); this one raises BrokenPipeError instead,
    which `main` ends quietly with status 0, as every other command does."""
    from rich.console import Console

    class Output(Console):
        def on_broken_pipe(self) -> None:
            raise BrokenPipeError

    return Output(highlight=False, soft_wrap=True)


def _interrupt(signum: int, frame: object) -> NoReturn:
    """SIGTERM stops like Ctrl-C: what is parsed so far stays cached."""
    raise KeyboardInterrupt


def _index(corpus: Corpus, cache_dir: str | None, *, jobs: int | None = None, force: bool = False,  # noqa: ANN202
           dask: Any = None, workers_read: bool = False):
    """Load the corpus, parsing what the cache lacks with a progress bar on a terminal (on the
    Dask cluster `dask` is a client of, when given)."""
    from rich.markup import escape

    from .preprocess import index

    cache = index.open_cache(corpus, cache_dir)
    console = _stderr_console()
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        if console.is_terminal:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            with Progress(TextColumn("parsing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                          TextColumn("{task.description}"), console=console, transient=True) as bar:
                task = bar.add_task("", total=None)

                def progress(done: int, total: int, doc_id: str) -> None:
                    bar.update(task, completed=done, total=total, description=escape(doc_id))

                articles, report = index.load(corpus, cache, force=force, jobs=jobs, progress=progress, dask=dask,
                                              workers_read=workers_read)
        else:
            articles, report = index.load(corpus, cache, force=force, jobs=jobs, dask=dask, workers_read=workers_read)
    finally:
        signal.signal(signal.SIGTERM, previous)
    _tell(report, corpus, console)
    return articles, report, cache


def _unchanged(corpus: Corpus, cache_dir: str | None):  # noqa: ANN202
    """The report of a load that would find nothing to do, and the cache, when the corpus
    manifest shows every file as it was and says each one's story; else None (a flat folder
    not yet grouped by event is grouped by the full load)."""
    import time

    from .preprocess import index, manifest
    from .preprocess.corpus import Skipped

    started = time.perf_counter()
    cache = index.open_cache(corpus, cache_dir)
    found = manifest.read(cache)
    if not manifest.usable(corpus.files, found):
        return None
    entries = found.entries.values()
    report = index.Report(reused=[e.id for e in entries if e.skipped is None],
                          skipped=[Skipped(str(corpus.files[e.id]), e.skipped) for e in entries if e.skipped],
                          unread=list(corpus.unread), warnings=list(corpus.warnings))
    report.seconds = time.perf_counter() - started
    return report, cache


def _tell(report, corpus: Corpus, console) -> None:  # noqa: ANN001
    """What a load met that the user should know, on standard error."""
    from rich.markup import escape

    for warning in report.warnings:
        console.print(f"warning: {escape(warning)}")
    if report.upgraded():
        n = report.upgraded()
        console.print(f"note: {n} cache entr{'y' if n == 1 else 'ies'} from another version of Parallax re-parsed")
    if report.recleaned():
        n = report.recleaned()
        console.print(f"note: {n} article{'' if n == 1 else 's'} cleaned again: the lines other articles of "
                      f"{'its' if n == 1 else 'their'} outlet repeat changed")
    for doc_id, why in report.damaged():
        console.print(f"warning: cache entry for {escape(doc_id)} re-parsed: {escape(why)}")
    for skipped in report.skipped:
        console.print(f"skipped {escape(_rel(skipped.path, corpus.root))}: {escape(skipped.reason)}")
    if report.unread:
        console.print(f"not read: {escape(output.unread_summary(report.unread))} ('parallax info' lists them)")


def _rel(path: str, root: Path) -> str:
    """A (shown) path of the corpus relative to its root, itself shown as `untrusted.shown` does."""
    prefix = shown(root).rstrip("/") + "/"
    return path[len(prefix):] if path.startswith(prefix) else path


def cmd_index(args: argparse.Namespace) -> int:
    if args.workers_read and not args.dask:
        raise UsageError("--workers-read goes with --dask SCHEDULER")
    if args.dask:
        from .preprocess import distributed

        try:
            with distributed.session(args.dask) as client:
                return _cmd_index(args, client)
        except (distributed.DaskMissing, distributed.BadScheduler) as exc:
            raise UsageError(str(exc)) from None
        except distributed.DaskError as exc:   # what was parsed before it is cached
            print(f"parallax: error: {exc}", file=sys.stderr)
            return 1
    return _cmd_index(args, None)


def _cmd_index(args: argparse.Namespace, dask: Any) -> int:
    corpus = _corpus(args.corpus)
    if args.story:   # that story's articles only; the corpus manifest is left as it is
        chosen, docs = _story_docs(corpus, args.cache_dir, args.story)
        articles, report, cache = _index(corpus.subset(docs), args.cache_dir, jobs=args.jobs, force=args.force,
                                         dask=dask, workers_read=args.workers_read)
        print(f"story {chosen.id}: {report.summary()}")
        print(f"cache: {cache.root}")
        return EXIT_INTERRUPTED if report.interrupted else 0
    unchanged = None if args.force else _unchanged(corpus, args.cache_dir)
    if unchanged is not None:   # every file as the manifest has it: nothing is read
        report, cache = unchanged
        _tell(report, corpus, _stderr_console())
    else:
        from .analysis import stories

        articles, report, cache = _index(corpus, args.cache_dir, jobs=args.jobs, force=args.force, dask=dask,
                                         workers_read=args.workers_read)
        if not report.interrupted:
            stories.assign(articles, cache)   # a flat folder's stories, for the manifest
    print(report.summary())
    print(f"cache: {cache.root}")
    return EXIT_INTERRUPTED if report.interrupted else 0


def cmd_info(args: argparse.Namespace) -> int:
    from .preprocess import index

    corpus = _corpus(args.corpus)
    if args.story:
        return _story_info(corpus, args.cache_dir, args.story, args.json)
    cache = index.open_cache(corpus, args.cache_dir)
    articles, report = index.load(corpus, cache, parse_missing=False)
    stories = {story_of(doc_id) for doc_id in corpus.files}
    outlets = sorted({a.meta.outlet for a in articles if a.meta.outlet})
    unknown_outlet = sum(1 for a in articles if not a.meta.outlet)
    size = sum(p.stat().st_size for p in cache.entries())
    if args.json:
        return output.print_json({
            "corpus": str(corpus.root), "files": len(corpus.files), "readable": len(articles) + report.pending,
            "skipped": [{"path": _rel(k.path, corpus.root), "reason": k.reason} for k in report.skipped],
            "not_articles": [{"path": _rel(u.path, corpus.root), "reason": u.reason} for u in report.unread],
            "stories": len(stories), "outlets": outlets, "without_outlet": unknown_outlet,
            "words": sum(a.word_count() for a in articles),
            "cache": {"path": str(cache.root), "current": len(report.reused), "stale": len(report.rebuilt),
                      "missing": report.pending - len(report.rebuilt), "bytes": size},
            "warnings": list(report.warnings)}, None)
    rows = [
        ("corpus", shown(corpus.root)),
        ("articles", f"{len(corpus.files)} files, {len(articles) + report.pending} readable, {len(report.skipped)} skipped"),
        ("stories", str(len(stories))),
        ("outlets", _outlets_line(outlets, unknown_outlet)),
        ("words", f"{sum(a.word_count() for a in articles):,} in indexed articles"),
        ("cache", f"{cache.root}"),
        ("cache state", f"{len(report.reused)} current, {len(report.rebuilt)} stale or broken, "
                        f"{report.pending - len(report.rebuilt)} missing; {size / 1024:,.0f} KiB"),
    ]
    for key, value in rows:
        print(f"{key + ':':<13}{value}")
    for skipped in report.skipped:
        print(f"skipped      {_rel(skipped.path, corpus.root)}: {skipped.reason}")
    for warning in report.warnings:
        print(f"warning      {warning}")
    for unread in report.unread:
        print(f"not read     {_rel(unread.path, corpus.root)}: {unread.reason}")
    if report.pending:
        print(f"run 'parallax index{' ' + args.corpus if args.corpus else ''}' to parse the {report.pending} article(s) not yet cached")
    return 0


def _outlets_line(outlets: Sequence[str], unknown: int) -> str:
    """"3: Breitbart News, Yonhap News Agency, …; 2 articles name none", in plain words."""
    named = f"{len(outlets)}" + (f": {', '.join(outlets)}" if 0 < len(outlets) <= 12 else "")
    if not unknown:
        return named
    return f"{named}; {unknown} article{'s' * (unknown != 1)} name{'s' * (unknown == 1)} none"


def _story_info(corpus: Corpus, cache_dir: str | None, story: str, as_json: bool = False) -> int:
    """`info --story S`: one story's articles, outlets, words and dates, from the cache (nothing is parsed)."""
    from .preprocess import index

    chosen, docs = _story_docs(corpus, cache_dir, story)
    articles, report = index.load(corpus.subset(docs, warnings=False), index.open_cache(corpus, cache_dir),
                                  parse_missing=False)
    from .analysis.copied import as_json as copied_json
    from .analysis.copied import copied
    from .preprocess.metadata import moment

    outlets = sorted({a.meta.outlet for a in articles if a.meta.outlet})
    dates = sorted(d[:10] for d in (moment(a.meta.date) for a in articles) if d)
    unknown = sum(1 for a in articles if not a.meta.outlet)
    shared = copied(articles)
    if as_json:
        return output.print_json({
            "story": chosen.id, "name": chosen.name, "articles": len(docs), "cached": len(articles),
            "to_parse": report.pending, "outlets": outlets, "without_outlet": unknown,
            "words": sum(a.word_count() for a in articles), "dates": [dates[0], dates[-1]] if dates else None,
            "docs": [{"doc": a.id, "published": moment(a.meta.date)} for a in articles],
            "copied": copied_json(shared[a.id] for a in articles)}, articles)
    rows = [
        ("story", chosen.id + (f" ({chosen.name})" if chosen.name != chosen.id else "")),
        ("articles", f"{len(docs)}, {len(articles)} in the cache" + (f", {report.pending} to parse" if report.pending else "")),
        ("outlets", _outlets_line(outlets, unknown)),
        ("words", f"{sum(a.word_count() for a in articles):,}"),
        ("dates", " to ".join(dict.fromkeys((dates[0], dates[-1]))) if dates else "none given"),
    ]
    for key, value in rows:
        print(f"{key + ':':<13}{value}")
    if len(articles) > 1:
        label = article_labels(articles)
        print("copied text: the share of each article also in another of the story, word for word (runs of 8 words or more)")
        for a in sorted(articles, key=lambda a: -shared[a.id].share):
            c = shared[a.id]
            most = (f"; most from {label[c.best]} ({c.best_share:.0%})" if c.best else "")
            first = f"; {label[c.first]} published first" if c.first else ""
            print(f"  {c.share:4.0%}  {_named(label, a.id)}{most}{first}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    corpus = _corpus(args.corpus)
    doc_id = _in_story(corpus, args.cache_dir, args.story).find(args.doc)
    single = corpus.subset([doc_id], warnings=False)
    articles, report, _ = _index(single, args.cache_dir)
    if not articles:
        return EXIT_INTERRUPTED if report.interrupted else 1
    if args.json:
        return output.print_json(output.article_json(articles[0], removed=args.removed), articles)
    print(output.render_article(articles[0], removed=args.removed))
    return 0


def cmd_stories(args: argparse.Namespace) -> int:
    corpus = _corpus(args.corpus)
    listed = _regrouped(corpus, args.cache_dir) if args.cluster else _listed_stories(corpus, args.cache_dir)
    if listed is not None:   # the manifest says it all, with the articles' cached counts for --cluster
        found, rows_of = listed
    else:
        articles, found, report, _ = _storied(corpus, args.cache_dir, None, regroup=args.cluster)
        if report.interrupted:
            return EXIT_INTERRUPTED
        rows_of = {a.id: (a.meta.url, a.meta.outlet, a.meta.headline, a.meta.date) for a in articles}
    if args.story:
        from .analysis import stories

        found = [stories.matching(found, args.story)]
    if args.json:
        return output.print_json({"stories": [
            {"story": s.id, "name": s.name, "dates": list(s.dates) if s.dates else None,
             "docs": [dict(zip(("doc", "url", "story", "outlet", "headline", "date"),
                               (d, rows_of[d][0], s.id, *rows_of[d][1:]))) for d in s.docs]} for s in found]}, None)
    rows = [(s.id, str(len(s.docs)), " to ".join(dict.fromkeys(s.dates)) if s.dates else "", s.name) for s in found]
    _table(("story", "articles", "dates", "name"), rows, numbers={1})
    return 0


def _listed_stories(corpus: Corpus, cache_dir: str | None):  # noqa: ANN202
    """The stories and each document's (url, outlet, headline, date), from a current manifest
    that names them (a flat folder's once grouped); else None."""
    from .analysis import stories
    from .preprocess import index, manifest

    found = manifest.read(index.open_cache(corpus, cache_dir))
    if not manifest.usable(corpus.files, found):
        return None
    return stories.listed(found), {e.id: (e.url, e.outlet, e.headline, e.date) for e in found.entries.values()}


def _regrouped(corpus: Corpus, cache_dir: str | None):  # noqa: ANN202
    """`_listed_stories` for `stories --cluster`: the stories found by event from a current
    manifest and the articles' cached counts, reading only the articles whose counts the cache
    lacks; None when the manifest is not current."""
    from .analysis import stories
    from .preprocess import index, manifest

    cache = index.open_cache(corpus, cache_dir)
    found = manifest.read(cache)
    if not manifest.current(corpus.files, found):
        return None
    entries = [e for e in found.entries.values() if e.skipped is None]
    if len(entries) < 2:
        return None

    def load(ids: Sequence[str]) -> list:
        return _index(corpus.subset(ids, warnings=False), cache_dir)[0]

    grouped = stories.find([(e.id, e.sha256) for e in entries], cache, load)
    return grouped, {e.id: (e.url, e.outlet, e.headline, e.date) for e in entries}


def cmd_entities(args: argparse.Namespace) -> int:
    from .analysis.entities import as_json

    found = _resolved(_corpus(args.corpus), args.cache_dir, args.story)
    if found is None:
        return EXIT_INTERRUPTED
    articles, entities, _ = found
    if args.label:
        wanted = {lb.upper() for lb in args.label}
        entities = [e for e in entities if e.label in wanted]
    if args.json or args.format == "json":
        return output.print_json(as_json(entities), articles)
    if args.format == "csv":
        return output.print_csv(ENTITY_COLUMNS, _with_articles(
            [{"id": e.id, "name": e.name, "label": e.label, "aliases": "; ".join(e.aliases), "doc": m.doc,
              "start": m.start, "end": m.end, "text": m.text} for e in entities for m in e.mentions], articles))
    outlets = {a.id: a.outlet for a in articles}
    rows = [(e.name, e.label, ", ".join(e.aliases), str(len(e.mentions)), str(len({m.doc for m in e.mentions})),
             str(len({outlets[m.doc] for m in e.mentions}))) for e in entities]
    _table(("name", "label", "aliases", "mentions", "articles", "outlets"), rows, numbers={3, 4, 5})
    return 0


def _named(label: dict[str, str], doc: str) -> str:
    """An article as a listing names it: its label, and its id where the label is not the id."""
    return label[doc] if label[doc] == doc else f"{label[doc]} ({doc})"


def _table(head: tuple[str, ...], rows: list[tuple[str, ...]], numbers: set[int]) -> None:
    """Print rows under a heading in columns of at most 40 characters (longer cells cut with
    "…"), the columns in `numbers` set to the right."""
    widths = [min(max(len(r[i]) for r in [head, *rows]), 40) for i in range(len(head))]
    for row in [head, *rows]:
        cells = [c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(row, widths)]
        print("  ".join(c.rjust(w) if i in numbers else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip())


def _storied(corpus: Corpus, cache_dir: str | None, story: str | None = None, *, regroup: bool = False):  # noqa: ANN202
    """The corpus's articles with their stories (a flat folder's grouped by event), the
    stories, the load report and the cache; with `story`, only that story's. A corpus with story
    folders reads only the folder asked for."""
    from .analysis import stories

    if story and not regroup:
        quick = _one_story(corpus, cache_dir, story)
        if quick is not None:
            return quick
        folder = _folder_story(corpus, story)
        if folder is not None:
            corpus = corpus.subset(folder[1])
    articles, report, cache = _index(corpus, cache_dir)
    if report.interrupted:
        return articles, [], report, cache
    articles, found = stories.assign(articles, cache, regroup=regroup)
    if story:
        chosen = stories.matching(found, story)
        articles = [a for a in articles if a.story == chosen.id]
        found = [chosen]
    return articles, found, report, cache


def _story_docs(corpus: Corpus, cache_dir: str | None, story: str):  # noqa: ANN202
    """The story `story` names and its documents, from the corpus manifest when it is current
    and knows the stories, else from the story folders; a flat folder not yet grouped by event is
    a usage error (its stories are found when it is indexed)."""
    from .preprocess import index, manifest

    found = manifest.read(index.open_cache(corpus, cache_dir))
    if manifest.usable(corpus.files, found):
        return _manifest_story(corpus, found, story)
    folder = _folder_story(corpus, story)
    if folder is not None:
        return folder
    if manifest.knows_stories(found):   # changed since: the stories it knew, of the files still there
        return _manifest_story(corpus, found, story)
    raise UsageError("the stories of a flat folder are found when it is indexed: run 'parallax index' first")


def _manifest_story(corpus: Corpus, found, story: str):  # noqa: ANN001, ANN202
    """The story `story` names among those a corpus manifest lists, and its documents still in the corpus."""
    from .analysis import stories

    chosen = stories.matching(stories.listed(found), story)
    return chosen, [d for d in chosen.docs if d in corpus.files]


def _folder_story(corpus: Corpus, story: str):  # noqa: ANN202
    """The story folder `story` names, and its documents; None for a flat folder."""
    from .analysis import stories

    folders = sorted({story_of(d) for d in corpus.files})
    if folders == [""]:
        return None
    chosen = stories.matching([stories.Story(f, f, ()) for f in folders], story)
    return chosen, [d for d in corpus.files if story_of(d) == chosen.id]


def _in_story(corpus: Corpus, cache_dir: str | None, story: str | None) -> Corpus:
    """The corpus, or with `story` only that story's articles (where a document is looked for)."""
    return corpus if not story else corpus.subset(_story_docs(corpus, cache_dir, story)[1])


def _stories_of_docs(corpus: Corpus, cache_dir: str | None, doc_ids: Sequence[str]) -> list[str | None]:
    """The story each document belongs to, as the current corpus manifest says (a flat folder's,
    found by event), else its story folder; None for a flat folder not yet grouped."""
    from .preprocess import index, manifest

    found = manifest.read(index.open_cache(corpus, cache_dir))
    current = manifest.current(corpus.files, found)
    return [(found.entries[d].story if current and d in found.entries else story_of(d)) or None for d in doc_ids]


def _one_story(corpus: Corpus, cache_dir: str | None, story: str):  # noqa: ANN202
    """`_storied` for one story when the corpus manifest is current: the story is found in it,
    and only its articles are read. None when the manifest cannot say."""
    import dataclasses

    from .preprocess import index, manifest

    found = manifest.read(index.open_cache(corpus, cache_dir))
    if not manifest.usable(corpus.files, found):
        return None   # changed since, or a flat folder not yet grouped by event
    chosen, docs = _manifest_story(corpus, found, story)
    articles, report, cache = _index(corpus.subset(docs, warnings=False), cache_dir)
    return [dataclasses.replace(a, story=chosen.id) for a in articles], [chosen], report, cache


def _resolved(corpus: Corpus, cache_dir: str | None, story: str | None = None, found: list | None = None):  # noqa: ANN202
    """The corpus's articles, their entities (with `aliases.yaml` applied) and the cache, or None
    when the parse was interrupted; the stories, named, are added to `found` when given. A
    malformed `aliases.yaml` is a usage error."""
    from .analysis.aliases import AliasesError, apply, load_overrides
    from .analysis.entities import resolve_cached

    articles, named, report, cache = _storied(corpus, cache_dir, story)
    if found is not None:
        found += named
    try:
        overrides = load_overrides(corpus.root, cache.root)
    except AliasesError as exc:
        raise UsageError(str(exc)) from None
    if report.interrupted:
        return None
    return articles, apply(resolve_cached(articles, cache), overrides), cache


def _aligned(corpus: Corpus, cache_dir: str | None, min_score: float | None = None,  # noqa: ANN202
             story: str | None = None):
    """The corpus's articles and aligned pairs (at least `min_score`), or None when interrupted."""
    from .analysis.align import MIN_SCORE, align_cached

    found = _resolved(corpus, cache_dir, story)
    if found is None:
        return None
    articles, entities, cache = found
    floor = MIN_SCORE if min_score is None else min(min_score, MIN_SCORE)
    pairs = align_cached(articles, entities, cache, floor)
    return articles, [p for p in pairs if min_score is None or p.score >= min_score]


def cmd_align(args: argparse.Namespace) -> int:
    from collections import Counter

    from .analysis.align import as_json

    found = _aligned(_corpus(args.corpus), args.cache_dir, args.min_score, args.story)
    if found is None:
        return EXIT_INTERRUPTED
    articles, pairs = found
    if args.json or args.format == "json":
        return output.print_json(as_json(pairs), articles)
    if args.format == "csv":
        of = {a.id: a for a in articles}
        return output.print_csv(ALIGN_COLUMNS, [
            {**{f"{side}_{k}": v for side, x in (("a", p.a), ("b", p.b)) for k, v in (
                ("doc", x.doc), ("url", of[x.doc].meta.url), ("story", of[x.doc].story),
                ("outlet", of[x.doc].meta.outlet), ("start", x.start),
                ("end", x.end), ("text", x.text))}, "score": p.score, "kind": p.kind} for p in pairs])
    label = article_labels(articles)
    for p in pairs:
        print(f"{p.score:.2f}  {p.kind:<10}  {_named(label, p.a.doc)}  ↔  {_named(label, p.b.doc)}")
        print(f"  A  {' '.join(p.a.text.split())}")
        print(f"  B  {' '.join(p.b.text.split())}")
        print()
    kinds = Counter(p.kind for p in pairs)
    print(f"{len(pairs)} aligned pairs" + (": " + ", ".join(f"{n} {k}" for k, n in kinds.most_common()) if pairs else ""))
    return 0


def _marked(edits):  # noqa: ANN001, ANN202 - match.Edit and rich.Text, imported lazily
    """A word diff as one line of text: deletions struck in red, insertions bold green, inside
    `[-…-]` and `{+…+}` so it still reads when piped or without colour."""
    from rich.text import Text

    from .analysis.match import pieces

    style = {"same": "", "old": "strike red", "new": "bold green"}
    return Text.assemble(*((text, style[kind]) for text, kind in pieces(edits)))


def cmd_diff(args: argparse.Namespace) -> int:
    from rich.text import Text

    from .analysis.align import Alignment
    from .analysis.match import EQUAL, changed, word_diff

    if not 2 <= len(args.args) <= 3:
        raise UsageError("diff takes [CORPUS] DOC_A DOC_B (see 'parallax diff --help')")
    corpus = _corpus(args.args[0] if len(args.args) == 3 else None)
    chosen = _story_docs(corpus, args.cache_dir, args.story) if args.story else None
    searched = corpus.subset(chosen[1]) if chosen else corpus
    doc_a, doc_b = (searched.find(d) for d in args.args[-2:])
    if doc_a == doc_b:
        raise UsageError("DOC_A and DOC_B are the same article")
    story_a, story_b = _stories_of_docs(corpus, args.cache_dir, (doc_a, doc_b)) if not chosen else (None, None)
    story = chosen[0].id if chosen else story_a
    if story_of(doc_a) != story_of(doc_b) or (not chosen and story_a != story_b):
        raise UsageError(f"{doc_a} and {doc_b} are in different stories; only articles of one story align")
    found = _aligned(corpus, args.cache_dir, story=story)
    if found is None:
        return EXIT_INTERRUPTED
    articles, pairs = found
    by_id = {a.id: a for a in articles}
    if doc_a not in by_id or doc_b not in by_id:
        missing = doc_a if doc_a not in by_id else doc_b
        print(f"parallax: error: {missing} could not be read (see 'parallax info')", file=sys.stderr)
        return 1
    a, b = by_id[doc_a], by_id[doc_b]
    alignment = Alignment(pairs)
    matched = alignment.between(doc_a, doc_b)
    out = _stdout_console()
    label = article_labels([a, b])
    out.print(Text.assemble(("A ", "reverse"), f" {a.meta.outlet or 'outlet not named'} ({a.id}): {a.title}"))
    out.print(Text.assemble(("B ", "reverse"), f" {b.meta.outlet or 'outlet not named'} ({b.id}): {b.title}"))
    out.print(f"\n{len(matched)} aligned passages\n")
    for c in matched:
        edits = word_diff(" ".join(c.mine.text.split()), " ".join(c.other.text.split()))
        out.print(Text(f"── {c.kind}, score {c.score:.2f} ──", style="dim"))
        out.print(_marked(edits))
        for e in edits:
            if e.op != EQUAL:
                out.print(Text.assemble("   ", (e.kind, "italic"), f": {changed(e.old, e.new)}"))
        out.print()
    for tag, article, other in (("A", a, b), ("B", b, a)):
        only = alignment.unaligned(article, other.id)
        out.print(Text(f"Only in {tag}, {label[article.id]} ({len(only)})", style="bold"))
        for s in only:
            out.print("  • " + " ".join(article.text[s.start : s.end].split()), markup=False)
        out.print()
    return 0


def _quoted(corpus: Corpus, articles, entities, cache):  # noqa: ANN001, ANN202
    """The entity index and the quotations of `articles`, with the corrections of `corrections.yaml`
    (in the corpus or the cache folder) applied; a malformed file is a usage error."""
    from .analysis.corrections import CorrectionsError, load_fixes
    from .analysis.entities import EntityIndex
    from .analysis.quotes import QuoteIndex

    try:
        fixes = load_fixes((corpus.root, cache.root))
    except CorrectionsError as exc:
        raise UsageError(str(exc)) from None
    entity_index = EntityIndex({a.id: a for a in articles}, entities)
    return entity_index, QuoteIndex.build(articles, entity_index.in_doc, entities, fixes)


def cmd_quotes(args: argparse.Namespace) -> int:

    from rich.text import Text

    from .analysis.corrections import FILENAME as FIXES
    from .analysis.match import EQUAL
    from .analysis.quotes import as_json, by_speaker, compare, reference, speaker_order
    from .untrusted import plain_line

    corpus = _corpus(args.corpus)
    found = _resolved(corpus, args.cache_dir, args.story)
    if found is None:
        return EXIT_INTERRUPTED
    articles, entities, cache = found
    _, index = _quoted(corpus, articles, entities, cache)
    for fix in index.missed:
        print(f"parallax: warning: {FIXES}: the correction of “{plain_line(fix.words)}…” in {plain_line(fix.doc)} "
              "matches no quotation or speaker now; that quotation is shown as found", file=sys.stderr)
    chosen = index.quotes
    if args.speaker:
        wanted = index.speakers_named(args.speaker)
        chosen = [q for q in chosen if q.speaker in wanted]
    if args.json or args.format == "json":
        return output.print_json(as_json(index, chosen), articles)
    if args.format == "csv":
        return output.print_csv(QUOTE_COLUMNS, _with_articles(as_json(index, chosen)["quotes"], articles))
    by_id = {a.id: a for a in articles}
    label = article_labels(articles)
    out = _stdout_console()
    remarks = by_speaker(chosen)
    for speaker in speaker_order(remarks):
        groups = remarks[speaker]
        count = sum(map(len, groups.values()))
        outlets = {by_id[q.doc].outlet for g in groups.values() for q in g}
        name = index.entities[speaker].name if speaker else "Speaker not named"
        out.print(Text.assemble((name, "bold"), f"  {count} quotation{'s' * (count != 1)}, {len(outlets)} "
                                                 f"outlet{'s' * (len(outlets) != 1)}"))
        for gid, members in groups.items():
            others = [q for q in index.groups[gid] if q not in members]  # the same remark, put to someone else
            for n, q in enumerate(members):
                article = by_id[q.doc]
                lead = f"  {gid:>5} " if n == 0 else "        "
                mark = {"guess": ", a guess", "checked": ", corrected"}.get(q.confidence or "", "")
                how = f" ({q.how}: {q.source}{mark})" if q.how and q.source else ""
                out.print(Text.assemble(lead, (label[article.id], "italic"), ": “", " ".join(q.text.split()), "”",
                                        (how, "dim")))
                before = reference(q, members[:n])
                if before is not None:
                    edits = compare(before, q)
                    if any(e.op != EQUAL for e in edits):
                        out.print(Text.assemble("          ", _marked(edits)))
            for q in others:
                who = index.speaker_name(q) or "no speaker named"
                out.print(Text(f"          also in {label[q.doc]}, attributed to {who}", style="dim"))
        out.print()
    if not chosen:
        out.print("No quotations found.")
    return 0


ENTITY_COLUMNS = ["id", "name", "label", "aliases", "doc", "url", "story", "outlet", "start", "end", "text"]
ALIGN_COLUMNS = [f"{side}_{k}" for side in "ab" for k in ("doc", "url", "story", "outlet", "start", "end", "text")
                 ] + ["score", "kind"]
QUOTE_COLUMNS = ["doc", "url", "story", "outlet", "start", "end", "text", "speaker", "group", "source", "how", "by",
                 "confidence"]
FACT_COLUMNS = ["story", "statement", "articles", "doc", "url", "outlet", "kind", "reference", "score", "start", "end",
                "text", "changes"]


def _with_articles(rows: list[dict], articles) -> list[dict]:  # noqa: ANN001
    """Rows with each doc's url, story and outlet beside it, as `output.print_json` adds them."""
    of = {a.id: a for a in articles}
    for row in rows:
        a = of.get(row.get("doc"))
        row.setdefault("url", a.meta.url if a else None)
        row.setdefault("story", a.story if a else None)
        row.setdefault("outlet", a.meta.outlet if a else None)
    return rows


def _fact_rows(data: dict) -> list[dict]:
    """`facts --json` flattened: a row per cell (its sentences joined, from the first's start to
    the last's end), then a row per exclusive sentence (kind "exclusive", no statement)."""
    from .analysis.match import changed

    rows = []
    for story in data["stories"]:
        for s in story["statements"]:
            for c in s["cells"]:
                rows.append({"story": story["story"], "statement": s["id"], "articles": s["articles"], "doc": c["doc"],
                             "kind": c["kind"], "reference": c["reference"], "score": c["score"],
                             "start": c["sentences"][0]["start"], "end": c["sentences"][-1]["end"],
                             "text": " ".join(x["text"] for x in c["sentences"]),
                             "changes": "; ".join(f"{e['kind']}: {changed(e['old'], e['new'])}" for e in c["changes"])})
        for e in story["exclusives"]:
            for x in e["sentences"]:
                rows.append({"story": story["story"], "statement": None, "articles": 1, "doc": e["doc"],
                             "kind": "exclusive", "reference": None, "score": None, "start": x["start"], "end": x["end"],
                             "text": x["text"], "changes": ""})
    return rows


def cmd_facts(args: argparse.Namespace) -> int:
    from collections import defaultdict

    from rich.text import Text

    from .analysis.facts import as_json, story_facts
    from .analysis.match import changed
    from .untrusted import plain_line

    found = _aligned(_corpus(args.corpus), args.cache_dir, story=args.story)
    if found is None:
        return EXIT_INTERRUPTED
    articles, pairs = found
    stories: dict[str, list] = defaultdict(list)
    for a in articles:
        stories[a.story].append(a)
    by_doc = {a.id: a.story for a in articles}
    story_pairs: dict[str, list] = defaultdict(list)
    for p in pairs:
        story_pairs[by_doc[p.a.doc]].append(p)
    facts = [story_facts(members, story_pairs[story]) for story, members in stories.items() if len(members) > 1]
    if args.json or args.format == "json":
        return output.print_json(as_json(facts, {a.id: a.text for a in articles}), articles)
    if args.format == "csv":
        return output.print_csv(FACT_COLUMNS, _with_articles(_fact_rows(as_json(facts, {a.id: a.text for a in articles})),
                                                             articles))
    label = article_labels(articles)
    out = _stdout_console()
    for f in facts:
        out.print(Text.assemble(("Story ", "bold"), (plain_line(f.story or "(top level)"), "bold"),
                                f": {len(f.statements)} statements carried by two articles or more "
                                "(= verbatim, ≈ variant, ~ paraphrase of the reference ★)"))
        for s in f.statements:
            marks = "  ".join(f"{label[c.doc]} {s.mark(c.doc)}" for c in s.cells)
            out.print(Text(f"\n#{s.id}  {s.carried} of {len(f.docs)}  {marks}", style="bold"))
            for c in s.cells:
                out.print(Text.assemble("  ", (label[c.doc], "italic"), f" ({'reference' if c.doc == s.reference else c.kind}): ",
                                        " ".join(c.text.split())))
                changes = c.changes()
                if changes and c.kind != "paraphrase":
                    out.print(Text("      " + " · ".join(f"{e.kind}: {changed(e.old, e.new)}" for e in changes[:6]),
                                   style="dim"))
        for doc, spans in f.exclusives.items():
            article = next(a for a in stories[f.story] if a.id == doc)
            out.print(Text(f"\nOnly in {_named(label, doc)} ({len(spans)})", style="bold"))
            for sp in spans:
                out.print("  • " + " ".join(article.text[sp.start : sp.end].split()), markup=False, highlight=False)
        out.print()
    if not facts:
        out.print("No story with two articles or more: nothing to set side by side.")
    return 0


def cmd_contrast(args: argparse.Namespace) -> int:
    from rich.text import Text

    from .analysis.contrast import NAME, SIGNIFICANT, Wording, as_json, group_of

    found = _resolved(_corpus(args.corpus), args.cache_dir, args.story)
    if found is None:
        return EXIT_INTERRUPTED
    articles, entities, _ = found
    labels = article_labels(articles)
    outlets = None
    if args.outlet:
        outlets = [_one_outlet(sorted({group_of(a, labels) for a in articles}), args.outlet)]
    result = Wording(articles, entities, labels).contrast(articles, outlets)
    if args.json:
        return output.print_json(as_json(result, {a.id: a.text for a in articles}, args.limit), articles)
    out = _stdout_console()
    texts = {a.id: a.text for a in articles}
    others = len({group_of(a, labels) for a in articles}) - 1
    scope = "the story's" if args.story else "the corpus's"
    for c in result:
        out.print(Text.assemble((c.outlet, "bold"), f"  {len(c.docs)} article{'s' * (len(c.docs) != 1)}, against "
                                                   f"{scope} {others} other outlet{'s' * (others != 1)}"))
        if not c.terms:
            out.print("  nothing it uses more than the others\n")
            continue
        out.print(Text(f"  {'z':>5}  {'here':>4}  {'others':>6}  term", style="dim"))
        for t in c.terms[: args.limit or 15]:
            what = t.text
            if t.kind == NAME:
                named = ", ".join(f"{n} ×{k}" for n, k in t.other_names)
                what += f"  (naming {t.entity}" + (f"; the others write {named})" if named else ")")
            mark = "*" if t.z >= SIGNIFICANT else " "
            out.print(Text.assemble(f"  {t.z:5.2f}{mark} {t.count:>4}  {t.others:>6}  ", (what, "bold" if mark == "*" else "")))
            doc, span = t.uses[0]
            sentence = " ".join(texts[doc][span.start : span.end].split())
            out.print(Text(f"{'':22}{sentence if len(sentence) <= 120 else sentence[:119] + '…'}", style="dim"))
        out.print()
    out.print(Text(f"* z ≥ {SIGNIFICANT}: a difference chance gives less than one time in twenty", style="dim"))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    import re

    from .analysis.align import align_cached
    from .report import build

    corpus = _corpus(args.corpus)
    named: list = []
    found = _resolved(corpus, args.cache_dir, args.story, named)
    if found is None:
        return EXIT_INTERRUPTED
    articles, entities, cache = found
    story_ids = list(dict.fromkeys(a.story for a in articles))
    if not story_ids:
        raise UsageError("no readable article to report on (see 'parallax info')")
    if len(story_ids) > 1:
        raise UsageError(f"the corpus has {len(story_ids)} stories: choose one with --story (see 'parallax stories')")
    story = story_ids[0]
    index, quotes = _quoted(corpus, articles, entities, cache)
    pairs = align_cached(articles, entities, cache)
    name = next((s.name for s in named if s.id == story), None)
    made = build(story, name or story or corpus.root.name, articles, index, pairs, quotes)
    page = made.html() if args.format == "html" else made.markdown()
    if args.output == "-":
        sys.stdout.write(page)
        return 0
    target = Path(args.output) if args.output else Path(
        f"report-{re.sub(r'[^A-Za-z0-9_.-]+', '-', story).strip('-.') or 'corpus'}.{args.format}")
    try:
        target.write_text(page, encoding="utf-8")
    except OSError as exc:
        print(f"parallax: error: cannot write {shown(target)}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {shown(target.resolve())} ({len(page.encode()) / 1024:,.0f} KiB, {len(articles)} articles, "
          f"{len(made.facts.statements)} shared statements)")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import ipaddress
    import shlex

    root = corpus_root(args.corpus or bundled_corpus())   # a missing folder is a one-line error, not a broken page
    try:
        from textual_serve.server import Server
    except ImportError:
        print("parallax: error: serving the app needs textual-serve: pip install 'parallax-news[serve]' "
              "(or '.[serve]' in a checkout)", file=sys.stderr)
        return 1
    try:
        loopback = args.host == "localhost" or ipaddress.ip_address(args.host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        print(f"parallax: warning: listening on {shown(args.host)}: anyone who can reach port {args.port} there "
              "can read the corpus and run the app; there is no password", file=sys.stderr)
    command = [sys.executable, "-m", "tui", str(root), *(["--cache-dir", args.cache_dir] if args.cache_dir else [])]
    where = f"http://{'127.0.0.1' if args.host == '0.0.0.0' else args.host}:{args.port}"
    print(f"serving {shown(root)} at {where} (Ctrl+C stops)", file=sys.stderr, flush=True)
    try:
        Server(shlex.join(command), host=args.host, port=args.port, title="Parallax", public_url=where).serve()
    except OSError as exc:
        print(f"parallax: error: cannot listen on {shown(args.host)}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0


def _one_outlet(outlets: Sequence[str], wanted: str) -> str:
    """The outlet `wanted` names: its name in any case, or a part of one that no other outlet has."""
    key = wanted.casefold().strip()
    exact = [o for o in outlets if o.casefold() == key]
    if exact:
        return exact[0]
    partial = [o for o in outlets if key in o.casefold()]
    if len(partial) == 1:
        return partial[0]
    listed = ", ".join(shown(o) for o in (partial or outlets)[:12])
    if partial:
        raise NotFound(f"'{shown(wanted)}' is part of several outlets' names: {listed}")
    raise NotFound(f"no outlet named '{shown(wanted)}'; the outlets are: {listed}")


def cmd_open(args: argparse.Namespace) -> int:
    """Open the app at once; it loads (and on a cold cache parses) the corpus in a worker."""
    root = corpus_root(args.corpus or bundled_corpus())  # a missing folder is a one-line error before the window opens
    served = "web_driver" in os.environ.get("TEXTUAL_DRIVER", "")   # under `parallax serve`: the browser is the terminal
    if not served and not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("the app needs a terminal, and standard input or output is not one; "
                         "for output to a file or a pipe use a command ('parallax --help')")
    from .app.app import ParallaxApp

    app = ParallaxApp(root, cache_dir=args.cache_dir)
    app.run()
    if app.return_code:   # an unhandled error: Textual printed it; it is kept, and the exit says so
        error = getattr(app, "_exception", None)
        where = _crash_log(error) if error is not None else None
        print(f"parallax: the app stopped on an error{f'; its traceback is in {where}' if where else ''}",
              file=sys.stderr)
        return app.return_code
    return 0


def _crash_log(error: BaseException) -> Path | None:
    """Write `error`'s traceback to a new file in the user's log folder; its path, or None."""
    import time
    import traceback

    from platformdirs import user_log_dir

    folder = Path(user_log_dir("parallax", appauthor=False))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
        path.write_text("".join(traceback.format_exception(error)), encoding="utf-8")
    except OSError:
        return None
    return path


if __name__ == "__main__":
    sys.exit(main())

"""``python -m steering_core import FILE...`` and ``python -m steering_core template --out FILE.xlsx``.

Exit codes for ``import``: 0 stored (or nothing to change; warnings are
printed), 1 the files have errors (problems printed, nothing stored), 2 usage
errors. Uploads go into the municipality's own database
(``config.real_database_path()``), never into the demo database.
"""
from __future__ import annotations

import argparse
import sys
import time

from steering_core import access, config, formatting
from steering_core.store import Store
from steering_core.texts import t
from steering_core.upload.importer import commit, default_user, import_files, preview_frame
from steering_core.upload.reading import Limits


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so ``main`` can return 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: {message}", file=sys.stderr)
        raise _Usage(2)


class _Usage(Exception):
    def __init__(self, code: int):
        self.code = code


def _import_parser() -> _Parser:
    parser = _Parser(prog="python -m steering_core import", description=t("upload.cli.import.description"))
    parser.add_argument("files", nargs="+", metavar="FILE", help=t("upload.cli.files"))
    parser.add_argument("--db", metavar="PATH", help=t("upload.cli.db"))
    parser.add_argument("--dry-run", action="store_true", help=t("upload.cli.dry_run"))
    parser.add_argument("--report", metavar="OUT.xlsx", help=t("upload.cli.report"))
    parser.add_argument("--user", metavar="NAME", help=t("upload.cli.user"))
    parser.add_argument("--quarter", metavar="2025K3", help=t("upload.cli.quarter"))
    return parser


def _parse(parser: _Parser, argv: list[str]) -> argparse.Namespace | int:
    try:
        return parser.parse_args(argv)
    except _Usage as usage:
        return usage.code
    except SystemExit as done:  # --help
        return int(done.code or 0)


def main(argv: list[str]) -> int:
    """``import FILE... [--db PATH] [--dry-run] [--report OUT.xlsx] [--user NAME] [--quarter 2025K3]``."""
    argv = list(argv)
    if argv[:1] == ["import"]:
        argv = argv[1:]
    args = _parse(_import_parser(), argv)
    if isinstance(args, int):
        return args
    store = Store(args.db or config.real_database_path())
    actor = access.cli_user(args.user or default_user())
    prepared, _ = import_files(args.files, store=store, stated_quarter=args.quarter, dry_run=True,
                               limits=Limits.from_env(), actor=actor)
    for problem in prepared.problems:
        print(problem)
    if prepared.problems:
        print(t("upload.summary", errors=len(prepared.errors), warnings=len(prepared.warnings)))
    if args.report:
        _write_report(prepared, args.report)
    if not prepared.ok:
        if prepared.errors:
            print(t("upload.has_errors"))
        return 1
    if prepared.preview is not None and not prepared.preview.empty:
        print(t("upload.cli.preview"))
        print(preview_frame(prepared).to_string(index=False))
    if prepared.scope_lines:
        print(t("upload.scope.title"))
        print("\n".join(f"  {line}" for line in prepared.scope_lines))
    if prepared.earlier is not None:
        print(prepared.earlier.message())
    if args.dry_run:
        print(t("upload.ok.dry_run", rows=prepared.row_count))
        return 0
    result = commit(prepared, store=store, actor=actor)
    print(result.message)
    if result.stored:
        # Decide what is hidden now, once, and keep it beside the database: the app and the next
        # command read it instead of building it on their first figure.
        from steering_core import engine
        started = time.perf_counter()
        engine.prepare_protection(store)
        print(t("upload.cli.protected", seconds=formatting.number(time.perf_counter() - started, 1)))
    return 0 if result.stored or result.batch_id is not None else 1


def _write_report(prepared, path: str) -> None:
    from steering_core.upload.report import write_report
    try:
        if write_report(prepared, path):
            print(t("upload.cli.report_written", path=path))
        else:
            print(t("upload.cli.no_report"))
    except OSError as exc:
        print(t("upload.cli.cannot_write", path=path, reason=exc.strerror or type(exc).__name__))


def template_main(argv: list[str]) -> int:
    """``template --out FILE.xlsx``: write the template workbook."""
    argv = list(argv)
    if argv[:1] == ["template"]:
        argv = argv[1:]
    parser = _Parser(prog="python -m steering_core template", description=t("upload.cli.template.description"))
    parser.add_argument("--out", required=True, metavar="FILE.xlsx", help=t("upload.cli.out"))
    args = _parse(parser, argv)
    if isinstance(args, int):
        return args
    from steering_core.upload.template import write_template
    try:
        path = write_template(args.out)
    except OSError as exc:
        print(t("upload.cli.cannot_write", path=args.out, reason=exc.strerror or type(exc).__name__), file=sys.stderr)
        return 1
    print(t("upload.cli.template_written", path=path))
    return 0


if __name__ == "__main__":  # pragma: no cover - the lead wires this into ``python -m steering_core``
    sys.exit(main(sys.argv[1:]))

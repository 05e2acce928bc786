"""Command line: ``python -m steering_core demo | indicators | import | template``.

Exit codes: 0 done, 1 the input had problems (or there was no data), 2 usage.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from steering_core import catalogue, config, formatting, periods
from steering_core.dimensions import BY_KEY
from steering_core.engine import BREAKDOWNS, EngineError, Filters, NotOffered, Request, compute, why_not
from steering_core.store import Store, StoreError
from steering_core.texts import t



class _Parser(argparse.ArgumentParser):
    """argparse that speaks Danish on errors and exits with 2, as the docs promise."""

    def error(self, message: str) -> None:  # noqa: D401 - argparse API
        self.print_usage(sys.stderr)
        print(t("cli.error", message=message), file=sys.stderr)
        raise SystemExit(2)


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m steering_core", description="Styringsdashboard fra kommandolinjen.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    demo = commands.add_parser("demo", help="byg demodatabasen for Demo Kommune")
    demo.add_argument("--db", type=Path, help="databasefil (standard: data/demo.duckdb, "
                      "ved --scale national data/national.duckdb)")
    demo.add_argument("--seed", type=int, default=None)
    demo.add_argument("--until", help="sidste kvartal, fx 2026K3 (standard: seneste hele kvartal)")
    demo.add_argument("--scale", choices=("municipal", "national"), default="municipal",
                      help="municipal: Demo Kommune; national: 98 opdigtede kommuner × 5 år (til benchmarks)")
    demo.add_argument("--volume", type=float, default=1.0,
                      help="kun ved --scale national: gang UTM-møder og indsatser med dette tal "
                           "(1 = realistiske niveauer, ca. 0,45 mio.; 10 = ca. 4,5 mio., til belastningstest)")

    ind = commands.add_parser("indicators", help="beregn nøgletal eller vis kataloget")
    ind.add_argument("--list", action="store_true", help="vis kataloget over nøgletal")
    ind.add_argument("--db", type=Path)
    ind.add_argument("--from", dest="first")
    ind.add_argument("--to", dest="last")
    ind.add_argument("--grain", choices=periods.GRAINS, default="kvartal")
    ind.add_argument("--by", default="", help="opdeling: " + ", ".join([*BREAKDOWNS, *periods.GRAINS[:2]]))
    ind.add_argument("--only", default="", help="kommaseparerede nøgletals-id'er")
    ind.add_argument("--district", default="", help="kun disse distrikter (kommasepareret)")
    ind.add_argument("--kommune", default=None)
    ind.add_argument("--format", choices=("csv", "json"), default="csv")

    rep = commands.add_parser("report", help="mødemateriale som PowerPoint, PDF eller Excel")
    rep.add_argument("--db", type=Path)
    rep.add_argument("--from", dest="first", required=True)
    rep.add_argument("--to", dest="last", required=True)
    rep.add_argument("--district", default="", help="kun disse distrikter (kommasepareret)")
    rep.add_argument("--items", default="", help="dagsordenspunkter (kommasepareret); standard: en typisk dagsorden")
    rep.add_argument("--format", choices=("pptx", "pdf", "xlsx"), required=True)
    rep.add_argument("--out", type=Path, required=True)

    commands.add_parser("import", help="indlæs kvartalsregneark", add_help=False)
    commands.add_parser("template", help="skriv skabelonen til kvartalsindberetning", add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ("import", "template"):
        return _upload_command(argv[0], argv[1:])
    try:
        args = _build_parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        if args.command == "demo":
            return _demo(args)
        if args.command == "report":
            return _report(args)
        return _indicators(args)
    except (StoreError, EngineError, catalogue.UnknownIndicator, periods.PeriodError) as exc:
        print(t("cli.error", message=exc), file=sys.stderr)
        return 2 if isinstance(exc, (catalogue.UnknownIndicator, periods.PeriodError, NotOffered)) else 1


def _upload_command(name: str, argv: list[str]) -> int:
    from steering_core.upload import cli as upload_cli
    return upload_cli.main(argv) if name == "import" else upload_cli.template_main(argv)


def _demo(args: argparse.Namespace) -> int:
    from steering_core import demo
    until = periods.parse_quarter(args.until) if args.until else None
    seed = demo.DEFAULT_SEED if args.seed is None else args.seed
    if not 0 < args.volume <= 50:
        print(t("cli.volume_range"), file=sys.stderr)
        return 2
    if args.scale == "national":
        import time
        started = time.perf_counter()
        from steering_core import national_demo
        path = national_demo.build_national_database(args.db or config.DATA_DIR / "national.duckdb", seed=seed,
                                                     until=until, volume=args.volume)
        counts = Store(path).row_counts()
        print(t("cli.national_built", seconds=f"{time.perf_counter() - started:.0f}", path=path,
                meetings=formatting.number(counts["utm"]), courses=formatting.number(counts["indsats"])))
        return 0
    if args.volume != 1.0:
        print(t("cli.volume_national_only"), file=sys.stderr)
        return 2
    path = demo.build_demo_database(args.db or config.demo_database_path(), seed=seed, until=until)
    print(t("cli.demo_built", path=path))
    return 0


def _report(args: argparse.Namespace) -> int:
    from steering_core.meeting import agenda, document, slides, workbook
    from steering_core.meeting.pack import build_pack

    first, last = periods.parse_quarter(args.first).label, periods.parse_quarter(args.last).label
    items = [i.strip() for i in args.items.split(",") if i.strip()] or list(agenda.DEFAULT_AGENDA)
    database = Store(args.db or default_database())
    known = agenda.items(database if database.exists() else None)   # stored investment cases are items too
    unknown = [i for i in items if i not in known]
    if unknown:
        print(t("cli.error", message=t("cli.unknown_items", items=", ".join(unknown), known=", ".join(known))),
              file=sys.stderr)
        return 2
    store = Store(args.db or default_database())
    if not store.exists():
        print(t("cli.error", message=t("cli.no_database", path=store.path)), file=sys.stderr)
        return 1
    filters = Filters(distrikter=tuple(d.strip() for d in args.district.split(",") if d.strip()))
    request = Request(first, last, "kvartal", (), filters)
    if compute(store, ["utm_held", "spend_vs_budget"], Request(first, last)).dropna(subset=["value"]).empty:
        print(t("cli.error", message=t("cli.no_data_for", first=first, last=last)), file=sys.stderr)
        return 1
    pack = build_pack(store, request, items)
    writer = {"pptx": slides.pptx_bytes, "pdf": document.pdf_bytes, "xlsx": workbook.xlsx_bytes}[args.format]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(writer(pack))
    print(t("cli.pack_saved", path=args.out, n=len(pack.items)))
    return 0


def default_database() -> Path:
    """The municipality's own database once it exists, otherwise the demo."""
    real = config.real_database_path()
    return real if real.exists() else config.demo_database_path()


def _indicators(args: argparse.Namespace) -> int:
    if args.list:
        _print_catalogue()
        return 0
    ids = [i.strip() for i in args.only.split(",") if i.strip()] or None
    for indicator_id in ids or []:
        catalogue.get(indicator_id)
    by = tuple(b.strip() for b in args.by.split(",") if b.strip())
    grain = args.grain
    if "aar" in by:
        grain = "aar"
    path = args.db or default_database()
    store = Store(path)
    if not store.exists():
        print(t("cli.error", message=t("cli.no_database_demo", path=path)), file=sys.stderr)
        return 1
    filters = Filters(kommune=args.kommune,
                      distrikter=tuple(d.strip() for d in args.district.split(",") if d.strip()))
    request = Request(args.first, args.last, grain, by, filters)
    if ids is None:
        # Without --only: every indicator that exists for the breakdown and filters; the rest named.
        left_out = {i.id: why_not(i, request) for i in catalogue.INDICATORS}
        ids = [i for i, reason in left_out.items() if reason is None]
        for indicator_id, reason in left_out.items():
            if reason is not None:
                print(t("cli.left_out", id=indicator_id, reason=reason), file=sys.stderr)
        if not ids:
            print(t("cli.error", message=t("cli.none_for_breakdown")), file=sys.stderr)
            return 1
    result = compute(store, ids, request)
    if result.empty:
        print(t("cli.error", message=t("cli.no_data")), file=sys.stderr)
        return 1
    rows = _rows(result)
    if args.format == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        import csv

        from steering_core.exports import safe_text
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        # a unit named "=HYPERLINK(...)" must not run when the csv is opened in Excel (OWASP)
        writer.writerows({k: safe_text(v) for k, v in row.items()} for row in rows)
    return 0


def _rows(result) -> list[dict]:
    rows = []
    keys = ["kommune", *BREAKDOWNS.values(), "unit_name"]
    breakdown_keys = [k for k in result.columns if k in keys]
    for record in result.to_dict("records"):
        row = {"indicator": record["indicator"], "period": record["period"]}
        row.update({k: _plain(record[k]) for k in breakdown_keys})
        for key in ("value", "numerator", "denominator"):
            row[key] = _plain(record[key])
        row["suppressed"] = bool(record["suppressed"])
        for key in ("change_prev", "change_year"):
            row[key] = _plain(record[key])
        # Why a value is blank: no_data, pending, not_applicable or hidden (steering_core/status.py).
        row["status"] = record["status"]
        rows.append(row)
    return rows


def _plain(value):
    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return round(value, 4)
    if hasattr(value, "item"):
        return _plain(value.item())
    return value


def _print_catalogue() -> None:
    lang = config.language()
    for indicator in catalogue.INDICATORS:
        direction = t({True: "cli.higher_better", False: "cli.lower_better", None: "cli.neutral"}[indicator.higher_is_better])
        print(f"{indicator.id}\t{indicator.name(lang)}\t{indicator.dimension}\t{indicator.unit}\t{direction}")
        print(f"    {indicator.definition(lang)}")
        breakdowns = ", ".join(BY_KEY[b].name for b in indicator.breakdowns)
        print("    " + t("cli.catalogue_breakdowns", breakdowns=breakdowns, formula=indicator.formula_sql()))

"""What an upload replaces: rows with the same key, and stored rows in its scope that it no longer has.

Each sheet declares its scope (``SheetSpec.replaces`` in upload/contract.py). For UTM, Indsatser,
Oekonomi and Noegletal (per period) the scope of an upload is the
combinations of period and unit/sector the file actually has, never their
cross product: a UTM file with S1's meetings in 2025K3 and one S2 meeting in
2025K2 replaces S1 in 2025K3 and S2 in 2025K2, and leaves S1's 2025K2 alone.

| table     | a stored row is in scope when the file has a row with ...                        |
|-----------|----------------------------------------------------------------------------------|
| utm       | the same quarter of ``moededato`` and the same ``enhed_id``                      |
| indsats   | the same quarter of ``startdato``, ``distrikt`` and ``betalende_sektor``         |
| oekonomi  | a period containing the stored one, the same ``sektor`` and ``projekt``          |
| noegletal | a period containing the stored one, the same ``distrikt``, ``enhed_id``, ``noegletal`` |

For Budgetforudsaetninger the scope is each (``kommune``, ``aar``) the upload
has: a year's assumptions are replaced as a whole, so a type or step the new
file no longer has moves to the archive.

For PlanlagteSager (the whole list) it is every stored row of the municipality.

Stored rows in scope are moved to the sheet's archive (never deleted), then
the uploaded rows replace rows with the same key (``store.replace_rows``).
Enheder and Befolkning replace by key only.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import duckdb
import pandas as pd

from steering_core.periods import quarter_of
from steering_core.store import FACT_TABLES, archive_rows, replace_rows
from steering_core.texts import t
from steering_core.upload import contract as c


def _period_column(table: str) -> tuple[str, str] | None:
    """(kind, column) labelling a row's period: the quarter of its dating day, its period, or its year."""
    spec = c.BY_TABLE[table]
    if spec.dated_by:
        return spec.column(spec.dated_by).kind, spec.dated_by
    return next(((column.kind, column.name) for column in spec.columns if column.kind in (c.PERIOD, c.YEAR)), None)


def period_sql(table: str, alias: str) -> str:
    """The period a stored row belongs to, as a label, for the preview and the history."""
    found = _period_column(table)
    if found is None:
        return "'" + t("upload.preview.no_period").replace("'", "''") + "'"
    kind, column = found
    if kind == c.DATE:
        return f"(CAST(year({alias}.{column}) AS VARCHAR) || 'K' || CAST(quarter({alias}.{column}) AS VARCHAR))"
    return f"{alias}.{column}" if kind == c.PERIOD else f"CAST({alias}.{column} AS VARCHAR)"


def period_labels(table: str, frame: pd.DataFrame) -> pd.Series:
    """The same labels for rows about to be stored."""
    found = _period_column(table)
    if found is None:
        return pd.Series(t("upload.preview.no_period"), index=frame.index, dtype=object)
    kind, column = found
    if kind == c.DATE:
        days = pd.to_datetime(frame[column])
        labels = days.dt.year.astype("Int64").astype(str) + "K" + ((days.dt.month - 1) // 3 + 1).astype("Int64").astype(str)
        return labels.fillna("").astype(object)
    return frame[column].astype(object) if kind == c.PERIOD else frame[column].astype(str)


def _quarter_pairs(frame: pd.DataFrame, date_column: str, keys: list[str]) -> pd.DataFrame:
    """Each (quarter start, quarter end, *keys) the rows have."""
    days = pd.to_datetime(frame[date_column])
    present = frame.loc[days.notna(), keys].copy()
    quarters = [quarter_of(d.date()) for d in days.dropna()]
    present["s"] = [q.start for q in quarters]
    present["e"] = [q.end for q in quarters]
    return present.drop_duplicates().reset_index(drop=True)


def _span_pairs(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Each (period start, period end, *keys) the rows have."""
    present = frame.loc[frame["periode_start"].notna(), ["periode_start", "periode_slut", *keys]].drop_duplicates()
    pairs = present[keys].copy()
    pairs["s"] = [d.date() for d in present["periode_start"]]
    pairs["e"] = [d.date() for d in present["periode_slut"]]
    return pairs.reset_index(drop=True)


def scope(table: str, frame: pd.DataFrame) -> tuple[str, dict[str, pd.DataFrame]] | None:
    """A SQL condition on ``table`` (columns qualified with the table name) and the view it reads.

    The condition may name the upload's municipality as ``$kommune`` (see :func:`bound`).
    """
    spec = c.BY_TABLE[table]
    if spec.replaces.per == c.BY_KEY or frame.empty:
        return None
    q = table
    if spec.replaces.per == c.PER_YEAR:
        # the rows carry their own kommune (the sheet may name it): replace per (kommune, aar) uploaded
        views = {"scope_years": frame[["kommune", "aar"]].drop_duplicates()}
        return (f"EXISTS (SELECT 1 FROM scope_years y WHERE y.kommune = {q}.kommune AND y.aar = {q}.aar)",
                views)
    if spec.replaces.per == c.WHOLE_LIST:
        # the list is replaced as a whole: a row no longer listed is dropped
        return f"{q}.kommune = $kommune", {}
    date_column, keys = _dated_keys(spec)
    if date_column:
        pairs = _quarter_pairs(frame, date_column, keys)
        within = f"{q}.{date_column} BETWEEN p.s AND p.e"
    else:
        pairs = _span_pairs(frame, keys)
        within = f"{q}.periode_start >= p.s AND {q}.periode_slut <= p.e"
    same = " AND ".join(f"p.{k} = {q}.{k}" for k in keys)
    where = f"EXISTS (SELECT 1 FROM scope_pairs p WHERE {within} AND {same})"
    return f"{q}.kommune = $kommune AND {where}", {"scope_pairs": pairs}


def _dated_keys(spec: c.SheetSpec) -> tuple[str | None, list[str]]:
    """(the day whose quarter is the period, or None for a period column; the keys paired with it)."""
    dated_day = spec.dated_by if spec.column(spec.dated_by).kind == c.DATE else None
    return dated_day, list(spec.replaces.keys)


def describe(tables: dict[str, pd.DataFrame]) -> list[str]:
    """What a save replaces, said exactly: per sheet and period, the units or sectors it covers."""
    lines = []
    for spec in c.SHEETS:
        table = spec.table
        frame = tables.get(table)
        if frame is None or frame.empty or spec.replaces.per == c.BY_KEY:
            continue
        if spec.replaces.per == c.WHOLE_LIST:
            lines.append(t("upload.scope.planned", sheet=spec.name))
            continue
        if spec.replaces.per == c.PER_YEAR:
            for year in sorted(frame["aar"].dropna().unique()):
                lines.append(t("upload.scope.year", sheet=spec.name, period=int(year)))
            continue
        date_column, keys = _dated_keys(spec)
        pairs = _quarter_pairs(frame, date_column, keys) if date_column else _span_pairs(frame, keys)
        periods = [quarter_of(s).label if date_column else _span_label(frame, s, e)
                   for s, e in zip(pairs["s"], pairs["e"])]
        covered: dict[str, list[str]] = {}
        for period, values in zip(periods, pairs[keys].itertuples(index=False)):
            shown = " / ".join(str(v) for v in values if v not in ("", None))
            covered.setdefault(period, []).append(shown or t("upload.scope.whole"))
        for period in sorted(covered):
            lines.append(t("upload.scope.line", sheet=spec.name, period=period,
                           what=t(f"upload.scope.keys.{table}"), covered=", ".join(sorted(set(covered[period])))))
    return lines


def _span_label(frame: pd.DataFrame, start, end) -> str:
    match = frame.loc[(frame["periode_start"].dt.date == start) & (frame["periode_slut"].dt.date == end), "periode"]
    return str(match.iloc[0]) if len(match) else f"{start}–{end}"


def bound(where: str, kommune: str) -> tuple[str, list[str]]:
    """A scope condition with ``$kommune`` as a positional parameter, and its parameters."""
    return where.replace("$kommune", "?"), [kommune] * where.count("$kommune")


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, views: dict[str, pd.DataFrame]) -> Iterator[None]:
    for name, frame in views.items():
        con.register(name, frame)
    try:
        yield
    finally:
        for name in views:
            con.unregister(name)


def _types(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    rows = con.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?",
                       [table]).fetchall()
    return dict(rows)


def preview(con: duckdb.DuckDBPyConnection | None, tables: dict[str, pd.DataFrame], kommune: str) -> pd.DataFrame:
    """Per table and period: new rows, rows that replace earlier ones, unchanged rows, rows removed."""
    parts = []
    for table, frame in tables.items():
        fact = FACT_TABLES[table]
        incoming = frame[list(fact.columns)].copy()
        incoming["_period"] = period_labels(table, frame).values
        if con is None:
            counts = incoming.groupby("_period").size()
            parts.append(pd.DataFrame({"tabel": table, "periode": counts.index, "nye": counts.values,
                                       "erstatter": 0, "uaendrede": 0, "fjernes": 0}))
            continue
        types = _types(con, table)
        on = " AND ".join(f"i.{k} = {table}.{k}" for k in fact.key)
        same = " AND ".join(f"{table}.{col} IS NOT DISTINCT FROM CAST(i.{col} AS {types[col]})"
                            for col in fact.columns if col not in fact.key) or "TRUE"
        views = {"incoming_preview": incoming}
        with registered(con, views):
            matched = con.execute(f"""
                SELECT i._period,
                       count(*) FILTER (WHERE {table}.kommune IS NULL),
                       count(*) FILTER (WHERE {table}.kommune IS NOT NULL AND NOT ({same})),
                       count(*) FILTER (WHERE {table}.kommune IS NOT NULL AND ({same}))
                FROM incoming_preview i LEFT JOIN {table} ON {on} GROUP BY 1""").fetchall()
            removed = []
            found = scope(table, frame)
            if found is not None:
                where, scope_views = found
                condition, params = bound(where, kommune)
                with registered(con, scope_views):
                    removed = con.execute(f"""
                        SELECT {period_sql(table, table)}, count(*) FROM {table}
                        WHERE {condition}
                          AND NOT EXISTS (SELECT 1 FROM incoming_preview i WHERE {on})
                        GROUP BY 1""", params).fetchall()
        rows = {p: [n, r, u, 0] for p, n, r, u in matched}
        for p, count in removed:
            rows.setdefault(p, [0, 0, 0, 0])[3] = count
        parts.append(pd.DataFrame([{"tabel": table, "periode": p, "nye": v[0], "erstatter": v[1],
                                    "uaendrede": v[2], "fjernes": v[3]} for p, v in rows.items()]))
    if not parts:
        return pd.DataFrame(columns=["tabel", "periode", "nye", "erstatter", "uaendrede", "fjernes"])
    result = pd.concat(parts, ignore_index=True)
    order = {name: i for i, name in enumerate(FACT_TABLES)}
    result["_order"] = result["tabel"].map(order)
    return result.sort_values(["_order", "periode"]).drop(columns="_order").reset_index(drop=True)


def store_table(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame, batch_id: int,
                kommune: str) -> None:
    """Inside the caller's transaction: archive rows in scope, then replace rows by key."""
    found = scope(table, frame)
    if found is not None:
        where, views = found
        condition, params = bound(where, kommune)
        with registered(con, views):
            archive_rows(con, table, condition, params, batch_id)
    replace_rows(con, FACT_TABLES[table], frame, batch_id)


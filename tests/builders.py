"""Small hand-built datasets: rows with sensible defaults, so a test names only what it checks."""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from steering_core.domain import intervention_family
from steering_core.store import FACT_TABLES, Store

KOMMUNE = "Testby"


def unit(enhed_id, distrikt, enhedstype="skole", sektor=None, navn=None):
    return dict(kommune=KOMMUNE, enhed_id=enhed_id, enhed_navn=navn or f"Enhed {enhed_id}",
                enhedstype=enhedstype, distrikt=distrikt, sektor=sektor or enhedstype)


def population(distrikt, aar, aldersgruppe, antal):
    return dict(kommune=KOMMUNE, distrikt=distrikt, aar=aar, aldersgruppe=aldersgruppe, antal=antal)


_counter = {"utm": 0, "indsats": 0}


def meeting(enhed_id, moededato, udfald="ingen", barn_id=None, moedetype="foerste", **extra):
    _counter["utm"] += 1
    n = _counter["utm"]
    row = dict(kommune=KOMMUNE, moede_id=f"M{n}", moededato=moededato, henvendelsesdato=None,
               enhed_id=enhed_id, barn_id=barn_id or f"B-M{n}", alder=8, koen=None,
               moedetype=moedetype, udfald=udfald, raadgiver_deltog=True)
    row.update(extra)
    return row


def course(startdato, slutdato=None, trin=2, udgift=None, distrikt="Nord", barn_id=None,
           paragraf=None, enhed_id=None, sektor="familie_myndighed", **extra):
    _counter["indsats"] += 1
    n = _counter["indsats"]
    if paragraf is None:
        after = startdato >= date(2024, 1, 1)
        paragraf = {2: ("SEL § 11, stk. 3", "BL § 30"), 3: ("SEL § 52, stk. 3, nr. 3", "BL § 32")}.get(
            trin, ("SEL § 52, stk. 3, nr. 7", "BL § 46"))[after]
    row = dict(kommune=KOMMUNE, indsats_id=f"I{n}", barn_id=barn_id or f"B-I{n}", paragraf=paragraf,
               familie=intervention_family(paragraf), indsatstype="Samtaleforløb", trin=trin,
               bevilget_af="skoleleder", bevilgende_enhed_id=enhed_id, udfoerende_enhed_id=None,
               betalende_sektor=sektor, distrikt=distrikt, startdato=startdato,
               planlagt_slutdato=None, slutdato=slutdato, forlaenget=None, maanedlig_udgift=udgift,
               utm_moede_id=None, maal_opfyldt=None)
    row.update(extra)
    return row


def finance(periode, start, slut, sektor, budget, forbrug, omkostningstype="indsatser"):
    return dict(kommune=KOMMUNE, periode=periode, periode_start=start, periode_slut=slut, sektor=sektor,
                omkostningstype=omkostningstype, projekt="", budget=budget, forbrug=forbrug)


def keyfigure(periode, start, slut, distrikt, noegletal, vaerdi):
    return dict(kommune=KOMMUNE, periode=periode, periode_start=start, periode_slut=slut,
                distrikt=distrikt, enhed_id="", noegletal=noegletal, vaerdi=vaerdi, antal=None)


def store_with(path, **rows) -> Store:
    store = Store(path)
    frames = {}
    for name, table in FACT_TABLES.items():
        records = rows.get(name, [])
        frames[name] = pd.DataFrame.from_records(records, columns=list(table.columns))
    store.write_batch(frames, user="test", file_name="hand-built", kind="test",
                      meta={"kommune": KOMMUNE})
    return store


def days_after(day: date, n: int) -> date:
    return day + timedelta(days=n)


UNITS_FOR_VIEWS = [unit("S1", "Nord"), unit("D1", "Nord", "dagtilbud")]


def one(frame: pd.DataFrame, **where) -> pd.Series:
    """The single result row matching ``where``; fails if there are none or several."""
    rows = frame
    for column, value in where.items():
        rows = rows[rows[column] == value]
    assert len(rows) == 1, frame
    return rows.iloc[0]


def uploaded(path, sheets: dict[str, list[list[object]]], kommune: str = KOMMUNE) -> Store:
    """A store filled through the real upload (read, checked, committed) from sheets of rows
    without headers, e.g. ``{"UTM": [utm_row(...)]}``; the headers are the template's."""
    from tests import samples
    from steering_core.upload.contract import FIT_MAALINGER, PLANLAGTE_SAGER
    from steering_core.upload.importer import commit, prepare

    headers = {"Enheder": samples.UNIT_HEADERS, "Befolkning": samples.BEFOLKNING_HEADERS,
               "UTM": samples.UTM_HEADERS, "Indsatser": samples.INDSATS_HEADERS,
               "Oekonomi": samples.OEKONOMI_HEADERS, "Noegletal": samples.NOEGLETAL_HEADERS,
               "PlanlagteSager": [column.name for column in PLANLAGTE_SAGER.columns],
               "FITMaalinger": [column.name for column in FIT_MAALINGER.columns]}
    store = Store(path)
    book = samples.workbook_bytes({name: [headers[name], *rows] for name, rows in sheets.items()})
    prepared = prepare([("kvartal.xlsx", book)], store=store, kommune=kommune)
    assert prepared.ok, [str(p) for p in prepared.errors]
    commit(prepared, store=store, user="test")
    return store


def utm_row(moede_id, moededato, enhed_id="S1", barn_id=None, udfald="ingen"):
    return [moede_id, moededato, None, enhed_id, barn_id or f"B-{moede_id}", 8, "pige", "foerste", udfald, "ja"]


def course_row(indsats_id, startdato, slutdato=None, paragraf="BL § 30", indsatstype="Familiebehandling",
               trin=2, barn_id=None, udgift=None, distrikt="Nord", planlagt=None, enhed_id="S1"):
    return [indsats_id, barn_id or f"B-{indsats_id}", paragraf, indsatstype, trin, "skoleleder", enhed_id, None,
            "familie_myndighed", distrikt, startdato, planlagt, slutdato, None, udgift, None, None]

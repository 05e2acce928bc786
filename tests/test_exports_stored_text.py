"""Text already in the store cannot break an export: Word's \\x0b, bidi controls and formulas in names.

The text is written into the database directly, bypassing the upload and its text rule, and every
export is built in a child process: an abort inside a native renderer (vl-convert) fails the test
instead of ending the test run.
"""
import io
import subprocess
import sys

import duckdb
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from steering_core import notes
from steering_core.store import Store
from tests.conftest import REPO

BUILD_ALL = """
import sys
from pathlib import Path
from steering_core.engine import Request
from steering_core.meeting import document, slides, workbook
from steering_core.meeting.pack import build_pack
from steering_core.store import Store
from steering_core.views import utm
store, out = Store(sys.argv[1]), Path(sys.argv[2])
request = Request("2025K4", "2026K3")
pack = build_pack(store, request, ["overblik", "utm_by_unit", "utm_rate_year"])
(out / "pack.pptx").write_bytes(slides.pptx_bytes(pack))
(out / "pack.pdf").write_bytes(document.pdf_bytes(pack))
(out / "pack.xlsx").write_bytes(workbook.xlsx_bytes(pack))
figure = utm.by_unit(store, request)
(out / "chart.png").write_bytes(figure.png())
(out / "table.xlsx").write_bytes(figure.xlsx())
"""


def test_every_export_survives_control_characters_already_stored(tmp_path, demo_path):
    path = tmp_path / "demo.duckdb"
    path.write_bytes(demo_path.read_bytes())
    store = Store(path)
    store.upgrade()
    with duckdb.connect(str(path)) as con:
        con.execute("UPDATE enhed SET enhed_navn = 'Nord\x0bskolen\u202e ' || enhed_id")
        con.execute("UPDATE meta SET value = '=HYPERLINK(\"x\")\x0bKommune' WHERE key = 'kommune'")
    notes.save(store, "utm_by_unit", "2026K3", "kommune", "Linje 1\x0bLinje 2\x01", "Anne\u200b")
    done = subprocess.run([sys.executable, "-c", BUILD_ALL, str(path), str(tmp_path)], cwd=REPO,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]

    deck = Presentation(io.BytesIO((tmp_path / "pack.pptx").read_bytes()))
    text = " ".join(s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame)
    assert "Linje 1 Linje 2" in text and "\x0b" not in text
    pdf = " ".join(page.extract_text() for page in PdfReader(tmp_path / "pack.pdf").pages)
    assert "Linje 1 Linje 2" in pdf
    book = load_workbook(tmp_path / "pack.xlsx")
    values = [c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value]
    assert any(isinstance(v, str) and "Nord skolen" in v for v in values)
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)
    assert (tmp_path / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    table = load_workbook(tmp_path / "table.xlsx").active
    assert any(isinstance(c.value, str) and c.value.startswith("Nord skolen") for row in table.iter_rows()
               for c in row)

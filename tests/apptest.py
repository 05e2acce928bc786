"""AppTest helpers shared by the page tests: open the app, go to one page, and read its texts."""
from streamlit.testing.v1 import AppTest


def open_page(entry: str, page: str, timeout: int = 180, **query) -> AppTest:
    """The app at ``entry`` switched to ``page``, which must draw without an exception or error box."""
    app = AppTest.from_file(entry, default_timeout=timeout)
    app.query_params.update(query)
    app.run()
    app.switch_page(page).run()
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]
    return app


def texts(elements) -> str:
    return " ".join(e.value for e in elements)


def show_part(app: AppTest, prefix: str, part: str) -> AppTest:
    """The page with one of its parts chosen (a view's PARTS, ui.components.part_switch), as a click on the switch does."""
    app.segmented_control(key=f"{prefix}_part").set_value(part).run()
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]
    return app

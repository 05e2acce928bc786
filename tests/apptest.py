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

"""The registry of pages and views is the one list: every page file and every view module is in it, and
a view that fails to import is an error on the agenda, not a silent gap."""
from dataclasses import replace
from pkgutil import iter_modules

import pytest

from steering_core import views
from steering_core.meeting import agenda
from steering_core.texts import has
from steering_core.views import registry
from tests.conftest import REPO


def test_every_page_file_is_registered_once_and_exists():
    files = [page.file for page in registry.PAGES]
    assert len(set(files)) == len(files)
    assert sorted(files) == sorted(f"pages/{p.name}" for p in (REPO / "pages").glob("*.py"))
    assert len({page.url_path for page in registry.PAGES}) == len(registry.PAGES)
    assert [page.default for page in registry.PAGES].count(True) == 1
    assert all(has(page.title_key) for page in registry.PAGES)


def test_every_view_module_with_figures_is_registered():
    with_builders = {m.name for m in iter_modules(views.__path__)
                     if hasattr(__import__(f"steering_core.views.{m.name}", fromlist=["x"]), "BUILDERS")}
    assert with_builders == set(registry.VIEWS)


def test_the_agenda_holds_every_figure_of_every_view_in_menu_order():
    items = agenda.items()
    order = [item.view for item in items.values()]
    assert order[0] == "overview"
    assert list(dict.fromkeys(order[1:])) == list(registry.VIEWS)
    for view in registry.VIEWS:
        assert {k for k, item in items.items() if item.view == view} == set(registry.module(view).BUILDERS)


def test_a_view_that_fails_to_import_is_an_error_not_a_gap(monkeypatch):
    broken = replace(registry.PAGES[1], view="no_such_view")
    monkeypatch.setattr(registry, "PAGES", (*registry.PAGES, broken))
    monkeypatch.setattr(registry, "VIEWS", (*registry.VIEWS, "no_such_view"))
    with pytest.raises(ModuleNotFoundError):
        agenda.items()


def test_an_unregistered_view_is_refused():
    with pytest.raises(registry.UnknownView):
        registry.module("figure")

"""Privacy mode over every page, chart embed, language and a search for a name: the leak
scanner finds no personal name in anything a page puts on screen (AppTest)."""

from __future__ import annotations

import pytest

from dashboard.atlas import atlas
from dashboard.figures import catalog
from dashboard.i18n import LANGUAGES
from dashboard.pages import PAGES
from tests.app.helpers import run
from tests.leaks import LeakScanner, apptest_text

pytestmark = pytest.mark.xdist_group("apptest")
SCANNER = LeakScanner(atlas().ds)
QUERIES = ({}, {"q": "Carmen Aristegui"}, {"tc": "MEX", "status": "attempted"})


@pytest.mark.parametrize("lang", [lang.code for lang in LANGUAGES])
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.id)
def test_no_page_shows_a_name_in_privacy_mode(page, lang):
    found = {}
    for extra in QUERIES:
        at = run(page, {"privacy": "1", "lang": lang, **extra})
        assert not at.exception, [e.message for e in at.exception]
        hits = SCANNER.hits(apptest_text(at))
        if hits:
            found[str(extra)] = sorted(set(hits))
    assert found == {}


@pytest.mark.parametrize("chart_id", list(catalog.CHARTS))
def test_no_embed_shows_a_name_in_privacy_mode(chart_id):
    at = run(params={"embed": chart_id, "privacy": "1", "q": "Ahmed Mansoor"})
    assert SCANNER.hits(apptest_text(at)) == []


def test_a_linked_search_is_not_followed_in_privacy_mode():
    at = run("targets", {"privacy": "1", "q": "Omar Radi"})
    text = apptest_text(at)
    assert "Radi" not in text
    assert "search text is not used in privacy mode" in text
    assert "q" not in at.query_params  # the address bar does not keep it either
    assert at.sidebar.text_input[0].proto.type == at.sidebar.text_input[0].proto.PASSWORD


def test_a_typed_search_applies_but_is_withheld_from_the_description():
    at = run("targets", {"privacy": "1"})
    at.sidebar.text_input[0].input("Radi").run()
    text = apptest_text(at)
    assert "terms withheld in privacy mode" in text
    assert "q" not in at.query_params

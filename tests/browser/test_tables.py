"""Tables at phone width (issue 12): a table marked ``inspraak-table--stack`` shows each row as a card with the
column names from ``data-label``, needs no sideways scrolling, and stays a table for screen readers. Officers'
pages (``{% block page_width %}``) use the width of a desktop screen, with running text kept to a readable width."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.test_pages import DESKTOP, PHONE, assert_accessible
from tests.quality.browser import page_width

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser"), pytest.mark.django_db(transaction=True)]

# Per stacked table: is any table wider than its box, what each labelled cell of the first row shows before its
# value, and how large the column header row is drawn.
MEASURE = """() => [...document.querySelectorAll('table.inspraak-table--stack')].map(table => {
  const box = table.closest('.inspraak-table-wrap') || table.parentElement;
  const cells = [...table.tBodies[0].rows[0].cells].filter(cell => cell.dataset.label);
  return {
    overflows: table.scrollWidth > box.clientWidth + 1 || box.scrollWidth > box.clientWidth + 1,
    labels: cells.map(cell => [cell.dataset.label, getComputedStyle(cell, '::before').content]),
    headerHeight: table.tHead.getBoundingClientRect().height,
  };
})"""


def _ax_roles(page) -> set[str]:
    """The roles in Chromium's own accessibility tree (what a screen reader gets), not Playwright's guess."""
    tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")
    return {node["role"]["value"] for node in tree["nodes"] if not node.get("ignored") and "role" in node}


def test_a_stacked_table_fits_a_phone_shows_its_column_names_and_stays_a_table(world, new_context):
    url = reverse("members:list", kwargs={"region": world.region.slug, "body": world.body.slug})
    page = new_context(world.user("secretary"), viewport=PHONE).new_page()
    page.goto(url)

    assert page_width(page) <= PHONE["width"]
    tables = page.evaluate(MEASURE)
    assert tables, "the member list has a stacked table"
    for table in tables:
        assert not table["overflows"], "a stacked table needs no sideways scrolling"
        assert table["labels"], "every cell but the row's name carries its column name"
        for label, shown in table["labels"]:
            assert label in shown, f"the cell shows its column name {label!r} before its value, not {shown!r}"
        assert table["headerHeight"] <= 1, "the header row is hidden from sight on a phone"
    assert page.get_by_text("Rol", exact=True).first.is_visible()
    assert {"table", "row", "columnheader", "rowheader", "cell"} <= _ax_roles(page), "still a table"
    assert_accessible(page, "stacked member list at 360 px")

    page.set_viewport_size(DESKTOP)
    for table in page.evaluate(MEASURE):
        assert all(shown == "none" for _, shown in table["labels"]), "on a wide screen: an ordinary table"
        assert table["headerHeight"] > 20


def test_officers_pages_use_a_desktop_width_and_keep_text_readable(world, new_context):
    audit_log = reverse("regions:audit_log", kwargs={"region": world.region.slug})
    member_list = reverse("members:list", kwargs={"region": world.region.slug, "body": world.body.slug})
    page = new_context(world.user("admin"), viewport=DESKTOP).new_page()
    widths = "() => [document.querySelector('main').clientWidth, document.querySelector('main p').clientWidth]"

    page.goto(audit_log)
    main, paragraph = page.evaluate(widths)
    assert main >= 1200, f"the audit log uses the screen's width, not {main} px"
    assert paragraph <= 48 * 16, "running text stays a readable line length"
    assert page_width(page) <= DESKTOP["width"]

    page.goto(member_list)
    main, _ = page.evaluate(widths)
    assert main <= 62 * 16, "other pages keep the reading width"

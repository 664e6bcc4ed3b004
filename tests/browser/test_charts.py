"""What a person sees of each chart page, at degenerate filters: one session and one theme, every session,
and a generated corpus of 30 sessions (its own server, started once for the module).

Read from the DOM (Vega charts are SVG; the themes grid and bars are HTML, the grid in a component's shadow
root): no text cut at the chart's or its column's edge (or, for a shortened HTML label, without its full text
on hover), no title shortened, no two labels overlapping (rotated boxes compared), no legend over the cells, no
chart drawn empty or wider than its column, and no page without either a drawn chart or a message saying there
is no data. Clicks (and the keyboard) on the grid, the network and the map still open their sentences.
"""

from __future__ import annotations

import re

import pytest
from conftest import App, serve

import idm_data
from benchmarks.corpus_generator import generate

expect = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed").expect

pytestmark = pytest.mark.browser

CHART_PAGES = ["/themes", "/network", "/countries", "/organisations"]
ONE_SESSION_ONE_THEME = "session=idm-2018-1&theme=gcm-23"
GENERATED_SESSIONS = 30

# Everything a reader could find wrong with the page's charts, as a list of problems, and what was seen.
LOOK = """() => {
  const problems = [], LEADING = 0.2;
  const shown = el => {
    for (let e = el; e && e.tagName !== 'svg'; e = e.parentNode) {
      const o = e.getAttribute && e.getAttribute('opacity');
      if (o !== null && parseFloat(o) === 0) return false;
    }
    return el.textContent.trim() !== '';
  };
  const quad = el => {  // the glyphs' box on screen: a text's box holds its line's leading, a fifth above and below
    const b = el.getBBox(), m = el.getScreenCTM(), lead = LEADING * b.height / (el.querySelectorAll('tspan').length || 1);
    const [x0, y0, x1, y1] = [b.x + 0.5, b.y + lead, b.x + b.width - 0.5, b.y + b.height - lead];
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]].map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
  };
  const extent = q => [Math.min(...q.map(p => p[0])), Math.min(...q.map(p => p[1])),
                       Math.max(...q.map(p => p[0])), Math.max(...q.map(p => p[1]))];
  const apart = (p, q) => {  // separating axis test of two convex quads
    for (const poly of [p, q]) for (let i = 0; i < 4; i++) {
      const [x1, y1] = poly[i], [x2, y2] = poly[(i + 1) % 4], nx = y2 - y1, ny = x1 - x2;
      const a = p.map(([x, y]) => x * nx + y * ny), b = q.map(([x, y]) => x * nx + y * ny);
      if (Math.max(...a) <= Math.min(...b) || Math.max(...b) <= Math.min(...a)) return true;
    }
    return false;
  };
  const roots = [document, ...[...document.querySelectorAll('*')].filter(e => e.shadowRoot).map(e => e.shadowRoot)];
  const vega = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
    .map(chart => ({chart, svg: chart.querySelector('svg.marks'), marks: 'g.role-mark > *'}));
  const drawn = roots.flatMap(root => [...root.querySelectorAll('.idm-network, .idm-map')])
    .map(chart => ({chart, svg: chart.querySelector('svg'), marks: '[data-pick]'}));
  const charts = vega.concat(drawn).map(({chart, svg, marks: selector}, n) => {
    const name = `chart ${n + 1}`;
    if (!svg) { problems.push(`${name}: not drawn`); return {marks: 0, names: 0}; }
    const marks = svg.querySelectorAll(selector).length;
    if (!marks) problems.push(`${name}: drawn empty`);
    const frame = svg.getBoundingClientRect(), host = chart.getRootNode().host || chart;
    const column = (host.closest('[data-testid="stColumn"]') || host.closest('[data-testid="stMain"]'))
      .getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')].filter(shown).map(el => {
      const q = quad(el), [x0, y0, x1, y1] = extent(q);
      return {el, text: el.textContent, q, box: [x0, y0, x1, y1], x0, y0, x1, y1,
              role: el.closest('g[class*="role-"], g[class^="idm-"]')?.getAttribute('class') || ''};
    });
    for (const t of texts) {
      if (t.x0 < frame.left - 1 || t.x1 > frame.right + 1 || t.y0 < frame.top - 1 || t.y1 > frame.bottom + 1)
        problems.push(`${name}: "${t.text}" cut at the chart's edge`);
      if (t.x0 < column.left - 1 || t.x1 > column.right + 1)
        problems.push(`${name}: "${t.text}" reaches past its column`);
      if (/role-(title|axis-title|legend-title)/.test(t.role) && t.text.endsWith('…'))
        problems.push(`${name}: title "${t.text}" shortened`);
    }
    const byLeft = [...texts].sort((a, b) => a.box[0] - b.box[0]);
    for (let i = 0; i < byLeft.length; i++) for (let j = i + 1; j < byLeft.length; j++) {
      const a = byLeft[i], b = byLeft[j];
      if (b.box[0] >= a.box[2]) break;
      if (b.box[1] >= a.box[3] || a.box[1] >= b.box[3]) continue;
      if (!apart(a.q, b.q)) problems.push(`${name}: "${a.text}" overlaps "${b.text}"`);
    }
    return {marks, named: texts.filter(t => /mark-text role-mark|idm-names/.test(t.role)).length};
  });
  const html = roots.flatMap(root => [...root.querySelectorAll('.idm-grid, .idm-bars')]).map((chart, n) => {
    const name = `${chart.className} ${n + 1}`, rect = e => e.getBoundingClientRect();
    const host = chart.getRootNode().host || chart;
    const column = rect(host.closest('[data-testid="stColumn"]') || host.closest('[data-testid="stMain"]'));
    const cells = chart.querySelectorAll('button, .idm-bar, .idm-bubble').length;
    if (!cells) problems.push(`${name}: drawn empty`);
    const scroller = chart.querySelector('.idm-grid-scroll');
    if (scroller && scroller.scrollWidth > scroller.clientWidth + 1) problems.push(`${name}: wider than its column`);
    if (rect(chart).right > column.right + 1) problems.push(`${name}: reaches past its column`);
    const labels = [...chart.querySelectorAll('th span, th[scope=row], .idm-chart-title, .idm-chart-note, .idm-legend > span')]
      .filter(e => e.textContent.trim());
    for (const e of labels) {
      const cut = e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1;
      if (cut && !(e.closest('[title]')?.getAttribute('title') || '').startsWith(e.textContent.replace(/…$/, '')))
        problems.push(`${name}: "${e.textContent}" cut without its full text on hover`);
    }
    const boxes = labels.map(e => ({text: e.textContent, r: rect(e)}));
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].r, b = boxes[j].r;
      if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
        problems.push(`${name}: "${boxes[i].text}" overlaps "${boxes[j].text}"`);
    }
    const legend = chart.querySelector('.idm-legend'), table = chart.querySelector('table');
    if (legend && table && rect(legend).bottom > rect(table).top + 1) problems.push(`${name}: legend over the cells`);
    return {kind: chart.className, cells, columns: chart.querySelectorAll('thead th').length};
  });
  const alerts = [...document.querySelectorAll('[data-testid="stAlert"]')].map(a => a.innerText);
  return {problems: problems.slice(0, 20), charts: charts.concat(html), alerts};
}"""

DRAWN = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
  .every(c => c.querySelector('svg.marks g.role-mark'))
  && [...document.querySelectorAll('*')].filter(e => e.shadowRoot).every(e => e.shadowRoot.querySelector('div'))"""


@pytest.fixture(scope="module")
def corpus30_url(browser_context, tmp_path_factory):
    """A dashboard over a generated corpus of 30 sessions (two documents each), opened once at / so its
    tables are built."""
    folder = tmp_path_factory.mktemp("corpus30")
    generate(folder / "corpus", 2 * GENERATED_SESSIONS, seed=7)
    with serve(folder, corpus=folder / "corpus") as url:
        tab = browser_context.new_page()
        App(tab, url).open("/")
        tab.close()
        yield url


def look(app: App, path: str) -> dict:
    """Open `path`, wait until every chart is drawn, and read the page as a person would."""
    app.open(path)
    app.page.wait_for_function(DRAWN)
    return app.page.evaluate(LOOK)


def assert_readable(seen: dict, path: str) -> None:
    assert not seen["problems"], f"{path}: {seen['problems']}"
    if not seen["charts"]:
        assert any("No data" in a for a in seen["alerts"]), f"{path}: no chart and no message saying why"


@pytest.mark.parametrize("path", CHART_PAGES)
@pytest.mark.parametrize("query", ["", ONE_SESSION_ONE_THEME], ids=["every session", "one session, one theme"])
def test_chart_pages_read_well(app, path, query):
    seen = look(app, f"{path}?{query}" if query else path)
    assert_readable(seen, path)
    if path == "/themes":
        assert seen["charts"], "the themes grid is drawn at every filter of the packaged corpus"


@pytest.mark.parametrize("path", CHART_PAGES)
def test_chart_pages_read_well_with_30_sessions(page, corpus30_url, path):
    seen = look(App(page, corpus30_url), path)
    assert_readable(seen, path)
    assert seen["charts"]


def test_the_grid_of_30_sessions_has_a_column_per_session(page, corpus30_url):
    app = App(page, corpus30_url)
    seen = look(app, "/themes")
    [grid] = [chart for chart in seen["charts"] if chart.get("kind") == "idm-grid"]
    n_themes = len(idm_data.load()["themes"])  # the generated corpus uses the packaged codebook
    assert grid["columns"] == GENERATED_SESSIONS and grid["cells"] == GENERATED_SESSIONS * n_themes


def test_the_network_names_its_most_central_actors(app):
    seen = look(app, "/network")
    [network] = seen["charts"]
    assert network["named"] >= 10  # names drawn (and visible) on the chart, checked above not to overlap
    table = app.page.locator(".idm-table").first  # the centrality table, beside the chart
    expect(table.locator("th").nth(3)).to_be_visible()  # actor, partners, sentences, betweenness in view
    chart_box = app.page.locator(".idm-network svg").bounding_box()
    table_box = table.bounding_box()
    assert table_box["x"] >= chart_box["x"] + chart_box["width"] - 1  # beside, not under, at 1280 px
    header = table.locator("th").nth(3).bounding_box()
    assert header["x"] + header["width"] <= table_box["x"] + table_box["width"] + 1  # not scrolled out of sight


def test_a_click_on_the_grid_opens_the_cell(app):
    look(app, "/themes?cell_session=idm-2017-2&cell_theme=gcm-07")
    app.page.locator("button[data-pick]").first.click()  # the first session's first theme
    app.wait()
    expect(app.page).to_have_url(re.compile(r"cell_theme=gcm-01"))
    expect(app.page.get_by_test_id("stMain").locator("h3").first).to_contain_text("GCM 1")
    expect(app.page.locator("button.idm-chosen")).to_have_attribute("data-pick", re.compile("gcm-01"))
    app.page.locator("button[data-pick]").nth(1).focus()  # and from the keyboard: the second session's cell
    app.page.keyboard.press("Enter")
    app.wait()
    expect(app.page).to_have_url(re.compile(r"cell_session=idm-2017-2"))


def test_a_click_on_a_node_opens_its_sentences(app):
    look(app, "/network")
    app.page.locator("circle[data-pick]").first.click()  # the most central actor
    app.wait()
    expect(app.page.locator(".idm-evidence p").first).to_be_visible()
    expect(app.page.locator("circle[data-pick]").first).to_have_attribute("stroke", "#d62728")
    app.page.locator("line[data-pick]").first.dispatch_event("click")  # an edge
    app.wait()
    expect(app.page.get_by_test_id("stMain").get_by_text(" — ").first).to_be_visible()


def test_a_click_on_a_country_opens_its_sentences(app):
    look(app, "/countries?country=ECU")
    mexico = app.page.locator('.idm-map path[data-pick*="MEX"]')
    mexico.click()
    app.wait()
    expect(app.page).to_have_url(re.compile(r"country=MEX"))
    expect(app.page.locator(".idm-evidence mark").first).to_have_text(re.compile("Mexic"))

"""Accessibility, checked by machine: axe-core (npm, pinned in tests/browser/axe/)
injected by Playwright into every page that dashboard.py registers, and a keyboard
walk through each page's controls.

Target: no serious or critical axe violation of the project's own making. Streamlit's
own navigation markup fails two rules: excluded for those rules in that container only
(UPSTREAM_RULES, UPSTREAM_CONTAINER). Install axe with
`npm ci --prefix tests/browser/axe`; without it these tests skip with that reason.
Run: python -m pytest tests/browser/test_accessibility.py -q -s  (-s prints every
violation, minor ones too).
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, registered_pages

pytestmark = pytest.mark.browser

AXE = ROOT / "tests" / "browser" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
# Streamlit's sectioned navigation puts each section's links in a <div> inside its <ul>, so the
# <ul> holds a non-<li> ("list") and the <li>s are not in a list ("listitem"). That markup is
# Streamlit's (upstream), not ours: these two rules are excluded inside that container only.
UPSTREAM_RULES = ("list", "listitem")
UPSTREAM_CONTAINER = '[data-testid="stSidebarNavItems"]'
PAGES = registered_pages()
TAB_BATCH = 10  # Tab presses between two looks at what has been focused
MAX_EXPANDERS = 12  # more than any page has: a guard against a loop that never ends


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.skip(f"{AXE.relative_to(ROOT)} is absent: run `npm ci --prefix tests/browser/axe` (needs Node.js "
                    "and npm) to run the accessibility tests")
    return AXE.read_text(encoding="utf-8")


RUN_AXE = """async (container) => {
    const results = await axe.run(document, {resultTypes: ['violations']});
    return results.violations.map(v => ({rule: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => ({
        target: n.target, html: n.html.slice(0, 160), summary: n.failureSummary || '',
        in_container: Boolean(document.querySelector(n.target[0])?.closest(container))}))}));
}"""


def axe_violations(page, axe_source: str) -> list[dict]:
    """Every violation axe finds in the page as it stands: rule, impact, and each node's target and
    markup, and whether it lies in Streamlit's navigation."""
    page.add_script_tag(content=axe_source)
    return page.evaluate(RUN_AXE, UPSTREAM_CONTAINER)


def is_upstream(rule: str, node: dict) -> bool:
    return rule in UPSTREAM_RULES and node["in_container"]


def ours(violations: list[dict]) -> list[dict]:
    """The violations that are the project's to fix: upstream nodes removed."""
    kept = []
    for violation in violations:
        nodes = [n for n in violation["nodes"] if not is_upstream(violation["rule"], n)]
        if nodes:
            kept.append(violation | {"nodes": nodes})
    return kept


def report(path: str, violations: list[dict]) -> str:
    lines = [f"axe on {path}: {sum(len(v['nodes']) for v in violations)} node(s) in {len(violations)} rule(s)"]
    lines += [f"  {v['impact']:>8} {v['rule']} ({len(v['nodes'])}): {v['help']}; first: "
              f"{json.dumps(v['nodes'][0]['target'])} {v['nodes'][0]['html']}" for v in violations]
    return "\n".join(lines)


def test_every_registered_page_is_checked():
    """The sweep below covers what dashboard.py registers, so a new page is checked too."""
    assert "/" in PAGES and len(PAGES) == len((ROOT / "dashboard.py").read_text().split("st.Page(")) - 1


def open_every_expander(app) -> int:
    """Open the page's expanders one by one (each opening reruns the page); how many were opened."""
    closed = app.page.locator('[data-testid="stExpander"] details:not([open]) > summary')
    opened = 0
    while closed.count() and opened < MAX_EXPANDERS:
        closed.first.click()
        app.settle()  # its rerun draws what it holds (a test that marks the controls at once races it)
        opened += 1
    return opened


@pytest.mark.parametrize("path", list(PAGES))
def test_no_serious_or_critical_violation(app, axe_source, path):
    """As the page opens, then with every expander open (tables, code, the citation)."""
    app.open(path)
    found = ours(axe_violations(app.page, axe_source))
    print(report(path, found))
    opened = open_every_expander(app)
    found_open = ours(axe_violations(app.page, axe_source))
    print(report(f"{path} with {opened} expander(s) opened", found_open))
    blocking = [v for v in found + found_open if v["impact"] in BLOCKING]
    assert not blocking, report(path, blocking)


# every control that is shown (not in a closed <details>): links, buttons and fields, and any
# other element in the tab order; each is marked with its index and described by whether it is
# in the tab order and which Streamlit element holds it; then every focus is recorded
MARK_CONTROLS = """() => {
    const native = 'a[href], button, input, select, textarea';
    const controls = [...document.querySelectorAll(native + ', summary, [tabindex]')]
        .filter(e => !e.disabled && !e.closest('[inert]') && !e.matches('input[type=hidden]')
                     && (e.getAttribute('tabindex') !== '-1' || e.matches(native))
                     && e.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true}));
    const holders = [...document.querySelectorAll('[data-testid="stElementContainer"]')];
    controls.forEach((e, i) => e.setAttribute('data-a11y-control', i));
    window.a11yFocused = new Set();
    document.addEventListener('focusin', event => {
        const control = event.composedPath()[0].closest?.('[data-a11y-control]');
        if (control) window.a11yFocused.add(Number(control.getAttribute('data-a11y-control')));
    }, true);
    return controls.map(e => ({html: e.outerHTML.slice(0, 160), in_tab_order: e.tabIndex >= 0,
                               holder: holders.indexOf(e.closest('[data-testid="stElementContainer"]'))}));
}"""


def unreachable(controls: list[dict], focused: set[int]) -> list[str]:
    """Controls in the tab order that never got focus, and controls out of it (a select's "Open"
    button, a file input behind its "Browse" button) whose widget has no control that did."""
    reached_holders = {controls[i]["holder"] for i in focused} - {-1}
    return [c["html"] for i, c in enumerate(controls)
            if i not in focused and (c["in_tab_order"] or c["holder"] not in reached_holders)]


@pytest.mark.parametrize("path", list(PAGES))
def test_every_control_is_reachable_with_the_tab_key(app, path):
    """Tabbing through the page (every expander open) reaches every control, or for a
    composite widget the control that stands for it: none is skipped or trapped.
    (Charts are not controls: each has a picker beside it.)"""
    app.open(path)
    open_every_expander(app)
    controls = app.page.evaluate(MARK_CONTROLS)
    wanted = {i for i, c in enumerate(controls) if c["in_tab_order"]}
    focused: set[int] = set()
    # the walk starts wherever focus is and wraps around at the end: a few rounds cover every stop
    for _ in range(3 * len(controls) // TAB_BATCH + 2):
        for _ in range(TAB_BATCH):
            app.page.keyboard.press("Tab")
        focused = set(app.page.evaluate("() => [...window.a11yFocused]"))
        if wanted <= focused:
            break
    missed = unreachable(controls, focused)
    assert wanted and not missed, f"{len(missed)} of {len(controls)} controls never get focus: {missed[:5]}"


def test_the_upstream_exclusion_matches_only_streamlits_navigation(app, axe_source):
    """The excluded rule does fail on Streamlit's navigation (else the exclusion is stale),
    and nothing else is excluded."""
    app.open("/")
    violations = axe_violations(app.page, axe_source)
    excluded = [(v["rule"], n["target"]) for v in violations for n in v["nodes"] if is_upstream(v["rule"], n)]
    assert excluded, "Streamlit's navigation passes axe now: drop UPSTREAM"
    assert {rule for rule, _ in excluded} == set(UPSTREAM_RULES)

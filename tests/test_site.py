"""The reference site (``make site``), built from the stored lessons into a temporary folder.

One build per test session (about 7 s), then checks of what it wrote: no warning, every
lesson page in course order, figures with alternative text, no dead internal link,
solutions folded, lesson and licence links. The figures' alternative text is also checked
in the stored lessons themselves, and in nbconvert's HTML made with the project's template.
"""

from __future__ import annotations

import base64
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest
from build_site import ROOT, SOURCE, build
from nbcheck import LESSONS, check_image_alt, exercise_groups
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

sys.path.insert(0, str(SOURCE / "_site"))
import lsq_site  # noqa: E402  (the site's local Sphinx extension)

STEMS = [Path(name).stem for name in LESSONS]
BINDER = "https://mybinder.org/v2/gh/lsq-tutorials/least-squares-fitting/main"
NBCONVERT_TEMPLATE = SOURCE / "_site" / "nbconvert" / "alt_text.html.j2"
#: A 1x1 PNG, for notebooks made up by the tests.
PNG = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
    )
).decode()


class Page(HTMLParser):
    """The parts of an HTML page the checks read: elements with their attributes, ids."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str], list[str]]] = []  # tag, attrs, ancestors
        self.ids: set[str] = set()
        self._open: list[str] = []
        self._stack: list[tuple[str, dict[str, str]]] = []
        self.feed(text)

    VOID = {"img", "br", "hr", "meta", "link", "input", "source", "col", "area", "base", "wbr"}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        ancestors = [f"{t}.{' '.join(sorted(x.get('class', '').split()))}" for t, x in self._stack]
        self.elements.append((tag, a, ancestors))
        for key in ("id", "name"):
            if a.get(key):
                self.ids.add(a[key])
        if tag not in self.VOID:
            self._stack.append((tag, a))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break

    def find(self, tag: str, cls: str | None = None) -> list[dict[str, str]]:
        return [
            a
            for t, a, _ in self.elements
            if t == tag and (cls is None or cls in a.get("class", "").split())
        ]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    done = build(out)
    return out / "html", done


@pytest.fixture(scope="module")
def pages(site):
    html, _ = site
    # every page of the site (the theme's _static/ also holds HTML template snippets)
    return {
        p.relative_to(html).as_posix(): Page(p.read_text(encoding="utf-8"))
        for p in html.rglob("*.html")
        if "_static" not in p.relative_to(html).parts
    }


def test_site_builds_without_a_warning(site):
    _, done = site
    assert done.returncode == 0 and done.stderr.strip() == "", done.stderr[-4000:]


@pytest.mark.parametrize("stem", STEMS)
def test_every_lesson_has_a_page(site, stem):
    html, _ = site
    assert (html / f"{stem}.html").is_file()


def test_the_lessons_come_in_course_order_with_previous_and_next_links(pages):
    order = ["index", *STEMS]
    for before, page, after in zip([None, *order[:-1]], order, [*order[1:], None], strict=True):
        links = {a.get("rel"): a.get("href") for a in pages[f"{page}.html"].find("link")}
        assert links.get("prev") == (f"{before}.html" if before else None), page
        assert links.get("next") == (f"{after}.html" if after else None), page


def test_every_image_has_alternative_text(pages):
    bad = []
    for name, page in pages.items():
        for img in page.find("img"):
            alt, src = img.get("alt", "").strip(), img.get("src", "")
            # docutils falls back on the file's address when a figure has no alt text
            if not alt or alt == src or alt.endswith((".png", ".jpg", ".svg")):
                bad.append(f"{name}: <img src={src!r} alt={alt!r}>")
    assert bad == []


def test_no_internal_link_is_dead(site, pages):
    html, _ = site
    dead = []
    for name, page in pages.items():
        for tag, attrs, _ in page.elements:
            for key in ("href", "src"):
                url = attrs.get(key)
                if not url or (tag == "a" and key == "src"):
                    continue
                parts = urlsplit(url)
                if parts.scheme or url.startswith("//") or url.startswith("javascript:"):
                    continue  # external: the build and this test are offline
                path = (html / name).parent / unquote(parts.path) if parts.path else html / name
                if path.is_dir():
                    path = path / "index.html"
                if not path.resolve().is_relative_to(html.resolve()) or not path.is_file():
                    dead.append(f"{name}: {key}={url!r} (no file)")
                    continue
                if parts.fragment and path.suffix == ".html":
                    target = pages[path.resolve().relative_to(html.resolve()).as_posix()]
                    if unquote(parts.fragment) not in target.ids:
                        dead.append(f"{name}: {key}={url!r} (no such anchor)")
    assert dead == []


@pytest.mark.parametrize("stem", STEMS)
def test_solutions_are_folded_closed(pages, stem):
    page = pages[f"{stem}.html"]
    nb = nbformat.read(SOURCE / f"{stem}.ipynb", as_version=4)
    toggles = page.find("details", "lsq-solution")
    assert len(toggles) == len(exercise_groups(nb)) >= 3
    assert all("open" not in t for t in toggles), "a solution is printed open"
    solution_cells = [
        anc
        for t, a, anc in page.elements
        if t == "div" and "tag_solution" in a.get("class", "").split()
    ]
    n_code = sum(
        1
        for c in nb.cells
        if c.cell_type == "code" and lsq_site.SOLUTION_TAG in c.metadata.get("tags", [])
    )
    assert len(solution_cells) == n_code
    assert all(any(a.startswith("details.lsq-solution") for a in anc) for anc in solution_cells)


@pytest.mark.parametrize("stem", STEMS)
def test_lesson_page_links_to_its_notebook_and_to_binder(site, pages, stem):
    html, _ = site
    page = pages[f"{stem}.html"]
    hrefs = [a.get("href", "") for a in page.find("a")]
    downloads = [h for h in hrefs if h.endswith(f"/{stem}.ipynb") and "_downloads/" in h]
    assert downloads, "no 'download this notebook' link"
    assert (html / downloads[0]).read_bytes() == (SOURCE / f"{stem}.ipynb").read_bytes()
    assert f"{BINDER}?urlpath=lab/tree/notebooks/{stem}.ipynb" in hrefs


def test_links_between_lessons_lead_to_the_lesson_pages(pages):
    for name, page in pages.items():
        for a in page.find("a"):
            href = a.get("href", "")
            if href.endswith(".ipynb") and not urlsplit(href).scheme:
                assert "_downloads/" in href or "_sources/" in href, f"{name}: {href}"
    # lesson 2 names lesson 1 as a prerequisite, in a relative .ipynb link
    assert "01_normal_equations.html" in [
        a.get("href") for a in pages["02_minimize.html"].find("a")
    ]


def test_every_lesson_page_has_its_table_of_contents(pages):
    for stem in STEMS:
        nb = nbformat.read(SOURCE / f"{stem}.ipynb", as_version=4)
        headings = [
            ln
            for c in nb.cells
            if c.cell_type == "markdown"
            for ln in c.source.splitlines()
            if ln.startswith("## ")
        ]
        toc = [
            a
            for t, a, anc in pages[f"{stem}.html"].elements
            if t == "a" and any("page-toc" in x or "bd-toc-nav" in x for x in anc)
        ]
        assert len(toc) >= len(headings) > 0, stem


def test_search_covers_every_lesson(site):
    html, _ = site
    index = (html / "searchindex.js").read_text(encoding="utf-8")
    assert (html / "search.html").is_file()
    for stem in STEMS:
        assert f'"{stem}"' in index


def test_home_page_lists_the_lessons_with_the_times_of_the_readme(pages):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## For teachers", 1)[1].split("\n## ", 1)[0]
    times = re.findall(r"^\| *(\d) [^|]*\| *([^|]+?) *\| *([^|]+?) *\|$", section, re.M)
    assert [n for n, _, _ in times] == ["1", "2", "3", "4"]
    home = (SOURCE / "index.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| *(\d) *\|.*\| *([^|]+?) *\| *([^|]+?) *\|$", home, re.M)
    assert rows == times
    hrefs = [a.get("href") for a in pages["index.html"].find("a")]
    assert all(f"{stem}.html" in hrefs for stem in STEMS)


def test_licence_links_work_and_the_licences_are_on_the_site(site, pages):
    html, _ = site
    home = (html / "index.html").read_text(encoding="utf-8")
    for name in ("LICENSE", "LICENSE-TEXT"):
        first = (ROOT / name).read_text(encoding="utf-8").splitlines()[0]
        assert first in home, f"the text of {name} is not on the home page"
    for stem in STEMS:  # each lesson links ../LICENSE and ../LICENSE-TEXT
        hrefs = [a.get("href") for a in pages[f"{stem}.html"].find("a")]
        assert {"index.html#licence-code", "index.html#licence-text"} <= set(hrefs), stem


def test_print_style_wraps_code_and_keeps_solutions_closed(site, pages):
    html, _ = site
    css = (html / "_static" / "lsq-site.css").read_text(encoding="utf-8")
    sheets = [a.get("href", "") for a in pages["01_normal_equations.html"].find("link")]
    assert any(h.split("?")[0] == "_static/lsq-site.css" for h in sheets)
    print_rules = css.split("@media print", 1)[1]
    assert "white-space: pre-wrap" in print_rules
    assert re.search(r"details\.lsq-solution > \.lsq-solution-body \{\s*display: none", print_rules)


def test_mathjax_comes_from_its_cdn_and_no_widget_script_is_loaded(pages):
    scripts = [a.get("src", "") for a in pages["01_normal_equations.html"].find("script")]
    assert any(s.startswith("https://cdn.jsdelivr.net/npm/mathjax@") for s in scripts)
    for name, page in pages.items():
        srcs = [a.get("src", "") for a in page.find("script")]
        assert not any("jupyter-widgets" in s or "require.min.js" in s for s in srcs), name


# --- the stored lessons, and nbconvert's HTML --------------------------------------------


def figure_notebook(alt: str | None) -> nbformat.NotebookNode:
    cell = new_code_cell("plt.plot(x, y)\nplt.show()", execution_count=1)
    cell.outputs = [new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"})]
    if alt is not None:
        cell.metadata["mystnb"] = {"image": {"alt": alt}}
    return new_notebook(cells=[new_markdown_cell("# A figure"), cell])


def test_check_image_alt_refuses_a_missing_or_naming_alt_text():
    assert check_image_alt(figure_notebook("Noisy samples of a cubic trend plus a sine")) == []
    assert "without alternative text" in check_image_alt(figure_notebook(None))[0]
    assert "names the figure" in check_image_alt(figure_notebook("Figure 3"))[0]


def test_check_image_alt_refuses_alt_text_left_on_a_cell_without_a_figure():
    nb = figure_notebook("Noisy samples of a cubic trend plus a sine")
    nb.cells[1].outputs = [new_output("stream", name="stdout", text="no figure any more\n")]
    assert "outputs no image but has alternative text" in check_image_alt(nb)[0]
    # a widget cell draws its figures live, when a slider moves: its text describes those
    view = {"application/vnd.jupyter.widget-view+json": {"model_id": "m", "version_major": 2}}
    nb.cells[1].outputs = [new_output("display_data", data={**view, "text/plain": "VBox()"})]
    assert check_image_alt(nb) == []


def test_nbconvert_template_puts_the_alt_text_on_the_figure():
    # what `jupyter nbconvert --to html --template-file notebooks/_site/nbconvert/...` runs
    from nbconvert import HTMLExporter

    alt = 'Residuals "before" & <after> the robust fit'
    exporter = HTMLExporter(template_file=str(NBCONVERT_TEMPLATE))
    body, _ = exporter.from_notebook_node(figure_notebook(alt))
    imgs = re.findall(r"<img\b[^>]*>", body)
    assert len(imgs) == 1
    page = Page(imgs[0])
    assert page.find("img")[0].get("alt") == alt


# --- the local extension on made-up notebooks ----------------------------------------------


def test_fence_is_longer_than_any_backtick_run_inside():
    assert lsq_site._fence("no code") == "````"
    assert lsq_site._fence("``````python\nx\n``````") == "```````"


def test_prepare_notebook_wraps_solution_text_and_replaces_widgets():
    text = new_markdown_cell("Because $A^T r = 0$.", metadata={"tags": ["solution"]})
    widget = new_code_cell("interact(f)", execution_count=1)
    view = {"model_id": "x", "version_major": 2, "version_minor": 0}
    widget.outputs = [new_output("display_data", data={lsq_site.WIDGET_VIEW: view})]
    nb = new_notebook(cells=[text, widget], metadata={"widgets": {"state": {}}})
    assert lsq_site.prepare_notebook(nb)
    assert nb.cells[0].source.startswith("````{container} lsq-solution-text\n")
    assert nb.cells[0].source.endswith("\n````")
    assert nb.cells[1].outputs[0]["data"] == {"text/markdown": lsq_site.WIDGET_NOTE}
    assert "widgets" not in nb.metadata
    assert not lsq_site.prepare_notebook(new_notebook(cells=[new_markdown_cell("# Title")]))


def test_extension_folds_each_solution_run_and_warns_about_a_figure_without_alt(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(SOURCE / '_site')!r})\n"
        "extensions = ['myst_nb', 'lsq_site']\n"
        "nb_execution_mode = 'off'\n"
        "lsq_binder_url = 'https://binder.example/{name}'\n",
        encoding="utf-8",
    )
    (src / "index.md").write_text("# Home\n\n```{toctree}\nlesson\n```\n", encoding="utf-8")
    sol = {"tags": ["solution"], "jupyter": {"source_hidden": True}}
    cells = [
        new_markdown_cell("# Lesson\n\n## Exercises\n\n**Exercise 1.** Do it."),
        new_code_cell("# your code here", execution_count=1),
        new_markdown_cell("First the idea.", metadata={"tags": ["solution"]}),
        new_code_cell(
            "print(2)",
            execution_count=2,
            metadata=sol,
            outputs=[new_output("stream", name="stdout", text="2\n")],
        ),
        new_markdown_cell("Then ```code``` in the explanation.", metadata={"tags": ["solution"]}),
        new_markdown_cell("**Exercise 2.** Again."),
        new_code_cell("# your code here", execution_count=3),
        new_code_cell("print(3)", execution_count=4, metadata=sol),
        figure_notebook(None).cells[1],
    ]
    nbformat.write(new_notebook(cells=cells), src / "lesson.ipynb")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-q",
            "-W",
            "--keep-going",
            str(src),
            str(tmp_path / "html"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "outputs a figure without alternative text" in done.stderr
    page = (tmp_path / "html" / "lesson.html").read_text(encoding="utf-8")
    parsed = Page(page)
    assert len(parsed.find("details", "lsq-solution")) == 2
    first = page.split('<details class="lsq-solution">')[1].split("</details>")[0]
    assert "First the idea." in first and "Then" in first and "print" in first
    assert "Exercise 2" not in first
    assert "https://binder.example/lesson.ipynb" in page

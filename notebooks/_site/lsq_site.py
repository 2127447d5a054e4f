"""Local Sphinx extension of the lessons' reference site (loaded by ``notebooks/conf.py``).

It lets the stored lessons be published as they are, with no site-only tags in them:

- **Solutions folded.** Every run of consecutive cells tagged ``solution`` (the exercise
  format of the README) becomes one ``<details class="lsq-solution">`` toggle, closed by
  default; its code cells keep their input and output inside it, the explanation
  markdown too. The site's print style keeps the toggles closed on paper.
- **Widgets.** An ``ipywidgets`` output needs a live kernel: on the site it is replaced
  by a note that says where to run it (the lessons give a static figure as well), and
  the widget state is dropped, so no widget JavaScript is loaded from a CDN.
- **Lesson links.** Under the title of every lesson, a "download this notebook" link
  (the stored ``.ipynb``) and a "launch on Binder" link (``lsq_binder_url``).
- **Alternative text.** A figure's alternative text is kept with the cell that draws it,
  ``metadata.mystnb.image.alt``, which MyST-NB puts on the ``<img>``; a cell that
  outputs an image without it is reported (a warning, so an error in ``make site``).
- **Licences.** Links to the licence files at the top of the repository (``../LICENSE``
  in a lesson, which works on GitHub and in JupyterLab) become links to the labels
  given in ``lsq_licence_labels``, where the home page shows the licence texts.

Not a test module: ``pyproject.toml`` keeps pytest from collecting ``notebooks/_site``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator

logger = logging.getLogger(__name__)

SOLUTION_TAG = "solution"
#: Class of the container that wraps a solution's markdown cell until it is grouped.
SOLUTION_TEXT_CLASS = "lsq-solution-text"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_NOTE = (
    "*An interactive widget appears here when the lesson runs with a live Python kernel: "
    "in JupyterLab, or launched on Binder (link at the top of the page).*"
)


class solution(nodes.container):  # lower case, like the node classes of docutils
    """The exercise's solution cells, one toggle: ``<details>`` in HTML, a container elsewhere."""


def visit_solution_html(self: HTML5Translator, node: solution) -> None:
    label = self.config.lsq_solution_label
    self.body.append(
        f'<details class="lsq-solution"><summary>{self.encode(label)}</summary>\n'
        '<div class="lsq-solution-body">\n'
    )


def depart_solution_html(self: HTML5Translator, node: solution) -> None:
    self.body.append("</div>\n</details>\n")


def _fence(text: str) -> str:
    """A backtick fence longer than any run of backticks in ``text``."""
    longest = run = 0
    for ch in text:
        run = run + 1 if ch == "`" else 0
        longest = max(longest, run)
    return "`" * max(4, longest + 1)


def prepare_notebook(nb: nbformat.NotebookNode) -> bool:
    """Adapt a lesson read for the site, in place; return whether anything changed.

    Wraps each markdown cell tagged ``solution`` in a container directive (so the
    transform below can find it: MyST-NB leaves no trace of markdown cell boundaries),
    and replaces every widget output by a note.
    """
    changed = False
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.cell_type == "markdown" and SOLUTION_TAG in tags:
            fence = _fence(cell.source)
            cell.source = f"{fence}{{container}} {SOLUTION_TEXT_CLASS}\n{cell.source}\n{fence}"
            changed = True
        if cell.cell_type == "code":
            for i, output in enumerate(cell.outputs):
                if WIDGET_VIEW in output.get("data", {}):
                    cell.outputs[i] = nbformat.v4.new_output(
                        "display_data", data={"text/markdown": WIDGET_NOTE}
                    )
                    changed = True
    if "widgets" in nb.metadata:
        del nb.metadata["widgets"]
        changed = True
    return changed


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    if Path(app.env.doc2path(docname)).suffix != ".ipynb":
        return
    nb = nbformat.reads(source[0], as_version=4)
    if prepare_notebook(nb):
        source[0] = nbformat.writes(nb)


def is_solution_node(node: nodes.Node) -> bool:
    if not isinstance(node, nodes.container):
        return False
    if SOLUTION_TEXT_CLASS in node["classes"]:
        return True
    tags = node.get("cell_metadata", {}).get("tags", [])
    return node.get("nb_element") == "cell_code" and SOLUTION_TAG in tags


class FoldSolutions(SphinxTransform):
    """Wrap each run of consecutive solution cells in one ``solution`` node."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        parents = {node.parent for node in self.document.findall(is_solution_node)}
        for parent in parents:
            runs: list[list[nodes.Node]] = []
            previous = None
            for child in parent.children:
                if is_solution_node(child):
                    if previous is not None and is_solution_node(previous):
                        runs[-1].append(child)
                    else:
                        runs.append([child])
                previous = child
            for run in runs:
                wrapper = solution(classes=["lsq-solution"])
                parent.insert(parent.index(run[0]), wrapper)
                for child in run:
                    parent.remove(child)
                    if SOLUTION_TEXT_CLASS in child["classes"]:
                        wrapper.extend(child.children)  # the markdown, unwrapped
                    else:
                        wrapper.append(child)


class FiguresNeedAltText(SphinxTransform):
    """Warn about a code cell that outputs an image without ``metadata.mystnb.image.alt``."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        for cell in self.document.findall(nodes.container):
            if cell.get("nb_element") != "cell_code":
                continue
            if not any(True for _ in cell.findall(nodes.image)):
                continue
            image = (cell.get("cell_metadata", {}).get("mystnb") or {}).get("image") or {}
            if not str(image.get("alt", "")).strip():
                logger.warning(
                    "cell %s (counting all cells from 0) outputs a figure without "
                    "alternative text: describe it in the cell's metadata.mystnb.image.alt",
                    cell.get("cell_index"),
                    location=cell,
                    type="lsq",
                    subtype="alt",
                )


class LessonLinks(SphinxTransform):
    """Add "download this notebook" and "launch on Binder" links under a lesson's title."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        path = Path(self.env.doc2path(self.env.docname))
        if path.suffix != ".ipynb":
            return
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is None or not isinstance(section[0], nodes.title):
            return
        download = addnodes.download_reference(
            "", "", refdoc=self.env.docname, reftarget=path.name, refexplicit=True
        )
        download += nodes.inline("", "Download this notebook")
        binder_url = self.config.lsq_binder_url.format(name=path.name)
        binder = nodes.reference("", "Launch it on Binder", refuri=binder_url)
        para = nodes.paragraph(
            "",
            "",
            download,
            nodes.Text(f" ({path.name}, outputs included) · "),
            binder,
            nodes.Text(" (JupyterLab in your browser, nothing to install)"),
        )
        section.insert(1, nodes.container("", para, classes=["lsq-lesson-links"]))


class LicenceLinks(SphinxTransform):
    """Point links to the repository's licence files at the site's licence texts."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        labels: dict[str, str] = self.config.lsq_licence_labels
        root = Path(self.env.srcdir).resolve().parent
        for node in list(self.document.findall(addnodes.download_reference)):
            target = node.get("reftarget", "")
            if "://" in target:
                continue
            _, filename = self.env.relfn2path(target, self.env.docname)
            try:
                name = Path(filename).relative_to(root).as_posix()
            except ValueError:
                continue
            if name not in labels:
                continue
            xref = addnodes.pending_xref(
                "",
                nodes.inline("", node.astext()),
                refdomain="std",
                reftype="ref",
                reftarget=labels[name],
                refexplicit=True,
                refdoc=self.env.docname,
                refwarn=True,
            )
            node.replace_self(xref)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("lsq_binder_url", "", "html", types=[str])
    app.add_config_value("lsq_licence_labels", {}, "env", types=[dict])
    app.add_config_value("lsq_solution_label", "Solution", "html", types=[str])
    app.add_node(solution, html=(visit_solution_html, depart_solution_html))
    app.connect("source-read", on_source_read)
    app.add_transform(FoldSolutions)
    app.add_transform(FiguresNeedAltText)
    app.add_transform(LessonLinks)
    app.add_transform(LicenceLinks)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

"""Sphinx configuration of the lessons' reference site: ``make site`` builds it.

The site is made from the lessons as stored (``nb_execution_mode = "off"``): nothing is
re-run, so it shows exactly the outputs the tests compared, builds in seconds and needs
no network. MathJax is loaded from its usual CDN by the reader's browser. Local
additions (folded solutions, lesson links, licence links) are in ``_site/lsq_site.py``.

Not a test module: ``pyproject.toml`` keeps pytest from collecting this file.
Code, under the MIT licence (LICENSE).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_site"))

REPOSITORY = "lsq-tutorials/least-squares-fitting"
BRANCH = "main"

project = "Least-squares model fitting with NumPy and SciPy"
author = "The least-squares tutorials authors"
copyright = "2026 The least-squares tutorials authors · code MIT, text and figures CC BY 4.0"

extensions = ["myst_nb", "lsq_site"]
# Only the home page and the lessons are pages; _site/ holds the extension and styles.
exclude_patterns = ["_site", "**.ipynb_checkpoints"]
root_doc = "index"

# MyST-NB: render the stored outputs, never execute.
nb_execution_mode = "off"
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3

# Local extension (_site/lsq_site.py).
lsq_binder_url = (
    f"https://mybinder.org/v2/gh/{REPOSITORY}/{BRANCH}?urlpath=lab/tree/notebooks/{{name}}"
)
lsq_licence_labels = {"LICENSE": "licence-code", "LICENSE-TEXT": "licence-text"}
lsq_solution_label = "Solution"

html_theme = "sphinx_book_theme"
html_title = "Least-squares fitting with NumPy and SciPy"
html_static_path = ["_site/static"]
html_css_files = ["lsq-site.css"]
html_sourcelink_suffix = ""  # the theme's download button then gives the .ipynb itself
html_last_updated_fmt = None
html_theme_options = {
    "repository_url": f"https://github.com/{REPOSITORY}",
    "repository_branch": BRANCH,
    "path_to_docs": "notebooks",
    "use_repository_button": True,
    "use_download_button": True,
    "launch_buttons": {"binderhub_url": "https://mybinder.org", "notebook_interface": "jupyterlab"},
    "show_toc_level": 2,
    "home_page_in_toc": True,
    "navbar_persistent": [],  # no second search box in a top bar: the sidebar has one
    "footer_content_items": ["copyright.html"],
}

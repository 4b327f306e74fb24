"""Every third-party import of the repo is named by a requirements file.

CI builds its virtualenv from scratch (`.ci/run`), which catches a missing requirement by failing;
this test names the culprit at once, and also catches a package that is only installed because
another one pulls it in (it would vanish the day that one drops it).
"""

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENT_FILES = sorted(ROOT.glob("requirements*.txt"))
# Folders whose imports are not the project's: caches, virtualenvs, node packages.
SKIPPED_PARTS = {"node_modules", "venv", ".venv", "__pycache__"}


def _listed_distributions():
    """Return the normalised distribution names pinned in the requirements files."""
    names = set()
    for req in REQUIREMENT_FILES:
        for line in req.read_text().splitlines():
            match = re.match(r"\s*([A-Za-z0-9_.\-]+)", line.split("#")[0])
            if match:
                names.add(_normalise(match.group(1)))
    return names


def _normalise(name):
    """PEP 503 normalisation of a distribution name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _local_names():
    """Top-level names that are the repo's own code (packages, add-ons, scripts)."""
    names = {p.name for p in ROOT.iterdir() if p.is_dir()} | {p.stem for p in ROOT.glob("*.py")}
    names |= {p.name for p in (ROOT / "addons").iterdir() if p.is_dir()}
    return names | {"odoo", "conftest", "__future__"}


def _third_party_imports():
    """Map each imported top-level module that is neither stdlib nor local to one file using it."""
    skip = set(sys.stdlib_module_names) | _local_names()
    found = {}
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if any(part.startswith(".") or part in SKIPPED_PARTS for part in rel.parts):
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                sibling = (path.parent / f"{top}.py").exists() or (path.parent / top).is_dir()
                if top not in skip and not sibling:
                    found.setdefault(top, str(rel))
    return found


def test_every_third_party_import_is_a_listed_requirement():
    listed = _listed_distributions()
    providers = importlib.metadata.packages_distributions()
    unlisted = []
    for module, where in sorted(_third_party_imports().items()):
        dists = {_normalise(d) for d in providers.get(module, [])}
        if not dists & listed:
            unlisted.append(
                f"{module} (imported in {where}; installed by: {sorted(dists) or 'nothing'})"
            )
    assert not unlisted, "imports no requirements file names:\n" + "\n".join(unlisted)


@pytest.mark.parametrize(
    "manifest", sorted(ROOT.glob("addons/*/__manifest__.py")), ids=lambda p: p.parent.name
)
def test_addon_python_dependencies_are_listed(manifest):
    declared = (
        ast.literal_eval(manifest.read_text()).get("external_dependencies", {}).get("python", [])
    )
    listed = _listed_distributions()
    assert not [d for d in declared if _normalise(d) not in listed]

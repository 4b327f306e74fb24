"""Plain pytest for the suite's pure-Python code and simulators (no database).

Makes `odoo.addons.<suite module>` importable so pure helpers are imported by their
real dotted path, exactly as Odoo imports them.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import odoo.addons  # noqa: E402  (needs sys.path first)

if str(ROOT / "addons") not in odoo.addons.__path__:
    odoo.addons.__path__.append(str(ROOT / "addons"))

from hypothesis import settings  # noqa: E402

# Timing is not what these properties check, and CI shares two cores with Odoo: no deadline.
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")

"""Silicon Master (SM) simulator: the retailer's ERP playing the ``sm_api_v1.yaml`` contract.

Run ``python -m simulators.silicon_master serve`` (or ``export``), or from Python::

    from simulators.silicon_master import SiliconMasterSimulator
    with SiliconMasterSimulator(contacts=200, articles=100, orders=300, seed=7) as sim:
        ...  # sim.base_url, sim.store, sim.faults
"""

from .clock import CLOCK_START
from .dataset import ENTITIES, Dataset, generate
from .exports import export
from .server import SiliconMasterSimulator
from .store import QueryError, Store
from .totals import order_totals

__all__ = [
    "CLOCK_START",
    "ENTITIES",
    "Dataset",
    "QueryError",
    "SiliconMasterSimulator",
    "Store",
    "export",
    "generate",
    "order_totals",
]

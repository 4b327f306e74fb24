"""Test helpers: a ``requests`` client of the Silicon Master simulator and a starter."""

from pathlib import Path

import requests

from simulators.silicon_master import SiliconMasterSimulator

API_KEY = "test-key"
CONTRACT = (
    Path(__file__).resolve().parents[2] / "addons/sm_connector/static/description/sm_api_v1.yaml"
)


class SmClient:
    """A thin ``requests`` client of the simulator, as the connector would use it."""

    def __init__(self, sim: SiliconMasterSimulator):
        self.sim = sim
        self.base = sim.base_url
        self.http = requests.Session()
        self.http.headers["X-SM-Api-Key"] = API_KEY

    def get(self, path: str, **params) -> requests.Response:
        return self.http.get(self.base + path, params=params, timeout=10)

    def post(self, path: str, body=None) -> requests.Response:
        return self.http.post(self.base + path, json=body or {}, timeout=30)

    def page(self, entity: str, **params) -> dict:
        response = self.get(f"/api/v1/{entity}", **params)
        assert response.status_code == 200, response.text
        return response.json()

    def walk(self, entity: str, limit: int = 200, updated_since=None, between=None) -> list:
        """Every record of the change feed, following cursors; ``between(page_no)`` runs
        after each page (to mutate SM mid-walk)."""
        records, cursor, page_no = [], None, 0
        while True:
            params = {"limit": limit}
            if cursor:
                params["cursor"] = cursor
            elif updated_since:
                params["updated_since"] = updated_since
            body = self.page(entity, **params)
            records.extend(body["data"])
            cursor = body["next_cursor"]
            assert (cursor is None) == (body["remaining"] == 0)
            page_no += 1
            if cursor is None:
                return records
            if between is not None:
                between(page_no)

    def all_ids(self, entity: str, limit: int = 5000) -> list:
        ids, cursor = [], None
        while True:
            params = {"limit": limit, **({"cursor": cursor} if cursor else {})}
            response = self.get(f"/api/v1/{entity}/ids", **params)
            assert response.status_code == 200, response.text
            ids.extend(response.json()["ids"])
            cursor = response.json()["next_cursor"]
            if cursor is None:
                return ids


def start_sim(**sizes) -> SiliconMasterSimulator:
    params = {"contacts": 300, "articles": 200, "orders": 400, "seed": 11, **sizes}
    sim = SiliconMasterSimulator(api_key=API_KEY, **params)
    sim.start()
    return sim

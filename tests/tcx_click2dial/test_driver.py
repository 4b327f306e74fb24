"""The driver plays 3CX's CRM engine: requests built from the template, outputs mapped."""

import threading

import pytest

from odoo.addons.tcx_click2dial.helpers.crm_template import API_KEY_HEADER, build_crm_template
from simulators.common import BackgroundServer, JsonRequestHandler
from simulators.threecx import CallSpec, ThreeCXDriver, render_template


class FakeOdoo(JsonRequestHandler):
    """Answers like Odoo's endpoints and records what 3CX sent."""

    def handle_request(self, method, path, query):
        self.server.app.append(
            {
                "method": method,
                "path": path,
                "query": query,
                "headers": dict(self.headers),
                "body": self.json_body(),
            }
        )
        if path == "/tcx/crm/lookup":
            number = query.get("Number", [""])[0]
            if number.strip().endswith("475123456"):
                return self.send_json(
                    200,
                    {
                        "contact": {
                            "ContactId": "7",
                            "FirstName": "Julie",
                            "LastName": "Lambert",
                            "CompanyName": "",
                            "Email": "j@example.com",
                            "PhoneBusiness": "",
                            "PhoneMobile": "+32475123456",
                            "ContactUrl": "http://odoo/odoo/res.partner/7",
                        }
                    },
                )
            return self.send_json(200, {})
        if path == "/tcx/crm/report-call":
            return self.send_json(201, {"status": "created", "call_id": 1})
        if path == "/tcx/crm/create-contact":
            return self.send_json(
                201, {"contact": {"ContactId": "8", "LastName": "New"}, "created": True}
            )
        return self.send_json(404, {"error": "not_found"})


@pytest.fixture
def odoo():
    seen = []
    server = BackgroundServer(FakeOdoo, seen)
    url = server.start()
    yield url, seen
    server.stop()


def test_lookup_request_and_outputs(odoo):
    url, seen = odoo
    driver = ThreeCXDriver(url, "the-key")
    run = driver.lookup("0032475123456")
    request = seen[-1]
    assert request["method"] == "GET" and request["headers"][API_KEY_HEADER] == "the-key"
    # Prefix="Plus": 3CX sends +32…, unencoded in the query, so Odoo reads " 32…"
    assert request["query"]["Number"] == [" 32475123456"]
    assert request["query"]["CallDirection"] == ["Inbound"]
    assert run.outputs["EntityId"] == "7" and run.outputs["EntityType"] == "Contacts"
    assert run.outputs["ContactUrl"] == "http://odoo/odoo/res.partner/7"
    assert driver.lookup("+3281223344").outputs is None


def test_report_call_body(odoo):
    url, seen = odoo
    driver = ThreeCXDriver(url, "the-key")
    run = driver.report_call(CallSpec("+32475123456", "Outbound", agent="101", talk_seconds=75))
    assert run.status == 201
    body = seen[-1]["body"]
    assert body["CallType"] == "Outbound" and body["CallDirection"] == "Outbound"
    assert body["Duration"] == "00:01:15" and body["Agent"] == "101"
    assert (
        body["CallStartTimeUTC"].endswith("Z") and body["CallEndTimeUTC"] > body["CallStartTimeUTC"]
    )


def test_skip_if_disabled(odoo):
    url, seen = odoo
    xml = build_crm_template(url, "the-key", create_contacts=False)
    driver = ThreeCXDriver(url, "the-key", template=xml)
    assert driver.create_contact("+3281223344", "A", "B").skipped
    driver.template.parameters["ReportCallEnabled"] = "False"
    assert driver.report_call(CallSpec("+32475123456")).skipped
    assert seen == []
    enabled = ThreeCXDriver(
        url, "the-key", template=build_crm_template(url, "the-key", create_contacts=True)
    )
    assert enabled.create_contact("+3281223344", "A", "B").outputs["EntityId"] == "8"


def test_rendered_template_is_the_addon_one(odoo):
    url, _seen = odoo
    assert render_template(url, "k") == build_crm_template(url, "k", create_contacts=True)


def test_cli_drive_demo(odoo):
    url, seen = odoo
    from simulators.threecx.__main__ import main

    assert main(["drive", "--odoo-url", url, "--api-key", "k", "--scenario", "demo"]) == 0
    paths = [request["path"] for request in seen]
    assert paths.count("/tcx/crm/lookup") == 6 and paths.count("/tcx/crm/report-call") == 6
    assert threading.active_count() >= 1

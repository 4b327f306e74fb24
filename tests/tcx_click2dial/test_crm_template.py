"""The 3CX CRM template Odoo serves: structure, and what 3CX's engine does with it."""

import datetime as dt
import xml.etree.ElementTree as ET

from odoo.addons.tcx_click2dial.helpers.call_report import parse_call_report
from odoo.addons.tcx_click2dial.helpers.chat_report import parse_chat_report
from odoo.addons.tcx_click2dial.helpers.crm_template import (
    API_KEY_HEADER,
    CONTACT_KEYS,
    build_crm_template,
    contact_answer,
    split_name,
)
from simulators.threecx import CallSpec, ChatSpec, CrmTemplate, net_format

URL = "https://odoo.example.be"
KEY = "k3y&<\"'>"


def template(**kwargs):
    return build_crm_template(URL, KEY, **kwargs)


def test_structure():
    xml = template()
    assert xml.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    root = ET.fromstring(xml)
    assert root.tag == "Crm" and root.get("Country") == "BE" and root.get("Version") == "2"
    assert root.find("Number").attrib == {"Prefix": "Plus", "MaxLength": ""}
    assert root.find("Authentication").get("Type") == "No"
    params = {p.get("Name"): p.attrib for p in root.iterfind("./Parameters/Parameter")}
    assert params["OdooUrl"]["Default"] == URL
    assert params["ApiKey"]["Default"] == KEY  # escaped in the file, intact once parsed
    assert params["ApiKey"]["Type"] == "Password"
    assert params["CreateContactEnabled"]["Default"] == "False"
    ids = [s.get("Id") for s in root.iterfind("./Scenarios/Scenario")]
    assert ids == [
        "",
        "LookupByEmail",
        "SearchContacts",
        "ReportCall",
        "ReportChat",
        "CreateContactRecordFromClient",
    ]
    assert root.get("SupportsTranscription") == "true"
    for scenario in root.iterfind("./Scenarios/Scenario"):
        header = scenario.find("./Request/Headers/Value")
        assert (header.get("Key"), header.text) == (API_KEY_HEADER, "[ApiKey]")
    lookup = root.find("./Scenarios/Scenario[@Id='']/Request")
    assert (
        lookup.get("Url")
        == "[OdooUrl]/tcx/crm/lookup?Number=[Number]&CallDirection=[CallDirection]"
    )
    assert b"&amp;CallDirection" in xml
    outputs = {o.get("Type") for o in root.iterfind("./Scenarios/Scenario[@Id='']/Outputs/Output")}
    assert outputs == {output for _key, output in CONTACT_KEYS} | {"EntityType"}
    assert b'Default="True"' in template(create_contacts=True)


def test_report_call_body_from_the_template_parses():
    """3CX's engine expands the template's PostValues; our parser reads exactly that."""
    crm = CrmTemplate(template())
    start = dt.datetime(2026, 11, 20, 9, 15)
    spec = CallSpec("+32475123456", "Missed", agent="101", queue="800", start=start)
    request = crm.scenario("ReportCall").find("Request")
    values = {
        v.get("Key"): crm.expand(
            v.text, {**crm.parameters, **spec.variables()}, int(v.get("Passes"))
        )
        for v in request.iterfind("./PostValues/Value")
    }
    assert values["CallStartTimeUTC"] == "2026-11-20T09:15:00Z"
    assert values["CallEstablishedTimeUTC"] == "0001-01-01T00:00:00Z"
    report = parse_call_report(values)
    assert (report.direction, report.status, report.agent, report.queue) == (
        "inbound",
        "missed",
        "101",
        "800",
    )
    assert report.start == start and report.answer is None


def test_net_format():
    moment = dt.datetime(2026, 3, 4, 5, 6, 7)
    assert net_format(moment, "yyyy-MM-ddTHH:mm:ssZ") == "2026-03-04T05:06:07Z"
    assert net_format(None, "yyyy-MM-dd") == "0001-01-01"


def test_split_name_and_answer():
    assert split_name("Julie Lambert", False) == ("Julie", "Lambert")
    assert split_name("Van den Berghe Pieter", False) == ("Van", "den Berghe Pieter")
    assert split_name("Cher", False) == ("", "Cher")
    assert split_name("Meubles SA", True) == ("", "")
    person = {
        "id": 7,
        "name": "Julie Lambert",
        "is_company": False,
        "company_name": "Meubles SA",
        "email": None,
        "phone": "04 223",
        "phone_e164": None,
        "mobile_e164": "+32475123456",
    }
    assert contact_answer(person, "https://o.example/") == {
        "ContactId": "7",
        "FirstName": "Julie",
        "LastName": "Lambert",
        "CompanyName": "Meubles SA",
        "Email": "",
        "PhoneBusiness": "04 223",
        "PhoneMobile": "+32475123456",
        "ContactUrl": "https://o.example/odoo/7/customer-360",
    }
    company = {"id": 8, "name": "Meubles SA", "is_company": True}
    assert contact_answer(company, "")["CompanyName"] == "Meubles SA"


def _post_values(crm, scenario_id, variables):
    request = crm.scenario(scenario_id).find("Request")
    return {
        v.get("Key"): crm.expand(v.text, {**crm.parameters, **variables}, int(v.get("Passes")))
        for v in request.iterfind("./PostValues/Value")
    }


def test_report_call_carries_recording_transcription_and_summary():
    crm = CrmTemplate(template())
    spec = CallSpec(
        "+32475123456",
        "Inbound",
        agent="101",
        start=dt.datetime(2026, 11, 20, 9, 15),
        recording_url="https://pbx.example.be/recordings/42.wav",
        transcription="Bonjour, ma commande…",
        summary="Commande SO123 en retard.",
    )
    report = parse_call_report(_post_values(crm, "ReportCall", spec.variables()))
    assert report.recording_url == "https://pbx.example.be/recordings/42.wav"
    assert (report.transcription, report.summary) == (
        "Bonjour, ma commande…",
        "Commande SO123 en retard.",
    )


def test_report_chat_body_from_the_template_parses():
    crm = CrmTemplate(template())
    start = dt.datetime(2026, 11, 20, 10, 0)
    chat = ChatSpec(
        number="+32475123456",
        email="Julie@Example.com",
        agent="101",
        start=start,
        messages=(("Julie", "Bonjour"), ("Agent", "Bonjour Julie")),
    )
    values = _post_values(crm, "ReportChat", chat.variables())
    assert values["ChatStartTimeUTC"] == "2026-11-20T10:00:00Z"
    report = parse_chat_report(values)
    assert (report.number, report.email, report.agent) == (
        "+32475123456",
        "julie@example.com",
        "101",
    )
    assert report.start == start and report.duration == 240
    assert report.messages.splitlines()[1].endswith("Agent: Bonjour Julie")


def test_email_and_search_scenarios_read_contacts():
    root = ET.fromstring(template())
    by_email = root.find("./Scenarios/Scenario[@Id='LookupByEmail']")
    assert by_email.find("Request").get("Url") == "[OdooUrl]/tcx/crm/lookup-email?Email=[Email]"
    assert by_email.find("./Rules/Rule").text == "contact.ContactId"
    search = root.find("./Scenarios/Scenario[@Id='SearchContacts']")
    assert search.find("Request").get("Url") == "[OdooUrl]/tcx/crm/search?SearchText=[SearchText]"
    assert search.find("./Rules/Rule").text == "contacts.ContactId"
    paths = {v.get("Path") for v in search.iterfind("./Variables/Variable")}
    assert paths == {f"contacts.{key}" for key, _output in CONTACT_KEYS}

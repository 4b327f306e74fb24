"""Plays 3CX's side of the CRM integration against Odoo: lookups, call reports, creations.

Every request is built from the CRM template Odoo serves (the one an admin uploads into
3CX), through :class:`CrmTemplate`, so the driver checks the template as much as the
endpoints. Without a template file, the template is rendered by the add-on's own pure
builder (``addons/tcx_click2dial/helpers/crm_template.py``, loaded by path, no Odoo needed).
"""

import importlib.util
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import requests

from .crm_engine import CrmTemplate

ROOT = Path(__file__).resolve().parents[2]
BUILDER = ROOT / "addons" / "tcx_click2dial" / "helpers" / "crm_template.py"


def render_template(odoo_url, api_key, create_contacts=True):
    """The add-on's template for ``odoo_url``/``api_key`` (bytes)."""
    spec = importlib.util.spec_from_file_location("_tcx_crm_template", BUILDER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build_crm_template(odoo_url, api_key, create_contacts=create_contacts)


def utcnow():
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


@dataclass
class CallSpec:
    """One call as 3CX would report it at hang-up (its ReportCall variables)."""

    number: str
    call_type: str = "Inbound"  # Inbound / Outbound / Missed / Notanswered
    agent: str = ""
    agent_email: str = ""
    name: str = ""
    queue: str = ""
    start: datetime = field(default_factory=utcnow)
    ring_seconds: int = 8
    talk_seconds: int = 95
    entity_id: str = ""
    recording_url: str = ""
    transcription: str = ""
    summary: str = ""

    def variables(self):
        answered = self.call_type in ("Inbound", "Outbound")
        established = self.start + timedelta(seconds=self.ring_seconds) if answered else None
        talk = self.talk_seconds if answered else 0
        end = (established or self.start + timedelta(seconds=self.ring_seconds)) + timedelta(
            seconds=talk
        )
        direction = "Outbound" if self.call_type in ("Outbound", "Notanswered") else "Inbound"
        return {
            "CallType": self.call_type,
            "CallDirection": direction,
            "Number": self.number,
            "Name": self.name,
            "Agent": self.agent,
            "AgentFirstName": "",
            "AgentLastName": "",
            "AgentEmail": self.agent_email,
            "QueueExtension": self.queue,
            "Duration": f"{talk // 3600:02d}:{talk % 3600 // 60:02d}:{talk % 60:02d}",
            "DateTime": self.start,
            "CallStartTimeUTC": self.start,
            "CallEstablishedTimeUTC": established,
            "CallEndTimeUTC": end,
            "EntityId": self.entity_id,
            "EntityType": "Contacts" if self.entity_id else "",
            "RecordingUrl": self.recording_url,
            "Transcription": self.transcription,
            "Summary": self.summary,
        }


@dataclass
class ChatSpec:
    """One chat or SMS conversation as 3CX would report it when it ends (ReportChat)."""

    number: str = ""
    email: str = ""
    name: str = ""
    agent: str = ""
    agent_email: str = ""
    queue: str = ""
    start: datetime = field(default_factory=utcnow)
    seconds: int = 240
    messages: tuple = ()  # (who, text) pairs
    entity_id: str = ""

    def variables(self):
        end = self.start + timedelta(seconds=self.seconds)
        lines = [
            f"[{net_time(self.start + timedelta(seconds=i * 20))}] {who}: {text}"
            for i, (who, text) in enumerate(self.messages)
        ]
        return {
            "Number": self.number,
            "Name": self.name,
            "Email": self.email,
            "Agent": self.agent,
            "AgentEmail": self.agent_email,
            "QueueExtension": self.queue,
            "Duration": f"{self.seconds // 3600:02d}:{self.seconds % 3600 // 60:02d}:"
            f"{self.seconds % 60:02d}",
            "ChatStartTimeUTC": self.start,
            "ChatEndTimeUTC": end,
            "ChatMessages": "\n".join(lines),
            "EntityId": self.entity_id,
            "EntityType": "Contacts" if self.entity_id else "",
        }


def net_time(moment):
    return moment.strftime("%H:%M:%S")


class ThreeCXDriver:
    """3CX's CRM engine pointed at one Odoo: ``lookup``, ``report_call``, ``create_contact``."""

    def __init__(self, odoo_url, api_key, template=None, timeout=30, session=None):
        xml = template if template is not None else render_template(odoo_url, api_key)
        self.template = CrmTemplate(xml, {"OdooUrl": odoo_url.rstrip("/"), "ApiKey": api_key})
        self.timeout = timeout
        self.session = session or requests.Session()

    def lookup(self, number, direction="Inbound"):
        """The lookup 3CX runs when ``number`` calls (or is called); ``.outputs`` or None."""
        variables = {"Number": self.template.format_number(number), "CallDirection": direction}
        return self.template.run("", variables, self.session, self.timeout)

    def lookup_email(self, email):
        """LookupByEmail: what 3CX runs for a chat whose visitor gave an e-mail address."""
        return self.template.run("LookupByEmail", {"Email": email}, self.session, self.timeout)

    def search(self, text):
        """SearchContacts: the 3CX client's search box; ``.contacts`` lists every match."""
        return self.template.run("SearchContacts", {"SearchText": text}, self.session, self.timeout)

    def report_call(self, call: CallSpec):
        return self.template.run("ReportCall", call.variables(), self.session, self.timeout)

    def report_chat(self, chat: ChatSpec):
        return self.template.run("ReportChat", chat.variables(), self.session, self.timeout)

    def create_contact(self, number, first_name="", last_name=""):
        variables = {
            "Number": self.template.format_number(number),
            "CreateContactFirstName": first_name,
            "CreateContactLastName": last_name,
        }
        return self.template.run(
            "CreateContactRecordFromClient", variables, self.session, self.timeout
        )


# The demo contacts of tcx_click2dial (demo/tcx_demo.xml) and the formats 3CX may send.
DEMO_LOOKUPS = (
    "+32475123456",  # Julie Lambert, mobile typed "0475 12 34 56"
    "0032475123456",
    "0475 12 34 56",
    "+3242234567",  # Meubles Dupont SA switchboard, typed "+32 (0)4 223 45 67"
    "+33612345678",  # Camille Martin (Paris), typed "06 12 34 56 78"
    "+3281223344",  # unknown number: no match
)


def demo(driver, out=print, extension="101", queue="800"):
    """The demo scenario: lookups, then a morning of calls reported at hang-up."""
    results = {"lookups": [], "reports": [], "created": None}
    for number in DEMO_LOOKUPS:
        run = driver.lookup(number)
        who = run.outputs and " ".join(
            part
            for part in (
                run.outputs.get("FirstName"),
                run.outputs.get("LastName"),
                run.outputs.get("CompanyName") and f"({run.outputs['CompanyName']})",
            )
            if part
        )
        out(f"lookup {number!r}: HTTP {run.status} -> {who or 'no match'}")
        results["lookups"].append(run)
    start = utcnow() - timedelta(hours=2)
    calls = (
        CallSpec("+32475123456", "Inbound", agent=extension, name="Julie Lambert", start=start),
        CallSpec("+3242234567", "Missed", queue=queue, start=start + timedelta(minutes=20)),
        CallSpec("+33612345678", "Outbound", agent=extension, start=start + timedelta(minutes=35)),
        CallSpec("+3281223344", "Missed", agent=extension, start=start + timedelta(minutes=50)),
        CallSpec(
            "+32475123456", "Notanswered", agent=extension, start=start + timedelta(minutes=70)
        ),
    )
    for call in (*calls, calls[0]):  # the last one replays the first: journaled once
        run = driver.report_call(call)
        out(f"report {call.call_type:<11} {call.number}: HTTP {run.status} {run.answer}")
        results["reports"].append(run)
    run = driver.create_contact("+3281223344", "Nadia", "Peeters")
    out(f"create-contact +3281223344: HTTP {run.status} -> {run.outputs or run.answer}")
    results["created"] = run
    run = driver.lookup_email("julie.lambert@meubles-dupont.example.com")
    out(
        f"lookup-email julie.lambert@…: HTTP {run.status} -> {run.outputs and run.outputs['EntityId']}"
    )
    run = driver.search("Dupont")
    out(f"search 'Dupont': HTTP {run.status} -> {len(run.contacts)} contact(s)")
    chat = ChatSpec(
        number="+32475123456",
        agent=extension,
        start=start + timedelta(minutes=90),
        messages=(("Julie Lambert", "Bonjour, où en est ma commande ?"), ("Agent", "Je regarde.")),
    )
    run = driver.report_chat(chat)
    out(f"report-chat +32475123456: HTTP {run.status} {run.answer}")
    results["chat"] = run
    return results

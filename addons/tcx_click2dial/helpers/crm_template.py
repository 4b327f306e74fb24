# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The 3CX server-side CRM integration template for Odoo, and the answers it reads.

3CX (Admin > Integrations > CRM > Server side) runs the scenarios of an uploaded XML
template: the scenario with an empty ``Id`` looks a caller up by number, ``LookupByEmail``
by e-mail address (chats), ``SearchContacts`` searches contacts from the 3CX client's search
box (``[SearchText]``), ``ReportCall`` journals a call at hang-up (with the recording link,
transcription and summary when 3CX has them), ``ReportChat`` journals a chat or SMS
conversation when it ends, ``CreateContactRecordFromClient`` creates a contact from the 3CX
client (3CX's "CRM template XML description", sections Scenarios, Call Journaling and Chat
Journaling). The template built here points them at this module's endpoints, sends the API
key in a header, and maps our JSON answers to 3CX's outputs.

Stdlib only (``xml.etree``), so the 3CX simulator's driver can render the same template.
"""

import xml.etree.ElementTree as ET

LOOKUP_PATH = "/tcx/crm/lookup"
REPORT_PATH = "/tcx/crm/report-call"
EMAIL_PATH = "/tcx/crm/lookup-email"
SEARCH_PATH = "/tcx/crm/search"
CHAT_PATH = "/tcx/crm/report-chat"
CREATE_PATH = "/tcx/crm/create-contact"
TEMPLATE_PATH = "/tcx/crm/template"
API_KEY_HEADER = "X-Tcx-Api-Key"
TEMPLATE_NAME = "Odoo (tcx_click2dial)"

# Keys of the "contact" object answered by the lookup and the contact creation, and the 3CX
# output each one feeds (variables are prefixed so they never shadow 3CX's own variables).
CONTACT_KEYS = (
    ("ContactId", "EntityId"),
    ("FirstName", "FirstName"),
    ("LastName", "LastName"),
    ("CompanyName", "CompanyName"),
    ("Email", "Email"),
    ("PhoneBusiness", "PhoneBusiness"),
    ("PhoneMobile", "PhoneMobile"),
    ("ContactUrl", "ContactUrl"),
)
# Routing context of the lookup answer (``routing.*``, only for a caller with an open order):
# 3CX variables a call flow can read ([OdooRoutingExtension] …); not contact outputs.
ROUTING_KEYS = ("Showroom", "ShowroomCode", "Extension", "Queue", "Order")
ENTITY_TYPE = "Contacts"
_DATE_FORMAT = '"yyyy-MM-ddTHH:mm:ssZ"'

# JSON body of ReportCall: key -> (3CX expression, passes). Two passes evaluate the
# expression produced by the first one (method calls on dates).
REPORT_VALUES = (
    ("CallType", "[CallType]", 1),
    ("CallDirection", "[CallDirection]", 1),
    ("Number", "[Number]", 1),
    ("Name", "[Name]", 1),
    ("Agent", "[Agent]", 1),
    ("AgentFirstName", "[AgentFirstName]", 1),
    ("AgentLastName", "[AgentLastName]", 1),
    ("AgentEmail", "[AgentEmail]", 1),
    ("QueueExtension", "[QueueExtension]", 1),
    ("Duration", "[Duration]", 1),
    ("DateTime", "[DateTime]", 1),
    ("CallStartTimeUTC", f"[[CallStartTimeUTC].ToString({_DATE_FORMAT})]", 2),
    ("CallEstablishedTimeUTC", f"[[CallEstablishedTimeUTC].ToString({_DATE_FORMAT})]", 2),
    ("CallEndTimeUTC", f"[[CallEndTimeUTC].ToString({_DATE_FORMAT})]", 2),
    ("EntityId", "[EntityId]", 1),
    ("EntityType", "[EntityType]", 1),
    ("RecordingUrl", "[RecordingUrl]", 1),
    ("Transcription", "[Transcription]", 1),
    ("Summary", "[Summary]", 1),
)
CHAT_VALUES = (
    ("Number", "[Number]", 1),
    ("Name", "[Name]", 1),
    ("Email", "[Email]", 1),
    ("Agent", "[Agent]", 1),
    ("AgentEmail", "[AgentEmail]", 1),
    ("QueueExtension", "[QueueExtension]", 1),
    ("Duration", "[Duration]", 1),
    ("ChatStartTimeUTC", f"[[ChatStartTimeUTC].ToString({_DATE_FORMAT})]", 2),
    ("ChatEndTimeUTC", f"[[ChatEndTimeUTC].ToString({_DATE_FORMAT})]", 2),
    ("ChatMessages", "[ChatMessages]", 1),
    ("EntityId", "[EntityId]", 1),
    ("EntityType", "[EntityType]", 1),
)
CREATE_VALUES = (
    ("FirstName", "[CreateContactFirstName]", 1),
    ("LastName", "[CreateContactLastName]", 1),
    ("Number", "[Number]", 1),
)


def _sub(parent, tag, text=None, **attrs):
    element = ET.SubElement(parent, tag, {key: str(value) for key, value in attrs.items()})
    if text is not None:
        element.text = text
    return element


def _request(scenario, url, method, skip_if="", values=None):
    post = method == "Post"
    request = _sub(
        scenario,
        "Request",
        SkipIf=skip_if,
        Url=url,
        MessagePasses="0",
        RequestContentType="application/json" if post else "",
        RequestEncoding="Json" if post else "UrlEncoded",
        RequestType=method,
        ResponseType="Json",
    )
    headers = _sub(request, "Headers")
    _sub(headers, "Value", "[ApiKey]", Key=API_KEY_HEADER, Passes="1", Type="String")
    if values:
        post_values = _sub(request, "PostValues", Key="")
        for key, expression, passes in values:
            _sub(post_values, "Value", expression, Key=key, Passes=passes, Type="String")
    return request


def _contact_outputs(scenario, root="contact", routing=False):
    """Rules/Variables/Outputs reading the ``root`` object (a list is iterated by 3CX);
    ``routing``: also the ``routing.*`` variables of the phone lookup's answer."""
    rules = _sub(scenario, "Rules")
    _sub(rules, "Rule", f"{root}.ContactId", Type="Any")
    variables = _sub(scenario, "Variables")
    for key, _output in CONTACT_KEYS:
        _sub(variables, "Variable", Name=f"Odoo{key}", Path=f"{root}.{key}")
    if routing:
        # the phone lookup's routing context (showroom responsible for the open order)
        for key in ROUTING_KEYS:
            _sub(variables, "Variable", Name=f"OdooRouting{key}", Path=f"routing.{key}")
    outputs = _sub(scenario, "Outputs", AllowEmpty="false")
    for key, output in CONTACT_KEYS:
        _sub(outputs, "Output", Type=output, Passes="0", Value=f"[Odoo{key}]")
    _sub(outputs, "Output", Type="EntityType", Passes="0", Value=ENTITY_TYPE)


def build_crm_template(odoo_url, api_key, version=2, country="BE", create_contacts=False):
    """The template XML (bytes, UTF-8), pre-filled with Odoo's URL and the API key."""
    base = (odoo_url or "").rstrip("/")
    crm = ET.Element(
        "Crm",
        {
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "xmlns:xsd": "http://www.w3.org/2001/XMLSchema",
            "Country": country or "BE",
            "Name": TEMPLATE_NAME,
            "Version": str(int(version)),
            "SupportsEmojis": "true",
            "SupportsTranscription": "true",
        },
    )
    # Plus: 3CX sends +32475123456 when it knows the international form; full length.
    _sub(crm, "Number", Prefix="Plus", MaxLength="")
    _sub(crm, "Connection", MaxConcurrentRequests="4")
    parameters = _sub(crm, "Parameters")
    _sub(
        parameters,
        "Parameter",
        Name="OdooUrl",
        Type="String",
        Editor="String",
        Title="Odoo URL:",
        Default=base,
    )
    _sub(
        parameters,
        "Parameter",
        Name="ApiKey",
        Type="Password",
        Editor="String",
        Title="Odoo API key:",
        Default=api_key or "",
    )
    _sub(
        parameters,
        "Parameter",
        Name="ReportCallEnabled",
        Type="Boolean",
        Editor="String",
        Title="Journal calls in Odoo",
        Default="True",
    )
    _sub(
        parameters,
        "Parameter",
        Name="ReportChatEnabled",
        Type="Boolean",
        Editor="String",
        Title="Journal chats and SMS in Odoo",
        Default="True",
    )
    _sub(
        parameters,
        "Parameter",
        Name="CreateContactEnabled",
        Type="Boolean",
        Editor="String",
        Title="Create contacts in Odoo from the 3CX client",
        Default="True" if create_contacts else "False",
    )
    _sub(crm, "Authentication", Type="No")
    scenarios = _sub(crm, "Scenarios")

    lookup = _sub(scenarios, "Scenario", Id="", Type="REST")
    _request(lookup, f"[OdooUrl]{LOOKUP_PATH}?Number=[Number]&CallDirection=[CallDirection]", "Get")
    _contact_outputs(lookup, routing=True)

    by_email = _sub(scenarios, "Scenario", Id="LookupByEmail", Type="REST")
    _request(by_email, f"[OdooUrl]{EMAIL_PATH}?Email=[Email]", "Get")
    _contact_outputs(by_email)

    search = _sub(scenarios, "Scenario", Id="SearchContacts", Type="REST")
    _request(search, f"[OdooUrl]{SEARCH_PATH}?SearchText=[SearchText]", "Get")
    _contact_outputs(search, root="contacts")

    report = _sub(scenarios, "Scenario", Id="ReportCall", Type="REST")
    _request(report, f"[OdooUrl]{REPORT_PATH}", "Post", "[ReportCallEnabled]!=True", REPORT_VALUES)

    chat = _sub(scenarios, "Scenario", Id="ReportChat", Type="REST")
    _request(chat, f"[OdooUrl]{CHAT_PATH}", "Post", "[ReportChatEnabled]!=True", CHAT_VALUES)

    create = _sub(scenarios, "Scenario", Id="CreateContactRecordFromClient", Type="REST")
    _request(
        create, f"[OdooUrl]{CREATE_PATH}", "Post", "[CreateContactEnabled]!=True", CREATE_VALUES
    )
    _contact_outputs(create)

    ET.indent(crm, space="  ")
    body = ET.tostring(crm, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'.encode()


def split_name(name, is_company):
    """(first, last) for 3CX: a company has neither (it is the CompanyName)."""
    if is_company:
        return "", ""
    parts = (name or "").strip().split(None, 1)
    if len(parts) == 2:
        return parts[0], parts[1]
    return "", parts[0] if parts else ""


def contact_answer(row, base_url):
    """The ``contact`` object for one partner row (see ``res.partner._tcx_lookup``)."""
    first, last = split_name(row["name"], row["is_company"])
    if row["is_company"]:
        company = row["name"] or ""
    else:
        company = row.get("company_name") or ""
    return {
        "ContactId": str(row["id"]),
        "FirstName": first,
        "LastName": last,
        "CompanyName": company,
        "Email": row.get("email") or "",
        "PhoneBusiness": row.get("phone_e164") or row.get("phone") or "",
        "PhoneMobile": row.get("mobile_e164") or row.get("mobile") or "",
        # the customer 360 (suite_base's client action), the contact form one click away
        "ContactUrl": f"{(base_url or '').rstrip('/')}/odoo/{row['id']}/customer-360",
    }

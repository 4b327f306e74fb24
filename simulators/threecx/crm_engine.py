"""A small interpreter of 3CX server-side CRM templates: replays what 3CX does with one.

It reads the ``<Parameters>`` (defaults, overridable), and for a scenario builds the HTTP
request from ``<Request>`` (``Url``, ``RequestType``, ``<Headers>``, ``<PostValues>``),
sends it, then applies ``<Rules>``/``<Variables>``/``<Outputs>`` to the JSON answer, as the
3CX CRM engine does. Expressions supported: ``[Variable]`` and, with ``Passes="2"``,
``[[DateVariable].ToString("yyyy-MM-ddTHH:mm:ssZ")]`` (.NET custom date format);
``SkipIf`` supports ``[X]!=True`` / ``[X]==True``. Values are put in URLs unencoded, as 3CX
does, so a ``+`` reaches the server as a space: the server must cope.

Only what the Odoo template uses is implemented; unknown variables expand to "".
"""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime

import requests

_METHOD = re.compile(r"\[\[(\w+)\]\.ToString\(\"([^\"]*)\"\)\]")
_VARIABLE = re.compile(r"\[(\w+)\]")
_NET_TOKENS = (("yyyy", "%Y"), ("MM", "%m"), ("dd", "%d"), ("HH", "%H"), ("mm", "%M"), ("ss", "%S"))
MIN_VALUE = datetime(1, 1, 1)  # .NET DateTime.MinValue: what 3CX prints for "no time"


def net_format(moment, pattern):
    """Format ``moment`` with a .NET custom date pattern (the tokens the template uses)."""
    moment = moment or MIN_VALUE
    out, i = [], 0
    while i < len(pattern):
        for token, directive in _NET_TOKENS:
            if pattern.startswith(token, i):
                out.append(f"{moment.year:04d}" if token == "yyyy" else moment.strftime(directive))
                i += len(token)
                break
        else:
            out.append(pattern[i])
            i += 1
    return "".join(out)


@dataclass
class ScenarioRun:
    scenario: str
    method: str = ""
    url: str = ""
    headers: dict = field(default_factory=dict)
    body: dict | None = None
    skipped: bool = False
    status: int = 0
    answer: object = None
    outputs: dict | None = None  # None: the rules did not match (no contact)
    # every contact of a list answer (SearchContacts: 3CX iterates the list), first = outputs
    contacts: list = field(default_factory=list)


class CrmTemplate:
    """One parsed template plus the parameter values an admin typed in 3CX."""

    def __init__(self, xml, parameters=None):
        self.root = ET.fromstring(xml)
        if self.root.tag != "Crm":
            raise ValueError("not a 3CX CRM template (root is not <Crm>)")
        self.parameters = {
            p.get("Name"): p.get("Default", "")
            for p in self.root.iterfind("./Parameters/Parameter")
        }
        self.parameters.update(parameters or {})
        self.number = self.root.find("Number")

    def scenario(self, scenario_id):
        for scenario in self.root.iterfind("./Scenarios/Scenario"):
            if scenario.get("Id", "") == scenario_id:
                return scenario
        raise KeyError(f"template has no scenario {scenario_id!r}")

    def format_number(self, number):
        """Apply ``<Number Prefix=…>`` to the caller number, as 3CX does before a lookup."""
        prefix = self.number.get("Prefix", "AsIs") if self.number is not None else "AsIs"
        digits = number.strip()
        bare = (
            digits[1:]
            if digits.startswith("+")
            else digits[2:]
            if digits.startswith("00")
            else None
        )
        if bare is None or prefix == "AsIs":
            return digits
        return {"Off": bare, "Plus": "+" + bare, "Zeros": "00" + bare}.get(prefix, digits)

    # expressions -------------------------------------------------------------------
    def expand(self, text, variables, passes=1):
        text = text or ""
        if passes >= 2:
            text = _METHOD.sub(lambda m: net_format(variables.get(m.group(1)), m.group(2)), text)

        def value(match):
            found = variables.get(match.group(1), "")
            if isinstance(found, datetime):
                return found.strftime("%d/%m/%Y %H:%M:%S")
            return "" if found is None else str(found)

        return _VARIABLE.sub(value, text)

    def _skip(self, expression, variables):
        expression = self.expand(expression, variables).strip()
        if not expression:
            return False
        for operator in ("!=", "=="):
            if operator in expression:
                left, right = (part.strip().lower() for part in expression.split(operator, 1))
                return (left != right) if operator == "!=" else (left == right)
        raise ValueError(f"unsupported SkipIf expression {expression!r}")

    # running -----------------------------------------------------------------------
    def run(self, scenario_id, variables, session=None, timeout=30):
        """Play one scenario: returns a :class:`ScenarioRun` (request, answer, outputs)."""
        scenario = self.scenario(scenario_id)
        request = scenario.find("Request")
        env = {**self.parameters, **variables}
        run = ScenarioRun(scenario=scenario_id)
        if self._skip(request.get("SkipIf", ""), env):
            run.skipped = True
            return run
        run.method = request.get("RequestType", "Get").upper()
        run.url = self.expand(request.get("Url"), env)
        for value in request.iterfind("./Headers/Value"):
            run.headers[value.get("Key")] = self.expand(
                value.text, env, int(value.get("Passes", 1))
            )
        post_values = request.find("PostValues")
        if post_values is not None:
            run.body = {
                value.get("Key"): self.expand(value.text, env, int(value.get("Passes", 1)))
                for value in post_values.iterfind("Value")
            }
        http = session or requests
        if run.method == "POST":
            response = http.post(run.url, json=run.body, headers=run.headers, timeout=timeout)
        else:
            response = http.get(run.url, headers=run.headers, timeout=timeout)
        run.status = response.status_code
        try:
            run.answer = response.json()
        except ValueError:
            run.answer = response.text
        run.contacts = self._all_outputs(scenario, run.answer) if response.ok else []
        run.outputs = run.contacts[0] if run.contacts else None
        if response.ok and not scenario.findall("./Rules/Rule"):
            run.outputs = {}
        return run

    def _all_outputs(self, scenario, answer):
        """The outputs for each element when the rule's path crosses a list (3CX iterates
        it), else for the one answer; only elements the rules match."""
        rules = scenario.findall("./Rules/Rule")
        root = (rules[0].text or "").split(".", 1)[0] if rules else ""
        items = answer.get(root) if isinstance(answer, dict) and root else None
        if isinstance(items, list):
            found = [self._outputs(scenario, {root: item}) for item in items]
            return [outputs for outputs in found if outputs]
        outputs = self._outputs(scenario, answer)
        return [outputs] if outputs else []

    def _outputs(self, scenario, answer):
        rules = scenario.findall("./Rules/Rule")
        if not rules:
            return {}
        if not all(_resolve(answer, rule.text or "") not in (None, "") for rule in rules):
            return None
        variables = {
            var.get("Name"): _resolve(answer, var.get("Path", ""))
            for var in scenario.iterfind("./Variables/Variable")
        }
        return {
            output.get("Type"): self.expand(output.get("Value"), {**self.parameters, **variables})
            for output in scenario.iterfind("./Outputs/Output")
        }


def _resolve(document, path):
    current = document
    for part in [p for p in path.split(".") if p]:
        if isinstance(current, list):
            current = current[0] if current else None
        if not isinstance(current, dict):
            return None
        current = current.get(part)
    if isinstance(current, list):
        current = current[0] if current else None
    return current

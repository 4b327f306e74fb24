"""iAdvize's outgoing webhooks: the ``v2.conversation.closed`` payload, its signature, and the
delivery with iAdvize's retry policy (two retries, 10 s then 20 s later, on 4xx/5xx or no
answer).

Headers sent with each delivery: ``Content-Type: application/json``,
``x-iadvize-delivery`` (a UUID per attempt), ``x-iadvize-correlationid`` (one UUID per event,
the same on retries), ``x-iadvize-signature: sha256=<hex HMAC-SHA256(raw body, secret)>``.
"""

import hashlib
import hmac
import json
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests

from .store import iso, utcnow

WEBHOOK_PATH = "/omnichannel_inbox/iadvize/webhook"
CLOSED = "v2.conversation.closed"
DEFAULT_RETRY_DELAYS = (10.0, 20.0)


def sign(body, secret):
    """``sha256=<hex>`` for the raw ``body`` bytes."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def encode(payload):
    """The raw body as iAdvize sends it (compact JSON, UTF-8)."""
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def closed_payload(conversation, project_id, client_id, platform="ha", event_id=None, sent_at=None):
    """The documented ``v2.conversation.closed`` body for a stored conversation."""
    return {
        "eventId": event_id or str(uuid.uuid4()),
        "eventType": CLOSED,
        "platform": platform,
        "projectId": int(project_id) if str(project_id).isdigit() else project_id,
        "clientId": int(client_id) if str(client_id).isdigit() else client_id,
        "conversationId": conversation.id,
        "operatorIds": list(conversation.operator_ids),
        "visitorExternalId": conversation.visitor.get("externalUserId") or None,
        "channel": conversation.channel,
        "visitorId": conversation.visitor_id,
        "createdAt": iso(conversation.created_at),
        "sentAt": iso(sent_at or utcnow()),
    }


@dataclass
class Attempt:
    status: int | None  # None: no answer (connection error or timeout)
    body: str
    seconds: float
    delivery_id: str


@dataclass
class Delivery:
    url: str
    payload: dict
    correlation_id: str
    attempts: list = field(default_factory=list)

    @property
    def status(self):
        """Status of the last attempt (None when Odoo never answered)."""
        return self.attempts[-1].status if self.attempts else None

    @property
    def ok(self):
        return self.status is not None and 200 <= self.status < 300

    def json(self):
        try:
            return json.loads(self.attempts[-1].body)
        except (IndexError, ValueError):
            return None


def webhook_url(odoo_url, path=WEBHOOK_PATH):
    """``odoo_url`` when it already has a path, else Odoo's base URL + the webhook path."""
    parts = urlsplit(odoo_url)
    if parts.path and parts.path != "/":
        return odoo_url
    return odoo_url.rstrip("/") + path


def deliver(
    url,
    payload,
    secret,
    *,
    bad_signature=False,
    signature=None,
    raw_body=None,
    retry_delays=DEFAULT_RETRY_DELAYS,
    timeout=10.0,
    correlation_id=None,
    session=None,
    sleep=time.sleep,
):
    """POST the event; retry after each delay of ``retry_delays`` while the answer is not 2xx.

    ``bad_signature`` signs with a wrong secret; ``signature`` forces the header value;
    ``raw_body`` sends those bytes instead of the encoded payload (malformed bodies).
    """
    body = raw_body if raw_body is not None else encode(payload)
    if signature is None:
        signature = sign(body, ("not-" + secret) if bad_signature else secret)
    delivery = Delivery(
        url=url, payload=payload, correlation_id=correlation_id or str(uuid.uuid4())
    )
    http = session or requests.Session()
    for attempt, delay in enumerate((0.0, *retry_delays)):
        if attempt:
            sleep(delay)
        delivery_id = str(uuid.uuid4())
        headers = {
            "Content-Type": "application/json",
            "x-iadvize-delivery": delivery_id,
            "x-iadvize-correlationid": delivery.correlation_id,
        }
        if signature:
            headers["x-iadvize-signature"] = signature
        started = time.perf_counter()
        try:
            response = http.post(url, data=body, headers=headers, timeout=timeout)
            status, text = response.status_code, response.text
        except requests.RequestException as exc:
            status, text = None, f"{exc.__class__.__name__}: {exc}"
        delivery.attempts.append(Attempt(status, text, time.perf_counter() - started, delivery_id))
        if status is not None and 200 <= status < 300:
            break
    return delivery

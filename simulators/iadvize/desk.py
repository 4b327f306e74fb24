"""The iAdvize agent desk opening a custom app (the panel in the conversation view, an iframe).

What the desk does, played over HTTP against Odoo: load the app's page in the iframe (the
app's URL as configured in iAdvize's developer platform), hand the page the conversation
context and a token (``client.getJWT()`` of the conversation panel app library: a JWT signed
HS256 with the custom app's secret token, naming the project, the conversation and the
operator), the page calls its back end with that token; when the agent clicks *insert*, the
library's ``insertTextInComposeBox`` puts the text in the conversation's compose box
(recorded here in :attr:`Desk.compose_box`). Standard library + ``requests``; the JWT is made
here, not with the add-on's code.
"""

import base64
import hashlib
import hmac
import json
import time
from dataclasses import dataclass, field

import requests

DESK_PATH = "/omnichannel_inbox/iadvize/desk"
CONTEXT_PATH = f"{DESK_PATH}/context"


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def desk_jwt(
    secret, project_id, conversation_id, operator_id="4242", ttl=300, now=None, alg="HS256"
):
    """The token the desk gives the app: HS256 over ``header.payload`` with ``secret``."""
    issued = int(now if now is not None else time.time())
    header = _b64(json.dumps({"alg": alg, "typ": "JWT"}, separators=(",", ":")).encode())
    claims = {
        "iss": "iadvize",
        "sub": str(operator_id),
        "operatorId": str(operator_id),
        "projectId": str(project_id),
        "conversationId": str(conversation_id),
        "iat": issued,
        "exp": issued + ttl,
    }
    payload = _b64(json.dumps(claims, separators=(",", ":")).encode())
    signing_input = f"{header}.{payload}".encode("ascii")
    signature = hmac.new(secret.encode(), signing_input, hashlib.sha256).digest()
    return f"{header}.{payload}.{_b64(signature)}"


@dataclass
class DeskPanel:
    page_status: int
    page_headers: dict
    status: int
    answer: object
    token: str = ""

    @property
    def replies(self):
        return (self.answer or {}).get("replies", []) if isinstance(self.answer, dict) else []


@dataclass
class Desk:
    """One operator's desk on a project: opens the custom app for a conversation."""

    app_url: str  # Odoo's base URL (the app's URL is <app_url>/omnichannel_inbox/iadvize/desk)
    app_secret: str
    project_id: str
    operator_id: str = "4242"
    session: object = None
    timeout: float = 20.0
    compose_box: dict = field(default_factory=dict)  # conversation id -> inserted text

    def open_panel(
        self,
        conversation_id,
        order_id=None,
        token=None,
        secret=None,
        ttl=300,
        now=None,
        project_id=None,
    ):
        """Load the page, then the panel as the page's script does; ``token=""`` sends none,
        ``secret``/``ttl``/``project_id`` forge a wrong token (fault injection)."""
        http = self.session or requests
        base = self.app_url.rstrip("/")
        page = http.get(f"{base}{DESK_PATH}", timeout=self.timeout)
        if token is None:
            token = desk_jwt(
                secret or self.app_secret,
                project_id or self.project_id,
                conversation_id,
                self.operator_id,
                ttl=ttl,
                now=now,
            )
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        body = {"orderId": order_id} if order_id else {}
        response = http.post(
            f"{base}{CONTEXT_PATH}", json=body, headers=headers, timeout=self.timeout
        )
        try:
            answer = response.json()
        except ValueError:
            answer = response.text
        return DeskPanel(page.status_code, dict(page.headers), response.status_code, answer, token)

    def insert(self, conversation_id, panel, reply_id):
        """The agent clicks *insert* on a canned reply: its text lands in the compose box."""
        reply = next(r for r in panel.replies if r["id"] == reply_id)
        self.compose_box[conversation_id] = reply["text"]
        return reply["text"]

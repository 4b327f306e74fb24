"""HTTP side of the iAdvize simulator: OAuth token, GraphQL, control endpoints, webhooks."""

import json
from urllib.parse import parse_qs

from ..common import BackgroundServer, HttpError, JsonRequestHandler
from .dataset import demo_conversations
from .graphql import Executor
from .store import SCHEMA, Store
from .webhook import DEFAULT_RETRY_DELAYS, WEBHOOK_PATH, closed_payload, deliver, webhook_url

DEFAULT_SECRET = "iadvize-demo-webhook-secret"


class IAdvizeHandler(JsonRequestHandler):
    server_version = "IAdvizeSim/1.0"

    @property
    def sim(self):
        return self.server.app

    def handle_request(self, method, path, query):
        if path == "/oauth2/token":
            return self._token(method)
        if path == "/graphql":
            return self._graphql(method)
        if path.startswith("/files/"):
            return self._file(method, path.rsplit("/", 1)[-1])
        if path == "/_sim/faults":
            return self.handle_fault_control(method)
        if path == "/_sim/stats" and method == "GET":
            return self.send_json(200, self.sim.stats())
        if path == "/_sim/conversations" and method == "POST":
            return self._add_conversation()
        if path.startswith("/_sim/conversations/") and method == "GET":
            conversation = self.sim.store.get(path.rsplit("/", 1)[-1])
            if conversation is None:
                raise HttpError(404, "not_found", "unknown conversation")
            return self.send_json(
                200,
                {
                    "id": conversation.id,
                    "channel": conversation.channel,
                    "closed": conversation.closed_at is not None,
                    "messages": len(conversation.messages),
                    "visitor": conversation.visitor,
                },
            )
        if path == "/_sim/webhooks/closed" and method == "POST":
            return self._send_webhook()
        if path == "/_sim/revoke-tokens" and method == "POST":
            self.sim.store.revoke_tokens()
            return self.send_json(200, {"revoked": True})
        raise HttpError(404, "not_found", f"no route for {method} {path}")

    # OAuth --------------------------------------------------------------------------------
    def _token(self, method):
        if method != "POST":
            raise HttpError(405, "method_not_allowed", "POST only")
        content_type = self.headers.get("Content-Type", "")
        if "application/x-www-form-urlencoded" not in content_type:
            raise HttpError(
                400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded"
            )
        form = {k: v[0] for k, v in parse_qs(self.body.decode("utf-8", "replace")).items()}
        status, body = self.sim.store.issue_token(form)
        self.send_json(status, body)

    # files --------------------------------------------------------------------------------
    def _file(self, method, file_id):
        """A file sent in a conversation: its bytes, for a valid API token only."""
        if method != "GET":
            raise HttpError(405, "method_not_allowed", "GET only")
        auth = self.headers.get("Authorization", "")
        token = auth[7:] if auth.startswith("Bearer ") else ""
        if not self.sim.store.token_valid(token):
            raise HttpError(401, "unauthorized", "a valid bearer token is required")
        file = self.sim.store.file(file_id)
        if file is None:
            raise HttpError(404, "not_found", "unknown file")
        self.send_response(200)
        self.send_header("Content-Type", file.mime_type)
        self.send_header("Content-Length", str(len(file.data)))
        self.end_headers()
        self.wfile.write(file.data)

    # GraphQL ------------------------------------------------------------------------------
    def _graphql(self, method):
        if method != "POST":
            raise HttpError(405, "method_not_allowed", "POST only")
        auth = self.headers.get("Authorization", "")
        scheme, _sep, token = auth.partition(" ")
        if scheme.lower() != "bearer" or not self.sim.store.token_valid(token.strip()):
            return self.send_json(
                401,
                {
                    "errors": [
                        {"message": "Unauthorized", "extensions": {"code": "UNAUTHENTICATED"}}
                    ]
                },
            )
        try:
            body = json.loads(self.body or b"{}")
        except ValueError:
            return self.send_json(400, {"errors": [{"message": "Body is not valid JSON."}]})
        if not isinstance(body, dict):
            return self.send_json(400, {"errors": [{"message": "Body must be a JSON object."}]})
        with self.sim.store._lock:
            self.sim.store.counters["graphql"] += 1
        answer = self.sim.executor.execute(
            body.get("query"), body.get("variables") or {}, self.sim.store.root()
        )
        status = 200 if "data" in answer else 400
        self.send_json(status, answer)

    # control ------------------------------------------------------------------------------
    def _add_conversation(self):
        body = self.json_body()
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            raise HttpError(400, "invalid_conversation", "'messages' must be a non-empty list")
        try:
            conversation_id = self.sim.add_conversation(
                messages=[tuple(m) for m in messages],
                visitor=body.get("visitor") or {},
                custom_data=body.get("custom_data") or {},
                language=body.get("language") or "fr",
                channel=body.get("channel") or "CHAT",
                conversation_id=body.get("id"),
            )
        except (TypeError, ValueError) as exc:
            raise HttpError(400, "invalid_conversation", str(exc)) from exc
        self.send_json(201, {"id": conversation_id})

    def _send_webhook(self):
        body = self.json_body()
        odoo_url = body.get("odoo_url")
        if not isinstance(odoo_url, str) or not odoo_url.startswith(("http://", "https://")):
            raise HttpError(400, "invalid_url", "'odoo_url' must be an http(s) URL")
        conversation_id = body.get("conversation_id")
        if conversation_id and self.sim.store.get(conversation_id) is None:
            raise HttpError(404, "not_found", "unknown conversation")
        delays = body.get("retry_delays")
        if delays is not None and not isinstance(delays, list):
            raise HttpError(400, "invalid_retry_delays", "'retry_delays' must be a list of seconds")
        delivery = self.sim.send_closed_webhook(
            odoo_url,
            secret=body.get("secret"),
            conversation_id=conversation_id,
            bad_signature=bool(body.get("bad_signature")),
            retry_delays=None if delays is None else tuple(delays),
        )
        self.send_json(
            200,
            {
                "conversation_id": delivery.payload["conversationId"],
                "status": delivery.status,
                "attempts": [a.status for a in delivery.attempts],
                "answer": delivery.json(),
            },
        )


class IAdvizeSimulator:
    """The simulated iAdvize: ``start()`` gives the API base URL (token + GraphQL)."""

    def __init__(
        self,
        host="127.0.0.1",
        port=0,
        webhook_secret=DEFAULT_SECRET,
        retry_delays=DEFAULT_RETRY_DELAYS,
        demo=False,
        **store_options,
    ):
        self.store = Store(**store_options)
        self.executor = Executor(SCHEMA)
        self.webhook_secret = webhook_secret
        self.retry_delays = tuple(retry_delays)
        self.server = BackgroundServer(IAdvizeHandler, app=self, host=host, port=port)
        self.faults = self.server.faults
        if demo:
            for spec in demo_conversations():
                self.add_conversation(**spec)

    # lifecycle ----------------------------------------------------------------------------
    def start(self):
        url = self.server.start()
        self.store.files_url = url.rstrip("/")
        return url

    def stop(self):
        self.server.stop()

    @property
    def base_url(self):
        return self.server.base_url

    @property
    def httpd(self):
        return self.server.httpd

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    # data ---------------------------------------------------------------------------------
    def add_conversation(self, messages, **options):
        """See :meth:`Store.add_conversation`; returns the conversation id."""
        return self.store.add_conversation(messages, **options)

    def closed_event(self, conversation_id, **options):
        conversation = self.store.get(conversation_id)
        if conversation is None:
            raise KeyError(conversation_id)
        self.store.close(conversation_id)
        return closed_payload(
            conversation,
            self.store.project_id,
            self.store.client_id,
            platform=self.store.platform,
            **options,
        )

    def send_closed_webhook(
        self,
        odoo_url,
        secret=None,
        conversation_id=None,
        *,
        bad_signature=False,
        retry_delays=None,
        payload=None,
        raw_body=None,
        signature=None,
        correlation_id=None,
        timeout=10.0,
        session=None,
    ):
        """Sign and POST ``v2.conversation.closed`` for ``conversation_id`` (default: the
        last added) to Odoo, retrying like iAdvize. ``payload`` re-sends a previous event
        (a replay); ``raw_body`` sends arbitrary bytes (malformed bodies)."""
        if payload is None and raw_body is None:
            if conversation_id is None:
                if not self.store.conversations:
                    raise ValueError("no conversation to close")
                conversation_id = list(self.store.conversations)[-1]
            payload = self.closed_event(conversation_id)
        delays = self.retry_delays if retry_delays is None else tuple(retry_delays)
        delivery = deliver(
            webhook_url(odoo_url, WEBHOOK_PATH),
            payload or {},
            secret or self.webhook_secret,
            bad_signature=bad_signature,
            signature=signature,
            raw_body=raw_body,
            retry_delays=delays,
            timeout=timeout,
            correlation_id=correlation_id,
            session=session,
        )
        with self.store._lock:
            self.store.counters["webhooks_sent"] += len(delivery.attempts)
        return delivery

    def stats(self):
        out = self.store.stats()
        out["faults_pending"] = len(self.faults.pending())
        out["requests_served"] = self.httpd.requests_served if self.httpd else 0
        return out

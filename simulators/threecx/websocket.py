"""The few pieces of RFC 6455 (WebSocket) the simulated Call Control API needs: the opening
handshake answer, text/close/pong frames to the client, and reading the client's masked frames.
Standard library only."""

import base64
import hashlib
import struct

_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"  # RFC 6455 §1.3

TEXT, CLOSE, PING, PONG = 0x1, 0x8, 0x9, 0xA


def accept_key(client_key):
    """``Sec-WebSocket-Accept`` for the client's ``Sec-WebSocket-Key``."""
    digest = hashlib.sha1((client_key.strip() + _GUID).encode()).digest()
    return base64.b64encode(digest).decode()


def encode_frame(opcode, payload=b""):
    """One final, unmasked server frame (servers never mask, RFC 6455 §5.1)."""
    if isinstance(payload, str):
        payload = payload.encode()
    head = bytes([0x80 | opcode])
    size = len(payload)
    if size < 126:
        head += bytes([size])
    elif size < 1 << 16:
        head += bytes([126]) + struct.pack("!H", size)
    else:
        head += bytes([127]) + struct.pack("!Q", size)
    return head + payload


def read_frame(rfile):
    """``(opcode, payload)`` of the next client frame, or ``None`` at end of stream."""
    head = rfile.read(2)
    if len(head) < 2:
        return None
    opcode, size = head[0] & 0x0F, head[1] & 0x7F
    if size == 126:
        size = struct.unpack("!H", rfile.read(2))[0]
    elif size == 127:
        size = struct.unpack("!Q", rfile.read(8))[0]
    mask = rfile.read(4) if head[1] & 0x80 else b""
    payload = rfile.read(size)
    if mask:
        payload = bytes(byte ^ mask[index % 4] for index, byte in enumerate(payload))
    return opcode, payload

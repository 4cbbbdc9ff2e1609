"""A signaling client for integration tests: Debian's python3-websockets (asyncio) speaking
Plenum's protocol (docs/protocol.md) to the real binary."""

import asyncio
import http.client
import json
import socket

import websockets


class Rest:
    """Minimal REST calls (standard library) to set up rooms and tickets."""

    def __init__(self, port):
        self.port = port

    def call(self, method, path, token=None, body=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = "Bearer " + token
        conn.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
        res = conn.getresponse()
        data = res.read()
        conn.close()
        return res.status, (json.loads(data) if data else None)

    def login(self, email, password="correct horse battery staple"):
        status, body = self.call("POST", "/api/v1/auth/login", body={"email": email, "password": password})
        assert status == 200, body
        return body["access_token"]

    def ticket(self, token, room_id, password=None):
        body = {} if password is None else {"password": password}
        status, out = self.call("POST", "/api/v1/rooms/%s/start" % room_id, token, body)
        assert status == 200, out
        return out["ticket"]


class Client:
    def __init__(self, ws):
        self.ws = ws
        self.inbox = []  # frames received but not yet expected
        self.participant_id = None
        self.resumption_token = None
        self.join = None
        self.round_trips = 0

    @classmethod
    async def connect(cls, port, ticket=None, resume=None, max_queue=None, receive_buffer=None):
        offer = ["plenum.v1", ("ticket." + ticket) if ticket else ("resume." + resume)]
        sock = None
        if receive_buffer:  # a small TCP window: a client that stops reading is stuck quickly
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
            sock.connect(("127.0.0.1", port))
            sock.setblocking(False)
        ws = await websockets.connect("ws://127.0.0.1:%d/signaling" % port, subprotocols=offer, sock=sock,
                                      max_size=None, max_queue=max_queue, open_timeout=10)
        return cls(ws)

    @classmethod
    async def joined(cls, port, ticket):
        """Connects and waits for join_success."""
        c = await cls.connect(port, ticket)
        await c.expect_join()
        return c

    async def expect_join(self):
        frame = await self.expect("control", "join_success")
        self.join = frame["payload"]
        self.participant_id = self.join["participant_id"]
        self.resumption_token = self.join["resumption_token"]
        return self.join

    async def expect_waiting(self):
        frame = await self.expect("waiting_room", "waiting")
        self.participant_id = frame["payload"]["participant_id"]
        self.resumption_token = frame["payload"]["resumption_token"]
        return frame

    async def send(self, namespace, action, frame_id=None, **fields):
        frame = {"namespace": namespace, "payload": dict(action=action, **fields)}
        if frame_id is not None:
            frame["id"] = frame_id
        await self.ws.send(json.dumps(frame))

    async def raw(self, text):
        await self.ws.send(text)

    async def next(self, timeout=5):
        if self.inbox:
            return self.inbox.pop(0)
        return json.loads(await asyncio.wait_for(self.ws.recv(), timeout))

    async def expect(self, namespace, message, timeout=5, where=None):
        """The first frame of this kind (others are kept for later expects)."""
        for i, frame in enumerate(self.inbox):
            if self._matches(frame, namespace, message, where):
                return self.inbox.pop(i)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            left = deadline - loop.time()
            if left <= 0:
                raise AssertionError("no %s/%s within %.1fs; got %s" % (namespace, message, timeout,
                                                                        [self._kind(f) for f in self.inbox]))
            try:
                frame = json.loads(await asyncio.wait_for(self.ws.recv(), left))
            except asyncio.TimeoutError:
                continue
            if self._matches(frame, namespace, message, where):
                return frame
            self.inbox.append(frame)

    async def round_trip(self):
        """Sends a ping and returns every frame that arrived before its pong (in order)."""
        self.round_trips += 1
        frame_id = "rt%d" % self.round_trips
        await self.send("control", "ping", frame_id=frame_id)
        before = list(self.inbox)
        self.inbox.clear()
        while True:
            frame = json.loads(await asyncio.wait_for(self.ws.recv(), 5))
            if self._matches(frame, "control", "pong", None) and frame.get("id") == frame_id:
                return before
            before.append(frame)

    async def close(self):
        await self.ws.close()

    @staticmethod
    def _kind(frame):
        return "%s/%s" % (frame.get("namespace"), frame.get("payload", {}).get("message"))

    @staticmethod
    def _matches(frame, namespace, message, where):
        return (frame.get("namespace") == namespace and frame.get("payload", {}).get("message") == message
                and (where is None or where(frame["payload"])))

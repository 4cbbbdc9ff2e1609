"""Signaling integration tests: real WebSocket clients (python3-websockets) against the real
binary. Each test sets up rooms and tickets over REST like the web app does."""

import asyncio
import base64
import http.client
import json
import os
import re
import time
import unittest
import uuid

import websockets

from plenum_server import PlenumServer, run_cli
from signaling_client import Client, Rest

PASSWORD = "correct horse battery staple"
SCHEMA = os.path.join(os.path.dirname(__file__), "..", "..", "src", "protocol", "protocol.json")


class SignalingTest(unittest.TestCase):
    def server(self, config_text=""):
        s = PlenumServer(config_text).start()
        self.addCleanup(s.stop)
        return s

    def meeting(self, config_text="", room=None, users=("ada", "grace", "alan")):
        """A server, users (the first owns a room) and their tokens."""
        s = self.server(config_text)
        tokens = {}
        for name in users:
            out = run_cli("user", "add", "--data-dir", s.data_dir, "--email", name + "@example.org",
                          "--name", name.capitalize(), "--password-stdin", input_text=PASSWORD + "\n")
            self.assertEqual(out.returncode, 0, out.stderr)
        rest = Rest(s.port)
        for name in users:
            tokens[name] = rest.login(name + "@example.org")
        status, created = rest.call("POST", "/api/v1/rooms", tokens[users[0]], dict({"name": "Council"}, **(room or {})))
        self.assertEqual(status, 201, created)
        return s, rest, tokens, created["id"]

    def guest_ticket(self, rest, owner_token, room_id, name="Gustav"):
        status, invite = rest.call("POST", "/api/v1/rooms/%s/invites" % room_id, owner_token, {})
        self.assertEqual(status, 201, invite)
        status, out = rest.call("POST", "/api/v1/rooms/%s/start_invited" % room_id,
                                body={"invite_code": invite["code"], "display_name": name})
        self.assertEqual(status, 200, out)
        return out["ticket"]

    def run_async(self, coro):
        asyncio.run(asyncio.wait_for(coro, 90))

    # ------------------------------------------------------------------------------------------

    def test_signaling_join_leave_and_several_devices(self):
        s, rest, tokens, room = self.meeting()

        async def scenario():
            ada = await Client.joined(s.port, rest.ticket(tokens["ada"], room))
            self.assertEqual(ada.join["room"]["name"], "Council")
            me = [p for p in ada.join["participants"] if p["id"] == ada.participant_id][0]
            self.assertEqual((me["role"], me["kind"], me["display_name"]), ("owner", "user", "Ada"))
            self.assertLessEqual({"moderation", "waiting_room", "hands", "reactions", "chat", "media", "polls", "timer",
                                  "points_of_order", "speakers"}, set(ada.join["modules"]))

            grace = await Client.joined(s.port, rest.ticket(tokens["grace"], room))
            joined = await ada.expect("control", "joined")
            self.assertEqual(joined["payload"]["participant"]["id"], grace.participant_id)
            self.assertEqual(joined["payload"]["participant"]["role"], "user")
            self.assertEqual(len(grace.join["participants"]), 2)

            # Grace's phone: the same participant on a second device; Ada sees no new join.
            phone = await Client.joined(s.port, rest.ticket(tokens["grace"], room))
            self.assertEqual(phone.participant_id, grace.participant_id)
            self.assertNotEqual(phone.resumption_token, grace.resumption_token)
            self.assertEqual([f for f in await ada.round_trip() if f["namespace"] == "control"], [])
            # Events reach both devices.
            await ada.send("chat", "send", scope="everyone", content="Welcome")
            for device in (grace, phone):
                msg = await device.expect("chat", "message")
                self.assertEqual(msg["payload"]["chat_message"]["content"], "Welcome")

            await grace.send("control", "leave")
            left = await ada.expect("control", "left")
            self.assertEqual(left["payload"], {"message": "left", "participant_id": grace.participant_id,
                                               "reason": "left"})
            for c in (ada, grace, phone):
                await c.close()

        self.run_async(scenario())

    def test_signaling_ticket_admits_one_connection(self):
        s, rest, tokens, room = self.meeting(users=("ada",))

        async def scenario():
            ticket = rest.ticket(tokens["ada"], room)
            first = await Client.joined(s.port, ticket)
            with self.assertRaises(websockets.exceptions.InvalidStatusCode) as refused:
                await Client.connect(s.port, ticket)
            self.assertEqual(refused.exception.status_code, 401)
            with self.assertRaises(websockets.exceptions.InvalidStatusCode) as made_up:
                await Client.connect(s.port, "tkt_" + "0" * 43)
            self.assertEqual(made_up.exception.status_code, 401)
            await first.close()

        self.run_async(scenario())

    def test_signaling_waiting_room_flow(self):
        s, rest, tokens, room = self.meeting(room={"waiting_room": "everyone", "guest_access": "waiting_room"})

        async def scenario():
            ada = await Client.joined(s.port, rest.ticket(tokens["ada"], room))
            self.assertEqual(ada.join["modules"]["waiting_room"], {"mode": "everyone", "waiting": []})
            grace = await Client.connect(s.port, rest.ticket(tokens["grace"], room))
            waiting = await grace.expect_waiting()
            self.assertEqual(waiting["payload"]["room_name"], "Council")
            entered = await ada.expect("waiting_room", "entered")
            self.assertEqual(entered["payload"]["waiter"]["display_name"], "Grace")
            # A waiting participant can do nothing but wait.
            await grace.send("chat", "send", frame_id="w1", scope="everyone", content="let me in")
            err = await grace.expect("chat", "error")
            self.assertEqual((err["id"], err["payload"]["code"]), ("w1", "not_in_room"))
            # Only moderators admit.
            guest = await Client.connect(s.port, self.guest_ticket(rest, tokens["ada"], room))
            await guest.expect_waiting()
            await ada.expect("waiting_room", "entered")
            await ada.send("waiting_room", "admit", participant_ids=[grace.participant_id])
            join = await grace.expect_join()
            self.assertEqual(len(join["participants"]), 2)
            self.assertEqual(join["modules"]["waiting_room"]["waiting"], [])  # not a moderator
            await ada.expect("control", "joined")
            removed = await ada.expect("waiting_room", "removed")
            self.assertEqual(removed["payload"]["reason"], "admitted")
            # Sent back, then the mode turned off admits everyone waiting.
            await ada.send("waiting_room", "send_back", participant_id=grace.participant_id)
            await grace.expect("waiting_room", "waiting")
            left = await ada.expect("control", "left")
            self.assertEqual(left["payload"]["reason"], "sent_to_waiting_room")
            await ada.send("waiting_room", "set_mode", mode="off")
            await grace.expect_join()
            await guest.expect_join()
            for c in (ada, grace, guest):
                await c.close()

        self.run_async(scenario())

    def test_signaling_kick_and_ban_refuse_rejoining(self):
        s, rest, tokens, room = self.meeting()

        async def scenario():
            ada = await Client.joined(s.port, rest.ticket(tokens["ada"], room))
            grace = await Client.joined(s.port, rest.ticket(tokens["grace"], room))
            alan = await Client.joined(s.port, rest.ticket(tokens["alan"], room))
            # Users cannot kick.
            await grace.send("moderation", "kick", frame_id="k", participant_id=alan.participant_id)
            err = await grace.expect("moderation", "error")
            self.assertEqual(err["payload"]["code"], "forbidden")
            # Nobody removes the owner.
            await ada.send("moderation", "kick", participant_id=ada.participant_id)
            err = await ada.expect("moderation", "error")
            self.assertEqual(err["payload"]["code"], "not_allowed_now")

            await ada.send("moderation", "kick", participant_id=alan.participant_id)
            kicked = await alan.expect("moderation", "kicked")
            self.assertEqual(kicked["payload"]["reason"], "kicked")
            await alan.ws.wait_closed()
            self.assertEqual(alan.ws.close_code, 1008)
            left = await ada.expect("control", "left")
            self.assertEqual(left["payload"]["reason"], "kicked")
            # Kicked is not banned: Alan may come back.
            alan = await Client.joined(s.port, rest.ticket(tokens["alan"], room))

            await ada.send("moderation", "ban", participant_id=grace.participant_id, persistent=False)
            await grace.expect("moderation", "kicked")
            status, err = rest.call("POST", "/api/v1/rooms/%s/start" % room, tokens["grace"], {})
            self.assertEqual((status, err["code"]), (403, "permission_denied"))
            # A persistent ban is stored with the room.
            await ada.send("moderation", "ban", participant_id=alan.participant_id, persistent=True)
            await alan.expect("moderation", "kicked")
            status, err = rest.call("POST", "/api/v1/rooms/%s/start" % room, tokens["alan"], {})
            self.assertEqual(status, 403)
            await ada.close()

        self.run_async(scenario())
        # The persistent ban outlives the meeting and the process.
        s.signal()
        s.proc.wait(timeout=15)
        s2 = PlenumServer("")
        s2.data_dir = s.data_dir
        s2.start()
        self.addCleanup(s2.stop)
        rest2 = Rest(s2.port)
        status, _ = rest2.call("POST", "/api/v1/rooms/%s/start" % room, rest2.login("alan@example.org"), {})
        self.assertEqual(status, 403)
        status, _ = rest2.call("POST", "/api/v1/rooms/%s/start" % room, rest2.login("grace@example.org"), {})
        self.assertEqual(status, 200)

    def test_signaling_roles_and_renaming(self):
        s, rest, tokens, room = self.meeting(room={"guest_access": "direct"})

        async def scenario():
            ada = await Client.joined(s.port, rest.ticket(tokens["ada"], room))
            grace = await Client.joined(s.port, rest.ticket(tokens["grace"], room))
            guest = await Client.joined(s.port, self.guest_ticket(rest, tokens["ada"], room))
            await ada.send("moderation", "set_role", participant_id=grace.participant_id, role="moderator")
            updated = await guest.expect("control", "updated",
                                         where=lambda p: p["participant"]["id"] == grace.participant_id)
            self.assertEqual(updated["payload"]["participant"]["role"], "moderator")
            self.assertIn("moderators", updated["payload"]["participant"]["groups"])
            # Grace, now a moderator, may moderate; guests cannot become moderators.
            await grace.send("moderation", "set_role", participant_id=guest.participant_id, role="moderator")
            err = await grace.expect("moderation", "error")
            self.assertEqual((err["payload"]["code"], err["payload"]["field"]), ("not_allowed_now", "participant_id"))
            await grace.send("moderation", "set_role", participant_id=ada.participant_id, role="user")
            err = await grace.expect("moderation", "error")
            self.assertEqual(err["payload"]["code"], "not_allowed_now")

            await guest.send("control", "set_display_name", display_name="Gustav G.")
            updated = await ada.expect("control", "updated",
                                       where=lambda p: p["participant"]["display_name"] == "Gustav G.")
            await ada.send("moderation", "set_self_rename", allowed=False)
            await guest.expect("moderation", "settings_changed")
            await guest.send("control", "set_display_name", display_name="Nope")
            err = await guest.expect("control", "error")
            self.assertEqual(err["payload"]["code"], "disabled")
            await ada.send("moderation", "rename", participant_id=guest.participant_id, display_name="Guest 1")
            await guest.expect("control", "updated", where=lambda p: p["participant"]["display_name"] == "Guest 1")
            for c in (ada, grace, guest):
                await c.close()

        self.run_async(scenario())

    def test_signaling_mute_everyone_spares_the_podium(self):
        s, rest, tokens, room = self.meeting()

        async def scenario():
            ada = await Client.joined(s.port, rest.ticket(tokens["ada"], room))
            grace = await Client.joined(s.port, rest.ticket(tokens["grace"], room))
            alan = await Client.joined(s.port, rest.ticket(tokens["alan"], room))
            await ada.send("moderation", "set_podium", participant_ids=[grace.participant_id])
            changed = await alan.expect("moderation", "settings_changed")
            self.assertEqual(changed["payload"]["state"]["podium"], [grace.participant_id])
            await ada.send("moderation", "request_mute", participant_ids=[], everyone=True)
            muted = await alan.expect("moderation", "mute_requested")
            self.assertEqual(muted["payload"]["by"], ada.participant_id)
            await ada.round_trip()  # the room has handled the request
            before = await grace.round_trip()
            self.assertNotIn("moderation/mute_requested", [Client._kind(f) for f in before])
            self.assertNotIn("moderation/mute_requested", [Client._kind(f) for f in await ada.round_trip()])
            # One by one, the podium is not exempt.
            await ada.send("moderation", "request_mute", participant_ids=[grace.participant_id], everyone=False)
            await grace.expect("moderation", "mute_requested")
            for c in (ada, grace, alan):
                await c.close()

        self.run_async(scenario())

    def test_signaling_chat_scopes_history_and_search(self):
        s, rest, tokens, room = self.meeting()

        async def scenario():
            ada = await Client.joined(s.port, rest.ticket(tokens["ada"], room))
            grace = await Client.joined(s.port, rest.ticket(tokens["grace"], room))
            alan = await Client.joined(s.port, rest.ticket(tokens["alan"], room))
            await ada.send("moderation", "set_role", participant_id=grace.participant_id, role="moderator")
            await grace.expect("control", "updated", where=lambda p: p["participant"]["role"] == "moderator")
            await ada.send("chat", "send", scope="everyone", content="Agenda item 1")
            for c in (grace, alan):
                await c.expect("chat", "message", where=lambda p: p["chat_message"]["content"] == "Agenda item 1")
            await ada.send("chat", "send", scope="private", recipient=alan.participant_id, content="Psst, Alan")
            private = await alan.expect("chat", "message")
            self.assertEqual(private["payload"]["chat_message"]["scope"], "private")
            await ada.send("chat", "send", scope="group", group="moderators", content="Moderators only")
            await grace.expect("chat", "message", where=lambda p: p["chat_message"]["content"] == "Moderators only")
            # Alan got neither the group message nor any other chat.
            self.assertEqual([Client._kind(f) for f in await alan.round_trip() if f["namespace"] == "chat"], [])
            await alan.send("chat", "send", frame_id="g", scope="group", group="moderators", content="me too")
            err = await alan.expect("chat", "error")
            self.assertEqual((err["id"], err["payload"]["code"], err["payload"]["field"]), ("g", "invalid_field", "group"))
            # Too long: a clear error naming the field.
            await alan.send("chat", "send", frame_id="long", scope="everyone", content="x" * 4001)
            err = await alan.expect("chat", "error")
            self.assertEqual((err["payload"]["code"], err["payload"]["field"]), ("invalid_field", "content"))
            # History in chunks; search only finds what the reader may read.
            for i in range(3):  # Grace: Ada is near her rate limit
                await grace.send("chat", "send", scope="everyone", content="Motion %d" % i)
            await grace.round_trip()
            await alan.send("chat", "history", frame_id="h1", conversation="everyone", limit=2)
            page = await alan.expect("chat", "history")
            self.assertEqual(page["id"], "h1")
            self.assertEqual([m["content"] for m in page["payload"]["messages"]], ["Motion 1", "Motion 2"])
            self.assertTrue(page["payload"]["more"])
            oldest = page["payload"]["messages"][0]["id"]
            await alan.send("chat", "history", conversation="everyone", limit=10, before=oldest)
            page = await alan.expect("chat", "history")
            self.assertEqual([m["content"] for m in page["payload"]["messages"]], ["Agenda item 1", "Motion 0"])
            self.assertFalse(page["payload"]["more"])
            await alan.send("chat", "search", query="ONLY", limit=10)
            self.assertEqual((await alan.expect("chat", "search_results"))["payload"]["messages"], [])
            await grace.send("chat", "search", query="only", limit=10)
            found = await grace.expect("chat", "search_results")
            self.assertEqual([m["content"] for m in found["payload"]["messages"]], ["Moderators only"])
            await alan.send("chat", "search", query="p", limit=10)
            err = await alan.expect("chat", "error")
            self.assertEqual(err["payload"]["field"], "query")
            # Rate limit: 5 messages per 5 s.
            for i in range(6):
                await alan.send("chat", "send", frame_id="r%d" % i, scope="everyone", content="spam %d" % i)
            err = await alan.expect("chat", "error")
            self.assertEqual((err["id"], err["payload"]["code"]), ("r5", "rate_limited"))
            # Last seen marker survives in join_success; clearing is for moderators.
            await alan.send("chat", "set_last_seen", conversation="everyone", message_id=3)
            await alan.send("chat", "clear")
            self.assertEqual((await alan.expect("chat", "error"))["payload"]["code"], "forbidden")
            again = await Client.joined(s.port, rest.ticket(tokens["alan"], room))
            self.assertEqual(again.join["modules"]["chat"]["last_seen"], [{"conversation": "everyone", "message_id": 3}])
            self.assertIn("Psst, Alan", [m["content"] for m in again.join["modules"]["chat"]["recent"]])
            await ada.send("chat", "clear")
            await alan.expect("chat", "cleared")
            for c in (ada, grace, alan, again):
                await c.close()

        self.run_async(scenario())

    def test_signaling_hands_and_reactions(self):
        s, rest, tokens, room = self.meeting()

        async def scenario():
            ada = await Client.joined(s.port, rest.ticket(tokens["ada"], room))
            grace = await Client.joined(s.port, rest.ticket(tokens["grace"], room))
            alan = await Client.joined(s.port, rest.ticket(tokens["alan"], room))
            await alan.send("hands", "raise")
            await ada.expect("hands", "raised", where=lambda p: p["participant_id"] == alan.participant_id)
            await grace.send("hands", "raise")
            await ada.expect("hands", "raised", where=lambda p: p["participant_id"] == grace.participant_id)
            late = await Client.joined(s.port, rest.ticket(tokens["ada"], room))
            raised = late.join["modules"]["hands"]["raised"]
            self.assertEqual([h["participant_id"] for h in raised], [alan.participant_id, grace.participant_id])
            await grace.send("hands", "reset", participant_ids=[], everyone=True)
            self.assertEqual((await grace.expect("hands", "error"))["payload"]["code"], "forbidden")
            await ada.send("hands", "reset", participant_ids=[], everyone=True)
            lowered = await grace.expect("hands", "lowered")
            self.assertEqual(set(lowered["payload"]["participant_ids"]), {alan.participant_id, grace.participant_id})
            await ada.send("hands", "set_enabled", enabled=False)
            await alan.expect("hands", "enabled_changed")
            await alan.send("hands", "raise")
            self.assertEqual((await alan.expect("hands", "error"))["payload"]["code"], "disabled")

            await grace.send("reactions", "send", reaction="clap")
            r = await alan.expect("reactions", "reaction")
            self.assertEqual(r["payload"], {"message": "reaction", "participant_id": grace.participant_id,
                                            "reaction": "clap"})
            await grace.send("reactions", "send", reaction="poop")
            err = await grace.expect("reactions", "error")
            self.assertEqual((err["payload"]["code"], err["payload"]["field"]), ("invalid_field", "reaction"))
            await ada.send("reactions", "set_enabled", enabled=False)
            await grace.expect("reactions", "enabled_changed")
            await grace.send("reactions", "send", reaction="heart")
            self.assertEqual((await grace.expect("reactions", "error"))["payload"]["code"], "disabled")
            for c in (ada, grace, alan, late):
                await c.close()

        self.run_async(scenario())

    def test_signaling_resumption_after_dropped_connection(self):
        s, rest, tokens, room = self.meeting()

        async def scenario():
            ada = await Client.joined(s.port, rest.ticket(tokens["ada"], room))
            grace = await Client.joined(s.port, rest.ticket(tokens["grace"], room))
            await grace.send("hands", "raise")
            await ada.expect("hands", "raised")
            await ada.round_trip()  # drained: everything after this is new
            grace.ws.transport.abort()  # the network drops: no close handshake
            await asyncio.sleep(0.3)
            self.assertEqual([Client._kind(f) for f in await ada.round_trip() if f["namespace"] == "control"], [])
            back = await Client.connect(s.port, resume=grace.resumption_token)
            join = await back.expect_join()
            self.assertEqual(join["participant_id"], grace.participant_id)
            mine = [p for p in join["participants"] if p["id"] == grace.participant_id][0]
            self.assertIsNotNone(mine["hand_raised_at"])  # state kept
            self.assertEqual([Client._kind(f) for f in await ada.round_trip() if f["namespace"] == "control"], [])
            # The old token is spent; a new one was issued.
            with self.assertRaises(websockets.exceptions.InvalidStatusCode):
                await Client.connect(s.port, resume=grace.resumption_token)
            for c in (ada, back):
                await c.close()

        self.run_async(scenario())

    def test_signaling_resumption_window_ends_in_leave(self):
        s, rest, tokens, room = self.meeting('[rooms]\nresumption_window = "500ms"\n')

        async def scenario():
            ada = await Client.joined(s.port, rest.ticket(tokens["ada"], room))
            grace = await Client.joined(s.port, rest.ticket(tokens["grace"], room))
            grace.ws.transport.abort()
            left = await ada.expect("control", "left", timeout=5)
            self.assertEqual(left["payload"]["reason"], "timeout")
            with self.assertRaises(websockets.exceptions.InvalidStatusCode):
                await Client.connect(s.port, resume=grace.resumption_token)
            await ada.close()

        self.run_async(scenario())

    def test_signaling_idle_room_closes_and_forgets(self):
        s, rest, tokens, room = self.meeting('[rooms]\nidle_timeout = "500ms"\n', users=("ada",))

        async def scenario():
            ada = await Client.joined(s.port, rest.ticket(tokens["ada"], room))
            await ada.send("chat", "send", scope="everyone", content="remember me")
            await ada.expect("chat", "message")
            await ada.send("control", "leave")
            await ada.ws.wait_closed()
            # Back within the idle timeout: the meeting goes on.
            ada = await Client.joined(s.port, rest.ticket(tokens["ada"], room))
            self.assertEqual([m["content"] for m in ada.join["modules"]["chat"]["recent"]], ["remember me"])
            await ada.send("control", "leave")
            await ada.ws.wait_closed()
            await asyncio.sleep(1.5)
            ada = await Client.joined(s.port, rest.ticket(tokens["ada"], room))
            self.assertEqual(ada.join["modules"]["chat"]["recent"], [])
            await ada.close()

        self.run_async(scenario())

    def test_signaling_room_deletion_closes_the_meeting(self):
        s, rest, tokens, room = self.meeting(users=("ada", "grace"))

        async def scenario():
            ada = await Client.joined(s.port, rest.ticket(tokens["ada"], room))
            grace = await Client.joined(s.port, rest.ticket(tokens["grace"], room))
            status, _ = rest.call("DELETE", "/api/v1/rooms/%s" % room, tokens["ada"])
            self.assertEqual(status, 204)
            closed = await grace.expect("control", "closed")
            self.assertEqual(closed["payload"]["reason"], "room_deleted")
            await grace.ws.wait_closed()
            self.assertEqual(grace.ws.close_code, 1008)
            await ada.ws.wait_closed()

        self.run_async(scenario())

    def test_signaling_every_action_checks_the_role(self):
        """Table-driven from protocol.json: every moderator action is refused to a user and
        reaches the module for a moderator; every action for everyone passes the role check."""
        with open(SCHEMA, encoding="utf-8") as f:
            schema = json.load(f)
        s, rest, tokens, room = self.meeting('[signaling]\nframes_per_second = 10000\nframe_burst = 10000\n',
                                             users=("ada", "grace"))
        nobody = str(uuid.uuid4())  # a participant id that is not in the room: no side effects

        def sample(spec):
            t = spec["type"]
            if t == "string":
                return "ab" if spec.get("min_length", 0) <= 2 else "x" * spec["min_length"]
            if t == "enum":
                return spec["values"][0]
            if t == "id":
                return nobody
            if t == "integer":
                return spec["min"]
            if t == "boolean":
                return False
            if t == "array":
                return [sample(spec["items"])] * spec.get("min_items", 0)
            raise AssertionError(t)

        async def scenario():
            ada = await Client.joined(s.port, rest.ticket(tokens["ada"], room))
            grace = await Client.joined(s.port, rest.ticket(tokens["grace"], room))
            checked = 0
            for ns, spec in schema["namespaces"].items():
                for action, command in spec["commands"].items():
                    if (ns, action) in (("control", "leave"),):
                        continue  # ends the connection; covered by the join/leave test
                    fields = {k: sample(v) for k, v in command["fields"].items() if not v.get("optional")}
                    if (ns, action) == ("moderation", "debrief"):
                        fields["scope"] = "guests"
                    for client, is_moderator in ((grace, False), (ada, True)):
                        frame_id = "%s.%s.%d" % (ns, action, int(is_moderator))
                        await client.send(ns, action, frame_id=frame_id, **fields)
                        answers = await client.round_trip()
                        codes = [f["payload"].get("code") for f in answers
                                 if f.get("id") == frame_id and f["payload"]["message"] == "error"]
                        refused = "forbidden" in codes
                        expect_refused = command["roles"] == "moderator" and not is_moderator
                        self.assertEqual(refused, expect_refused, (ns, action, is_moderator, answers))
                        checked += 1
            self.assertGreater(checked, 40)
            await ada.close()
            await grace.close()

        self.run_async(scenario())

    def test_signaling_hostile_frames_get_errors_and_harm_nobody(self):
        s, rest, tokens, room = self.meeting('[signaling]\nframes_per_second = 10000\nframe_burst = 10000\n',
                                             users=("ada", "grace"))
        hostile = [
            "not json", "[]", "42", "null", '{"namespace": 1, "payload": {}}', '{"payload": {}}',
            '{"namespace": "nope", "payload": {"action": "x"}}', '{"namespace": "chat"}',
            '{"namespace": "chat", "payload": []}', '{"namespace": "chat", "payload": {"action": 7}}',
            '{"namespace": "chat", "payload": {"action": "fly"}}',
            '{"namespace": "chat", "payload": {"action": "send", "scope": "everyone"}}',
            '{"namespace": "chat", "payload": {"action": "send", "scope": "all", "content": "x"}}',
            '{"namespace": "chat", "payload": {"action": "send", "scope": "everyone", "content": 5}}',
            '{"namespace": "chat", "payload": {"action": "send", "scope": "everyone", "content": "x", "extra": 1}}',
            '{"namespace": "hands", "payload": {"action": "reset", "participant_ids": "all", "everyone": true}}',
            '{"namespace": "moderation", "payload": {"action": "kick", "participant_id": "../../etc"}}',
            '{"namespace": "chat", "payload": {"action": "history", "conversation": "everyone", "limit": 1e9}}',
            '{"namespace": "chat", "payload": {"action": "history", "conversation": "everyone", "limit": -1}}',
            '{"namespace": "control", "id": "' + "i" * 65 + '", "payload": {"action": "ping"}}',
            '{"namespace": "control", "payload": {"action": "set_display_name", "display_name": "' + "n" * 5000 + '"}}',
            '{"namespace": "control", "payload": {"action": "set_display_name", "display_name": "a\\u0000b"}}',
            '{"namespace": "chat", "payload": {"action": "send", "scope": "everyone", "content": "' + "z" * 60000 + '"}}',
            "[" * 100 + "]" * 100,
            '{"namespace": "control", "payload": {"action": "ping"}, "sneaky": true}',
        ]

        async def scenario():
            ada = await Client.joined(s.port, rest.ticket(tokens["ada"], room))
            grace = await Client.joined(s.port, rest.ticket(tokens["grace"], room))
            await ada.expect("control", "joined")
            sent = 0
            while sent < 1000:
                await grace.raw(hostile[sent % len(hostile)])
                sent += 1
            errors = 0
            while errors < 1000:
                frame = await grace.next(timeout=10)
                self.assertEqual(frame["payload"]["message"], "error", frame)
                errors += 1
            # Binary frames are refused too.
            await grace.ws.send(b"\x00\x01")
            self.assertEqual((await grace.expect("control", "error"))["payload"]["code"], "binary_not_supported")
            # Ada was not disturbed and the room still works for both.
            self.assertEqual([Client._kind(f) for f in await ada.round_trip()], [])
            await grace.send("chat", "send", scope="everyone", content="still here")
            await ada.expect("chat", "message")
            # A frame over 64 KiB closes the connection with 1009.
            await grace.raw('{"namespace": "control", "payload": {"action": "ping", "pad": "' + "p" * 70000 + '"}}')
            await grace.ws.wait_closed()
            self.assertEqual(grace.ws.close_code, 1009)
            self.assertEqual([Client._kind(f) for f in await ada.round_trip()], [])
            await ada.close()

        self.run_async(scenario())

    def test_signaling_flood_is_rate_limited(self):
        s, rest, tokens, room = self.meeting(users=("ada",))

        async def scenario():
            ada = await Client.joined(s.port, rest.ticket(tokens["ada"], room))
            for i in range(200):
                await ada.send("control", "ping", frame_id="f%d" % i)
            pongs, notices = 0, 0
            loop = asyncio.get_running_loop()
            end = loop.time() + 2
            while loop.time() < end:
                try:
                    frame = await ada.next(timeout=end - loop.time())
                except asyncio.TimeoutError:
                    break
                kind = Client._kind(frame)
                pongs += kind == "control/pong"
                notices += kind == "control/slow_down"
            self.assertGreaterEqual(notices, 1)
            self.assertLess(pongs, 100)  # burst of 40 plus what the rate refilled
            self.assertGreaterEqual(pongs, 40)
            await asyncio.sleep(1)
            self.assertEqual([Client._kind(f) for f in await ada.round_trip()], [])
            await ada.close()

        self.run_async(scenario())

    def test_signaling_slow_reader_is_disconnected_alone(self):
        s, rest, tokens, room = self.meeting(
            # The burst covers all 20,000 frames: a stalled server (sanitizers, two cores) that reads
            # Grace's backlog at once must not drop any with slow_down; this test is about Alan.
            '[signaling]\nframes_per_second = 10000\nframe_burst = 100000\nmax_queued_bytes = "1MiB"\n',
            users=("ada", "grace", "alan"))

        async def scenario():
            ada = await Client.joined(s.port, rest.ticket(tokens["ada"], room))
            grace = await Client.joined(s.port, rest.ticket(tokens["grace"], room))
            # Alan's client stops reading: the library queues one frame, then TCP fills up.
            alan = await Client.connect(s.port, rest.ticket(tokens["alan"], room), max_queue=1, receive_buffer=4096)
            await ada.expect("control", "joined")
            await grace.expect("control", "joined")
            sent = 20000
            name = "N" * 100
            seen = {"ada": 0, "grace": 0}

            async def read(client, who):
                # Ada and Grace read everything, at their own pace, and see every change in order.
                while seen[who] < sent:
                    frame = await client.next(timeout=30)
                    if Client._kind(frame) == "control/updated":
                        self.assertEqual(len(frame["payload"]["participant"]["display_name"]), 50 + seen[who] % 50)
                        seen[who] += 1

            async def drain_alan():
                # Alan reads again once the server has given up on him (its counter of 4008 closes
                # says so): the reason is waiting behind what was in flight, and must be read
                # before the server's hard cut 5 s after the close.
                loop = asyncio.get_running_loop()
                while too_slow_closes() < 1:
                    await asyncio.sleep(0.1)
                with self.assertRaises(websockets.exceptions.ConnectionClosed):
                    while True:
                        await asyncio.wait_for(alan.ws.recv(), 10)
                return alan.ws.close_code

            def too_slow_closes():
                conn = http.client.HTTPConnection("127.0.0.1", s.port, timeout=10)
                conn.request("GET", "/metrics")
                text = conn.getresponse().read().decode()
                conn.close()
                match = re.search(r"^plenum_signaling_too_slow_total (\d+)", text, re.M)
                return int(match.group(1)) if match else 0

            readers = [asyncio.create_task(read(ada, "ada")), asyncio.create_task(read(grace, "grace"))]
            alan_task = None
            for i in range(sent):
                await grace.send("control", "set_display_name", display_name=name[: 50 + i % 50])
                # Grace never runs more than 1,000 changes ahead of the readers that keep up, so only
                # Alan, who reads nothing, falls behind, however slowly this machine runs.
                while i - min(seen.values()) > 1000:
                    if any(r.done() for r in readers):
                        break
                    await asyncio.sleep(0.002)
                if alan_task is None:
                    alan_task = asyncio.create_task(drain_alan())
            try:
                await asyncio.gather(*readers)
            except asyncio.TimeoutError:
                self.fail("Ada saw %d, Grace %d of %d changes" % (seen["ada"], seen["grace"], sent))
            # Alan was disconnected with a reason instead of holding the room up.
            self.assertIsNotNone(alan_task)
            self.assertEqual(await alan_task, 4008)
            self.assertEqual([Client._kind(f) for f in await grace.round_trip() if f["namespace"] != "control"], [])
            await ada.close()
            await grace.close()

        self.run_async(scenario())

    def test_signaling_invited_moderators_and_event_deletion(self):
        s, rest, tokens, _ = self.meeting(users=("ada", "grace", "alan"))

        async def scenario():
            status, event = rest.call("POST", "/api/v1/events", tokens["ada"], {
                "title": "Finance committee", "starts_at": "2026-12-01T09:00:00", "ends_at": "2026-12-01T10:00:00",
                "time_zone": "Europe/Berlin"})
            self.assertEqual(status, 201, event)
            _, found = rest.call("GET", "/api/v1/users?q=grace", tokens["ada"])
            grace_id = found["users"][0]["id"]
            status, out = rest.call("POST", "/api/v1/events/%s/invites" % event["id"], tokens["ada"],
                                    {"user_id": grace_id, "role": "moderator"})
            self.assertEqual(status, 201, out)
            room = event["room_id"]
            grace = await Client.joined(s.port, rest.ticket(tokens["grace"], room))
            me = [p for p in grace.join["participants"] if p["id"] == grace.participant_id][0]
            self.assertEqual(me["role"], "moderator")
            alan = await Client.joined(s.port, rest.ticket(tokens["alan"], room))
            me = [p for p in alan.join["participants"] if p["id"] == alan.participant_id][0]
            self.assertEqual(me["role"], "user")
            status, _ = rest.call("DELETE", "/api/v1/events/%s" % event["id"], tokens["ada"])
            self.assertEqual(status, 204)
            for c in (grace, alan):
                closed = await c.expect("control", "closed")
                self.assertEqual(closed["payload"]["reason"], "room_deleted")

        self.run_async(scenario())
    def test_signaling_dead_connection_is_detected_by_heartbeat(self):
        s, rest, tokens, room = self.meeting(
            '[signaling]\nheartbeat_timeout = "1s"\n[rooms]\nresumption_window = "200ms"\n', users=("ada", "grace"))

        async def scenario():
            ada = await Client.joined(s.port, rest.ticket(tokens["ada"], room))
            # Grace's machine: a bare TCP socket that completes the handshake and then goes
            # silent (no pongs), like a laptop that lost its network.
            ticket = rest.ticket(tokens["grace"], room)
            reader, writer = await asyncio.open_connection("127.0.0.1", s.port)
            key = base64.b64encode(os.urandom(16)).decode()
            writer.write(("GET /signaling HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                          "Connection: Upgrade\r\nSec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n"
                          "Sec-WebSocket-Protocol: plenum.v1, ticket.%s\r\n\r\n" % (key, ticket)).encode())
            await writer.drain()
            status = await reader.readline()
            self.assertIn(b" 101 ", status)
            await ada.expect("control", "joined")
            started = time.monotonic()
            left = await ada.expect("control", "left", timeout=10)
            self.assertEqual(left["payload"]["reason"], "timeout")
            self.assertLess(time.monotonic() - started, 5)  # 1 s heartbeat + 0.2 s resumption window
            writer.close()
            await ada.close()

        self.run_async(scenario())

    def test_signaling_time_limit_warns_then_closes(self):
        s, rest, tokens, room = self.meeting('[rooms]\ntime_limit = "2s"\ntime_limit_notice = "1s"\n', users=("ada",))

        async def scenario():
            ada = await Client.joined(s.port, rest.ticket(tokens["ada"], room))
            ends_at = ada.join["room"]["ends_at"]
            closing = await ada.expect("control", "closing", timeout=5)
            self.assertEqual(closing["payload"], {"message": "closing", "at": ends_at, "reason": "time_limit"})
            closed = await ada.expect("control", "closed", timeout=5)
            self.assertEqual(closed["payload"]["reason"], "time_limit")
            self.assertGreaterEqual(closed["timestamp"], ends_at - 50)
            await ada.ws.wait_closed()
            self.assertEqual(ada.ws.close_code, 1008)

        self.run_async(scenario())

if __name__ == "__main__":
    unittest.main()

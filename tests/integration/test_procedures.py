"""Meeting procedures (issue 8) against the real binary: a poll with a guest voting and live
results, a countdown that expires on the room's own timer, a coffee break that excludes the timer,
a point of order seen by the moderator, speaker rounds (talking stick and wheel of names). The module rules in detail: tests/rooms/*_test.cpp."""

import asyncio
import time
import unittest

from plenum_server import PlenumServer, run_cli
from signaling_client import Client, Rest

PASSWORD = "correct horse battery staple"


class ProceduresTest(unittest.TestCase):
    def meeting(self, config="", users=("ada", "grace")):
        s = PlenumServer(config).start()
        self.addCleanup(s.stop)
        tokens = {}
        for name in users:
            out = run_cli("user", "add", "--data-dir", s.data_dir, "--email", name + "@example.org",
                          "--name", name.capitalize(), "--password-stdin", input_text=PASSWORD + "\n")
            self.assertEqual(out.returncode, 0, out.stderr)
        rest = Rest(s.port)
        for name in users:
            tokens[name] = rest.login(name + "@example.org")
        status, room = rest.call("POST", "/api/v1/rooms", tokens["ada"], {"name": "Council"})
        self.assertEqual(status, 201, room)
        status, invite = rest.call("POST", "/api/v1/rooms/%s/invites" % room["id"], tokens["ada"], {})
        self.assertEqual(status, 201, invite)
        status, guest = rest.call("POST", "/api/v1/rooms/%s/start_invited" % room["id"],
                                  body={"invite_code": invite["code"], "display_name": "Gustav"})
        self.assertEqual(status, 200, guest)
        return s, rest, tokens, room["id"], guest["ticket"]

    def run_async(self, coro):
        asyncio.run(asyncio.wait_for(coro, 90))

    def test_procedures_poll_timer_break_and_point_of_order(self):
        s, rest, tokens, room, guest_ticket = self.meeting()

        async def scenario():
            ada = await Client.joined(s.port, rest.ticket(tokens["ada"], room))
            grace = await Client.joined(s.port, rest.ticket(tokens["grace"], room))
            gustav = await Client.joined(s.port, guest_ticket)
            for c in (ada, grace, gustav):
                self.assertIn("polls", c.join["modules"])

            # Poll: a user may not start one; the guest votes; live results reach everyone.
            await grace.send("polls", "start", topic="Lunch?", choices=["Pizza", "Pasta"], multiple=False, live=True)
            self.assertEqual((await grace.expect("polls", "error"))["payload"]["code"], "forbidden")
            await ada.send("polls", "start", topic="Lunch?", choices=["Pizza", "Pasta"], multiple=False, live=True,
                           duration_seconds=10)
            started = (await gustav.expect("polls", "started"))["payload"]["poll"]
            self.assertEqual(started["ends_at"] - started["started_at"], 10_000)
            await gustav.send("polls", "vote", poll_id=started["id"], choices=[1])
            self.assertEqual((await gustav.expect("polls", "voted"))["payload"]["choices"], [1])
            results = await ada.expect("polls", "results")
            self.assertEqual((results["payload"]["results"], results["payload"]["voters"]), ([0, 1], 1))
            await ada.send("polls", "stop", poll_id=started["id"])
            ended = (await grace.expect("polls", "ended"))["payload"]
            self.assertEqual((ended["reason"], ended["poll"]["results"]), ("stopped", [0, 1]))

            # Countdown of 2 s: ends on the room's own timer, with a notice to all.
            await ada.send("timer", "start", kind="countdown", duration_seconds=2, ready_check=True)
            timer = (await grace.expect("timer", "started"))["payload"]["timer"]
            await gustav.send("timer", "set_ready", timer_id=timer["id"], ready=True)
            changed = await ada.expect("timer", "ready_changed")
            self.assertEqual(changed["payload"]["participant_id"], gustav.participant_id)
            # The coffee break waits for the timer.
            await ada.send("timer", "start", kind="coffee_break", duration_seconds=600)
            err = (await ada.expect("timer", "error"))["payload"]
            self.assertEqual(err["code"], "not_allowed_now")
            self.assertIn("timer is running", err["text"])
            begun = time.monotonic()
            for c in (ada, grace, gustav):
                stopped = (await c.expect("timer", "stopped", timeout=5))["payload"]
                self.assertEqual((stopped["reason"], stopped["kind"]), ("expired", "countdown"))
                self.assertEqual(stopped["stopped_at"] - stopped["started_at"] >= 2000, True)
            self.assertLess(time.monotonic() - begun, 4)

            # Coffee break: latecomers get it in join_success.
            await ada.send("timer", "start", kind="coffee_break", duration_seconds=600, title="Coffee")
            await grace.expect("timer", "started")
            late = await Client.joined(s.port, rest.ticket(tokens["grace"], room))
            self.assertEqual(late.join["modules"]["timer"]["current"]["kind"], "coffee_break")

            # Point of order from the guest, cleared by the moderator.
            await gustav.send("points_of_order", "raise", reason="Quorum check")
            raised = (await ada.expect("points_of_order", "raised"))["payload"]["point"]
            self.assertEqual((raised["participant_id"], raised["reason"]), (gustav.participant_id, "Quorum check"))
            await gustav.send("points_of_order", "clear", participant_ids=[], everyone=True)
            self.assertEqual((await gustav.expect("points_of_order", "error"))["payload"]["code"], "forbidden")
            await ada.send("points_of_order", "clear", participant_ids=[gustav.participant_id], everyone=False)
            cleared = (await gustav.expect("points_of_order", "cleared"))["payload"]
            self.assertEqual(cleared["by"], ada.participant_id)
            for c in (ada, grace, gustav, late):
                await c.close()

        self.run_async(scenario())

    # Speaker queue (namespace speakers): Ada (owner) moderates, Grace and Hedy (users) and the
    # guest Gustav speak. Everyone must see the same sequence of `updated` queues.
    async def speakers_meeting(self, config=""):
        s, rest, tokens, room, guest_ticket = self.meeting(config, users=("ada", "grace", "hedy"))
        clients = []
        for name in ("ada", "grace", "hedy"):
            clients.append(await Client.joined(s.port, rest.ticket(tokens[name], room)))
        clients.append(await Client.joined(s.port, guest_ticket))
        return clients

    async def same_update(self, clients, timeout=5):
        """The next `updated` queue, asserted equal for every client."""
        queues = [(await c.expect("speakers", "updated", timeout=timeout))["payload"]["queue"] for c in clients]
        for q in queues[1:]:
            self.assertEqual(q, queues[0])
        return queues[0]

    def test_speakers_talking_stick_round(self):
        async def scenario():
            clients = await self.speakers_meeting()
            ada, grace, hedy, gustav = clients
            for c in clients:
                self.assertNotIn("queue", c.join["modules"]["speakers"])
            # Only moderators start a round.
            await grace.send("speakers", "start", selection="list", order="join_time", include_moderators=False,
                             append_late_joiners=False)
            self.assertEqual((await grace.expect("speakers", "error"))["payload"]["code"], "forbidden")
            await ada.send("speakers", "start", selection="list", order="join_time", include_moderators=False,
                           append_late_joiners=False, time_limit_seconds=120)
            q = await self.same_update(clients)
            ids = [grace.participant_id, hedy.participant_id, gustav.participant_id]
            self.assertEqual((q["upcoming"], q["done"], "current" in q), (ids, [], False))
            queue_id = q["id"]
            await ada.send("speakers", "next", queue_id=queue_id)
            q = await self.same_update(clients)
            self.assertEqual(q["current"]["participant_id"], grace.participant_id)
            self.assertEqual(q["current"]["ends_at"] - q["current"]["started_at"], 120_000)
            # Hedy may not yield Grace's turn; Grace yields to the next in line.
            await hedy.send("speakers", "yield", queue_id=queue_id)
            self.assertEqual((await hedy.expect("speakers", "error"))["payload"]["code"], "not_allowed_now")
            await grace.send("speakers", "yield", queue_id=queue_id)
            q = await self.same_update(clients)
            self.assertEqual((q["current"]["participant_id"], q["done"]), (hedy.participant_id, ids[:1]))
            # Skipped: Hedy goes back to the end; the guest speaks.
            await ada.send("speakers", "skip", queue_id=queue_id)
            q = await self.same_update(clients)
            self.assertEqual((q["current"]["participant_id"], q["upcoming"]),
                             (gustav.participant_id, [hedy.participant_id]))
            await ada.send("speakers", "stop", queue_id=queue_id)
            for c in clients:
                stopped = (await c.expect("speakers", "stopped"))["payload"]
                self.assertEqual((stopped["queue_id"], stopped["by"]), (queue_id, ada.participant_id))
            for c in clients:  # nothing else arrived in between
                self.assertEqual([f for f in await c.round_trip() if f.get("namespace") == "speakers"], [])
                await c.close()

        self.run_async(scenario())

    def test_speakers_wheel_of_names(self):
        async def scenario():
            clients = await self.speakers_meeting('[rooms]\nwheel_spin = "1s"\n')
            ada, grace, hedy, gustav = clients
            await ada.send("speakers", "start", selection="wheel", order="name", include_moderators=False,
                           append_late_joiners=True)
            q = await self.same_update(clients)
            # Grace, Gustav (guest) and Hedy by name.
            self.assertEqual(q["upcoming"], [grace.participant_id, gustav.participant_id, hedy.participant_id])
            await ada.send("speakers", "next", queue_id=q["id"])
            q = await self.same_update(clients)
            spin = q["spin"]
            sent = time.monotonic()
            self.assertNotIn("current", q)
            self.assertEqual(spin["candidates"], [grace.participant_id, gustav.participant_id, hedy.participant_id])
            self.assertIn(spin["winner"], spin["candidates"])
            self.assertTrue(4 <= spin["turns"] <= 7)
            self.assertEqual(spin["stops_at"] - spin["started_at"], 1000)
            # Refused while the wheel turns.
            await ada.send("speakers", "next", queue_id=q["id"])
            self.assertEqual((await ada.expect("speakers", "error"))["payload"]["code"], "not_allowed_now")
            # At the stop the winner has the word, for everyone.
            q = await self.same_update(clients)
            self.assertGreater(time.monotonic() - sent, 0.8)
            self.assertNotIn("spin", q)
            self.assertEqual(q["current"]["participant_id"], spin["winner"])
            self.assertGreaterEqual(q["current"]["started_at"], spin["stops_at"])
            self.assertNotIn(spin["winner"], q["upcoming"])
            for c in clients:
                await c.close()

        self.run_async(scenario())

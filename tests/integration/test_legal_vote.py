"""Legal votes over real signaling and REST: ballots only for registered participants present at
the start, one vote each, the signed protocol and PDF for voters and moderators only, and
`plenum vote verify` on the downloaded protocol (also tampered)."""

import asyncio
import http.client
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from plenum_server import PlenumServer, run_cli
from signaling_client import Client, Rest

PASSWORD = "correct horse battery staple"


def download(port, path, token):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Authorization": "Bearer " + token} if token else {})
    res = conn.getresponse()
    data = res.read()
    conn.close()
    return res.status, res.getheader("Content-Type"), data


class LegalVoteTest(unittest.TestCase):
    def meeting(self):
        s = PlenumServer().start()
        self.addCleanup(s.stop)
        for name in ("ada", "grace", "alan"):
            out = run_cli("user", "add", "--data-dir", s.data_dir, "--email", name + "@example.org",
                          "--name", name.capitalize(), "--password-stdin", input_text=PASSWORD + "\n")
            self.assertEqual(out.returncode, 0, out.stderr)
        rest = Rest(s.port)
        tokens = {name: rest.login(name + "@example.org") for name in ("ada", "grace", "alan")}
        status, room = rest.call("POST", "/api/v1/rooms", tokens["ada"], {"name": "Council"})
        self.assertEqual(status, 201, room)
        return s, rest, tokens, room["id"]

    def guest_ticket(self, rest, owner_token, room_id):
        status, invite = rest.call("POST", "/api/v1/rooms/%s/invites" % room_id, owner_token, {})
        self.assertEqual(status, 201, invite)
        status, out = rest.call("POST", "/api/v1/rooms/%s/start_invited" % room_id,
                                body={"invite_code": invite["code"], "display_name": "Gustav"})
        self.assertEqual(status, 200, out)
        return out["ticket"]

    def verify(self, path, *extra):
        return run_cli("vote", "verify", path, *extra)

    def test_roll_call_vote_protocol_report_and_verify(self):
        s, rest, tokens, room = self.meeting()
        result = {}

        async def scenario():
            ada = await Client.joined(s.port, rest.ticket(tokens["ada"], room))
            grace = await Client.joined(s.port, rest.ticket(tokens["grace"], room))
            guest = await Client.joined(s.port, self.guest_ticket(rest, tokens["ada"], room))
            public_key = ada.join["modules"]["legal_vote"]["public_key"]
            self.assertEqual(len(public_key), 64)
            await ada.send("legal_vote", "start", name="Budget 2027", subtitle="Second reading",
                           topic="The council adopts the budget.", kind="roll_call", allow_abstain=True,
                           live_results=True, auto_close=True)
            started = await grace.expect("legal_vote", "started")
            vote = started["payload"]["vote"]
            self.assertEqual(len(vote["voters"]), 2)
            self.assertNotIn(guest.participant_id, vote["voters"])
            ada_ballot = (await ada.expect("legal_vote", "ballot"))["payload"]["ballot"]
            grace_ballot = (await grace.expect("legal_vote", "ballot"))["payload"]["ballot"]
            await guest.expect("legal_vote", "started")
            self.assertEqual([f for f in await guest.round_trip() if f["payload"]["message"] == "ballot"], [])
            # The guest cannot use Grace's token; a late joiner gets no ballot.
            await guest.send("legal_vote", "vote", vote_id=vote["id"], token=grace_ballot["token"], choice="no")
            err = await guest.expect("legal_vote", "error")
            self.assertEqual(err["payload"]["code"], "forbidden")
            alan = await Client.joined(s.port, rest.ticket(tokens["alan"], room))
            self.assertEqual(alan.join["modules"]["legal_vote"]["ballots"], [])
            await grace.send("legal_vote", "vote", vote_id=vote["id"], token=grace_ballot["token"], choice="yes")
            receipt = (await grace.expect("legal_vote", "voted"))["payload"]["receipt"]
            await grace.send("legal_vote", "vote", vote_id=vote["id"], token=grace_ballot["token"], choice="no")
            err = await grace.expect("legal_vote", "error")
            self.assertEqual(err["payload"]["code"], "not_allowed_now")
            updated = await ada.expect("legal_vote", "updated")
            self.assertEqual(updated["payload"]["vote"]["tally"]["yes"], 1)  # live results
            await ada.send("legal_vote", "vote", vote_id=vote["id"], token=ada_ballot["token"], choice="no")
            ended = (await guest.expect("legal_vote", "ended"))["payload"]["vote"]
            self.assertEqual(ended["end_reason"], "auto_closed")
            self.assertTrue(ended["valid"])
            self.assertEqual(ended["tally"], {"yes": 1, "no": 1, "abstain": 0})
            result.update(vote_id=vote["id"], receipt=receipt, hash=ended["protocol_hash"], key=public_key)

        asyncio.run(asyncio.wait_for(scenario(), 90))
        vote_id = result["vote_id"]

        # Voters and moderators download; someone else (Alan joined late) and anonymous callers get 404/401.
        status, ctype, protocol = download(s.port, "/api/v1/votes/%s/protocol" % vote_id, tokens["grace"])
        self.assertEqual((status, ctype), (200, "application/json"))
        self.assertEqual(json.loads(protocol)["final_hash"], result["hash"])
        self.assertEqual(download(s.port, "/api/v1/votes/%s/protocol" % vote_id, tokens["alan"])[0], 404)
        self.assertEqual(download(s.port, "/api/v1/votes/%s/protocol" % vote_id, None)[0], 401)
        self.assertEqual(download(s.port, "/api/v1/votes/%s/report/fr" % vote_id, tokens["ada"])[0], 404)

        work = tempfile.mkdtemp(prefix="plenum-vote-")
        self.addCleanup(shutil.rmtree, work)
        for lang, title in (("en", "Vote protocol"), ("de", "Abstimmungsprotokoll")):
            status, ctype, pdf = download(s.port, "/api/v1/votes/%s/report/%s" % (vote_id, lang), tokens["ada"])
            self.assertEqual((status, ctype), (200, "application/pdf"))
            self.assertTrue(pdf.startswith(b"%PDF-"))
            path = os.path.join(work, "report-%s.pdf" % lang)
            with open(path, "wb") as f:
                f.write(pdf)
            if shutil.which("pdftotext"):
                text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True).stdout
                self.assertIn("Budget 2027", text)
                self.assertIn(title, text)
                self.assertIn(result["hash"], text.replace(" ", ""))

        path = os.path.join(work, "protocol.json")
        with open(path, "wb") as f:
            f.write(protocol)
        out = self.verify(path, "--public-key", result["key"], "--receipt", result["receipt"])
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        self.assertIn("valid", out.stdout)
        self.assertIn(result["hash"], out.stdout)
        self.assertIn("receipt: entry 2", out.stdout)

        doc = json.loads(protocol)
        doc["entries"][2]["choice"] = "yes"  # Ada's no becomes a yes
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f)
        out = self.verify(path)
        self.assertEqual(out.returncode, 1, out.stdout)
        self.assertIn("entry 3 (vote)", out.stdout)

        # The key is kept in the data directory with mode 0600.
        key = os.path.join(s.data_dir, "vote_signing.key")
        self.assertEqual(os.stat(key).st_mode & 0o777, 0o600)

    def test_initiator_leaving_cancels_and_secret_votes_refuse_live_results(self):
        s, rest, tokens, room = self.meeting()

        async def scenario():
            ada = await Client.joined(s.port, rest.ticket(tokens["ada"], room))
            grace = await Client.joined(s.port, rest.ticket(tokens["grace"], room))
            await ada.send("legal_vote", "start", name="Chair", kind="secret", allow_abstain=False,
                           live_results=True, auto_close=False)
            err = await ada.expect("legal_vote", "error")
            self.assertEqual((err["payload"]["code"], err["payload"].get("field")), ("invalid_field", "live_results"))
            await grace.send("legal_vote", "start", name="Chair", kind="secret", allow_abstain=False,
                             live_results=False, auto_close=False)
            err = await grace.expect("legal_vote", "error")
            self.assertEqual(err["payload"]["code"], "forbidden")
            await ada.send("legal_vote", "start", name="Chair", kind="secret", allow_abstain=False,
                           live_results=False, auto_close=False, duration_seconds=600)
            await grace.expect("legal_vote", "started")
            await ada.send("control", "leave")
            ended = (await grace.expect("legal_vote", "ended"))["payload"]["vote"]
            self.assertEqual(ended["end_reason"], "initiator_left")
            self.assertFalse(ended["valid"])

        asyncio.run(asyncio.wait_for(scenario(), 90))

    def test_moderators_load_the_votes_and_polls_prepared_on_the_event(self):
        s, rest, tokens, plain_room = self.meeting()
        status, found = rest.call("GET", "/api/v1/users?q=grace", tokens["ada"])
        grace_id = found["users"][0]["id"]
        status, event = rest.call("POST", "/api/v1/events", tokens["ada"],
                                  {"title": "Council", "time_independent": True})
        self.assertEqual(status, 201, event)
        e = "/api/v1/events/" + event["id"]
        status, _ = rest.call("POST", e + "/invites", tokens["ada"], {"user_id": grace_id, "role": "moderator"})
        self.assertEqual(status, 201)
        # Prepared before the meeting, by the organiser and by the invited moderator.
        status, vote = rest.call("POST", e + "/vote_templates", tokens["ada"], {
            "name": "Budget 2027", "subtitle": "Second reading", "kind": "secret", "auto_close": True,
            "duration_seconds": 600})
        self.assertEqual(status, 201, vote)
        status, poll = rest.call("POST", e + "/poll_templates", tokens["grace"], {
            "title": "Lunch", "topic": "Where do we eat?", "choices": ["Pizza", "Pasta"], "multiple": True})
        self.assertEqual(status, 201, poll)

        async def scenario():
            grace = await Client.joined(s.port, rest.ticket(tokens["grace"], event["room_id"]))
            alan = await Client.joined(s.port, rest.ticket(tokens["alan"], event["room_id"]))
            await grace.send("legal_vote", "list_templates", frame_id="lt1")
            listed = await grace.expect("legal_vote", "templates")
            self.assertEqual(listed.get("id"), "lt1")
            self.assertEqual(listed["payload"]["templates"], [{
                "id": vote["id"], "name": "Budget 2027", "subtitle": "Second reading", "kind": "secret",
                "allow_abstain": True, "live_results": False, "auto_close": True, "duration_seconds": 600}])
            await grace.send("polls", "list_templates", frame_id="lt2")
            polls = await grace.expect("polls", "templates")
            self.assertEqual(polls.get("id"), "lt2")
            (prepared,) = polls["payload"]["templates"]
            self.assertEqual((prepared["title"], prepared["choices"], prepared["multiple"], prepared["live"]),
                             ("Lunch", ["Pizza", "Pasta"], True, True))
            # A participant without the moderator role gets nothing.
            await alan.send("polls", "list_templates")
            self.assertEqual((await alan.expect("polls", "error"))["payload"]["code"], "forbidden")
            await alan.send("legal_vote", "list_templates")
            self.assertEqual((await alan.expect("legal_vote", "error"))["payload"]["code"], "forbidden")
            # The moderator starts the prepared poll as it is.
            await grace.send("polls", "start", topic=prepared["topic"], choices=prepared["choices"],
                             multiple=prepared["multiple"], live=prepared["live"])
            started = await alan.expect("polls", "started")
            self.assertEqual(started["payload"]["poll"]["topic"], "Where do we eat?")
            # A room without an event has no templates.
            ada = await Client.joined(s.port, rest.ticket(tokens["ada"], plain_room))
            await ada.send("polls", "list_templates", frame_id="lt3")
            self.assertEqual((await ada.expect("polls", "templates"))["payload"]["templates"], [])
            for c in (grace, alan, ada):
                await c.close()

        asyncio.run(asyncio.wait_for(scenario(), 60))


if __name__ == "__main__":
    unittest.main()

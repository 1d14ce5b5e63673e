"""Mailnest from Python, over plain HTTP: no client library, no polling loop.

    MAILNEST_URL=http://127.0.0.1:8025 MAILNEST_SMTP=127.0.0.1:1025 python3 -m unittest examples/python/test_signup.py

Needs only the standard library. GET /api/v1/wait answers as soon as a message matching a Mailpit
search exists (including one that arrived before the request), or 408 when the timeout passes.
"""
import json
import os
import re
import smtplib
import unittest
import uuid
from email.message import EmailMessage
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import urlopen

MAILNEST_URL = os.environ.get("MAILNEST_URL", "http://127.0.0.1:8025").rstrip("/")
SMTP_HOST, SMTP_PORT = os.environ.get("MAILNEST_SMTP", "127.0.0.1:1025").rsplit(":", 1)


def sign_up(email):
    """The app under test: signing up emails a confirmation link."""
    message = EmailMessage()
    message["From"] = "no-reply@app.example"
    message["To"] = email
    message["Subject"] = "Confirm your email"
    message.set_content("Confirm your address: https://app.example/confirm?token=py-123\n")
    with smtplib.SMTP(SMTP_HOST, int(SMTP_PORT)) as smtp:
        smtp.send_message(message)


def wait_for(query, timeout="5s", count=1):
    """Blocks until `count` messages match `query`; returns the newest one's summary."""
    params = urlencode({"query": query, "timeout": timeout, "count": count})
    with urlopen(f"{MAILNEST_URL}/api/v1/wait?{params}", timeout=60) as response:
        return json.load(response)["messages"][0]


def get_message(message_id):
    # Note: like Mailpit, this marks the message read.
    with urlopen(f"{MAILNEST_URL}/api/v1/message/{message_id}") as response:
        return json.load(response)


class SignUpTest(unittest.TestCase):
    def test_sends_a_confirmation_link(self):
        email = f"alice-{uuid.uuid4()}@example.com"
        sign_up(email)

        summary = wait_for(f'to:{email} subject:"Confirm your email"')
        message = get_message(summary["ID"])

        self.assertEqual(message["To"][0]["Address"], email)
        links = re.findall(r"https?://\S+", message["Text"])
        self.assertIn("https://app.example/confirm?token=py-123", links)

    def test_times_out_with_408_and_a_reason(self):
        with self.assertRaises(HTTPError) as caught:
            wait_for(f"to:nobody-{uuid.uuid4()}@example.com", timeout="200ms")
        self.assertEqual(caught.exception.code, 408)
        self.assertIn("timed out", json.load(caught.exception)["Error"])


if __name__ == "__main__":
    unittest.main()

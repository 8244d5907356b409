#!/usr/bin/env python3
"""Take the README screenshots of directo_event with headless Chromium.

    python3 tools/screenshots.py --url http://127.0.0.1:8079 --db DB [--out docs]

Expects a running Odoo with directo_event and its demo data (scripts/screenshots.sh
starts one). Logs in as admin/admin over JSON-RPC, gives Chromium the session
cookie and drives it through the Chrome DevTools protocol with websocket-client,
as Odoo's own test browser does: no Selenium, Playwright or browser download.
"""

import argparse
import base64
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import requests
import websocket

WIDTH, HEIGHT = 1440, 900
TIMEOUT = 60  # seconds to wait for a page element
SETTLE = 1.5  # seconds left to the web client to finish rendering

# name, url (None: computed), element to wait for, then [(click, wait for), ...]
SHOTS = [
    ("kanban", "/odoo/directo-events", ".o_kanban_record", []),
    ("form", None, ".o_form_view .o_field_widget[name=partner_id]", []),
    (
        "calendar",
        "/odoo/directo-events",
        ".o_switch_view.o_calendar",
        [
            (".o_switch_view.o_calendar", ".o_calendar_view .fc"),
            (".scale_button_selection", ".o_scale_button_month"),
            (".o_scale_button_month", ".fc-dayGridMonth-view .fc-event"),
        ],
    ),
    (
        "settings",
        "/odoo/settings",
        ".settings_tab .tab[data-key=directo_event]",
        [
            (
                ".settings_tab .tab[data-key=directo_event]",
                "#directo_event_alias",
            ),
        ],
    ),
]


def find_chromium():
    for name in (
        os.environ.get("ODOO_BROWSER_BIN"),
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ):
        if name and (path := shutil.which(name)):
            return path
    sys.exit("Chromium not found: install it or set ODOO_BROWSER_BIN.")


class Browser:
    """A headless Chromium page driven over the DevTools protocol."""

    def __init__(self, executable):
        self.profile = tempfile.mkdtemp(prefix="directo-shots-")
        self.proc = subprocess.Popen(
            [
                executable,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile}",
                f"--window-size={WIDTH},{HEIGHT}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = pathlib.Path(self.profile, "DevToolsActivePort")
        deadline = time.time() + 30
        while not (port_file.is_file() and port_file.stat().st_size > 5):
            if time.time() > deadline or self.proc.poll() is not None:
                self.close()
                sys.exit("Chromium did not start (no DevTools port).")
            time.sleep(0.1)
        port = int(port_file.read_text().splitlines()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json") as response:
            targets = json.load(response)
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(
            page["webSocketDebuggerUrl"], timeout=TIMEOUT, suppress_origin=True
        )
        self.last_id = 0

    def send(self, method, **params):
        self.last_id += 1
        self.ws.send(
            json.dumps({"id": self.last_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.last_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True
        )
        return result.get("result", {}).get("value")

    def wait_for(self, selector):
        deadline = time.time() + TIMEOUT
        query = f"!!document.querySelector({json.dumps(selector)})"
        while not self.evaluate(query):
            if time.time() > deadline:
                raise TimeoutError(f"{selector} did not appear")
            time.sleep(0.25)

    def click(self, selector):
        self.evaluate(f"document.querySelector({json.dumps(selector)}).click()")

    def close(self):
        if getattr(self, "ws", None):
            self.ws.close()
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def login(url, db, user, password):
    """Return the session of ``user`` and a function calling the ORM with it."""
    session = requests.Session()
    response = session.post(
        f"{url}/web/session/authenticate",
        json={
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"db": db, "login": user, "password": password},
        },
        timeout=TIMEOUT,
    )
    response.raise_for_status()
    if response.json().get("error") or "session_id" not in session.cookies:
        sys.exit(f"Login as {user} on {url} ({db}) failed: {response.text[:300]}")

    def call(model, method, *args, **kwargs):
        reply = session.post(
            f"{url}/web/dataset/call_kw",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "model": model,
                    "method": method,
                    "args": args,
                    "kwargs": kwargs,
                },
            },
            timeout=TIMEOUT,
        ).json()
        if "error" in reply:
            raise RuntimeError(reply["error"])
        return reply["result"]

    return session.cookies["session_id"], call


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="e.g. http://127.0.0.1:8079")
    parser.add_argument("--db", required=True)
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--out", default="docs")
    args = parser.parse_args()
    url = args.url.rstrip("/")
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    session_id, call = login(url, args.db, args.login, args.password)
    # the form of the open demo event with the most jobs
    events = call(
        "directo.event",
        "search_read",
        [("job_ids", "!=", False), ("is_closed", "=", False)],
        fields=["id"],
        order="job_count desc, id",
        limit=1,
    ) or call("directo.event", "search_read", [], fields=["id"], limit=1)
    if not events:
        sys.exit("No event in the database: it needs directo_event's demo data.")
    form_url = f"/odoo/directo-events/{events[0]['id']}"

    browser = Browser(find_chromium())
    try:
        browser.send(
            "Emulation.setDeviceMetricsOverride",
            width=WIDTH,
            height=HEIGHT,
            deviceScaleFactor=1,
            mobile=False,
        )
        browser.send("Network.enable")
        browser.send("Network.setCookie", name="session_id", value=session_id, url=url)
        for name, path, ready, steps in SHOTS:
            browser.send("Page.navigate", url=url + (path or form_url))
            browser.wait_for(ready)
            for click, wait in steps:
                browser.click(click)
                browser.wait_for(wait)
            time.sleep(SETTLE)
            shot = browser.send("Page.captureScreenshot", format="png")
            target = out / f"{name}.png"
            target.write_bytes(base64.b64decode(shot["data"]))
            print(f"{target} ({target.stat().st_size // 1024} KB)")
    finally:
        browser.close()


if __name__ == "__main__":
    main()

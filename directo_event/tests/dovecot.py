"""A private Dovecot IMAP server for the tests, on loopback.

Started as the current user with its own configuration, sockets, state, log
and mailboxes in a temporary folder; nothing of the system's Dovecot (if one
runs) is read or touched. Plaintext login, no TLS, a passwd-file per user.
When the tests run as root, Dovecot's own unprivileged users run the login
processes and ``nobody`` owns the mailboxes: Dovecot refuses root for both.

A missing Dovecot raises :class:`DovecotError`, so that the tests that need it
fail rather than skip (Debian: ``apt-get install dovecot-imapd``).
"""

import grp
import imaplib
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from email import message_from_bytes

SEARCH_PATH = ("/usr/sbin", "/usr/local/sbin", "/sbin")
START_TIMEOUT = 15

CONFIG_COMMON = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
instance_name = directo-event-test-{port}
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
ssl = no
auth_mechanisms = plain login
default_internal_user = {internal_user}
default_internal_group = {internal_group}
default_login_user = {login_user}
first_valid_uid = {uid}
first_valid_gid = {gid}
service imap-login {{
  chroot =
  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""
CONFIG_2_3 = """\
disable_plaintext_auth = no
mail_location = maildir:~/Maildir
passdb {{
  driver = passwd-file
  args = {root}/users/%u
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%u
}}
"""
CONFIG_2_4 = """\
auth_allow_cleartext = yes
mail_driver = maildir
mail_path = ~/Maildir
passdb passwd-file {{
  passwd_file_path = {root}/users/%{{user}}
}}
userdb static {{
  fields {{
    uid = {uid}
    gid = {gid}
    home = {root}/mail/%{{user}}
  }}
}}
"""


class DovecotError(RuntimeError):
    pass


def find_dovecot():
    """The path of the ``dovecot`` binary: $DOVECOT_BIN, PATH, then sbin."""
    path = os.environ.get("DOVECOT_BIN")
    if path:
        if not os.access(path, os.X_OK):
            raise DovecotError(f"DOVECOT_BIN={path} is not an executable file.")
        return path
    path = shutil.which("dovecot")
    path = path or shutil.which("dovecot", path=os.pathsep.join(SEARCH_PATH))
    if not path:
        raise DovecotError(
            "Dovecot is not installed: the e-mail path tests need its IMAP "
            "server (Debian/Ubuntu: apt-get install dovecot-imapd), or set "
            "DOVECOT_BIN=/path/to/dovecot."
        )
    return path


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Dovecot:
    """A running private Dovecot; use :meth:`start` and :meth:`stop`."""

    def __init__(self):
        self.binary = find_dovecot()
        self.version = self._version()
        self.root = None
        self.port = None
        self.process = None
        if os.geteuid() == 0:
            # root may start Dovecot but may neither log in users nor own mail
            self.internal_user, self.login_user = "dovecot", "dovenull"
            mail_user = pwd.getpwnam("nobody")
        else:
            mail_user = pwd.getpwuid(os.geteuid())
            self.internal_user = self.login_user = mail_user.pw_name
        self.uid, self.gid = mail_user.pw_uid, mail_user.pw_gid
        self.internal_group = grp.getgrgid(
            pwd.getpwnam(self.internal_user).pw_gid
        ).gr_name

    def _version(self):
        result = subprocess.run(
            [self.binary, "--version"], capture_output=True, text=True, check=False
        )
        found = re.match(r"(\d+)\.(\d+)", result.stdout.strip())
        if result.returncode or not found:
            raise DovecotError(
                f"{self.binary} --version failed: {result.stdout}{result.stderr}"
            )
        return int(found[1]), int(found[2])

    # ------------------------------------------------------------
    # SERVER
    # ------------------------------------------------------------

    def start(self):
        self.root = tempfile.mkdtemp(prefix="directo-event-dovecot-")
        # the login and mail processes run as other users when we are root
        os.chmod(self.root, 0o755)
        for folder in ("run", "state", "mail", "users"):
            os.mkdir(os.path.join(self.root, folder))
        self._own(os.path.join(self.root, "mail"))
        self.port = free_port()
        values = {
            "root": self.root,
            "port": self.port,
            "uid": self.uid,
            "gid": self.gid,
            "internal_user": self.internal_user,
            "internal_group": self.internal_group,
            "login_user": self.login_user,
        }
        config = CONFIG_COMMON.format(**values)
        if self.version >= (2, 4):
            header = "dovecot_config_version = 2.4.0\n"
            header += "dovecot_storage_version = 2.4.0\n"
            config = header + config + CONFIG_2_4.format(**values)
        else:
            config += CONFIG_2_3.format(**values)
        self.config = os.path.join(self.root, "dovecot.conf")
        with open(self.config, "w", encoding="utf-8") as file:
            file.write(config)
        self.process = subprocess.Popen(
            [self.binary, "-F", "-c", self.config],
            stdout=subprocess.DEVNULL,
            stderr=open(os.path.join(self.root, "stderr.log"), "wb"),  # noqa: SIM115
        )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with socket.create_connection(("127.0.0.1", self.port), 1) as sock:
                    if sock.recv(100).startswith(b"* OK"):
                        return self
            except OSError:
                time.sleep(0.1)
        log = self.log()
        self.stop()
        raise DovecotError(f"Dovecot did not start on 127.0.0.1:{self.port}:\n{log}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        if self.root:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None

    def log(self):
        text = ""
        for name in ("stderr.log", "dovecot.log"):
            path = os.path.join(self.root or "", name)
            if os.path.exists(path):
                with open(path, encoding="utf-8", errors="replace") as file:
                    text += file.read()
        return text

    # ------------------------------------------------------------
    # MAILBOXES
    # ------------------------------------------------------------

    def add_user(self, login, password):
        """A mailbox with an empty Maildir. One passwd-file per user: Dovecot
        would not notice a line added to a file within the same second."""
        path = os.path.join(self.root, "users", login)
        with open(path, "w", encoding="utf-8") as file:
            file.write(f"{login}:{{PLAIN}}{password}\n")
        home = os.path.join(self.root, "mail", login)
        for folder in ("", "Maildir", "Maildir/new", "Maildir/cur", "Maildir/tmp"):
            path = os.path.join(home, folder)
            os.makedirs(path, exist_ok=True)
            self._own(path)

    def deliver(self, login, message):
        """Put a message (bytes) into the user's Maildir, as an MTA would."""
        maildir = os.path.join(self.root, "mail", login, "Maildir")
        name = f"{time.time_ns()}.{uuid.uuid4().hex}.directo-event-test"
        tmp = os.path.join(maildir, "tmp", name)
        with open(tmp, "wb") as file:
            file.write(message)
        self._own(tmp)
        os.rename(tmp, os.path.join(maildir, "new", name))

    def seen_by_subject(self, login, password):
        """{subject: whether the message is flagged \\Seen}, read over IMAP
        without changing any flag."""
        imap = imaplib.IMAP4("127.0.0.1", self.port)
        try:
            imap.login(login, password)
            imap.select("INBOX", readonly=True)
            _status, data = imap.search(None, "SEEN")
            seen_numbers = set(data[0].split())
            _status, data = imap.fetch("1:*", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
            imap.close()
        finally:
            imap.logout()
        return {
            message_from_bytes(item[1])["Subject"]: item[0].split()[0] in seen_numbers
            for item in data
            if isinstance(item, tuple)
        }

    def _own(self, path):
        if os.geteuid() == 0:
            os.chown(path, self.uid, self.gid)

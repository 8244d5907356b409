import os
import re
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import odoo
from odoo.service import db as db_service
from odoo.tests import BaseCase, tagged
from odoo.tools import config

# Lines of an Odoo log at WARNING level or worse.
PROBLEM = re.compile(r"^\S+ \S+ \d+ (WARNING|ERROR|CRITICAL) ")


@tagged("post_install", "-at_install", "directo_event", "directo_event_install")
class TestDirectoEventInstall(BaseCase):
    """The test database itself is installed with demo data (scripts/test.sh);
    this installs the app alone, without demo data, as a new company would."""

    def test_install_without_demo_data(self):
        db_name = f"directo_event_nodemo_{uuid.uuid4().hex[:8]}"
        odoo_root = Path(odoo.__path__[0]).parent
        env = dict(
            os.environ,
            PYTHONPATH=os.pathsep.join(
                filter(None, [str(odoo_root), os.environ.get("PYTHONPATH")])
            ),
        )
        with tempfile.TemporaryDirectory() as tmp:
            logfile = Path(tmp, "install.log")
            command = [
                sys.executable,
                "-m",
                "odoo",
                "--addons-path=" + ",".join(config["addons_path"]),
                f"--data-dir={tmp}",
                "--http-interface=127.0.0.1",
                f"--logfile={logfile}",
                "-d",
                db_name,
                "-i",
                "directo_event",
                "--stop-after-init",
            ] + [
                f"--{option}={config[option]}"
                for option in ("db_host", "db_port", "db_user", "db_password")
                if config[option]
            ]
            try:
                result = subprocess.run(
                    command, env=env, cwd=tmp, timeout=900, check=False
                )
                log = logfile.read_text(errors="replace")
                self.assertEqual(result.returncode, 0, log[-3000:])
                problems = [line for line in log.splitlines() if PROBLEM.match(line)]
                self.assertEqual(problems, [], "the install logged problems")
                self.assertIn("Modules loaded.", log)
            finally:
                db_service.exp_drop(db_name)

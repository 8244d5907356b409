import json
import os
import re
import subprocess
import sys
from pathlib import Path

import odoo
from odoo.tools import config

# Lines of an Odoo log at ERROR level or worse, or at WARNING level or worse.
ERRORS = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ")
WARNINGS = re.compile(r"^\S+ \S+ \d+ (WARNING|ERROR|CRITICAL) ")


class OdooSubprocessMixin:
    """Install, run and uninstall the app in a separate Odoo process, on a
    scratch database, the way an administrator would."""

    def _odoo(self, db_name, tmp, *args, stdin=None, problem=ERRORS):
        """Run Odoo on ``db_name`` in a subprocess, as a user would; fail on a
        non-zero exit or a logged line matching ``problem``. Return what the
        process printed after "RESULT " (JSON), if anything, and the log."""
        odoo_root = Path(odoo.__path__[0]).parent
        env = dict(
            os.environ,
            PYTHONPATH=os.pathsep.join(
                filter(None, [str(odoo_root), os.environ.get("PYTHONPATH")])
            ),
        )
        logfile = Path(tmp, "odoo.log")
        command = [
            sys.executable,
            "-m",
            "odoo",
            *args,
            "--addons-path=" + ",".join(config["addons_path"]),
            f"--data-dir={tmp}",
            "--http-interface=127.0.0.1",
            f"--logfile={logfile}",
            "-d",
            db_name,
        ] + [
            f"--{option}={config[option]}"
            for option in ("db_host", "db_port", "db_user", "db_password")
            if config[option]
        ]
        result = subprocess.run(
            command,
            env=env,
            cwd=tmp,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        log = logfile.read_text(errors="replace") if logfile.exists() else ""
        self.assertEqual(result.returncode, 0, (result.stderr + log)[-3000:])
        problems = [line for line in log.splitlines() if problem.match(line)]
        self.assertEqual(problems, [], f"odoo {args[0]} logged errors")
        for line in result.stdout.splitlines():
            if line.startswith("RESULT "):
                return json.loads(line[len("RESULT ") :]), log
        return None, log

import tempfile
import uuid

from odoo.service import db as db_service
from odoo.tests import BaseCase, tagged

from .odoo_subprocess import WARNINGS, OdooSubprocessMixin


@tagged("post_install", "-at_install", "directo_event", "directo_event_install")
class TestDirectoEventInstall(OdooSubprocessMixin, BaseCase):
    """The test database itself is installed with demo data (scripts/test.sh);
    this installs the app alone, without demo data, as a new company would."""

    def test_install_without_demo_data(self):
        db_name = f"directo_event_nodemo_{uuid.uuid4().hex[:8]}"
        with tempfile.TemporaryDirectory() as tmp:
            try:
                _result, log = self._odoo(
                    db_name,
                    tmp,
                    "-i",
                    "directo_event",
                    "--stop-after-init",
                    problem=WARNINGS,
                )
                self.assertIn("Modules loaded.", log)
            finally:
                db_service.exp_drop(db_name)

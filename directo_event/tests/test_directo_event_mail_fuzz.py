import logging
import os
from collections import Counter

from hypothesis import HealthCheck, given, seed, settings

from odoo.tests import tagged

from .common import DirectoEventCommon
from .mime_strategies import message

# CI runs a small seeded set; bench/fuzz.sh sets more, and another seed to
# explore other messages.
EXAMPLES = int(os.environ.get("DIRECTO_FUZZ_EXAMPLES", "150"))
SEED = int(os.environ.get("DIRECTO_FUZZ_SEED", "20261203"))
OUTCOMES = {"new", "thread", "kept_out", "failed"}
_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install", "directo_event", "directo_event_mail_fuzz")
class TestDirectoEventMailFuzz(DirectoEventCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        domain = cls.env["mail.alias.domain"].create({"name": "fuzz.example.com"})
        cls.company.alias_domain_id = domain
        cls.company._directo_event_set_alias("events", domain, "everyone")
        # the same few senders write thousands of times: lift Odoo's rate limit
        cls.env["mail.gateway.allowed"].create(
            [
                {"email": email}
                for email in (
                    "client@example.com",
                    "janis@example.com",
                    "mart@example.ee",
                )
            ]
        )
        # a lower size limit than the default 25 MB, so that the large files
        # the strategies make now and then are on both sides of it
        cls.env["ir.config_parameter"].set_param("directo_event.max_message_size", 1)
        cls.outcomes = Counter()
        cls.large = Counter()
        cls.reasons = Counter()
        cls.errors = Counter()
        # Odoo bounces a message that fails from a new cursor: let it see the
        # test's (uncommitted) alias, so that the failure logged is the
        # message's own, not the bounce's
        cls.registry_enter_test_mode_cls()

    @classmethod
    def tearDownClass(cls):
        _logger.info(
            "Fuzzed %s messages (seed %s) to the events address: %s",
            sum(cls.outcomes.values()),
            SEED,
            dict(cls.outcomes),
        )
        _logger.info("Kept out because: %s", dict(cls.reasons.most_common()))
        _logger.info("Of them over 1 MB: %s", dict(cls.large))
        for error, count in cls.errors.most_common():
            _logger.info("Failed %s times: %s", count, error)
        super().tearDownClass()

    @seed(SEED)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(raw=message("events@fuzz.example.com"))
    def test_every_message_is_an_event_or_logged(self, raw):
        """Whatever arrives at the events address, processing never raises and
        the message ends as an event or as an intake-log line with an outcome."""
        Intake = self.env["directo.event.intake"]
        before = Intake.search([], order="id desc", limit=1).id or 0
        self.env["mail.thread"].message_process(False, raw)
        intakes = Intake.search([("id", ">", before)])
        self.assertEqual(len(intakes), 1, "each message is logged once")
        self.assertIn(intakes.state, OUTCOMES)
        self.outcomes[intakes.state] += 1
        if len(raw) > 1024 * 1024:
            # too large, unless kept out before for being automatic
            self.assertEqual(intakes.state, "kept_out")
            self.large[
                "too large" if "Too large" in intakes.reason else "automatic"
            ] += 1
        self.assertTrue(intakes.raw_message, "the raw message is kept")
        if intakes.state in ("new", "thread"):
            self.assertTrue(intakes.event_id)
        if intakes.state == "kept_out":
            self.assertTrue(intakes.reason)
            # "Automatic message (Precedence: bulk)" -> "Automatic message"
            self.reasons[intakes.reason.split(":")[0].split(" (")[0]] += 1
        if intakes.state == "failed":
            self.assertTrue(intakes.error)
            self.errors[intakes.error.splitlines()[0][:200]] += 1
        for event in intakes.event_id:
            self.assertNotIn("<script", event.description or "")

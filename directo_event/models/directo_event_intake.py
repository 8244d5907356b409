import base64
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


class DirectoEventIntake(models.Model):
    """One incoming message addressed to an events address.

    Written before the message is processed, so that a message Odoo cannot
    parse or route is still kept, with its raw source, and can be processed
    again once the cause is fixed."""

    _name = "directo.event.intake"
    _description = "Event E-mail Intake"
    _order = "date_received desc, id desc"
    _rec_name = "subject"

    message_id = fields.Char(string="Message-Id", readonly=True, index="btree")
    email_from = fields.Char(string="From", readonly=True)
    email_to = fields.Char(string="To", readonly=True)
    subject = fields.Char(readonly=True)
    date_received = fields.Datetime(
        string="Received", default=fields.Datetime.now, readonly=True, index=True
    )
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    alias_id = fields.Many2one(
        "mail.alias", string="Address", readonly=True, ondelete="set null"
    )
    state = fields.Selection(
        [
            ("received", "Received"),
            ("new", "New Event"),
            ("thread", "Threaded"),
            ("kept_out", "Kept Out"),
            ("failed", "Failed"),
        ],
        string="Outcome",
        default="received",
        required=True,
        readonly=True,
        index=True,
    )
    reason = fields.Char(readonly=True, help="Why the message was kept out.")
    error = fields.Text(readonly=True, help="Why processing the message failed.")
    event_id = fields.Many2one(
        "directo.event", readonly=True, index="btree_not_null", ondelete="set null"
    )
    # a column rather than an attachment: one INSERT per message, and the
    # source goes with the log line when the line is deleted
    raw_message = fields.Binary(attachment=False, readonly=True, copy=False)
    raw_size = fields.Integer(string="Size (bytes)", readonly=True)
    raw_purged = fields.Boolean(string="Raw Message Purged", readonly=True)
    attempt_count = fields.Integer(string="Attempts", default=1, readonly=True)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_process_again(self):
        """Process the kept-out or failed messages again, e.g. after a settings
        fix. A message that makes an event is marked as such."""
        for intake in self:
            if intake.state not in ("kept_out", "failed", "received"):
                raise UserError(
                    self.env._(
                        "The message %(subject)s already made or updated an event.",
                        subject=intake.subject or intake.message_id,
                    )
                )
            if not intake.raw_message:
                raise UserError(
                    self.env._(
                        "The raw message of %(subject)s was purged: it cannot be "
                        "processed again.",
                        subject=intake.subject or intake.message_id,
                    )
                )
        for intake in self:
            raw = intake.with_context(bin_size=False).raw_message
            intake.attempt_count += 1
            intake.write({"state": "received", "reason": False, "error": False})
            self.env["mail.thread"].with_context(
                directo_event_intake_id=intake.id
            ).sudo().message_process(False, base64.b64decode(raw))
        return True

    def action_open_event(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "directo.event",
            "res_id": self.event_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------
    # CRON
    # ------------------------------------------------------------

    @api.model
    def _cron_purge_raw_messages(self):
        """Drop the raw source of logged messages older than each company's
        retention period; the log lines themselves stay."""
        for company in self.env["res.company"].search([]):
            days = company.directo_event_intake_retention_days
            if days <= 0:
                continue
            old = self.search(
                [
                    ("company_id", "in", [company.id, False]),
                    ("raw_purged", "=", False),
                    (
                        "date_received",
                        "<",
                        fields.Datetime.now() - timedelta(days=days),
                    ),
                ]
            )
            old.write({"raw_message": False, "raw_purged": True})
            _logger.info(
                "Purged the raw source of %s logged event e-mails of %s",
                len(old),
                company.name,
            )

from odoo import api, fields, models, tools
from odoo.exceptions import UserError


class DirectoEventStatus(models.Model):
    _name = "directo.event.status"
    _description = "Event Status"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean(
        string="Folded in Kanban",
        help="Events in a folded status are hidden in a collapsed column of the "
        "kanban board.",
    )
    is_closed = fields.Boolean(
        string="Closed",
        help="Events in this status are finished (done or cancelled): they are no "
        "longer open, overdue or reminded about.",
    )
    color = fields.Integer()
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    # message sent when an event enters the status
    mail_template_id = fields.Many2one(
        "mail.template",
        string="E-mail Template",
        domain="[('model', '=', 'directo.event')]",
        help="Sent when an event enters this status, in each recipient's language.",
    )
    mail_recipient = fields.Selection(
        [("user", "Event User"), ("contact", "Contact"), ("both", "Both")],
        string="Send To",
        default="contact",
    )
    event_count = fields.Integer(compute="_compute_event_count", string="Events")

    def _compute_event_count(self):
        counts = dict(
            self.env["directo.event"]._read_group(
                [("status_id", "in", self.ids)], ["status_id"], ["__count"]
            )
        )
        for status in self:
            status.event_count = counts.get(status, 0)

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()  # _first_open_status_id
        return super().create(vals_list)

    def write(self, vals):
        if {"sequence", "is_closed", "active"} & set(vals):
            self.env.registry.clear_cache()  # _first_open_status_id
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()  # _first_open_status_id
        return super().unlink()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        used = (
            self.env["directo.event"]
            .with_context(active_test=False)
            .sudo()
            ._read_group([("status_id", "in", self.ids)], ["status_id"])
        )
        if used:
            raise UserError(
                self.env._(
                    "You cannot delete the status %(names)s: events use it. "
                    "Archive it instead.",
                    names=", ".join(status.display_name for (status,) in used),
                )
            )

    # ------------------------------------------------------------
    # TOOLS
    # ------------------------------------------------------------

    @api.model
    @tools.ormcache()
    def _first_open_status_id(self):
        """The first open status, else the first status: where an event
        without a type or defaults starts. Cached: every e-mailed event asks."""
        statuses = self.sudo().search([])
        return (statuses.filtered(lambda s: not s.is_closed)[:1] or statuses[:1]).id

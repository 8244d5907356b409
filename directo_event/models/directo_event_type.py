from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .directo_event import PRIORITIES


class DirectoEventType(models.Model):
    _name = "directo.event.type"
    _description = "Event Type"
    _inherit = ["mail.alias.mixin.optional"]
    _order = "sequence, name, id"
    _rec_names_search = ["name", "code"]
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Short code of the type, as used in imports and reports. It cannot "
        "change once events use the type.",
    )
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty to share the type between all companies.",
    )
    description = fields.Text(translate=True)
    # defaults pushed into new events of the type
    status_ids = fields.Many2many(
        "directo.event.status",
        string="Allowed Statuses",
        help="Statuses an event of this type may take. Leave empty to allow all.",
    )
    default_duration = fields.Float(
        help="Planned duration, in hours, of new events of this type.",
    )
    default_priority = fields.Selection(PRIORITIES, default="0")
    default_status_id = fields.Many2one(
        "directo.event.status",
        domain="[('id', 'in', status_ids or [])] if status_ids else []",
        help="Status of new events of this type, e.g. those e-mailed to the "
        "type's own address. Empty: the first open allowed status.",
    )
    reminder_rule_ids = fields.One2many(
        "directo.event.reminder.rule",
        "type_id",
        string="Reminders",
        copy=True,
        help="Reminders given to new events of this type.",
    )
    event_count = fields.Integer(compute="_compute_event_count", string="Events")

    _code_company_uniq = models.UniqueIndex(
        "(code, COALESCE(company_id, 0))",
        "The code of an event type must be unique per company.",
    )
    _default_duration_positive = models.Constraint(
        "CHECK (default_duration >= 0)",
        "The default duration of an event type cannot be negative.",
    )

    def _compute_event_count(self):
        counts = dict(
            self.env["directo.event"]._read_group(
                [("type_id", "in", self.ids)], ["type_id"], ["__count"]
            )
        )
        for event_type in self:
            event_type.event_count = counts.get(event_type, 0)

    @api.constrains("default_status_id", "status_ids")
    def _check_default_status_id(self):
        for event_type in self:
            status = event_type.default_status_id
            if status and event_type.status_ids and status not in event_type.status_ids:
                raise ValidationError(
                    self.env._(
                        "The default status of the event type %(type)s must be one "
                        "of its allowed statuses.",
                        type=event_type.display_name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    def write(self, vals):
        if "code" in vals:
            changed = self.filtered(lambda t: t.code != vals["code"])
            if changed and self._used_types(changed):
                raise UserError(
                    self.env._(
                        "The code of an event type cannot change once events use "
                        "it: %(types)s.",
                        types=", ".join(self._used_types(changed).mapped("name")),
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        used = self._used_types(self)
        if used:
            raise UserError(
                self.env._(
                    "You cannot delete the event type %(names)s: events use it. "
                    "Archive it instead.",
                    names=", ".join(used.mapped("display_name")),
                )
            )

    # ------------------------------------------------------------
    # TOOLS
    # ------------------------------------------------------------

    def _used_types(self, types):
        """Return the types of ``types`` that at least one event (archived too)
        uses, whatever the current user may read."""
        groups = (
            self.env["directo.event"]
            .with_context(active_test=False)
            .sudo()
            ._read_group([("type_id", "in", types.ids)], ["type_id"])
        )
        return self.browse([event_type.id for (event_type,) in groups])

    # ------------------------------------------------------------
    # MAIL GATEWAY
    # ------------------------------------------------------------

    def _alias_get_creation_values(self):
        """A type's own address makes events of the type (and of the type's
        company, when it has one)."""
        values = super()._alias_get_creation_values()
        values["alias_model_id"] = self.env["ir.model"]._get_id("directo.event")
        if self.id:
            defaults = {"type_id": self.id}
            if self.company_id:
                defaults["company_id"] = self.company_id.id
            values["alias_defaults"] = repr(defaults)
        return values

from odoo import api, fields, models, tools
from odoo.tools import SQL


class DirectoEventChange(models.Model):
    """One changed field of an event, as recorded by the chatter's tracking.

    A read-only view over ``mail.tracking.value``: the Changes tab lists what the
    chatter already keeps, with the event's access rules instead of the
    administrators-only access of tracking values."""

    _name = "directo.event.change"
    _description = "Event Change"
    _auto = False
    _order = "date desc, id desc"

    event_id = fields.Many2one("directo.event", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Datetime(string="When", readonly=True)
    author_id = fields.Many2one("res.partner", string="Who", readonly=True)
    field_id = fields.Many2one(
        "ir.model.fields", string="Technical Field", readonly=True
    )
    field_name = fields.Char(string="Field", compute="_compute_values")
    old_value = fields.Char(compute="_compute_values")
    new_value = fields.Char(compute="_compute_values")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %s AS (
                    SELECT tv.id AS id,
                           msg.res_id AS event_id,
                           ev.company_id AS company_id,
                           msg.date AS date,
                           msg.author_id AS author_id,
                           tv.field_id AS field_id
                      FROM mail_tracking_value tv
                      JOIN mail_message msg ON msg.id = tv.mail_message_id
                      JOIN directo_event ev ON ev.id = msg.res_id
                     WHERE msg.model = 'directo.event'
                )
                """,
                SQL.identifier(self._table),
            )
        )

    @api.depends("field_id")
    def _compute_values(self):
        trackings = self.env["mail.tracking.value"].sudo().browse(self.ids)
        formatted = {
            values["id"]: values
            for values in trackings._tracking_value_format_model("directo.event")
        }
        for change in self:
            values = formatted.get(change.id)
            if not values:
                change.field_name = change.old_value = change.new_value = False
                continue
            field_type = values["fieldInfo"]["fieldType"]
            change.field_name = values["fieldInfo"]["changedField"]
            change.old_value = change._format_value(values["oldValue"], field_type)
            change.new_value = change._format_value(values["newValue"], field_type)

    def _format_value(self, value, field_type):
        """Render a tracked value as the user reads it (dates in their zone)."""
        if value is False or value is None:
            return ""
        if field_type == "datetime":
            return tools.format_datetime(
                self.env, fields.Datetime.to_datetime(value.rstrip("Z"))
            )
        if field_type == "date":
            return tools.format_date(self.env, value)
        if field_type == "boolean":
            return self.env._("Yes") if value else self.env._("No")
        if field_type in ("float", "monetary"):
            return tools.float_repr(value, 2)
        return str(value)

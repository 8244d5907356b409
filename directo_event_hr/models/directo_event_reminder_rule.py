from odoo import api, fields, models


class DirectoEventReminderRule(models.Model):
    _inherit = "directo.event.reminder.rule"

    notify_employee = fields.Boolean(
        string="Employee", help="Remind the user of the event's employee."
    )

    @api.model
    def _get_reminder_fields(self):
        return [*super()._get_reminder_fields(), "notify_employee"]

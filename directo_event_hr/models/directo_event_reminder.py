from odoo import fields, models


class DirectoEventReminder(models.Model):
    _inherit = "directo.event.reminder"

    notify_employee = fields.Boolean(string="Employee")

    def _reminder_recipient_partners(self):
        """Also the user of the event's employee (or, by e-mail, the
        employee's work contact when the employee has no user)."""
        partners = super()._reminder_recipient_partners()
        employee = self.event_id.employee_id
        if self.notify_employee and employee:
            if employee.user_id:
                partners |= employee.user_id.partner_id
            elif self.channel == "email":
                partners |= employee.work_contact_id
        return partners

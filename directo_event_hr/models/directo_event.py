from odoo import api, fields, models


class DirectoEvent(models.Model):
    _inherit = "directo.event"

    employee_id = fields.Many2one(
        "hr.employee",
        compute="_compute_employee_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=48,
        check_company=True,
        help="Employee who does the work; the user's employee by default.",
    )

    @api.depends("user_id")
    def _compute_employee_id(self):
        for event in self:
            employee = event.user_id.with_company(event.company_id).employee_id
            if employee:
                event.employee_id = employee

    def _get_working_calendar(self):
        """The employee's working schedule, else the company's."""
        self.ensure_one()
        # hr.version holds it, which only HR users read
        calendar = self.employee_id.sudo().resource_calendar_id
        return calendar.sudo(False) or super()._get_working_calendar()

from odoo import api, fields, models


class DirectoEventJob(models.Model):
    _inherit = "directo.event.job"

    employee_id = fields.Many2one(
        "hr.employee",
        compute="_compute_employee_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        check_company=True,
    )

    @api.depends("user_id")
    def _compute_employee_id(self):
        for job in self:
            employee = job.user_id.with_company(job.company_id).employee_id
            if employee or not job.employee_id:
                job.employee_id = employee or job.event_id.employee_id

from odoo import api, fields, models


class DirectoEvent(models.Model):
    _inherit = "directo.event"

    project_id = fields.Many2one(
        "project.project",
        index="btree_not_null",
        tracking=39,
        check_company=True,
    )

    @api.onchange("project_id")
    def _onchange_project_id(self):
        """A project's customer and analytic account are the usual ones of its
        events."""
        project = self.project_id
        if project.partner_id and not self.partner_id:
            self.partner_id = project.partner_id
        if project.account_id and not self.analytic_account_id:
            self.analytic_account_id = project.account_id

from odoo import api, fields, models


class DirectoEventJob(models.Model):
    _name = "directo.event.job"
    _description = "Event Job"
    _order = "event_id, sequence, id"
    _check_company_auto = True

    event_id = fields.Many2one(
        "directo.event", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="event_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    date = fields.Date(default=fields.Date.context_today, required=True)
    user_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    name = fields.Char(string="Description", required=True)
    product_id = fields.Many2one("product.product", string="Item", check_company=True)
    quantity = fields.Float(default=1.0, digits="Product Unit")
    uom_id = fields.Many2one(
        "uom.uom",
        string="Unit",
        compute="_compute_uom_id",
        store=True,
        readonly=False,
    )
    hours = fields.Float(help="Hours spent on the job.")
    done = fields.Boolean()

    _hours_positive = models.Constraint(
        "CHECK (hours >= 0)", "The hours of a job cannot be negative."
    )

    @api.depends("product_id")
    def _compute_uom_id(self):
        for job in self:
            if job.product_id:
                job.uom_id = job.product_id.uom_id

    @api.onchange("product_id")
    def _onchange_product_id(self):
        if self.product_id and not self.name:
            self.name = self.product_id.display_name

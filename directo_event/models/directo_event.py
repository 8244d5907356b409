from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

from .ir_sequence import EVENT_SEQUENCE_CODE

PRIORITIES = [
    ("0", "Normal"),
    ("1", "Important"),
    ("2", "High"),
    ("3", "Urgent"),
]
# Images shown inside a message (mail's inline "cid:" images get an access token
# to be displayed there) are part of the message, not files linked to the event.
LINKED_FILES_DOMAIN = [
    "|",
    ("access_token", "=", False),
    ("mimetype", "not like", "image/"),
]
CONTACT_TYPES = [
    ("customer", "Customer"),
    ("supplier", "Supplier"),
    ("other", "Other"),
]


class DirectoEvent(models.Model):
    _name = "directo.event"
    _description = "Event"
    _inherit = ["mail.thread.cc", "mail.activity.mixin"]
    _order = "priority desc, date_start desc, id desc"
    _rec_names_search = ["name", "ref"]
    _primary_email = "email"
    _check_company_auto = True
    _mail_post_access = "read"

    # identification
    ref = fields.Char(
        string="Number",
        required=True,
        readonly=True,
        copy=False,
        index="btree",
        default=lambda self: self.env._("New"),
    )
    name = fields.Char(string="Title", required=True, tracking=10, index="trigram")
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=90,
    )
    active = fields.Boolean(default=True, tracking=95)
    color = fields.Integer()

    # customer block
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        index="btree_not_null",
        tracking=20,
        check_company=True,
        help="Customer or supplier the event is about.",
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", string="Commercial Entity"
    )
    partner_ref = fields.Char(
        string="Code",
        precompute=True,
        compute="_compute_partner_ref",
        store=True,
        readonly=False,
        tracking=21,
        help="The contact's code (its internal reference), copied when the contact "
        "is chosen.",
    )
    address = fields.Text(
        precompute=True,
        compute="_compute_address",
        store=True,
        readonly=False,
        tracking=22,
    )
    phone = fields.Char(
        precompute=True,
        compute="_compute_phone",
        store=True,
        readonly=False,
        tracking=23,
    )
    fax = fields.Char(tracking=24)
    email = fields.Char(
        string="E-mail",
        precompute=True,
        compute="_compute_email",
        store=True,
        readonly=False,
        tracking=25,
    )
    contact_person_id = fields.Many2one(
        "res.partner",
        precompute=True,
        compute="_compute_contact_person_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=26,
        domain="[('id', 'child_of', commercial_partner_id), "
        "('is_company', '=', False)]",
        help="The person to speak with at the contact's company.",
    )
    contact_type = fields.Selection(
        CONTACT_TYPES,
        precompute=True,
        compute="_compute_contact_type",
        store=True,
        readonly=False,
        tracking=27,
    )
    factoring_partner_id = fields.Many2one(
        "res.partner",
        string="Factoring",
        tracking=28,
        check_company=True,
        help="Factoring company that the contact's receivables are assigned to.",
    )

    # object of the work
    contract_ref = fields.Char(
        string="Contract",
        tracking=30,
        help="Reference of the contract the event is done under.",
    )
    asset_ref = fields.Char(
        string="Fixed Asset",
        tracking=31,
        help="Inventory number or name of the fixed asset the event is about.",
    )
    product_id = fields.Many2one(
        "product.product",
        string="Item",
        tracking=32,
        check_company=True,
        index="btree_not_null",
    )
    serial_number = fields.Char(tracking=33)
    serial_date = fields.Date(string="Serial Number Date", tracking=34)
    pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Price Formula",
        tracking=35,
        check_company=True,
        help="Pricelist that prices the items and work of the event.",
    )
    quantity1 = fields.Float(string="Quantity 1", tracking=36, digits="Product Unit")
    quantity2 = fields.Float(string="Quantity 2", tracking=37, digits="Product Unit")
    attachment_ids = fields.One2many(
        "ir.attachment",
        "res_id",
        string="Linked Files",
        domain=[("res_model", "=", "directo.event"), *LINKED_FILES_DOMAIN],
    )
    attachment_count = fields.Integer(
        compute="_compute_attachment_count", string="Files"
    )

    # event block
    type_id = fields.Many2one(
        "directo.event.type",
        index="btree_not_null",
        tracking=40,
        check_company=True,
    )
    analytic_account_id = fields.Many2one(
        "account.analytic.account",
        string="Object",
        index="btree_not_null",
        tracking=41,
        check_company=True,
        help="Analytic account (cost object) the work is booked on.",
    )
    date_start = fields.Datetime(
        string="Start",
        required=True,
        default=fields.Datetime.now,
        tracking=42,
        index=True,
    )
    duration = fields.Float(
        precompute=True,
        compute="_compute_duration",
        store=True,
        readonly=False,
        tracking=43,
        help="Planned duration in hours.",
    )
    date_end = fields.Datetime(
        string="End",
        precompute=True,
        compute="_compute_date_end",
        store=True,
        index=True,
    )
    date_until = fields.Date(
        string="Until",
        tracking=44,
        index="btree_not_null",
        help="Date by which the event must be done.",
    )
    status_id = fields.Many2one(
        "directo.event.status",
        required=True,
        index=True,
        tracking=45,
        ondelete="restrict",
        copy=False,
        precompute=True,
        compute="_compute_status_id",
        store=True,
        readonly=False,
        group_expand="_read_group_status_ids",
        domain="[('id', 'in', allowed_status_ids)]",
    )
    allowed_status_ids = fields.Many2many(
        "directo.event.status", compute="_compute_allowed_status_ids"
    )
    is_closed = fields.Boolean(
        related="status_id.is_closed",
        store=True,
        precompute=True,
        string="Closed",
        index=True,
    )
    date_closed = fields.Datetime(
        string="Closed On",
        compute="_compute_date_closed",
        store=True,
        precompute=True,
        copy=False,
    )
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    priority = fields.Selection(
        PRIORITIES,
        precompute=True,
        compute="_compute_priority",
        store=True,
        readonly=False,
        tracking=46,
        index=True,
    )
    user_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        tracking=47,
        index="btree_not_null",
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
    )
    description = fields.Html(sanitize_style=True)
    note = fields.Text()
    answer = fields.Text(help="Reply given to the contact.")

    # jobs
    job_ids = fields.One2many("directo.event.job", "event_id", string="Jobs")
    hours_spent = fields.Float(
        precompute=True,
        compute="_compute_hours",
        store=True,
        help="Hours of the event's jobs.",
    )
    hours_remaining = fields.Float(
        precompute=True, compute="_compute_hours", store=True
    )
    progress = fields.Float(
        precompute=True, compute="_compute_hours", store=True, aggregator="avg"
    )
    job_count = fields.Integer(precompute=True, compute="_compute_hours", store=True)

    # history
    change_ids = fields.One2many(
        "directo.event.change", "event_id", string="Changes", readonly=True
    )

    _duration_positive = models.Constraint(
        "CHECK (duration >= 0)", "The duration of an event cannot be negative."
    )
    # the first page of the list (default order) and of each kanban column
    # read from these instead of sorting the whole table
    _list_order_idx = models.Index("(priority DESC, date_start DESC, id DESC)")
    _status_order_idx = models.Index(
        "(status_id, priority DESC, date_start DESC, id DESC)"
    )
    # the mail gateway's loop detection counts, for every message, the
    # sender's events of the last minutes; threading by subject searches too
    _email_create_date_idx = models.Index(
        "(email, create_date) WHERE email IS NOT NULL"
    )

    def _compute_display_name(self):
        for event in self:
            event.display_name = (
                f"{event.ref} {event.name}"
                if event.ref and event.id and event.name
                else event.name or event.ref
            )

    @api.depends("partner_id")
    def _compute_partner_ref(self):
        for event in self.filtered("partner_id"):
            partner = event.partner_id
            event.partner_ref = partner.commercial_partner_id.ref or partner.ref

    @api.depends("partner_id")
    def _compute_address(self):
        for event in self.filtered("partner_id"):
            address = event.partner_id._display_address(without_company=True)
            event.address = "\n".join(
                line.strip() for line in address.splitlines() if line.strip()
            )

    @api.depends("partner_id")
    def _compute_phone(self):
        for event in self.filtered("partner_id"):
            partner = event.partner_id
            event.phone = partner.phone or partner.commercial_partner_id.phone

    @api.depends("partner_id")
    def _compute_email(self):
        for event in self.filtered("partner_id"):
            partner = event.partner_id
            event.email = partner.email or partner.commercial_partner_id.email

    @api.depends("partner_id")
    def _compute_contact_type(self):
        for event in self.filtered("partner_id"):
            event.contact_type = event._partner_contact_type(
                event.partner_id.commercial_partner_id
            )

    @api.depends("partner_id")
    def _compute_contact_person_id(self):
        for event in self:
            partner = event.partner_id
            if not partner.is_company and partner.parent_id:
                event.contact_person_id = partner
            elif (
                event.contact_person_id.commercial_partner_id
                != partner.commercial_partner_id
            ):
                event.contact_person_id = False

    def _compute_attachment_count(self):
        counts = dict(
            self.env["ir.attachment"]._read_group(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    *LINKED_FILES_DOMAIN,
                ],
                ["res_id"],
                ["__count"],
            )
        )
        for event in self:
            event.attachment_count = counts.get(event.id, 0)

    @api.depends("type_id")
    def _compute_duration(self):
        for event in self:
            if event.type_id.default_duration:
                event.duration = event.type_id.default_duration
            elif not event.duration:
                event.duration = 0.0

    @api.depends("date_start", "duration")
    def _compute_date_end(self):
        for event in self:
            event.date_end = event.date_start and event.date_start + timedelta(
                hours=event.duration or 0.0
            )

    @api.depends("type_id.status_ids")
    def _compute_allowed_status_ids(self):
        all_statuses = self.env["directo.event.status"].search([])
        for event in self:
            event.allowed_status_ids = event.type_id.status_ids or all_statuses

    @api.depends("type_id")
    def _compute_status_id(self):
        for event in self:
            allowed = event.type_id.status_ids
            if not event.status_id or (allowed and event.status_id not in allowed):
                event.status_id = self._first_status(event.type_id)

    @api.depends("type_id")
    def _compute_priority(self):
        for event in self:
            if event.type_id:
                event.priority = event.type_id.default_priority or "0"
            elif not event.priority:
                event.priority = "0"

    @api.depends("is_closed", "date_until", "date_end")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        for event in self:
            if event.is_closed:
                event.is_overdue = False
            elif event.date_until:
                event.is_overdue = event.date_until < today
            else:
                event.is_overdue = bool(event.date_end and event.date_end < now)

    def _search_is_overdue(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        overdue = Domain("is_closed", "=", False) & (
            Domain("date_until", "<", fields.Date.context_today(self))
            | (
                Domain("date_until", "=", False)
                & Domain("date_end", "<", fields.Datetime.now())
            )
        )
        return overdue if (operator == "in") == (True in value) else ~overdue

    @api.depends("status_id.is_closed")
    def _compute_date_closed(self):
        for event in self:
            if not event.status_id.is_closed:
                event.date_closed = False
            elif not event.date_closed:
                event.date_closed = fields.Datetime.now()

    @api.depends("job_ids.hours", "duration")
    def _compute_hours(self):
        for event in self:
            spent = sum(event.job_ids.mapped("hours"))
            event.hours_spent = spent
            event.hours_remaining = max(event.duration - spent, 0.0)
            event.progress = (
                min(100.0, 100.0 * spent / event.duration) if event.duration else 0.0
            )
            event.job_count = len(event.job_ids)

    @api.model
    def _read_group_status_ids(self, statuses, domain):
        event_type = self.env["directo.event.type"].browse(
            self.env.context.get("default_type_id")
        )
        if event_type.status_ids:
            return event_type.status_ids
        return statuses.search([])

    @api.constrains("status_id", "type_id")
    def _check_status_allowed(self):
        for event in self:
            allowed = event.type_id.status_ids
            if allowed and event.status_id not in allowed:
                raise ValidationError(
                    self.env._(
                        "The status %(status)s is not allowed for events of type "
                        "%(type)s.",
                        status=event.status_id.display_name,
                        type=event.type_id.display_name,
                    )
                )

    @api.constrains("date_start", "date_until")
    def _check_dates(self):
        for event in self:
            if not event.date_until:
                continue
            start = fields.Datetime.context_timestamp(event, event.date_start).date()
            if event.date_until < start:
                raise ValidationError(
                    self.env._(
                        "The until date of %(event)s cannot be before its start.",
                        event=event.display_name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        default_status = self.env["directo.event.status"].browse(
            self.env.context.get("default_status_id")
        )
        for vals in vals_list:
            if default_status and vals.get("type_id") and "status_id" not in vals:
                # e.g. quick-created in a kanban column the type does not allow
                event_type = self.env["directo.event.type"].browse(vals["type_id"])
                allowed = event_type.status_ids
                if allowed and default_status not in allowed:
                    vals["status_id"] = self._first_status(event_type).id
        # numbered per company, in one query for many events (recurrence)
        to_number = defaultdict(list)
        for vals in vals_list:
            if not vals.get("ref") or vals["ref"] == self.env._("New"):
                to_number[vals.get("company_id") or self.env.company.id].append(vals)
        for company_id, company_vals in to_number.items():
            company = self.env["res.company"].browse(company_id)
            refs = self._next_refs(company, len(company_vals))
            for vals, ref in zip(company_vals, refs, strict=True):
                vals["ref"] = ref
        return super().create(vals_list)

    def web_save(self, vals, specification, next_id=None):
        """The Changes tab lists the tracking values, which Odoo writes when
        the transaction ends: write them before the saved form is read back,
        so that the tab shows the change just saved."""
        if "change_ids" not in specification:
            return super().web_save(vals, specification, next_id=next_id)
        records = self
        if records:
            records.write(vals)
        else:
            records = records.create(vals)
        self.env.cr.flush()  # runs the tracking's pre-commit hooks
        records.invalidate_recordset(["change_ids"])
        if next_id:
            records = self.browse(next_id)
        return records.with_context(bin_size=True).web_read(specification)

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        return [
            dict(vals, name=self.env._("%s (copy)", event.name))
            for event, vals in zip(self, vals_list, strict=True)
        ]

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_open_attachments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("base.action_attachment")
        action.update(
            domain=[
                ("res_model", "=", self._name),
                ("res_id", "=", self.id),
                *LINKED_FILES_DOMAIN,
            ],
            context={"default_res_model": self._name, "default_res_id": self.id},
        )
        return action

    def action_open_jobs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "directo_event.directo_event_job_action"
        )
        action.update(
            domain=[("event_id", "=", self.id)],
            context={"default_event_id": self.id},
        )
        return action

    # ------------------------------------------------------------
    # MAIL
    # ------------------------------------------------------------

    def _track_subtype(self, init_values):
        self.ensure_one()
        if "status_id" in init_values:
            return self.env.ref("directo_event.mt_event_status")
        return super()._track_subtype(init_values)

    def _creation_subtype(self):
        # no existence check (env.ref does one): the mail gateway asks this
        # for every message
        return self.env["mail.message.subtype"].browse(
            self.env["ir.model.data"]._xmlid_to_res_id("directo_event.mt_event_new")
        )

    # ------------------------------------------------------------
    # TOOLS
    # ------------------------------------------------------------

    @api.model
    def _first_status(self, event_type):
        """Return the status a new event of ``event_type`` starts in: the type's
        default status, else its first open allowed one, else the first open
        status."""
        if event_type.default_status_id:
            return event_type.default_status_id
        Status = self.env["directo.event.status"]
        if not event_type.status_ids:
            return Status.browse(Status._first_open_status_id())
        statuses = event_type.status_ids
        return statuses.filtered(lambda s: not s.is_closed)[:1] or statuses[:1]

    @api.model
    @tools.ormcache("company_id")
    def _event_sequence_id(self, company_id):
        """The sequence that numbers the events of ``company_id``: the
        company's own, else the shared one (as ir.sequence.next_by_code picks
        it). Cached, cleared when such a sequence changes (see ir_sequence.py):
        every new event asks."""
        return (
            self.env["ir.sequence"]
            .sudo()
            .search(
                [
                    ("code", "=", EVENT_SEQUENCE_CODE),
                    ("company_id", "in", [company_id, False]),
                ],
                order="company_id",
                limit=1,
            )
            .id
        )

    @api.model
    def _next_refs(self, company, count):
        """``count`` new numbers from the event sequence of ``company``,
        drawn in one query when the sequence allows it (standard, without
        date ranges)."""
        sequence = (
            self.env["ir.sequence"]
            .sudo()
            .browse(self._event_sequence_id(company.id))
            .with_company(company)
        )
        if not sequence:
            return [self.env._("New")] * count
        if (
            count == 1
            or sequence.implementation != "standard"
            or sequence.use_date_range
        ):
            return [sequence._next() for _i in range(count)]
        numbers = self.env.execute_query(
            SQL(
                "SELECT nextval(%s) FROM generate_series(1, %s) ORDER BY 1",
                f"ir_sequence_{sequence.id:03d}",
                count,
            )
        )
        return [sequence.get_next_char(number) for (number,) in numbers]

    @api.model
    def _partner_contact_type(self, partner):
        """Directo's contact type, from the sales and purchase ranks that the
        accounting apps keep on contacts (customer when they are not installed)."""
        customer = partner._fields.get("customer_rank") and partner.customer_rank
        supplier = partner._fields.get("supplier_rank") and partner.supplier_rank
        if supplier and not customer:
            return "supplier"
        return "customer"

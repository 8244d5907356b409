import html
import re
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools.mail import (
    email_normalize,
    email_normalize_all,
    email_split,
    formataddr,
)

from odoo.addons.mail.tools.alias_error import AliasError

# Reply and forward prefixes of the mail clients our users meet: English,
# German, Nordic, Latvian (Atb, Pārs), Estonian (Vs, Vast, Edasi), Finnish.
SUBJECT_PREFIX = re.compile(
    r"^\s*((re|fw|fwd|aw|wg|sv|vs|vl|atb|pārs|pars|vast|edasi|tr|antw|rif|enc)"
    r"\s*(\[\d+\]|\(\d+\))?\s*[:：]\s*)+",
    re.IGNORECASE,
)
# A message an internal user forwards to the events address is the customer's:
# its subject starts with a forward prefix, or its body has a forward marker,
# and the forwarded headers give the customer. Gmail, Outlook, Apple Mail and
# Thunderbird, in English, German, Latvian, Estonian, Finnish and French.
FORWARD_PREFIX = re.compile(
    r"^\s*(fw|fwd|wg|tr|pārs|pars|edasi|vl|doorst)\s*[:：]", re.IGNORECASE
)
FORWARD_MARKER = re.compile(
    r"forwarded message|original message|begin forwarded message"
    r"|weitergeleitete nachricht|ursprüngliche nachricht|pārsūtīt\w* ziņ\w*"
    r"|sākotnēj\w* ziņ\w*|edastatud (kiri|sõnum)|algne (kiri|sõnum)"
    r"|välitetty viesti|alkuperäinen viesti|message transféré|message d'origine",
    re.IGNORECASE,
)
FORWARD_FROM = re.compile(
    r"^[\s>*_]*(from|von|no|saatja|lähettäjä|de|expéditeur)[\s*_]*:(?P<value>.*)$",
    re.IGNORECASE,
)
FORWARD_HEADER = re.compile(
    r"^[\s>*_]*(sent|date|to|subject|cc|gesendet|datum|an|betreff|nosūtīts|datums"
    r"|kam|tēma|temats|saadetud|kuupäev|adressaat|kellele|teema|lähetetty"
    r"|päivämäärä|vastaanottaja|aihe|envoyé|à|objet)[\s*_]*:",
    re.IGNORECASE,
)
# An event's number in a subject, as the acknowledgement writes it: "[EV00012]"
REF_IN_SUBJECT = re.compile(r"\[([^\[\]\s]{2,32})\]")
EMAIL_ADDRESS = re.compile(r"[\w.!#$%&'+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
# Only these alias defaults may reach a new event: an alias must not set the
# user, the description or any other field a sender must not choose.
ALIAS_DEFAULT_FIELDS = ("company_id", "type_id", "status_id")


# directo.event is split by feature (card, mail gateway, notifications,
# recurrence) to keep each file readable.
class DirectoEvent(models.Model):
    _inherit = "directo.event"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------
    # MAIL GATEWAY
    # ------------------------------------------------------------

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """An e-mail to an events address becomes an event of the address's
        company, with the company's (or the address's type's) defaults."""
        try:
            return self._mail_new_event(msg_dict, custom_values)
        except Exception:
            outcome = self.env.context.get("directo_event_intake_outcome")
            if outcome is not None:
                # kept in the intake log, to be processed again: not a broken
                # address for Odoo to bounce (see mail.alias)
                outcome["kept_for_replay"] = True
            raise

    @api.model
    def _mail_new_event(self, msg_dict, custom_values=None):
        defaults = {
            key: value
            for key, value in (custom_values or {}).items()
            if key in ALIAS_DEFAULT_FIELDS
        }
        company = self.env["res.company"].browse(defaults.get("company_id"))
        event_type = self.env["directo.event.type"].browse(defaults.get("type_id"))
        if not company:
            company = event_type.company_id or self.env.company
        self = self.with_company(company)
        email_from = msg_dict.get("email_from") or ""
        subject = received_subject = (msg_dict.get("subject") or "").strip()
        user = self.env.user
        internal = user._is_internal() and not user._is_superuser()
        forwarded = internal and self._mail_forwarded_sender(msg_dict)
        if forwarded:
            email_from = forwarded
            subject = self._mail_subject_key(subject) or subject
        sender = email_normalize(email_from) or ""

        event = self._mail_find_event_by_ref(
            company, sender, received_subject
        ) or self._mail_find_open_event(company, sender, received_subject)
        if event:
            self._mail_intake_outcome(event, "thread")
            event.message_update(msg_dict)
            return event.with_context(directo_event_threaded=True)

        event_type = event_type or company.directo_event_default_type_id
        status = self.env["directo.event.status"].browse(defaults.get("status_id"))
        status = status or event_type.default_status_id
        status = status or company.directo_event_default_status_id
        if not status or (
            event_type.status_ids and status not in event_type.status_ids
        ):
            status = self._first_status(event_type)
        partner = self._mail_sender_partner(
            company, email_from, False if forwarded else msg_dict.get("author_id")
        )
        values = {
            "name": subject or self.env._("(no subject)"),
            "company_id": company.id,
            "type_id": event_type.id,
            "status_id": status.id,
            "partner_id": partner.id,
            "email": sender or email_from,
            "user_id": user.id if internal else False,
            "date_start": self._mail_date(msg_dict.get("date")),
            "description": msg_dict.get("body") or False,
        }
        # mail.thread's message_new only fills in the subject and the sender,
        # which are set above, and reads the description of every field to do
        # it (fields_get): create the event directly, with mail.thread.cc's Cc
        values["email_cc"] = ", ".join(
            self._mail_cc_sanitized_raw_dict(msg_dict.get("cc")).values()
        )
        event = self.create(values)
        event._mail_subscribe_cc(msg_dict.get("cc"))
        self._mail_intake_outcome(event, "new")
        if not forwarded:
            # a forwarded message's customer hears from the colleague who
            # forwarded it, not from a robot
            event._mail_acknowledge(msg_dict)
        return event

    def message_update(self, msg_dict, update_vals=None):
        """A reply threads onto its event; a customer's reply can reopen a
        closed event."""
        for event in self:
            self._mail_intake_outcome(event, "thread")
        author = self.env["res.partner"].browse(msg_dict.get("author_id"))
        from_customer = not author or not any(
            user._is_internal() for user in author.sudo().user_ids
        )
        if from_customer and not update_vals:
            reopen = self.filtered(
                lambda e: e.is_closed and e.company_id.directo_event_reopen_on_reply
            )
            for event in reopen:
                event.status_id = event._first_status(event.type_id)
        self._mail_subscribe_cc(msg_dict.get("cc"))
        return super().message_update(msg_dict, update_vals=update_vals)

    def _alias_get_error(self, message, message_dict, alias):
        """A company can accept e-mail from its internal users only."""
        if alias.alias_contact == "everyone":
            return super()._alias_get_error(message, message_dict, alias)
        company = (
            self.env["res.company"]
            .sudo()
            .search([("directo_event_alias_id", "=", alias.id)], limit=1)
        )
        if company.directo_event_alias_contact == "employees":
            author = self.env["res.partner"].browse(message_dict.get("author_id"))
            if not any(user._is_internal() for user in author.sudo().user_ids):
                return AliasError(
                    "error_directo_event_internal_only",
                    self.env._("restricted to internal users"),
                )
        return super()._alias_get_error(message, message_dict, alias)

    def _creation_subtype(self):
        """A message threaded by its subject onto an existing event is a reply,
        not a new event."""
        if self.env.context.get("directo_event_threaded"):
            return self.env.ref("mail.mt_comment")
        return super()._creation_subtype()

    def _notify_get_reply_to(self, default=None, author_id=False):
        """Replies go to the events address of the event's type, else of its
        company: they come back to the event even when the company has no
        catchall address (project.task does the same with its project's)."""
        if not self:
            return super()._notify_get_reply_to(default=default, author_id=author_id)
        res = {}
        for event in self.sudo():
            alias = event.type_id.alias_id
            if not (alias.alias_name and alias.alias_domain_id):
                alias = event.company_id.directo_event_alias_id
            if alias.alias_name and alias.alias_domain_id:
                res[event.id] = self._notify_get_reply_to_formatted_email(
                    alias.alias_full_name, author_id=author_id
                )
        leftover = self.filtered(lambda event: event.id not in res)
        if leftover:
            res.update(
                super(DirectoEvent, leftover)._notify_get_reply_to(
                    default=default, author_id=author_id
                )
            )
        return res

    def _detect_loop_sender_domain(self, email_from_normalized):
        """Let Odoo's gateway rate-limit the events a sender creates."""
        return [("email", "=", email_from_normalized)]

    # ------------------------------------------------------------
    # TOOLS
    # ------------------------------------------------------------

    @api.model
    def _mail_subject_key(self, subject):
        return SUBJECT_PREFIX.sub("", subject or "").strip()

    @api.model
    def _mail_find_event_by_ref(self, company, sender, subject):
        """The event of ``company`` whose number the subject carries in
        brackets ("[EV00012]", as the acknowledgement asks), open or closed,
        when the sender may write to it: from its address, a follower,
        someone of its contact's company, or an internal user. Anyone else
        who knows a number makes a new event."""
        refs = list(dict.fromkeys(REF_IN_SUBJECT.findall(subject or "")))[:5]
        if not (refs and sender):
            return self.browse()
        events = self.search(
            [("company_id", "=", company.id), ("ref", "in", refs)], limit=5
        )
        if not events:
            return self.browse()
        user = self.env.user
        if user._is_internal() and not user._is_superuser():
            return events[:1]
        partners = (
            self.env["res.partner"]
            .sudo()
            .search(
                [
                    ("email_normalized", "=", sender),
                    ("company_id", "in", [company.id, False]),
                ]
            )
        )
        for event in events:
            if (
                email_normalize(event.email or "") == sender
                or partners & event.sudo().message_partner_ids
                or (
                    event.commercial_partner_id
                    and event.commercial_partner_id in partners.commercial_partner_id
                )
            ):
                return event
        return self.browse()

    @api.model
    def _mail_find_open_event(self, company, sender, subject):
        """The open event a reply without threading headers belongs to: same
        sender, same subject once reply prefixes are stripped, recent."""
        days = company.directo_event_thread_days
        key = self._mail_subject_key(subject)
        if not (days > 0 and sender and key and key != subject.strip()):
            return self.browse()
        return self.search(
            [
                ("company_id", "=", company.id),
                ("email", "=", sender),
                ("is_closed", "=", False),
                (
                    "name",
                    "=ilike",
                    key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"),
                ),
                ("create_date", ">=", fields.Datetime.now() - timedelta(days=days)),
            ],
            order="create_date desc",
            limit=1,
        )

    @api.model
    def _mail_forwarded_sender(self, msg_dict):
        """The original sender ("Name <address>") of a forwarded message: the
        first "From:" line of a forwarded header block (a "From:" line next
        to a "Sent:", "Date:", "To:" or "Subject:" line, in the mail clients'
        languages), when the subject or the body says it is a forward. False
        when the message is no forward, or forwards our own mail."""
        body = msg_dict.get("body") or ""
        subject = msg_dict.get("subject") or ""
        marker = FORWARD_MARKER.search(body)
        if not (marker or FORWARD_PREFIX.match(subject)):
            return False
        # HTML to lines: white space is one space, line breaks and blocks end
        # lines
        text = re.sub(r"\s+", " ", body)
        text = re.sub(r"(?i)<br\b[^>]*>|</(p|div|tr|li|h\d|blockquote)>", "\n", text)
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
        lines = [line for line in text.splitlines() if line.strip()]
        own = {
            email_normalize(self.env.user.email or ""),
            *email_normalize_all(msg_dict.get("to") or ""),
        }
        for index, line in enumerate(lines):
            match = FORWARD_FROM.match(line)
            address = match and EMAIL_ADDRESS.search(match["value"])
            if not address or email_normalize(address[0]) in own:
                continue
            # a header block: Thunderbird puts Subject and Date before From
            around = lines[max(index - 3, 0) : index] + lines[index + 1 : index + 5]
            if not any(FORWARD_HEADER.match(other) for other in around):
                continue
            name = match["value"][: match["value"].find(address[0])]
            name = name.strip(" \t*_<>\"'[(")
            return formataddr((name, address[0]))
        return False

    @api.model
    def _mail_sender_partner(self, company, email_from, author_id=False):
        """The contact of the sender, among the contacts the company may use;
        created when the company's setting says so. The message's author,
        found by Odoo's gateway, when the company may use it."""
        email = email_normalize(email_from)
        if not email:
            return self.env["res.partner"]
        author = self.env["res.partner"].browse(author_id).sudo()
        if (
            author
            and author.email_normalized == email
            and author.company_id in (company, self.env["res.company"])
        ):
            return author.with_env(self.env)
        partner = self.env["res.partner"].search(
            [
                ("email_normalized", "=", email),
                ("company_id", "in", [company.id, False]),
            ],
            order="is_company desc, id",
            limit=1,
        )
        if partner or not company.directo_event_create_partner:
            return partner
        # Odoo's finder would return another company's contact with this
        # address, which the event cannot use: create one instead
        return self._partner_find_from_emails_single(
            [email_from],
            filter_found=lambda p: p.company_id in (company, p.env["res.company"]),
            additional_values={email: {"company_id": False}},
        )

    def _mail_subscribe_cc(self, cc):
        """Known contacts in Cc follow the event; unknown addresses are kept
        in its Cc field only."""
        emails = [email_normalize(e) for e in email_split(cc or "")]
        emails = [e for e in emails if e]
        if not emails:
            return
        # our own addresses never follow an event
        own = set(
            self.env["mail.alias"]
            .sudo()
            .search([("alias_full_name", "in", emails)])
            .mapped("alias_full_name")
        )
        emails = [e for e in emails if e not in own]
        for event in self:
            partners = self.env["res.partner"].search(
                [
                    ("email_normalized", "in", emails),
                    ("company_id", "in", [event.company_id.id, False]),
                ]
            )
            if partners:
                event.message_subscribe(partner_ids=partners.ids)

    @api.model
    def _mail_date(self, date):
        """The message's date, unless missing or in the future."""
        now = fields.Datetime.now()
        try:
            value = fields.Datetime.to_datetime(date) if date else None
        except ValueError:
            value = None
        return value if value and value <= now else now

    @api.model
    def _mail_intake_outcome(self, event, state):
        outcome = self.env.context.get("directo_event_intake_outcome")
        if outcome is not None:
            outcome.setdefault("event", event.id)
            outcome.setdefault("state", state)

    def _mail_acknowledge(self, msg_dict):
        """Confirm the new event to its sender, when the company asks for it.
        Automatic messages never reach this point (see mail.thread)."""
        self.ensure_one()
        company = self.company_id
        if not (company.directo_event_acknowledge and self.email):
            return
        template = company.directo_event_acknowledge_template_id or self.env.ref(
            "directo_event.mail_template_directo_event_acknowledge",
            raise_if_not_found=False,
        )
        if not template:
            return
        # never acknowledge to one of our own addresses (a loop)
        if (
            self.email == company.partner_id.email_normalized
            or self.env["mail.alias"]
            .sudo()
            .search_count([("alias_full_name", "=", self.email)], limit=1)
            or self.env["mail.alias.domain"]
            .sudo()
            .search_count(
                [
                    ("catchall_alias", "=", self.email.split("@", 1)[0]),
                    ("name", "=", self.email.rpartition("@")[2]),
                ],
                limit=1,
            )
        ):
            return
        # RFC 3834: mark the acknowledgement as automatic so that other robots
        # (out-of-office replies, ticket systems) do not answer it.
        template.send_mail(
            self.id,
            email_values={
                "headers": repr(
                    {
                        "Auto-Submitted": "auto-replied",
                        "X-Auto-Response-Suppress": "All",
                        "Precedence": "auto_reply",
                    }
                )
            },
        )

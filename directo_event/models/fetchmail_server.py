import logging

from odoo import models

_logger = logging.getLogger(__name__)


class FetchmailServer(models.Model):
    """Fetched mail for events is marked done on the mail server (IMAP
    ``\\Seen``, POP3 delete) only once its event, or its line in the intake
    log, is committed.

    Odoo already marks a message after the commit that follows its processing,
    but it also marks it when that processing or that commit failed and was
    rolled back: such a message would then be lost. A message for events whose
    transaction was rolled back is left unread instead, and fetched again on
    the next run. Other messages keep Odoo's behaviour, so that one that can
    never be processed (e.g. to an unknown address) does not come back on
    every run."""

    _inherit = "fetchmail.server"

    # ------------------------------------------------------------
    # MAIL GATEWAY
    # ------------------------------------------------------------

    def _fetch_mail(self, batch_limit=50):
        # mail.thread.message_process() reports through this object, which it
        # finds in its context, that it took a message for events
        fetched = FetchedMessage()
        return super(
            FetchmailServer, self.with_context(directo_event_fetched_message=fetched)
        )._fetch_mail(batch_limit=batch_limit)

    def _connect__(self, allow_archived=False):  # noqa: PLW3201 - Odoo's name
        connection = super()._connect__(allow_archived=allow_archived)
        fetched = self.env.context.get("directo_event_fetched_message")
        if fetched is None:
            return connection
        return MarkWhenCommitted(connection, fetched, self.name)


class FetchedMessage:
    """The message being processed by one fetch, and whether the intake took
    it for events and then saw its transaction rolled back."""

    def __init__(self):
        self.num = None
        self.claimed = False
        self.rolled_back = False

    def start(self, num):
        self.num = num
        self.claimed = False
        self.rolled_back = False

    def claim(self, cr):
        """Called by the intake for a message to events: from now on the
        message is done only if ``cr`` commits; a rollback, of the processing
        or of the commit itself, keeps it unread on the server."""
        self.claimed = True
        cr.postrollback.add(self._rollback)

    def _rollback(self):
        self.rolled_back = True

    def is_lost(self, num):
        """Whether marking message ``num`` done would lose it."""
        return self.num == num and self.claimed and self.rolled_back


class MarkWhenCommitted:
    """A fetchmail connection (IMAP or POP3) that marks a message done only
    when its processing was not rolled back."""

    def __init__(self, connection, fetched, server_name):
        self._connection = connection
        self._fetched = fetched
        self._server_name = server_name

    def __getattr__(self, name):
        return getattr(self._connection, name)

    def retrieve_unread_messages(self):
        for num, message in self._connection.retrieve_unread_messages():
            self._fetched.start(num)
            yield num, message

    def handled_message(self, num):
        if self._fetched.is_lost(num):
            _logger.warning(
                "Message %s on mail server %s left unread: processing it for "
                "events failed and nothing was saved; it is fetched again next "
                "time.",
                num.decode() if isinstance(num, bytes) else num,
                self._server_name,
            )
            return
        self._connection.handled_message(num)

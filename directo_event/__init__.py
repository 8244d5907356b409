from odoo.tools import SQL
from odoo.tools.sql import drop_constraint

from . import models


def uninstall_hook(env):
    """Drop the foreign keys by which the app's tables restrict deletions, e.g.
    of the status of an event. The uninstall deletes the shipped statuses and
    mail templates before it drops these tables: each deletion the keys refuse
    would log an error, for rows that go with their tables anyway."""
    model_data = env["ir.model.data"].search(
        [("module", "=", "directo_event"), ("model", "=", "ir.model")]
    )
    names = env["ir.model"].browse(model_data.mapped("res_id")).mapped("model")
    tables = tuple(env[name]._table for name in names if name in env)
    env.cr.execute(
        SQL(
            """SELECT conrelid::regclass::text, conname FROM pg_constraint
                WHERE contype = 'f' AND confdeltype = 'r'
                  AND conrelid::regclass::text IN %s""",
            tables,
        )
    )
    for table, constraint in env.cr.fetchall():
        drop_constraint(env.cr, table, constraint)

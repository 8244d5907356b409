from pathlib import Path

import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

LANGUAGES = ("lv", "et")


@tagged("post_install", "-at_install", "directo_event", "directo_event_i18n")
class TestDirectoEventTranslations(TransactionCase):
    """Latvian and Estonian users are first-class: every term of every addon of
    the app, as the code defines it now, has a translation in lv.po and et.po.
    Run scripts/i18n.sh after adding terms, then translate them."""

    def test_every_term_is_translated(self):
        addons = (
            self.env["ir.module.module"]
            .search([("name", "=like", "directo_event%"), ("state", "=", "installed")])
            .mapped("name")
        )
        self.assertIn("directo_event", addons)
        for addon in addons:
            terms = {
                source
                for (_module, _type, _name, _res_id, source, _value, _comments) in (
                    TranslationModuleReader(self.env.cr, modules=[addon])
                )
                if source
            }
            for lang in LANGUAGES:
                with self.subTest(addon=addon, lang=lang):
                    path = Path(get_module_path(addon)) / "i18n" / f"{lang}.po"
                    self.assertTrue(path.is_file(), f"{path} is missing")
                    translated = {
                        entry.msgid
                        for entry in polib.pofile(str(path))
                        if entry.msgstr.strip()
                        and not entry.obsolete
                        and "fuzzy" not in entry.flags
                    }
                    missing = sorted(terms - translated)
                    self.assertFalse(
                        missing,
                        f"{len(missing)} terms of {addon} have no {lang} translation "
                        f"(run scripts/i18n.sh, then translate): {missing[:20]}",
                    )

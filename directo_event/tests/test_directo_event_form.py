from lxml import etree

from odoo.tests import Form, freeze_time, tagged

from .common import DirectoEventCommon


@tagged("post_install", "-at_install", "directo_event", "directo_event_form")
class TestDirectoEventForm(DirectoEventCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product_service = cls.env["product.product"].create(
            {
                "name": "Directo Service Hour",
                "type": "service",
                "uom_id": cls.env.ref("uom.product_uom_hour").id,
            }
        )

    @freeze_time("2031-04-07 09:00:00")
    def test_create_event_from_form(self):
        form = Form(self.env["directo.event"].with_user(self.user_events))
        self.assertEqual(form.ref, "New")
        self.assertEqual(form.user_id, self.user_events)
        self.assertEqual(form.status_id, self.status_new)

        form.name = "Boiler maintenance"
        form.partner_id = self.partner_person
        # the customer block is filled from the contact
        self.assertEqual(form.partner_ref, "C-ACME")
        self.assertEqual(form.phone, "+372 5555 0002")
        self.assertEqual(form.email, "john@acme-directo.example.com")
        self.assertIn("Harbour Street 1", form.address)
        self.assertEqual(form.contact_person_id, self.partner_person)
        self.assertEqual(form.contact_type, "customer")

        # the type gives duration, priority and the first allowed status
        form.type_id = self.type_call
        self.assertEqual(form.duration, 0.5)
        self.assertEqual(form.priority, "2")
        self.assertEqual(form.status_id, self.status_planned)
        form.duration = 1.5
        form.date_until = "2031-04-10"

        # jobs tab
        with form.job_ids.new() as job:
            job.name = "Diagnose"
            job.hours = 0.5
        with form.job_ids.new() as job:
            job.product_id = self.product_service
            self.assertEqual(job.name, "Directo Service Hour")
            job.hours = 0.75
        self.assertEqual(form.hours_spent, 1.25)
        self.assertEqual(form.hours_remaining, 0.25)
        self.assertEqual(form.job_count, 2)

        event = form.save()
        self.assertTrue(event.ref.startswith("EV"))
        self.assertEqual(event.display_name, f"{event.ref} Boiler maintenance")
        self.assertEqual(event.partner_id, self.partner_person)
        self.assertEqual(event.partner_ref, "C-ACME")
        self.assertEqual(event.contact_person_id, self.partner_person)
        self.assertEqual(event.type_id, self.type_call)
        self.assertEqual(event.status_id, self.status_planned)
        self.assertEqual(event.duration, 1.5)
        self.assertEqual(event.priority, "2")
        self.assertEqual(event.user_id, self.user_events)
        self.assertEqual(event.company_id, self.company)
        self.assertEqual(
            event.job_ids.mapped("name"), ["Diagnose", "Directo Service Hour"]
        )
        self.assertEqual(event.job_ids.mapped("hours"), [0.5, 0.75])
        self.assertEqual(event.job_ids.user_id, self.user_events)
        self.assertEqual(event.job_ids[1].uom_id, self.env.ref("uom.product_uom_hour"))
        self.assertEqual(event.hours_spent, 1.25)
        self.assertAlmostEqual(event.progress, 100.0 * 1.25 / 1.5)
        self.assertEqual(event.job_count, 2)

    def test_edit_event_in_form(self):
        event = self._create_event(
            env=self.env(user=self.user_events),
            name="Visit",
            type_id=self.type_visit.id,
            partner_id=self.partner_company.id,
        )
        with Form(event.with_user(self.user_events)) as form:
            form.status_id = self.status_in_progress
            form.partner_id = self.partner_other
            self.assertEqual(form.partner_ref, "C-GLOBEX")
            with form.job_ids.new() as job:
                job.name = "On site"
                job.hours = 2.0
        self.assertEqual(event.status_id, self.status_in_progress)
        self.assertEqual(event.phone, "+372 600 0003")
        self.assertEqual(event.hours_spent, 2.0)
        self.assertEqual(event.hours_remaining, 0.0)
        with Form(event.with_user(self.user_events)) as form:
            form.status_id = self.status_done
        self.assertTrue(event.is_closed)
        self.assertTrue(event.date_closed)

    def test_form_type_change_resets_status(self):
        form = Form(self.env["directo.event"].with_user(self.user_events))
        form.name = "Broken pump"
        form.type_id = self.type_visit
        form.status_id = self.status_new
        form.type_id = self.type_repair
        self.assertEqual(form.status_id, self.status_waiting)
        self.assertEqual(form.duration, 8.0)
        self.assertEqual(form.priority, "3")
        event = form.save()
        self.assertEqual(event.status_id, self.status_waiting)

    def test_kanban_quick_create(self):
        Event = (
            self.env["directo.event"]
            .with_user(self.user_events)
            .with_context(default_status_id=self.status_in_progress.id)
        )
        form = Form(Event, view="directo_event.directo_event_view_form_quick_create")
        form.name = "Call back the customer"
        form.partner_id = self.partner_company
        form.type_id = self.type_call
        event = form.save()
        self.assertEqual(event.name, "Call back the customer")
        self.assertEqual(event.status_id, self.status_in_progress, "column kept")
        self.assertEqual(event.partner_ref, "C-ACME")
        self.assertEqual(event.phone, "+372 600 0001")
        self.assertEqual(event.duration, 0.5)
        self.assertEqual(event.user_id, self.user_events)

        # grouped by type, the type's first status
        form = Form(
            self.env["directo.event"]
            .with_user(self.user_events)
            .with_context(default_type_id=self.type_repair.id),
            view="directo_event.directo_event_view_form_quick_create",
        )
        form.name = "Quick repair"
        event = form.save()
        self.assertEqual(event.type_id, self.type_repair)
        self.assertEqual(event.status_id, self.status_waiting)
        self.assertEqual(event.duration, 8.0)

    def test_type_form(self):
        form = Form(self.env["directo.event.type"].with_user(self.user_manager))
        form.name = "Regular maintenance"
        form.code = "T-REG"
        form.default_duration = 4.0
        form.default_priority = "1"
        form.status_ids.add(self.status_planned)
        form.status_ids.add(self.status_done)
        event_type = form.save()
        self.assertEqual(event_type.code, "T-REG")
        self.assertEqual(event_type.status_ids, self.status_planned | self.status_done)
        self.assertEqual(event_type.event_count, 0)

        # the type's Events button creates events of the type
        event = Form(
            self.env["directo.event"]
            .with_user(self.user_events)
            .with_context(default_type_id=event_type.id)
        )
        event.name = "Monthly check"
        self.assertEqual(event.duration, 4.0)
        self.assertEqual(event.priority, "1")
        self.assertEqual(event.status_id, self.status_planned)
        event.save()
        event_type.invalidate_recordset(["event_count"])
        self.assertEqual(event_type.event_count, 1)

    def test_status_form(self):
        form = Form(self.env["directo.event.status"].with_user(self.user_manager))
        form.name = "On Hold"
        form.sequence = 15
        form.fold = True
        status = form.save()
        self.assertEqual(status.name, "On Hold")
        self.assertTrue(status.fold)
        self.assertFalse(status.is_closed)
        self.assertTrue(status.active)

    def test_action_views_load(self):
        action = self.env.ref("directo_event.directo_event_action")
        view_types = action.view_mode.split(",")
        self.assertEqual(
            set(view_types),
            {"kanban", "list", "form", "calendar", "pivot", "graph", "activity"},
        )
        Event = self.env["directo.event"].with_user(self.user_events)
        result = Event.get_views(
            [(False, view_type) for view_type in view_types]
            + [(action.search_view_id.id, "search")],
            {"toolbar": True, "load_filters": True},
        )
        for view_type in view_types + ["search"]:
            with self.subTest(view_type=view_type):
                arch = etree.fromstring(result["views"][view_type]["arch"])
                self.assertEqual(arch.tag, view_type)
        form_arch = result["views"]["form"]["arch"]
        self.assertIn('name="job_ids"', form_arch)
        self.assertIn('name="change_ids"', form_arch)
        kanban = etree.fromstring(result["views"]["kanban"]["arch"])
        self.assertEqual(kanban.get("default_group_by"), "status_id")
        self.assertIn("directo.event.job", result["models"])
        self.assertIn("directo.event.change", result["models"])

        # the kanban quick-create form and the related models' views
        quick = self.env.ref("directo_event.directo_event_view_form_quick_create")
        result = Event.get_views([(quick.id, "form")])
        self.assertIn('name="type_id"', result["views"]["form"]["arch"])
        result = (
            self.env["directo.event.job"]
            .with_user(self.user_events)
            .get_views([(False, "list"), (False, "pivot"), (False, "search")])
        )
        self.assertEqual(set(result["views"]), {"list", "pivot", "search"})
        result = (
            self.env["directo.event.type"]
            .with_user(self.user_manager)
            .get_views([(False, "list"), (False, "form"), (False, "search")])
        )
        self.assertEqual(set(result["views"]), {"list", "form", "search"})

    def test_action_my_events_views_load(self):
        action = self.env.ref("directo_event.directo_event_action_my")
        Event = self.env["directo.event"].with_user(self.user_events)
        view_types = action.view_mode.split(",")
        result = Event.get_views([(False, view_type) for view_type in view_types])
        self.assertEqual(set(result["views"]), set(view_types))

    def test_partner_form_smart_button(self):
        Partner = self.env["res.partner"]
        arch = Partner.with_user(self.user_events).get_views([(False, "form")])[
            "views"
        ]["form"]["arch"]
        self.assertIn("action_view_directo_events", arch)
        arch = Partner.with_user(self.user_internal).get_views([(False, "form")])[
            "views"
        ]["form"]["arch"]
        self.assertNotIn("action_view_directo_events", arch)

        self._create_event(partner_id=self.partner_person.id)
        form = Form(self.partner_company.with_user(self.user_events))
        self.assertEqual(form.directo_event_count, 1)

import { registry } from "@web/core/registry";

/** Drag an event card to another status column, then open it. */
registry.category("web_tour.tours").add("directo_event_kanban_tour", {
    url: "/odoo/directo-events",
    steps: () => [
        {
            content: "The card starts in the Planned column",
            trigger: ".o_kanban_group:has(.o_column_title:contains(Planned)) .o_kanban_record:contains(Tour kanban card)",
        },
        {
            content: "Drag the card to In Progress",
            trigger: ".o_kanban_record:contains(Tour kanban card)",
            async run(helpers) {
                await helpers.drag_and_drop(
                    ".o_kanban_group:has(.o_column_title:contains(In Progress))",
                    { position: "center", relative: true }
                );
            },
        },
        {
            content: "The card is in the In Progress column",
            trigger: ".o_kanban_group:has(.o_column_title:contains(In Progress)) .o_kanban_record:contains(Tour kanban card)",
            run: "click",
        },
        {
            content: "The event's status is In Progress",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(In Progress)",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=name] input:value(Tour kanban card)",
        },
    ],
});

import { registry } from "@web/core/registry";

/**
 * Plan an event on the calendar by clicking today's all-day slot, then open
 * another event from the calendar and change its duration.
 */
registry.category("web_tour.tours").add("directo_event_calendar_tour", {
    url: "/odoo/directo-events",
    steps: () => [
        {
            content: "Switch to the calendar view",
            trigger: ".o_switch_view.o_calendar",
            run: "click",
        },
        {
            content: "Click today's slot to plan an event",
            trigger: ".o_calendar_view .fc-daygrid-body .fc-day.fc-day-today",
            run: "click",
        },
        {
            content: "Title of the planned event",
            trigger: ".o_form_view .o_form_editable .o_field_widget[name=name] input",
            run: "edit Tour planned visit",
        },
        {
            content: "Save it",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
        {
            content: "Back to the calendar",
            trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {
            content: "The planned event is on the calendar",
            trigger: ".o_calendar_view .fc-event:contains(Tour planned visit)",
        },
        {
            content: "Open an event from the calendar",
            trigger: ".o_calendar_view .fc-event:contains(Tour calendar visit)",
            run: "click",
        },
        {
            trigger: ".o_cw_popover:contains(Tour calendar visit) .o_cw_popover_edit",
            run: "click",
        },
        {
            content: "Change its duration",
            trigger: ".o_form_view .o_field_widget[name=duration] input",
            run: "edit 03:00",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved .o_field_widget[name=name] input:value(Tour calendar visit)",
        },
    ],
});

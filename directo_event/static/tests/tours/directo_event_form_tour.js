import { registry } from "@web/core/registry";

/**
 * Create an event from the list view and fill its card: the contact fills the
 * customer block, the type sets the duration, a job is added on the Jobs tab.
 * Then the status changes and the Changes tab shows it.
 */
registry.category("web_tour.tours").add("directo_event_form_tour", {
    url: "/odoo/directo-events",
    steps: () => [
        {
            content: "Switch to the list view",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Create an event",
            trigger: ".o_list_view .o_list_button_add",
            run: "click",
        },
        {
            content: "Title",
            trigger: ".o_form_editable .o_field_widget[name=name] input",
            run: "edit Tour boiler service",
        },
        {
            content: "Contact",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Tour Heating",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Tour Heating Ltd)",
            run: "click",
        },
        {
            content: "The contact's phone fills the customer block",
            trigger: ".o_field_widget[name=phone] input:value(+372 600 7777)",
        },
        {
            content: "The contact's code fills the customer block",
            trigger: ".o_field_widget[name=partner_ref] input:value(C-TOUR)",
        },
        {
            content: "Type",
            trigger: ".o_field_widget[name=type_id] input",
            run: "edit Tour Service",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Tour Service)",
            run: "click",
        },
        {
            content: "The type's duration follows",
            trigger: ".o_field_widget[name=duration] input:value(03:30)",
        },
        {
            content: "Open the Jobs tab",
            trigger: ".o_notebook a.nav-link[name=jobs]",
            run: "click",
        },
        {
            content: "Add a job",
            trigger: "div[name=job_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Job description",
            trigger: "div[name=job_ids] .o_selected_row .o_field_widget[name=name] input",
            run: "edit Replace the burner nozzle",
        },
        {
            content: "Job hours",
            trigger: "div[name=job_ids] .o_selected_row .o_field_widget[name=hours] input",
            run: "edit 01:30",
        },
        {
            content: "Save the event",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The event is saved with its job",
            trigger: ".o_form_saved div[name=job_ids] .o_data_row:contains(Replace the burner nozzle)",
        },
        {
            content: "The hours spent add up",
            trigger: ".o_form_saved .o_field_widget[name=hours_spent]:contains(01:30)",
        },
        {
            content: "Move the event to In Progress",
            trigger: ".o_statusbar_status button.o_arrow_button:contains(In Progress)",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(In Progress)",
        },
        {
            // the change is recorded when the status is saved: reopen the event
            content: "Back to the list",
            trigger: ".o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {
            content: "Open the event again",
            trigger: ".o_list_view .o_data_row td[name=name]:contains(Tour boiler service)",
            run: "click",
        },
        {
            content: "Open the Changes tab",
            trigger: ".o_form_saved .o_notebook a.nav-link[name=changes]",
            run: "click",
        },
        {
            content: "The status change is listed",
            trigger: "div[name=change_ids] .o_data_row:has(td[name=new_value]:contains(In Progress))",
        },
    ],
});

import { registry } from "@web/core/registry";

/**
 * Make an event repeat weekly on Mondays and Thursdays, four times. Starts on
 * the event's form (its url is given by the test).
 */
registry.category("web_tour.tours").add("directo_event_recurrence_tour", {
    steps: () => [
        {
            trigger: ".o_form_view .o_field_widget[name=name] input:value(Tour weekly check)",
        },
        {
            content: "Open the Recurrence tab",
            trigger: ".o_notebook a.nav-link[name=recurrence]",
            run: "click",
        },
        {
            content: "Make the event recurrent",
            trigger: ".o_field_widget[name=is_recurrent] input",
            run: "click",
        },
        {
            content: "Weekly by default, on the event's weekday",
            trigger: ".o_field_widget[name=mon] input:checked",
        },
        {
            trigger: ".o_field_widget[name=repeat_unit] input:value(Weeks)",
        },
        {
            content: "Also on Thursdays",
            trigger: ".o_field_widget[name=thu] input:not(:checked)",
            run: "click",
        },
        {
            content: "End after a number of repetitions",
            trigger: ".o_field_widget[name=repeat_type] .o_select_menu_toggler",
            run: "click",
        },
        {
            trigger: ".o_select_menu_item:contains(Number of Repetitions)",
            run: "click",
        },
        {
            content: "Four events",
            trigger: ".o_field_widget[name=repeat_count] input",
            run: "edit 4",
        },
        {
            content: "The next dates are previewed",
            trigger: ".o_field_widget[name=recurrence_preview] li:contains(Thu)",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The event is now part of a series",
            trigger: ".o_form_saved .alert-info:contains(part of a series)",
        },
        {
            trigger: ".o_form_saved .o_field_widget[name=recurrence_preview] li",
        },
    ],
});

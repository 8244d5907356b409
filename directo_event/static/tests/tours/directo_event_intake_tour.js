import { registry } from "@web/core/registry";

/** Open the incoming e-mail log and a logged message, then its event. */
registry.category("web_tour.tours").add("directo_event_intake_tour", {
    url: "/odoo/directo-events",
    steps: () => [
        {
            content: "Open the Configuration menu",
            trigger: ".o_main_navbar button[data-menu-xmlid='directo_event.directo_event_menu_config']",
            run: "click",
        },
        {
            content: "Open the incoming e-mail log",
            trigger: ".dropdown-item[data-menu-xmlid='directo_event.directo_event_menu_intake']",
            run: "click",
        },
        {
            content: "Open the logged message",
            trigger: ".o_list_view .o_data_row td[name=subject]:contains(Tour broken heater)",
            run: "click",
        },
        {
            content: "The message's sender and outcome are shown",
            trigger: ".o_form_view .o_field_widget[name=email_from]:contains(tour.sender@example.com)",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(New Event)",
        },
        {
            content: "Open the event the message made",
            trigger: ".o_form_view button[name=action_open_event]",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=name] input:value(Tour broken heater)",
        },
    ],
});

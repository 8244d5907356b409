import { registry } from "@web/core/registry";

/** An Events Manager without the Settings rights sets the events address. */
registry.category("web_tour.tours").add("directo_event_manager_settings_tour", {
    url: "/odoo/directo-events",
    steps: () => [
        {
            content: "Open the configuration menu",
            trigger: ".o_main_navbar button[data-menu-xmlid='directo_event.directo_event_menu_config']",
            run: "click",
        },
        {
            content: "Open the events settings",
            trigger: ".dropdown-item[data-menu-xmlid='directo_event.directo_event_menu_settings']",
            run: "click",
        },
        {
            content: "The settings of the current company",
            trigger: ".o_form_view .o_field_widget[name=company_id]:contains(YourCompany)",
        },
        {
            content: "Events address",
            trigger: ".o_field_widget[name=directo_event_alias_prefix] input",
            run: "edit manager-events",
        },
        {
            content: "Threading by subject for two weeks",
            trigger: ".o_field_widget[name=directo_event_thread_days] input",
            run: "edit 14",
        },
        {
            content: "Save",
            trigger: ".o_form_view button[name=action_save]",
            run: "click",
        },
        {
            content: "The settings are saved",
            trigger: ".o_notification:contains(are saved)",
        },
    ],
});

import { registry } from "@web/core/registry";

/** Set the events address and the default type and status in Settings. */
registry.category("web_tour.tours").add("directo_event_settings_tour", {
    url: "/odoo/settings",
    steps: () => [
        {
            content: "Open the Events settings",
            trigger: ".settings_tab .tab[data-key=directo_event]",
            run: "click",
        },
        {
            content: "Events address",
            trigger: ".o_field_widget[name=directo_event_alias_prefix] input",
            run: "edit tour-events",
        },
        {
            content: "The company's alias domain is proposed",
            trigger: ".o_field_widget[name=directo_event_alias_domain_id] input:value(directo-tour.example.com)",
        },
        {
            content: "Default type",
            trigger: ".o_field_widget[name=directo_event_default_type_id] input",
            run: "edit Tour Service",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Tour Service)",
            run: "click",
        },
        {
            content: "Default status",
            trigger: ".o_field_widget[name=directo_event_default_status_id] input",
            run: "edit Tour Triage",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Tour Triage)",
            run: "click",
        },
        {
            content: "Save the settings",
            trigger: ".o_form_button_save",
            run: "click",
            // saving the settings reloads the page
            expectUnloadPage: true,
        },
        {
            content: "The settings are saved and reloaded",
            trigger: ".o-settings-form-view .o_field_widget[name=directo_event_alias_prefix] input:value(tour-events)",
        },
        {
            trigger: ".o_field_widget[name=directo_event_default_type_id] input:value(Tour Service)",
        },
        {
            trigger: ".o_field_widget[name=directo_event_default_status_id] input:value(Tour Triage)",
        },
    ],
});

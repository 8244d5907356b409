import { registry } from "@web/core/registry";

/**
 * Move an event of a weekly series 1 h 30 later (09:00 to 10:30 UTC) for it
 * and the following ones. Starts on the form of the series' second event (its
 * url is given by the test).
 */
registry.category("web_tour.tours").add("directo_event_recurrence_move_tour", {
    steps: () => [
        {
            trigger: ".o_form_view .o_field_widget[name=name] input:value(Tour moved check)",
        },
        {
            content: "Apply the change to this and the following events",
            trigger: ".o_field_widget[name=recurrence_update] input[data-value=following]",
            run: "click",
        },
        {
            content: "Open the start's date picker",
            trigger: ".o_field_widget[name=date_start] button",
            run: "click",
        },
        {
            content: "Move it 1 h 30 later, the same day (shown in the browser's time zone)",
            trigger: ".o_field_widget[name=date_start] input",
            run(helpers) {
                const later = this.anchor.value.replace(/(\d{2}):(\d{2})/, (time, h, m) => {
                    const minutes = Number(h) * 60 + Number(m) + 90;
                    const pad = (n) => String(n).padStart(2, "0");
                    return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
                });
                helpers.edit(later);
            },
        },
        {
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved .alert-info:contains(part of a series)",
        },
    ],
});

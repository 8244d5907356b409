{
    "name": "Events (Directo) - Maintenance Equipment",
    "summary": "Maintenance equipment as the fixed asset of events",
    "version": "19.0.1.0.0",
    "category": "Services/Events",
    "website": "https://github.com/directo-event/directo_event",
    "author": "Directo Event Contributors",
    "license": "LGPL-3",
    "depends": ["directo_event", "maintenance"],
    "auto_install": True,
    "data": ["views/directo_event_views.xml"],
}

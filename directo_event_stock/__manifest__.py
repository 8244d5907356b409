{
    "name": "Events (Directo) - Serial Numbers",
    "summary": "Serial numbers of inventory on events",
    "version": "19.0.1.0.0",
    "category": "Services/Events",
    "website": "https://github.com/directo-event/directo_event",
    "author": "Directo Event Contributors",
    "license": "LGPL-3",
    "depends": ["directo_event", "stock"],
    "auto_install": True,
    "data": ["views/directo_event_views.xml"],
}

{
    "name": "Events (Directo) - Projects",
    "summary": "Project of events",
    "version": "19.0.1.0.0",
    "category": "Services/Events",
    "website": "https://github.com/directo-event/directo_event",
    "author": "Directo Event Contributors",
    "license": "LGPL-3",
    "depends": ["directo_event", "project"],
    "auto_install": True,
    "data": [
        "views/directo_event_views.xml",
        "report/directo_event_report.xml",
    ],
}

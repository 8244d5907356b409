{
    "name": "Events (Directo) - Employees",
    "summary": "Employee on events and their jobs",
    "version": "19.0.1.0.0",
    "category": "Services/Events",
    "website": "https://github.com/directo-event/directo_event",
    "author": "Directo Event Contributors",
    "license": "LGPL-3",
    "depends": ["directo_event", "hr"],
    "auto_install": True,
    "data": [
        "views/directo_event_views.xml",
        "views/directo_event_reminder_views.xml",
        "report/directo_event_report.xml",
    ],
}

from . import directo_event
from . import directo_event_job
from . import directo_event_reminder_rule
from . import directo_event_reminder

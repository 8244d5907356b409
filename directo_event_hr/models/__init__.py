from . import directo_event
from . import directo_event_job

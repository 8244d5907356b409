from . import test_directo_event_hr
from . import test_directo_event_hr_reminder

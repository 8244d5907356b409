from . import test_directo_event
from . import test_directo_event_access
from . import test_directo_event_form
from . import test_directo_event_job
from . import test_directo_event_tracking
from . import test_directo_event_type

from . import directo_event_status
from . import directo_event_type
from . import directo_event
from . import directo_event_job
from . import directo_event_change
from . import res_company
from . import res_config_settings
from . import res_partner

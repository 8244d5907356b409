from . import directo_event

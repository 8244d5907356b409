from . import test_directo_event_project

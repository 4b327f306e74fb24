from . import tcx_link_number_wizard

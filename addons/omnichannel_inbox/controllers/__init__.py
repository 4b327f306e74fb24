from . import iadvize
from . import ticket_close

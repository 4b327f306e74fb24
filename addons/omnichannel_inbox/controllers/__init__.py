from . import iadvize
from . import ticket_close
from . import iadvize_desk

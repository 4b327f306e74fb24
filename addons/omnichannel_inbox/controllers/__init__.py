from . import iadvize

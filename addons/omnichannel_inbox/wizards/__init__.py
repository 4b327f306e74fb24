from . import inbox_canned_reply_wizard
from . import inbox_link_partner_wizard
from . import inbox_merge_wizard
from . import inbox_split_wizard

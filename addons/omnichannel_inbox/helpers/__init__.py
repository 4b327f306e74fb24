# Pure Python helpers (no Odoo environment): parsers and decisions of the routing pipeline.

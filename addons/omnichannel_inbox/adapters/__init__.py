# External I/O (HTTP clients), no Odoo environment.

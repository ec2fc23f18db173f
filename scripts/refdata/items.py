#!/usr/bin/env python3
"""Generate items.json: a standard catalogue of common relief items.

The catalogue is a hand-kept Python literal (below). Each item carries its
sector, a group, the NEED family it covers (gap analysis matches needs to
items by family), the unit as shipped, gross weight and volume per unit, an
HS 2022 subheading, a kit flag, coverage (people served per unit x days) and
cross-walk codes where known.

Sources (figures are cited per item in `coverage_source` and `source`):
  * Sphere Handbook 2018 (4th ed.): 15 L water/person/day; 3.5 m2 covered
    living space/person; 2,100 kcal/person/day; communal latrines 1 per 50
    people at first; household of 5; soap 250 g bathing + 200 g laundry per
    person per month; two 10-20 L water containers per household.
  * IFRC Emergency Items Catalogue and IFRC shelter kit guidelines: family
    tent, tarpaulin 4x6 m (2 per household), shelter kit, kitchen set,
    typical shipping weights and volumes.
  * UNHCR Core Relief Items catalogue: family tent (item 05353), 4x5 m
    tarpaulin, blankets, sleeping mats, solar lamps.
  * WHO Interagency Emergency Health Kit (IEHK) 2017: 10 basic units +
    1 supplementary unit serve 10,000 people for 3 months; WHO cholera kit;
    WHO/UNICEF ORS.
  * WFP: general food basket of 2,100 kcal/person/day, HEB (450 kcal/100 g,
    10 kg cartons), Super Cereal / Super Cereal Plus rations, commodity
    stowage factors; UNICEF Supply Catalogue: RUTF (150 x 92 g sachets per
    carton), School-in-a-box, Recreation kit, ECD kit; UNFPA: dignity kit,
    Inter-Agency Reproductive Health kits.

Weights and volumes are typical catalogue-style values for planning (gross,
per unit as shipped); an actual supplier's packing list wins over them.

Coverage rule, so that items of the same family add up: coverage is always
"people x days" of the family's need, measured on one basis per family:
  * food_ration: person-days of 2,100 kcal (kcal per unit / 2,100);
  * water_treatment: person-days of 15 L treated water;
  * water_storage: 2 containers per household of 5 -> 2.5 people each;
  * shelter_emergency: 2 x 24 m2 of sheeting per household of 5
    -> 9.6 m2 per person;
  * other families: people served x planned service life or ration days.
Support items with no per-person coverage (generators, forklifts, VSAT,
MSU, ...) have coverage_people = coverage_days = null.

HS codes: every code must be a 6-digit subheading of hs2022.json (checked
below). Where the classification is a judgement call, a comment says why.

Customs facts (CUSTOMS below, each with its source in `customs_source`):
  * alternative_hs_codes: other HS 2022 subheadings that national tariffs and
    suppliers' invoices commonly use for the item, so that a government's
    needs list naming either heading matches it (tarpaulins: 3926.90 here,
    6306.12 in many tariffs);
  * un_number: the UN number (UN Recommendations on the Transport of
    Dangerous Goods, Model Regulations) under which the item as shipped is
    dangerous goods; null where none applies or where it depends on the
    shipment (equipment with small lithium cells, mostly excepted by special
    provision 188; a diesel generator, UN 3528 or UN 3530 by its fuel's flash
    point): the shipper's declaration decides there;
  * controlled_medicine: the item holds narcotic or psychotropic medicines
    under the 1961 and 1971 UN Conventions, which need an import permit from
    the health authority.

Output: Sources/CorridorStore/Resources/refdata/items.json, sorted by code,
2-space indent, UTF-8 (ensure_ascii=False); byte-identical on every run.
"""

from __future__ import annotations

import json
import re

from refdata_common import OUT_DIR, out_path

SECTORS = {
    "shelter": "SHE",
    "wash": "WSH",
    "health": "HEA",
    "food": "FOO",
    "nutrition": "NUT",
    "logistics": "LOG",
    "telecoms": "TEL",
    "education": "EDU",
    "protection": "PRO",
    "nfi": "NFI",
}
UNITS = {"piece", "kit", "set", "kg", "litre", "carton", "roll", "bale",
         "box", "sachet", "tablet"}
CROSSWALK_KEYS = {"unspsc", "ifrc", "unhcr"}
MIN_ITEMS = 64

KCAL_PER_PERSON_DAY = 2100      # Sphere 2018 / WFP
WATER_L_PER_PERSON_DAY = 15     # Sphere 2018 water supply standard
SHEETING_M2_PER_PERSON = 9.6    # 2 x 4x6 m tarpaulins per household of 5 (IFRC)

# Short source texts, reused.
SRC_IFRC = "IFRC Emergency Items Catalogue, typical"
SRC_UNHCR = "UNHCR Core Relief Items catalogue, typical"
SRC_WFP = "WFP commodity, typical bagged stowage (approx.)"
SRC_UNICEF = "UNICEF Supply Catalogue, typical"
SRC_APPROX = "typical supplier data (approx.)"

SPHERE_KCAL = "WFP/Sphere 2018 food basket: 2,100 kcal/person/day"
SPHERE_WATER = "Sphere 2018 WASH: 15 L/person/day"


def food_days(kcal_per_unit: float) -> float:
    """Person-days of a 2,100 kcal ration that one unit provides."""
    return round(kcal_per_unit / KCAL_PER_PERSON_DAY, 2)


def water_days(litres: float) -> float:
    """Person-days of 15 L/person/day that `litres` of treated water give."""
    return round(litres / WATER_L_PER_PERSON_DAY, 2)


def sheeting_people(m2: float) -> float:
    return round(m2 / SHEETING_M2_PER_PERSON, 2)


# Families: id -> human label. Every item's family must be listed here.
FAMILIES = {
    "shelter_household": "Household shelter (tent)",
    "shelter_emergency": "Emergency shelter (plastic sheeting)",
    "shelter_tools": "Shelter construction tools",
    "shelter_fixings": "Shelter fixings (rope, nails, wire)",
    "bedding_blanket": "Blankets",
    "bedding_mat": "Sleeping mats and mattresses",
    "cooking_kitchen": "Kitchen sets",
    "cooking_stove": "Cooking stoves",
    "lighting_household": "Household lighting",
    "clothing": "Clothing",
    "water_storage": "Household water containers",
    "water_storage_communal": "Communal water storage",
    "water_treatment": "Water treatment",
    "water_supply_equipment": "Water supply equipment",
    "water_distribution": "Water distribution points",
    "hygiene_kit": "Hygiene kits",
    "soap_bathing": "Bathing soap",
    "soap_laundry": "Laundry soap",
    "sanitation_latrine": "Latrines (communal)",
    "health_phc_basic": "Primary health care, community level (IEHK basic unit)",
    "health_phc_supplementary": "Primary health care, facility level (IEHK supplementary unit)",
    "health_cholera": "Cholera treatment",
    "health_ors": "Oral rehydration",
    "health_delivery": "Clinical delivery assistance",
    "health_gbv_clinical": "Clinical management of rape",
    "health_malaria_nets": "Malaria prevention (bed nets)",
    "health_cold_chain": "Vaccine cold chain",
    "management_of_dead": "Management of the dead",
    "food_ration": "General food ration (kcal)",
    "food_salt": "Iodised salt",
    "nutrition_sam": "Treatment of severe acute malnutrition",
    "nutrition_mam": "Treatment of moderate acute malnutrition",
    "nutrition_supplementary": "Supplementary feeding (fortified blended food)",
    "nutrition_micronutrient": "Micronutrient supplementation",
    "nutrition_screening": "Nutrition screening equipment",
    "storage": "Warehousing",
    "power": "Power supply",
    "handling": "Handling equipment",
    "transport": "Transport",
    "telecoms_satellite": "Satellite communications",
    "telecoms_radio": "Radio communications",
    "education_learning_materials": "Learning materials",
    "education_recreation": "Recreation",
    "education_ecd": "Early childhood development",
    "education_learning_space": "Temporary learning spaces",
    "dignity_mhm": "Dignity and menstrual hygiene (women and girls)",
    "protection_lighting": "Protective lighting",
    "personal_light": "Personal light",
}


def tidy(v):
    """Whole numbers as int (5, not 5.0) so the JSON reads naturally."""
    return int(v) if isinstance(v, float) and v.is_integer() else v


def item(code, name, sector, group, family, unit, weight_kg, volume_m3, hs_code,
         kit, people, days, coverage_source, source, crosswalk=None):
    return {
        "code": code,
        "name": name,
        "sector": sector,
        "group": group,
        "family": family,
        "family_label": FAMILIES[family],
        "unit": unit,
        "weight_kg": weight_kg,
        "volume_m3": volume_m3,
        "hs_code": hs_code,
        "kit": kit,
        "coverage_people": tidy(people),
        "coverage_days": tidy(days),
        "coverage_source": coverage_source,
        "crosswalk": dict(sorted((crosswalk or {}).items())),
        "source": source,
        "alternative_hs_codes": [],
        "un_number": None,
        "controlled_medicine": False,
        "customs_source": None,
    }


ITEMS = [
    # ------------------------------------------------------------------ shelter
    item("SHE-TENT-FAM", "Family tent, 16 m² + 2 vestibules (UNHCR/IFRC/ICRC standard)",
         "shelter", "Tents", "shelter_household", "piece", 85.0, 0.40, "630622",
         False, 5, 180,
         "Sphere 2018 Shelter std 3: 3.5 m²/person; tent = household of 5; planned use 6 months",
         SRC_UNHCR, {"unhcr": "05353"}),
    # Relief tarpaulins are woven HDPE laminated with LDPE on both sides: the
    # coating is visible on both faces, so by Chapter 59 Note 2(a)(3) they are
    # plastics (Chapter 39), not textile tarpaulins of 6306.
    item("SHE-TARP-4X6", "Tarpaulin, woven HDPE laminated, 4 × 6 m, reinforced, with eyelets",
         "shelter", "Plastic sheeting", "shelter_emergency", "piece", 5.5, 0.012, "392690",
         False, sheeting_people(24), 180,
         "IFRC shelter kit: 2 tarpaulins 4×6 m per household of 5; planned use 6 months",
         SRC_IFRC),
    item("SHE-TARP-4X5", "Tarpaulin for roofing, woven HDPE laminated, 4 × 5 m (UNHCR spec)",
         "shelter", "Plastic sheeting", "shelter_emergency", "piece", 4.6, 0.010, "392690",
         False, sheeting_people(20), 180,
         "Same basis as 4×6 m tarpaulin: 9.6 m² of sheeting per person (2 × 24 m² per household of 5)",
         SRC_UNHCR),
    # Sheeting in the roll, not made up: plastics sheet reinforced with woven
    # strip, laminated both sides -> 3921.90.
    item("SHE-PLSH-ROLL", "Plastic sheeting roll, woven HDPE laminated, 4 × 60 m",
         "shelter", "Plastic sheeting", "shelter_emergency", "roll", 55.0, 0.12, "392190",
         False, sheeting_people(240), 180,
         "240 m² = 10 tarpaulins 4×6 m; 9.6 m² of sheeting per person (IFRC shelter kit basis)",
         SRC_IFRC),
    # A kit is classified by the component that gives it its essential
    # character (GIR 3(b)): here the two tarpaulins.
    item("SHE-KIT-SHELTER", "Shelter kit: 2 tarpaulins 4 × 6 m, 30 m rope, tools and fixings",
         "shelter", "Shelter kits and tools", "shelter_emergency", "kit", 23.0, 0.08, "392690",
         True, 5, 180,
         "IFRC shelter kit guidelines: one kit per household of 5",
         SRC_IFRC),
    item("SHE-KIT-TOOLS", "Shelter tool kit: shovel, hoe, machete, handsaw, claw hammer, tin snips",
         "shelter", "Shelter kits and tools", "shelter_tools", "kit", 12.0, 0.04, "820600",
         True, 5, 365,
         "IFRC shelter kit guidelines: one tool kit per household (may be shared by 2)",
         SRC_IFRC),
    item("SHE-ROPE-PP30", "Rope, polypropylene, 10 mm, 30 m coil",
         "shelter", "Shelter kits and tools", "shelter_fixings", "roll", 1.5, 0.004, "560749",
         False, 5, 180,
         "IFRC shelter kit: 30 m rope per household of 5",
         SRC_IFRC),
    item("SHE-KIT-FIXING", "Shelter fixing kit: galvanised nails, roofing nails, tie wire",
         "shelter", "Shelter kits and tools", "shelter_fixings", "kit", 4.5, 0.005, "731700",
         True, 5, 180,
         "IFRC shelter kit: one set of fixings per household of 5",
         SRC_IFRC),

    # ---------------------------------------------------------------------- nfi
    item("NFI-BLKT-HT", "Blanket, synthetic, high thermal, 150 × 200 cm, 1.5 kg",
         "nfi", "Bedding", "bedding_blanket", "piece", 1.6, 0.008, "630140",
         False, 1, 180,
         "Sphere 2018 Shelter std 4: one blanket per person; planned use 6 months",
         SRC_IFRC),
    item("NFI-BLKT-MT", "Blanket, synthetic, medium thermal, 150 × 200 cm, 1.1 kg",
         "nfi", "Bedding", "bedding_blanket", "piece", 1.2, 0.006, "630140",
         False, 1, 180,
         "Sphere 2018 Shelter std 4: one blanket per person; planned use 6 months",
         SRC_IFRC),
    item("NFI-MAT-SLEEP", "Sleeping mat, woven polypropylene, 180 × 90 cm",
         "nfi", "Bedding", "bedding_mat", "piece", 0.7, 0.004, "392690",
         False, 1, 365,
         "Sphere 2018 Shelter std 4: one sleeping mat per person; planned use 1 year",
         SRC_IFRC),
    item("NFI-MATTRESS-FOAM", "Mattress, polyurethane foam, 190 × 80 × 8 cm",
         "nfi", "Bedding", "bedding_mat", "piece", 3.5, 0.06, "940421",
         False, 1, 365,
         "Sphere 2018 Shelter std 4: one sleeping surface per person; planned use 1 year",
         SRC_UNHCR),
    item("NFI-KIT-KITCHEN", "Kitchen set, stainless steel, household of 5 (pots, pan, plates, bowls, cups, cutlery, knife)",
         "nfi", "Cooking", "cooking_kitchen", "set", 7.0, 0.045, "732393",
         True, 5, 365,
         "Sphere 2018 Shelter std 4: kitchen set per household of 5; planned use 1 year",
         SRC_IFRC),
    item("NFI-STOVE-FE", "Fuel-efficient cooking stove, wood/charcoal, household",
         "nfi", "Cooking", "cooking_stove", "piece", 5.0, 0.03, "732119",
         False, 5, 365,
         "Sphere 2018 Shelter std 4: one stove per household of 5; planned use 1 year",
         SRC_APPROX),
    # HS 2022 created 9405.41 for photovoltaic LED luminaires.
    item("NFI-LAMP-SOLAR", "Solar lamp, LED, with USB phone charging, household",
         "nfi", "Lighting", "lighting_household", "piece", 0.5, 0.002, "940541",
         False, 5, 365,
         "Sphere 2018 Shelter std 4: lighting per household of 5; planned use 1 year",
         SRC_UNHCR),
    # Unisex garments are classified as women's (Chapter 62 Note 9).
    item("NFI-CLOTH-JACKET", "Winter jacket (parka), adult, unisex, synthetic padding",
         "nfi", "Clothing", "clothing", "piece", 1.2, 0.01, "620240",
         False, 1, 365,
         "Sphere 2018 Shelter std 4: clothing per person for the season; planned use 1 year",
         SRC_APPROX),

    # --------------------------------------------------------------------- wash
    item("WSH-JCAN-C10", "Jerry can, collapsible, 10 L, food-grade LDPE, with tap cap",
         "wash", "Water storage", "water_storage", "piece", 0.25, 0.002, "392330",
         False, 2.5, 180,
         "Sphere 2018 WASH: two 10–20 L containers per household of 5; collapsible: planned use 6 months",
         SRC_IFRC),
    item("WSH-JCAN-R20", "Jerry can, rigid, 20 L, food-grade HDPE, with screw cap",
         "wash", "Water storage", "water_storage", "piece", 1.0, 0.027, "392330",
         False, 2.5, 365,
         "Sphere 2018 WASH: two 10–20 L containers per household of 5; planned use 1 year",
         SRC_IFRC),
    # A lidded bucket is one of the household's two water containers.
    item("WSH-BUCKET-14L", "Bucket, 14 L, food-grade plastic, with lid",
         "wash", "Water storage", "water_storage", "piece", 0.6, 0.008, "392490",
         False, 2.5, 365,
         "Sphere 2018 WASH: two 10–20 L containers per household of 5 (a lidded bucket counts as one)",
         SRC_IFRC),
    item("WSH-TANK-BLAD10", "Water bladder tank, 10 m³, flexible, with fittings",
         "wash", "Water storage", "water_storage_communal", "piece", 65.0, 0.25, "392510",
         False, 667, 365,
         "Sphere 2018 WASH: 15 L/person/day; 10,000 L filled once a day serves 667 people; planned use 1 year",
         SRC_APPROX),
    item("WSH-TANK-ONION5", "Water tank, onion type, 5 m³, self-supporting",
         "wash", "Water storage", "water_storage_communal", "piece", 30.0, 0.12, "392510",
         False, 333, 365,
         "Sphere 2018 WASH: 15 L/person/day; 5,000 L filled once a day serves 333 people; planned use 1 year",
         SRC_APPROX),
    item("WSH-TABS-NADCC", "Water purification tablet, NaDCC 67 mg (treats 20 L)",
         "wash", "Water treatment", "water_treatment", "tablet", 0.0005, 0.000001, "380894",
         False, 1, water_days(20),
         "Sphere 2018 WASH: 15 L/person/day; 1 tablet treats 20 L = 1.33 person-days",
         SRC_APPROX),
    item("WSH-HTH-70", "Calcium hypochlorite (HTH) 65–70 %, granules, in 45 kg drum",
         "wash", "Water treatment", "water_treatment", "kg", 1.1, 0.0012, "282810",
         False, 1, water_days(1000 * 0.7 / 5 * 1000),
         "Sphere 2018 WASH: 15 L/person/day; 1 kg at 70 % dosed at 5 mg/L treats 140 m³ (planning dose)",
         SRC_IFRC),
    item("WSH-FILT-FAM", "Family water filter, hollow-fibre, ≥ 18,000 L capacity",
         "wash", "Water treatment", "water_treatment", "piece", 2.5, 0.01, "842121",
         False, 5, water_days(18000) / 5,
         "Sphere 2018 WASH: 15 L/person/day; 18,000 L = 1,200 person-days = household of 5 × 240 days",
         SRC_APPROX),
    # Mixed toilet articles put up as a set for personal hygiene: 9605.
    item("WSH-KIT-HYGIENE", "Hygiene kit, household of 5, one month (soap, toothbrushes, toothpaste, towels, pads, comb)",
         "wash", "Hygiene", "hygiene_kit", "kit", 5.0, 0.025, "960500",
         True, 5, 30,
         "Sphere 2018 WASH hygiene items: monthly household kit for 5",
         SRC_IFRC),
    item("WSH-SOAP-BATH", "Soap, bathing, 250 g bar",
         "wash", "Hygiene", "soap_bathing", "piece", 0.26, 0.0003, "340111",
         False, 1, 30,
         "Sphere 2018 WASH: 250 g bathing soap per person per month",
         SRC_IFRC),
    item("WSH-SOAP-LAUNDRY", "Soap, laundry, 200 g bar",
         "wash", "Hygiene", "soap_laundry", "piece", 0.21, 0.00025, "340119",
         False, 1, 30,
         "Sphere 2018 WASH: 200 g laundry soap per person per month",
         SRC_IFRC),
    item("WSH-LAT-SLAB", "Latrine slab, plastic, squatting plate with drop-hole cover",
         "wash", "Sanitation", "sanitation_latrine", "piece", 9.0, 0.03, "392290",
         False, 50, 180,
         "Sphere 2018 WASH excreta management: 1 communal latrine per 50 people at first; pit life ~6 months",
         SRC_IFRC),
    # Complete latrine (slab + framed superstructure) shipped as a kit: the
    # superstructure gives it the character of a prefabricated building.
    item("WSH-LAT-EMERG", "Emergency latrine, complete: plastic slab and framed superstructure, 1 cubicle",
         "wash", "Sanitation", "sanitation_latrine", "kit", 60.0, 0.4, "940690",
         True, 50, 180,
         "Sphere 2018 WASH excreta management: 1 communal latrine per 50 people at first; pit life ~6 months",
         SRC_APPROX),
    item("WSH-PUMP-3IN", "Motor pump, centrifugal, 3-inch, petrol engine, with hoses",
         "wash", "Water supply", "water_supply_equipment", "piece", 35.0, 0.12, "841370",
         False, None, None, None, SRC_APPROX),
    item("WSH-TAPSTAND-6", "Tap stand kit, 6 taps, galvanised, with fittings",
         "wash", "Water supply", "water_distribution", "kit", 25.0, 0.1, "848180",
         True, 1500, 365,
         "Sphere 2018 WASH: at most 250 people per tap; 6 taps serve 1,500 people; planned use 1 year",
         SRC_APPROX),

    # ------------------------------------------------------------------- health
    item("HEA-IEHK-BASIC", "Interagency Emergency Health Kit (IEHK 2017), basic unit",
         "health", "Medical kits", "health_phc_basic", "kit", 45.0, 0.2, "300490",
         True, 1000, 90,
         "WHO IEHK 2017: one basic unit serves 1,000 people for 3 months (kit = 10 basic units)",
         "WHO IEHK 2017, approximate"),
    item("HEA-IEHK-SUPPL", "Interagency Emergency Health Kit (IEHK 2017), supplementary unit",
         "health", "Medical kits", "health_phc_supplementary", "kit", 600.0, 3.0, "300490",
         True, 10000, 90,
         "WHO IEHK 2017: one supplementary unit (used with 10 basic units) serves 10,000 people for 3 months",
         "WHO IEHK 2017, approximate"),
    item("HEA-KIT-CHOLERA", "Cholera kit (WHO), treatment module for 100 patients",
         "health", "Medical kits", "health_cholera", "kit", 350.0, 1.8, "300490",
         True, 100, 5,
         "WHO cholera kit: module for 100 patients; planning ~5 days of treatment per patient",
         "WHO cholera kit, approximate"),
    item("HEA-ORS-1L", "Oral rehydration salts, low osmolarity, sachet for 1 L",
         "health", "Medicines", "health_ors", "sachet", 0.025, 0.00005, "300490",
         False, 1, 1,
         "WHO/UNICEF ORS: one 1 L sachet per patient per day (planning)",
         SRC_UNICEF),
    # HS 2022 created 6304.20 for insecticide-treated bed nets.
    item("HEA-LLIN", "Mosquito net, long-lasting insecticidal (LLIN), rectangular, family size",
         "health", "Vector control", "health_malaria_nets", "piece", 0.5, 0.0025, "630420",
         False, 2, 1095,
         "WHO: 1 LLIN per 2 people; effective life 3 years",
         SRC_UNICEF),
    # Kit 6A = reusable instruments and equipment, hence 9018.
    item("HEA-RH-KIT6A", "Midwifery kit: clinical delivery assistance, reusable equipment (UNFPA RH Kit 6A)",
         "health", "Medical kits", "health_delivery", "kit", 70.0, 0.3, "901890",
         True, 30000, 90,
         "UNFPA Inter-Agency RH kits, block 2 (health centre): 30,000 people for 3 months",
         "UNFPA RH kits manual, approximate"),
    item("HEA-RH-KIT3", "Post-rape treatment kit (UNFPA RH Kit 3)",
         "health", "Medical kits", "health_gbv_clinical", "kit", 15.0, 0.06, "300490",
         True, 10000, 90,
         "UNFPA Inter-Agency RH kits, block 1: 10,000 people for 3 months",
         "UNFPA RH kits manual, approximate"),
    item("HEA-FRIDGE-SDD", "Vaccine refrigerator, solar direct drive, chest type, with panels",
         "health", "Cold chain", "health_cold_chain", "piece", 150.0, 1.0, "841850",
         False, None, None, None, SRC_UNICEF),
    item("HEA-BODYBAG", "Body bag, adult, heavy-duty plastic, 6 handles",
         "health", "Management of the dead", "management_of_dead", "piece", 2.0, 0.006, "392690",
         False, None, None, None, SRC_IFRC),

    # --------------------------------------------------------------------- food
    item("FOO-RICE", "Rice, milled, in 50 kg bags", "food", "Cereals", "food_ration",
         "kg", 1.01, 0.0015, "100630", False, 1, food_days(3600),
         SPHERE_KCAL + "; rice ≈ 3,600 kcal/kg", SRC_WFP),
    item("FOO-FLOUR-WHEAT", "Wheat flour, fortified, in 50 kg bags", "food", "Cereals", "food_ration",
         "kg", 1.01, 0.0018, "110100", False, 1, food_days(3640),
         SPHERE_KCAL + "; wheat flour ≈ 3,640 kcal/kg", SRC_WFP),
    item("FOO-MAIZE-MEAL", "Maize meal, fortified, in 50 kg bags", "food", "Cereals", "food_ration",
         "kg", 1.01, 0.0018, "110220", False, 1, food_days(3620),
         SPHERE_KCAL + "; maize meal ≈ 3,620 kcal/kg", SRC_WFP),
    item("FOO-SORGHUM", "Sorghum, whole grain, in 50 kg bags", "food", "Cereals", "food_ration",
         "kg", 1.01, 0.0015, "100790", False, 1, food_days(3390),
         SPHERE_KCAL + "; sorghum ≈ 3,390 kcal/kg", SRC_WFP),
    item("FOO-PULSE-BEANS", "Beans, dried, in 50 kg bags", "food", "Pulses", "food_ration",
         "kg", 1.01, 0.0014, "071333", False, 1, food_days(3350),
         SPHERE_KCAL + "; dried beans ≈ 3,350 kcal/kg", SRC_WFP),
    item("FOO-PULSE-LENTILS", "Lentils, red, split, in 50 kg bags", "food", "Pulses", "food_ration",
         "kg", 1.01, 0.0014, "071340", False, 1, food_days(3400),
         SPHERE_KCAL + "; lentils ≈ 3,400 kcal/kg", SRC_WFP),
    item("FOO-PULSE-PEAS", "Split peas, yellow, in 50 kg bags", "food", "Pulses", "food_ration",
         "kg", 1.01, 0.0014, "071310", False, 1, food_days(3400),
         SPHERE_KCAL + "; split peas ≈ 3,400 kcal/kg", SRC_WFP),
    # Soybean oil with added vitamins A and D stays refined soya oil.
    item("FOO-OIL-VEG", "Vegetable oil, fortified (vitamins A and D), soybean, in tins/jerry cans",
         "food", "Oils and fats", "food_ration", "litre", 1.0, 0.0013, "150790",
         False, 1, food_days(0.92 * 8840),
         SPHERE_KCAL + "; 1 L oil = 0.92 kg ≈ 8,130 kcal", SRC_WFP),
    item("FOO-SUGAR", "Sugar, white, in 50 kg bags", "food", "Sugar and salt", "food_ration",
         "kg", 1.01, 0.0014, "170199", False, 1, food_days(4000),
         SPHERE_KCAL + "; sugar ≈ 4,000 kcal/kg", SRC_WFP),
    item("FOO-SALT-IOD", "Salt, iodised, in 25 kg bags", "food", "Sugar and salt", "food_salt",
         "kg", 1.01, 0.001, "250100", False, 1, 200,
         "WFP general ration: 5 g iodised salt per person per day", SRC_WFP),
    item("FOO-HEB", "High-energy biscuits (HEB), carton of 10 kg", "food", "Ready-to-eat",
         "food_ration", "carton", 10.8, 0.04, "190531", False, 1, food_days(10 * 4500),
         SPHERE_KCAL + "; HEB ≥ 450 kcal/100 g, 10 kg carton = 45,000 kcal (WFP spec)", SRC_WFP),

    # ---------------------------------------------------------------- nutrition
    item("NUT-RUTF", "Ready-to-use therapeutic food (RUTF), paste, carton of 150 × 92 g sachets",
         "nutrition", "Therapeutic foods", "nutrition_sam", "carton", 15.0, 0.036, "210690",
         False, 1, 49,
         "UNICEF: one carton (150 sachets, ~500 kcal each) treats one child with SAM for 6–8 weeks",
         SRC_UNICEF),
    item("NUT-RUSF", "Ready-to-use supplementary food (RUSF), carton of 150 × 92 g sachets",
         "nutrition", "Supplementary foods", "nutrition_mam", "carton", 15.0, 0.036, "210690",
         False, 1, 150,
         "WFP MAM treatment: one 92 g sachet (500 kcal) per child per day",
         SRC_WFP),
    item("NUT-SC-PLUS", "Super Cereal Plus (CSB++), fortified blended food, in 1.5 kg bags",
         "nutrition", "Supplementary foods", "nutrition_mam", "kg", 1.02, 0.002, "190190",
         False, 1, 5,
         "WFP MAM treatment: 200 g Super Cereal Plus per child (6–59 months) per day",
         SRC_WFP),
    item("NUT-SC", "Super Cereal (CSB+), fortified blended food, in 25 kg bags",
         "nutrition", "Supplementary foods", "nutrition_supplementary", "kg", 1.01, 0.002, "190190",
         False, 1, 4,
         "WFP supplementary feeding: 250 g Super Cereal per person (pregnant/lactating women) per day",
         SRC_WFP),
    item("NUT-MNP", "Micronutrient powder, box of 30 sachets of 1 g",
         "nutrition", "Micronutrients", "nutrition_micronutrient", "box", 0.05, 0.0002, "210690",
         False, 1, 30,
         "UNICEF home fortification: one sachet per child per day",
         SRC_UNICEF),
    item("NUT-MUAC-CHILD", "MUAC tape, child, colour-coded",
         "nutrition", "Anthropometry", "nutrition_screening", "piece", 0.01, 0.00002, "901780",
         False, None, None, None, SRC_UNICEF),
    item("NUT-SCALE-MC", "Scale, mother/child, electronic, 150 kg",
         "nutrition", "Anthropometry", "nutrition_screening", "piece", 5.0, 0.02, "842310",
         False, None, None, None, SRC_UNICEF),

    # ---------------------------------------------------------------- logistics
    # Steel-framed relocatable warehouse with a PVC-coated cover: treated as a
    # prefabricated building (9406) rather than a tent.
    item("LOG-MSU-10X24", "Mobile storage unit (Rubb hall type), 10 × 24 m, 240 m², steel frame",
         "logistics", "Storage", "storage", "piece", 1300.0, 5.0, "940690",
         False, None, None, None, SRC_APPROX),
    item("LOG-GEN-20KVA", "Generator, diesel, 20 kVA, three-phase, soundproofed",
         "logistics", "Power", "power", "piece", 650.0, 1.8, "850211",
         False, None, None, None, SRC_APPROX),
    item("LOG-GEN-5KVA", "Generator, petrol, 5 kVA, portable",
         "logistics", "Power", "power", "piece", 80.0, 0.35, "850220",
         False, None, None, None, SRC_APPROX),
    item("LOG-SOLAR-KIT", "Solar panel kit, 4 × 400 Wp PV modules with mounting frame and cables",
         "logistics", "Power", "power", "kit", 110.0, 0.6, "854143",
         True, None, None, None, SRC_APPROX),
    item("LOG-FORKLIFT-3T", "Forklift, diesel, 3 t capacity",
         "logistics", "Handling equipment", "handling", "piece", 4300.0, 10.0, "842720",
         False, None, None, None, SRC_APPROX),
    item("LOG-PALLET-EUR", "Pallet, wood, 1200 × 800 mm (EUR), ISPM 15 treated",
         "logistics", "Handling equipment", "handling", "piece", 25.0, 0.14, "441520",
         False, None, None, None, SRC_APPROX),
    item("LOG-PALLET-TRUCK", "Pallet truck, manual, 2.5 t capacity",
         "logistics", "Handling equipment", "handling", "piece", 75.0, 0.3, "842790",
         False, None, None, None, SRC_APPROX),
    item("LOG-VEH-4X4", "Light vehicle 4×4, station wagon, diesel > 2,500 cc",
         "logistics", "Vehicles", "transport", "piece", 2400.0, 15.0, "870333",
         False, None, None, None, SRC_APPROX),

    # ----------------------------------------------------------------- telecoms
    item("TEL-VSAT", "VSAT terminal, 1.2 m auto-pointing fly-away, Ku/Ka band",
         "telecoms", "Satellite", "telecoms_satellite", "piece", 100.0, 0.6, "851762",
         False, None, None, None, SRC_APPROX),
    item("TEL-BGAN", "BGAN satellite data terminal (Inmarsat)",
         "telecoms", "Satellite", "telecoms_satellite", "piece", 3.0, 0.01, "851762",
         False, None, None, None, SRC_APPROX),
    item("TEL-SATPHONE", "Satellite phone, handheld",
         "telecoms", "Satellite", "telecoms_satellite", "piece", 0.8, 0.003, "851714",
         False, None, None, None, SRC_APPROX),
    item("TEL-VHF-HH", "VHF radio, handheld transceiver, 5 W",
         "telecoms", "Radio", "telecoms_radio", "piece", 0.6, 0.002, "852560",
         False, None, None, None, SRC_APPROX),
    item("TEL-VHF-REPEATER", "VHF repeater, 25–50 W, with duplexer",
         "telecoms", "Radio", "telecoms_radio", "piece", 25.0, 0.1, "852560",
         False, None, None, None, SRC_APPROX),
    item("TEL-HF-BASE", "HF radio transceiver, base/mobile, 125 W, with antenna",
         "telecoms", "Radio", "telecoms_radio", "piece", 30.0, 0.15, "852560",
         False, None, None, None, SRC_APPROX),

    # ---------------------------------------------------------------- education
    # Essential character: exercise books and stationery.
    item("EDU-KIT-SIAB", "School-in-a-box (UNICEF), teacher and up to 40 students",
         "education", "Education kits", "education_learning_materials", "kit", 35.0, 0.12, "482020",
         True, 40, 90,
         "UNICEF: one kit for a teacher and up to 40 students, about 3 months of classes",
         SRC_UNICEF),
    item("EDU-KIT-STUDENT", "Student kit: exercise books, pencils, eraser, ruler, school bag",
         "education", "Education kits", "education_learning_materials", "kit", 1.2, 0.006, "482020",
         True, 1, 90,
         "One kit per learner for a school term (~3 months)",
         SRC_UNICEF),
    item("EDU-KIT-RECREATION", "Recreation kit (UNICEF), up to 90 children",
         "education", "Education kits", "education_recreation", "kit", 30.0, 0.15, "950699",
         True, 90, 180,
         "UNICEF: sports and play materials for up to 90 children; planned use 6 months",
         SRC_UNICEF),
    item("EDU-KIT-ECD", "Early childhood development kit (UNICEF), up to 50 children",
         "education", "Education kits", "education_ecd", "kit", 35.0, 0.2, "950300",
         True, 50, 180,
         "UNICEF: materials for up to 50 young children; planned use 6 months",
         SRC_UNICEF),
    item("EDU-TENT-72", "Tent, multipurpose, 72 m², for a temporary learning space",
         "education", "Learning spaces", "education_learning_space", "piece", 300.0, 1.2, "630622",
         False, 60, 365,
         "Planning ≈ 1.2 m² per learner: 72 m² ≈ 60 learners per shift; planned use 1 year",
         SRC_UNICEF),

    # --------------------------------------------------------------- protection
    # Essential character: the menstrual pads.
    item("PRO-KIT-DIGNITY", "Dignity kit (UNFPA type): sanitary pads, underwear, soap, torch, whistle, wrap",
         "protection", "Dignity", "dignity_mhm", "kit", 3.0, 0.015, "961900",
         True, 1, 90,
         "UNFPA: one kit per woman or girl of reproductive age, replenished every 3 months",
         SRC_APPROX),
    item("PRO-KIT-MHM", "Menstrual hygiene kit: reusable pads, underwear, wash bag, soap",
         "protection", "Dignity", "dignity_mhm", "kit", 1.0, 0.005, "961900",
         True, 1, 365,
         "Sphere 2018 WASH (menstrual hygiene): reusable materials for one woman or girl, about 1 year",
         SRC_APPROX),
    item("PRO-LIGHT-STREET", "Solar street light, LED, with pole, for camp safety lighting",
         "protection", "Lighting", "protection_lighting", "piece", 45.0, 0.25, "940541",
         False, None, None, None, SRC_APPROX),
    item("PRO-TORCH-SOLAR", "Solar torch, LED, rechargeable, personal",
         "protection", "Lighting", "personal_light", "piece", 0.2, 0.0008, "851310",
         False, 1, 365,
         "One personal light per woman or girl (GBV risk reduction); planned use 1 year",
         SRC_APPROX),
]


TARPAULIN_6306 = (
    "HS 2022 6306.12 (tarpaulins, awnings and sunblinds of synthetic fibres): the subheading many national "
    "tariffs and suppliers' invoices use for relief tarpaulins; Corridor classifies laminated woven HDPE "
    "tarpaulins 3926.90 (Chapter 59 Note 2(a)(3): plastic coating visible on both faces)")
ENGINE_PETROL = (
    "UN Model Regulations (since the 2017 amendments; ICAO TI / IATA DGR, IMDG Code, ADR): UN 3528 "
    "engine or machinery, internal combustion, flammable liquid powered (class 3) - a petrol engine; "
    "exceptions for drained units depend on the mode and are the shipper's to state")

CUSTOMS = {
    "SHE-TARP-4X6": {"alternative_hs_codes": ["630612"], "customs_source": TARPAULIN_6306},
    "SHE-TARP-4X5": {"alternative_hs_codes": ["630612"], "customs_source": TARPAULIN_6306},
    # The kit takes its character from its two tarpaulins (GIR 3(b)), so it follows them.
    "SHE-KIT-SHELTER": {"alternative_hs_codes": ["630612"], "customs_source": TARPAULIN_6306},
    "WSH-HTH-70": {
        "un_number": "UN2880",
        "customs_source": (
            "UN Model Regulations, Dangerous Goods List: UN 2880 calcium hypochlorite, hydrated "
            "(5.5-16 % water), class 5.1, the entry under which 65-70 % HTH granules are usually shipped; "
            "a dry grade is UN 1748 (the shipper's declaration states which)"),
    },
    "LOG-GEN-5KVA": {"un_number": "UN3528", "customs_source": ENGINE_PETROL},
    "WSH-PUMP-3IN": {"un_number": "UN3528", "customs_source": ENGINE_PETROL},
    "LOG-VEH-4X4": {
        "un_number": "UN3166",
        "customs_source": (
            "UN Model Regulations (since the 2017 amendments; ICAO TI / IATA DGR, IMDG Code): UN 3166 "
            "vehicle, flammable liquid powered (class 9)"),
    },
    "HEA-IEHK-SUPPL": {
        "controlled_medicine": True,
        "customs_source": (
            "WHO IEHK 2017: the supplementary unit carries a module of controlled medicines (narcotic and "
            "psychotropic substances under the 1961 and 1971 UN Conventions) that needs the importing "
            "country's import authorisation"),
    },
}

UN_NUMBER_RE = re.compile(r"^UN\d{4}$")

CODE_RE = re.compile(r"^[A-Z]{3}-[A-Z0-9]+(?:-[A-Z0-9]+)*$")
FAMILY_RE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
KEYS = ["code", "name", "sector", "group", "family", "family_label", "unit",
        "weight_kg", "volume_m3", "hs_code", "kit", "coverage_people",
        "coverage_days", "coverage_source", "crosswalk", "source",
        "alternative_hs_codes", "un_number", "controlled_medicine", "customs_source"]


def is_pos_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0


def validate(items: list[dict], hs6: set[str]) -> None:
    errors: list[str] = []
    codes = [it["code"] for it in items]
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        errors.append(f"duplicate codes: {dupes}")
    if len(items) < MIN_ITEMS:
        errors.append(f"{len(items)} items < {MIN_ITEMS}")
    missing = set(SECTORS) - {it["sector"] for it in items}
    if missing:
        errors.append(f"sectors without items: {sorted(missing)}")
    labels: dict[str, str] = {}
    for it in items:
        c = it["code"]
        if list(it) != KEYS:
            errors.append(f"{c}: keys {list(it)}")
        if not CODE_RE.match(c):
            errors.append(f"{c}: code not like SHE-TENT-FAM")
        if it["sector"] not in SECTORS:
            errors.append(f"{c}: unknown sector {it['sector']!r}")
        elif not c.startswith(SECTORS[it["sector"]] + "-"):
            errors.append(f"{c}: prefix does not match sector {it['sector']}")
        for k in ("name", "group", "family_label", "source"):
            if not isinstance(it[k], str) or not it[k].strip():
                errors.append(f"{c}: empty {k}")
        if not FAMILY_RE.match(it["family"]):
            errors.append(f"{c}: family {it['family']!r} not snake_case")
        if labels.setdefault(it["family"], it["family_label"]) != it["family_label"]:
            errors.append(f"{c}: family {it['family']} has two labels")
        if it["unit"] not in UNITS:
            errors.append(f"{c}: unit {it['unit']!r} not in {sorted(UNITS)}")
        for k in ("weight_kg", "volume_m3"):
            if not is_pos_number(it[k]):
                errors.append(f"{c}: {k} must be a positive number")
        if not (isinstance(it["hs_code"], str) and len(it["hs_code"]) == 6
                and it["hs_code"] in hs6):
            errors.append(f"{c}: HS {it['hs_code']!r} is not an HS 2022 subheading")
        if not isinstance(it["kit"], bool):
            errors.append(f"{c}: kit must be true/false")
        p, d, s = it["coverage_people"], it["coverage_days"], it["coverage_source"]
        if p is None or d is None:
            if not (p is None and d is None and s is None):
                errors.append(f"{c}: coverage people/days/source must be all null or all set")
        else:
            if not (is_pos_number(p) and is_pos_number(d)):
                errors.append(f"{c}: coverage must be positive numbers")
            if not isinstance(s, str) or not s.strip():
                errors.append(f"{c}: coverage without coverage_source")
        cw = it["crosswalk"]
        if not isinstance(cw, dict) or set(cw) - CROSSWALK_KEYS:
            errors.append(f"{c}: crosswalk keys must be among {sorted(CROSSWALK_KEYS)}")
        elif "unspsc" in cw and not re.fullmatch(r"\d{8}", cw["unspsc"]):
            errors.append(f"{c}: UNSPSC must be 8 digits")
        alts = it["alternative_hs_codes"]
        if not isinstance(alts, list) or any(a not in hs6 or a == it["hs_code"] for a in alts):
            errors.append(f"{c}: alternative HS codes must be other HS 2022 subheadings")
        if it["un_number"] is not None and not UN_NUMBER_RE.match(it["un_number"]):
            errors.append(f"{c}: UN number must look like UN2880")
        if not isinstance(it["controlled_medicine"], bool):
            errors.append(f"{c}: controlled_medicine must be true/false")
        has_customs = bool(alts) or it["un_number"] is not None or it["controlled_medicine"]
        if has_customs != bool(it["customs_source"]):
            errors.append(f"{c}: customs facts and customs_source go together")
    # A family's items must all have coverage, or none (support items).
    by_family: dict[str, set[bool]] = {}
    for it in items:
        by_family.setdefault(it["family"], set()).add(it["coverage_people"] is None)
    for fam, kinds in sorted(by_family.items()):
        if len(kinds) > 1:
            errors.append(f"family {fam}: mixes items with and without coverage")
    unused = set(FAMILIES) - set(by_family)
    if unused:
        errors.append(f"families listed but unused: {sorted(unused)}")
    if errors:
        raise SystemExit("items.py: invalid catalogue:\n  " + "\n  ".join(errors))


def main() -> None:
    with open(OUT_DIR / "hs2022.json", encoding="utf-8") as f:
        hs6 = {r["code"] for r in json.load(f) if r["level"] == 6}
    unknown = set(CUSTOMS) - {it["code"] for it in ITEMS}
    if unknown:
        raise SystemExit(f"items.py: customs facts for unknown items {sorted(unknown)}")
    items = sorted(({**it, **CUSTOMS.get(it["code"], {})} for it in ITEMS), key=lambda it: it["code"])
    validate(items, hs6)

    path = out_path("items.json")
    text = json.dumps(items, indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8", newline="\n")
    per_sector = {s: sum(1 for it in items if it["sector"] == s) for s in SECTORS}
    summary = ", ".join(f"{s} {n}" for s, n in per_sector.items())
    print(f"{path.name}: {len(items)} items ({summary})")


if __name__ == "__main__":
    main()

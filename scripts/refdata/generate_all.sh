#!/usr/bin/env bash
# Regenerate Sources/CorridorStore/Resources/refdata/ from pinned sources.
# Installs the pinned Python packages into a private virtualenv (outside the
# repo; override with REFDATA_VENV) and runs every generator.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${REFDATA_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/corridor-refdata-venv}"
python="${PYTHON:-python3}"

# iso-codes (Debian) provides ISO 3166-1 and ISO 4217.
if [ ! -f /usr/share/iso-codes/json/iso_3166-1.json ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y iso-codes
  else
    echo "error: Debian package iso-codes is not installed (apt-get install iso-codes)" >&2
    exit 1
  fi
fi

if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"

cd "$here"
for gen in gen_countries.py gen_currencies.py gen_hs2022.py items.py customs.py gen_world.py gen_sources_md.py; do
  "$venv/bin/python" -B "$gen"
done

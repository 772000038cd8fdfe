#!/usr/bin/env bash
# The system packages the local runtime and the tests need, installed with apt when missing (Debian):
#   java      DynamoDB Local (npm start, integration tests)   openjdk-17-jre-headless
#   chromium  the e2e tests in headless Chromium              chromium
#   poppler   pdfsig / pdftotext, which check sealed PDFs     poppler-utils
# Usage: local/dependances-systeme.sh [java] [chromium] [poppler]   (java and chromium when no argument)
set -euo pipefail

voulus=("$@")
[ ${#voulus[@]} -gt 0 ] || voulus=(java chromium)

paquets=()
for v in "${voulus[@]}"; do
  case "$v" in
    java) command -v java >/dev/null 2>&1 || paquets+=(openjdk-17-jre-headless) ;;
    chromium) [ -x /usr/bin/chromium ] || [ -n "${CHROMIUM_PATH:-}" ] || paquets+=(chromium) ;;
    poppler) command -v pdfsig >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || paquets+=(poppler-utils) ;;
    *) echo "dépendance inconnue : $v" >&2; exit 2 ;;
  esac
done
[ ${#paquets[@]} -gt 0 ] || exit 0

echo "Installation des paquets système manquants : ${paquets[*]}"
if [ "$(id -u)" -eq 0 ]; then sudo=(); elif command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
  echo "Installez-les (apt-get install ${paquets[*]}) : ce compte n’a pas les droits pour le faire." >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Installez-les avec le gestionnaire de paquets de ce système : ${paquets[*]}." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${paquets[@]}" >/dev/null

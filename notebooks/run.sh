#!/usr/bin/env bash
# Runs notebooks/measure.ipynb headless against the library packed from this checkout.
# Needs the .NET tool dotnet-repl (installed here if missing). Output: artifacts/notebooks/measure.out.ipynb;
# exits non-zero when a cell fails or the tables do not appear in the output.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VERSION=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)
rm -rf artifacts/feed artifacts/notebooks
mkdir -p artifacts/notebooks
dotnet pack src/GlobalMidt.Effects -c Release -o artifacts/feed -nologo -v quiet
# A package's notebook extension loads only through #r "nuget:...": serve the packed feed as a NuGet source and
# drop any cached copy of this version so the fresh build is used.
rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/globalmidt.effects/$VERSION"
dotnet nuget remove source globalmidt-local >/dev/null 2>&1 || true
dotnet nuget add source "$ROOT/artifacts/feed" -n globalmidt-local >/dev/null
trap 'dotnet nuget remove source globalmidt-local >/dev/null 2>&1 || true' EXIT
export PATH="$PATH:$HOME/.dotnet/tools"
command -v dotnet-repl >/dev/null || dotnet tool install -g dotnet-repl --version 0.3.259 >/dev/null
dotnet repl --run notebooks/measure.ipynb --exit-after-run --output-path artifacts/notebooks/measure.out.ipynb
python3 - artifacts/notebooks/measure.out.ipynb <<'PY'
import json, sys
nb = json.load(open(sys.argv[1]))
html = "".join("".join(o.get("data", {}).get("text/html", "")) for c in nb["cells"] for o in c.get("outputs", []))
for needed in ["Table 1. Reported participants", "Tværgående måling (ekskl. dubletter)", "Balance measures", "data:image/png;base64,"]:
    if needed not in html:
        sys.exit(f"notebook output lacks: {needed}")
print("notebook ran; tables, balance and Love plot rendered as HTML")
PY

#!/usr/bin/env bash
# The real PDFs and EPUBs the corpus tests and the PDF benchmark read (tests/library/corpus.py
# lists each with its source and licence). Nothing here is committed: Debian packages install
# theirs under /usr/share/doc, and a few test files of pypdf's sdist (BSD-3-Clause), pikepdf's
# (whose REUSE.toml gives each file's licence) and pdfminer.six's (US government documents in
# the public domain, and its author's paper) are unpacked into .corpus/.
# Tests skip, with the reason, whatever is missing.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
debs=(libtasn1-doc shared-mime-info live-manual-epub ubuntu-packaging-guide-epub poppler-utils)
missing=()
for p in "${debs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})) && command -v apt-get >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
  { $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"; }; } \
    >/dev/null 2>&1 || echo "warning: could not install ${missing[*]}; their corpus tests will skip" >&2
fi
PYPDF=7.1.1
if [ ! -d .corpus/pypdf-$PYPDF/resources ]; then
  mkdir -p .corpus
  if "$PY" -m pip download --quiet --no-deps --no-binary :all: "pypdf==$PYPDF" -d .corpus >/dev/null 2>&1; then
    tar -xzf .corpus/pypdf-$PYPDF.tar.gz -C .corpus "pypdf-$PYPDF/resources" "pypdf-$PYPDF/LICENSE" \
      && rm -f .corpus/pypdf-$PYPDF.tar.gz
  else
    echo "warning: could not download pypdf's sdist; its corpus tests will skip" >&2
  fi
fi
PIKEPDF=10.18.0
if [ ! -f .corpus/pikepdf-$PIKEPDF/REUSE.toml ]; then
  mkdir -p .corpus
  if "$PY" -m pip download --quiet --no-deps --no-binary :all: "pikepdf==$PIKEPDF" -d .corpus >/dev/null 2>&1; then
    tar -xzf .corpus/pikepdf-$PIKEPDF.tar.gz -C .corpus \
      "pikepdf-$PIKEPDF/tests/resources/sandwich.pdf" \
      "pikepdf-$PIKEPDF/tests/resources/form_dd0293.pdf" \
      "pikepdf-$PIKEPDF/REUSE.toml" \
      && rm -f .corpus/pikepdf-$PIKEPDF.tar.gz
  else
    echo "warning: could not download pikepdf's sdist; its corpus tests will skip" >&2
  fi
fi
PDFMINER=20191110  # the last sdist that ships samples/
if [ ! -f .corpus/pdfminer.six-$PDFMINER/samples/nonfree/naacl06-shinyama.pdf ]; then
  mkdir -p .corpus
  if "$PY" -m pip download --quiet --no-deps --no-binary :all: "pdfminer.six==$PDFMINER" -d .corpus >/dev/null 2>&1; then
    tar -xzf .corpus/pdfminer.six-$PDFMINER.tar.gz -C .corpus \
      "pdfminer.six-$PDFMINER/samples/nonfree/i1040nr.pdf" \
      "pdfminer.six-$PDFMINER/samples/nonfree/dmca.pdf" \
      "pdfminer.six-$PDFMINER/samples/nonfree/naacl06-shinyama.pdf" \
      "pdfminer.six-$PDFMINER/samples/README" \
      && rm -f .corpus/pdfminer.six-$PDFMINER.tar.gz
  else
    echo "warning: could not download pdfminer.six's sdist; its corpus tests will skip" >&2
  fi
fi
# Reuters-21578 wire stories (1987) for the quotation benchmark's third held-out set
# (benchmarks/data/quotes/reuters-*.yaml): Debian's r-cran-tm ships 70 of them as XML. Only the
# package file is fetched and unpacked (no R installed); Reuters' terms allow free distribution
# for research. The quotation tests and the benchmark skip them when absent.
if [ ! -d .corpus/r-cran-tm/texts/crude ] && command -v apt-get >/dev/null; then
  tmp=$(mktemp -d)
  if (cd "$tmp" && { apt-get download r-cran-tm >/dev/null 2>&1 \
      || { SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo -n"; $SUDO apt-get update -qq >/dev/null 2>&1 \
           && apt-get download r-cran-tm >/dev/null 2>&1; }; }) \
     && dpkg-deb -x "$tmp"/r-cran-tm_*.deb "$tmp/x"; then
    mkdir -p .corpus/r-cran-tm/texts
    cp -r "$tmp/x/usr/lib/R/site-library/tm/texts/crude" "$tmp/x/usr/lib/R/site-library/tm/texts/acq" \
      .corpus/r-cran-tm/texts/
    cp "$tmp/x/usr/share/doc/r-cran-tm/copyright" .corpus/r-cran-tm/ 2>/dev/null || true
  else
    echo "warning: could not fetch r-cran-tm; the Reuters quotation labels will skip" >&2
  fi
  rm -rf "$tmp"
fi

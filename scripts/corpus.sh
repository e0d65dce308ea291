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
if [ ! -f .corpus/r-cran-tm/texts/reuters-21578/reut-00010.xml ] && command -v apt-get >/dev/null; then
  tmp=$(mktemp -d)
  if (cd "$tmp" && { apt-get download r-cran-tm >/dev/null 2>&1 \
      || { SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo -n"; $SUDO apt-get update -qq >/dev/null 2>&1 \
           && apt-get download r-cran-tm >/dev/null 2>&1; }; }) \
     && dpkg-deb -x "$tmp"/r-cran-tm_*.deb "$tmp/x"; then
    mkdir -p .corpus/r-cran-tm/texts
    cp -r "$tmp/x/usr/lib/R/site-library/tm/texts/crude" "$tmp/x/usr/lib/R/site-library/tm/texts/acq" \
      .corpus/r-cran-tm/texts/
    cp "$tmp/x/usr/share/doc/r-cran-tm/copyright" .corpus/r-cran-tm/ 2>/dev/null || true
    "$PY" scripts/corpus_texts.py reuters "$tmp/x/usr/lib/R/site-library/tm/texts/reuters-21578.xml" \
      .corpus/r-cran-tm/texts/reuters-21578
  else
    echo "warning: could not fetch r-cran-tm; the Reuters quotation labels will skip" >&2
  fi
  rm -rf "$tmp"
fi
# Public-domain texts for the quotation benchmark's fourth set (benchmarks/data/quotes/austen-*
# moby-*, sotu-*): Jane Austen's six novels as Debian's r-cran-janeaustenr ships them (R data, read
# without R), Moby-Dick's chapters 1-3 from r-cran-tokenizers' tests, one text file a chapter,
# and the 2010 and 2011 State of the Union addresses from r-cran-wordcloud, in .corpus/texts/. Each package file is pinned by version and checked against its SHA-256.
fetch_deb() {  # fetch_deb NAME VERSION SHA256 DIR: the package unpacked into DIR
  local tmp; tmp=$(mktemp -d)
  if (cd "$tmp" && { apt-get download "$1=$2" >/dev/null 2>&1 \
      || { SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo -n"; $SUDO apt-get update -qq >/dev/null 2>&1 \
           && apt-get download "$1=$2" >/dev/null 2>&1; }; }) \
     && echo "$3  $(ls "$tmp"/"$1"_*.deb)" | sha256sum -c --quiet - >/dev/null 2>&1 \
     && dpkg-deb -x "$tmp"/"$1"_*.deb "$4"; then
    rm -rf "$tmp"
  else
    rm -rf "$tmp"; echo "warning: could not fetch $1 $2 (or its checksum differs); its quotation labels will skip" >&2
    return 1
  fi
}
if [ ! -f .corpus/texts/janeaustenr/prideprejudice/chapter-61.txt ] && command -v apt-get >/dev/null; then
  x=$(mktemp -d)
  fetch_deb r-cran-janeaustenr 1.0.0-1 df6bddf211906d1ff404f8ff662c21b34e6660e7f54a311084e749050c019c95 "$x" \
    && "$PY" scripts/corpus_texts.py austen "$x/usr/lib/R/site-library/janeaustenr/data" .corpus/texts/janeaustenr \
    && cp "$x/usr/share/doc/r-cran-janeaustenr/copyright" .corpus/texts/janeaustenr/
  rm -rf "$x"
fi
if [ ! -f .corpus/texts/moby/chapter-03.txt ] && command -v apt-get >/dev/null; then
  x=$(mktemp -d)
  fetch_deb r-cran-tokenizers 0.3.0-1 6312f013ebfde5650235bfd7ba5c44d9e4cf9f2da9855337c9483fe778f0d8c7 "$x" \
    && "$PY" scripts/corpus_texts.py moby "$x/usr/share/doc/r-cran-tokenizers/tests/testthat" .corpus/texts/moby \
    && cp "$x/usr/share/doc/r-cran-tokenizers/copyright" .corpus/texts/moby/
  rm -rf "$x"
fi
if [ ! -f .corpus/texts/sotu/2011.txt ] && command -v apt-get >/dev/null; then
  x=$(mktemp -d)
  fetch_deb r-cran-wordcloud 2.6-2 2c2f537e6aa2b862f3647bb8198b079c661c5162f1ff0968d469ff7ee2ae9539 "$x" \
    && "$PY" scripts/corpus_texts.py sotu "$x/usr/lib/R/site-library/wordcloud/data/SOTU.RData" .corpus/texts/sotu \
    && cp "$x/usr/share/doc/r-cran-wordcloud/copyright" .corpus/texts/sotu/
  rm -rf "$x"
fi
# The GUM corpus's Wikinews news and interviews (CC BY 2.5), Wikipedia biographies (CC BY-SA 3.0)
# and court opinions (CC BY 4.0) for the quotation benchmark's fifth set (benchmarks/data/quotes/
# gum-*.yaml), one text file a document in .corpus/texts/gum/. PyPI and Debian do not ship GUM:
# it is read from a local clone of github.com/amir-zeldes/gum at the pinned commit ($GUM_REPO, or
# the git directory the search tools' fetch leaves in /work/.mirror); without one its labels skip.
GUM_COMMIT=72ce5ac14978a324c2fd18d49484e65292cbe316
GUM_REPO=${GUM_REPO:-/work/.mirror/amir-zeldes+gum/repo}
if [ ! -f .corpus/texts/gum/GUM_news_warhol.txt ]; then
  if git -C "$GUM_REPO" cat-file -e "$GUM_COMMIT^{commit}" 2>/dev/null; then
    x=$(mktemp -d)
    git -C "$GUM_REPO" archive "$GUM_COMMIT" dep LICENSE.txt 2>/dev/null | tar -x -C "$x" 2>/dev/null
    "$PY" scripts/corpus_texts.py gum "$x/dep" .corpus/texts/gum && cp "$x/LICENSE.txt" .corpus/texts/gum/
    rm -rf "$x"
  else
    echo "note: no clone of the GUM corpus at $GUM_REPO; its quotation labels will skip" >&2
  fi
fi
# Three U.S. court opinions for the PDF golden tests (tests/library/corpus.py): the Supreme
# Court's slip opinion in Tarrant Regional Water Dist. v. Herrmann (2013), a Fifth Circuit
# opinion with the CM/ECF stamp on every page, and a Missouri Court of Appeals opinion. They are
# test assets of Free Law Project's doctor (BSD-2-Clause; the opinions, as government edicts,
# are in the public domain), which PyPI and Debian do not ship: they are read from a local clone
# of github.com/freelawproject/doctor at the pinned commit ($DOCTOR_REPO, or the git directory the
# search tools' fetch leaves in /work/.mirror) into .corpus/doctor/; without one their tests skip.
DOCTOR_COMMIT=a66445041477ae18eb5d3c6792f477fc06d610d7
DOCTOR_REPO=${DOCTOR_REPO:-/work/.mirror/freelawproject+doctor/repo}
if [ ! -f .corpus/doctor/LICENSE ]; then
  if git -C "$DOCTOR_REPO" cat-file -e "$DOCTOR_COMMIT^{commit}" 2>/dev/null; then
    mkdir -p .corpus/doctor
    for f in vector-pdf.pdf recap_documents/ca5_00516242060.pdf missouri.pdf; do
      git -C "$DOCTOR_REPO" show "$DOCTOR_COMMIT:doctor/test_assets/$f" > ".corpus/doctor/${f##*/}" \
        || { rm -f ".corpus/doctor/${f##*/}"; echo "warning: $f is not in doctor at $DOCTOR_COMMIT" >&2; }
    done
    git -C "$DOCTOR_REPO" show "$DOCTOR_COMMIT:LICENSE" > .corpus/doctor/LICENSE
  else
    echo "note: no clone of freelawproject/doctor at $DOCTOR_REPO; the court opinions' tests will skip" >&2
  fi
fi
# The sixth quotation set (benchmarks/data/quotes/wikinews-*, sdda-*, mdsao-*.yaml), one text file
# a document in .corpus/texts/<source>/ by scripts/corpus_texts.py; nothing of it is committed:
# - wikinews: English Wikinews articles of November 2004 to January 2005 (public domain: Wikinews
#   published without copyright until September 2005) as the WikinewsSum dataset keeps their
#   wikitext (github.com/airKlizz/WikinewsSum, endataset.json at the pinned commit; MIT code);
# - sdda, mdsao: press releases of the San Diego County District Attorney and the Miami-Dade State
#   Attorney (public records of a California and a Florida agency, which hold no copyright in them
#   without a statute) as github.com/natmrubin/prosecutor-press-releases scraped them.
# Both are read from local clones ($WIKINEWSSUM_REPO, $PROSECUTOR_REPO, or the git directories the
# search tools' fetch leaves in /work/.mirror); without one, its labels skip.
WIKINEWSSUM_COMMIT=1d985031625909c908766812e8a18d0c88116ec8
WIKINEWSSUM_REPO=${WIKINEWSSUM_REPO:-/work/.mirror/airKlizz+WikinewsSum/repo}
if [ ! -f .corpus/texts/wikinews/world-s-most-spammed-man.txt ]; then
  if git -C "$WIKINEWSSUM_REPO" cat-file -e "$WIKINEWSSUM_COMMIT:endataset.json" 2>/dev/null; then
    x=$(mktemp -d)
    git -C "$WIKINEWSSUM_REPO" show "$WIKINEWSSUM_COMMIT:endataset.json" > "$x/endataset.json" \
      && "$PY" scripts/corpus_texts.py wikinews "$x/endataset.json" .corpus/texts/wikinews
    rm -rf "$x"
  else
    echo "note: no clone of WikinewsSum at $WIKINEWSSUM_REPO; the wikinews-* labels will skip" >&2
  fi
fi
PROSECUTOR_COMMIT=492f02ee2ac1bc5d33f45a239253e18e2443a379
PROSECUTOR_REPO=${PROSECUTOR_REPO:-/work/.mirror/natmrubin+prosecutor-press-releases/repo}
if [ ! -f .corpus/texts/sdda/meet-cpp-cheryl-sueing-jones.txt ]; then
  if git -C "$PROSECUTOR_REPO" cat-file -e "$PROSECUTOR_COMMIT^{commit}" 2>/dev/null; then
    x=$(mktemp -d)
    git -C "$PROSECUTOR_REPO" archive "$PROSECUTOR_COMMIT" text/san_diego_ca text/miami_dade_fl \
      | tar -x -C "$x" \
      && "$PY" scripts/corpus_texts.py release "$x/text/san_diego_ca" .corpus/texts/sdda \
      && "$PY" scripts/corpus_texts.py release "$x/text/miami_dade_fl" .corpus/texts/mdsao
    rm -rf "$x"
  else
    echo "note: no clone of prosecutor-press-releases at $PROSECUTOR_REPO; the sdda-* and mdsao-* labels will skip" >&2
  fi
fi
# The seventh quotation set (benchmarks/data/quotes/wn2020-*, ocda-*.yaml), the same way:
# - wn2020: English Wikinews articles of 2019 and 2020 (CC BY 2.5) as
#   github.com/vanatteveldt/wikinews scraped them (data/wikinews_2019.csv and _2020.csv);
# - ocda: press releases of the Orange County District Attorney (public records of a California
#   agency, as sdda) from the prosecutor-press-releases clone above.
WIKINEWS_CSV_COMMIT=347254178bf343f3801aac1d03c41cc09c35decb
WIKINEWS_CSV_REPO=${WIKINEWS_CSV_REPO:-/work/.mirror/vanatteveldt+wikinews/repo}
if [ ! -f .corpus/texts/wn2020/actor-doris-day-dies-at-97.txt ]; then
  if git -C "$WIKINEWS_CSV_REPO" cat-file -e "$WIKINEWS_CSV_COMMIT^{commit}" 2>/dev/null; then
    x=$(mktemp -d)
    git -C "$WIKINEWS_CSV_REPO" archive "$WIKINEWS_CSV_COMMIT" data | tar -x -C "$x" \
      && "$PY" scripts/corpus_texts.py wikinews-csv "$x/data" .corpus/texts/wn2020
    rm -rf "$x"
  else
    echo "note: no clone of vanatteveldt/wikinews at $WIKINEWS_CSV_REPO; the wn2020-* labels will skip" >&2
  fi
fi
prosecutor_texts() {  # prosecutor_texts FOLDER KIND SOURCE PROBE: text/FOLDER → .corpus/texts/SOURCE
  [ -f ".corpus/texts/$3/$4" ] && return
  if git -C "$PROSECUTOR_REPO" cat-file -e "$PROSECUTOR_COMMIT^{commit}" 2>/dev/null; then
    local x; x=$(mktemp -d)
    git -C "$PROSECUTOR_REPO" archive "$PROSECUTOR_COMMIT" "text/$1" | tar -x -C "$x" \
      && "$PY" scripts/corpus_texts.py "$2" "$x/text/$1" ".corpus/texts/$3"
    rm -rf "$x"
  else
    echo "note: no clone of prosecutor-press-releases at $PROSECUTOR_REPO; the $3-* labels will skip" >&2
  fi
}
prosecutor_texts orange_ca ocda ocda media-advisory-curtis-canady-case.txt
# The eighth quotation set (benchmarks/data/quotes/gv-*, rcda-*.yaml), the same way:
# - gv: Global Voices posts (CC BY 3.0: globalvoices.org/about/global-voices-attribution-policy/)
#   from the WordPress exports of github.com/OpenGenderTracking/globalvoices, the two its clone
#   holds: October-December 2004 (at its last commit) and May 2012 (at the commit that added it;
#   the later version is not in the clone). The repository's README says its data were taken out
#   of its gender analysis in 2018 at some participants' request: only the posts' published text
#   is read here, nothing about their authors beyond the credit CC BY asks for;
# - rcda: press releases of the Riverside County District Attorney (public records of a
#   California agency, as sdda) from the prosecutor-press-releases clone above (the Los Angeles
#   folder holds five releases and 45 bot-check pages, so Riverside's is used).
# scripts/quote_set8.py prints the set's documents and halves from these texts.
GV_REPO=${GV_REPO:-/work/.mirror/OpenGenderTracking+globalvoices/repo}
GV_2004=8d0e8f8e3b6a2c633ab6dffb45f60ab42e4a4c96:"data/full/globalvoicesonline.wordpress.2004 - 123.xml"
GV_2012=0fbf3dca148899c278e53ae727314727126791e0:data/full/globalvoicesonline.wordpress.2012-may.xml
if [ ! -f .corpus/texts/gv/2012-05-22-yemen-suicide-blast-on-eve-of-unification-anniversary.txt ]; then
  if git -C "$GV_REPO" cat-file -e "$GV_2004" 2>/dev/null && git -C "$GV_REPO" cat-file -e "$GV_2012" 2>/dev/null; then
    x=$(mktemp -d)
    git -C "$GV_REPO" show "$GV_2004" > "$x/2004.xml" && git -C "$GV_REPO" show "$GV_2012" > "$x/2012-may.xml" \
      && "$PY" scripts/corpus_texts.py wordpress "$x" .corpus/texts/gv
    rm -rf "$x"
  else
    echo "note: no clone of OpenGenderTracking/globalvoices at $GV_REPO; the gv-* labels will skip" >&2
  fi
fi
prosecutor_texts riverside_ca rivcoda rcda bph-rescinds-early-parole.txt
# The ninth quotation set (benchmarks/data/quotes/kings-*, dallas-*, harris-*.yaml), the same way:
# press releases of the Brooklyn (Kings County, New York), Dallas County and Harris County (Texas)
# District Attorneys (public records of county prosecutors) from the prosecutor-press-releases
# clone above. scripts/quote_set9.py prints the set's documents and halves from these texts.
prosecutor_texts kings_ny kings kings 2014-11-13-32-defendants-including-reputed-members-of-gates-avenue-mafia-charged-with.txt
prosecutor_texts dallas_tx dallas dallas 2018-pr-charlesphifertrial-101518.txt
prosecutor_texts harris_tx harris harris 2023-02-17-houston-man-sentenced-to-60-years-for-killing-girlfriend-and-her-mother.txt
# The tenth quotation set (benchmarks/data/quotes/hhs-*, cook-*.yaml), the same way:
# - hhs: press releases of the U.S. Department of Health and Human Services of 2018 and 2019 (works
#   of the federal government, public domain) as github.com/pballent/Web-Scraping-HHS-Press-Releases
#   scraped them into two CSV files (its scraper dropped every comma of the text; the repository
#   states no licence for its code, none of which is used);
# - cook: press releases of the Cook County (Illinois) State's Attorney from the
#   prosecutor-press-releases clone above.
# scripts/quote_set10.py prints the set's documents and halves from these texts.
HHS_COMMIT=df847e1436606ba196e49f0fb7e7aa54dc418d11
HHS_REPO=${HHS_REPO:-/work/.mirror/pballent+Web-Scraping-HHS-Press-Releases/repo}
if [ ! -f .corpus/texts/hhs/2019-05-08-hhs-finalizes-rule-requiring-manufacturers-disclose-drug-prices-in-tv-ads.txt ]; then
  if git -C "$HHS_REPO" cat-file -e "$HHS_COMMIT^{commit}" 2>/dev/null; then
    x=$(mktemp -d)
    git -C "$HHS_REPO" archive "$HHS_COMMIT" "2018 HHS Press Releases.csv" 2019_HHS_Press_Releases.csv \
      | tar -x -C "$x" \
      && "$PY" scripts/corpus_texts.py hhs "$x" .corpus/texts/hhs
    rm -rf "$x"
  else
    echo "note: no clone of pballent/Web-Scraping-HHS-Press-Releases at $HHS_REPO; the hhs-* labels will skip" >&2
  fi
fi
prosecutor_texts cook_il cook cook crosetti-brand-convicted-stabbing-pregnant-woman-and-killing-her-son.txt
# The eleventh quotation set (benchmarks/data/quotes/senate-*, house-*.yaml), the same way: press
# releases of members of the U.S. Congress of 2024 (works of the federal government, public
# domain) as github.com/Hussain-Altamimi/Congress_Press_Releases scraped them, one file a member
# (the repository states no licence; only its data, the offices' text, is read, none of its
# code): the senators' (Hawley, Lee, Sanders) into .corpus/texts/senate/, the representatives'
# (Ocasio-Cortez, Greene, Pocan, Stefanik) into .corpus/texts/house/.
# scripts/quote_set11.py prints the set's documents and halves from these texts.
CONGRESS_COMMIT=955f2a386fef7ee90d97fe33fde0ca5d6f4a7b34
CONGRESS_REPO=${CONGRESS_REPO:-/work/.mirror/Hussain-Altamimi+Congress_Press_Releases/repo}
congress_texts() {  # congress_texts SOURCE MEMBER...: output/MEMBER.txt → .corpus/texts/SOURCE
  local source=$1; shift
  [ -f ".corpus/texts/$source/index.tsv" ] && return
  if git -C "$CONGRESS_REPO" cat-file -e "$CONGRESS_COMMIT^{commit}" 2>/dev/null; then
    local x m ok=yes; x=$(mktemp -d)
    for m in "$@"; do  # a member's file that cannot be read stops the conversion (no index)
      git -C "$CONGRESS_REPO" show "$CONGRESS_COMMIT:output/$m.txt" > "$x/$m.txt" || ok=
    done
    [ "$ok" ] && "$PY" scripts/corpus_texts.py congress "$x" ".corpus/texts/$source"
    rm -rf "$x"
  else
    echo "note: no clone of Hussain-Altamimi/Congress_Press_Releases at $CONGRESS_REPO; the $source-* labels will skip" >&2
  fi
}
congress_texts senate hawley lee sanders
congress_texts house aoc mtg pocan stefanik
# The twelfth quotation set (benchmarks/data/quotes/dgov-*, f18-*.yaml), the same way: posts of
# two U.S. federal websites that keep them as Markdown in their own public repositories (works of
# the federal government, public domain; each repository also dedicates it worldwide with CC0):
# digital.gov's news (github.com/GSA/digitalgov.gov, content/news) into .corpus/texts/dgov/ and
# the 18F blog (github.com/18F/18f.gsa.gov, content/posts) into .corpus/texts/f18/, one text file
# a post and an index.tsv. scripts/quote_set12.py prints the set's documents and halves.
markdown_texts() {  # markdown_texts SOURCE REPO COMMIT FOLDER: FOLDER's posts → .corpus/texts/SOURCE
  [ -f ".corpus/texts/$1/index.tsv" ] && return
  if git -C "$2" cat-file -e "$3^{commit}" 2>/dev/null; then
    local x; x=$(mktemp -d)
    # git archive names the clone's absent large files (images) on stderr; the posts are whole.
    git -C "$2" archive "$3" "$4" 2>/dev/null | tar -x -C "$x" \
      && "$PY" scripts/corpus_texts.py markdown "$x/$4" ".corpus/texts/$1"
    rm -rf "$x"
  else
    echo "note: no clone of $2 at commit $3; the $1-* labels will skip" >&2
  fi
}
markdown_texts dgov "${DIGITALGOV_REPO:-/work/.mirror/GSA+digitalgov.gov/repo}" \
  4979583206d90ff1707b097454a9b169ca9e95e4 content/news
markdown_texts f18 "${EIGHTEENF_REPO:-/work/.mirror/18F+18f.gsa.gov/repo}" \
  0a55c75e6d9bc71c80136a3867dac52356177443 content/posts

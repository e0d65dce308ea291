"""The real PDFs and EPUBs the golden tests and the PDF benchmark read: files nobody here wrote.

None is committed. `scripts/corpus.sh` (run by `.ci/run` and `make bench`) installs the Debian
packages and unpacks test files of pypdf's, pikepdf's and pdfminer.six's sdists into
`.corpus/`, and copies three court opinions from a local clone of Free Law Project's doctor
(test assets at a pinned commit); a test whose file is missing skips, naming where it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PYPDF = REPO / ".corpus" / "pypdf-7.1.1" / "resources"
PIKEPDF = REPO / ".corpus" / "pikepdf-10.18.0" / "tests" / "resources"
PDFMINER = REPO / ".corpus" / "pdfminer.six-20191110" / "samples" / "nonfree"
DOCTOR = REPO / ".corpus" / "doctor"
# Free Law Project's doctor at this commit: its test assets, read from a local clone.
_DOCTOR = (
    "github.com/freelawproject/doctor at a66445041477ae18eb5d3c6792f477fc06d610d7, "
    "from a local clone at $DOCTOR_REPO"
)
_COURT = "BSD-2-Clause (doctor); the opinion, a government edict, is in the public domain"


@dataclass(frozen=True)
class Source:
    """One real file: where it is, and the SOURCE note (package, version, licence, what it is)."""

    path: Path
    package: str
    licence: str
    what: str

    def require(self) -> Path:
        """The file's path, or a skip naming how to get it."""
        if not self.path.is_file():
            pytest.skip(f"{self.path} missing: run scripts/corpus.sh (installs {self.package})")
        return self.path


CORPUS = {
    "report": Source(
        Path("/usr/share/doc/libtasn1-doc/libtasn1.pdf"),
        "Debian libtasn1-doc 4.19.0-2+deb12u1",
        "GFDL-1.3+",
        "a GNU manual (Texinfo): title pages labelled T-1, T-2, roman contents page i, then 1–33",
    ),
    "spec": Source(
        Path("/usr/share/doc/shared-mime-info/shared-mime-info-spec.pdf"),
        "Debian shared-mime-info 2.2-1",
        "GPL-2+",
        "a freedesktop.org specification (DocBook, pdfTeX), 17 pages with a running header",
    ),
    "ocr": Source(
        PYPDF / "Seige_of_Vicksburg_Sample_OCR.pdf",
        "PyPI pypdf 7.1.1 sdist, resources/",
        "BSD-3-Clause (pypdf); the book (1863) is in the public domain",
        "scanned pages of a Civil War diary with an OCR text layer: word boxes on jittered lines",
    ),
    "scanned": Source(
        PYPDF / "imagemagick-images.pdf",
        "PyPI pypdf 7.1.1 sdist, resources/",
        "BSD-3-Clause",
        "images only, no text layer",
    ),
    "encrypted": Source(
        PYPDF / "encryption" / "r4-aes-user-password.pdf",
        "PyPI pypdf 7.1.1 sdist, resources/encryption/",
        "BSD-3-Clause",
        "AES-encrypted, needs the user password",
    ),
    "empty-password": Source(
        PYPDF / "encryption" / "r6-empty-password.pdf",
        "PyPI pypdf 7.1.1 sdist, resources/encryption/",
        "BSD-3-Clause",
        "encrypted with an empty user password: opens without asking",
    ),
    "two-column": Source(
        PIKEPDF / "sandwich.pdf",
        "PyPI pikepdf 10.18.0 sdist, tests/resources/ (its REUSE.toml names the licence)",
        "GFDL-1.2-or-later or CC-BY-SA-3.0; © 1985 Forat Electronics, from Wikimedia Commons",
        "a 1985 brochure page for the LinnSequencer, OCR'd by ocrmypdf (sandwich renderer): a "
        "list across the page, then two columns of text, then another list",
    ),
    "government": Source(
        PIKEPDF / "form_dd0293.pdf",
        "PyPI pikepdf 10.18.0 sdist, tests/resources/ (its REUSE.toml names the licence)",
        "CC-PDDC (a work of the US government, in the public domain)",
        "DD Form 293, the US Department of Defense's application for the review of a "
        "discharge: 4 pages, tagged, the catalog stating /Lang (en)",
    ),
    "three-column": Source(
        PDFMINER / "i1040nr.pdf",
        "PyPI pdfminer.six 20191110 sdist, samples/nonfree/ (its README names the source)",
        "public domain: a work of the US government (Internal Revenue Service, 17 U.S.C. 105)",
        "the IRS's 2007 Instructions for Form 1040NR: 50 pages of three columns, set at size 1 "
        "and scaled by the text matrix, lines of two columns drawn as one run of text",
    ),
    "legal": Source(
        PDFMINER / "dmca.pdf",
        "PyPI pdfminer.six 20191110 sdist, samples/nonfree/ (its README names the source)",
        "public domain: a work of the US government (US Copyright Office, 17 U.S.C. 105)",
        "the Copyright Office's summary of the Digital Millennium Copyright Act (December "
        "1998), 18 pages with footnotes; lines start with kerned letters drawn as runs of "
        "their own",
    ),
    "paper": Source(
        PDFMINER / "naacl06-shinyama.pdf",
        "PyPI pdfminer.six 20191110 sdist, samples/nonfree/ (its README names the source)",
        "no stated licence: shipped by its first author, pdfminer's author, whose README says "
        "the samples 'can be distributed freely'; not openly licensed, read here only",
        "Shinyama and Sekine, 'Preemptive Information Extraction using Unrestricted Relation "
        "Discovery' (NAACL 2006): an 8-page two-column paper set in LaTeX",
    ),
    "epub2": Source(
        Path("/usr/share/doc/live-manual/epub/live-manual.en.epub"),
        "Debian live-manual-epub 2:20151217.2",
        "GPL-3+",
        "EPUB 2 (OPF 2.0, NCX), the Debian Live Systems Manual",
    ),
    "epub3": Source(
        Path("/usr/share/doc/ubuntu-packaging-guide-epub/ubuntu-packaging-guide.epub"),
        "Debian ubuntu-packaging-guide-epub 1.0.4",
        "CC-BY-SA-3.0",
        "EPUB 3 (nav document) built by Sphinx, with navigation bars in every chapter",
    ),
    "supreme-court": Source(
        DOCTOR / "vector-pdf.pdf",
        _DOCTOR + " (doctor/test_assets/vector-pdf.pdf)",
        _COURT,
        "the U.S. Supreme Court's slip opinion in Tarrant Regional Water Dist. v. Herrmann, No. "
        "11-889 (June 13, 2013): a 4-page syllabus and a 24-page opinion, each numbered from 1, "
        "with running heads ('Cite as: 569 U. S. ____ (2013)', the case name, 'Syllabus' or "
        "'Opinion of the Court'), footnotes under a rule, and two maps as appendices",
    ),
    "circuit": Source(
        DOCTOR / "ca5_00516242060.pdf",
        _DOCTOR + " (doctor/test_assets/recap_documents/ca5_00516242060.pdf)",
        _COURT,
        "an unpublished Fifth Circuit opinion, St. Pierre v. Standard Insurance Co., No. "
        "21-50498 (March 16, 2022), as PACER serves it: 10 pages, each under the CM/ECF stamp "
        "'Case: 21-50498 Document: … Page: N Date Filed: 03/16/2022'",
    ),
    "state-court": Source(
        DOCTOR / "missouri.pdf",
        _DOCTOR + " (doctor/test_assets/missouri.pdf)",
        _COURT,
        "a Missouri Court of Appeals opinion, Jagels v. State, No. ED108783 (January 19, "
        "2021): 5 double-spaced pages from Word, a caption parted by a column of ')' marks",
    ),
}

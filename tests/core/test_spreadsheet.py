"""core.spreadsheet: what a spreadsheet would run as a formula is written as text."""

import csv
import io
from decimal import Decimal

from core.spreadsheet import spreadsheet_cell, spreadsheet_csv


def test_text_starting_a_formula_is_kept_as_text_and_numbers_stay_numbers():
    assert spreadsheet_cell("=1+1") == "'=1+1"
    assert spreadsheet_cell("+15145550199") == "'+15145550199"
    assert spreadsheet_cell("-x") == "'-x" and spreadsheet_cell("@cmd") == "'@cmd"
    assert spreadsheet_cell("\t=1") == "'\t=1"
    assert spreadsheet_cell(-12.5) == "-12.5" and spreadsheet_cell(-3) == "-3"
    assert spreadsheet_cell(Decimal("-12.50")) == "-12.50"  # a refund stays an amount
    assert spreadsheet_cell(None) == "" and spreadsheet_cell("Léa") == "Léa"


def test_a_download_starts_with_the_byte_order_mark_and_reads_back():
    text = spreadsheet_csv([["Nom", "Solde"], ["=Léa", -4]])
    assert text.startswith("\ufeffNom,Solde")
    assert list(csv.reader(io.StringIO(text[1:]))) == [["Nom", "Solde"], ["'=Léa", "-4"]]

"""The summary table as a spreadsheet (buyers often ask for one), via openpyxl."""

from __future__ import annotations

import io
from typing import Any

HEADERS = (
    "N°",
    "Intitulé de la mission",
    "Maître d'ouvrage",
    "Public / privé",
    "Localisation",
    "Années",
    "Montant HT (€)",
    "Type de mission",
    "Composantes",
)


def summary_workbook(context: dict[str, Any]) -> bytes:
    """An .xlsx with one row per selected reference (same masked data as the Word file)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = "Synthèse"
    sheet.append([context["tender"]["title"]])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(
        [f"Acheteur : {context['tender']['buyer']} — candidat : {context['firm']['name']}"]
    )
    sheet.append([])
    sheet.append(list(HEADERS))
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F3A5F")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for ref in context["references"]:
        sheet.append(
            [
                ref["number"],
                ref["title"],
                ref["client"],
                ref["client_type"],
                ref["location"],
                ref["years"],
                ref["fee_eur"] if ref["fee_eur"] is not None else ref["fee"],
                ref["mission_type"],
                ref["components_text"],
            ]
        )
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(sheet.max_row, 7).number_format = '#,##0 "€"'
    summary = context["summary"]
    sheet.append(
        [
            "Total",
            f"{summary['count']} références",
            "",
            "",
            "",
            summary["years"],
            summary["total_fee"],
        ]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGHI", (5, 50, 30, 12, 20, 14, 16, 28, 50), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

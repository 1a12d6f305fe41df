"""What LibreOffice Calc sees in a ledger, as JSON: the places clerk_edit.py edits, and the data.

    /usr/bin/python3 tests/office/inspect.py LEDGER.xlsx

Prints, for 项目台账: the fill of row 2's cells, the font of the red bold cell, the number format
of the date cell, the width and visibility of the narrowed and hidden columns, the hidden rows,
the autofilter's range and criteria, the comments, the validation of the 重点项目 cells, the
merged ranges, the clerk's column, 备注 and 重点项目 by project; the data rows of 项目台账 and
进度记录; the sheet names; 统计's cells (type, formula) with their saved and recomputed values; the
defined names. Places are found as clerk_edit.py finds them (unocalc's plan, by header name).
"""

import importlib.util
import json
import os
import sys

# This file's name shadows the standard library's `inspect`: keep this folder off the path.
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != HERE]
_spec = importlib.util.spec_from_file_location("unocalc", os.path.join(HERE, "unocalc.py"))
u = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(u)


def number_format(doc, cell):
    f = doc.getNumberFormats().getByKey(cell.NumberFormat)
    return f.FormatString


def fill(cell):
    return None if cell.IsCellBackgroundTransparent else cell.CellBackColor


def ledger(doc, sheet):
    cols, names = u.headers(sheet)
    rows = u.data_rows(sheet)
    ident = lambda r0: sheet.getCellByPosition(0, r0).getString()  # noqa: E731
    out = {"headers": names, "data_rows": len(rows), "ids": [ident(r) for r in rows]}

    r0 = u.FILL_ROW - 1
    out["fill"] = {
        "row": u.FILL_ROW,
        "id": ident(r0),
        "cells": {u.address(c, r0): fill(sheet.getCellByPosition(c, r0)) for c in range(len(names))},
    }

    if u.FONT_HEADER in cols:
        c, r0 = cols[u.FONT_HEADER], u.FONT_ROW - 1
        cell = sheet.getCellByPosition(c, r0)
        out["font"] = {
            "cell": u.address(c, r0),
            "id": ident(r0),
            "color": cell.CharColor,
            "bold": max(cell.CharWeight, cell.CharWeightAsian) >= 150.0,
        }

    if u.NUMFMT_HEADER in cols:
        c, r0 = cols[u.NUMFMT_HEADER], u.NUMFMT_ROW - 1
        cell = sheet.getCellByPosition(c, r0)
        out["number_format"] = {
            "cell": u.address(c, r0),
            "id": ident(r0),
            "format": number_format(doc, cell),
            "value": cell.getValue(),
            "text": cell.getString(),
        }

    columns = sheet.getColumns()
    out["columns"] = {
        h: {
            "column": u.col_letter(cols[h]),
            "width": columns.getByIndex(cols[h]).Width,
            "hidden": not columns.getByIndex(cols[h]).IsVisible,
        }
        for h in (u.WIDTH_HEADER, u.HIDDEN_HEADER)
        if h in cols
    }

    sheet_rows = sheet.getRows()
    out["hidden_rows"] = [
        {"row": r + 1, "id": ident(r)} for r in rows if not sheet_rows.getByIndex(r).IsVisible
    ]

    unnamed = doc.getPropertyValue("UnnamedDatabaseRanges")
    index = [doc.getSheets().getByIndex(i).Name for i in range(doc.getSheets().getCount())].index(
        sheet.Name
    )
    if unnamed.hasByTable(index):
        db = unnamed.getByTable(index)
        area = db.getDataArea()
        fields = db.getFilterDescriptor().getFilterFields()
        out["autofilter"] = {
            "range": u.range_name(area),
            "on": bool(db.AutoFilter),
            "criteria": [
                {
                    "header": sheet.getCellByPosition(area.StartColumn + f.Field, area.StartRow).getString(),
                    "operator": f.Operator.value,
                    "value": f.NumericValue if f.IsNumeric else f.StringValue,
                }
                for f in fields
            ],
        }
    else:
        out["autofilter"] = None

    notes = sheet.getAnnotations()
    out["comments"] = []
    for i in range(notes.getCount()):
        n = notes.getByIndex(i)
        p = n.getPosition()
        out["comments"].append(
            {"cell": u.address(p.Column, p.Row), "id": ident(p.Row), "text": n.getString()}
        )

    if u.VALIDATION_HEADER in cols:
        c = cols[u.VALIDATION_HEADER]
        kinds = {}
        for r in rows:
            v = sheet.getCellByPosition(c, r).Validation
            key = json.dumps([v.Type.value, v.getFormula1()], ensure_ascii=False)
            kinds.setdefault(key, []).append(r + 1)
        out["validation"] = [
            {"type": json.loads(k)[0], "formula1": json.loads(k)[1], "rows": rs} for k, rs in kinds.items()
        ]

    # Merged ranges in the table: its header row and data rows, all its columns (clerk_edit
    # merges two cells in its own column).
    last_row = max(rows, default=0)
    merged = []
    for r in range(last_row + 1):
        for c in range(len(names)):
            cell = sheet.getCellByPosition(c, r)
            if cell.getIsMerged():
                m = sheet.createCursorByRange(cell)
                m.collapseToMergedArea()
                merged.append(u.range_name(m.getRangeAddress()))
    out["merged"] = merged

    clerk = cols.get(u.CLERK_HEADER)
    out["clerk_column"] = None
    if clerk is not None:
        out["clerk_column"] = {
            "column": u.col_letter(clerk),
            "values": {
                u.address(clerk, r): sheet.getCellByPosition(clerk, r).getString()
                for r in range(1, last_row + 1)
                if sheet.getCellByPosition(clerk, r).getString()
            },
        }
    for key, header in (("notes", u.NOTE_HEADER), ("key_projects", u.VALIDATION_HEADER)):
        if header in cols:
            c = cols[header]
            out[key] = {
                ident(r): sheet.getCellByPosition(c, r).getString()
                for r in rows
                if sheet.getCellByPosition(c, r).getString()
            }
    return out


def stats(doc, sheet):
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    end = cursor.getRangeAddress()
    cells = []
    for r in range(end.EndRow + 1):
        for c in range(end.EndColumn + 1):
            cell = sheet.getCellByPosition(c, r)
            if cell.getType().value != "EMPTY":
                cells.append(cell)

    def value(cell):
        kind = cell.getType().value
        # com.sun.star.sheet.FormulaResult: VALUE 1, STRING 2, ERROR 4.
        if kind == "VALUE" or (kind == "FORMULA" and cell.FormulaResultType2 == 1):
            return cell.getValue()
        return cell.getString()

    saved = [value(cell) for cell in cells]
    doc.calculateAll()
    return {
        "cells": [
            {
                "cell": cell.AbsoluteName.split(".")[-1].replace("$", ""),
                "type": cell.getType().value,
                "formula": cell.getFormula(),
                "saved": before,
                "value": value(cell),
                "error": cell.getError(),
            }
            for cell, before in zip(cells, saved)
        ]
    }


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: inspect.py LEDGER.xlsx")
    with u.Office() as office:
        doc = office.open(sys.argv[1])
        try:
            sheets = doc.getSheets()
            names = [sheets.getByIndex(i).Name for i in range(sheets.getCount())]
            out = {"sheets": names}
            if u.SHEET in names:
                out[u.SHEET] = ledger(doc, sheets.getByName(u.SHEET))
            if u.PROGRESS_SHEET in names:
                out[u.PROGRESS_SHEET] = {"data_rows": len(u.data_rows(sheets.getByName(u.PROGRESS_SHEET)))}
            out[u.STATS_SHEET] = stats(doc, sheets.getByName(u.STATS_SHEET)) if u.STATS_SHEET in names else None
            ranges = doc.NamedRanges
            out["defined_names"] = {n: ranges.getByName(n).getContent() for n in ranges.getElementNames()}
        finally:
            doc.close(True)
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    main()

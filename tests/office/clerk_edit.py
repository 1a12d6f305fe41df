"""A clerk's month in LibreOffice Calc on the ledger: open IN.xlsx, edit, save as OUT.xlsx (xlsx).

    /usr/bin/python3 tests/office/clerk_edit.py IN.xlsx OUT.xlsx

OUT may be IN (the clerk's Save). The edits are unocalc's plan, on 项目台账: a filled row, a red
bold cell, a date format, a narrower and a hidden column, a hidden row, an autofilter criterion, a
comment, a 是/否 list on 重点项目, the clerk's own column 督办人 with two merged cells, 备注 and
重点项目 typed in; a new sheet 统计 with formulas; a defined name. Prints a JSON summary of what
it did, with addresses, to stdout.
"""

import importlib.util
import json
import os
import sys

# This folder holds inspect.py, which would shadow the standard library's `inspect`.
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != HERE]
_spec = importlib.util.spec_from_file_location("unocalc", os.path.join(HERE, "unocalc.py"))
u = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(u)

import uno  # noqa: E402
from com.sun.star.awt.FontWeight import BOLD  # noqa: E402
from com.sun.star.lang import Locale  # noqa: E402
from com.sun.star.sheet import TableFilterField  # noqa: E402
from com.sun.star.table import CellAddress  # noqa: E402


def edit(doc):
    sheets = doc.getSheets()
    sheet = sheets.getByName(u.SHEET)
    cols, names = u.headers(sheet)
    rows = u.data_rows(sheet)
    if len(rows) < 4:
        raise SystemExit(f"{u.SHEET} has only {len(rows)} data rows; the plan needs 4")
    last = len(names) - 1
    ident = lambda r0: sheet.getCellByPosition(0, r0).getString()  # noqa: E731
    done = {"sheet": u.SHEET, "headers": names, "data_rows": len(rows)}

    # A whole data row filled.
    r0 = u.FILL_ROW - 1
    sheet.getRows().getByIndex(r0).CellBackColor = u.FILL_COLOR
    done["fill"] = {"row": u.FILL_ROW, "id": ident(r0), "color": u.FILL_COLOR}

    # One cell red and bold.
    c, r0 = cols[u.FONT_HEADER], u.FONT_ROW - 1
    cell = sheet.getCellByPosition(c, r0)
    cell.CharColor = u.FONT_COLOR
    # The Bold button sets the weight of all three scripts; xlsx keeps the Asian one for 宋体.
    cell.CharWeight = cell.CharWeightAsian = cell.CharWeightComplex = BOLD
    done["font"] = {"cell": u.address(c, r0), "color": u.FONT_COLOR, "bold": True}

    # A number format.
    formats = doc.getNumberFormats()
    locale = Locale()
    key = formats.queryKey(u.NUMFMT, locale, False)
    if key == -1:
        key = formats.addNew(u.NUMFMT, locale)
    c, r0 = cols[u.NUMFMT_HEADER], u.NUMFMT_ROW - 1
    sheet.getCellByPosition(c, r0).NumberFormat = key
    done["number_format"] = {"cell": u.address(c, r0), "format": u.NUMFMT}

    # A column narrower, a column hidden.
    columns = sheet.getColumns()
    columns.getByIndex(cols[u.WIDTH_HEADER]).Width = u.WIDTH
    columns.getByIndex(cols[u.HIDDEN_HEADER]).IsVisible = False
    done["width"] = {
        "column": u.col_letter(cols[u.WIDTH_HEADER]),
        "header": u.WIDTH_HEADER,
        "width": u.WIDTH,
    }
    done["hidden_column"] = {
        "column": u.col_letter(cols[u.HIDDEN_HEADER]),
        "header": u.HIDDEN_HEADER,
    }

    # The autofilter (the ledger has one over its table; make one if not) with a criterion:
    # 申报单位 = the filled row's unit.
    fc = cols[u.FILTER_HEADER]
    unit = sheet.getCellByPosition(fc, u.FILL_ROW - 1).getString()
    unnamed = doc.getPropertyValue("UnnamedDatabaseRanges")
    if unnamed.hasByTable(0) and unnamed.getByTable(0).AutoFilter:
        db = unnamed.getByTable(0)
    else:
        area = sheet.getCellRangeByPosition(0, 0, last, rows[-1]).getRangeAddress()
        unnamed.setByTable(area)
        db = unnamed.getByTable(0)
        db.AutoFilter = True
    area = db.getDataArea()
    field = TableFilterField()
    field.Connection = uno.Enum("com.sun.star.sheet.FilterConnection", "AND")
    field.Field = fc - area.StartColumn
    field.Operator = uno.Enum("com.sun.star.sheet.FilterOperator", "EQUAL")
    field.IsNumeric = False
    field.StringValue = unit
    desc = db.getFilterDescriptor()
    desc.ContainsHeader = True
    desc.setFilterFields((field,))
    db.refresh()
    done["autofilter"] = {"range": u.range_name(area), "header": u.FILTER_HEADER, "value": unit}

    # A hidden row: another project of that unit (one the filter shows), hidden by hand.
    same = [r for r in rows if r != u.FILL_ROW - 1 and sheet.getCellByPosition(fc, r).getString() == unit]
    if not same:
        raise SystemExit(f"no second project of {unit} to hide")
    r0 = same[0]
    sheet.getRows().getByIndex(r0).IsVisible = False
    done["hidden_row"] = {"row": r0 + 1, "id": ident(r0)}

    # A comment.
    c, r0 = cols[u.COMMENT_HEADER], u.COMMENT_ROW - 1
    at = CellAddress()
    at.Sheet, at.Column, at.Row = 0, c, r0
    sheet.getAnnotations().insertNew(at, u.COMMENT_TEXT)
    done["comment"] = {"cell": u.address(c, r0), "id": ident(r0), "text": u.COMMENT_TEXT}

    # A 是/否 list on the 重点项目 cells (as a clerk selects the column below the header).
    c = cols[u.VALIDATION_HEADER]
    target = sheet.getCellRangeByPosition(c, 1, c, 999)
    v = target.Validation
    v.Type = uno.Enum("com.sun.star.sheet.ValidationType", "LIST")
    v.setFormula1(u.VALIDATION_LIST)
    v.ShowList = 1  # com.sun.star.sheet.TableValidationVisibility.UNSORTED
    v.ShowErrorMessage = True
    v.IgnoreBlankCells = True
    target.Validation = v
    done["validation"] = {"range": u.range_name(target.getRangeAddress()), "list": u.VALIDATION_LIST}
    r0 = u.KEY_ROW - 1
    sheet.getCellByPosition(c, r0).setString(u.KEY_VALUE)
    done["key"] = {"cell": u.address(c, r0), "id": ident(r0), "value": u.KEY_VALUE}

    # The clerk's own column after the last, two cells merged below its header.
    c = last + 1
    sheet.getCellByPosition(c, 0).setString(u.CLERK_HEADER)
    merged = sheet.getCellRangeByPosition(c, 1, c, 2)
    merged.merge(True)
    sheet.getCellByPosition(c, 1).setString(u.CLERK_VALUE)
    done["clerk_column"] = {
        "column": u.col_letter(c),
        "header": u.CLERK_HEADER,
        "merged": u.range_name(merged.getRangeAddress()),
        "value": u.CLERK_VALUE,
    }

    # 备注 typed in for a project.
    c, r0 = cols[u.NOTE_HEADER], u.NOTE_ROW - 1
    sheet.getCellByPosition(c, r0).setString(u.NOTE_TEXT)
    done["note"] = {"cell": u.address(c, r0), "id": ident(r0), "text": u.NOTE_TEXT}

    # The clerk's sheet 统计, at the end, with formulas.
    sheets.insertNewByName(u.STATS_SHEET, sheets.getCount())
    stats = sheets.getByName(u.STATS_SHEET)
    stats.getCellByPosition(0, 0).setString("项目总数")
    stats.getCellByPosition(1, 0).setFormula(u.STATS_COUNT)
    stats.getCellByPosition(0, 1).setString("首个项目")
    stats.getCellByPosition(1, 1).setFormula(u.STATS_REF)
    doc.calculateAll()
    done["stats"] = {
        "sheet": u.STATS_SHEET,
        "B1": {"formula": stats.getCellByPosition(1, 0).getFormula(), "value": stats.getCellByPosition(1, 0).getValue()},
        "B2": {"formula": stats.getCellByPosition(1, 1).getFormula(), "value": stats.getCellByPosition(1, 1).getString()},
    }

    # A defined name.
    origin = CellAddress()
    doc.NamedRanges.addNewByName(u.DEFINED_NAME, u.DEFINED_CONTENT, origin, 0)
    done["defined_name"] = {"name": u.DEFINED_NAME, "content": u.DEFINED_CONTENT}

    # The clerk was looking at the ledger's first sheet when saving.
    doc.getCurrentController().setActiveSheet(sheet)
    return done


def main():
    if len(sys.argv) != 3:
        raise SystemExit("usage: clerk_edit.py IN.xlsx OUT.xlsx")
    src, out = sys.argv[1], sys.argv[2]
    with u.Office() as office:
        doc = office.open(src)
        try:
            done = edit(doc)
            url = uno.systemPathToFileUrl(os.path.abspath(out))
            doc.storeAsURL(url, (u.prop("FilterName", u.XLSX_FILTER), u.prop("Overwrite", True)))
            done["saved"] = os.path.abspath(out)
        finally:
            doc.close(True)
    json.dump(done, sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    main()

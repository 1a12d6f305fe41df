# Hostile-but-tiny workbooks: two cells at opposite corners of a sheet, so the
# bounding box calamine would allocate densely is huge while the file is a few KB.
#   python3 make.py && soffice --headless --convert-to xls corners.xlsx \
#     && soffice --headless --convert-to ods far.xlsx && mv far.ods corners.ods \
#     && rm corners.xlsx far.xlsx
# corners.xls: A1 and IV65536, the last cell of BIFF8 (65,536 x 256 = 16.8M dense cells).
# corners.ods: A1 and ALL90000 (90,000 x 1,000 = 90M dense cells, under calamine's own
#   100M cap: ~2.9 GB for the values plus the formula range).
# Used by src/read/load.rs (hostile_sheets_are_refused_before_calamine_allocates).
import xlsxwriter
for name, far in (('corners.xlsx', 'IV65536'), ('far.xlsx', 'ALL90000')):
    wb = xlsxwriter.Workbook(name)
    ws = wb.add_worksheet('表一')
    ws.write_string('A1', '标题')
    ws.write_number(far, 1)
    wb.close()

# Makes percent.xlsx; percent.xls and percent.ods are LibreOffice conversions of it:
#   python3 make.py && soffice --headless --convert-to xls percent.xlsx \
#     && soffice --headless --convert-to ods percent.xlsx && rm percent.xlsx
# Used by src/read/xls/percent.rs and src/read/ods/percent.rs (expected positions there).
import xlsxwriter, datetime
wb = xlsxwriter.Workbook('percent.xlsx')
p0 = wb.add_format({'num_format': 9})       # 0%
p2 = wb.add_format({'num_format': 10})      # 0.00%
p1 = wb.add_format({'num_format': '0.0%'})  # custom
q = wb.add_format({'num_format': '0"%"'})   # percent sign in quotes: not a percent
dt = wb.add_format({'num_format': 'yyyy-mm-dd'})
a = wb.add_worksheet('Alpha')
a.merge_range('A1:B1', 'Title', None)
a.write_number('C1', 0.3, p0)       # (0,2) after a merged cell
a.write_number('B3', 0.6, p0)       # (2,1)
a.write_number('C4', 0.1234, p2)    # (3,2)
a.write_number('D5', 0.6)           # plain
a.write_datetime('E6', datetime.datetime(2018, 6, 1), dt)
a.write_number('F7', 5, q)          # quoted % -> not percent
a.write_string('G8', 'text', p0)    # text with percent format -> not a number
a.write_blank('H9', None, p0)       # blank -> nothing
a.write_formula('B10', '=B3/2', p0, 0.3)  # formula, numeric result (9,1)
b = wb.add_worksheet('第二页')
b.write_number('A1', 0.25, p2)      # (0,0)
b.write_number('B2', 0.6)
b.write_number('C2', 0.75, p1)      # (1,2) custom 0.0%
b.write_number('AD2000', 0.5, p0)   # (1999,29)
b.write_number('D3', 123456789, p0) # (2,3) big number (not RK-able as int*100?) 
b.write_number('E3', 3, p0)         # (2,4) small int -> RK
b.write_number('F3', 4, p0)         # (2,5) adjacent -> MULRK likely
b.write_number('G3', 5.5, p0)       # (2,6)
wb.close()

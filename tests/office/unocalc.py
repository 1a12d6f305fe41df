"""Shared by clerk_edit.py and inspect.py: a private headless LibreOffice, and the clerk's plan.

Run only with Debian's /usr/bin/python3 (it has the `uno` module). Each run starts its own
soffice with a fresh user profile under /tmp (so parallel runs never share a profile or a pipe)
and ends it, and removes the profile, whatever happens.

The plan says which cells the clerk edits, by header name, so that the edit script and the
inspection look at the same places; the test compares the two scripts' JSON.
"""

import os
import shutil
import signal
import subprocess
import tempfile
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

SOFFICE = os.environ.get("TAIZHANG_SOFFICE", "soffice")
XLSX_FILTER = "Calc MS Excel 2007 XML"

# The clerk's plan, on the sheet 项目台账 (rows and columns as the clerk sees them, 1-based rows).
SHEET = "项目台账"
PROGRESS_SHEET = "进度记录"
FILL_ROW = 2  # a whole data row gets a background
FILL_COLOR = 0xFFF2CC  # light yellow
FONT_ROW, FONT_HEADER = 3, "项目名称"  # one cell: red, bold
FONT_COLOR = 0xC00000
NUMFMT_ROW, NUMFMT_HEADER = 2, "开始时间"  # a date shown the Chinese way
NUMFMT = 'YYYY"年"M"月"D"日"'
WIDTH_HEADER, WIDTH = "项目名称", 5000  # 1/100 mm
HIDDEN_HEADER = "联系电话"  # a hidden column
FILTER_HEADER = "申报单位"  # autofilter criterion: this column = the unit of FILL_ROW
COMMENT_ROW, COMMENT_HEADER = 4, "项目名称"
COMMENT_TEXT = "办事员批注：请单位补充项目组分工。"
VALIDATION_HEADER = "重点项目"  # list 是,否 on the column's cells (rows 2..1000)
VALIDATION_LIST = '"是";"否"'
KEY_ROW, KEY_VALUE = 2, "是"  # a value picked from that list
CLERK_HEADER = "督办人"  # the clerk's own column, after the last one
CLERK_VALUE = "王科长"  # in the first of two merged cells (rows 2-3)
NOTE_HEADER, NOTE_ROW = "备注", 3
NOTE_TEXT = "已电话督促，6月底前报送材料"
STATS_SHEET = "统计"
STATS_COUNT = "=COUNTA($项目台账.A2:A1000)"
STATS_REF = "=$项目台账.E2"
DEFINED_NAME, DEFINED_CONTENT = "项目编号列", "$项目台账.$A$2:$A$1000"


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def col_letter(index):
    """0-based column index to A, B, ..., Z, AA, ..."""
    s = ""
    index += 1
    while index:
        index, r = divmod(index - 1, 26)
        s = chr(65 + r) + s
    return s


def address(col, row0):
    """0-based column and row to an A1 address."""
    return f"{col_letter(col)}{row0 + 1}"


def range_name(r):
    """A CellRangeAddress to A1:B2."""
    return f"{address(r.StartColumn, r.StartRow)}:{address(r.EndColumn, r.EndRow)}"


def headers(sheet):
    """Row 1's texts, up to the first empty cell: {name: 0-based column}, and the list."""
    names = []
    c = 0
    while True:
        t = sheet.getCellByPosition(c, 0).getString()
        if not t:
            break
        names.append(t)
        c += 1
    return {n: i for i, n in enumerate(names)}, names


def data_rows(sheet):
    """Rows below the header whose column A is not empty (up to the used area's end)."""
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    last = cursor.getRangeAddress().EndRow
    return [r for r in range(1, last + 1) if sheet.getCellByPosition(0, r).getString()]


class Office:
    """A private soffice: started on enter, terminated (or killed) and its profile removed on exit."""

    def __enter__(self):
        self.profile = tempfile.mkdtemp(prefix="taizhang-office-")
        self.pipe = "taizhang_" + uuid.uuid4().hex
        self.proc = subprocess.Popen(
            [
                SOFFICE,
                "--headless",
                "--invisible",
                "--nologo",
                "--norestore",
                "--nodefault",
                "--nolockcheck",
                "-env:UserInstallation=" + uno.systemPathToFileUrl(self.profile),
                f"--accept=pipe,name={self.pipe};urp;StarOffice.ComponentContext",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            local = uno.getComponentContext()
            resolver = local.ServiceManager.createInstanceWithContext(
                "com.sun.star.bridge.UnoUrlResolver", local
            )
            until = time.time() + 90
            while True:
                try:
                    ctx = resolver.resolve(
                        f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext"
                    )
                    break
                except NoConnectException:
                    if self.proc.poll() is not None:
                        raise RuntimeError(f"soffice exited with {self.proc.returncode}")
                    if time.time() > until:
                        raise RuntimeError("soffice did not accept a connection in 90 s")
                    time.sleep(0.2)
            self.desktop = ctx.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", ctx
            )
        except BaseException:
            self._end()
            raise
        return self

    def open(self, path):
        url = uno.systemPathToFileUrl(os.path.abspath(path))
        doc = self.desktop.loadComponentFromURL(
            url, "_blank", 0, (prop("Hidden", True), prop("MacroExecutionMode", 0))
        )
        if doc is None:
            raise RuntimeError(f"LibreOffice could not open {path}")
        return doc

    def _end(self):
        try:
            if self.proc.poll() is None:
                try:
                    self.desktop.terminate()
                except Exception:
                    pass
                try:
                    self.proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                    self.proc.wait()
            # soffice.bin runs under the wrapper, in the same session: leave nothing behind.
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)

    def __exit__(self, *exc):
        self._end()
        return False

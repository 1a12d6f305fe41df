//! Files that are not forms, or not spreadsheets at all, as they turn up in a clerk's folders.

use crate::cells::{label, title, value, widths};
use crate::model::{t, Content, Entry};
use rust_xlsxwriter::XlsxError;

fn entry(path: &str, kind: &'static str, codes: &[&'static str], note: &str, bytes: Vec<u8>) -> Entry {
    Entry {
        path: path.into(),
        kind,
        codes: codes.to_vec(),
        note: note.into(),
        content: Content::Bytes(bytes),
        parts: Vec::new(),
    }
}

/// A readable workbook that is no form: the sign-in sheet of a meeting (姓名 / 单位 / 签到时间).
/// None of its cells is a form label.
fn sign_in_sheet() -> Result<Vec<u8>, XlsxError> {
    let mut wb = crate::workbook::new_workbook()?;
    let ws = wb.add_worksheet();
    ws.set_name("签到表")?;
    widths(ws, &[8.0, 14.0, 30.0, 16.0, 14.0])?;
    title(ws, 0, 0, 4, "会议签到表")?;
    crate::cells::note(ws, 1, 0, 4, "会议名称：全市基层党建创新项目推进会　　时间：2018年4月20日上午　　地点：市委组织部三楼会议室", false)?;
    for (c, h) in ["序号", "姓名", "单位", "签到时间", "备注"].iter().enumerate() {
        label(ws, 2, c as u16, c as u16, h)?;
    }
    let rows = [
        ("张伟", "田家庵区委组织部", "8:25"),
        ("李强", "大通区委组织部", "8:31"),
        ("林峰", "谢家集区委组织部", "8:33"),
        ("杨帆", "八公山区委组织部", "8:40"),
        ("范磊", "潘集区委组织部", "8:42"),
        ("钟华", "凤台县委组织部", "8:45"),
        ("孙涛", "寿县县委组织部", "8:47"),
        ("郝刚", "市直机关工委", "8:50"),
        ("邓辉", "东方医院集团党委", "8:52"),
    ];
    for (i, (name, unit, time)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        value(ws, r, 0, 0, &crate::model::Val::Num((i + 1) as f64, ""))?;
        value(ws, r, 1, 1, &t(name))?;
        value(ws, r, 2, 2, &t(unit))?;
        value(ws, r, 3, 3, &t(time))?;
        value(ws, r, 4, 4, &crate::model::Val::Blank)?;
    }
    wb.save_to_buffer()
}

/// What Excel leaves beside an open workbook: `~$name.xlsx`, 165 bytes holding the user name
/// (one length byte, the name padded to 54 bytes, then the name again in UTF-16 padded).
fn lock_file(user: &str) -> Vec<u8> {
    let mut b = vec![user.len() as u8];
    b.extend(user.bytes());
    b.resize(55, b' ');
    b.push(user.len() as u8);
    b.push(0);
    for u in user.encode_utf16() {
        b.extend(u.to_le_bytes());
    }
    while b.len() < 165 {
        b.extend([b' ', 0]);
    }
    b.truncate(165);
    b
}

pub fn all() -> Result<Vec<Entry>, XlsxError> {
    let email = "发件人：谢家集区委组织部\r\n主题：转发：4月份进度报告\r\n\r\n城市组织科：\r\n  我区4月份创新项目进度报告见附件，请查收。\r\n\r\n（本文件是邮件正文另存而成，扩展名被改成了.xlsx）\r\n";
    let readme = "3月28日起陆续收到各县区、各单位立项书。\r\n潘集区委两个项目均为理论研究类，已电话提醒补报实践创新类。\r\n八公山区委4月2日重发了一次立项书。\r\n";
    Ok(vec![
        entry("2018-04/空白.xlsx", "unknown", &["E_UNREADABLE"], "缺陷：0字节的空文件", Vec::new()),
        entry(
            "2018-04/转发：4月份进度报告.xlsx",
            "unknown",
            &["E_UNREADABLE"],
            "缺陷：其实是文本文件（邮件正文）改了扩展名",
            email.as_bytes().to_vec(),
        ),
        entry(
            "2018-04/4月推进会签到表.xlsx",
            "unknown",
            &["E_UNKNOWN_FORM"],
            "能打开的工作簿，但只是“会议签到表”（姓名/单位/签到时间），不是任何表单",
            sign_in_sheet()?,
        ),
        entry(
            "2018-03-立项/说明.txt",
            "skipped",
            &[],
            "科员自己的备忘文本，不是表格，列为跳过",
            readme.as_bytes().to_vec(),
        ),
        entry(
            "2018-03-立项/~$田家庵区委-立项书.xlsx",
            "skipped",
            &[],
            "Excel打开“田家庵区委-立项书.xlsx”时留下的锁文件（165字节），列为跳过",
            lock_file("czzk"),
        ),
    ])
}

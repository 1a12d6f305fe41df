//! Word documents end to end (SPEC §3.6): the Word templates `init` writes, filled in by label
//! as a unit would, read back as clean forms.

use std::fs;
use std::io::{Read, Write};

use crate::common::*;

/// Fills a Word template by label: the text goes into the first paragraph of the cell after the
/// cell holding the label, as a unit typing into the form would put it.
fn fill_docx(template: &[u8], values: &[(&str, &str)]) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(template)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = String::new();
        f.read_to_string(&mut data).unwrap();
        if name == "word/document.xml" {
            for (label, value) in values {
                let at = data
                    .find(&format!(">{label}</w:t>"))
                    .unwrap_or_else(|| panic!("label {label}"));
                let cell = at + data[at..].find("<w:tc>").unwrap();
                let end = cell + data[cell..].find("</w:p>").unwrap();
                data.insert_str(end, &format!("<w:r><w:t>{value}</w:t></w:r>"));
            }
        }
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(data.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn word_templates_filled_by_label_read_back_clean() {
    let dir = tmp();
    let d = dir.path();
    taizhang()
        .arg("init")
        .arg(d)
        .args(["--preset", "innovation"])
        .assert()
        .success();
    let proposal = fill_docx(
        &fs::read(d.join("templates/立项书.docx")).unwrap(),
        &[
            ("申报单位", "田家庵区委"),
            ("项目名称", "红色网格党建引领基层治理工程"),
            ("项目类别", "A类"),
            ("参考目录序号", "18"),
            ("工作范围或对象", "全区各街道社区党组织"),
            (
                "工作目标",
                "建立区、街道、社区、网格四级党建网格体系，实现党的组织和工作全覆盖",
            ),
            (
                "主要措施",
                "一是划分网格；二是选派网格党小组长；三是建立问题清单和责任清单",
            ),
            ("开始时间", "2018年4月1日"),
            ("完成时间", "2018年12月31日"),
            ("成果形式", "工作制度汇编、典型案例"),
            ("责任单位", "田家庵区委组织部"),
            ("责任人", "张伟"),
            ("职务", "区委常委、组织部部长"),
            ("项目组成员", "张伟、李娜、王强、赵敏"),
            ("联系电话", "13805546677"),
            ("经费预算（万元）", "5"),
            ("填报日期", "2018年3月28日"),
        ],
    );
    let progress = fill_docx(
        &fs::read(d.join("templates/进度报告.docx")).unwrap(),
        &[
            ("申报单位", "田家庵区委"),
            ("项目名称", "红色网格党建引领基层治理工程"),
            ("报告期", "2018年5月"),
            ("完成进度", "35%"),
            ("项目状态", "正常推进"),
            ("本期完成情况", "完成网格划分，选派网格党小组长62名"),
            ("存在问题", "部分小区物业配合不够"),
            ("下步计划", "开展网格员培训"),
            ("填报人", "李娜"),
            ("填报日期", "2018年6月3日"),
        ],
    );
    let closing = fill_docx(
        &fs::read(d.join("templates/结项报告.docx")).unwrap(),
        &[
            ("申报单位", "田家庵区委"),
            ("项目名称", "红色网格党建引领基层治理工程"),
            ("目标完成情况", "全部完成"),
            ("主要成效", "建成四级党建网格体系，网格党小组长62名全部到位"),
            ("佐证材料清单", "项目总结报告、网格工作制度汇编、活动照片"),
            ("自评等次", "优秀"),
            ("自评得分", "92"),
            ("填报人", "李娜"),
            ("填报日期", "2018年12月20日"),
        ],
    );
    let inbox = d.join("inbox");
    fs::write(inbox.join("田家庵区委-立项书.docx"), proposal).unwrap();
    fs::write(inbox.join("田家庵区委-进度报告.docx"), progress).unwrap();
    fs::write(inbox.join("田家庵区委-结项报告.docx"), closing).unwrap();
    let out = taizhang()
        .current_dir(d)
        .args(["check", "--format", "json", "inbox"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), 3, "{json}");
    for kind in ["proposal", "progress", "closing"] {
        let f = files.iter().find(|f| f["kind"] == kind).expect(kind);
        let errors: Vec<&serde_json::Value> = f["problems"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["severity"] == "error")
            .collect();
        assert!(errors.is_empty(), "{f}");
        assert_eq!(f["record"]["name"], "红色网格党建引领基层治理工程", "{f}");
    }
}

//! Text normalisation shared by label matching, identity keys and value parsing.
//!
//! Forms are typed on Chinese keyboards: full-width digits and letters, ideographic spaces, labels
//! spaced out for alignment (`项　目　名　称`), a trailing `：` or `*`. These helpers fold that drift
//! away so that comparisons see what the person meant.

/// Folds full-width ASCII (`１２３ＡＢ`) to half-width and the ideographic space to a space.
/// Chinese punctuation outside that block (，。、) is left alone: it belongs to prose.
pub fn fold_width(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

fn fold_char(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// True for every kind of white space a form may hold, including the ideographic space and NBSP.
pub fn is_space(c: char) -> bool {
    // CJK text is most of what a form holds: settle it before the Unicode table lookup.
    if ('\u{3001}'..='\u{FDFF}').contains(&c) {
        return false;
    }
    c.is_whitespace() || c == '\u{3000}' || c == '\u{A0}' || c == '\u{200B}' || c == '\u{FEFF}'
}

/// Removes all white space (spaces, full-width spaces, line breaks, tabs).
pub fn strip_spaces(s: &str) -> String {
    s.chars().filter(|c| !is_space(*c)).collect()
}

/// Normalises a cell's text for label matching (SPEC §3): no white space, half-width, no
/// parenthesised hint (`（必填）`), no leading enumerator (`一、`, `1.`), no leading or trailing
/// `：` `:` `*`. One pass, one allocation: it runs on every short text cell of every form.
pub fn normalize_label(s: &str) -> String {
    normalize_within(s, usize::MAX).unwrap_or_default()
}

/// The longest normalised text that can be a label, heading or column header (the longest in
/// the tables is 8 characters; a little room for drift).
pub const LABEL_MAX_CHARS: usize = 16;

/// [`normalize_label`] for lookups in the label tables: `None` as soon as the text is too long
/// to be any label, so the prose of a form costs no more than a glance.
pub fn label_key(s: &str) -> Option<String> {
    normalize_within(s, LABEL_MAX_CHARS + 4)
}

fn normalize_within(s: &str, max_chars: usize) -> Option<String> {
    // Most cells need no folding at all: trim the text as it stands, with no copy per character.
    if s.chars().all(|c| !needs_fold(c)) {
        if s.chars().count() > max_chars {
            return None;
        }
        return Some(trim_label(s).to_owned());
    }
    normalize_by_chars(s, max_chars)
}

/// The general path: fold, drop spaces and bracketed hints character by character.
fn normalize_by_chars(s: &str, max_chars: usize) -> Option<String> {
    let mut out = String::with_capacity(s.len().min(max_chars.saturating_mul(4)));
    let mut depth = 0usize;
    let mut kept = 0usize;
    for c in s.chars() {
        if is_space(c) {
            continue;
        }
        match fold_char(c) {
            '(' | '【' | '〔' | '[' => depth += 1,
            ')' | '】' | '〕' | ']' => depth = depth.saturating_sub(1),
            c if depth == 0 => {
                kept += 1;
                if kept > max_chars {
                    return None;
                }
                out.push(c)
            }
            _ => {}
        }
    }
    let result = trim_label(&out);
    if result.len() == out.len() {
        Some(out)
    } else {
        Some(result.to_owned())
    }
}

/// A label without its leading or trailing `：` `*` `※` and its enumerator.
fn trim_label(s: &str) -> &str {
    let trimmed = s.trim_matches(|c: char| matches!(c, ':' | '*' | '※' | '·' | '.' | '、'));
    strip_enumerator(trimmed).trim_matches(|c: char| matches!(c, ':' | '*' | '※'))
}

/// True for a character [`normalize_label`] removes or changes: white space, full-width forms,
/// brackets.
fn needs_fold(c: char) -> bool {
    is_space(c)
        || matches!(
            c,
            '\u{FF01}'..='\u{FF5E}' | '(' | ')' | '[' | ']' | '【' | '】' | '〔' | '〕'
        )
}

/// Drops a leading `1.`, `1、`, `一、`, `(一)` style enumerator.
fn strip_enumerator(s: &str) -> &str {
    let rest =
        s.trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
    if rest.len() != s.len() {
        if let Some(r) = rest.strip_prefix(['.', '、', ':']) {
            return r;
        }
    }
    s
}

/// The identity key of a unit or project name: half-width, no white space, no quotes or
/// brackets, lower case. Two names with the same key are the same name.
pub fn identity_key(s: &str) -> String {
    fold_width(s)
        .chars()
        .filter(|c| {
            !is_space(*c)
                && !matches!(
                    c,
                    '"' | '\''
                        | '“'
                        | '”'
                        | '‘'
                        | '’'
                        | '「'
                        | '」'
                        | '『'
                        | '』'
                        | '《'
                        | '》'
                        | '<'
                        | '>'
                        | '·'
                        | '•'
                )
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Number of characters as a person counts them (a CJK character is one).
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Writes a number the way a person typed it: `5`, not `5.0`; `0.6`, not `0.6000000001`.
pub fn number_text(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{:.10}", n);
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// Shortens text for a message: at most `max` characters, with `…` when cut.
pub fn excerpt(s: &str, max: usize) -> String {
    let one_line: String = s
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    if char_len(&one_line) <= max {
        one_line
    } else {
        let mut cut: String = one_line.chars().take(max).collect();
        cut.push('…');
        cut
    }
}

/// `text` as a file name Windows accepts: its reserved characters and control characters as `_`,
/// at most `max` characters (the letters, the 项目责任书, the copies of 佐证材料).
pub fn windows_name(text: &str, max: usize) -> String {
    text.chars()
        .map(|c| match c {
            '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .take(max)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_normalise() {
        assert_eq!(normalize_label("项　目　名　称："), "项目名称");
        assert_eq!(normalize_label("完成时间（年月日）*"), "完成时间");
        assert_eq!(normalize_label("*项目名称(必填)"), "项目名称");
        assert_eq!(normalize_label("工作范围\n或对象"), "工作范围或对象");
        assert_eq!(normalize_label("一、项目名称"), "项目名称");
        assert_eq!(normalize_label("3.主要措施:"), "主要措施");
        assert_eq!(normalize_label("创新性（20分）"), "创新性");
        assert_eq!(normalize_label("２０１８"), "2018");
    }

    #[test]
    fn identity_keys() {
        assert_eq!(
            identity_key("「红色网格」工程"),
            identity_key("红色网格 工程")
        );
        assert_eq!(identity_key("ＡＢ"), "ab");
    }

    #[test]
    fn numbers_read_as_typed() {
        assert_eq!(number_text(5.0), "5");
        assert_eq!(number_text(13805546677.0), "13805546677");
        assert_eq!(number_text(0.6), "0.6");
    }
}

#[cfg(test)]
mod fast_path {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_fast_path_agrees_with_the_slow_one(
            s in "[项目名称一二1.、:：*※·（）()【】 　Ａ１a\\n]{0,30}",
            max in 0usize..25,
        ) {
            prop_assert_eq!(normalize_within(&s, max), normalize_by_chars(&s, max));
        }
    }
}

/// The character of an XML entity reference in text (`&amp;`, `&#13;`); `None` for one XML does
/// not define. Every XML reader of taizhang (the ledger's sheets, Word documents) resolves them so.
pub fn xml_entity(r: &quick_xml::events::BytesRef<'_>) -> Option<char> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => Some(c),
        _ => match &**r {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => None,
        },
    }
}

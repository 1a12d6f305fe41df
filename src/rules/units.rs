//! Units: the policy's unit list, so that 淮南市田家庵区委 and 田家庵区委 are one unit.

use std::collections::HashMap;

use crate::policy::{Policy, Unit};
use crate::text::identity_key;

/// Looks units up by any of their names.
#[derive(Debug, Default)]
pub struct UnitIndex<'a> {
    by_key: HashMap<String, &'a Unit>,
}

/// Prefixes units add or drop at will (`中共田家庵区委`).
const PREFIXES: &[&str] = &["中国共产党", "中共"];

fn key(name: &str) -> String {
    let mut k = identity_key(name);
    for p in PREFIXES {
        if let Some(rest) = k.strip_prefix(p) {
            k = rest.to_owned();
        }
    }
    k
}

impl<'a> UnitIndex<'a> {
    /// Indexes the policy's units by name and aliases.
    pub fn new(policy: &'a Policy) -> Self {
        let mut by_key = HashMap::new();
        for unit in &policy.units {
            by_key.insert(key(&unit.name), unit);
            for alias in &unit.aliases {
                by_key.insert(key(alias), unit);
            }
        }
        UnitIndex { by_key }
    }

    /// True when the policy lists no units (nothing to check against).
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    /// The unit a name refers to.
    pub fn find(&self, name: &str) -> Option<&'a Unit> {
        self.by_key.get(&key(name)).copied()
    }

    /// The unit whose name or alias appears in `text` (a file name such as
    /// `八公山区委-一村一品-进度报告（4月）.xlsx`), the longest name winning; for files whose form
    /// could not be read, so that the reply still goes to the right unit.
    pub fn named_in(&self, text: &str) -> Option<&'a Unit> {
        let text = key(text);
        self.by_key
            .iter()
            .filter(|(k, _)| !k.is_empty() && text.contains(k.as_str()))
            .max_by_key(|(k, _)| k.len())
            .map(|(_, unit)| *unit)
    }
}

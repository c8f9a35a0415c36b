//! Tagging rules kept in data files (`data/rules/*.tsv`), so users extend the gazetteer, the
//! entity patterns and the topic keywords without recompiling. Built-in copies of the shipped
//! files are the defaults.

use std::path::{Path, PathBuf};

/// A rules file that could not be read or understood.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    /// The file could not be read.
    #[error("cannot read rules file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A line does not have the expected columns.
    #[error("{file}, line {line}: {problem}")]
    Syntax {
        /// The file.
        file: String,
        /// Line number, from 1.
        line: usize,
        /// What is wrong.
        problem: String,
    },
}

/// A name to find in the text: a country, a place, an organisation…
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteerEntry {
    /// `organisation`, `country`, `territory`, `province`, `region`, `feature`, `city`,
    /// `division` (a first-level division of a country other than China), `place` or `ignore`.
    pub kind: String,
    /// The name as it may be written, in either script (matched on folded text, see
    /// [`crate::facts::script`]).
    pub name: String,
    /// The full name it stands for (`哈薩克` → `哈薩克斯坦`); the name itself when not given.
    pub canonical: String,
}

/// How an entity pattern matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntityPattern {
    /// An item whose whole text (final punctuation aside, no comma inside) ends with this suffix.
    ItemSuffix(String),
    /// Text between an opening and a closing mark, e.g. `《` `》`.
    Pair(char, char),
}

/// One entity rule: a kind and its pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityRule {
    /// The entity kind it tags (`mechanism`, `document`, `quoted_term`…).
    pub kind: String,
    /// How it matches.
    pub pattern: EntityPattern,
}

/// A topic and the keywords that put an item into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicRule {
    /// Topic name.
    pub name: String,
    /// Keywords, matched as substrings of the item's clean text.
    pub keywords: Vec<String>,
}

/// All tagging rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    /// Countries and places.
    pub gazetteer: Vec<GazetteerEntry>,
    /// Entity patterns.
    pub entities: Vec<EntityRule>,
    /// Topics.
    pub topics: Vec<TopicRule>,
}

const GAZETTEER: &str = include_str!("../../../data/rules/gazetteer.tsv");
const ENTITIES: &str = include_str!("../../../data/rules/entities.tsv");
const TOPICS: &str = include_str!("../../../data/rules/topics.tsv");

impl Default for Rules {
    fn default() -> Rules {
        // The shipped files are tested to parse, so the built-in copy cannot fail.
        Rules::parse(GAZETTEER, ENTITIES, TOPICS).unwrap_or(Rules {
            gazetteer: Vec::new(),
            entities: Vec::new(),
            topics: Vec::new(),
        })
    }
}

impl Rules {
    /// Loads `gazetteer.tsv`, `entities.tsv` and `topics.tsv` from a folder; a file that is
    /// missing falls back to the built-in one.
    pub fn load(dir: &Path) -> Result<Rules, RulesError> {
        let read = |name: &str, builtin: &'static str| -> Result<String, RulesError> {
            let path = dir.join(name);
            match std::fs::read_to_string(&path) {
                Ok(text) => Ok(text),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(builtin.to_owned()),
                Err(source) => Err(RulesError::Read { path, source }),
            }
        };
        Rules::parse(
            &read("gazetteer.tsv", GAZETTEER)?,
            &read("entities.tsv", ENTITIES)?,
            &read("topics.tsv", TOPICS)?,
        )
    }

    /// Parses the three files' contents.
    pub fn parse(gazetteer: &str, entities: &str, topics: &str) -> Result<Rules, RulesError> {
        // Columns: kind, name, then optionally the canonical name and the source of the row.
        let gazetteer = rows("gazetteer.tsv", gazetteer, 2)?
            .into_iter()
            .map(|(_, cols)| GazetteerEntry {
                kind: cols[0].to_owned(),
                name: cols[1].to_owned(),
                canonical: cols
                    .get(2)
                    .filter(|c| !c.is_empty())
                    .unwrap_or(&cols[1])
                    .to_string(),
            })
            .collect();
        let mut entity_rules = Vec::new();
        for (line, cols) in rows("entities.tsv", entities, 3)? {
            let pattern = match cols[1] {
                "suffix" => EntityPattern::ItemSuffix(cols[2].to_owned()),
                "pair" => {
                    let mut marks = cols[2].chars();
                    match (marks.next(), marks.next(), marks.next()) {
                        (Some(open), Some(close), None) => EntityPattern::Pair(open, close),
                        _ => {
                            return Err(RulesError::Syntax {
                                file: "entities.tsv".into(),
                                line,
                                problem: format!("a pair rule needs two marks, got {:?}", cols[2]),
                            })
                        }
                    }
                }
                other => {
                    return Err(RulesError::Syntax {
                        file: "entities.tsv".into(),
                        line,
                        problem: format!("unknown rule {other:?} (expected suffix or pair)"),
                    })
                }
            };
            entity_rules.push(EntityRule {
                kind: cols[0].to_owned(),
                pattern,
            });
        }
        let topics = rows("topics.tsv", topics, 2)?
            .into_iter()
            .map(|(_, cols)| TopicRule {
                name: cols[0].to_owned(),
                keywords: cols[1]
                    .split([',', '，'])
                    .map(str::trim)
                    .filter(|k| !k.is_empty())
                    .map(str::to_owned)
                    .collect(),
            })
            .collect();
        Ok(Rules {
            gazetteer,
            entities: entity_rules,
            topics,
        })
    }
}

/// Non-comment, non-blank lines split on tabs, each with at least `columns` fields.
fn rows<'a>(
    file: &str,
    text: &'a str,
    columns: usize,
) -> Result<Vec<(usize, Vec<&'a str>)>, RulesError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        if cols.len() < columns || cols[..columns].iter().any(|c| c.is_empty()) {
            return Err(RulesError::Syntax {
                file: file.to_owned(),
                line: i + 1,
                problem: format!("expected {columns} tab-separated columns"),
            });
        }
        out.push((i + 1, cols));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_rule_files_parse() {
        let rules = Rules::parse(GAZETTEER, ENTITIES, TOPICS).unwrap();
        // Every sovereign state, in several spellings, and the sample's own names.
        let countries: Vec<&str> = rules
            .gazetteer
            .iter()
            .filter(|g| g.kind == "country")
            .map(|g| g.name.as_str())
            .collect();
        assert!(countries.len() >= 195, "{}", countries.len());
        for name in ["烏茲別克斯坦", "乌兹别克斯坦", "新加坡", "肯尼亚"] {
            assert!(countries.contains(&name), "{name}");
        }
        let short = rules
            .gazetteer
            .iter()
            .find(|g| g.name == "上合组织")
            .unwrap();
        assert_eq!(
            (short.kind.as_str(), short.canonical.as_str()),
            ("organisation", "上海合作组织")
        );
        assert!(rules
            .topics
            .iter()
            .any(|t| t.name == "交通物流" && t.keywords.contains(&"鐵路".to_owned())));
        assert!(rules.entities.contains(&EntityRule {
            kind: "document".into(),
            pattern: EntityPattern::Pair('《', '》')
        }));
    }

    #[test]
    fn a_malformed_line_is_reported_with_file_and_line() {
        let err = Rules::parse("# c\ncountry\n", ENTITIES, TOPICS).unwrap_err();
        assert_eq!(
            err.to_string(),
            "gazetteer.tsv, line 2: expected 2 tab-separated columns"
        );
    }
}

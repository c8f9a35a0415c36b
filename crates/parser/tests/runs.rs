//! Runs of stray parentheses: adjacent ones on a line are one anomaly with their count, so a
//! line of millions of `(` or `)` is one record; the text still rebuilds byte for byte.

use annotext_parser::{parse_str, AnomalyDetail, AnomalyKind, Position};

fn kinds_and_counts(text: &str) -> Vec<(AnomalyKind, Position, u32, String)> {
    let doc = parse_str("t", text).unwrap();
    assert_eq!(doc.rebuild(), text);
    doc.anomalies
        .iter()
        .map(|a| (a.kind, a.position, a.count(), doc.slice(a.span).to_owned()))
        .collect()
}

#[test]
fn adjacent_unmatched_closing_parentheses_are_one_run() {
    let found = kinds_and_counts("甲)）)乙)\n");
    assert_eq!(
        found,
        [
            (
                AnomalyKind::UnmatchedParenthesis,
                (1, 2).into(),
                3,
                ")）)".to_owned()
            ),
            (
                AnomalyKind::UnmatchedParenthesis,
                (1, 6).into(),
                1,
                ")".to_owned()
            ),
        ]
    );
}

#[test]
fn adjacent_unclosed_parentheses_are_one_run_to_the_end_of_the_line() {
    let found = kinds_and_counts("甲(（(乙\n丙\n");
    assert_eq!(
        found,
        [(
            AnomalyKind::UnclosedParenthesis,
            (1, 2).into(),
            3,
            "(（(乙".to_owned()
        )]
    );
    let doc = parse_str("t", "甲(（(乙\n").unwrap();
    assert_eq!(doc.anomalies[0].detail, AnomalyDetail::Run { count: 3 });
    assert_eq!(
        doc.anomalies[0].describe(&doc.text),
        "3 parentheses in a row never closed"
    );
}

#[test]
fn a_closing_parenthesis_shortens_the_run_it_closes() {
    // `(（(` then `)`: the last `(` is closed, two stay open; full-width closes too.
    let found = kinds_and_counts("甲(（(乙)丙\n");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].2, 2);
    assert_eq!(found[0].3, "(（(乙)丙");
    let found = kinds_and_counts("甲(（乙）\n");
    assert_eq!((found.len(), found[0].2), (1, 1));
    assert_eq!(found[0].1, (1, 2).into());
}

#[test]
fn a_million_open_parentheses_are_one_anomaly() {
    let text = format!("{}\n", "(".repeat(1_000_000));
    let doc = parse_str("t", &text).unwrap();
    assert_eq!(doc.anomalies.len(), 1);
    assert_eq!(doc.anomalies[0].count(), 1_000_000);
}

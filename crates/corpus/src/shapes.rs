//! Pathological inputs, the shapes a broken export or a hostile upload produces: a flood of one
//! parenthesis, hundreds of thousands of headings or items, one huge line, blank lines, deep
//! nesting, many tiny files. Each is sized by a count, so benchmarks can run two sizes and see
//! growth, and tests can check exact folded findings.

use std::fmt::Write as _;

/// One shape of pathological input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// One line of `n` opening parentheses `(`.
    OpenParens,
    /// One line of `n` closing parentheses `)`.
    CloseParens,
    /// `n` lines `一、`: every heading after the first restarts the numbering.
    Headings,
    /// `n` lines `1.` … `n.`: a long list of empty items.
    Items,
    /// One line of `n` characters of prose, no line break in it.
    LongLine,
    /// A line of text, then `n` blank lines.
    BlankLines,
    /// `中`, `n` parentheses opened, `中`, `n` closed: nesting `n` deep, all balanced.
    Nested,
    /// `n` files of one line each (see [`Shape::files`]).
    ManyFiles,
}

impl Shape {
    /// Every shape, in the order benchmarks list them.
    pub const ALL: [Shape; 8] = [
        Shape::OpenParens,
        Shape::CloseParens,
        Shape::Headings,
        Shape::Items,
        Shape::LongLine,
        Shape::BlankLines,
        Shape::Nested,
        Shape::ManyFiles,
    ];

    /// The shape's name on the command line (`annotext generate --shape open-parens`).
    pub fn name(self) -> &'static str {
        match self {
            Shape::OpenParens => "open-parens",
            Shape::CloseParens => "close-parens",
            Shape::Headings => "headings",
            Shape::Items => "items",
            Shape::LongLine => "long-line",
            Shape::BlankLines => "blank-lines",
            Shape::Nested => "nested",
            Shape::ManyFiles => "many-files",
        }
    }

    /// The shape named `name`.
    pub fn from_name(name: &str) -> Option<Shape> {
        Shape::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The text of the shape at size `n` (for [`Shape::ManyFiles`], one of its files).
    pub fn text(self, n: usize) -> String {
        match self {
            Shape::OpenParens => format!("{}\n", "(".repeat(n)),
            Shape::CloseParens => format!("{}\n", ")".repeat(n)),
            Shape::Headings => "一、\n".repeat(n),
            Shape::Items => {
                let mut out = String::with_capacity(n * 8);
                for i in 1..=n {
                    let _ = writeln!(out, "{i}.");
                }
                out
            }
            Shape::LongLine => {
                // The sample's own clause, repeated and cut to n characters.
                const CLAUSE: &str = "中國同中亞五國共同推進共建“一帶一路”合作，";
                let mut out: String = CLAUSE.chars().cycle().take(n).collect();
                out.push('\n');
                out
            }
            Shape::BlankLines => format!("中國\n{}", "\n".repeat(n)),
            Shape::Nested => format!("中{}中{}\n", "(".repeat(n), ")".repeat(n)),
            Shape::ManyFiles => "1.中(zhong)國(guo)\n".to_owned(),
        }
    }

    /// The files of the shape at size `n`: (relative path, text). One file for every shape but
    /// [`Shape::ManyFiles`], which is `n` one-line files spread over folders of 1,000.
    pub fn files(self, n: usize) -> Vec<(String, String)> {
        match self {
            Shape::ManyFiles => (0..n)
                .map(|i| {
                    (
                        format!("{:04}/f{i:07}.txt", i / 1000),
                        Shape::ManyFiles.text(1),
                    )
                })
                .collect(),
            shape => vec![(format!("{}.txt", shape.name()), shape.text(n))],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_have_the_size_asked_for() {
        assert_eq!(Shape::OpenParens.text(5), "(((((\n");
        assert_eq!(Shape::Items.text(3), "1.\n2.\n3.\n");
        assert_eq!(Shape::LongLine.text(100).chars().count(), 101);
        assert_eq!(Shape::Nested.text(2), "中((中))\n");
        assert_eq!(Shape::ManyFiles.files(1500).len(), 1500);
        for shape in Shape::ALL {
            assert_eq!(Shape::from_name(shape.name()), Some(shape));
        }
    }
}

//! CSV for spreadsheets: one cell at a time, quoted when needed, and defused when a spreadsheet
//! would run it as a formula (a value starting with `=`, `+`, `-`, `@`, tab or carriage return
//! gets a leading `'`).

pub fn cell(value: &str) -> String {
    let defused = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

/// One line of cells, ending in CRLF.
pub fn line<S: AsRef<str>>(cells: impl IntoIterator<Item = S>) -> String {
    let mut out = cells
        .into_iter()
        .map(|c| cell(c.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_defused() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(line(["-1", "x"]), "'-1,x\r\n");
    }
}

//! Print setup shared by every sheet: A4 landscape, one page wide, the header row on every
//! page, the sheet's name and the page number in the footer.

use rust_xlsxwriter::{Worksheet, XlsxError};

/// Excel's paper code for A4.
const A4: u8 = 9;

/// Sets up `sheet` for printing; `header_row` repeats its first row on every page.
pub(crate) fn print_setup(sheet: &mut Worksheet, header_row: bool) -> Result<(), XlsxError> {
    sheet.set_landscape();
    sheet.set_paper_size(A4);
    // One page wide, as many pages tall as the rows need.
    sheet.set_print_fit_to_pages(1, 0);
    if header_row {
        sheet.set_repeat_rows(0, 0)?;
    }
    // &A: the sheet's name; &P of &N: the page and the page count.
    sheet.set_footer("&L&A&Rpage &P of &N");
    Ok(())
}

//! 表格文件：reading and writing the tables users bring and take away —
//! .xlsx (and .xls/.ods) through calamine, .csv through the csv crate —
//! as text cells with the row numbers a spreadsheet program shows.
//!
//! Every importer uses [`read_table`], so the rules are the same
//! everywhere: a size limit checked before opening, formula cells refused,
//! blank rows skipped, headers matched by name. Writers put every value as a
//! string cell, never a formula, so a value starting with = + - @ cannot run.

use std::path::Path;

use calamine::{open_workbook_auto, Data, Range, Reader};
use rust_xlsxwriter::{Format, Workbook, Worksheet};

use crate::error::{AppError, AppResult, ErrorCode, Problem};

/// One sheet of text cells.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub sheet: String,
    /// the first non-blank row, trimmed
    pub headers: Vec<String>,
    pub header_row: u32,
    /// (1-based row number, cells) of the non-blank rows after the header
    pub rows: Vec<(u32, Vec<String>)>,
    /// rows holding a formula cell
    pub formula_rows: Vec<u32>,
}

impl Table {
    /// Index of a column by its header.
    pub fn col(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }
}

/// A cell as trimmed text. Number cells keep their shortest exact form
/// (`280`, `0.3`), which the money and quantity parsers read as decimals.
pub fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => t.date().to_string(),
            Some(t) => t.to_string(),
            None => dt.to_string(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

fn rows_of(range: &Range<Data>) -> Vec<(u32, Vec<String>)> {
    let (r0, c0) = range.start().unwrap_or((0, 0));
    range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            let mut cells: Vec<String> = vec![String::new(); c0 as usize];
            cells.extend(row.iter().map(cell_text));
            (r0 + i as u32 + 1, cells)
        })
        .collect()
}

fn split_header(sheet: &str, all: Vec<(u32, Vec<String>)>, formula_rows: Vec<u32>) -> Table {
    let mut it = all.into_iter().filter(|(_, c)| c.iter().any(|x| !x.is_empty()));
    let (header_row, headers) = it.next().unwrap_or((1, Vec::new()));
    let mut headers: Vec<String> = headers.into_iter().map(|h| h.trim().to_string()).collect();
    while headers.last().is_some_and(|h| h.is_empty()) {
        headers.pop();
    }
    Table {
        sheet: sheet.to_string(),
        headers,
        header_row,
        rows: it.collect(),
        formula_rows,
    }
}

fn too_big(path: &Path, max_bytes: u64) -> AppResult<()> {
    let meta = std::fs::metadata(path).map_err(|e| AppError::io("读取导入文件", &e))?;
    if meta.len() > max_bytes {
        return Err(AppError::new(
            ErrorCode::Import,
            format!(
                "文件太大（{}.{} MB），这类导入文件不能超过 {} MB；请检查是否选错了文件",
                meta.len() / 1_048_576,
                meta.len() * 10 / 1_048_576 % 10,
                max_bytes / 1_048_576
            ),
        ));
    }
    Ok(())
}

/// Opens a workbook (.xlsx, .xls, .ods) with a size limit.
/// The most a workbook may unpack to: a real shop's data-exchange workbook
/// of ten years stays far below it.
pub const MAX_UNPACKED_BYTES: u64 = 512 * 1_048_576;
/// Above this size, an unpacked workbook may be at most this many times its
/// packed size: real workbooks pack 5–20 to 1, a zip bomb thousands to 1.
const BOMB_FLOOR_BYTES: u64 = 64 * 1_048_576;
const MAX_PACK_RATIO: u64 = 100;

/// Refuses a zip-based workbook (.xlsx, .ods) whose entries would unpack to
/// more than [`MAX_UNPACKED_BYTES`], or to a suspicious multiple of its size,
/// reading only the zip's directory — before anything is unpacked. A file
/// that is not a zip is left to the reader.
fn unpacks_too_big(path: &Path) -> AppResult<()> {
    let file = std::fs::File::open(path).map_err(|e| AppError::io("读取导入文件", &e))?;
    let packed = file.metadata().map(|m| m.len()).unwrap_or(0);
    let Ok(mut zip) = zip::ZipArchive::new(std::io::BufReader::new(file)) else {
        return Ok(());
    };
    let mut unpacked: u64 = 0;
    for i in 0..zip.len() {
        if let Ok(entry) = zip.by_index_raw(i) {
            unpacked = unpacked.saturating_add(entry.size());
        }
    }
    let mb = |b: u64| b / 1_048_576;
    if unpacked > MAX_UNPACKED_BYTES || (unpacked > BOMB_FLOOR_BYTES && unpacked / packed.max(1) > MAX_PACK_RATIO) {
        return Err(AppError::new(
            ErrorCode::Import,
            format!(
                "这个文件解压后有 {} MB（文件本身 {} MB），超过导入的上限 {} MB 或不像正常的 Excel 文件，已拒绝，未读取任何内容",
                mb(unpacked),
                mb(packed),
                mb(MAX_UNPACKED_BYTES)
            ),
        ));
    }
    Ok(())
}

pub fn open_workbook(path: &Path, max_bytes: u64) -> AppResult<calamine::Sheets<std::io::BufReader<std::fs::File>>> {
    too_big(path, max_bytes)?;
    unpacks_too_big(path)?;
    open_workbook_auto(path).map_err(|e| {
        AppError::new(
            ErrorCode::Import,
            format!(
                "无法读取 Excel 文件：文件已损坏，或不是 Excel 工作簿（.xlsx/.xls/.ods）{}",
                english_detail(&e.to_string())
            ),
        )
    })
}

/// One sheet of an open workbook as a [`Table`]; `None` when it is absent.
pub fn workbook_table<RS: std::io::Read + std::io::Seek>(
    wb: &mut calamine::Sheets<RS>,
    sheet: &str,
) -> AppResult<Option<Table>> {
    if !wb.sheet_names().iter().any(|n| n == sheet) {
        return Ok(None);
    }
    let formula_rows = match wb.worksheet_formula(sheet) {
        Ok(f) => {
            let (r0, _) = f.start().unwrap_or((0, 0));
            f.rows()
                .enumerate()
                .filter(|(_, row)| row.iter().any(|c| !c.trim().is_empty()))
                .map(|(i, _)| r0 + i as u32 + 1)
                .collect()
        }
        Err(_) => Vec::new(),
    };
    let range = wb.worksheet_range(sheet).map_err(|e| {
        AppError::new(
            ErrorCode::Import,
            format!(
                "无法读取工作表「{sheet}」：工作表已损坏{}",
                english_detail(&e.to_string())
            ),
        )
    })?;
    Ok(Some(split_header(sheet, rows_of(&range), formula_rows)))
}

/// Reads the first sheet of an .xlsx/.xls/.ods, or a .csv (UTF-8, or GBK as
/// Excel and WPS in China save it — decoded as GB18030, its superset), as a
/// [`Table`].
pub fn read_table(path: &Path, max_bytes: u64) -> AppResult<Table> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    if ext == "csv" {
        too_big(path, max_bytes)?;
        let bytes = std::fs::read(path).map_err(|e| AppError::io("读取导入文件", &e))?;
        let text = match String::from_utf8(bytes) {
            Ok(t) => t.trim_start_matches('\u{feff}').to_string(),
            // not UTF-8: the GBK that Excel and WPS save "CSV（逗号分隔）" in
            Err(e) => {
                let (text, _, bad) = encoding_rs::GB18030.decode(e.as_bytes());
                if bad {
                    return Err(AppError::new(
                        ErrorCode::Import,
                        "CSV 文件既不是 UTF-8 也不是 GBK 编码，读不出中文；请在 Excel 中另存为「CSV UTF-8（逗号分隔）」或 .xlsx 后再导入",
                    ));
                }
                text.into_owned()
            }
        };
        // the csv reader skips blank lines; keep them (as a lone comma) so that
        // record i is line i + 1, the number a spreadsheet program shows
        let text: String = text
            .split_inclusive('\n')
            .map(|l| if l.trim().is_empty() { ",\n" } else { l })
            .collect();
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut all = Vec::new();
        for (i, rec) in rdr.records().enumerate() {
            let rec =
                rec.map_err(|e| AppError::new(ErrorCode::Import, format!("CSV 文件第 {} 行无法读取：{e}", i + 1)))?;
            all.push((i as u32 + 1, rec.iter().map(|c| c.trim().to_string()).collect()));
        }
        return Ok(split_header("CSV", all, Vec::new()));
    }
    if !matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods") {
        return Err(AppError::new(ErrorCode::Import, "只能导入 .xlsx、.xls 或 .csv 文件"));
    }
    let mut wb = open_workbook(path, max_bytes)?;
    let first = wb
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| AppError::new(ErrorCode::Import, "Excel 文件里没有工作表"))?;
    Ok(workbook_table(&mut wb, &first)?.expect("listed sheet"))
}

/// Checks that the table has the required headers and no unknown ones.
pub fn check_headers(t: &Table, required: &[&str], optional: &[&str], problems: &mut Vec<Problem>) {
    if t.headers.is_empty() {
        problems.push(Problem::row(&t.sheet, t.header_row, "工作表是空的"));
        return;
    }
    for r in required {
        if t.col(r).is_none() {
            problems.push(Problem::row(&t.sheet, t.header_row, format!("缺少列「{r}」")));
        }
    }
    for h in &t.headers {
        if !h.is_empty() && !required.contains(&h.as_str()) && !optional.contains(&h.as_str()) {
            problems.push(Problem::row(&t.sheet, t.header_row, format!("不认识的列「{h}」")));
        }
    }
    let mut seen = std::collections::HashSet::new();
    for h in &t.headers {
        if !h.is_empty() && !seen.insert(h) {
            problems.push(Problem::row(&t.sheet, t.header_row, format!("列「{h}」重复")));
        }
    }
    for r in &t.formula_rows {
        problems.push(Problem::row(&t.sheet, *r, "单元格是公式，请改为直接填写的值"));
    }
}

/// A library's English reason, kept for whoever maintains the PC but put
/// after the Chinese sentence and marked as the technical detail.
fn english_detail(e: &str) -> String {
    if e.trim().is_empty() {
        String::new()
    } else {
        format!("（技术细节：{e}）")
    }
}

pub(crate) fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> AppError {
    match e {
        rust_xlsxwriter::XlsxError::IoError(io) => AppError::io("保存 Excel 文件", &io),
        other => AppError::new(ErrorCode::Io, format!("写入 Excel 文件失败：{other}")),
    }
}

/// A decimal as an Excel number cell. An .xlsx number is a binary double, so
/// the exact value (money in yuan, a rate in percent, a count) is converted
/// only here, at the file's edge, from its `Decimal` — never computed with.
pub fn excel_number(decimal: &str) -> Option<f64> {
    use rust_decimal::prelude::ToPrimitive;
    decimal.trim().parse::<rust_decimal::Decimal>().ok()?.to_f64()
}

/// Adds a sheet of text cells: bold frozen header, column widths in characters.
pub fn add_sheet(wb: &mut Workbook, name: &str, headers: &[(&str, u16)], rows: &[Vec<String>]) -> AppResult<()> {
    let ws: &mut Worksheet = wb.add_worksheet();
    ws.set_name(name).map_err(xlsx_err)?;
    let bold = Format::new().set_bold();
    for (i, (h, w)) in headers.iter().enumerate() {
        ws.write_string_with_format(0, i as u16, *h, &bold).map_err(xlsx_err)?;
        ws.set_column_width(i as u16, *w).map_err(xlsx_err)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx_err)?;
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, v).map_err(xlsx_err)?;
        }
    }
    Ok(())
}

/// Writes one table as an .xlsx file.
pub fn write_table(path: &Path, sheet: &str, headers: &[(&str, u16)], rows: &[Vec<String>]) -> AppResult<()> {
    let mut wb = Workbook::new();
    add_sheet(&mut wb, sheet, headers, rows)?;
    save_workbook(&mut wb, path)
}

/// Adds a sheet written row by row to a temp file beside the output instead
/// of memory (rust_xlsxwriter's constant-memory mode): the header row in
/// bold, the column widths, the first row frozen. Rows must then be written
/// in order.
pub fn add_streamed_sheet<'a>(
    wb: &'a mut Workbook,
    name: &str,
    headers: &[(&str, u16)],
) -> AppResult<&'a mut Worksheet> {
    let ws = wb.add_worksheet_with_constant_memory().map_err(xlsx_err)?;
    ws.set_name(name).map_err(xlsx_err)?;
    let bold = Format::new().set_bold();
    for (i, (h, w)) in headers.iter().enumerate() {
        ws.set_column_width(i as u16, *w).map_err(xlsx_err)?;
        ws.write_string_with_format(0, i as u16, *h, &bold).map_err(xlsx_err)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx_err)?;
    Ok(ws)
}

/// Saves a workbook as `path` the one safe way ([`crate::paths::write_atomically`]):
/// never onto a database file, never half a file under the chosen name.
pub fn save_workbook(wb: &mut Workbook, path: &Path) -> AppResult<()> {
    let mut failed = None;
    let r = crate::paths::write_atomically_with(path, |f| {
        let mut w = std::io::BufWriter::new(f);
        wb.save_to_writer(&mut w).map_err(|e| {
            let m = xlsx_err(e);
            failed = Some(m.clone());
            std::io::Error::other(m.message)
        })?;
        std::io::Write::flush(&mut w)
    });
    match (r, failed) {
        (Err(_), Some(e)) => Err(e),
        (r, _) => r,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zip_bomb_is_refused_before_anything_is_unpacked() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let bomb = dir.path().join("bomb.xlsx");
        {
            let mut z = zip::ZipWriter::new(std::fs::File::create(&bomb).unwrap());
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .large_file(true);
            z.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
            let zeros = vec![b'0'; 1 << 20];
            for _ in 0..100 {
                z.write_all(&zeros).unwrap();
            }
            z.finish().unwrap();
        }
        let packed = std::fs::metadata(&bomb).unwrap().len();
        assert!(packed < 2 * 1_048_576, "{packed}");
        let e = open_workbook(&bomb, 50 * 1_048_576).err().expect("refused");
        assert!(
            e.message.contains("解压后有 100 MB") && e.message.contains("已拒绝"),
            "{}",
            e.message
        );
        // a real workbook passes
        let ok = dir.path().join("ok.xlsx");
        write_table(&ok, "配件目录", &[("配件编号", 12)], &[vec!["A-1".into()]]).unwrap();
        assert!(open_workbook(&ok, 50 * 1_048_576).is_ok());
    }

    #[test]
    fn csv_and_xlsx_read_the_same_with_row_numbers() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("a.csv");
        std::fs::write(&csv, "\u{feff}配件编号,配件名称\n\n A-1 ,机油滤清器\n").unwrap();
        let t = read_table(&csv, 1 << 20).unwrap();
        assert_eq!(t.headers, vec!["配件编号", "配件名称"]);
        assert_eq!(t.rows, vec![(3, vec!["A-1".to_string(), "机油滤清器".to_string()])]);

        let x = dir.path().join("a.xlsx");
        write_table(
            &x,
            "配件",
            &[("配件编号", 10), ("配件名称", 10)],
            &[vec!["A-1".into(), "机油滤清器".into()]],
        )
        .unwrap();
        let t = read_table(&x, 1 << 20).unwrap();
        assert_eq!(t.rows, vec![(2, vec!["A-1".to_string(), "机油滤清器".to_string()])]);
    }

    #[test]
    fn a_gbk_csv_as_chinese_excel_saves_it_reads_as_utf8_does() {
        let dir = tempfile::tempdir().unwrap();
        let text = "配件编号,配件名称\nA-1,机油滤清器\n";
        let (gbk_bytes, _, _) = encoding_rs::GBK.encode(text);
        let gbk = dir.path().join("g.csv");
        std::fs::write(&gbk, &gbk_bytes).unwrap();
        let utf8 = dir.path().join("u.csv");
        std::fs::write(&utf8, text).unwrap();
        let (a, b) = (read_table(&gbk, 1 << 20).unwrap(), read_table(&utf8, 1 << 20).unwrap());
        assert_eq!(a.headers, vec!["配件编号", "配件名称"]);
        assert_eq!((a.headers, a.rows), (b.headers, b.rows));
    }

    #[test]
    fn bad_files_get_chinese_reasons() {
        let dir = tempfile::tempdir().unwrap();
        // bytes that are neither UTF-8 nor GBK
        let noise = dir.path().join("n.csv");
        std::fs::write(&noise, [0x81u8, 0x20, 0xFF, 0xFE, b'\n']).unwrap();
        assert!(read_table(&noise, 1 << 20)
            .unwrap_err()
            .message
            .contains("既不是 UTF-8 也不是 GBK"));
        let txt = dir.path().join("g.txt");
        std::fs::write(&txt, "x").unwrap();
        assert_eq!(
            read_table(&txt, 1 << 20).unwrap_err().message,
            "只能导入 .xlsx、.xls 或 .csv 文件"
        );
        let big = dir.path().join("big.csv");
        std::fs::File::create(&big).unwrap().set_len(10 * 1_048_576).unwrap();
        assert!(read_table(&big, 5 * 1_048_576)
            .unwrap_err()
            .message
            .starts_with("文件太大（10.0 MB）"));
    }
}

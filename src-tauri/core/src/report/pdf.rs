//! PDF：the monthly summary and the factory report as A4 PDFs, drawn with
//! krilla (a maintained PDF writer: fonts subset and embedded, text kept as
//! real text with a ToUnicode map, so pdftotext and search find it). The
//! font is WenQuanYi Micro Hei, compiled into the binary (assets/fonts), so
//! nothing is fetched and the reader needs no Chinese font.
//!
//! Layout is by hand on a fixed grid: the summary is one page by design
//! (22 rows, a sparkline each, the to-do counts), like the print view.

use std::path::Path;
use std::sync::OnceLock;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla::Document;

use super::factory::FactoryReport;
use super::summary::{self, MonthlySummary};
use crate::error::{AppError, AppResult, ErrorCode};

static FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/wqy-microhei.ttc");

/// A4 in points: page geometry in the f32 the PDF library draws with (no
/// money or quantity is ever an f32; they reach the page as formatted text).
const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 40.0;

const INK: (u8, u8, u8) = (0x1f, 0x2d, 0x3d);
const MUTED: (u8, u8, u8) = (0x6b, 0x77, 0x8c);
const RULE: (u8, u8, u8) = (0xc8, 0xcf, 0xda);
const BAND: (u8, u8, u8) = (0xee, 0xf1, 0xf6);
const GOOD: (u8, u8, u8) = (0x1e, 0x8e, 0x5a);
const BAD: (u8, u8, u8) = (0xc8, 0x30, 0x4a);

fn face() -> &'static ttf_parser::Face<'static> {
    static FACE: OnceLock<ttf_parser::Face<'static>> = OnceLock::new();
    FACE.get_or_init(|| ttf_parser::Face::parse(FONT_BYTES, 0).expect("the bundled font parses"))
}

fn pdf_err(what: &str, e: impl std::fmt::Debug) -> AppError {
    AppError::new(ErrorCode::Io, format!("生成 PDF 失败（{what}）：{e:?}"))
}

/// Drawing helpers over one page's surface.
struct Pen<'a, 'b> {
    s: &'a mut Surface<'b>,
    font: Font,
}

fn color((r, g, b): (u8, u8, u8)) -> krilla::paint::Paint {
    rgb::Color::new(r, g, b).into()
}

/// The width of `text` at `size` points, from the font's advances.
fn width(text: &str, size: f32) -> f32 {
    let f = face();
    let upm = f.units_per_em() as f32;
    text.chars()
        .map(|c| {
            f.glyph_index(c)
                .and_then(|g| f.glyph_hor_advance(g))
                .map(|a| a as f32)
                .unwrap_or(upm / 2.0)
        })
        .sum::<f32>()
        * size
        / upm
}

impl Pen<'_, '_> {
    fn text(&mut self, x: f32, y: f32, size: f32, ink: (u8, u8, u8), t: &str) {
        if t.is_empty() {
            return;
        }
        self.s.set_stroke(None);
        self.s.set_fill(Some(Fill {
            paint: color(ink),
            ..Default::default()
        }));
        self.s.draw_text(
            Point::from_xy(x, y),
            self.font.clone(),
            size,
            t,
            false,
            TextDirection::Auto,
        );
    }

    fn right(&mut self, x_right: f32, y: f32, size: f32, ink: (u8, u8, u8), t: &str) {
        self.text(x_right - width(t, size), y, size, ink, t);
    }

    fn center(&mut self, x_mid: f32, y: f32, size: f32, ink: (u8, u8, u8), t: &str) {
        self.text(x_mid - width(t, size) / 2.0, y, size, ink, t);
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: (u8, u8, u8)) {
        let mut pb = PathBuilder::new();
        if let Some(r) = Rect::from_xywh(x, y, w, h) {
            pb.push_rect(r);
        }
        if let Some(p) = pb.finish() {
            self.s.set_stroke(None);
            self.s.set_fill(Some(Fill {
                paint: color(fill),
                ..Default::default()
            }));
            self.s.draw_path(&p);
        }
    }

    fn polyline(&mut self, pts: &[(f32, f32)], w: f32, ink: (u8, u8, u8)) {
        if pts.len() < 2 {
            return;
        }
        let mut pb = PathBuilder::new();
        pb.move_to(pts[0].0, pts[0].1);
        for p in &pts[1..] {
            pb.line_to(p.0, p.1);
        }
        if let Some(p) = pb.finish() {
            self.s.set_fill(None);
            self.s.set_stroke(Some(Stroke {
                paint: color(ink),
                width: w,
                ..Default::default()
            }));
            self.s.draw_path(&p);
            self.s.set_stroke(None);
        }
    }

    fn hline(&mut self, x1: f32, x2: f32, y: f32, w: f32, ink: (u8, u8, u8)) {
        self.polyline(&[(x1, y), (x2, y)], w, ink);
    }

    fn vline(&mut self, x: f32, y1: f32, y2: f32, w: f32, ink: (u8, u8, u8)) {
        self.polyline(&[(x, y1), (x, y2)], w, ink);
    }

    /// A box's outline.
    fn frame(&mut self, x: f32, y: f32, w: f32, h: f32, lw: f32, ink: (u8, u8, u8)) {
        self.polyline(&[(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)], lw, ink);
    }

    fn dot(&mut self, x: f32, y: f32, r: f32, ink: (u8, u8, u8)) {
        self.rect(x - r, y - r, 2.0 * r, 2.0 * r, ink);
    }

    /// A 12-month sparkline in the box: gaps where a month has no data; the
    /// last point marked.
    fn sparkline(&mut self, x: f32, y: f32, w: f32, h: f32, values: &[Option<f64>]) {
        let known: Vec<f64> = values.iter().flatten().copied().collect();
        if known.is_empty() {
            self.text(x, y + h - 2.0, 7.5, MUTED, "无数据");
            return;
        }
        let (lo, hi) = known
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(*v), b.max(*v)));
        let span = if hi - lo < 1e-9 { 1.0 } else { hi - lo };
        let n = values.len().max(2) as f32;
        let at =
            |i: usize, v: f64| -> (f32, f32) { (x + w * i as f32 / (n - 1.0), y + h - (h * ((v - lo) / span) as f32)) };
        self.hline(x, x + w, y + h + 0.5, 0.3, RULE);
        let mut run: Vec<(f32, f32)> = Vec::new();
        for (i, v) in values.iter().enumerate() {
            match v {
                Some(v) => run.push(at(i, *v)),
                None => {
                    self.polyline(&run, 0.9, INK);
                    if run.len() == 1 {
                        self.dot(run[0].0, run[0].1, 0.9, INK);
                    }
                    run.clear();
                }
            }
        }
        self.polyline(&run, 0.9, INK);
        if let Some(Some(v)) = values.last() {
            let (px, py) = at(values.len() - 1, *v);
            self.dot(px, py, 1.3, INK);
        }
    }
}

fn new_doc(title: &str) -> (Document, Font) {
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(title.to_string())
            .creator("摩托车4S店服务经理台".to_string())
            .language("zh-CN".to_string()),
    );
    let font = Font::new(FONT_BYTES.into(), 0).expect("the bundled font loads");
    (doc, font)
}

fn save(doc: Document, out: &Path) -> AppResult<()> {
    let bytes = doc.finish().map_err(|e| pdf_err("写出", e))?;
    crate::paths::write_atomically(out, &bytes)
}

/// A one-page A4 notice: an issuer's heading, a title, the document number
/// and paragraphs (wrapped to the page). The demo shop's scanned 技术通报
/// is one of these, kept as its attachment.
pub fn notice_bytes(issuer: &str, title: &str, number: &str, paragraphs: &[&str]) -> AppResult<Vec<u8>> {
    let (mut doc, font) = new_doc(title);
    {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| pdf_err("页面", "A4"))?;
        let mut page = doc.start_page_with(settings);
        let mut surface = page.surface();
        let mut p = Pen { s: &mut surface, font };
        let (l, r) = (MARGIN + 20.0, PAGE_W - MARGIN - 20.0);
        let mid = PAGE_W / 2.0;
        let mut y = MARGIN + 40.0;
        p.center(mid, y, 20.0, BAD, issuer);
        y += 16.0;
        p.center(mid, y, 10.0, INK, number);
        y += 8.0;
        p.hline(l, r, y, 1.2, BAD);
        y += 34.0;
        p.center(mid, y, 15.0, INK, title);
        y += 30.0;
        let size = 11.0;
        for para in paragraphs {
            // wrap by width, two full-width spaces of indent
            let mut line = String::from("　　");
            for ch in para.chars() {
                line.push(ch);
                if width(&line, size) > r - l - size {
                    p.text(l, y, size, INK, &line);
                    y += size * 1.8;
                    line.clear();
                }
            }
            if !line.trim().is_empty() {
                p.text(l, y, size, INK, &line);
                y += size * 1.8;
            }
            y += 4.0;
        }
    }
    doc.finish().map_err(|e| pdf_err("写出", e))
}

/// The monthly summary on one A4 page.
pub fn write_summary(s: &MonthlySummary, out: &Path) -> AppResult<()> {
    crate::paths::write_atomically(out, &summary_bytes(s)?)
}

/// The summary PDF's bytes: the same document as the window's print — the
/// rows, notes, to-do lines, remarks box and signature line of
/// [`MonthlySummary`], ruled as a form, all in black (shops print in black
/// and white).
pub fn summary_bytes(s: &MonthlySummary) -> AppResult<Vec<u8>> {
    let d = &s.dashboard;
    let (mut doc, font) = new_doc(&format!("{} 售后服务月度汇总 {}", d.shop_name, s.month_label));
    {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| pdf_err("页面", "A4"))?;
        let mut page = doc.start_page_with(settings);
        let mut surface = page.surface();
        let mut p = Pen { s: &mut surface, font };
        let (l, r) = (MARGIN, PAGE_W - MARGIN);
        let mut y = MARGIN + 10.0;
        p.center(PAGE_W / 2.0, y, 15.0, INK, &format!("{} 售后服务月度汇总", d.shop_name));
        y += 16.0;
        p.text(l, y, 8.5, INK, &s.meta);
        y += 5.0;

        // columns (left edges): 序号 指标 本月 上月 变化 目标 评价 近12个月
        let edges = [
            l,
            l + 28.0,
            l + 118.0,
            l + 196.0,
            l + 268.0,
            l + 352.0,
            l + 392.0,
            l + 428.0,
            r,
        ];
        let pad = 3.0;
        let head_h = 14.0;
        let band_h = 13.0;
        let row_h = 16.0;
        let top = y;
        p.rect(l, y, r - l, head_h, BAND);
        let heads = ["序号", "指标", "本月", "上月", "变化", "目标", "评价", "近12个月"];
        for (k, h) in heads.iter().enumerate() {
            p.center((edges[k] + edges[k + 1]) / 2.0, y + 10.0, 8.5, INK, h);
        }
        p.hline(l, r, y, 0.8, INK);
        // the column rules cross the header and the indicator rows, not the
        // group bands (a band is one cell across the table, as on the print)
        let mut ruled: Vec<(f32, f32)> = vec![(y, y + head_h)];
        y += head_h;
        p.hline(l, r, y, 0.5, INK);
        let mut group = "";
        for row in &s.rows {
            if row.group != group {
                group = row.group;
                p.rect(l, y, r - l, band_h, BAND);
                p.text(l + pad, y + 9.5, 8.5, INK, group);
                y += band_h;
                p.hline(l, r, y, 0.3, INK);
            }
            let base = y + 11.5;
            p.text(edges[0] + pad, base, 8.5, INK, &summary::row_no(row));
            p.text(edges[1] + pad, base, 9.0, INK, row.name);
            p.right(edges[3] - pad, base, 9.0, INK, &row.now);
            p.right(edges[4] - pad, base, 8.5, INK, &row.previous);
            p.right(edges[5] - pad, base, 8.0, INK, &row.change);
            p.text(edges[5] + pad, base, 8.5, INK, &row.target);
            p.text(edges[6] + pad, base, 8.5, INK, row.mark);
            p.sparkline(
                edges[7] + pad,
                y + 2.5,
                edges[8] - edges[7] - 2.0 * pad,
                row_h - 6.0,
                &summary::trend_numbers(s, row.no),
            );
            ruled.push((y, y + row_h));
            y += row_h;
            p.hline(l, r, y, 0.3, INK);
        }
        p.hline(l, r, y, 0.8, INK);
        p.vline(l, top, y, 0.8, INK);
        p.vline(r, top, y, 0.8, INK);
        for x in &edges[1..edges.len() - 1] {
            for (y1, y2) in &ruled {
                p.vline(*x, *y1, *y2, 0.3, INK);
            }
        }
        y += 11.0;
        p.text(l, y, 8.0, INK, summary::LEGEND);
        for n in &s.notes {
            y += 10.5;
            p.text(l, y, 8.0, INK, &format!("{}：{}", n.label, n.text));
        }

        // 待办, four to a row, each count with its unit
        y += 16.0;
        p.text(l, y, 10.0, INK, "待办（截至生成时）");
        y += 4.0;
        let col_w = (r - l) / 4.0;
        let rows = s.todo_lines.len().div_ceil(4);
        let todo_top = y;
        for (k, t) in s.todo_lines.iter().enumerate() {
            let cx = l + col_w * (k % 4) as f32;
            let cy = y + 11.0 + 14.0 * (k / 4) as f32;
            p.text(cx + pad, cy, 8.5, INK, t.label);
            p.right(cx + col_w - pad, cy, 9.0, INK, &format!("{} {}", t.count, t.unit));
        }
        y += 14.0 * rows as f32 + 2.0;
        for k in 0..=rows {
            p.hline(l, r, todo_top + 14.0 * k as f32, 0.3, INK);
        }
        for k in 0..=4 {
            let x = l + col_w * k as f32;
            p.vline(x, todo_top, todo_top + 14.0 * rows as f32, 0.3, INK);
        }

        // the manager's own summary, written by hand, and the signatures
        let sign_y = PAGE_H - MARGIN - 6.0;
        y += 10.0;
        let box_bottom = sign_y - 18.0;
        if box_bottom - y >= 30.0 {
            p.frame(l, y, r - l, box_bottom - y, 0.5, INK);
            p.text(l + pad, y + 11.0, 8.5, INK, summary::REMARKS_TITLE);
        }
        let sign_w = (r - l) / summary::SIGNATURES.len() as f32;
        for (k, who) in summary::SIGNATURES.iter().enumerate() {
            p.text(l + sign_w * k as f32, sign_y, 9.5, INK, &format!("{who}：__________"));
        }
        p.center(
            PAGE_W / 2.0,
            PAGE_H - MARGIN + 22.0,
            7.0,
            MUTED,
            &format!("{} · {} · 第 1 页 共 1 页", d.shop_name, s.month_label),
        );
    }
    doc.finish().map_err(|e| pdf_err("写出", e))
}

/// The factory report (工厂关注指标) on one A4 page.
pub fn write_factory(r: &FactoryReport, out: &Path) -> AppResult<()> {
    let (mut doc, font) = new_doc(&format!("{} 工厂关注指标 {}", r.shop_name, r.month_label));
    {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| pdf_err("页面", "A4"))?;
        let mut page = doc.start_page_with(settings);
        let mut surface = page.surface();
        let mut p = Pen { s: &mut surface, font };
        let (l, rr) = (MARGIN + 20.0, PAGE_W - MARGIN - 20.0);
        let mut y = MARGIN + 30.0;
        p.center(PAGE_W / 2.0, y, 17.0, INK, "工厂关注指标上报表");
        y += 30.0;
        p.text(l, y, 10.0, INK, &format!("服务店：{}", r.shop_name));
        p.right(rr, y, 10.0, INK, &format!("月份：{}", r.month_label));
        y += 16.0;
        let sent = match &r.sent_on {
            Some(d) => format!("上报日期：{d}"),
            None => "上报日期：____年__月__日".to_string(),
        };
        p.text(l, y, 10.0, INK, &sent);
        y += 12.0;
        p.hline(l, rr, y, 1.0, INK);
        y += 18.0;
        let (c_no, c_name, c_val, c_tgt, c_mark) = (l + 4.0, l + 40.0, l + 300.0, l + 320.0, l + 400.0);
        p.text(c_no, y, 9.5, MUTED, "序号");
        p.text(c_name, y, 9.5, MUTED, "指标");
        p.right(c_val, y, 9.5, MUTED, "数值");
        p.text(c_tgt, y, 9.5, MUTED, "目标");
        p.text(c_mark, y, 9.5, MUTED, "评价");
        y += 7.0;
        p.hline(l, rr, y, 0.5, RULE);
        for (k, f) in r.figures.iter().enumerate() {
            y += 30.0;
            p.text(c_no, y, 11.0, INK, &(k + 1).to_string());
            p.text(c_name, y, 11.0, INK, f.name);
            p.right(c_val, y, 12.0, INK, &f.display);
            p.text(c_tgt, y, 10.0, INK, &f.target);
            p.text(
                c_mark,
                y,
                10.0,
                match f.mark {
                    "good" => GOOD,
                    "bad" => BAD,
                    _ => MUTED,
                },
                f.mark_text,
            );
            if let Some(m) = &f.missing {
                p.text(c_name, y + 12.0, 8.0, INK, m);
            } else if let Some(a) = &f.aside {
                p.text(c_name, y + 12.0, 8.0, MUTED, a);
            }
            y += 10.0;
            p.hline(l, rr, y, 0.3, RULE);
        }
        y += 40.0;
        p.text(l, y, 10.0, INK, "服务经理签字：______________");
        p.right(rr, y, 10.0, INK, "日期：______________");
        p.center(
            PAGE_W / 2.0,
            PAGE_H - MARGIN + 16.0,
            7.5,
            MUTED,
            "指标按服务经理台当月记录计算：库存金额为月末结存；一次供应率为一次供应期在当月结束的订单的品种供应率，数量供应率附后。",
        );
    }
    save(doc, out)
}

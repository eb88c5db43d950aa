//! A small layout engine for A4 documents: blocks are cut into horizontal strips, the strips
//! are stacked onto pages inside 20 mm margins, and every page gets the same running header
//! and a page number. Nothing is placed outside the margins: text is wrapped to its column
//! with the font's own advance widths, and a strip that does not fit goes to the next page.

pub mod paint;
pub mod qr;
pub mod wrap;

use crate::error::ReportError;
use crate::font::{Face, Fonts, MM_PER_PT};
use wrap::wrap;

/// A4 width in millimetres.
pub const PAGE_W: f32 = 210.0;
/// A4 height in millimetres.
pub const PAGE_H: f32 = 297.0;
/// Margin on every side in millimetres.
pub const MARGIN: f32 = 20.0;
/// Width of the text area in millimetres.
pub const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN;

const BODY: f32 = 10.0;
const SMALL: f32 = 8.0;
const TITLE: f32 = 13.0;
const LABEL_W: f32 = 72.0;
const COL_GAP: f32 = 4.0;
const LIST_INDENT: f32 = 8.0;
const QR_SIZE: f32 = 32.0;
const FOOTER_H: f32 = 6.0;

/// One thing painted on a page, in millimetres measured from the page's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A line of text; `top` is the top of its line box, the baseline lies below it.
    Text {
        /// Left edge.
        x: f32,
        /// Top of the line box.
        top: f32,
        /// Font size in points.
        size: f32,
        /// Regular or bold.
        face: Face,
        /// The text, already wrapped to fit.
        text: String,
    },
    /// A filled rectangle in the given grey (0 = black).
    Fill {
        /// Left edge.
        x: f32,
        /// Top edge.
        top: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Grey level from 0 (black) to 1 (white).
        grey: f32,
    },
}

/// The running header repeated at the top of every page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageHeader {
    /// The office's name, Kazakh / Russian.
    pub office: String,
    /// Address and phones.
    pub contacts: String,
    /// Document title for the running line.
    pub title: String,
    /// Document number.
    pub number: String,
}

/// A piece of document content, laid out top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Centered bold title; each line of the text is its own centered line.
    Title(String),
    /// A bilingual label (Kazakh / Russian) on the left and its value on the right.
    Row {
        /// Label in Kazakh.
        kk: String,
        /// Label in Russian.
        ru: String,
        /// The value.
        value: String,
    },
    /// Running text.
    Paragraph {
        /// The text; newlines start new lines.
        text: String,
        /// Regular or bold.
        face: Face,
        /// Font size in points.
        size: f32,
    },
    /// A numbered list.
    List(Vec<String>),
    /// A framed block of lines: the signature details.
    Signature(Vec<String>),
    /// A QR code with caption lines beside it.
    Qr {
        /// What the code carries.
        payload: String,
        /// Lines printed to its right.
        caption: Vec<String>,
    },
    /// Vertical space; dropped at the top of a page.
    Gap(f32),
}

impl Block {
    /// A paragraph in the body size.
    pub fn text(text: impl Into<String>) -> Self {
        Self::Paragraph {
            text: text.into(),
            face: Face::Regular,
            size: BODY,
        }
    }

    /// A paragraph in the small size, for notes and the legal line.
    pub fn small(text: impl Into<String>) -> Self {
        Self::Paragraph {
            text: text.into(),
            face: Face::Regular,
            size: SMALL,
        }
    }

    /// A bilingual row.
    pub fn row(kk: impl Into<String>, ru: impl Into<String>, value: impl Into<String>) -> Self {
        Self::Row {
            kk: kk.into(),
            ru: ru.into(),
            value: value.into(),
        }
    }
}

/// A horizontal slice of content that is never split across pages.
#[derive(Debug, Default)]
struct Strip {
    height: f32,
    items: Vec<Item>,
    gap: bool,
}

fn line_h(size: f32) -> f32 {
    size * 1.3 * MM_PER_PT
}

fn text(x: f32, top: f32, size: f32, face: Face, s: impl Into<String>) -> Item {
    Item::Text {
        x,
        top,
        size,
        face,
        text: s.into(),
    }
}

fn rule(x: f32, top: f32, w: f32, grey: f32) -> Item {
    Item::Fill {
        x,
        top,
        w,
        h: 0.2,
        grey,
    }
}

/// Lines of one face and size, one strip each.
fn line_strips(fonts: &Fonts, s: &str, face: Face, size: f32, x: f32, w: f32) -> Vec<Strip> {
    wrap(fonts, s, face, size, w)
        .into_iter()
        .map(|l| Strip {
            height: line_h(size),
            items: vec![text(x, 0.0, size, face, l)],
            gap: false,
        })
        .collect()
}

fn strips(fonts: &Fonts, block: &Block) -> Result<Vec<Strip>, ReportError> {
    let mut out = Vec::new();
    match block {
        Block::Title(t) => {
            for line in wrap(fonts, t, Face::Bold, TITLE, TEXT_W) {
                let w = fonts.width_mm(&line, Face::Bold, TITLE);
                out.push(Strip {
                    height: line_h(TITLE),
                    items: vec![text(
                        MARGIN + (TEXT_W - w) / 2.0,
                        0.0,
                        TITLE,
                        Face::Bold,
                        line,
                    )],
                    gap: false,
                });
            }
        }
        Block::Row { kk, ru, value } => {
            let label = format!("{kk} / {ru}");
            let labels = wrap(fonts, &label, Face::Regular, SMALL + 1.0, LABEL_W);
            let vx = MARGIN + LABEL_W + COL_GAP;
            let values = wrap(fonts, value, Face::Bold, BODY, TEXT_W - LABEL_W - COL_GAP);
            let n = labels.len().max(values.len());
            for i in 0..n {
                let mut items = Vec::new();
                if let Some(l) = labels.get(i) {
                    items.push(text(MARGIN, 0.0, SMALL + 1.0, Face::Regular, l.clone()));
                }
                if let Some(v) = values.get(i) {
                    items.push(text(vx, 0.0, BODY, Face::Bold, v.clone()));
                }
                let mut height = line_h(BODY);
                if i + 1 == n {
                    height += 1.2;
                    items.push(rule(MARGIN, height - 0.4, TEXT_W, 0.8));
                }
                out.push(Strip {
                    height,
                    items,
                    gap: false,
                });
            }
        }
        Block::Paragraph {
            text: t,
            face,
            size,
        } => {
            out = line_strips(fonts, t, *face, *size, MARGIN, TEXT_W);
        }
        Block::List(items) => {
            for (i, item) in items.iter().enumerate() {
                let mut lines = line_strips(
                    fonts,
                    item,
                    Face::Regular,
                    BODY,
                    MARGIN + LIST_INDENT,
                    TEXT_W - LIST_INDENT,
                );
                if let Some(first) = lines.first_mut() {
                    first.items.push(text(
                        MARGIN,
                        0.0,
                        BODY,
                        Face::Regular,
                        format!("{}.", i + 1),
                    ));
                }
                out.extend(lines);
            }
        }
        Block::Signature(lines) => {
            let x = MARGIN + 3.0;
            let w = TEXT_W - 3.0;
            for line in lines {
                for mut s in line_strips(fonts, line, Face::Regular, SMALL + 1.0, x, w) {
                    s.items.push(Item::Fill {
                        x: MARGIN,
                        top: 0.0,
                        w: 0.8,
                        h: s.height,
                        grey: 0.35,
                    });
                    out.push(s);
                }
            }
        }
        Block::Qr { payload, caption } => {
            let modules = qr::encode(payload)?;
            let m = QR_SIZE / modules.width as f32;
            let mut items: Vec<Item> = modules
                .runs
                .iter()
                .map(|&(row, col, len)| Item::Fill {
                    x: MARGIN + col as f32 * m,
                    top: row as f32 * m,
                    w: len as f32 * m,
                    h: m,
                    grey: 0.0,
                })
                .collect();
            let cx = MARGIN + QR_SIZE + 8.0;
            let mut top = 0.0;
            for line in caption {
                for l in wrap(fonts, line, Face::Regular, SMALL, PAGE_W - MARGIN - cx) {
                    items.push(text(cx, top, SMALL, Face::Regular, l));
                    top += line_h(SMALL);
                }
            }
            out.push(Strip {
                height: QR_SIZE.max(top),
                items,
                gap: false,
            });
        }
        Block::Gap(h) => out.push(Strip {
            height: *h,
            items: Vec::new(),
            gap: true,
        }),
    }
    Ok(out)
}

fn header_items(fonts: &Fonts, header: &PageHeader) -> (Vec<Item>, f32) {
    let mut items = Vec::new();
    let mut top = MARGIN;
    for l in wrap(fonts, &header.office, Face::Bold, BODY, TEXT_W) {
        items.push(text(MARGIN, top, BODY, Face::Bold, l));
        top += line_h(BODY);
    }
    for l in wrap(fonts, &header.contacts, Face::Regular, SMALL, TEXT_W) {
        items.push(text(MARGIN, top, SMALL, Face::Regular, l));
        top += line_h(SMALL);
    }
    let running = format!("{} · № {}", header.title, header.number);
    for l in wrap(fonts, &running, Face::Regular, SMALL, TEXT_W) {
        items.push(text(MARGIN, top, SMALL, Face::Regular, l));
        top += line_h(SMALL);
    }
    top += 1.0;
    items.push(rule(MARGIN, top, TEXT_W, 0.0));
    (items, top + 4.0)
}

/// Lays `blocks` out on as many A4 pages as they need; every page starts with the running
/// header and ends with its number ("1/2").
pub fn lay_out(
    fonts: &Fonts,
    header: &PageHeader,
    blocks: &[Block],
) -> Result<Vec<Vec<Item>>, ReportError> {
    let (head, content_top) = header_items(fonts, header);
    let bottom = PAGE_H - MARGIN - FOOTER_H;
    let mut pages: Vec<Vec<Item>> = vec![head.clone()];
    let mut y = content_top;
    for block in blocks {
        for strip in strips(fonts, block)? {
            if strip.gap {
                if y > content_top {
                    y = (y + strip.height).min(bottom);
                }
                continue;
            }
            if y + strip.height > bottom && y > content_top {
                pages.push(head.clone());
                y = content_top;
            }
            if let Some(page) = pages.last_mut() {
                page.extend(strip.items.into_iter().map(|item| shift(item, y)));
            }
            y += strip.height;
        }
    }
    let total = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        let label = format!("{}/{}", i + 1, total);
        let w = fonts.width_mm(&label, Face::Regular, SMALL);
        page.push(text(
            PAGE_W - MARGIN - w,
            PAGE_H - MARGIN - line_h(SMALL),
            SMALL,
            Face::Regular,
            label,
        ));
    }
    Ok(pages)
}

fn shift(item: Item, dy: f32) -> Item {
    match item {
        Item::Text {
            x,
            top,
            size,
            face,
            text,
        } => Item::Text {
            x,
            top: top + dy,
            size,
            face,
            text,
        },
        Item::Fill { x, top, w, h, grey } => Item::Fill {
            x,
            top: top + dy,
            w,
            h,
            grey,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> PageHeader {
        PageHeader {
            office: "Білім бөлімі / Отдел образования".into(),
            contacts: "Астана".into(),
            title: "Талон".into(),
            number: "1".into(),
        }
    }

    fn within_margins(fonts: &Fonts, pages: &[Vec<Item>]) {
        for page in pages {
            for item in page {
                match item {
                    Item::Text {
                        x,
                        top,
                        size,
                        face,
                        text,
                    } => {
                        assert!(*x >= MARGIN - 0.01, "{text}");
                        assert!(x + fonts.width_mm(text, *face, *size) <= PAGE_W - MARGIN + 0.01);
                        assert!(*top >= MARGIN && top + line_h(*size) <= PAGE_H - MARGIN + 0.01);
                    }
                    Item::Fill { x, top, w, h, .. } => {
                        assert!(*x >= MARGIN - 0.01 && x + w <= PAGE_W - MARGIN + 0.01);
                        assert!(*top >= MARGIN && top + h <= PAGE_H - MARGIN + 0.01);
                    }
                }
            }
        }
    }

    #[test]
    fn long_content_flows_onto_more_pages_with_header_and_numbers() {
        let fonts = Fonts::load().unwrap();
        let items: Vec<String> = (1..=80).map(|i| format!("Құжат {i}")).collect();
        let pages = lay_out(&fonts, &header(), &[Block::List(items)]).unwrap();
        assert!(pages.len() >= 2);
        within_margins(&fonts, &pages);
        for (i, page) in pages.iter().enumerate() {
            let texts: Vec<&str> = page
                .iter()
                .filter_map(|it| match it {
                    Item::Text { text, .. } => Some(text.as_str()),
                    Item::Fill { .. } => None,
                })
                .collect();
            assert!(texts.contains(&"Білім бөлімі / Отдел образования"));
            let number = format!("{}/{}", i + 1, pages.len());
            assert!(texts.contains(&number.as_str()));
        }
    }

    #[test]
    fn rows_signature_and_qr_stay_inside_margins() {
        let fonts = Fonts::load().unwrap();
        let blocks = vec![
            Block::Title("ТІРКЕУ ТАЛОНЫ\nРЕГИСТРАЦИОННЫЙ ТАЛОН".into()),
            Block::row("Мекенжайы", "Адрес", "Ұ".repeat(200)),
            Block::Signature(vec!["Қол қойылмаған / подпись не поставлена".into()]),
            Block::Qr {
                payload: "1\nabc".into(),
                caption: vec!["SHA-256: ".to_string() + &"ab".repeat(32)],
            },
        ];
        let pages = lay_out(&fonts, &header(), &blocks).unwrap();
        within_margins(&fonts, &pages);
    }
}

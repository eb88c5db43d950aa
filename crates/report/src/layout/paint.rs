//! Turns laid-out items into printpdf operations (PDF origin is bottom-left, in points).

use printpdf::{Color, Mm, Op, PaintMode, PdfFontHandle, Point, Pt, Rect, Rgb, TextItem};

use super::{Item, PAGE_H};
use crate::font::{Fonts, MM_PER_PT};

/// Share of the font size between the top of a line box and the baseline.
const BASELINE: f32 = 0.95;

fn grey(level: f32) -> Color {
    Color::Rgb(Rgb {
        r: level,
        g: level,
        b: level,
        icc_profile: None,
    })
}

/// The operations that paint one page's items.
pub fn ops(items: &[Item]) -> Vec<Op> {
    let mut ops = Vec::with_capacity(items.len() * 5);
    let mut fill = 0.0_f32;
    ops.push(Op::SetFillColor { col: grey(fill) });
    for item in items {
        match item {
            Item::Text {
                x,
                top,
                size,
                face,
                text,
            } => {
                if fill != 0.0 {
                    fill = 0.0;
                    ops.push(Op::SetFillColor { col: grey(fill) });
                }
                let baseline = PAGE_H - top - size * BASELINE * MM_PER_PT;
                ops.push(Op::StartTextSection);
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(Fonts::id(*face)),
                    size: Pt(*size),
                });
                ops.push(Op::SetTextCursor {
                    pos: Point::new(Mm(*x), Mm(baseline)),
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(text.clone())],
                });
                ops.push(Op::EndTextSection);
            }
            Item::Fill {
                x,
                top,
                w,
                h,
                grey: g,
            } => {
                if fill != *g {
                    fill = *g;
                    ops.push(Op::SetFillColor { col: grey(fill) });
                }
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        mode: Some(PaintMode::Fill),
                        ..Rect::from_xywh(
                            Mm(*x).into(),
                            Mm(PAGE_H - top - h).into(),
                            Mm(*w).into(),
                            Mm(*h).into(),
                        )
                    },
                });
            }
        }
    }
    ops
}

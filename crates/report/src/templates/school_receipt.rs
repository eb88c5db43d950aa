//! Receipt of the documents accepted for admission to school (құжаттардың қабылданғаны
//! туралы қолхат / расписка о приёме документов), after 003.

use tereze_core::text::format_date;

use super::{Content, bold};
use crate::document::SchoolReceipt;
use crate::layout::Block;

/// The receipt's content.
pub fn content(r: &SchoolReceipt) -> Content {
    let birth = format_date(r.child_birth_date);
    let accepted = format_date(r.accepted_on);
    let order = format_date(r.order_expected_on);
    let mut blocks = vec![
        Block::row(
            "Білім беру ұйымы",
            "Организация образования",
            r.school.clone(),
        ),
        Block::row(
            "Өтініш берушінің аты-жөні",
            "Ф.И.О. заявителя",
            r.applicant_name.clone(),
        ),
        Block::row("Баланың аты-жөні", "Ф.И.О. ребёнка", r.child_name.clone()),
        Block::row("Баланың туған күні", "Дата рождения ребёнка", birth.clone()),
        Block::row(
            "Құжаттардың қабылданған күні",
            "Дата приёма документов",
            accepted.clone(),
        ),
        Block::Gap(3.0),
        bold("Қабылданған құжаттардың тізбесі / Перечень принятых документов:"),
    ];
    if r.documents.is_empty() {
        blocks.push(Block::text("жоқ / нет"));
    } else {
        blocks.push(Block::List(r.documents.clone()));
    }
    blocks.extend([
        Block::Gap(3.0),
        Block::row(
            "Мектепке қабылдау туралы бұйрық шығарылатын болжамды күн",
            "Ожидаемая дата издания приказа о приёме в школу",
            order.clone(),
        ),
        Block::small(
            "Бұйрық жаңа оқу жылының басынан бастап білім беру ұйымына қабылдау туралы \
             шығарылады. / Приказ издаётся о приёме в организацию образования с начала нового \
             учебного года.",
        ),
        Block::Gap(3.0),
        Block::row(
            "Құжаттарды қабылдаған қызметкер",
            "Документы принял(а)",
            r.accepted_by.clone(),
        ),
    ]);
    let mut fields = vec![
        ("school", r.school.clone()),
        ("applicant_name", r.applicant_name.clone()),
        ("child_name", r.child_name.clone()),
        ("child_birth_date", birth),
        ("accepted_on", accepted),
        ("order_expected_on", order),
        ("accepted_by", r.accepted_by.clone()),
        ("documents", r.documents.len().to_string()),
    ];
    fields.extend(r.documents.iter().map(|d| ("document", d.clone())));
    Content {
        template: "school_receipt",
        title_kk: "ҚҰЖАТТАРДЫҢ ҚАБЫЛДАНҒАНЫ ТУРАЛЫ ҚОЛХАТ",
        title_ru: "РАСПИСКА О ПРИЁМЕ ДОКУМЕНТОВ",
        fields,
        blocks,
    }
}

//! The application (өтініш / заявление) of the preschool service, after 002 Прил. 6.

use tereze_core::text::format_date;

use super::{Content, bold};
use crate::document::Application;
use crate::layout::Block;

/// The application's content.
pub fn content(a: &Application) -> Content {
    let birth = format_date(a.child_birth_date);
    let mut blocks = vec![
        Block::row(
            "Білім бөлімінің басшысы",
            "Начальник отдела образования",
            a.head_of_department.clone(),
        ),
        Block::row("Өтініш беруші", "Заявитель", a.applicant_name.clone()),
        Block::row(
            "Өтініш берушінің мекенжайы",
            "Адрес заявителя",
            a.applicant_address.clone(),
        ),
        Block::row(
            "Байланыс телефоны",
            "Контактный телефон",
            a.applicant_phone.clone(),
        ),
        Block::Gap(4.0),
        Block::text(format!(
            "Менің қызыма (ұлыма) {}, {birth} ж.т., балабақшадан орын беруіңізді сұраймын.",
            a.child_name
        )),
        Block::Gap(2.0),
        Block::text(format!(
            "Прошу предоставить место моей (му) дочери (сыну) {}, {birth} г.р., в детском саду.",
            a.child_name
        )),
        Block::Gap(3.0),
        bold("Өтінішке қоса берілетін құжаттар: / К заявлению прилагаются документы:"),
    ];
    if a.attachments.is_empty() {
        blocks.push(Block::text("жоқ / нет"));
    } else {
        blocks.push(Block::List(a.attachments.clone()));
    }
    let mut fields = vec![
        ("head_of_department", a.head_of_department.clone()),
        ("applicant_name", a.applicant_name.clone()),
        ("applicant_address", a.applicant_address.clone()),
        ("applicant_phone", a.applicant_phone.clone()),
        ("child_name", a.child_name.clone()),
        ("child_birth_date", birth),
        ("attachments", a.attachments.len().to_string()),
    ];
    fields.extend(a.attachments.iter().map(|d| ("attachment", d.clone())));
    Content {
        template: "application",
        title_kk: "ӨТІНІШ",
        title_ru: "ЗАЯВЛЕНИЕ",
        fields,
        blocks,
    }
}

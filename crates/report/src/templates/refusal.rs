//! Motivated refusal (қызмет көрсетуден дәлелді бас тарту / мотивированный отказ).

use super::{Content, bold};
use crate::document::Refusal;
use crate::layout::Block;

/// The refusal's content.
pub fn content(r: &Refusal) -> Content {
    let blocks = vec![
        Block::row("Өтініш нөмірі", "Номер заявления", r.request_number.clone()),
        Block::row(
            "Өтініш берушінің аты-жөні",
            "Ф.И.О. заявителя",
            r.applicant_name.clone(),
        ),
        Block::row(
            "Мемлекеттік қызмет",
            "Государственная услуга",
            r.service.clone(),
        ),
        Block::Gap(3.0),
        bold("Бас тарту себебі / Причина отказа:"),
        Block::text(r.reason.clone()),
        Block::Gap(3.0),
        bold("Құқықтық негіз / Правовое основание:"),
        Block::text(r.legal_basis.clone()),
        Block::Gap(3.0),
        Block::small(
            "Шешімге Қазақстан Республикасының заңнамасында белгіленген тәртіппен шағым \
             жасалуы мүмкін. / Решение может быть обжаловано в порядке, установленном \
             законодательством Республики Казахстан.",
        ),
    ];
    Content {
        template: "refusal",
        title_kk: "ҚЫЗМЕТ КӨРСЕТУДЕН ДӘЛЕЛДІ БАС ТАРТУ",
        title_ru: "МОТИВИРОВАННЫЙ ОТКАЗ В ОКАЗАНИИ УСЛУГИ",
        fields: vec![
            ("request_number", r.request_number.clone()),
            ("applicant_name", r.applicant_name.clone()),
            ("service", r.service.clone()),
            ("reason", r.reason.clone()),
            ("legal_basis", r.legal_basis.clone()),
        ],
        blocks,
    }
}

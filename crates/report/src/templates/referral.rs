//! Referral to a kindergarten or a mini-centre (жолдама / направление).

use tereze_core::text::format_date;

use super::{Content, bold};
use crate::document::{OrganisationKind, Referral};
use crate::layout::Block;

/// The referral's content.
pub fn content(r: &Referral) -> Content {
    let kind = match r.kind {
        OrganisationKind::Kindergarten => "балабақша / детский сад",
        OrganisationKind::MiniCentre => "шағын орталық / мини-центр",
    };
    let valid = format_date(r.valid_until);
    let birth = format_date(r.child_birth_date);
    let blocks = vec![
        Block::row("Өтініш нөмірі", "Номер заявления", r.request_number.clone()),
        Block::row(
            "Баланың тегі, аты, әкесінің аты",
            "Фамилия, имя, отчество ребёнка",
            r.child_name.clone(),
        ),
        Block::row("Баланың туған күні", "Дата рождения ребёнка", birth.clone()),
        Block::row("Ұйымның түрі", "Вид организации", kind),
        Block::row(
            "Мектепке дейінгі ұйым",
            "Дошкольная организация",
            r.organisation.clone(),
        ),
        Block::row("Топ", "Группа", r.group.clone()),
        Block::row("Ұйымның мекенжайы", "Адрес организации", r.address.clone()),
        Block::row(
            "Жолдама жарамды",
            "Направление действительно до",
            format!("{valid} дейін / до {valid}"),
        ),
        Block::Gap(3.0),
        bold(format!(
            "Жолдаманы {valid} дейін мектепке дейінгі ұйымға ұсыну қажет, әйтпесе ол жарамсыз \
             болады. / Направление необходимо предъявить в дошкольную организацию до {valid}, \
             иначе оно утрачивает силу."
        )),
    ];
    Content {
        template: "referral",
        title_kk: "МЕКТЕПКЕ ДЕЙІНГІ ҰЙЫМҒА ЖОЛДАМА",
        title_ru: "НАПРАВЛЕНИЕ В ДОШКОЛЬНУЮ ОРГАНИЗАЦИЮ",
        fields: vec![
            ("request_number", r.request_number.clone()),
            ("child_name", r.child_name.clone()),
            ("child_birth_date", birth),
            ("kind", kind.to_string()),
            ("organisation", r.organisation.clone()),
            ("group", r.group.clone()),
            ("address", r.address.clone()),
            ("valid_until", valid),
        ],
        blocks,
    }
}

//! Archival certificate (мұрағаттық анықтама / архивная справка), after 002 Прил. 2.

use tereze_core::text::format_date;

use super::{Content, bold};
use crate::document::{ArchivalCertificate, ArchiveReference};
use crate::layout::Block;

/// One record reference as printed, Kazakh then Russian.
pub fn cite(r: &ArchiveReference) -> String {
    format!(
        "Қор № {f}, тізімдеме № {i}, іс № {d}, {s} парақтар / Фонд № {f}, опись № {i}, \
         дело № {d}, листы {s}",
        f = r.fund,
        i = r.inventory,
        d = r.file,
        s = r.sheets
    )
}

/// The certificate's content.
pub fn content(a: &ArchivalCertificate) -> Content {
    let from = format_date(a.period_from);
    let to = format_date(a.period_to);
    let mut blocks = vec![
        Block::row(
            "Өтініш берушінің аты-жөні",
            "Ф.И.О. заявителя",
            a.applicant_name.clone(),
        ),
        Block::row(
            "Анықтаманың түрі",
            "Вид справки",
            a.certificate_type.clone(),
        ),
        Block::row(
            "Іздестіру жүргізілген кезең",
            "Период, за который проведён поиск",
            format!("{from} – {to}"),
        ),
        Block::Gap(3.0),
        bold(
            "Мұрағат құжаттарында мынадай мәліметтер бар / В документах архива имеются следующие сведения:",
        ),
        Block::text(a.findings.clone()),
        Block::Gap(3.0),
        bold("Негіздеме / Основание:"),
    ];
    if a.references.is_empty() {
        blocks.push(Block::text("жоқ / нет"));
    } else {
        blocks.push(Block::List(a.references.iter().map(cite).collect()));
    }
    blocks.push(Block::Gap(3.0));
    blocks.push(Block::row(
        "Анықтама ұсыну үшін берілді",
        "Справка дана для предъявления",
        a.presented_to.clone(),
    ));
    let mut fields = vec![
        ("applicant_name", a.applicant_name.clone()),
        ("certificate_type", a.certificate_type.clone()),
        ("findings", a.findings.clone()),
        ("period_from", from),
        ("period_to", to),
        ("presented_to", a.presented_to.clone()),
        ("references", a.references.len().to_string()),
    ];
    for r in &a.references {
        fields.extend([
            ("reference.fund", r.fund.clone()),
            ("reference.inventory", r.inventory.clone()),
            ("reference.file", r.file.clone()),
            ("reference.sheets", r.sheets.clone()),
        ]);
    }
    Content {
        template: "archival",
        title_kk: "МҰРАҒАТТЫҚ АНЫҚТАМА",
        title_ru: "АРХИВНАЯ СПРАВКА",
        fields,
        blocks,
    }
}

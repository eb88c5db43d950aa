//! Registration talon of the preschool queue (уведомление о регистрации / тіркеу талоны).

use tereze_core::text::format_date;

use super::{Content, bold, format_date_time};
use crate::document::Talon;
use crate::layout::Block;

/// The service the talon belongs to, as named by the regulation.
pub const SERVICE: &str = "Мектепке дейінгі балалар ұйымдарына жолдама беру үшін мектеп жасына \
дейінгі (7 жасқа дейінгі) балаларды кезекке қою / Постановка на очередь детей дошкольного \
возраста (до 7 лет) для направления в детские дошкольные организации";

/// The talon's content.
pub fn content(t: &Talon) -> Content {
    let queue = match t.queue_number {
        Some(n) => n.to_string(),
        None => format!(
            "АЛДЫН АЛА НӨМІР / ПРЕДВАРИТЕЛЬНЫЙ НОМЕР: {}",
            t.request_number
        ),
    };
    let applied = format_date_time(t.applied_at);
    let birth = format_date(t.child_birth_date);
    let mut blocks = vec![
        Block::small(SERVICE),
        Block::Gap(3.0),
        Block::row("Өтініш нөмірі", "Номер заявления", t.request_number.clone()),
        Block::row(
            "Өтініш берілген күні мен уақыты",
            "Дата и время подачи заявления",
            applied.clone(),
        ),
        Block::row(
            "Баланың тегі, аты, әкесінің аты",
            "Фамилия, имя, отчество ребёнка",
            t.child_name.clone(),
        ),
        Block::row("Баланың туған күні", "Дата рождения ребёнка", birth.clone()),
        Block::row(
            "Жас тобы (туған жылы)",
            "Возрастная группа (год рождения)",
            t.cohort.to_string(),
        ),
        Block::row("Кезек санаты", "Категория очереди", t.priority.clone()),
        Block::row("Кезектегі нөмірі", "Номер в очереди", queue.clone()),
    ];
    if t.queue_number.is_none() {
        blocks.push(Block::Gap(2.0));
        blocks.push(bold(
            "Кезектегі нөмір әлі бекітілмеген: ол бекітілгенге дейін өтініш нөмірі \
             көрсетіледі. / Номер в очереди ещё не утверждён: до утверждения указан номер \
             заявления.",
        ));
    }
    Content {
        template: "talon",
        title_kk: "ТІРКЕУ ТАЛОНЫ",
        title_ru: "РЕГИСТРАЦИОННЫЙ ТАЛОН",
        fields: vec![
            ("request_number", t.request_number.clone()),
            ("applied_at", applied),
            ("child_name", t.child_name.clone()),
            ("child_birth_date", birth),
            ("cohort", t.cohort.to_string()),
            ("priority", t.priority.clone()),
            ("queue_number", queue),
        ],
        blocks,
    }
}

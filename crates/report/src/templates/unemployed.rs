//! Certificate of registration as unemployed (жұмыссыз ретінде тіркеу туралы анықтама),
//! after the output form of 004.

use tereze_core::text::format_date;

use super::Content;
use crate::document::UnemployedCertificate;
use crate::layout::Block;

fn yes_no(v: bool) -> &'static str {
    if v { "иә / да" } else { "жоқ / нет" }
}

/// The certificate's content.
pub fn content(u: &UnemployedCertificate) -> Content {
    let registered = format_date(u.registered_on);
    let applied = format_date(u.applied_on);
    let blocks = vec![
        Block::row("Т.А.Ә.", "Ф.И.О.", u.person_name.clone()),
        Block::row(
            "«Халықты жұмыспен қамту туралы» Қазақстан Республикасы Заңының 15-бабына сәйкес \
             жұмыссыз ретінде тіркелген күні",
            "В соответствии со ст. 15 Закона Республики Казахстан «О занятости населения» \
             зарегистрирован(а) безработным",
            registered.clone(),
        ),
        Block::row(
            "Қоғамдық, әлеуметтік жұмыстарға қатысуы",
            "Участие в общественных, социальных работах",
            yes_no(u.public_works),
        ),
        Block::row(
            "Кәсіптік даярлаудан, біліктілікті арттырудан және қайта даярлаудан, жастар \
             практикасынан өтті",
            "Прошёл(ла) профессиональную подготовку, повышение квалификации и переподготовку, \
             молодёжную практику",
            yes_no(u.training),
        ),
        Block::row(
            "Атаулы әлеуметтік көмек, тұрғын үй көмегі тағайындалды",
            "Назначена адресная социальная помощь, жилищная помощь",
            yes_no(u.social_aid),
        ),
        Block::row(
            "Анықтама ұсыну үшін берілді",
            "Справка дана для предъявления",
            u.presented_to.clone(),
        ),
        Block::row(
            "Анықтама алуға өтініш берілген күні",
            "Дата подачи заявления на получение справки",
            applied.clone(),
        ),
    ];
    Content {
        template: "unemployed",
        title_kk: "ЖҰМЫССЫЗ РЕТІНДЕ ТІРКЕУ ТУРАЛЫ АНЫҚТАМА",
        title_ru: "СПРАВКА О РЕГИСТРАЦИИ В КАЧЕСТВЕ БЕЗРАБОТНОГО",
        fields: vec![
            ("person_name", u.person_name.clone()),
            ("registered_on", registered),
            ("public_works", u.public_works.to_string()),
            ("training", u.training.to_string()),
            ("social_aid", u.social_aid.to_string()),
            ("presented_to", u.presented_to.clone()),
            ("applied_on", applied),
        ],
        blocks,
    }
}

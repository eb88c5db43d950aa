//! Generated preschool requests for the inbox benchmark: Kazakh and Russian names (with their
//! letters ә ғ қ ң ө ұ ү һ і and ё), valid IINs and addresses, reproducible from a seed.

use std::error::Error;

use tereze_core::channel::Channel;
use tereze_core::form::FieldValues;
use tereze_core::iin::{Iin, Sex};
use tereze_core::store::RequestDraft;
use time::{Date, Month};

use crate::rng::Rng;

/// Surnames the search figures look for.
pub const KK_SURNAMES: [&str; 16] = [
    "Сейтқали",
    "Нұрланов",
    "Әбдірахманов",
    "Жұмабеков",
    "Өтебаев",
    "Қасымов",
    "Тоқтаров",
    "Бекмұхамбетов",
    "Сәрсенбаев",
    "Құдайбергенов",
    "Омаров",
    "Ысқақов",
    "Төлеуов",
    "Шәріпов",
    "Ғабдуллин",
    "Үсенов",
];
const RU_SURNAMES: [&str; 8] = [
    "Иванов",
    "Петров",
    "Смирнов",
    "Кузнецов",
    "Соколов",
    "Лебедев",
    "Козлов",
    "Фёдоров",
];
const KK_MALE: [&str; 10] = [
    "Нұрсұлтан",
    "Ерасыл",
    "Әлихан",
    "Арман",
    "Ілияс",
    "Бауыржан",
    "Дәурен",
    "Қайрат",
    "Айбек",
    "Ұлан",
];
/// Kazakh girls' names; the benchmark searches the first one with a Latin I.
pub const KK_FEMALE: [&str; 10] = [
    "Іңкәр",
    "Айсұлу",
    "Ұлжан",
    "Әйгерім",
    "Аружан",
    "Жансая",
    "Мөлдір",
    "Ақбота",
    "Томирис",
    "Әсем",
];
const RU_MALE: [&str; 6] = ["Дмитрий", "Александр", "Артём", "Максим", "Сергей", "Пётр"];
const RU_FEMALE: [&str; 6] = ["Мария", "Анна", "Алёна", "Софья", "Дарья", "Полина"];
const CITIES: [&str; 5] = [
    "Шымкент қ.",
    "Түркістан қ.",
    "Павлодар қ.",
    "Астана қ.",
    "Сарыағаш ауданы",
];
const STREETS: [&str; 6] = [
    "Төле би к-сі",
    "Байтұрсынов к-сі",
    "Абай даңғылы",
    "ул. Толстого",
    "Қонаев к-сі",
    "Жібек жолы к-сі",
];

fn person(rng: &mut Rng) -> (String, String, Sex) {
    let kazakh = rng.below(10) < 7;
    let female = rng.below(2) == 0;
    let surname = if kazakh {
        rng.pick(&KK_SURNAMES)
    } else {
        rng.pick(&RU_SURNAMES)
    };
    let first = match (kazakh, female) {
        (true, true) => rng.pick(&KK_FEMALE),
        (true, false) => rng.pick(&KK_MALE),
        (false, true) => rng.pick(&RU_FEMALE),
        (false, false) => rng.pick(&RU_MALE),
    };
    let last = if female && surname.ends_with(['в', 'н']) {
        format!("{surname}а")
    } else {
        surname.to_owned()
    };
    let sex = if female { Sex::Female } else { Sex::Male };
    (last, first.to_owned(), sex)
}

fn iin(rng: &mut Rng, year: i32, sex: Sex) -> Result<Iin, Box<dyn Error>> {
    let month = Month::try_from(u8::try_from(1 + rng.below(12))?)?;
    let day = u8::try_from(1 + rng.below(28))?;
    let birth = Date::from_calendar_date(year, month, day)?;
    let start = u16::try_from(rng.below(9000))?;
    (start..)
        .find_map(|s| Iin::compose(birth, sex, s))
        .ok_or_else(|| "no IIN".into())
}

/// One request draft and its child's IIN.
pub fn draft(rng: &mut Rng) -> Result<(RequestDraft, String), Box<dyn Error>> {
    let (applicant_last, applicant_first, applicant_sex) = person(rng);
    let (_, child_first, child_sex) = person(rng);
    let applicant_year = 1980 + i32::try_from(rng.below(20))?;
    let applicant_iin = iin(rng, applicant_year, applicant_sex)?;
    let child_year = 2019 + i32::try_from(rng.below(5))?;
    let child_iin = iin(rng, child_year, child_sex)?;
    let address = format!(
        "{}, {}, {} үй, {} пәтер",
        rng.pick(&CITIES),
        rng.pick(&STREETS),
        1 + rng.below(120),
        1 + rng.below(200)
    );
    let fields: FieldValues = [
        ("applicant-last-name", applicant_last.clone()),
        ("applicant-first-name", applicant_first),
        ("applicant-iin", applicant_iin.as_string()),
        ("applicant-address", address),
        (
            "applicant-phone",
            format!("+7701{:07}", rng.below(10_000_000)),
        ),
        (
            "child-last-name",
            applicant_last.trim_end_matches('а').to_owned(),
        ),
        ("child-first-name", child_first),
        ("child-iin", child_iin.as_string()),
        ("child-birth-date", "17.05.2021".to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    let draft = RequestDraft {
        id: None,
        expected_version: None,
        service_id: "preschool-queue".into(),
        profile: "default".into(),
        channel: Channel::Office,
        fields,
    };
    Ok((draft, child_iin.as_string()))
}

//! Store benchmark: what a save costs with `synchronous=FULL` on a real file, and how fast search
//! answers with 100 000 requests on the workstation.
//!
//! Run: `cargo bench -p tereze-core --bench store`. Prints a table of p50/p99/max.

use std::error::Error;
use std::time::{Duration, Instant};

use tereze_core::channel::Channel;
use tereze_core::form::FieldValues;
use tereze_core::iin::{Iin, Sex};
use tereze_core::store::{NewOperator, RequestDraft, Role, Store};
use time::{Date, Month};
use uuid::Uuid;

const SAVES: usize = 1_000;
const BULK: usize = 100_000;
const BULK_CHUNK: usize = 5_000;
const QUERIES_PER_KIND: usize = 300;

const KK_SURNAMES: [&str; 24] = [
    "Сейтқали",
    "Нұрланов",
    "Әбдірахманов",
    "Жұмабеков",
    "Өтебаев",
    "Қасымов",
    "Тоқтаров",
    "Ерғали",
    "Бекмұхамбетов",
    "Сәрсенбаев",
    "Құдайбергенов",
    "Омаров",
    "Мұхтаров",
    "Ысқақов",
    "Әлімжанов",
    "Төлеуов",
    "Байжанов",
    "Рахымжанов",
    "Шәріпов",
    "Ғабдуллин",
    "Исабеков",
    "Жақсылықов",
    "Тұрсынов",
    "Үсенов",
];
const RU_SURNAMES: [&str; 12] = [
    "Иванов",
    "Петров",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Соколов",
    "Лебедев",
    "Козлов",
    "Новиков",
    "Морозов",
    "Волков",
    "Фёдоров",
];
const KK_MALE: [&str; 16] = [
    "Нұрсұлтан",
    "Ерасыл",
    "Әлихан",
    "Арман",
    "Ілияс",
    "Бауыржан",
    "Дәурен",
    "Ерлан",
    "Қайрат",
    "Мұхаммед",
    "Айбек",
    "Санжар",
    "Тимур",
    "Ұлан",
    "Әділет",
    "Жандос",
];
const KK_FEMALE: [&str; 16] = [
    "Іңкәр",
    "Айсұлу",
    "Ұлжан",
    "Әйгерім",
    "Аружан",
    "Жансая",
    "Мөлдір",
    "Гүлнар",
    "Ақбота",
    "Томирис",
    "Дана",
    "Айару",
    "Балнұр",
    "Сезім",
    "Нұрай",
    "Әсем",
];
const RU_MALE: [&str; 8] = [
    "Дмитрий",
    "Александр",
    "Артём",
    "Максим",
    "Сергей",
    "Андрей",
    "Пётр",
    "Михаил",
];
const RU_FEMALE: [&str; 8] = [
    "Мария",
    "Анна",
    "Алёна",
    "Екатерина",
    "Софья",
    "Дарья",
    "Полина",
    "Ольга",
];
const CITIES: [&str; 6] = [
    "Шымкент қ.",
    "Түркістан қ.",
    "Павлодар қ.",
    "Астана қ.",
    "Кентау қ.",
    "Сарыағаш ауданы",
];
const STREETS: [&str; 10] = [
    "Төле би к-сі",
    "Байтұрсынов к-сі",
    "Абай даңғылы",
    "Республика даңғылы",
    "ул. Ленина",
    "ул. Толстого",
    "Қонаев к-сі",
    "мкр. Нурсат",
    "Жібек жолы к-сі",
    "ул. Торайгырова",
];

#[path = "../tests/support/rng.rs"]
mod rng;
use rng::Rng;

fn feminine(surname: &str) -> String {
    if surname.ends_with("ов") || surname.ends_with("ев") || surname.ends_with("ин") {
        format!("{surname}а")
    } else {
        surname.to_owned()
    }
}

/// A generated person: (last, first, patronymic, sex).
fn person(rng: &mut Rng) -> (String, String, String, Sex) {
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
    let father = if kazakh {
        rng.pick(&KK_MALE)
    } else {
        rng.pick(&RU_MALE)
    };
    let patronymic = match (kazakh, female) {
        (true, true) => format!("{father}қызы"),
        (true, false) => format!("{father}ұлы"),
        (false, true) => format!("{}овна", father.trim_end_matches(['й', 'ь'])),
        (false, false) => format!("{}ович", father.trim_end_matches(['й', 'ь'])),
    };
    let last = if female {
        feminine(surname)
    } else {
        surname.to_owned()
    };
    let sex = if female { Sex::Female } else { Sex::Male };
    (last, first.to_owned(), patronymic, sex)
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

fn draft(rng: &mut Rng) -> Result<(RequestDraft, String), Box<dyn Error>> {
    let (al, af, ap, asex) = person(rng);
    let (_, cf, cp, csex) = person(rng);
    let child_last = al.trim_end_matches('а').to_owned();
    let applicant_year = 1980 + i32::try_from(rng.below(20))?;
    let applicant_iin = iin(rng, applicant_year, asex)?;
    let child_year = 2019 + i32::try_from(rng.below(5))?;
    let child_iin = iin(rng, child_year, csex)?;
    let address = format!(
        "{}, {}, {} үй, {} пәтер",
        rng.pick(&CITIES),
        rng.pick(&STREETS),
        1 + rng.below(120),
        1 + rng.below(200)
    );
    let fields: FieldValues = [
        ("applicant-last-name", al),
        ("applicant-first-name", af),
        ("applicant-patronymic", ap),
        ("applicant-iin", applicant_iin.as_string()),
        ("applicant-address", address),
        (
            "applicant-phone",
            format!("+7701{:07}", rng.below(10_000_000)),
        ),
        ("postal-index", format!("16{:04}", rng.below(10_000))),
        ("child-last-name", child_last),
        ("child-first-name", cf),
        ("child-patronymic", cp),
        ("child-iin", child_iin.as_string()),
        ("child-birth-date", "2021-05-17".to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    let d = RequestDraft {
        id: None,
        expected_version: None,
        service_id: "preschool-queue".into(),
        profile: "default".into(),
        channel: Channel::Office,
        fields,
    };
    Ok((d, child_iin.as_string()))
}

struct Stats {
    name: String,
    n: usize,
    p50: Duration,
    p99: Duration,
    max: Duration,
    extra: String,
}

fn stats(name: &str, mut samples: Vec<Duration>, extra: String) -> Stats {
    samples.sort();
    let at = |q: f64| {
        let i = ((samples.len() as f64 - 1.0) * q).round() as usize;
        samples.get(i).copied().unwrap_or_default()
    };
    Stats {
        name: name.to_owned(),
        n: samples.len(),
        p50: at(0.50),
        p99: at(0.99),
        max: samples.last().copied().unwrap_or_default(),
        extra,
    }
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

fn main() -> Result<(), Box<dyn Error>> {
    // `cargo bench` passes `--bench`; nothing else to parse.
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(dir.path(), &test_key())?;
    let mut rng = Rng(0x5eed_0f7e_7e2e);
    let op_iin = iin(&mut rng, 1985, Sex::Female)?;
    let op = store
        .add_operator(
            &NewOperator {
                iin: op_iin,
                full_name: "Бенчмарк Операторы".into(),
                role: Role::Executor,
                office_id: "bench".into(),
                password_hash: None,
            },
            None,
        )?
        .id;
    let mut rows = Vec::new();

    // 1. One save = one IMMEDIATE transaction with FULL sync (form + fields + index + outbox +
    //    audit), on an empty store.
    let mut samples = Vec::with_capacity(SAVES);
    let started = Instant::now();
    let mut last = Uuid::nil();
    for _ in 0..SAVES {
        let (d, _) = draft(&mut rng)?;
        let t = Instant::now();
        last = store.save_request(&d, op)?.id;
        samples.push(t.elapsed());
    }
    let rate = SAVES as f64 / started.elapsed().as_secs_f64();
    rows.push(stats(
        "save_request (FULL sync, new request, 12 fields)",
        samples,
        format!("{rate:.0} saves/s"),
    ));
    let mut samples = Vec::with_capacity(SAVES);
    let mut loaded = store.load_request(last)?;
    for _ in 0..SAVES {
        let d = RequestDraft {
            id: Some(loaded.id),
            expected_version: Some(loaded.version),
            service_id: loaded.service_id.clone(),
            profile: loaded.profile.clone(),
            channel: loaded.channel,
            fields: loaded.fields.clone(),
        };
        let t = Instant::now();
        let saved = store.save_request(&d, op)?;
        samples.push(t.elapsed());
        loaded.version = saved.version;
    }
    rows.push(stats(
        "save_request (FULL sync, edit of one request)",
        samples,
        String::new(),
    ));

    // 2. Bulk load to 100 000 requests, in transactions of 5 000.
    let mut child_iins = Vec::new();
    let t = Instant::now();
    let mut loaded_count = SAVES;
    while loaded_count < BULK {
        let n = BULK_CHUNK.min(BULK - loaded_count);
        let mut batch = Vec::with_capacity(n);
        for _ in 0..n {
            let (d, child) = draft(&mut rng)?;
            if child_iins.len() < 10_000 {
                child_iins.push(child);
            }
            batch.push(d);
        }
        store.save_requests(&batch, op)?;
        loaded_count += n;
    }
    let bulk = t.elapsed();
    let bulk_rate = (BULK - SAVES) as f64 / bulk.as_secs_f64();

    // 3. Search at 100 000 requests, first 50 hits.
    let mut kinds: Vec<(&str, Vec<String>)> = Vec::new();
    let q = |rng: &mut Rng, f: &dyn Fn(&mut Rng) -> String| -> Vec<String> {
        (0..QUERIES_PER_KIND).map(|_| f(rng)).collect()
    };
    kinds.push((
        "search: full surname",
        q(&mut rng, &|r| r.pick(&KK_SURNAMES).to_owned()),
    ));
    kinds.push((
        "search: surname prefix (4 letters)",
        q(&mut rng, &|r| {
            r.pick(&KK_SURNAMES).chars().take(4).collect()
        }),
    ));
    kinds.push((
        "search: surname + first name",
        q(&mut rng, &|r| {
            format!("{} {}", r.pick(&KK_SURNAMES), r.pick(&KK_FEMALE))
        }),
    ));
    kinds.push((
        "search: first name typed with Latin I",
        q(&mut rng, &|r| r.pick(&["Iңкәр", "Iлияс"]).to_owned()),
    ));
    kinds.push((
        "search: broad prefix (2 letters)",
        q(&mut rng, &|r| {
            r.pick(&KK_SURNAMES).chars().take(2).collect()
        }),
    ));
    kinds.push((
        "search: street word",
        q(&mut rng, &|r| {
            r.pick(&["Байтұрсынов", "Абай", "Толстого"]).to_owned()
        }),
    ));
    for (name, queries) in kinds {
        let mut samples = Vec::with_capacity(queries.len());
        let mut hits = 0usize;
        for query in &queries {
            let t = Instant::now();
            hits += store.search(query, 50)?.len();
            samples.push(t.elapsed());
        }
        let avg = hits / queries.len().max(1);
        rows.push(stats(name, samples, format!("avg {avg} hits")));
    }
    let mut samples = Vec::new();
    for i in 0..QUERIES_PER_KIND {
        let iin = &child_iins[(i * 31) % child_iins.len()];
        let t = Instant::now();
        let found = store.search(iin, 50)?;
        samples.push(t.elapsed());
        if found.is_empty() {
            return Err("an IIN that was saved was not found".into());
        }
    }
    rows.push(stats("search: exact child IIN", samples, String::new()));
    let mut samples = Vec::new();
    for _ in 0..QUERIES_PER_KIND {
        let t = Instant::now();
        store.list_requests(50)?;
        samples.push(t.elapsed());
    }
    rows.push(stats("list_requests (newest 50)", samples, String::new()));
    let t = Instant::now();
    store.verify_audit()?;
    let verify = t.elapsed();

    println!();
    println!(
        "Tereze store benchmark (SQLite {}, WAL, synchronous=FULL, file in {})",
        rusqlite::version(),
        std::env::temp_dir().display()
    );
    println!(
        "{:<48} {:>6} {:>10} {:>10} {:>10}  note",
        "operation", "n", "p50 ms", "p99 ms", "max ms"
    );
    println!("{}", "-".repeat(100));
    for s in rows {
        println!(
            "{:<48} {:>6} {:>10} {:>10} {:>10}  {}",
            s.name,
            s.n,
            ms(s.p50),
            ms(s.p99),
            ms(s.max),
            s.extra
        );
    }
    println!("{}", "-".repeat(100));
    println!(
        "bulk load to {BULK} requests: {:.1} s ({bulk_rate:.0} requests/s, transactions of {BULK_CHUNK})",
        bulk.as_secs_f64()
    );
    println!(
        "verify_audit over {} rows: {:.0} ms",
        store.audit_head()?.seq,
        verify.as_secs_f64() * 1000.0
    );
    Ok(())
}

/// The fixed master key these tests open their encrypted stores with.
fn test_key() -> tereze_core::keyring::MasterKey {
    tereze_core::keyring::MasterKey::from_bytes([7; 32])
}

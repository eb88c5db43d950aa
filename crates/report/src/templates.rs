//! The bilingual (Kazakh / Russian) templates and the frame every document shares: title,
//! number and date, body, executor, signature block, legal-equivalence line and QR code.

pub mod admission_order;
pub mod application;
pub mod archival;
pub mod disabled_child;
pub mod referral;
pub mod refusal;
pub mod school_receipt;
pub mod talon;
pub mod unemployed;

use tereze_core::text::format_date;
use time::{PrimitiveDateTime, Time};

use crate::canonical::Canonical;
use crate::document::{Body, Document, Issue};
use crate::font::Face;
use crate::layout::{Block, PageHeader};

/// The legal-equivalence line printed on every electronic document.
pub const LEGAL_LINE: &str = "Осы құжат «Электрондық құжат және электрондық цифрлық қолтаңба туралы» \
2003 жылғы 7 қаңтардағы ҚР Заңының 7-бабының 1-тармағына сәйкес қағаз тасығыштағы құжатпен бірдей. / \
Данный документ согласно пункту 1 статьи 7 ЗРК от 7 января 2003 года «Об электронном документе и \
электронной цифровой подписи» равнозначен документу на бумажном носителе.";

/// What a template contributes: its titles, its canonical fields and its body blocks.
#[derive(Debug, Clone)]
pub struct Content {
    /// Short name of the template in the canonical text.
    pub template: &'static str,
    /// Title in Kazakh.
    pub title_kk: &'static str,
    /// Title in Russian.
    pub title_ru: &'static str,
    /// Inputs in canonical order, as (key, value).
    pub fields: Vec<(&'static str, String)>,
    /// The body between the number/date rows and the executor row.
    pub blocks: Vec<Block>,
}

/// A document composed and ready to lay out.
#[derive(Debug, Clone)]
pub struct Composed {
    /// The running header.
    pub header: PageHeader,
    /// Every block in order.
    pub blocks: Vec<Block>,
    /// SHA-256 (hex) of the canonical text.
    pub sha256: String,
    /// Title for the PDF's metadata.
    pub title: String,
}

/// `dd.mm.yyyy hh:mm`.
pub fn format_date_time(at: PrimitiveDateTime) -> String {
    format!("{} {}", format_date(at.date()), format_time(at.time()))
}

/// `hh:mm`.
pub fn format_time(t: Time) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

fn content(body: &Body) -> Content {
    match body {
        Body::Talon(t) => talon::content(t),
        Body::Referral(r) => referral::content(r),
        Body::Refusal(r) => refusal::content(r),
        Body::Application(a) => application::content(a),
        Body::Unemployed(u) => unemployed::content(u),
        Body::Archival(a) => archival::content(a),
        Body::SchoolReceipt(r) => school_receipt::content(r),
        Body::DisabledChildSupport(d) => disabled_child::content(d),
        Body::AdmissionOrder(o) => admission_order::content(o),
    }
}

fn signature_lines(issue: &Issue) -> Vec<String> {
    match &issue.signature {
        Some(s) => vec![
            "Электрондық цифрлық қолтаңбамен қол қойылған / Подписано электронной цифровой подписью"
                .to_string(),
            format!("Сертификат иесі / Владелец сертификата: {}", s.subject),
            format!("Сертификаттың сериялық нөмірі / Серийный номер сертификата: {}", s.serial),
            format!("Қол қойылған уақыты / Время подписания: {}", format_date_time(s.signed_at)),
        ],
        None => vec![
            "Электрондық цифрлық қолтаңба / Электронная цифровая подпись".to_string(),
            "Қол қойылмаған / Подпись ожидается".to_string(),
        ],
    }
}

/// Puts the shared frame around a template's content and computes the content hash.
pub fn compose(doc: &Document) -> Composed {
    let issue = &doc.issue;
    let c = content(&doc.body);
    let date = format_date(issue.date);
    let time = format_time(issue.time);

    let mut canonical = Canonical::new(c.template);
    canonical
        .field("office.name_kk", &issue.office.name_kk)
        .field("office.name_ru", &issue.office.name_ru)
        .field("office.address", &issue.office.address)
        .field("office.phones", &issue.office.phones)
        .field("number", &issue.number)
        .field("date", &date)
        .field("time", &time)
        .field("executor", &issue.executor);
    for (k, v) in &c.fields {
        canonical.field(k, v);
    }
    let sha256 = canonical.sha256_hex();

    let mut blocks = vec![
        Block::Title(format!("{}\n{}", c.title_kk, c.title_ru)),
        Block::Gap(4.0),
        Block::row("Құжат нөмірі", "Номер документа", issue.number.clone()),
        Block::row("Берілген күні", "Дата выдачи", format!("{date} {time}")),
        Block::Gap(2.0),
    ];
    blocks.extend(c.blocks);
    blocks.push(Block::Gap(2.0));
    blocks.push(Block::row(
        "Орындаушы",
        "Исполнитель",
        issue.executor.clone(),
    ));
    blocks.push(Block::Gap(5.0));
    blocks.push(Block::Signature(signature_lines(issue)));
    blocks.push(Block::Gap(4.0));
    blocks.push(Block::small(LEGAL_LINE));
    blocks.push(Block::Gap(4.0));
    blocks.push(Block::Qr {
        payload: format!("{}\n{}", issue.number, sha256),
        caption: vec![
            format!("Құжат нөмірі / Номер документа: {}", issue.number),
            "Құжат мазмұнының хэші / Хэш содержания документа (SHA-256):".to_string(),
            sha256.clone(),
        ],
    });

    Composed {
        header: PageHeader {
            office: format!("{} / {}", issue.office.name_kk, issue.office.name_ru),
            contacts: format!("{}, {}", issue.office.address, issue.office.phones),
            title: format!("{} / {}", c.title_kk, c.title_ru),
            number: issue.number.clone(),
        },
        blocks,
        sha256,
        title: format!("{} / {} № {}", c.title_kk, c.title_ru, issue.number),
    }
}

/// A bold paragraph in the body size, for statements inside templates.
pub fn bold(text: impl Into<String>) -> Block {
    Block::Paragraph {
        text: text.into(),
        face: Face::Bold,
        size: 10.0,
    }
}

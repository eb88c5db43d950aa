//! Reads the rendered PDFs back with poppler-utils (pdftotext, pdftoppm) and zbar-tools
//! (zbarimg), the way a reader or a checking office would. `scripts/setup-debian --test`
//! installs both.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;
use tereze_core::text::format_date;
use tereze_report::{Body, Document, Rendered, render, samples};

const MM: f64 = 72.0 / 25.4;
const PAGE_W: f64 = 210.0 * MM;
const PAGE_H: f64 = 297.0 * MM;
const MARGIN: f64 = 20.0 * MM;
/// Tolerance for rounding in poppler's boxes, in points.
const EPS: f64 = 0.5;

fn tool(name: &str, package: &str, args: &[&str]) -> Vec<u8> {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} is missing ({e}); install the Debian package {package} (scripts/setup-debian --test)")
    });
    assert!(
        out.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn write(dir: &TempDir, name: &str, r: &Rendered) -> PathBuf {
    let path = dir.path().join(format!("{name}.pdf"));
    std::fs::write(&path, &r.pdf).unwrap();
    path
}

fn text_of(pdf: &Path, page: Option<usize>) -> String {
    let p = pdf.to_str().unwrap();
    let mut args = vec![];
    let n;
    if let Some(page) = page {
        n = page.to_string();
        args.extend(["-f", n.as_str(), "-l", n.as_str()]);
    }
    args.extend([p, "-"]);
    let raw = String::from_utf8(tool("pdftotext", "poppler-utils", &args)).unwrap();
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The values a reader must find on the document, besides the frame.
fn expected(doc: &Document) -> Vec<String> {
    let mut v = vec![
        doc.issue.number.clone(),
        doc.issue.executor.clone(),
        format_date(doc.issue.date),
        doc.issue.office.name_kk.clone(),
        doc.issue.office.name_ru.clone(),
    ];
    match &doc.body {
        Body::Talon(t) => {
            v.extend([
                t.request_number.clone(),
                t.child_name.clone(),
                format_date(t.child_birth_date),
                t.cohort.to_string(),
                t.priority.clone(),
                "Баланың туған күні / Дата рождения ребёнка".to_string(),
                "Кезектегі нөмірі / Номер в очереди".to_string(),
            ]);
            match t.queue_number {
                Some(n) => v.push(n.to_string()),
                None => v.push("АЛДЫН АЛА НӨМІР / ПРЕДВАРИТЕЛЬНЫЙ НОМЕР".to_string()),
            }
        }
        Body::Referral(r) => v.extend([
            r.organisation.clone(),
            r.group.clone(),
            r.address.clone(),
            format_date(r.valid_until),
            r.child_name.clone(),
            "балабақша / детский сад".to_string(),
        ]),
        Body::Refusal(r) => v.extend([
            r.applicant_name.clone(),
            r.reason.clone(),
            r.legal_basis.clone(),
            "Бас тарту себебі / Причина отказа".to_string(),
        ]),
        Body::Application(a) => {
            v.extend([
                a.head_of_department.clone(),
                a.applicant_name.clone(),
                a.applicant_address.clone(),
                a.applicant_phone.clone(),
                format!(
                    "Прошу предоставить место моей (му) дочери (сыну) {}, {} г.р., в детском саду.",
                    a.child_name,
                    format_date(a.child_birth_date)
                ),
                format!(
                    "Менің қызыма (ұлыма) {}, {} ж.т., балабақшадан орын беруіңізді сұраймын.",
                    a.child_name,
                    format_date(a.child_birth_date)
                ),
                "К заявлению прилагаются документы:".to_string(),
            ]);
            v.extend(a.attachments.iter().cloned());
        }
        Body::Unemployed(u) => v.extend([
            u.person_name.clone(),
            format_date(u.registered_on),
            format_date(u.applied_on),
            u.presented_to.clone(),
        ]),
        Body::Archival(a) => {
            v.extend([
                a.applicant_name.clone(),
                a.certificate_type.clone(),
                a.findings.clone(),
                format!(
                    "{} – {}",
                    format_date(a.period_from),
                    format_date(a.period_to)
                ),
                a.presented_to.clone(),
                "Справка дана для предъявления".to_string(),
                "Анықтама ұсыну үшін берілді".to_string(),
                "Негіздеме / Основание".to_string(),
            ]);
            for r in &a.references {
                v.push(format!(
                    "Қор № {}, тізімдеме № {}, іс № {}, {} парақтар",
                    r.fund, r.inventory, r.file, r.sheets
                ));
                v.push(format!(
                    "Фонд № {}, опись № {}, дело № {}, листы {}",
                    r.fund, r.inventory, r.file, r.sheets
                ));
            }
        }
        Body::SchoolReceipt(r) => {
            v.extend([
                r.school.clone(),
                r.applicant_name.clone(),
                r.child_name.clone(),
                r.accepted_by.clone(),
                format!(
                    "Құжаттардың қабылданған күні / Дата приёма документов {}",
                    format_date(r.accepted_on)
                ),
                format!(
                    "Ожидаемая дата издания приказа о приёме в школу {}",
                    format_date(r.order_expected_on)
                ),
                "Мектепке қабылдау туралы бұйрық шығарылатын болжамды күн".to_string(),
                "Қабылданған құжаттардың тізбесі / Перечень принятых документов".to_string(),
                "ҚҰЖАТТАРДЫҢ ҚАБЫЛДАНҒАНЫ ТУРАЛЫ ҚОЛХАТ".to_string(),
                "РАСПИСКА О ПРИЁМЕ ДОКУМЕНТОВ".to_string(),
            ]);
            v.extend(r.documents.iter().cloned());
        }
        Body::DisabledChildSupport(d) => {
            let tail: String = d
                .account
                .chars()
                .skip(d.account.chars().count() - 4)
                .collect();
            v.extend([
                d.applicant_name.clone(),
                d.decision.clone(),
                d.legal_basis.clone(),
                format!(
                    "{} – {}",
                    format_date(d.period_from),
                    format_date(d.period_to)
                ),
                format!(
                    "{}, {} ж.т., үйде оқитын және тәрбиеленетін мүгедек балаларды материалдық \
                     қамтамасыз ету үшін құжаттарының ресімделгенін хабарлаймыз.",
                    d.child_name,
                    format_date(d.child_birth_date)
                ),
                format!(
                    "на ребёнка {}, {} г.р., оформлены.",
                    d.child_name,
                    format_date(d.child_birth_date)
                ),
                format!("{}{tail}", "*".repeat(d.account.chars().count() - 4)),
                "Банковский счёт для перечисления".to_string(),
                "Ақша аударылатын банк шоты".to_string(),
            ]);
        }
        Body::AdmissionOrder(o) => v.extend([
            o.school.clone(),
            o.child_name.clone(),
            o.applicant_name.clone(),
            format!(
                "Өтініштің нөмірі мен күні / Номер и дата заявления № {}",
                o.application_number
            ),
            format!("{} жылғы 1 қыркүйектен бастап", o.school_year_start),
            format!(
                "Зачислить с 1 сентября {} года в {} класс",
                o.school_year_start, o.grade
            ),
            format!("{}, {} г.р.", o.child_name, format_date(o.child_birth_date)),
            format!("{}–{}", o.school_year_start, o.school_year_start + 1),
            "БІЛІМ БЕРУ ҰЙЫМЫНА ОҚУҒА ҚАБЫЛДАУ ТУРАЛЫ БҰЙРЫҚ".to_string(),
            "ПРИКАЗ О ЗАЧИСЛЕНИИ В ОРГАНИЗАЦИЮ ОБРАЗОВАНИЯ".to_string(),
            "БҰЙЫРАМЫН: / ПРИКАЗЫВАЮ:".to_string(),
        ]),
    }
    v.extend([
        "қағаз тасығыштағы құжатпен бірдей".to_string(),
        "равнозначен документу на бумажном носителе".to_string(),
    ]);
    v
}

#[test]
fn every_field_reads_back_in_kazakh_and_russian() {
    let dir = TempDir::new().unwrap();
    for (name, doc) in samples::all() {
        let pdf = write(&dir, name, &render(&doc).unwrap());
        let text = text_of(&pdf, None);
        for want in expected(&doc) {
            let want = want.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                text.contains(&want),
                "{name}: «{want}» not found in:\n{text}"
            );
        }
        if let Body::DisabledChildSupport(d) = &doc.body {
            assert!(
                !text.contains(&d.account),
                "{name}: the full bank account is printed"
            );
        }
        for letter in ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і', 'ё', 'ы'] {
            assert!(
                text.to_lowercase().contains(letter),
                "{name}: letter {letter} lost"
            );
        }
    }
}

#[test]
fn unsigned_documents_say_the_signature_is_pending() {
    let dir = TempDir::new().unwrap();
    let pdf = write(&dir, "p", &render(&samples::provisional_talon()).unwrap());
    let text = text_of(&pdf, None);
    assert!(
        text.contains("Қол қойылмаған / Подпись ожидается"),
        "{text}"
    );
    assert!(!text.contains("Владелец сертификата"));
    let pdf = write(&dir, "s", &render(&samples::talon()).unwrap());
    assert!(text_of(&pdf, None).contains("Серийный номер сертификата: 4f1a9c02d8e37b65"));
}

/// Every word box `(page, xMin, yMin, xMax, yMax, word)` of the PDF.
fn word_boxes(pdf: &Path) -> Vec<(usize, f64, f64, f64, f64, String)> {
    let html = String::from_utf8(tool(
        "pdftotext",
        "poppler-utils",
        &["-bbox", pdf.to_str().unwrap(), "-"],
    ))
    .unwrap();
    let attr = |line: &str, key: &str| -> f64 {
        let start = line.find(&format!("{key}=\"")).unwrap() + key.len() + 2;
        let end = start + line[start..].find('"').unwrap();
        line[start..end].parse().unwrap()
    };
    let mut page = 0;
    let mut words = Vec::new();
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            page += 1;
            assert!((attr(line, "width") - PAGE_W).abs() < 1.0, "not A4: {line}");
        } else if line.starts_with("<word ") {
            let word =
                line[line.find('>').unwrap() + 1..line.rfind("</word>").unwrap()].to_string();
            words.push((
                page,
                attr(line, "xMin"),
                attr(line, "yMin"),
                attr(line, "xMax"),
                attr(line, "yMax"),
                word,
            ));
        }
    }
    words
}

#[test]
fn every_sample_stays_inside_the_margins() {
    let dir = TempDir::new().unwrap();
    for (name, doc) in samples::all() {
        let pdf = write(&dir, name, &render(&doc).unwrap());
        let boxes = word_boxes(&pdf);
        assert!(boxes.len() > 50, "{name}: only {} words", boxes.len());
        for (page, x0, y0, x1, y1, word) in &boxes {
            assert!(
                *x0 >= MARGIN - EPS && *x1 <= PAGE_W - MARGIN + EPS,
                "{name} page {page}: «{word}» sticks out sideways: {x0}..{x1}"
            );
            assert!(
                *y0 >= MARGIN - EPS && *y1 <= PAGE_H - MARGIN + EPS,
                "{name} page {page}: «{word}» sticks out vertically: {y0}..{y1}"
            );
        }
    }
}

#[test]
fn long_address_and_name_wrap_inside_the_margins() {
    let mut doc = samples::application();
    let Body::Application(a) = &mut doc.body else {
        unreachable!()
    };
    a.applicant_address =
        "Қарағанды облысы, Теміртау қаласы, Республика даңғылы, 112-үй, 45-пәтер, \
        Ақбұлақ шағын ауданы, Көкжиек тұрғын үй кешені, 3-блок, 2-кіреберіс, 9-қабат, домофон 45, \
        пошта индексі 101400 (көрші үйдің ауласы арқылы кіру)"
            .chars()
            .take(200)
            .collect();
    assert_eq!(a.applicant_address.chars().count(), 200);
    a.applicant_name = "Сағындықова-Өмірзақова Әлия-Гүлнұр Бекқызы Нұрмұхамедқызы Шаһизадақызы \
        Ұлықпанқызы Ержанқызы Қайратқызы Ғалымжанқызы Тілеуқабылқызы Әбдіхалыққызы"
        .chars()
        .take(120)
        .collect();
    assert_eq!(a.applicant_name.chars().count(), 120);
    let (address, name) = (a.applicant_address.clone(), a.applicant_name.clone());

    let dir = TempDir::new().unwrap();
    let pdf = write(&dir, "long", &render(&doc).unwrap());
    let boxes = word_boxes(&pdf);
    assert!(boxes.len() > 100);
    for (page, x0, y0, x1, y1, word) in &boxes {
        assert!(
            *x0 >= MARGIN - EPS && *x1 <= PAGE_W - MARGIN + EPS,
            "page {page}: «{word}» sticks out sideways: {x0}..{x1}"
        );
        assert!(
            *y0 >= MARGIN - EPS && *y1 <= PAGE_H - MARGIN + EPS,
            "page {page}: «{word}» sticks out vertically: {y0}..{y1}"
        );
    }
    let text = text_of(&pdf, None);
    for w in address.split_whitespace().chain(name.split_whitespace()) {
        assert!(text.contains(w), "«{w}» lost");
    }
}

#[test]
fn forty_attachments_flow_onto_a_second_page_with_the_header_repeated() {
    let attachments: Vec<String> = (1..=40)
        .map(|i| format!("Қосымша құжат № {i} / Прилагаемый документ № {i}"))
        .collect();
    let doc = samples::application_with(attachments);
    let rendered = render(&doc).unwrap();
    assert!(rendered.pages >= 2, "{} page(s)", rendered.pages);
    let dir = TempDir::new().unwrap();
    let pdf = write(&dir, "forty", &rendered);
    let total = rendered.pages;
    for page in 1..=total {
        let text = text_of(&pdf, Some(page));
        assert!(
            text.contains(&doc.issue.office.name_kk),
            "page {page}: no office"
        );
        assert!(
            text.contains("ӨТІНІШ / ЗАЯВЛЕНИЕ · № ӨТ-2025-031415"),
            "page {page}: {text}"
        );
        assert!(
            text.contains(&format!("{page}/{total}")),
            "page {page}: no page number"
        );
    }
    let all = text_of(&pdf, None);
    assert!(all.contains("Прилагаемый документ № 40"));
    assert!(text_of(&pdf, Some(total)).contains("равнозначен документу на бумажном носителе"));
    for (_, x0, y0, x1, y1, word) in word_boxes(&pdf) {
        assert!(
            x0 >= MARGIN - EPS && x1 <= PAGE_W - MARGIN + EPS,
            "«{word}»"
        );
        assert!(
            y0 >= MARGIN - EPS && y1 <= PAGE_H - MARGIN + EPS,
            "«{word}»"
        );
    }
}

#[test]
fn the_qr_code_decodes_to_the_number_and_the_content_hash() {
    let dir = TempDir::new().unwrap();
    for (name, doc) in [
        ("talon", samples::talon()),
        ("refusal", samples::refusal()),
        ("unemployed", samples::unemployed()),
    ] {
        let rendered = render(&doc).unwrap();
        let pdf = write(&dir, name, &rendered);
        let last = rendered.pages.to_string();
        let prefix = dir.path().join(name);
        tool(
            "pdftoppm",
            "poppler-utils",
            &[
                "-r",
                "150",
                "-png",
                "-singlefile",
                "-f",
                &last,
                "-l",
                &last,
                pdf.to_str().unwrap(),
                prefix.to_str().unwrap(),
            ],
        );
        let png = dir.path().join(format!("{name}.png"));
        let decoded = String::from_utf8(tool(
            "zbarimg",
            "zbar-tools",
            &["-q", "--raw", png.to_str().unwrap()],
        ))
        .unwrap();
        assert_eq!(
            decoded.trim_end(),
            format!("{}\n{}", doc.issue.number, rendered.content_sha256),
            "{name}"
        );
    }
}

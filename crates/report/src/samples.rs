//! Sample documents of every template, for the workstation's demo mode, previews and the
//! rendered samples in the documentation.

use time::macros::{date, datetime, time};

use crate::document::{
    AdmissionOrder, Application, ArchivalCertificate, ArchiveReference, Body, DisabledChildSupport,
    Document, InstructionLanguage, Issue, Office, OrganisationKind, Referral, Refusal,
    SchoolReceipt, Signature, Talon, UnemployedCertificate,
};

/// A district education department.
pub fn office() -> Office {
    Office {
        name_kk: "Астана қаласы Сарыарқа ауданының білім бөлімі".to_string(),
        name_ru: "Отдел образования района Сарыарка города Астаны".to_string(),
        address: "010000, Астана қ., Сарыарқа ауданы, Жеңіс даңғылы, 11".to_string(),
        phones: "тел. +7 7172 55-12-34, +7 7172 55-12-35".to_string(),
    }
}

/// Number, date and executor of a sample, signed or not.
pub fn issue(number: &str, signed: bool) -> Issue {
    Issue {
        office: office(),
        number: number.to_string(),
        date: date!(2025 - 03 - 14),
        time: time!(10:42),
        executor: "Жұмабекова Шаһизада Серікқызы".to_string(),
        signature: signed.then(|| Signature {
            subject: "Жұмабекова Шаһизада Серікқызы, ИИН 880214450123".to_string(),
            serial: "4f1a9c02d8e37b65".to_string(),
            signed_at: datetime!(2025-03-14 10:45),
        }),
    }
}

/// A talon with an official queue number.
pub fn talon() -> Document {
    Document {
        issue: issue("ТТ-2025-000418", true),
        body: Body::Talon(Talon {
            request_number: "002-2025-031415".to_string(),
            applied_at: datetime!(2025-03-14 09:58),
            child_name: "Сағындықова Гүлназ Ұланқызы".to_string(),
            child_birth_date: date!(2022 - 06 - 21),
            cohort: 2022,
            priority: "Жалпы кезек / Общая очередь".to_string(),
            queue_number: Some(137),
        }),
    }
}

/// A talon whose queue number is not yet official.
pub fn provisional_talon() -> Document {
    let mut doc = talon();
    doc.issue.signature = None;
    if let Body::Talon(t) = &mut doc.body {
        t.queue_number = None;
    }
    doc
}

/// A referral to a kindergarten.
pub fn referral() -> Document {
    Document {
        issue: issue("ЖЛ-2025-000092", true),
        body: Body::Referral(Referral {
            request_number: "002-2025-031415".to_string(),
            kind: OrganisationKind::Kindergarten,
            organisation: "«Ақбөбек» бөбекжай-бақшасы / Ясли-сад «Акбобек»".to_string(),
            group: "«Күншуақ» ортаңғы тобы (қазақ тілінде) / средняя группа «Күншуақ»".to_string(),
            address: "Астана қ., Сарыарқа ауданы, Әліби Жангелдин көшесі, 24".to_string(),
            valid_until: date!(2025 - 03 - 21),
            child_name: "Сағындықова Гүлназ Ұланқызы".to_string(),
            child_birth_date: date!(2022 - 06 - 21),
        }),
    }
}

/// A motivated refusal.
pub fn refusal() -> Document {
    Document {
        issue: issue("БТ-2025-000017", true),
        body: Body::Refusal(Refusal {
            request_number: "002-2025-031502".to_string(),
            applicant_name: "Өмірзақов Нұрлан Қайратұлы".to_string(),
            service: "Мектепке дейінгі балаларды кезекке қою / Постановка на очередь детей \
                      дошкольного возраста"
                .to_string(),
            reason: "Бала 7 жасқа толған, қызмет 7 жасқа дейінгі балаларға көрсетіледі. / \
                     Ребёнку исполнилось 7 лет, услуга оказывается детям до 7 лет."
                .to_string(),
            legal_basis: "Мемлекеттік көрсетілетін қызмет стандартының 1-тармағы. / Пункт 1 \
                          стандарта государственной услуги."
                .to_string(),
        }),
    }
}

/// An application with the given attached documents.
pub fn application_with(attachments: Vec<String>) -> Document {
    Document {
        issue: issue("ӨТ-2025-031415", false),
        body: Body::Application(Application {
            head_of_department: "Қасымова Гүлшат Әбілқызы".to_string(),
            applicant_name: "Сағындықова Әлия Бекқызы".to_string(),
            applicant_address: "Астана қ., Сарыарқа ауданы, Сейфуллин көшесі, 31-үй, 17-пәтер"
                .to_string(),
            applicant_phone: "+7 701 234 56 78".to_string(),
            child_name: "Сағындықова Гүлназ Ұланқызы".to_string(),
            child_birth_date: date!(2022 - 06 - 21),
            attachments,
        }),
    }
}

/// An application with the usual attached documents.
pub fn application() -> Document {
    application_with(vec![
        "Баланың туу туралы куәлігі / Свидетельство о рождении ребёнка".to_string(),
        "Өтініш берушінің жеке басын куәландыратын құжат / Документ, удостоверяющий личность \
         заявителя"
            .to_string(),
        "Денсаулық паспорты / Паспорт здоровья ребёнка".to_string(),
    ])
}

/// An unemployed certificate.
pub fn unemployed() -> Document {
    Document {
        issue: issue("ЖА-2025-000311", true),
        body: Body::Unemployed(UnemployedCertificate {
            person_name: "Наурызбаева Гүлшат Зиналбекқызы".to_string(),
            registered_on: date!(2025 - 02 - 10),
            public_works: true,
            training: false,
            social_aid: true,
            presented_to: "Тұрғын үй көмегін тағайындау үшін / Для назначения жилищной помощи"
                .to_string(),
            applied_on: date!(2025 - 03 - 13),
        }),
    }
}

/// A city state archive, the issuer of archival certificates.
pub fn archive_office() -> Office {
    Office {
        name_kk: "Шымкент қаласының мемлекеттік архиві".to_string(),
        name_ru: "Государственный архив города Шымкента".to_string(),
        address: "160000, Шымкент қ., Әл-Фараби ауданы, Төле би даңғылы, 32".to_string(),
        phones: "тел. +7 7252 53-21-40".to_string(),
    }
}

/// An archival certificate about length of service.
pub fn archival() -> Document {
    let mut issue = issue("МА-2025-000256", true);
    issue.office = archive_office();
    Document {
        issue,
        body: Body::Archival(ArchivalCertificate {
            applicant_name: "Бектұрсынов Ерлан Мұратұлы".to_string(),
            certificate_type: "Еңбек өтілі туралы / О трудовом стаже".to_string(),
            findings: "«Шымкентмай» АҚ-ның жеке құрам бойынша бұйрықтарында Бектұрсынов Ерлан \
                       Мұратұлы 1996 жылғы 4 сәуірден бастап слесарь болып жұмысқа қабылданғаны \
                       (04.04.1996 № 47-к бұйрық) және 2001 жылғы 28 қыркүйекте өз қалауы бойынша \
                       жұмыстан босатылғаны (28.09.2001 № 112-к бұйрық) туралы мәліметтер бар. / \
                       В приказах по личному составу АО «Шымкентмай» значится: Бектұрсынов Ерлан \
                       Мұратұлы принят на работу слесарем с 4 апреля 1996 года (приказ о приёме \
                       от 04.04.1996 № 47-к) и уволен по собственному желанию 28 сентября 2001 года \
                       (приказ от 28.09.2001 № 112-к)."
                .to_string(),
            references: vec![
                ArchiveReference {
                    fund: "418".to_string(),
                    inventory: "2-Л".to_string(),
                    file: "35".to_string(),
                    sheets: "17–19".to_string(),
                },
                ArchiveReference {
                    fund: "418".to_string(),
                    inventory: "2-Л".to_string(),
                    file: "61".to_string(),
                    sheets: "102".to_string(),
                },
            ],
            period_from: date!(1996 - 01 - 01),
            period_to: date!(2001 - 12 - 31),
            presented_to: "«Азаматтарға арналған үкімет» мемлекеттік корпорациясына / В \
                           Государственную корпорацию «Правительство для граждан»"
                .to_string(),
        }),
    }
}

/// A school, the issuer of admission receipts.
pub fn school_office() -> Office {
    Office {
        name_kk: "Астана қаласы әкімдігінің «№ 54 мектеп-лицейі» ШЖҚ МКК".to_string(),
        name_ru: "ГКП на ПХВ «Школа-лицей № 54» акимата города Астаны".to_string(),
        address: "010000, Астана қ., Сарыарқа ауданы, Бейбітшілік көшесі, 45".to_string(),
        phones: "тел. +7 7172 39-54-54".to_string(),
    }
}

/// A receipt of documents accepted for school admission.
pub fn school_receipt() -> Document {
    let mut issue = issue("ҚХ-2025-000143", true);
    issue.office = school_office();
    Document {
        issue,
        body: Body::SchoolReceipt(SchoolReceipt {
            applicant_name: "Әбдіхалықова Жанар Қайратқызы".to_string(),
            child_name: "Әбдіхалықов Нұрсұлтан Ерболұлы".to_string(),
            child_birth_date: date!(2018 - 09 - 02),
            school: "«№ 54 мектеп-лицейі» / «Школа-лицей № 54»".to_string(),
            documents: vec![
                "Мектепке қабылдау туралы өтініш / Заявление о приёме в школу".to_string(),
                "Баланың туу туралы куәлігінің көшірмесі / Копия свидетельства о рождении \
                 ребёнка"
                    .to_string(),
                "Денсаулық паспорты (063/е нысаны) / Паспорт здоровья ребёнка (форма 063/у)"
                    .to_string(),
                "Баланың 3×4 см өлшемді 2 фотосуреті / Фотографии ребёнка размером 3×4 см, 2 шт."
                    .to_string(),
            ],
            accepted_on: date!(2025 - 03 - 14),
            order_expected_on: date!(2025 - 03 - 18),
            accepted_by: "Тілеуқабылова Мәдина Серікқызы, хатшы / секретарь".to_string(),
        }),
    }
}

/// A district department of employment and social programmes, the issuer of support
/// notifications.
pub fn social_office() -> Office {
    Office {
        name_kk: "Түркістан облысы Сайрам ауданының жұмыспен қамту және әлеуметтік бағдарламалар \
                  бөлімі"
            .to_string(),
        name_ru: "Отдел занятости и социальных программ Сайрамского района Туркестанской области"
            .to_string(),
        address: "160800, Сайрам ауданы, Ақсу ауылы, Жібек жолы көшесі, 18".to_string(),
        phones: "тел. +7 72531 2-15-07".to_string(),
    }
}

/// A notification on the material support of a disabled child taught at home.
pub fn disabled_child_support() -> Document {
    let mut issue = issue("ХБ-2025-000064", true);
    issue.office = social_office();
    Document {
        issue,
        body: Body::DisabledChildSupport(DisabledChildSupport {
            applicant_name: "Жүсіпова Гүлжаһан Әбуқызы".to_string(),
            child_name: "Жүсіпов Әлихан Нұржанұлы".to_string(),
            child_birth_date: date!(2015 - 11 - 07),
            decision: "Құжаттар ресімделді, материалдық қамтамасыз ету тағайындалды. / \
                       Документы оформлены, материальное обеспечение назначено."
                .to_string(),
            period_from: date!(2025 - 04 - 01),
            period_to: date!(2025 - 12 - 31),
            account: "KZ86125KZT5004100100".to_string(),
            legal_basis: "«Үйде оқитын және тәрбиеленетін мүгедек балаларды материалдық \
                          қамтамасыз ету үшін құжаттарды ресімдеу» мемлекеттік көрсетілетін \
                          қызмет стандарты. / Стандарт \
                          государственной услуги «Оформление документов для материального \
                          обеспечения детей-инвалидов, обучающихся и воспитывающихся на дому»."
                .to_string(),
        }),
    }
}

/// An order of admission to school, signed by the school's head.
pub fn admission_order() -> Document {
    let mut issue = issue("БҰ-2025-000058", true);
    issue.office = school_office();
    issue.signature = Some(Signature {
        subject: "Бекмұратов Ерлан Асқарұлы, ИИН 790925317006".to_string(),
        serial: "6c02e9d41ab7f358".to_string(),
        signed_at: datetime!(2025-03-14 11:05),
    });
    Document {
        issue,
        body: Body::AdmissionOrder(AdmissionOrder {
            school: "«№ 54 мектеп-лицейі» / «Школа-лицей № 54»".to_string(),
            child_name: "Әбдіхалықов Нұрсұлтан Ерболұлы".to_string(),
            child_birth_date: date!(2018 - 09 - 02),
            grade: 1,
            language: InstructionLanguage::Kazakh,
            school_year_start: 2025,
            applicant_name: "Әбдіхалықова Жанар Қайратқызы".to_string(),
            application_number: "ҚХ-2025-000143".to_string(),
            application_date: date!(2025 - 03 - 12),
        }),
    }
}

/// Every template once, with a file-name stem for each.
pub fn all() -> Vec<(&'static str, Document)> {
    vec![
        ("talon", talon()),
        ("talon-provisional", provisional_talon()),
        ("referral", referral()),
        ("refusal", refusal()),
        ("application", application()),
        ("unemployed", unemployed()),
        ("archival", archival()),
        ("school-receipt", school_receipt()),
        ("disabled-child-support", disabled_child_support()),
        ("admission-order", admission_order()),
    ]
}

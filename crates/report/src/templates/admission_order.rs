//! Order of admission to a school from the new school year (білім беру ұйымына оқуға
//! қабылдау туралы бұйрық / приказ о зачислении в организацию образования), after 003:L15:
//! drafted by the executor, signed by the head of the school (003:L27-28).

use tereze_core::text::format_date;

use super::{Content, bold};
use crate::document::{AdmissionOrder, InstructionLanguage};
use crate::layout::Block;

/// The language as a table value, in Kazakh and Russian.
fn language_value(l: InstructionLanguage) -> &'static str {
    match l {
        InstructionLanguage::Kazakh => "қазақ тілі / казахский",
        InstructionLanguage::Russian => "орыс тілі / русский",
    }
}

/// "taught in …" inside the Kazakh sentence.
fn language_kk(l: InstructionLanguage) -> &'static str {
    match l {
        InstructionLanguage::Kazakh => "қазақ тілінде",
        InstructionLanguage::Russian => "орыс тілінде",
    }
}

/// "with … language of instruction" inside the Russian sentence.
fn language_ru(l: InstructionLanguage) -> &'static str {
    match l {
        InstructionLanguage::Kazakh => "казахским",
        InstructionLanguage::Russian => "русским",
    }
}

/// The order's content.
pub fn content(o: &AdmissionOrder) -> Content {
    let birth = format_date(o.child_birth_date);
    let applied = format_date(o.application_date);
    let year = o.school_year_start;
    let school_year = format!("{year}–{}", year + 1);
    let blocks = vec![
        Block::row(
            "Білім беру ұйымы",
            "Организация образования",
            o.school.clone(),
        ),
        Block::row("Оқу жылы", "Учебный год", school_year.clone()),
        Block::Gap(3.0),
        Block::text(format!(
            "Қазақстан Республикасының «Білім туралы» Заңына сәйкес, ата-анасының (заңды \
             өкілінің) {} {applied} ж. № {} өтініші негізінде",
            o.applicant_name, o.application_number
        )),
        Block::text(format!(
            "В соответствии с Законом Республики Казахстан «Об образовании», на основании \
             заявления родителя (законного представителя) {} от {applied} № {}",
            o.applicant_name, o.application_number
        )),
        Block::Gap(2.0),
        bold("БҰЙЫРАМЫН: / ПРИКАЗЫВАЮ:"),
        Block::Gap(2.0),
        Block::text(format!(
            "1. {year} жылғы 1 қыркүйектен бастап {} оқытылатын {}-сыныпқа оқуға \
             қабылдансын: {}, {birth} ж.т.",
            language_kk(o.language),
            o.grade,
            o.child_name
        )),
        Block::text(format!(
            "1. Зачислить с 1 сентября {year} года в {} класс с {} языком обучения \
             ребёнка: {}, {birth} г.р.",
            o.grade,
            language_ru(o.language),
            o.child_name
        )),
        Block::text(
            "2. Осы бұйрықтың орындалуын бақылауды өзіме қалдырамын. / Контроль за \
             исполнением настоящего приказа оставляю за собой.",
        ),
        Block::Gap(3.0),
        Block::row("Сынып", "Класс", o.grade.to_string()),
        Block::row("Оқыту тілі", "Язык обучения", language_value(o.language)),
        Block::row(
            "Өтініштің нөмірі мен күні",
            "Номер и дата заявления",
            format!("№ {}, {applied}", o.application_number),
        ),
    ];
    Content {
        template: "admission_order",
        title_kk: "БІЛІМ БЕРУ ҰЙЫМЫНА ОҚУҒА ҚАБЫЛДАУ ТУРАЛЫ БҰЙРЫҚ",
        title_ru: "ПРИКАЗ О ЗАЧИСЛЕНИИ В ОРГАНИЗАЦИЮ ОБРАЗОВАНИЯ",
        fields: vec![
            ("school", o.school.clone()),
            ("school_year", school_year),
            ("child_name", o.child_name.clone()),
            ("child_birth_date", birth),
            ("grade", o.grade.to_string()),
            ("language", language_value(o.language).to_owned()),
            ("applicant_name", o.applicant_name.clone()),
            ("application_number", o.application_number.clone()),
            ("application_date", applied),
        ],
        blocks,
    }
}

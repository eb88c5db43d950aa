//! The grounds a motivated refusal may cite, with the legal basis printed on the refusal.
//!
//! The regulation files name the refusal as an outcome but not its grounds; the seeds give them
//! in the process descriptions: incomplete documents against the service standard, the
//! applicant's data not confirmed by the State database "Individuals" (000:L51), the child's data
//! not confirmed by the civil registry (000:L54), and for the preschool queue a child past the
//! service's age limit (002:L70-71). The operator picks one; the refusal prints its reason and
//! basis in Kazakh and Russian.

/// One refusal ground.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ground {
    /// Stable id, stored with the decision.
    pub id: &'static str,
    /// The services it applies to; empty: every service.
    pub services: &'static [&'static str],
    /// The reason in Kazakh.
    pub reason_kk: &'static str,
    /// The reason in Russian.
    pub reason_ru: &'static str,
    /// The reason in English (the interface only).
    pub reason_en: &'static str,
    /// The legal basis in Kazakh.
    pub basis_kk: &'static str,
    /// The legal basis in Russian.
    pub basis_ru: &'static str,
}

impl Ground {
    /// The reason as the refusal prints it: Kazakh / Russian.
    pub fn printed_reason(&self) -> String {
        format!("{} / {}", self.reason_kk, self.reason_ru)
    }

    /// The legal basis as the refusal prints it: Kazakh / Russian.
    pub fn printed_basis(&self) -> String {
        format!("{} / {}", self.basis_kk, self.basis_ru)
    }

    /// The reason in the interface language (`kk`, `ru`, else English).
    pub fn label(&self, lang: &str) -> &'static str {
        match lang {
            "kk" => self.reason_kk,
            "ru" => self.reason_ru,
            _ => self.reason_en,
        }
    }
}

const STANDARD_KK: &str = "Мемлекеттік көрсетілетін қызмет стандартында көзделген құжаттар тізбесі";
const STANDARD_RU: &str = "Перечень документов, предусмотренный стандартом государственной услуги";
const LAW_KK: &str = "«Мемлекеттік көрсетілетін қызметтер туралы» Қазақстан Республикасының Заңы; \
электрондық мемлекеттік көрсетілетін қызмет регламенті (деректерді тексеру шарты)";
const LAW_RU: &str = "Закон Республики Казахстан «О государственных услугах»; регламент \
электронной государственной услуги (условие проверки данных)";

/// Every ground, in the order offered.
pub const GROUNDS: &[Ground] = &[
    Ground {
        id: "documents-incomplete",
        services: &[],
        reason_kk: "Қажетті құжаттардың толық топтамасы ұсынылмады",
        reason_ru: "Представлен неполный пакет необходимых документов",
        reason_en: "The required documents are incomplete",
        basis_kk: STANDARD_KK,
        basis_ru: STANDARD_RU,
    },
    Ground {
        id: "applicant-data-not-confirmed",
        services: &[],
        reason_kk: "Өтініш берушінің деректері «Жеке тұлғалар» мемлекеттік деректер қорымен расталмады",
        reason_ru: "Данные заявителя не подтверждены государственной базой данных «Физические лица»",
        reason_en: "The applicant's data are not confirmed by the State database \"Individuals\"",
        basis_kk: LAW_KK,
        basis_ru: LAW_RU,
    },
    Ground {
        id: "child-data-not-confirmed",
        services: &[
            "preschool-queue",
            "school-admission",
            "disabled-child-support",
        ],
        reason_kk: "Баланың деректері азаматтық хал актілерін тіркеу жүйесімен расталмады",
        reason_ru: "Данные ребёнка не подтверждены системой регистрации актов гражданского состояния",
        reason_en: "The child's data are not confirmed by the civil registry",
        basis_kk: LAW_KK,
        basis_ru: LAW_RU,
    },
    Ground {
        id: "child-over-age",
        services: &["preschool-queue"],
        reason_kk: "Бала мемлекеттік көрсетілетін қызметте белгіленген жасқа толған",
        reason_ru: "Ребёнок достиг возраста, установленного для государственной услуги",
        reason_en: "The child is past the age limit of the service",
        basis_kk: "Мемлекеттік көрсетілетін қызметтің атауы мен шарттары (мектеп жасына дейінгі балалар)",
        basis_ru: "Наименование и условия государственной услуги (дети дошкольного возраста)",
    },
];

/// The grounds a refusal of `service_id` may cite.
pub fn for_service(service_id: &str) -> Vec<&'static Ground> {
    GROUNDS
        .iter()
        .filter(|g| g.services.is_empty() || g.services.contains(&service_id))
        .collect()
}

/// A ground by id.
pub fn by_id(id: &str) -> Option<&'static Ground> {
    GROUNDS.iter().find(|g| g.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_age_limit_is_a_ground_only_for_the_preschool_queue() {
        assert!(
            for_service("preschool-queue")
                .iter()
                .any(|g| g.id == "child-over-age")
        );
        assert!(
            !for_service("archive-certificate")
                .iter()
                .any(|g| g.id == "child-over-age")
        );
        assert!(
            for_service("archive-certificate")
                .iter()
                .any(|g| g.id == "documents-incomplete")
        );
    }
}

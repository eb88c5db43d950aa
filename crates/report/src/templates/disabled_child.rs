//! Notification that the documents for the material support of a disabled child taught and
//! brought up at home were processed (хабарлама / уведомление), after 002 Прил. 4.

use tereze_core::text::format_date;

use super::{Content, bold};
use crate::document::DisabledChildSupport;
use crate::layout::Block;

/// The account as printed: every character but the last four replaced by `*`, spaces kept,
/// so the printout cannot be used to pay elsewhere yet the holder recognises the account.
pub fn mask_account(account: &str) -> String {
    let visible = account.chars().filter(|c| !c.is_whitespace()).count();
    let mut seen = 0;
    account
        .chars()
        .map(|c| {
            if c.is_whitespace() {
                return c;
            }
            seen += 1;
            if seen + 4 > visible { c } else { '*' }
        })
        .collect()
}

/// The notification's content.
pub fn content(d: &DisabledChildSupport) -> Content {
    let birth = format_date(d.child_birth_date);
    let from = format_date(d.period_from);
    let to = format_date(d.period_to);
    let account = mask_account(&d.account);
    let blocks = vec![
        Block::row(
            "Өтініш берушінің аты-жөні",
            "Ф.И.О. заявителя",
            d.applicant_name.clone(),
        ),
        Block::row("Баланың аты-жөні", "Ф.И.О. ребёнка", d.child_name.clone()),
        Block::row("Баланың туған күні", "Дата рождения ребёнка", birth.clone()),
        Block::Gap(3.0),
        Block::text(format!(
            "{}, {birth} ж.т., үйде оқитын және тәрбиеленетін мүгедек балаларды материалдық \
             қамтамасыз ету үшін құжаттарының ресімделгенін хабарлаймыз.",
            d.child_name
        )),
        Block::Gap(2.0),
        Block::text(format!(
            "Уведомляем, что документы для материального обеспечения детей-инвалидов, \
             обучающихся и воспитывающихся на дому, на ребёнка {}, {birth} г.р., оформлены.",
            d.child_name
        )),
        Block::Gap(3.0),
        bold("Шешім / Решение:"),
        Block::text(d.decision.clone()),
        Block::Gap(3.0),
        Block::row(
            "Материалдық қамтамасыз ету кезеңі",
            "Период материального обеспечения",
            format!("{from} – {to}"),
        ),
        Block::row(
            "Ақша аударылатын банк шоты",
            "Банковский счёт для перечисления",
            account.clone(),
        ),
        Block::Gap(3.0),
        bold("Құқықтық негіз / Правовое основание:"),
        Block::text(d.legal_basis.clone()),
    ];
    Content {
        template: "disabled_child_support",
        title_kk: "ҮЙДЕ ОҚИТЫН ЖӘНЕ ТӘРБИЕЛЕНЕТІН МҮГЕДЕК БАЛАЛАРДЫ МАТЕРИАЛДЫҚ ҚАМТАМАСЫЗ ЕТУ \
                   ҮШІН ҚҰЖАТТАРДЫ РЕСІМДЕУ ТУРАЛЫ ХАБАРЛАМА",
        title_ru: "УВЕДОМЛЕНИЕ ОБ ОФОРМЛЕНИИ ДОКУМЕНТОВ ДЛЯ МАТЕРИАЛЬНОГО ОБЕСПЕЧЕНИЯ \
                   ДЕТЕЙ-ИНВАЛИДОВ, ОБУЧАЮЩИХСЯ И ВОСПИТЫВАЮЩИХСЯ НА ДОМУ",
        fields: vec![
            ("applicant_name", d.applicant_name.clone()),
            ("child_name", d.child_name.clone()),
            ("child_birth_date", birth),
            ("decision", d.decision.clone()),
            ("period_from", from),
            ("period_to", to),
            ("account", account),
            ("legal_basis", d.legal_basis.clone()),
        ],
        blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::mask_account;

    #[test]
    fn only_the_last_four_characters_of_the_account_stay_readable() {
        assert_eq!(mask_account("KZ86125KZT5004100100"), "****************0100");
        assert_eq!(mask_account("KZ86 125K ZT50 0410"), "**** **** **** 0410");
        assert_eq!(mask_account("123"), "123");
        assert_eq!(mask_account(""), "");
    }
}

//! The archivist's findings on the decision screen of an archival certificate: what the
//! archive found and the record it rests on (fund, inventory, file, sheets), printed on the
//! certificate.

use iced::widget::{column, row, text, text_input};
use iced::{Element, Length};
use tereze_core::store::{ArchivalFindings, ArchivalReference};

use super::Message;
use crate::app::Context;

/// The service whose positive decision needs findings.
pub const SERVICE: &str = "archive-certificate";
/// Its positive outcome.
pub const OUTCOME: &str = "certificate";

/// Stable widget ids for tests and focus.
pub mod id {
    /// What the archive found.
    pub const FINDINGS: &str = "decide-archival-findings";
    /// The fund number.
    pub const FUND: &str = "decide-archival-fund";
    /// The inventory number.
    pub const INVENTORY: &str = "decide-archival-inventory";
    /// The file number.
    pub const FILE: &str = "decide-archival-file";
    /// The sheets.
    pub const SHEETS: &str = "decide-archival-sheets";
}

/// A field of the findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// What the archive found.
    Findings,
    /// The fund number.
    Fund,
    /// The inventory number.
    Inventory,
    /// The file number.
    File,
    /// The sheets.
    Sheets,
}

/// The findings as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    findings: String,
    reference: ArchivalReference,
}

impl Draft {
    /// Takes a typed value.
    pub fn set(&mut self, field: Field, value: String) {
        let slot = match field {
            Field::Findings => &mut self.findings,
            Field::Fund => &mut self.reference.fund,
            Field::Inventory => &mut self.reference.inventory,
            Field::File => &mut self.reference.file,
            Field::Sheets => &mut self.reference.sheets,
        };
        *slot = value;
    }

    /// The findings to keep, or `None` while the findings text is empty. The reference is kept
    /// when any of its parts was typed.
    pub fn findings(&self) -> Option<ArchivalFindings> {
        if self.findings.trim().is_empty() {
            return None;
        }
        let r = &self.reference;
        let typed = [&r.fund, &r.inventory, &r.file, &r.sheets]
            .iter()
            .any(|p| !p.trim().is_empty());
        Some(ArchivalFindings {
            findings: self.findings.trim().to_owned(),
            references: if typed { vec![r.clone()] } else { Vec::new() },
        })
    }

    /// The inputs.
    pub fn view<'a>(&'a self, ctx: &'a Context) -> Element<'a, Message> {
        let t = &ctx.translator;
        let input = |key: &str, widget: &'static str, value: &str, field: Field| {
            text_input(&t.tr(key), value)
                .id(widget)
                .on_input(move |v| Message::Archival(field, v))
                .width(Length::Fill)
        };
        column![
            text(t.tr("counter-archival-title")),
            input(
                "counter-archival-findings",
                id::FINDINGS,
                &self.findings,
                Field::Findings
            ),
            row![
                input(
                    "counter-archival-fund",
                    id::FUND,
                    &self.reference.fund,
                    Field::Fund
                ),
                input(
                    "counter-archival-inventory",
                    id::INVENTORY,
                    &self.reference.inventory,
                    Field::Inventory
                ),
                input(
                    "counter-archival-file",
                    id::FILE,
                    &self.reference.file,
                    Field::File
                ),
                input(
                    "counter-archival-sheets",
                    id::SHEETS,
                    &self.reference.sheets,
                    Field::Sheets
                ),
            ]
            .spacing(8),
        ]
        .spacing(6)
        .into()
    }
}

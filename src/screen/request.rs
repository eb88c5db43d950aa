//! The request form: the fields of the chosen regulation and region profile, with the ФЛК's
//! messages beside each field as the operator types, a draft that can be saved at any time, and
//! scanned documents attached per slot (type and size checked before anything is stored).

use std::collections::BTreeSet;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use iced::widget::{button, column, pick_list, row, text, text_input};
use iced::{Element, Length, Task};
use tereze_core::channel::Channel;
use tereze_core::flk::{self, FlkReport};
use tereze_core::form::FieldValues;
use tereze_core::i18n::{Localize, Localized};
use tereze_core::regulation::{FieldFormat, FieldSpec, Regulation, Requirement};
use tereze_core::store::{Attachment, RequestDraft};
use uuid::Uuid;

use crate::app::Context;
use crate::theme;

/// The widget id of a field's input, for tests and focus.
pub fn field_id(field: &str) -> String {
    format!("field-{field}")
}

/// The form of one request.
#[derive(Debug)]
pub struct RequestForm {
    service_id: String,
    profile: String,
    fields: Vec<FieldSpec>,
    values: FieldValues,
    touched: BTreeSet<String>,
    report: Option<FlkReport>,
    saved: Option<(Uuid, i64)>,
    attachments: Vec<Attachment>,
    notice: Option<Localized>,
    busy: bool,
}

/// What the operator does on the form.
#[derive(Debug, Clone)]
pub enum Message {
    /// A field changed.
    FieldChanged(String, String),
    /// Save the draft.
    Save,
    /// The store answered a save: the request id and its new version.
    Saved(Result<(Uuid, i64), Localized>),
    /// Choose a scan for a slot.
    PickFile(String),
    /// The file dialog closed (`None`: cancelled).
    FilePicked(String, Option<PathBuf>),
    /// The store answered an attachment.
    Attached(Result<Attachment, Localized>),
    /// Back to the inbox.
    Back,
}

/// What the app should do after an update.
#[derive(Debug)]
pub enum Action {
    /// Nothing more.
    None,
    /// Run this task and feed its messages back.
    Run(Task<Message>),
    /// Return to the inbox.
    Back,
}

/// A pick-list entry: a stored value and its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    value: String,
    label: String,
}

impl fmt::Display for Choice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

impl RequestForm {
    /// An empty form of `regulation` under `profile`.
    pub fn new(regulation: &Regulation, profile: &str) -> Result<Self, Localized> {
        let fields = regulation
            .effective_fields(profile)
            .map_err(|e| e.localized())?;
        let mut form = Self {
            service_id: regulation.id.clone(),
            profile: profile.to_owned(),
            fields,
            values: FieldValues::new(),
            touched: BTreeSet::new(),
            report: None,
            saved: None,
            attachments: Vec::new(),
            notice: None,
            busy: false,
        };
        form.check(regulation);
        Ok(form)
    }

    /// The latest ФЛК report.
    pub fn report(&self) -> Option<&FlkReport> {
        self.report.as_ref()
    }

    /// The errors shown beside `field` now (only once the operator has touched it).
    pub fn shown_errors<'a>(&'a self, field: &'a str) -> Vec<&'a Localized> {
        if !self.touched.contains(field) {
            return Vec::new();
        }
        self.report
            .iter()
            .flat_map(|r| r.errors_on(field))
            .map(|i| &i.message)
            .collect()
    }

    /// The saved request's id, once saved.
    pub fn saved_id(&self) -> Option<Uuid> {
        self.saved.map(|(id, _)| id)
    }

    /// The scans attached so far.
    pub fn attachments(&self) -> &[Attachment] {
        &self.attachments
    }

    /// What saving stores now: the ФЛК-normalised values (failed ones as typed), made against
    /// the version last saved.
    pub fn draft(&self) -> RequestDraft {
        let fields = self
            .report
            .as_ref()
            .map_or_else(|| self.values.clone(), |r| r.values.clone());
        RequestDraft {
            id: self.saved.map(|(id, _)| id),
            expected_version: self.saved.map(|(_, v)| v),
            service_id: self.service_id.clone(),
            profile: self.profile.clone(),
            channel: Channel::Office,
            fields,
        }
    }

    fn check(&mut self, regulation: &Regulation) {
        let slots: Vec<&str> = self.attachments.iter().map(|a| a.slot.as_str()).collect();
        self.report = flk::check(regulation, &self.profile, &self.values, &slots).ok();
    }

    fn regulation<'a>(&self, ctx: &'a Context) -> Option<&'a Regulation> {
        ctx.registry.get(&self.service_id)
    }

    /// Handles a message.
    pub fn update(&mut self, ctx: &Context, message: Message) -> Action {
        match message {
            Message::FieldChanged(field, value) => {
                self.touched.insert(field.clone());
                if value.is_empty() {
                    self.values.remove(&field);
                } else {
                    self.values.insert(field, value);
                }
                if let Some(reg) = self.regulation(ctx) {
                    self.check(reg);
                }
                Action::None
            }
            Message::Save if self.busy => Action::None,
            Message::Save => {
                self.touched
                    .extend(self.fields.iter().map(|f| f.id.clone()));
                let Some(operator) = ctx.operator.as_ref().map(|op| op.id) else {
                    return Action::None;
                };
                let draft = self.draft();
                self.busy = true;
                Action::Run(blocking(ctx, Message::Saved, move |store| {
                    save(store, &draft, operator)
                }))
            }
            Message::Saved(result) => {
                self.busy = false;
                match result {
                    Ok(saved) => {
                        self.saved = Some(saved);
                        self.notice = Some(Localized::new("form-saved"));
                    }
                    Err(e) => self.notice = Some(e),
                }
                Action::None
            }
            Message::PickFile(slot) => {
                if self.saved.is_none() {
                    self.notice = Some(Localized::new("form-save-before-attaching"));
                    return Action::None;
                }
                Action::Run(Task::perform(
                    async move {
                        let picked = rfd::AsyncFileDialog::new()
                            .add_filter("PDF, JPEG, PNG", &["pdf", "jpg", "jpeg", "png"])
                            .pick_file()
                            .await;
                        (slot, picked.map(|f| f.path().to_path_buf()))
                    },
                    |(slot, path)| Message::FilePicked(slot, path),
                ))
            }
            Message::FilePicked(_, None) => Action::None,
            Message::FilePicked(slot, Some(path)) => {
                let (Some(request), Some(operator)) =
                    (self.saved_id(), ctx.operator.as_ref().map(|op| op.id))
                else {
                    return Action::None;
                };
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                Action::Run(blocking(ctx, Message::Attached, move |store| {
                    store
                        .add_attachment(request, &slot, &name, &path, operator)
                        .map_err(|e| e.localized())
                }))
            }
            Message::Attached(Ok(attachment)) => {
                self.attachments.push(attachment);
                self.notice = None;
                if let Some(reg) = self.regulation(ctx) {
                    self.check(reg);
                }
                Action::None
            }
            Message::Attached(Err(e)) => {
                self.notice = Some(e);
                Action::None
            }
            Message::Back => Action::Back,
        }
    }

    /// Draws the form.
    pub fn view<'a>(&'a self, ctx: &'a Context) -> Element<'a, Message> {
        let t = &ctx.translator;
        let lang = t.lang().code();
        let title = self
            .regulation(ctx)
            .map(|r| r.names.get(lang).to_owned())
            .unwrap_or_default();
        let mut form = column![
            row![
                button(text(t.tr("form-back")))
                    .style(button::secondary)
                    .on_press(Message::Back),
                text(title).size(18).font(theme::FONT_HEADING),
            ]
            .spacing(12),
        ]
        .spacing(10);
        for field in &self.fields {
            form = form.push(self.field_view(ctx, field));
        }
        if let Some(reg) = self.regulation(ctx) {
            form = form.push(text(t.tr("form-attachments")).font(theme::FONT_HEADING));
            for slot in &reg.attachments {
                let attached: Vec<String> = self
                    .attachments
                    .iter()
                    .filter(|a| a.slot == slot.id)
                    .map(|a| a.file_name.clone())
                    .collect();
                let need = match &slot.required {
                    Requirement::Required => t.tr("form-slot-required"),
                    Requirement::Optional => t.tr("form-slot-optional"),
                    Requirement::Conditional(_) => t.tr("form-slot-conditional"),
                };
                let mut line = column![
                    text(format!("{} ({need})", slot.labels.get(lang))),
                    row![
                        text(attached.join(", ")).width(Length::Fill),
                        button(text(t.tr("form-attach")))
                            .style(button::secondary)
                            .on_press(Message::PickFile(slot.id.clone())),
                    ]
                    .spacing(8),
                ]
                .spacing(4);
                if self.touched.contains(&slot.id) || self.saved.is_some() {
                    for issue in self.report.iter().flat_map(|r| r.errors_on(&slot.id)) {
                        line = line.push(text(t.text(&issue.message)).style(text::danger));
                    }
                }
                form = form.push(line);
            }
        }
        let mut save = button(text(t.tr("form-save")));
        if !self.busy {
            save = save.on_press(Message::Save);
        }
        form = form.push(save);
        if let Some(notice) = &self.notice {
            form = form.push(text(t.text(notice)));
        }
        form.into()
    }

    fn field_view<'a>(&'a self, ctx: &'a Context, field: &'a FieldSpec) -> Element<'a, Message> {
        let t = &ctx.translator;
        let lang = t.lang().code();
        let mark = if field.mandatory { " *" } else { "" };
        let value = self.values.get(&field.id).cloned().unwrap_or_default();
        let id = field.id.clone();
        let input: Element<'a, Message> = match &field.format {
            FieldFormat::Choice(options) => choice_list(
                options
                    .iter()
                    .map(|o| (o.id.clone(), o.labels.get(lang).to_owned()))
                    .collect(),
                &value,
                id,
            ),
            FieldFormat::Sex => choice_list(
                vec![
                    ("male".into(), t.tr("form-sex-male")),
                    ("female".into(), t.tr("form-sex-female")),
                ],
                &value,
                id,
            ),
            FieldFormat::Bool => choice_list(
                vec![
                    ("true".into(), t.tr("form-yes")),
                    ("false".into(), t.tr("form-no")),
                ],
                &value,
                id,
            ),
            _ => text_input("", &value)
                .id(field_id(&field.id))
                .on_input(move |v| Message::FieldChanged(id.clone(), v))
                .on_submit(Message::Save)
                .into(),
        };
        let mut block = column![
            text(format!("{}{mark}", field.labels.get(lang))).size(14),
            input
        ]
        .spacing(4);
        for error in self.shown_errors(&field.id) {
            block = block.push(text(t.text(error)).size(13).style(text::danger));
        }
        if self.touched.contains(&field.id) {
            let warnings = self
                .report
                .iter()
                .flat_map(|r| r.warnings.iter())
                .filter(|w| w.field == field.id);
            for warning in warnings {
                block = block.push(text(format!("⚠ {}", t.text(&warning.message))).size(13));
            }
        }
        block.into()
    }
}

fn choice_list<'a>(
    options: Vec<(String, String)>,
    value: &str,
    field: String,
) -> Element<'a, Message> {
    let choices: Vec<Choice> = options
        .into_iter()
        .map(|(value, label)| Choice { value, label })
        .collect();
    let selected = choices.iter().find(|c| c.value == value).cloned();
    pick_list(choices, selected, move |c: Choice| {
        Message::FieldChanged(field.clone(), c.value)
    })
    .width(Length::Fill)
    .into()
}

/// Runs store work off the UI thread and maps its result to a message.
fn blocking<T, F>(
    ctx: &Context,
    to_message: fn(Result<T, Localized>) -> Message,
    work: F,
) -> Task<Message>
where
    T: Send + 'static,
    F: FnOnce(&mut tereze_core::store::Store) -> Result<T, Localized> + Send + 'static,
{
    let store = Arc::clone(&ctx.store);
    Task::perform(
        async move {
            tokio::task::spawn_blocking(move || {
                let mut store = store
                    .lock()
                    .map_err(|_| Localized::new("form-store-busy"))?;
                work(&mut store)
            })
            .await
            .unwrap_or_else(|_| Err(Localized::new("form-store-busy")))
        },
        to_message,
    )
}

/// Saves a draft; what the save task runs off the UI thread.
pub fn save(
    store: &mut tereze_core::store::Store,
    draft: &RequestDraft,
    operator: Uuid,
) -> Result<(Uuid, i64), Localized> {
    store
        .save_request(draft, operator)
        .map(|s| (s.id, s.version))
        .map_err(|e| e.localized())
}

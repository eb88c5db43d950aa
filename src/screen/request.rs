//! The request form: the fields of the chosen regulation and region profile, with the ФЛК's
//! messages beside each field as the operator types, a draft that can be saved at any time, and
//! scanned documents attached per slot (type and size checked by the store before anything is
//! stored), each with a thumbnail, a preview, replace and a confirmed remove.
//!
//! Files dragged onto the window go to one slot, marked on screen: the slot the operator last
//! chose with its "drop files here" button or its attach button; until then, the first slot of
//! the regulation that has no file yet. (Drop events carry no cursor position on every platform,
//! so the target is chosen by the operator, not by where the file is released.)

mod attachments;

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use iced::widget::{button, column, pick_list, row, text, text_input};
use iced::{Element, Length, Task};
use tereze_core::channel::Channel;
use tereze_core::flk::{self, FlkReport};
use tereze_core::form::FieldValues;
use tereze_core::i18n::{Localize, Localized};
use tereze_core::regulation::{FieldFormat, FieldSpec, Regulation};
use tereze_core::store::{Attachment, RequestDraft};
use uuid::Uuid;

use crate::app::Context;
use crate::preview::{self, Picture};
use crate::{task, theme};

/// The widget id of a field's input, for tests and focus.
pub fn field_id(field: &str) -> String {
    format!("field-{field}")
}

/// Stable widget ids of the attachment controls, for tests.
pub mod id {
    use uuid::Uuid;

    /// The thumbnail of an attached file (click: preview).
    pub fn thumbnail(attachment: Uuid) -> String {
        format!("thumbnail-{attachment}")
    }

    /// The remove button of an attached file.
    pub fn remove(attachment: Uuid) -> String {
        format!("remove-{attachment}")
    }

    /// The replace button of an attached file.
    pub fn replace(attachment: Uuid) -> String {
        format!("replace-{attachment}")
    }

    /// The "dropped files go here" button of a slot.
    pub fn drop_target(slot: &str) -> String {
        format!("drop-target-{slot}")
    }

    /// Confirms the removal asked for.
    pub const CONFIRM_REMOVE: &str = "confirm-remove";
    /// Keeps the file after all.
    pub const CANCEL_REMOVE: &str = "cancel-remove";
    /// Closes the preview pane.
    pub const CLOSE_PREVIEW: &str = "close-preview";
    /// Signs the saved request.
    pub const SIGN: &str = "form-sign";
}

/// The preview pane of one attachment: pages once rendered, or why they cannot be shown.
#[derive(Debug, Clone)]
pub struct Preview {
    /// The attachment shown.
    pub attachment: Uuid,
    /// `None` while rendering.
    pub pages: Option<Result<Vec<Picture>, Localized>>,
}

/// The form of one request.
#[derive(Debug)]
pub struct RequestForm {
    service_id: String,
    profile: String,
    channel: Channel,
    fields: Vec<FieldSpec>,
    values: FieldValues,
    touched: BTreeSet<String>,
    report: Option<FlkReport>,
    saved: Option<(Uuid, i64)>,
    attachments: Vec<Attachment>,
    thumbnails: HashMap<Uuid, Result<Picture, Localized>>,
    /// The slot files dropped on the window go to, once the operator chose one.
    drop_slot: Option<String>,
    /// Whether files are being dragged over the window.
    hovering: bool,
    /// The attachment whose removal waits for the operator's confirmation.
    confirm_remove: Option<Uuid>,
    preview: Option<Preview>,
    notice: Option<Localized>,
    busy: bool,
    /// Fields changed since the last save: signing would sign the stored version instead.
    unsaved: bool,
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
    /// Files dropped on the window go to this slot from now on.
    DropTarget(String),
    /// Files are dragged over the window (`true`) or left it (`false`).
    DropHover(bool),
    /// A file was dropped on the window: it goes to the drop slot (see [`RequestForm::drop_slot`]).
    FileDropped(PathBuf),
    /// A thumbnail was made (or could not be).
    ThumbnailReady(Uuid, Result<Picture, Localized>),
    /// Show an attachment in the preview pane.
    OpenPreview(Uuid),
    /// The preview pages were rendered (or could not be).
    PreviewReady(Uuid, Result<Vec<Picture>, Localized>),
    /// Close the preview pane.
    ClosePreview,
    /// Ask to remove an attachment (confirmation follows).
    Remove(Uuid),
    /// The operator confirmed the removal asked for.
    ConfirmRemove,
    /// The operator kept the file after all.
    CancelRemove,
    /// The store answered a removal.
    Removed(Result<Attachment, Localized>),
    /// Choose a file to replace an attachment with.
    Replace(Uuid),
    /// The replace dialog closed (`None`: cancelled).
    ReplacePicked(Uuid, Option<PathBuf>),
    /// The store answered a replacement: the attachment replaced and the new one.
    Replaced(Uuid, Result<Attachment, Localized>),
    /// Sign the saved request with the operator's ЭЦП.
    Sign,
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
    /// Sign the saved request.
    Sign(Uuid),
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
            channel: Channel::Office,
            fields,
            values: FieldValues::new(),
            touched: BTreeSet::new(),
            report: None,
            saved: None,
            attachments: Vec::new(),
            thumbnails: HashMap::new(),
            drop_slot: None,
            hovering: false,
            confirm_remove: None,
            preview: None,
            notice: None,
            busy: false,
            unsaved: false,
        };
        form.check(regulation);
        Ok(form)
    }

    /// The same form saving its request under `channel` (where the operator taking it works).
    pub fn with_channel(mut self, channel: Channel) -> Self {
        self.channel = channel;
        self
    }

    /// The channel the request is saved with.
    pub fn channel(&self) -> Channel {
        self.channel
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

    /// The thumbnail of an attachment: `None` while it is being made.
    pub fn thumbnail(&self, attachment: Uuid) -> Option<&Result<Picture, Localized>> {
        self.thumbnails.get(&attachment)
    }

    /// The preview pane, when open.
    pub fn preview(&self) -> Option<&Preview> {
        self.preview.as_ref()
    }

    /// The attachment waiting for the operator to confirm its removal.
    pub fn confirming_removal(&self) -> Option<Uuid> {
        self.confirm_remove
    }

    /// The message under the form (saved, refused file, …).
    pub fn notice(&self) -> Option<&Localized> {
        self.notice.as_ref()
    }

    /// Whether files are being dragged over the window.
    pub fn hovering(&self) -> bool {
        self.hovering
    }

    /// The slot a file dropped on the window goes to: the slot the operator last chose (by
    /// its "drop here" button or its attach button), otherwise the first slot of the
    /// regulation that has no file yet, otherwise the first slot.
    pub fn drop_slot(&self, regulation: &Regulation) -> Option<String> {
        if let Some(slot) = &self.drop_slot {
            return Some(slot.clone());
        }
        regulation
            .attachments
            .iter()
            .find(|s| !self.attachments.iter().any(|a| a.slot == s.id))
            .or_else(|| regulation.attachments.first())
            .map(|s| s.id.clone())
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
            channel: self.channel,
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
                self.unsaved = true;
                if value.is_empty() {
                    self.values.remove(&field);
                } else {
                    self.values.insert(field, value);
                }
                self.recheck(ctx);
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
                self.unsaved = false;
                Action::Run(task::with_store(
                    &ctx.store,
                    Localized::new("form-store-busy"),
                    move |store| save(store, &draft, operator),
                    Message::Saved,
                ))
            }
            Message::Saved(result) => {
                self.busy = false;
                match result {
                    Ok(saved) => {
                        self.saved = Some(saved);
                        self.notice = Some(Localized::new("form-saved"));
                    }
                    Err(e) => {
                        self.unsaved = true;
                        self.notice = Some(e);
                    }
                }
                Action::None
            }
            Message::PickFile(slot) => {
                self.drop_slot = Some(slot.clone());
                if self.saved.is_none() {
                    self.notice = Some(Localized::new("form-save-before-attaching"));
                    return Action::None;
                }
                Action::Run(Task::perform(pick_file(), move |path| {
                    Message::FilePicked(slot, path)
                }))
            }
            Message::FilePicked(_, None) => Action::None,
            Message::FilePicked(slot, Some(path)) => self.attach(ctx, slot, path),
            Message::DropTarget(slot) => {
                self.drop_slot = Some(slot);
                Action::None
            }
            Message::DropHover(hovering) => {
                self.hovering = hovering;
                Action::None
            }
            Message::FileDropped(path) => {
                self.hovering = false;
                if self.saved.is_none() {
                    self.notice = Some(Localized::new("form-save-before-attaching"));
                    return Action::None;
                }
                match self.regulation(ctx).and_then(|reg| self.drop_slot(reg)) {
                    Some(slot) => self.attach(ctx, slot, path),
                    None => Action::None,
                }
            }
            Message::Attached(Ok(attachment)) => {
                let thumbnail = make_thumbnail(ctx, &attachment);
                self.attachments.push(attachment);
                self.notice = None;
                self.recheck(ctx);
                Action::Run(thumbnail)
            }
            Message::Attached(Err(e)) | Message::Removed(Err(e)) => {
                self.notice = Some(e);
                Action::None
            }
            Message::ThumbnailReady(id, result) => {
                if self.attachments.iter().any(|a| a.id == id) {
                    self.thumbnails.insert(id, result);
                }
                Action::None
            }
            Message::OpenPreview(id) => {
                let Some(attachment) = self.attachments.iter().find(|a| a.id == id) else {
                    return Action::None;
                };
                self.preview = Some(Preview {
                    attachment: id,
                    pages: None,
                });
                Action::Run(render_pages(ctx, attachment))
            }
            Message::PreviewReady(id, pages) => {
                if let Some(preview) = self.preview.as_mut().filter(|p| p.attachment == id) {
                    preview.pages = Some(pages);
                }
                Action::None
            }
            Message::ClosePreview => {
                self.preview = None;
                Action::None
            }
            Message::Remove(id) => {
                if self.attachments.iter().any(|a| a.id == id) {
                    self.confirm_remove = Some(id);
                }
                Action::None
            }
            Message::CancelRemove => {
                self.confirm_remove = None;
                Action::None
            }
            Message::ConfirmRemove => {
                let (Some(id), Some(operator)) = (
                    self.confirm_remove.take(),
                    ctx.operator.as_ref().map(|op| op.id),
                ) else {
                    return Action::None;
                };
                Action::Run(task::with_store(
                    &ctx.store,
                    Localized::new("form-store-busy"),
                    move |store| {
                        store
                            .remove_attachment(id, operator)
                            .map_err(|e| e.localized())
                    },
                    Message::Removed,
                ))
            }
            Message::Removed(Ok(removed)) => {
                self.forget(removed.id);
                self.notice = Some(Localized::new("form-attachment-removed"));
                self.recheck(ctx);
                Action::None
            }
            Message::Replace(id) => {
                if !self.attachments.iter().any(|a| a.id == id) {
                    return Action::None;
                }
                Action::Run(Task::perform(pick_file(), move |path| {
                    Message::ReplacePicked(id, path)
                }))
            }
            Message::ReplacePicked(_, None) => Action::None,
            Message::ReplacePicked(old, Some(path)) => {
                let Some(operator) = ctx.operator.as_ref().map(|op| op.id) else {
                    return Action::None;
                };
                let name = file_name(&path);
                Action::Run(task::with_store(
                    &ctx.store,
                    Localized::new("form-store-busy"),
                    move |store| {
                        store
                            .replace_attachment(old, &name, &path, operator)
                            .map_err(|e| e.localized())
                    },
                    move |result| Message::Replaced(old, result),
                ))
            }
            Message::Replaced(old, Ok(attachment)) => {
                self.forget(old);
                let action = self.update(ctx, Message::Attached(Ok(attachment)));
                self.notice = Some(Localized::new("form-attachment-replaced"));
                action
            }
            Message::Replaced(_, Err(e)) => {
                self.notice = Some(e);
                Action::None
            }
            Message::Back => Action::Back,
            Message::Sign => match (self.saved, &self.report) {
                (Some(_), _) if self.unsaved || self.busy => {
                    self.notice = Some(Localized::new("counter-save-before-signing"));
                    Action::None
                }
                (Some((id, _)), Some(report)) if report.is_ok() => Action::Sign(id),
                (Some(_), _) => {
                    self.notice = Some(Localized::new("counter-fix-before-signing"));
                    Action::None
                }
                (None, _) => {
                    self.notice = Some(Localized::new("counter-save-before-signing"));
                    Action::None
                }
            },
        }
    }

    /// Stores the file at `path` in `slot`, off the UI thread.
    fn attach(&mut self, ctx: &Context, slot: String, path: PathBuf) -> Action {
        let (Some(request), Some(operator)) =
            (self.saved_id(), ctx.operator.as_ref().map(|op| op.id))
        else {
            return Action::None;
        };
        let name = file_name(&path);
        Action::Run(task::with_store(
            &ctx.store,
            Localized::new("form-store-busy"),
            move |store| {
                store
                    .add_attachment(request, &slot, &name, &path, operator)
                    .map_err(|e| e.localized())
            },
            Message::Attached,
        ))
    }

    /// Drops an attachment that left the request from the form.
    fn forget(&mut self, id: Uuid) {
        self.attachments.retain(|a| a.id != id);
        self.thumbnails.remove(&id);
        if self.preview.as_ref().is_some_and(|p| p.attachment == id) {
            self.preview = None;
        }
    }

    fn recheck(&mut self, ctx: &Context) {
        if let Some(reg) = ctx.registry.get(&self.service_id) {
            self.check(reg);
        }
    }

    /// Draws the form.
    pub fn view<'a>(&'a self, ctx: &'a Context) -> Element<'a, Message> {
        if let Some(preview) = &self.preview {
            return attachments::preview_pane(self, ctx, preview);
        }
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
            form = form.push(attachments::section(self, ctx, reg));
        }
        let mut save = button(text(t.tr("form-save")));
        if !self.busy {
            save = save.on_press(Message::Save);
        }
        let mut sign = button(text(t.tr("counter-sign-request")));
        if self.saved.is_some() && !self.busy {
            sign = sign.on_press(Message::Sign);
        }
        form = form.push(row![save, iced::widget::container(sign).id(id::SIGN),].spacing(12));
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

/// The file dialog for a scan; `None` when the operator cancelled.
async fn pick_file() -> Option<PathBuf> {
    rfd::AsyncFileDialog::new()
        .add_filter("PDF, JPEG, PNG", &["pdf", "jpg", "jpeg", "png"])
        .pick_file()
        .await
        .map(|f| f.path().to_path_buf())
}

/// The name shown for a file (display only; the type comes from its content).
fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A stored scan, decrypted and checked; the store is locked only while it is read.
fn stored_scan(
    store: &std::sync::Mutex<tereze_core::store::Store>,
    sha256: &str,
) -> Result<Vec<u8>, Localized> {
    let store = store
        .lock()
        .map_err(|_| Localized::new("form-store-busy"))?;
    store.read_attachment(sha256).map_err(|e| e.localized())
}

/// Makes the thumbnail of a stored scan off the UI thread.
fn make_thumbnail(ctx: &Context, attachment: &Attachment) -> Task<Message> {
    let store = Arc::clone(&ctx.store);
    let (id, sha, media) = (
        attachment.id,
        attachment.sha256.clone(),
        attachment.media_type,
    );
    task::blocking(
        Localized::new("preview-undecodable"),
        move || {
            let scan = stored_scan(&store, &sha)?;
            preview::thumbnail_of(&scan, media).map_err(|e| e.localized())
        },
        move |result| Message::ThumbnailReady(id, result),
    )
}

/// Renders the preview pages of a stored scan off the UI thread.
fn render_pages(ctx: &Context, attachment: &Attachment) -> Task<Message> {
    let store = Arc::clone(&ctx.store);
    let (id, sha, media) = (
        attachment.id,
        attachment.sha256.clone(),
        attachment.media_type,
    );
    task::blocking(
        Localized::new("preview-undecodable"),
        move || {
            let scan = stored_scan(&store, &sha)?;
            preview::pages_of(&scan, media).map_err(|e| e.localized())
        },
        move |result| Message::PreviewReady(id, result),
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

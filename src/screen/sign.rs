//! Signing with the operator's ЭЦП: choose the key (a `.p12` file and its password, or
//! NCALayer), see its certificate, sign the request with its scans (or the decided request's
//! output document), and see the verifier's verdict with every reason at once. A failed verdict
//! keeps nothing and offers no way on; the signing and the verification run off the UI thread.

mod verdict;

use std::path::PathBuf;
use std::sync::Arc;

use iced::widget::{button, column, container, row, text, text_input};
use iced::{Element, Length, Task};
use tereze_core::i18n::Localized;
use tereze_sign::{CertificateInfo, Pkcs12Signer, Signer};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::Context;
use crate::counter::signing::{self, Job, Key, Signed, Target};
use crate::counter::trust;
use crate::{task, theme};

/// Stable widget ids for tests and focus.
pub mod id {
    /// Sign with a key file.
    pub const USE_FILE: &str = "sign-use-file";
    /// Sign through NCALayer.
    pub const USE_NCALAYER: &str = "sign-use-ncalayer";
    /// Choose the key file.
    pub const CHOOSE_FILE: &str = "sign-choose-file";
    /// The key file's password.
    pub const PASSWORD: &str = "sign-password";
    /// Open the key file with the password.
    pub const OPEN_KEY: &str = "sign-open-key";
    /// Sign.
    pub const SIGN: &str = "sign-sign";
    /// Go on after a valid signature.
    pub const CONTINUE: &str = "sign-continue";
    /// Back without signing.
    pub const BACK: &str = "sign-back";
}

/// Where the key comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// A `.p12` key file.
    File,
    /// The NCALayer service.
    NcaLayer,
}

/// The signing screen.
#[derive(Debug)]
pub struct SignScreen {
    request_id: Uuid,
    target: Target,
    method: Method,
    key_path: Option<PathBuf>,
    password: String,
    key: Option<Arc<Pkcs12Signer>>,
    error: Option<Localized>,
    signed: Option<Signed>,
    busy: bool,
}

/// What the operator does on the signing screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// Sign with a key file, or through NCALayer.
    MethodPicked(Method),
    /// Open the file dialog for the key file.
    ChooseFile,
    /// The dialog closed (`None`: cancelled).
    FileChosen(Option<PathBuf>),
    /// The password changed.
    PasswordChanged(String),
    /// Open the key file with the password.
    OpenKey,
    /// The key file was opened (or why not).
    KeyOpened(Result<Arc<Pkcs12Signer>, Localized>),
    /// Sign and verify.
    Sign,
    /// The signature was made and verified (or why not).
    Signed(Result<Box<Signed>, Localized>),
    /// Go on after a kept signature.
    Continue,
    /// Back without signing.
    Back,
}

/// What the app should do after an update.
#[derive(Debug)]
pub enum Action {
    /// Nothing more.
    None,
    /// Run this task and feed its messages back.
    Run(Task<Message>),
    /// The signature was kept; back to the request.
    Done(Uuid),
    /// Left without signing; back to the request.
    Back(Uuid),
}

impl SignScreen {
    /// The screen for signing `target` of request `request_id`.
    pub fn new(request_id: Uuid, target: Target) -> Self {
        Self {
            request_id,
            target,
            method: Method::File,
            key_path: None,
            password: String::new(),
            key: None,
            error: None,
            signed: None,
            busy: false,
        }
    }

    /// The request being signed.
    pub fn request_id(&self) -> Uuid {
        self.request_id
    }

    /// What is signed.
    pub fn target(&self) -> Target {
        self.target
    }

    /// The certificate of the opened key file.
    pub fn certificate(&self) -> Option<&CertificateInfo> {
        self.key.as_deref().map(|k| k.certificate())
    }

    /// The last signing's outcome.
    pub fn signed(&self) -> Option<&Signed> {
        self.signed.as_ref()
    }

    /// Why the last step failed.
    pub fn error(&self) -> Option<&Localized> {
        self.error.as_ref()
    }

    /// Whether the signature was verified and kept.
    pub fn is_kept(&self) -> bool {
        self.signed.as_ref().is_some_and(|s| s.kept.is_some())
    }

    /// Whether signing can start now.
    pub fn can_sign(&self) -> bool {
        !self.busy
            && !self.is_kept()
            && match self.method {
                Method::File => self.key.is_some(),
                Method::NcaLayer => true,
            }
    }

    /// Handles a message.
    pub fn update(&mut self, ctx: &Context, message: Message) -> Action {
        match message {
            Message::MethodPicked(method) => {
                self.method = method;
                self.error = None;
                Action::None
            }
            Message::ChooseFile => Action::Run(Task::perform(pick_key_file(), Message::FileChosen)),
            Message::FileChosen(None) => Action::None,
            Message::FileChosen(Some(path)) => {
                self.key_path = Some(path);
                self.key = None;
                self.error = None;
                Action::None
            }
            Message::PasswordChanged(password) => {
                self.password = password;
                Action::None
            }
            Message::OpenKey => {
                let Some(path) = self.key_path.clone() else {
                    self.error = Some(Localized::new("counter-choose-key-file"));
                    return Action::None;
                };
                if self.busy {
                    return Action::None;
                }
                self.busy = true;
                let password = self.password.clone();
                Action::Run(task::blocking(
                    Localized::new("counter-key-file-unreadable"),
                    move || signing::open_key_file(&path, &password),
                    Message::KeyOpened,
                ))
            }
            Message::KeyOpened(result) => {
                self.busy = false;
                // The password is not kept once the key is open (or refused).
                self.password.clear();
                match result {
                    Ok(key) => {
                        self.key = Some(key);
                        self.error = None;
                    }
                    Err(e) => {
                        self.key = None;
                        self.error = Some(e);
                    }
                }
                Action::None
            }
            Message::Sign => {
                if !self.can_sign() {
                    return Action::None;
                }
                let Some(operator) = ctx.operator.clone() else {
                    return Action::None;
                };
                let key = match (self.method, &self.key) {
                    (Method::File, Some(k)) => Key::File(Arc::clone(k)),
                    (Method::File, None) => return Action::None,
                    (Method::NcaLayer, _) => Key::NcaLayer {
                        locale: ctx.translator.lang().code().to_owned(),
                    },
                };
                self.busy = true;
                self.error = None;
                self.signed = None;
                let job = Job {
                    request_id: self.request_id,
                    target: self.target,
                    key,
                    operator,
                    now: OffsetDateTime::now_utc(),
                };
                let store = Arc::clone(&ctx.store);
                let registry = Arc::clone(&ctx.registry);
                let data_dir = ctx.data_dir.clone();
                let demo = ctx.overview.demo;
                Action::Run(task::blocking(
                    Localized::new("counter-sign-failed"),
                    move || {
                        let trust = trust::load(&data_dir, demo)?;
                        signing::sign_and_keep(&store, &registry, &trust, &job).map(Box::new)
                    },
                    Message::Signed,
                ))
            }
            Message::Signed(result) => {
                self.busy = false;
                match result {
                    Ok(signed) => self.signed = Some(*signed),
                    Err(e) => self.error = Some(e),
                }
                Action::None
            }
            Message::Continue if self.is_kept() => Action::Done(self.request_id),
            Message::Continue => Action::None,
            Message::Back => Action::Back(self.request_id),
        }
    }

    /// Draws the screen.
    pub fn view<'a>(&'a self, ctx: &'a Context) -> Element<'a, Message> {
        let t = &ctx.translator;
        let heading = match self.target {
            Target::Request => t.tr("counter-sign-heading-request"),
            Target::Result => t.tr("counter-sign-heading-result"),
        };
        let methods = row![
            with_id(
                id::USE_FILE,
                button(text(t.tr("counter-sign-use-file")))
                    .style(chosen(self.method == Method::File))
                    .on_press(Message::MethodPicked(Method::File)),
            ),
            with_id(
                id::USE_NCALAYER,
                button(text(t.tr("counter-sign-use-ncalayer")))
                    .style(chosen(self.method == Method::NcaLayer))
                    .on_press(Message::MethodPicked(Method::NcaLayer)),
            ),
        ]
        .spacing(8);
        let mut page = column![
            row![
                with_id(
                    id::BACK,
                    button(text(t.tr("form-back")))
                        .style(button::secondary)
                        .on_press(Message::Back),
                ),
                text(heading).size(18).font(theme::FONT_HEADING),
            ]
            .spacing(12),
            methods,
        ]
        .spacing(12);
        match self.method {
            Method::File => {
                let file = self
                    .key_path
                    .as_ref()
                    .and_then(|p| p.file_name())
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| t.tr("counter-sign-no-file"));
                let mut open = button(text(t.tr("counter-sign-open-key")));
                if !self.busy && self.key_path.is_some() {
                    open = open.on_press(Message::OpenKey);
                }
                page = page.push(
                    row![
                        with_id(
                            id::CHOOSE_FILE,
                            button(text(t.tr("counter-sign-choose-file")))
                                .style(button::secondary)
                                .on_press(Message::ChooseFile),
                        ),
                        text(file).width(Length::Fill),
                    ]
                    .spacing(12),
                );
                page = page.push(
                    row![
                        text_input(&t.tr("counter-sign-password"), &self.password)
                            .id(id::PASSWORD)
                            .secure(true)
                            .on_input(Message::PasswordChanged)
                            .on_submit(Message::OpenKey)
                            .width(Length::Fill),
                        with_id(id::OPEN_KEY, open),
                    ]
                    .spacing(12),
                );
                if let Some(cert) = self.certificate() {
                    page = page.push(verdict::certificate(ctx, cert));
                }
            }
            Method::NcaLayer => {
                page = page.push(text(t.tr("counter-sign-ncalayer-hint")).size(14));
            }
        }
        let mut sign = button(text(t.tr("counter-sign-sign")));
        if self.can_sign() {
            sign = sign.on_press(Message::Sign);
        }
        page = page.push(with_id(id::SIGN, sign));
        if self.busy {
            page = page.push(text(t.tr("counter-sign-working")));
        }
        if let Some(error) = &self.error {
            page = page.push(text(t.text(error)).style(text::danger));
        }
        if let Some(signed) = &self.signed {
            page = page.push(verdict::view(ctx, signed));
            if signed.kept.is_some() {
                page = page.push(with_id(
                    id::CONTINUE,
                    button(text(t.tr("counter-sign-continue"))).on_press(Message::Continue),
                ));
            }
        }
        page.into()
    }
}

fn chosen(on: bool) -> fn(&iced::Theme, button::Status) -> button::Style {
    if on {
        button::primary
    } else {
        button::secondary
    }
}

/// A widget wrapped in a container that carries a stable id.
pub(crate) fn with_id<'a, M: 'a>(
    id: &'static str,
    widget: impl Into<Element<'a, M>>,
) -> Element<'a, M> {
    container(widget).id(id).into()
}

/// The key-file dialog; `None` when the operator cancelled.
async fn pick_key_file() -> Option<PathBuf> {
    rfd::AsyncFileDialog::new()
        .add_filter("PKCS#12", &["p12", "pfx"])
        .pick_file()
        .await
        .map(|f| f.path().to_path_buf())
}

//! Sending the output document to the applicant by e-mail (002:L155): an address field,
//! prefilled from the request's applicant e-mail when the service's form has one, and a Send
//! button. The server's mail relay sends the message, so the button works only on a connected
//! workstation with an operator logged in and a signed result; otherwise it is disabled and its
//! tooltip says why. The address is checked here before any call, and is never logged.

use std::sync::Arc;

use iced::widget::{button, column, row, text, text_input, tooltip};
use iced::{Element, Length, Task};
use tereze_core::i18n::{Localize, Localized};
use tereze_core::lifecycle::Status;
use uuid::Uuid;

use super::Rendered;
use crate::app::Context;
use crate::screen::sign::with_id;
use crate::task;

/// The form field that holds the applicant's e-mail in the services' regulations.
pub const APPLICANT_EMAIL_FIELD: &str = "applicant-email";

/// Stable widget ids for tests and focus (the Send button is [`super::id::EMAIL`]).
pub mod id {
    /// The address field.
    pub const ADDRESS: &str = "document-email-address";
}

/// Where the sending stands.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Sending {
    /// Nothing sent yet.
    #[default]
    Idle,
    /// The server is being asked.
    InFlight,
    /// The server's relay took the message for the request with this number.
    Sent(String),
    /// Why it was not sent, in the operator's terms.
    Failed(Localized),
}

/// The e-mail part of the document screen.
#[derive(Default)]
pub struct Email {
    address: String,
    edited: bool,
    sending: Sending,
}

impl std::fmt::Debug for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The applicant's address is personal data: never in a debug print.
        f.debug_struct("Email")
            .field("address", &"<hidden>")
            .field("edited", &self.edited)
            .field("sending", &self.sending)
            .finish()
    }
}

/// What the operator does with the e-mail part.
#[derive(Debug, Clone)]
pub enum Message {
    /// The applicant's address from the request's form, if it has one.
    Prefilled(Result<Option<String>, Localized>),
    /// The operator typed in the address field.
    AddressChanged(String),
    /// Send the document.
    Send,
    /// The server answered (the request number), or why it was not sent.
    Sent(Result<String, Localized>),
}

/// Reads the applicant's e-mail from request `id`'s form, off the UI thread, when the service's
/// form has that field.
pub fn prefill(ctx: &Context, id: Uuid) -> Task<Message> {
    let registry = Arc::clone(&ctx.registry);
    task::with_store(
        &ctx.store,
        Localized::new("counter-store-busy"),
        move |store| {
            let request = store.load_request(id).map_err(|e| e.localized())?;
            let has_field = registry
                .get(&request.service_id)
                .is_some_and(|r| r.fields.iter().any(|f| f.id == APPLICANT_EMAIL_FIELD));
            Ok(has_field
                .then(|| request.fields.get(APPLICANT_EMAIL_FIELD).cloned())
                .flatten()
                .filter(|a| !a.trim().is_empty()))
        },
        Message::Prefilled,
    )
}

/// Why the document cannot be e-mailed now, or `None` when it can: the workstation must be
/// connected, an operator logged in, and the document a signed result.
pub fn blocked(ctx: &Context, rendered: Option<&Rendered>) -> Option<Localized> {
    if ctx.connection.is_none() {
        return Some(Localized::new("counter-email-needs-connection"));
    }
    if ctx.operator.is_none() {
        return Some(Localized::new("email-needs-operator"));
    }
    let Some(rendered) = rendered else {
        return Some(Localized::new("counter-rendering"));
    };
    if !matches!(rendered.status, Status::ResultSigned | Status::Issued) {
        return Some(Localized::new("email-not-ready"));
    }
    if rendered.reprint {
        return Some(Localized::new("email-sign-again"));
    }
    if !rendered.signed {
        return Some(Localized::new("email-unsigned"));
    }
    None
}

/// Whether `address` looks like an e-mail address: one `@`, a dot inside the domain, no spaces.
/// The server checks it fully; this only keeps obvious slips from a call.
pub fn plausible(address: &str) -> bool {
    if address.is_empty() || address.chars().any(char::is_whitespace) {
        return false;
    }
    let mut parts = address.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !local.is_empty()
        && domain
            .split_once('.')
            .is_some_and(|(host, rest)| !host.is_empty() && !rest.is_empty())
        && !domain.ends_with('.')
}

impl Email {
    /// The address in the field.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// Where the sending stands.
    pub fn sending(&self) -> &Sending {
        &self.sending
    }

    /// Handles a message; `rendered` is the document on show and `request_id` its request.
    pub fn update(
        &mut self,
        ctx: &Context,
        rendered: Option<&Rendered>,
        request_id: Uuid,
        message: Message,
    ) -> Task<Message> {
        match message {
            Message::Prefilled(Ok(Some(address))) if !self.edited => {
                self.address = address;
                Task::none()
            }
            // Prefilling is a convenience: without it the operator types the address.
            Message::Prefilled(_) => Task::none(),
            Message::AddressChanged(address) => {
                self.address = address;
                self.edited = true;
                if matches!(self.sending, Sending::Failed(_) | Sending::Sent(_)) {
                    self.sending = Sending::Idle;
                }
                Task::none()
            }
            Message::Send => self.send(ctx, rendered, request_id),
            Message::Sent(Ok(number)) => {
                self.sending = Sending::Sent(number);
                Task::none()
            }
            Message::Sent(Err(why)) => {
                self.sending = Sending::Failed(why);
                Task::none()
            }
        }
    }

    fn send(
        &mut self,
        ctx: &Context,
        rendered: Option<&Rendered>,
        request_id: Uuid,
    ) -> Task<Message> {
        if self.sending == Sending::InFlight {
            return Task::none();
        }
        if let Some(why) = blocked(ctx, rendered) {
            self.sending = Sending::Failed(why);
            return Task::none();
        }
        let Some(rendered) = rendered else {
            return Task::none();
        };
        let to = self.address.trim().to_owned();
        if !plausible(&to) {
            self.sending = Sending::Failed(Localized::new("email-invalid"));
            return Task::none();
        }
        let engine = match crate::sync::engine(ctx, Localized::new("email-needs-operator")) {
            Ok(engine) => engine,
            Err(why) => {
                self.sending = Sending::Failed(why);
                return Task::none();
            }
        };
        let pdf = Arc::clone(&rendered.pdf);
        let file_name = format!("{}.pdf", rendered.title.replace(' ', "-"));
        self.sending = Sending::InFlight;
        Task::perform(
            async move {
                engine
                    .email_document(request_id, &pdf, &to, &file_name)
                    .await
                    .map(|sent| sent.number)
                    .map_err(|e| e.localized())
            },
            Message::Sent,
        )
    }

    /// Draws the address field, the Send button (disabled with its reason as tooltip) and where
    /// the sending stands.
    pub fn view<'a>(&'a self, ctx: &'a Context, rendered: &'a Rendered) -> Element<'a, Message> {
        let t = &ctx.translator;
        let why = blocked(ctx, Some(rendered));
        let in_flight = self.sending == Sending::InFlight;
        let mut field = text_input(&t.tr("email-address-placeholder"), &self.address)
            .id(id::ADDRESS)
            .width(Length::Fixed(320.0));
        let mut send = button(text(t.tr("counter-email"))).style(button::secondary);
        if why.is_none() && !in_flight {
            field = field
                .on_input(Message::AddressChanged)
                .on_submit(Message::Send);
            send = send.on_press(Message::Send);
        }
        let send: Element<'a, Message> = match &why {
            Some(why) => tooltip(send, text(t.text(why)), tooltip::Position::Bottom).into(),
            None => send.into(),
        };
        let mut part = column![
            text(t.tr("email-address")).size(14),
            row![field, with_id(super::id::EMAIL, send)].spacing(12),
        ]
        .spacing(6);
        let status = match &self.sending {
            Sending::Idle => None,
            Sending::InFlight => Some(text(t.tr("email-sending"))),
            Sending::Sent(number) => Some(
                text(t.tr_args("email-sent", &[("number", number.clone())])).style(text::success),
            ),
            Sending::Failed(why) => Some(text(t.text(why)).style(text::danger)),
        };
        if let Some(status) = status {
            part = part.push(status);
        }
        part.into()
    }
}

#[cfg(test)]
mod tests {
    use super::plausible;

    #[test]
    fn only_plausible_addresses_leave_the_workstation() {
        for good in ["parent@mail.kz", "a.b+c@edu.example.kz", "дана@пошта.қаз"] {
            assert!(plausible(good), "{good}");
        }
        for bad in [
            "",
            "parent",
            "parent@mail",
            "parent@@mail.kz",
            "a@b@mail.kz",
            "@mail.kz",
            "parent@.kz",
            "parent@mail.",
            "parent @mail.kz",
            "parent@mail .kz",
        ] {
            assert!(!plausible(bad), "{bad}");
        }
    }
}

//! The window shown when the workstation cannot start (a damaged or newer database, a broken
//! shipped file): the reason in the operator's language and a way to close, instead of a
//! window that never appears. Nothing has been written by then.

use iced::widget::{button, column, container, text};
use iced::{Element, Length, Task};

use crate::i18n::Translator;
use crate::theme;

/// The failure window's state.
#[derive(Debug)]
pub struct Failure {
    translator: Translator,
    reason: String,
}

/// The only thing the operator can do here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// Close the window.
    Close,
}

impl Failure {
    /// A failure window explaining `reason` (already translated).
    pub fn new(translator: Translator, reason: String) -> Self {
        Self { translator, reason }
    }

    /// The window title.
    pub fn title(&self) -> String {
        self.translator.tr("app-title")
    }

    /// Closes the window on request.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Close => iced::exit(),
        }
    }

    /// The reason and a close button.
    pub fn view(&self) -> Element<'_, Message> {
        container(
            column![
                text(self.translator.tr("app-start-failed"))
                    .size(22)
                    .font(theme::FONT_HEADING),
                text(self.reason.clone()),
                button(text(self.translator.tr("app-close"))).on_press(Message::Close),
            ]
            .spacing(16)
            .max_width(720),
        )
        .padding(32)
        .width(Length::Fill)
        .into()
    }
}

//! The two-question quality survey offered at issue (002:L1102-1125): quality of the process and
//! result, and of the information about the procedure, each on a 3-point scale. Optional: the
//! applicant may decline, and then nothing is stored.

use iced::Element;
use iced::widget::{button, column, row, text};
use tereze_core::store::SurveyAnswers;

use crate::app::Context;

/// Stable widget ids for tests.
pub mod id {
    /// The answer `score` (1–3) to the process question.
    pub fn process(score: u8) -> String {
        format!("counter-survey-process-{score}")
    }

    /// The answer `score` (1–3) to the information question.
    pub fn information(score: u8) -> String {
        format!("counter-survey-information-{score}")
    }
}

/// The answers given so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Survey {
    /// Quality of the process and the result.
    pub process: Option<u8>,
    /// Quality of the information.
    pub information: Option<u8>,
}

/// An answer.
#[derive(Debug, Clone, Copy)]
pub enum Message {
    /// The process question was answered.
    Process(u8),
    /// The information question was answered.
    Information(u8),
}

impl Survey {
    /// Records an answer (out-of-scale scores are ignored).
    pub fn update(&mut self, message: Message) {
        match message {
            Message::Process(s) if (1..=3).contains(&s) => self.process = Some(s),
            Message::Information(s) if (1..=3).contains(&s) => self.information = Some(s),
            _ => {}
        }
    }

    /// Both answers, once both questions are answered.
    pub fn answers(&self) -> Option<SurveyAnswers> {
        Some(SurveyAnswers {
            process: self.process?,
            information: self.information?,
        })
    }

    /// Draws the two questions.
    pub fn view<'a>(&self, ctx: &'a Context) -> Element<'a, Message> {
        let t = &ctx.translator;
        let scale = |chosen: Option<u8>, make: fn(u8) -> Message, ids: fn(u8) -> String| {
            (1..=3u8).fold(row![].spacing(8), |r, score| {
                let key = match score {
                    1 => "counter-survey-not-satisfied",
                    2 => "counter-survey-partially",
                    _ => "counter-survey-satisfied",
                };
                let style = if chosen == Some(score) {
                    button::primary
                } else {
                    button::secondary
                };
                r.push(
                    iced::widget::container(
                        button(text(t.tr(key))).style(style).on_press(make(score)),
                    )
                    .id(ids(score)),
                )
            })
        };
        column![
            text(t.tr("counter-survey-heading")).size(16),
            text(t.tr("counter-survey-process")),
            scale(self.process, Message::Process, id::process),
            text(t.tr("counter-survey-information")),
            scale(self.information, Message::Information, id::information),
            text(t.tr("counter-survey-optional")).size(13),
        ]
        .spacing(6)
        .into()
    }
}

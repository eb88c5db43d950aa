//! The lease form: reserve vacant places of one kindergarten or mini-centre for working
//! offline. Shown to those the server lets lease (the department's executors and head); the
//! organisations offered are those with vacant places in the cached queue; offline the button
//! is disabled and the reason shown.

use iced::widget::{button, column, container, pick_list, row, text, text_input};
use iced::{Element, Length};
use tereze_core::store::QueueCache;

use super::{Message, QueueScreen, id, labels};
use crate::app::Context;
use crate::theme;

/// An organisation with vacant places, as the pick list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Choice {
    organisation_id: String,
    label: String,
}

impl std::fmt::Display for Choice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

impl QueueScreen {
    /// The lease form for `cache`.
    pub(super) fn lease_form_view<'a>(
        &'a self,
        ctx: &'a Context,
        cache: &'a QueueCache,
    ) -> Element<'a, Message> {
        let t = &ctx.translator;
        let mut vacant: Vec<(String, u32)> = Vec::new();
        for g in cache.snapshot.groups.iter().filter(|g| g.vacant > 0) {
            match vacant.iter_mut().find(|(o, _)| *o == g.organisation_id) {
                Some((_, n)) => *n += g.vacant,
                None => vacant.push((g.organisation_id.clone(), g.vacant)),
            }
        }
        let choices: Vec<Choice> = vacant
            .into_iter()
            .map(|(organisation_id, places)| Choice {
                label: t.tr_args(
                    "queue-counter-lease-choice",
                    &[
                        (
                            "organisation",
                            labels::organisation(ctx, &self.names, &organisation_id),
                        ),
                        ("places", places.to_string()),
                    ],
                ),
                organisation_id,
            })
            .collect();
        let mut part =
            column![text(t.tr("queue-counter-lease-title")).font(theme::FONT_HEADING),].spacing(6);
        if choices.is_empty() {
            return part
                .push(text(t.tr("queue-counter-lease-none-vacant")))
                .into();
        }
        let chosen = choices
            .iter()
            .find(|c| Some(&c.organisation_id) == self.lease_organisation.as_ref())
            .cloned();
        let offline = Self::offline(ctx);
        let mut take = button(text(t.tr("queue-counter-lease-take")));
        if offline.is_none() && chosen.is_some() && !self.busy {
            take = take.on_press(Message::TakeLease);
        }
        part = part.push(
            row![
                container(
                    pick_list(choices, chosen, |c: Choice| {
                        Message::LeaseOrganisationPicked(c.organisation_id)
                    })
                    .placeholder(t.tr("queue-counter-lease-pick"))
                    .width(Length::FillPortion(4)),
                )
                .id(id::LEASE_ORGANISATION),
                text(t.tr("queue-counter-lease-places")),
                text_input("1", &self.lease_places)
                    .id(id::LEASE_PLACES)
                    .on_input(Message::LeasePlacesChanged)
                    .width(Length::Fixed(60.0)),
                text(t.tr("queue-counter-lease-days")),
                text_input(super::LEASE_DAYS, &self.lease_days)
                    .id(id::LEASE_DAYS)
                    .on_input(Message::LeaseDaysChanged)
                    .width(Length::Fixed(60.0)),
                container(take).id(id::TAKE_LEASE),
            ]
            .spacing(8),
        );
        if let Some(reason) = offline {
            part = part
                .push(container(text(t.text(&reason)).style(text::danger)).id(id::LEASE_OFFLINE));
        }
        part.into()
    }
}

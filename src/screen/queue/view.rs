//! Drawing the queue screen.

use iced::widget::{Column, button, column, container, row, text};
use iced::{Element, Length};
use tereze_core::store::{QueueCache, QueueNames};
use tereze_protocol::{LeaseRecord, OfferAnswer, OfferRecord, QueueCacheEntry};
use time::{Date, OffsetDateTime};

use super::{Message, QueueScreen, id, labels};
use crate::app::Context;
use crate::counter::documents::local;
use crate::theme;

/// The deadline of an open offer or a valid referral: the last day to answer, or to use it.
pub fn deadline(offer: &OfferRecord) -> Option<Date> {
    match offer.state.as_str() {
        "offered" => Some(offer.respond_by),
        "referred" => offer.referral_until,
        _ => None,
    }
}

fn class_key(class: &str) -> &'static str {
    match class {
        "extraordinary" => "queue-screen-class-extraordinary",
        "first-priority" => "queue-screen-class-first-priority",
        _ => "queue-screen-class-general",
    }
}

fn state_key(state: &str) -> &'static str {
    match state {
        "offered" => "queue-state-offered",
        "referred" => "queue-state-referred",
        "enrolled" => "queue-state-enrolled",
        "stop-listed" => "queue-state-stop-listed",
        "withdrawn" => "queue-state-withdrawn",
        "removed" => "queue-state-removed",
        _ => "queue-state-waiting",
    }
}

fn day(d: Date) -> String {
    tereze_core::text::format_date(d)
}

impl QueueScreen {
    /// Draws the screen.
    pub fn view<'a>(&'a self, ctx: &'a Context) -> Element<'a, Message> {
        let t = &ctx.translator;
        let mut top = row![
            text(t.tr("queue-screen-title"))
                .size(22)
                .font(theme::FONT_HEADING)
                .width(Length::Fill),
        ]
        .spacing(12);
        let mut refresh = button(text(t.tr("queue-screen-refresh")));
        if !self.busy {
            refresh = refresh.on_press(Message::Refresh);
        }
        top = top.push(container(refresh).id(id::REFRESH));
        top = top.push(
            container(
                button(text(t.tr("queue-screen-back")))
                    .style(button::secondary)
                    .on_press(Message::Back),
            )
            .id(id::BACK),
        );
        let mut page = column![top].spacing(12);

        let refreshed = match &self.cache {
            None => t.tr("queue-screen-loading"),
            Some(None) => t.tr("queue-screen-never-refreshed"),
            Some(Some(cache)) => {
                let at = local(cache.refreshed_at);
                t.tr_args(
                    "queue-screen-refreshed",
                    &[
                        ("date", day(at.date())),
                        ("time", format!("{:02}:{:02}", at.hour(), at.minute())),
                    ],
                )
            }
        };
        page = page.push(container(text(refreshed)).id(id::REFRESHED));
        if let Some(problem) = &self.problem {
            page = page.push(container(text(t.text(problem)).style(text::danger)).id(id::NOTICE));
        } else if let Some(notice) = &self.notice {
            page = page.push(container(text(t.text(notice))).id(id::NOTICE));
        }
        if let Some(Some(cache)) = &self.cache {
            let today = local(OffsetDateTime::now_utc()).date();
            page = page.push(self.cohorts(ctx, cache));
            page = page.push(self.entries(ctx, cache, today));
            page = page.push(leases(ctx, &self.names, &cache.snapshot.leases));
            if Self::may_lease(ctx) {
                page = page.push(self.lease_form_view(ctx, cache));
            }
            if Self::is_head(ctx) {
                page = page.push(self.head(ctx, cache));
            }
        }
        page.into()
    }

    fn cohorts<'a>(&'a self, ctx: &'a Context, cache: &'a QueueCache) -> Element<'a, Message> {
        let t = &ctx.translator;
        let mut cohorts: Vec<i32> = cache.snapshot.entries.iter().map(|e| e.cohort).collect();
        cohorts.dedup();
        if cohorts.is_empty() {
            return text(t.tr("queue-screen-empty")).into();
        }
        cohorts
            .into_iter()
            .fold(row![].spacing(8), |r, c| {
                let count = cache
                    .snapshot
                    .entries
                    .iter()
                    .filter(|e| e.cohort == c)
                    .count();
                let style = if Some(c) == self.cohort {
                    button::primary
                } else {
                    button::secondary
                };
                r.push(
                    container(
                        button(text(t.tr_args(
                            "queue-screen-cohort",
                            &[("year", c.to_string()), ("count", count.to_string())],
                        )))
                        .style(style)
                        .on_press(Message::CohortPicked(c)),
                    )
                    .id(id::cohort(c)),
                )
            })
            .into()
    }

    fn entries<'a>(
        &'a self,
        ctx: &'a Context,
        cache: &'a QueueCache,
        today: Date,
    ) -> Element<'a, Message> {
        let mut list = Column::new().spacing(6);
        for entry in cache
            .snapshot
            .entries
            .iter()
            .filter(|e| Some(e.cohort) == self.cohort)
        {
            list = list.push(self.entry_line(ctx, cache, entry, today));
        }
        list.into()
    }

    fn entry_line<'a>(
        &'a self,
        ctx: &'a Context,
        cache: &'a QueueCache,
        entry: &'a QueueCacheEntry,
        today: Date,
    ) -> Element<'a, Message> {
        let t = &ctx.translator;
        let position = if entry.position == 0 {
            "—".to_owned()
        } else {
            entry.position.to_string()
        };
        let mut line = column![
            row![
                text(position).width(Length::FillPortion(1)),
                text(entry.request_number.clone().unwrap_or_default())
                    .width(Length::FillPortion(4)),
                text(entry.initials.clone()).width(Length::FillPortion(2)),
                text(t.tr(class_key(&entry.class))).width(Length::FillPortion(3)),
                text(t.tr(state_key(&entry.state))).width(Length::FillPortion(3)),
            ]
            .spacing(12)
        ]
        .spacing(4);
        let offer = cache
            .snapshot
            .offers
            .iter()
            .rev()
            .find(|o| o.request_id == entry.request_id && deadline(o).is_some());
        let mut actions = row![].spacing(8);
        if let Some(offer) = offer {
            let mut about = t.tr_args(
                "queue-screen-offer",
                &[
                    (
                        "organisation",
                        labels::organisation(ctx, &self.names, &offer.organisation_id),
                    ),
                    ("group", labels::group(ctx, &self.names, &offer.group_id)),
                ],
            );
            if let Some(until) = deadline(offer) {
                about.push_str(" · ");
                about.push_str(&t.tr_args("queue-screen-until", &[("date", day(until))]));
            }
            if deadline(offer).is_some_and(|d| today > d) {
                line = line.push(
                    container(
                        text(format!("{about} · {}", t.tr("queue-screen-overdue")))
                            .style(text::danger),
                    )
                    .id(id::overdue(entry.request_id)),
                );
            } else {
                line = line.push(text(about));
            }
            if offer.state == "offered" {
                actions = actions
                    .push(
                        container(
                            button(text(t.tr("queue-screen-accept")))
                                .on_press(Message::Answer(offer.offer_id, OfferAnswer::Accept)),
                        )
                        .id(id::accept(offer.offer_id)),
                    )
                    .push(
                        container(
                            button(text(t.tr("queue-screen-decline")))
                                .style(button::secondary)
                                .on_press(Message::Answer(offer.offer_id, OfferAnswer::Decline)),
                        )
                        .id(id::decline(offer.offer_id)),
                    );
            }
            if offer.state == "referred" {
                actions = actions.push(
                    container(
                        button(text(t.tr("queue-screen-referral")))
                            .on_press(Message::OpenReferral(entry.request_id)),
                    )
                    .id(id::referral(entry.request_id)),
                );
            }
        }
        if entry.state == "waiting" {
            for lease in &cache.snapshot.leases {
                for place in lease.places.iter().filter(|p| p.used < p.places) {
                    actions = actions.push(
                        container(
                            button(text(t.tr_args(
                                "queue-screen-refer",
                                &[(
                                    "group",
                                    labels::place(
                                        ctx,
                                        &self.names,
                                        &place.organisation_id,
                                        &place.group_id,
                                    ),
                                )],
                            )))
                            .style(button::secondary)
                            .on_press(Message::Refer {
                                lease: lease.lease_id,
                                group: place.group_id.clone(),
                                request: entry.request_id,
                            }),
                        )
                        .id(id::refer(entry.request_id, &place.group_id)),
                    );
                }
            }
        }
        actions = actions.push(
            container(
                button(text(t.tr("queue-screen-withdraw")))
                    .style(button::danger)
                    .on_press(Message::Withdraw(entry.request_id)),
            )
            .id(id::withdraw(entry.request_id)),
        );
        container(line.push(actions))
            .id(id::entry(entry.request_id))
            .padding(8)
            .style(container::bordered_box)
            .width(Length::Fill)
            .into()
    }

    fn head<'a>(&'a self, ctx: &'a Context, cache: &'a QueueCache) -> Element<'a, Message> {
        let t = &ctx.translator;
        let mut start = button(text(t.tr("queue-screen-start-run")));
        if !self.busy {
            start = start.on_press(Message::StartRun);
        }
        let mut part = column![
            text(t.tr("queue-screen-runs")).font(theme::FONT_HEADING),
            container(start).id(id::START_RUN),
        ]
        .spacing(6);
        for run in &cache.snapshot.runs {
            part = part.push(
                container(
                    button(text(t.tr_args(
                        "queue-screen-run",
                        &[("date", day(run.date)), ("count", run.offers.to_string())],
                    )))
                    .style(button::secondary)
                    .on_press(Message::ShowPublished(run.run_id)),
                )
                .id(id::run(run.run_id)),
            );
        }
        if let Some(list) = &self.published {
            let mut rows = column![text(
                t.tr_args("queue-screen-published", &[("date", day(list.date))])
            )]
            .spacing(2);
            for o in &list.offers {
                rows = rows.push(text(format!(
                    "{} · №{} · {} · {} · {}",
                    o.cohort,
                    o.queue_number,
                    o.initials,
                    labels::place(ctx, &self.names, &o.organisation_id, &o.group_id),
                    t.tr(state_key(&o.state))
                )));
            }
            part = part.push(container(rows).id(id::PUBLISHED));
        }
        part.into()
    }
}

fn leases<'a>(
    ctx: &'a Context,
    names: &QueueNames,
    leases: &'a [LeaseRecord],
) -> Element<'a, Message> {
    let t = &ctx.translator;
    let mut part = column![text(t.tr("queue-screen-leases")).font(theme::FONT_HEADING)].spacing(6);
    if leases.is_empty() {
        part = part.push(text(t.tr("queue-screen-no-leases")));
    }
    for lease in leases {
        let until = local(lease.expires_at);
        let mut lines = column![text(t.tr_args(
            "queue-screen-lease",
            &[
                ("date", day(until.date())),
                ("time", format!("{:02}:{:02}", until.hour(), until.minute())),
            ],
        ))]
        .spacing(2);
        for p in &lease.places {
            lines = lines.push(text(t.tr_args(
                "queue-screen-lease-group",
                &[
                    (
                        "group",
                        labels::place(ctx, names, &p.organisation_id, &p.group_id),
                    ),
                    ("used", p.used.to_string()),
                    ("left", p.places.saturating_sub(p.used).to_string()),
                ],
            )));
        }
        part = part.push(
            container(lines)
                .id(id::lease(lease.lease_id))
                .padding(8)
                .style(container::bordered_box),
        );
    }
    part.into()
}

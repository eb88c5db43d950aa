//! The attachments part of the request form: one block per slot of the regulation, each file
//! with its thumbnail (click: preview), replace and remove (confirmed first); the slot that
//! files dropped on the window go to is marked; and the preview pane.

use iced::widget::{Space, button, column, container, image, row, text};
use iced::{Alignment, Element, Length};
use tereze_core::regulation::{AttachmentSlot, Regulation, Requirement};
use tereze_core::store::Attachment;

use super::{Message, Preview, RequestForm, id};
use crate::app::Context;
use crate::preview::{PREVIEW_SIDE, THUMBNAIL_SIDE};
use crate::theme;

/// The heading, the drop hint and one block per slot.
pub(super) fn section<'a>(
    form: &'a RequestForm,
    ctx: &'a Context,
    regulation: &'a Regulation,
) -> Element<'a, Message> {
    let t = &ctx.translator;
    let target = form.drop_slot(regulation);
    let hint = if form.hovering {
        let slot = regulation
            .attachments
            .iter()
            .find(|s| Some(&s.id) == target.as_ref())
            .map(|s| s.labels.get(t.lang().code()).to_owned())
            .unwrap_or_default();
        text(t.tr_args("form-drop-release", &[("slot", slot)])).style(text::primary)
    } else {
        text(t.tr("form-drop-hint")).size(13)
    };
    let mut section = column![
        text(t.tr("form-attachments")).font(theme::FONT_HEADING),
        hint,
    ]
    .spacing(8);
    for slot in &regulation.attachments {
        let targeted = target.as_deref() == Some(slot.id.as_str());
        section = section.push(slot_block(form, ctx, slot, targeted));
    }
    section.into()
}

fn slot_block<'a>(
    form: &'a RequestForm,
    ctx: &'a Context,
    slot: &'a AttachmentSlot,
    targeted: bool,
) -> Element<'a, Message> {
    let t = &ctx.translator;
    let need = match &slot.required {
        Requirement::Required => t.tr("form-slot-required"),
        Requirement::Optional => t.tr("form-slot-optional"),
        Requirement::Conditional(_) => t.tr("form-slot-conditional"),
    };
    let (target_label, target_style): (String, fn(&iced::Theme, button::Status) -> button::Style) =
        if targeted {
            (t.tr("form-drop-target"), button::primary)
        } else {
            (t.tr("form-drop-choose"), button::text)
        };
    let mut block = column![
        row![
            text(format!("{} ({need})", slot.labels.get(t.lang().code()))).width(Length::Fill),
            container(
                button(text(target_label).size(13))
                    .style(target_style)
                    .on_press(Message::DropTarget(slot.id.clone())),
            )
            .id(id::drop_target(&slot.id)),
            button(text(t.tr("form-attach")))
                .style(button::secondary)
                .on_press(Message::PickFile(slot.id.clone())),
        ]
        .spacing(8)
        .align_y(Alignment::Center),
    ]
    .spacing(6);
    for attachment in form.attachments.iter().filter(|a| a.slot == slot.id) {
        block = block.push(file_line(form, ctx, attachment));
    }
    if form.touched.contains(&slot.id) || form.saved.is_some() {
        for issue in form.report.iter().flat_map(|r| r.errors_on(&slot.id)) {
            block = block.push(text(t.text(&issue.message)).style(text::danger));
        }
    }
    let style = if targeted {
        container::bordered_box
    } else {
        container::transparent
    };
    container(block)
        .padding(8)
        .width(Length::Fill)
        .style(style)
        .into()
}

fn file_line<'a>(
    form: &'a RequestForm,
    ctx: &'a Context,
    attachment: &'a Attachment,
) -> Element<'a, Message> {
    let t = &ctx.translator;
    let side = THUMBNAIL_SIDE as f32;
    let picture: Element<'a, Message> = match form.thumbnails.get(&attachment.id) {
        Some(Ok(picture)) => image(picture.handle.clone())
            .width(Length::Fixed(side))
            .height(Length::Fixed(side))
            .into(),
        Some(Err(why)) => text(t.text(why)).size(11).into(),
        None => text(t.tr("preview-loading")).size(11).into(),
    };
    let thumbnail = container(
        button(
            container(picture)
                .width(Length::Fixed(side))
                .height(Length::Fixed(side))
                .center_x(Length::Fixed(side))
                .center_y(Length::Fixed(side)),
        )
        .padding(2)
        .style(button::secondary)
        .on_press(Message::OpenPreview(attachment.id)),
    )
    .id(id::thumbnail(attachment.id));
    let kib = attachment.size.div_ceil(1024);
    let details = column![
        text(attachment.file_name.clone()),
        text(t.tr_args("form-attachment-size", &[("kib", kib.to_string())])).size(12),
    ]
    .spacing(2)
    .width(Length::Fill);
    let actions: Element<'a, Message> = if form.confirm_remove == Some(attachment.id) {
        row![
            text(t.tr("form-remove-confirm")).style(text::danger),
            container(
                button(text(t.tr("form-remove-yes")))
                    .style(button::danger)
                    .on_press(Message::ConfirmRemove),
            )
            .id(id::CONFIRM_REMOVE),
            container(
                button(text(t.tr("form-remove-no")))
                    .style(button::secondary)
                    .on_press(Message::CancelRemove),
            )
            .id(id::CANCEL_REMOVE),
        ]
        .spacing(8)
        .align_y(Alignment::Center)
        .into()
    } else {
        row![
            container(
                button(text(t.tr("form-replace")))
                    .style(button::secondary)
                    .on_press(Message::Replace(attachment.id)),
            )
            .id(id::replace(attachment.id)),
            container(
                button(text(t.tr("form-remove")))
                    .style(button::secondary)
                    .on_press(Message::Remove(attachment.id)),
            )
            .id(id::remove(attachment.id)),
        ]
        .spacing(8)
        .into()
    };
    row![thumbnail, details, actions]
        .spacing(12)
        .align_y(Alignment::Center)
        .into()
}

/// The preview pane, in place of the form until closed.
pub(super) fn preview_pane<'a>(
    form: &'a RequestForm,
    ctx: &'a Context,
    preview: &'a Preview,
) -> Element<'a, Message> {
    let t = &ctx.translator;
    let name = form
        .attachments
        .iter()
        .find(|a| a.id == preview.attachment)
        .map(|a| a.file_name.clone())
        .unwrap_or_default();
    let mut pane = column![
        row![
            text(name)
                .size(18)
                .font(theme::FONT_HEADING)
                .width(Length::Fill),
            container(
                button(text(t.tr("preview-close")))
                    .style(button::secondary)
                    .on_press(Message::ClosePreview),
            )
            .id(id::CLOSE_PREVIEW),
        ]
        .spacing(12)
        .align_y(Alignment::Center),
    ]
    .spacing(12);
    match &preview.pages {
        None => pane = pane.push(text(t.tr("preview-loading"))),
        Some(Err(why)) => pane = pane.push(text(t.text(why)).style(text::danger)),
        Some(Ok(pages)) => {
            for page in pages {
                pane = pane.push(
                    container(
                        image(page.handle.clone())
                            .width(Length::Fixed(page.width.min(PREVIEW_SIDE) as f32)),
                    )
                    .style(container::bordered_box)
                    .padding(4),
                );
            }
            if pages.len() > 1 {
                pane = pane.push(Space::new().height(8));
            }
        }
    }
    pane.into()
}

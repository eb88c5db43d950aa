//! The certificate of the chosen key and the verifier's verdict, as the operator reads them.

use iced::Element;
use iced::widget::{column, container, text};
use tereze_core::i18n::Localize;
use tereze_core::text::format_date;
use tereze_sign::{CertificateInfo, Status};

use super::Message;
use crate::app::Context;
use crate::counter::signing::Signed;

/// The certificate: holder, IIN, organisation and validity.
pub fn certificate<'a>(ctx: &'a Context, cert: &'a CertificateInfo) -> Element<'a, Message> {
    let t = &ctx.translator;
    let iin = cert
        .iin
        .map(|i| i.as_string())
        .unwrap_or_else(|| "—".to_owned());
    let organisation = cert.organisation.clone().unwrap_or_else(|| "—".to_owned());
    let validity = format!(
        "{} — {}",
        format_date(cert.not_before.date()),
        format_date(cert.not_after.date())
    );
    container(
        column![
            text(t.tr_args(
                "counter-sign-cert-holder",
                &[("name", cert.subject_name.clone())]
            )),
            text(t.tr_args("counter-sign-cert-iin", &[("iin", iin)])),
            text(t.tr_args(
                "counter-sign-cert-organisation",
                &[("organisation", organisation)]
            )),
            text(t.tr_args("counter-sign-cert-validity", &[("validity", validity)])),
            text(t.tr_args(
                "counter-sign-cert-issuer",
                &[("issuer", cert.issuer_name.clone())]
            ))
            .size(13),
        ]
        .spacing(4),
    )
    .padding(8)
    .style(container::bordered_box)
    .into()
}

/// The verdict with every reason; a failed one says nothing was kept.
pub fn view<'a>(ctx: &'a Context, signed: &'a Signed) -> Element<'a, Message> {
    let t = &ctx.translator;
    let verdict = &signed.verdict;
    let headline = text(t.text(&verdict.status.localized())).size(17);
    let headline = match verdict.status {
        Status::Valid => headline.style(text::success),
        Status::ValidWithWarnings => headline.style(text::warning),
        Status::Invalid => headline.style(text::danger),
    };
    let mut block = column![headline].spacing(4);
    if let Some(cert) = &verdict.signer {
        block = block.push(certificate(ctx, cert));
    }
    for reason in &verdict.reasons {
        let line = text(format!("• {}", t.text(&reason.localized())));
        block = block.push(if reason.is_warning() {
            line.style(text::warning)
        } else {
            line.style(text::danger)
        });
    }
    if signed.kept.is_none() {
        block = block.push(text(t.tr("counter-sign-refused-nothing-kept")).style(text::danger));
    } else {
        block = block.push(text(t.tr("counter-sign-kept")));
    }
    block.into()
}

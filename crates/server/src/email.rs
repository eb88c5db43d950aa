//! Sending an issued document to the applicant through the configured SMTP relay.
//!
//! The relay is reached in plain SMTP (a relay on loopback or a private link), with STARTTLS, or
//! over implicit TLS (rustls), optionally trusting a private CA. Logs name the request, never the
//! address.

use std::path::PathBuf;
use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::reason::Reason;

/// How the relay is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailSecurity {
    /// Plain SMTP (loopback or a private link only).
    Plain,
    /// SMTP upgraded with STARTTLS (required).
    StartTls,
    /// SMTP over TLS from the first byte.
    Tls,
}

/// The SMTP relay settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailConfig {
    /// The relay's host name (also the TLS name).
    pub host: String,
    /// Its port.
    pub port: u16,
    /// The sender address, e.g. `noreply@edu.example.kz`.
    pub from: String,
    /// Plain, STARTTLS or TLS.
    pub security: MailSecurity,
    /// A PEM file with the CA that signed the relay's certificate, if not a public one.
    pub ca_file: Option<PathBuf>,
}

/// The subject and body, in Kazakh and Russian (the applicant reads either).
const SUBJECT: &str = "Мемлекеттік қызмет нәтижесі / Результат государственной услуги";
const BODY: &str = "Сәлеметсіз бе!\n\nӨтінішіңіз бойынша мемлекеттік қызмет көрсетудің нәтижесі \
осы хатқа тіркелген.\n\nЗдравствуйте!\n\nРезультат оказания государственной услуги по вашему \
заявлению приложен к этому письму.\n";

/// Sends `document` as a PDF attachment named `file_name` to `to`; `number` goes in the subject.
pub async fn send(
    config: &MailConfig,
    to: &str,
    number: &str,
    file_name: &str,
    document: Vec<u8>,
) -> Result<(), Reason> {
    let to: Mailbox = to.parse().map_err(|_| Reason::BadEmail)?;
    let from: Mailbox = config.from.parse().map_err(|_| Reason::MailNotConfigured)?;
    let pdf = ContentType::parse("application/pdf").map_err(|_| Reason::MailFailed)?;
    let message = Message::builder()
        .from(from)
        .to(to)
        .subject(format!("{SUBJECT} — {number}"))
        .multipart(
            MultiPart::mixed()
                .singlepart(SinglePart::plain(BODY.to_owned()))
                .singlepart(Attachment::new(file_name.to_owned()).body(document, pdf)),
        )
        .map_err(|_| Reason::MailFailed)?;
    let tls = match config.security {
        MailSecurity::Plain => Tls::None,
        MailSecurity::StartTls => Tls::Required(parameters(config)?),
        MailSecurity::Tls => Tls::Wrapper(parameters(config)?),
    };
    let mailer = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(config.host.as_str())
        .port(config.port)
        .tls(tls)
        .timeout(Some(Duration::from_secs(30)))
        .build();
    match mailer.send(message).await {
        Ok(_) => Ok(()),
        Err(err) => {
            tracing::warn!(error = %err, "the mail relay refused the message");
            Err(Reason::MailFailed)
        }
    }
}

fn parameters(config: &MailConfig) -> Result<TlsParameters, Reason> {
    let mut builder = TlsParameters::builder(config.host.clone());
    if let Some(ca) = &config.ca_file {
        let pem = std::fs::read(ca).map_err(|_| Reason::MailNotConfigured)?;
        let cert = Certificate::from_pem(&pem).map_err(|_| Reason::MailNotConfigured)?;
        builder = builder.add_root_certificate(cert);
    }
    builder
        .build_rustls()
        .map_err(|_| Reason::MailNotConfigured)
}

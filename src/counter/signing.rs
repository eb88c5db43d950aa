//! Signing a request (its canonical bytes with the scans' hashes) or its output document (the
//! document's content hash), verifying the signature at once, and keeping it only if the
//! verdict holds.
//!
//! The store is locked only to read what is signed and to keep the result, never while the key
//! signs: NCALayer waits for the operator to pick a key and type its password in its own window.
//! A request that changed in between is refused rather than signed stale.

use std::path::Path;
use std::sync::{Arc, Mutex};

use tereze_core::canonical::{AttachmentDigest, SignedRequest};
use tereze_core::i18n::{Localize, Localized};
use tereze_core::lifecycle::{Flow, Status};
use tereze_core::regulation::{Registry, Regulation};
use tereze_core::store::{
    AuditAction, EntityKind, NewSignature, Operator, SavedRequest, SignatureKind, Store,
};
use tereze_sign::{Pkcs12Signer, Signer, Verdict, VerifyContext};
use time::OffsetDateTime;
use uuid::Uuid;

use super::documents;
use super::roles::{may_sign, required_signer};
use super::trust::Trust;

/// What a signature is put on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The filled request with its scans.
    Request,
    /// The decided request's output document.
    Result,
}

impl Target {
    fn kind(self) -> SignatureKind {
        match self {
            Self::Request => SignatureKind::Request,
            Self::Result => SignatureKind::Result,
        }
    }
}

/// The key that signs.
#[derive(Debug, Clone)]
pub enum Key {
    /// A `.p12` key file, opened with its password.
    File(Arc<Pkcs12Signer>),
    /// The NCALayer service on this computer (the operator chooses the key in its window).
    NcaLayer {
        /// The language of NCALayer's own dialogs.
        locale: String,
    },
}

/// Opens a `.p12` key file. An unreadable file, a damaged one and a wrong password each have
/// their own message.
pub fn open_key_file(path: &Path, password: &str) -> Result<Arc<Pkcs12Signer>, Localized> {
    let bytes = std::fs::read(path).map_err(|_| Localized::new("counter-key-file-unreadable"))?;
    Pkcs12Signer::open(&bytes, password)
        .map(Arc::new)
        .map_err(|e| e.localized())
}

/// The bytes to sign and what the verifier needs besides.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The request.
    pub request_id: Uuid,
    /// Its version when the bytes were made.
    pub version: i64,
    /// The request's status when the bytes were made.
    pub status: Status,
    /// The service's flow.
    pub flow: Flow,
    /// The bytes signed.
    pub content: Vec<u8>,
    /// The scans as recorded, with their content (request signatures only).
    pub attachments: Vec<(AttachmentDigest, Vec<u8>)>,
    /// Which output document is signed (result signatures only).
    pub document: Option<String>,
}

fn regulation<'a>(registry: &'a Registry, service: &str) -> Result<&'a Regulation, Localized> {
    registry
        .get(service)
        .ok_or_else(|| Localized::new("counter-unknown-service").arg("service", service))
}

/// Reads what a signature on `id` covers. For a result signature the operator's role is checked
/// first: a document that needs the head is never signed by an executor.
pub fn prepare(
    store: &Store,
    registry: &Registry,
    id: Uuid,
    target: Target,
    operator: &Operator,
) -> Result<Prepared, Localized> {
    let request = store.load_request(id).map_err(|e| e.localized())?;
    let reg = regulation(registry, &request.service_id)?;
    match target {
        Target::Request => {
            if request.status != Status::Draft {
                return Err(Localized::new("counter-already-signed"));
            }
            let mut attachments = Vec::new();
            for a in store.attachments(id).map_err(|e| e.localized())? {
                let bytes = store
                    .read_attachment(&a.sha256)
                    .map_err(|e| e.localized())?;
                attachments.push((
                    AttachmentDigest {
                        slot: a.slot.clone(),
                        sha256: a.sha256.clone(),
                    },
                    bytes,
                ));
            }
            let digests: Vec<AttachmentDigest> =
                attachments.iter().map(|(d, _)| d.clone()).collect();
            let content = SignedRequest {
                id,
                version: request.version,
                service_id: &request.service_id,
                profile: &request.profile,
                channel: request.channel,
                operator_iin: operator.iin,
                fields: &request.fields,
                attachments: &digests,
            }
            .bytes();
            Ok(Prepared {
                request_id: id,
                version: request.version,
                status: request.status,
                flow: reg.flow,
                content,
                attachments,
                document: None,
            })
        }
        Target::Result => {
            // A document already signed is signed again only when it no longer reads as signed:
            // the official number arrived after it was signed with the provisional one, or the
            // child was referred and the document is now the referral.
            let settled = matches!(request.status, Status::ResultSigned | Status::Issued);
            if !settled && !matches!(request.status, Status::Decided | Status::Refused) {
                return Err(Localized::new("counter-not-decided"));
            }
            // Who signs is checked before anything is built: a document that needs the head is
            // never prepared for an executor.
            let outcome = documents::outcome_of(store, reg, id)?;
            may_sign(operator.role, required_signer(reg, outcome.kind))
                .map_err(|e| e.localized())?;
            let current = documents::current(store, registry, id)?;
            if settled && current.signed {
                return Err(Localized::new("counter-not-decided"));
            }
            Ok(Prepared {
                request_id: id,
                version: request.version,
                status: request.status,
                flow: reg.flow,
                content: current.sha256.into_bytes(),
                attachments: Vec::new(),
                document: Some(current.name),
            })
        }
    }
}

/// A signature made and verified; `kept` once it was stored and the request moved on.
#[derive(Debug, Clone)]
pub struct Signed {
    /// The verifier's answer.
    pub verdict: Verdict,
    /// The request after the move, when the verdict held.
    pub kept: Option<SavedRequest>,
}

/// Signs `prepared.content` with `key` at `now`; returns the CMS.
pub fn sign_content(key: &Key, content: &[u8], now: OffsetDateTime) -> Result<Vec<u8>, Localized> {
    match key {
        Key::File(signer) => signer.sign(content, now).map_err(|e| e.localized()),
        Key::NcaLayer { locale } => tereze_sign::ncalayer::NcaLayer::default()
            .with_locale(locale)
            .sign_blocking(content)
            .map(|s| s.cms)
            .map_err(|e| e.localized()),
    }
}

/// Verifies `cms` over what was prepared, against the operator's IIN and the trust material.
pub fn verify(
    prepared: &Prepared,
    cms: &[u8],
    operator: &Operator,
    trust: &Trust,
    now: OffsetDateTime,
) -> Verdict {
    let scans: Vec<(&AttachmentDigest, &[u8])> = prepared
        .attachments
        .iter()
        .map(|(d, b)| (d, b.as_slice()))
        .collect();
    tereze_sign::verify(
        cms,
        &prepared.content,
        &VerifyContext {
            trust: &trust.store,
            crls: &trust.crls,
            expected_iin: &operator.iin,
            attachments: &scans,
            now,
        },
    )
}

/// Keeps a signature whose verdict holds; a failed verdict keeps nothing and moves nothing.
pub fn keep(
    store: &mut Store,
    prepared: &Prepared,
    target: Target,
    cms: Vec<u8>,
    verdict: &Verdict,
    operator: &Operator,
    now: OffsetDateTime,
) -> Result<Option<SavedRequest>, Localized> {
    if !verdict.is_valid() {
        // The refusal ("ЭЦП не подтверждена") is audited with the reasons' keys only.
        let reasons: Vec<&str> = verdict.reasons.iter().map(|r| r.localized().key).collect();
        store
            .audit(
                Some(operator.id),
                AuditAction::Sign,
                EntityKind::Request,
                Some(prepared.request_id),
                &serde_json::json!({
                    "kind": target.kind().as_str(),
                    "verdict": "invalid",
                    "reasons": reasons,
                }),
            )
            .map_err(|e| e.localized())?;
        return Ok(None);
    }
    let Some(signer) = &verdict.signer else {
        return Ok(None);
    };
    let Some(iin) = signer.iin else {
        return Ok(None);
    };
    let current = store
        .load_request(prepared.request_id)
        .map_err(|e| e.localized())?;
    if current.version != prepared.version || current.status != prepared.status {
        return Err(Localized::new("counter-request-changed"));
    }
    let sha = tereze_core::store::sha256_hex(&prepared.content);
    let signature = NewSignature {
        request_id: prepared.request_id,
        request_version: prepared.version,
        kind: target.kind(),
        cms,
        content_sha256: sha,
        signer_subject: signer.subject_name.clone(),
        signer_iin: iin,
        serial: signer.serial.clone(),
        signed_at: verdict.signing_time.unwrap_or(now),
        with_warnings: !verdict.reasons.is_empty(),
        document_sha256: match target {
            Target::Request => None,
            Target::Result => String::from_utf8(prepared.content.clone()).ok(),
        },
        document: prepared.document.clone(),
    };
    store
        .record_signature(&signature, prepared.flow, operator.id)
        .map(Some)
        .map_err(|e| e.localized())
}

/// One signing step: who signs what with which key, at what time.
#[derive(Debug, Clone)]
pub struct Job {
    /// The request.
    pub request_id: Uuid,
    /// The request itself or its output document.
    pub target: Target,
    /// The key.
    pub key: Key,
    /// The logged-in operator: the certificate must carry this IIN.
    pub operator: Operator,
    /// The signing time stated, and the time validity is checked at.
    pub now: OffsetDateTime,
}

/// The whole step: prepare under the lock, sign and verify without it, keep under it again.
pub fn sign_and_keep(
    store: &Mutex<Store>,
    registry: &Registry,
    trust: &Trust,
    job: &Job,
) -> Result<Signed, Localized> {
    let (id, target, key, operator, now) =
        (job.request_id, job.target, &job.key, &job.operator, job.now);
    let busy = || Localized::new("counter-store-busy");
    let prepared = {
        let store = store.lock().map_err(|_| busy())?;
        prepare(&store, registry, id, target, operator)?
    };
    let cms = sign_content(key, &prepared.content, now)?;
    let verdict = verify(&prepared, &cms, operator, trust, now);
    let mut store = store.lock().map_err(|_| busy())?;
    let kept = keep(&mut store, &prepared, target, cms, &verdict, operator, now)?;
    Ok(Signed { verdict, kept })
}

//! The counter flow's own rows: signatures kept with a request, the provisional number given at
//! registration, the decision's outcome document and refusal ground, the local queue entry of a
//! preschool child and the quality survey answered at issue.
//!
//! Every step that moves a request's status does so through the lifecycle in the same
//! transaction as its own rows, so a signature is never stored on a request that did not move
//! and a request never moves without its signature. Each row goes to the outbox in that same
//! transaction ([`outgoing`]): the signature just before the status move it allows, the
//! decision, the document handed out and the (anonymous) survey just after theirs.
//!
//! A talon signed while the number on it was provisional is found again once sync brings the
//! official number ([`Store::talons_to_reprint`]); its new result signature is kept without a
//! status move.

mod outgoing;

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;
use time::OffsetDateTime;
use uuid::Uuid;

use super::audit::{self, AuditAction, EntityKind};
use super::{SavedRequest, Store, StoreError, clock, request};
use crate::iin::Iin;
use crate::lifecycle::{self, Action, Flow, Status};

/// What a signature covers: the request as filled in, or its output document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureKind {
    /// The filled form and its scans (the canonical request bytes).
    Request,
    /// The output document (its content hash).
    Result,
}

impl SignatureKind {
    /// The stable name used in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Request => "request",
            Self::Result => "result",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s {
            "request" => Some(Self::Request),
            "result" => Some(Self::Result),
            _ => None,
        }
    }
}

/// A verified signature to keep with a request. Only signatures whose verdict was valid (with
/// or without warnings) are ever stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSignature {
    /// The request signed.
    pub request_id: Uuid,
    /// The request's version the signed bytes were made from.
    pub request_version: i64,
    /// Request or output document.
    pub kind: SignatureKind,
    /// The detached CMS SignedData, DER.
    pub cms: Vec<u8>,
    /// SHA-256 (hex) of the bytes signed.
    pub content_sha256: String,
    /// The certificate's subject, as printed in a document's signature block.
    pub signer_subject: String,
    /// The IIN in the certificate.
    pub signer_iin: Iin,
    /// The certificate's serial number.
    pub serial: String,
    /// The signing time the signature states.
    pub signed_at: OffsetDateTime,
    /// The verifier found warnings (stale CRL, …) but no failure.
    pub with_warnings: bool,
    /// For a result signature, the output document's content hash (the signed bytes are this
    /// text).
    pub document_sha256: Option<String>,
    /// For a result signature, which output document it signs (`registration-talon`,
    /// `referral`, `refusal`, …): what is recorded as handed out when it is issued.
    pub document: Option<String>,
}

/// A signature kept with a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSignature {
    /// Its id.
    pub id: Uuid,
    /// Request or output document.
    pub kind: SignatureKind,
    /// The request's version that was signed.
    pub request_version: i64,
    /// The detached CMS SignedData, DER.
    pub cms: Vec<u8>,
    /// SHA-256 (hex) of the bytes signed.
    pub content_sha256: String,
    /// The certificate's subject.
    pub signer_subject: String,
    /// The IIN in the certificate.
    pub signer_iin: String,
    /// The certificate's serial number.
    pub serial: String,
    /// The stated signing time, UTC.
    pub signed_at: OffsetDateTime,
    /// Whether the verifier had warnings.
    pub with_warnings: bool,
    /// For a result signature, the output document's content hash.
    pub document_sha256: Option<String>,
    /// For a result signature made here, the request number printed on the signed document.
    pub document_number: Option<String>,
    /// For a result signature made here, which output document it signs.
    pub document: Option<String>,
}

/// What a request was decided with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The regulation's outcome document id (`registration-talon`, `refusal`, …).
    pub outcome_id: String,
    /// A refusal's ground, when refused.
    pub ground_id: Option<String>,
    /// When, UTC.
    pub decided_at: OffsetDateTime,
    /// Who decided.
    pub decided_by: Uuid,
}

/// A preschool child's place in the local queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueEntry {
    /// The request.
    pub request_id: Uuid,
    /// The age cohort (birth year).
    pub cohort: i32,
    /// The privilege category id.
    pub category: String,
    /// When the application was made, UTC: the queue order within the cohort.
    pub applied_at: OffsetDateTime,
    /// The server's official queue number, once synced.
    pub official_number: Option<u32>,
}

/// The two answers of the quality survey, each 1 (not satisfied), 2 (partially) or 3 (satisfied).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SurveyAnswers {
    /// Quality of the process and the result.
    pub process: u8,
    /// Quality of the information about the procedure.
    pub information: u8,
}

/// A decision to take: the outcome document, a refusal's ground, and for a preschool child kept
/// in the queue its cohort (birth year) and privilege category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDecision {
    /// The regulation's outcome document id.
    pub outcome_id: String,
    /// A refusal's ground; `Some` makes the decision a motivated refusal.
    pub ground: Option<String>,
    /// Put the child in the local queue: `(cohort, category)`.
    pub queue: Option<(i32, String)>,
}

/// A registration: the status move and the local number given with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registered {
    /// The stored move.
    pub saved: SavedRequest,
    /// The provisional number, shown until the server's official one arrives.
    pub provisional_number: String,
}

fn parse_uuid(s: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(s).map_err(|_| StoreError::Invalid { what: "uuid" })
}

fn status_of(conn: &Connection, id: Uuid) -> Result<Status, StoreError> {
    let status: String = conn
        .prepare_cached("SELECT status FROM requests WHERE id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound { id })?;
    Status::parse(&status).ok_or(StoreError::Invalid { what: "status" })
}

/// The next provisional number of this workstation in `year`.
fn next_provisional(conn: &Connection, prefix: &str) -> Result<String, StoreError> {
    let like = format!("{prefix}%");
    let taken: i64 = conn
        .prepare_cached("SELECT count(*) FROM requests WHERE provisional_number LIKE ?1")?
        .query_row([like], |r| r.get(0))?;
    Ok(format!("{prefix}{:05}", taken + 1))
}

impl Store {
    /// Keeps a verified signature with its request and moves the request on in one
    /// transaction: a request signature signs a draft ([`Action::Sign`]), a result signature
    /// signs the decided or refused request's document ([`Action::SignResult`]). A result
    /// signature on a document already signed or issued (a talon re-issued with its official
    /// number) is kept without a move; on an issued request the new document counts as handed
    /// out again. A request no longer where the lifecycle allows the move changes nothing. The
    /// signature goes to the outbox just before the move.
    pub fn record_signature(
        &mut self,
        signature: &NewSignature,
        flow: Flow,
        operator: Uuid,
    ) -> Result<SavedRequest, StoreError> {
        let ws = self.workstation;
        self.write(|tx| {
            let id = signature.request_id;
            let from = status_of(tx, id)?;
            let action = match signature.kind {
                SignatureKind::Request => Action::Sign,
                SignatureKind::Result => Action::SignResult,
            };
            let again = signature.kind == SignatureKind::Result
                && matches!(from, Status::ResultSigned | Status::Issued);
            let to = if again {
                None
            } else {
                Some(lifecycle::transition(flow, from, action)?)
            };
            let (now, at) = clock::now()?;
            let signed_at = clock::format(signature.signed_at)?;
            let sig_id = Uuid::now_v7();
            let document_number: Option<String> = match signature.kind {
                SignatureKind::Request => None,
                SignatureKind::Result => tx
                    .prepare_cached(
                        "SELECT coalesce(number, provisional_number) FROM requests WHERE id = ?1",
                    )?
                    .query_row([id.to_string()], |r| r.get(0))?,
            };
            tx.prepare_cached(
                "INSERT INTO request_signatures (id, request_id, request_version, kind, cms,
                     content_sha256, signer_subject, signer_iin, serial, signed_at, verdict,
                     operator_id, document_sha256, document_number, document)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?
            .execute(params![
                sig_id.to_string(),
                id.to_string(),
                signature.request_version,
                signature.kind.as_str(),
                signature.cms,
                signature.content_sha256,
                signature.signer_subject,
                signature.signer_iin.as_string(),
                signature.serial,
                signed_at,
                if signature.with_warnings {
                    "valid-with-warnings"
                } else {
                    "valid"
                },
                operator.to_string(),
                signature.document_sha256,
                document_number,
                signature.document,
            ])?;
            let seq = outgoing::signature(tx, ws, sig_id, signature, operator, &at)?;
            audit::append(
                tx,
                &audit::Entry {
                    at: &at,
                    operator: Some(operator),
                    action: AuditAction::Sign,
                    kind: EntityKind::Request,
                    entity: Some(id),
                    detail: &json!({
                        "signature": sig_id.to_string(),
                        "kind": signature.kind.as_str(),
                        "serial": signature.serial,
                        "content_sha256": signature.content_sha256,
                        "outbox_seq": seq.0,
                    }),
                },
            )?;
            match to {
                Some(to) => request::set_status(tx, ws, id, from, action, to, operator),
                None => {
                    let version: i64 = tx
                        .prepare_cached("SELECT version FROM requests WHERE id = ?1")?
                        .query_row([id.to_string()], |r| r.get(0))?;
                    let seq = if from == Status::Issued {
                        outgoing::issued(tx, ws, id, (now, &at), operator)?.unwrap_or(seq)
                    } else {
                        seq
                    };
                    Ok(SavedRequest { id, version, seq })
                }
            }
        })
    }

    /// The signatures kept with a request, oldest first.
    pub fn signatures(&self, request_id: Uuid) -> Result<Vec<StoredSignature>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, kind, request_version, cms, content_sha256, signer_subject, signer_iin,
                    serial, signed_at, verdict, document_sha256, document_number, document
             FROM request_signatures WHERE request_id = ?1 ORDER BY signed_at, id",
        )?;
        let rows = stmt.query_map([request_id.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, Vec<u8>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, String>(9)?,
                r.get::<_, Option<String>>(10)?,
                r.get::<_, Option<String>>(11)?,
                r.get::<_, Option<String>>(12)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, kind, version, cms, sha, subject, iin, serial, at, verdict, doc, number, name) =
                row?;
            out.push(StoredSignature {
                id: parse_uuid(&id)?,
                kind: SignatureKind::parse(&kind).ok_or(StoreError::Invalid {
                    what: "signature kind",
                })?,
                request_version: version,
                cms,
                content_sha256: sha,
                signer_subject: subject,
                signer_iin: iin,
                serial,
                signed_at: clock::parse(&at)?,
                with_warnings: verdict == "valid-with-warnings",
                document_sha256: doc,
                document_number: number,
                document: name,
            });
        }
        Ok(out)
    }

    /// Registers a signed request ([`Action::Register`], status "received") and gives it this
    /// workstation's next provisional number, `П-<year>-<workstation>-<serial>`, in one
    /// transaction. The server's official number replaces it in view once sync brings it.
    pub fn register(
        &mut self,
        id: Uuid,
        flow: Flow,
        operator: Uuid,
    ) -> Result<Registered, StoreError> {
        let to = lifecycle::transition(flow, Status::Signed, Action::Register)?;
        let ws = self.workstation;
        let year = OffsetDateTime::now_utc().year();
        let station: String = ws.0.simple().to_string().chars().take(6).collect();
        let prefix = format!("П-{year}-{}-", station.to_uppercase());
        self.write(|tx| {
            let saved =
                request::set_status(tx, ws, id, Status::Signed, Action::Register, to, operator)?;
            let number = next_provisional(tx, &prefix)?;
            tx.prepare_cached("UPDATE requests SET provisional_number = ?1 WHERE id = ?2")?
                .execute(params![number, id.to_string()])?;
            Ok(Registered {
                saved,
                provisional_number: number,
            })
        })
    }

    /// The provisional number given at registration on this workstation, if any.
    pub fn provisional_number(&self, id: Uuid) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT provisional_number FROM requests WHERE id = ?1")?
            .query_row([id.to_string()], |r| r.get::<_, Option<String>>(0))
            .optional()?
            .flatten())
    }

    /// Decides a request from `from`: with a refusal ground it is a motivated refusal
    /// ([`Action::Refuse`]), otherwise its outcome document is granted
    /// ([`Action::Decide`]). The decision's details and, for a preschool child kept in the
    /// queue, the local queue entry are written with the status move.
    pub fn decide(
        &mut self,
        id: Uuid,
        flow: Flow,
        from: Status,
        decision: &NewDecision,
        operator: Uuid,
    ) -> Result<SavedRequest, StoreError> {
        let outcome_id = decision.outcome_id.as_str();
        let ground = decision.ground.as_deref();
        let action = if ground.is_some() {
            Action::Refuse
        } else {
            Action::Decide
        };
        let to = lifecycle::transition(flow, from, action)?;
        let ws = self.workstation;
        self.write(|tx| {
            let saved = request::set_status(tx, ws, id, from, action, to, operator)?;
            let (now, at) = clock::now()?;
            outgoing::decision(tx, ws, id, outcome_id, ground, (now, &at), operator)?;
            tx.prepare_cached(
                "INSERT INTO request_decisions (request_id, outcome_id, ground_id, decided_at,
                     decided_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (request_id) DO UPDATE SET outcome_id = excluded.outcome_id,
                     ground_id = excluded.ground_id, decided_at = excluded.decided_at,
                     decided_by = excluded.decided_by",
            )?
            .execute(params![
                id.to_string(),
                outcome_id,
                ground,
                at,
                operator.to_string()
            ])?;
            if let Some((cohort, category)) = &decision.queue {
                let applied: String = tx
                    .prepare_cached("SELECT created_at FROM requests WHERE id = ?1")?
                    .query_row([id.to_string()], |r| r.get(0))?;
                tx.prepare_cached(
                    "INSERT INTO queue_entries (request_id, cohort, category, applied_at)
                     VALUES (?1, ?2, ?3, ?4) ON CONFLICT (request_id) DO NOTHING",
                )?
                .execute(params![id.to_string(), cohort, category, applied])?;
            }
            audit::append(
                tx,
                &audit::Entry {
                    at: &at,
                    operator: Some(operator),
                    action: AuditAction::Decide,
                    kind: EntityKind::Request,
                    entity: Some(id),
                    detail: &json!({ "outcome": outcome_id, "ground": ground }),
                },
            )?;
            Ok(saved)
        })
    }

    /// What a request was decided with, once decided.
    pub fn decision(&self, id: Uuid) -> Result<Option<Decision>, StoreError> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT outcome_id, ground_id, decided_at, decided_by
                 FROM request_decisions WHERE request_id = ?1",
            )?
            .query_row([id.to_string()], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })
            .optional()?;
        row.map(|(outcome_id, ground_id, at, by)| {
            Ok(Decision {
                outcome_id,
                ground_id,
                decided_at: clock::parse(&at)?,
                decided_by: parse_uuid(&by)?,
            })
        })
        .transpose()
    }

    /// The local queue entry of a preschool request, once it was put in the queue.
    pub fn queue_entry(&self, id: Uuid) -> Result<Option<QueueEntry>, StoreError> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT cohort, category, applied_at, official_number
                 FROM queue_entries WHERE request_id = ?1",
            )?
            .query_row([id.to_string()], |r| {
                Ok((
                    r.get::<_, i32>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<u32>>(3)?,
                ))
            })
            .optional()?;
        row.map(|(cohort, category, at, official_number)| {
            Ok(QueueEntry {
                request_id: id,
                cohort,
                category,
                applied_at: clock::parse(&at)?,
                official_number,
            })
        })
        .transpose()
    }

    /// Hands the signed document to the applicant ([`Action::Issue`]); with `survey`, the
    /// applicant's answers to the quality survey are kept in the same transaction, anonymously
    /// (the office, never the applicant). The document handed out and the answers go to the
    /// outbox after the move.
    pub fn issue(
        &mut self,
        id: Uuid,
        flow: Flow,
        survey: Option<SurveyAnswers>,
        office_id: &str,
        operator: Uuid,
    ) -> Result<SavedRequest, StoreError> {
        let to = lifecycle::transition(flow, Status::ResultSigned, Action::Issue)?;
        if survey
            .is_some_and(|s| !(1..=3).contains(&s.process) || !(1..=3).contains(&s.information))
        {
            return Err(StoreError::Invalid {
                what: "survey answer",
            });
        }
        let ws = self.workstation;
        self.write(|tx| {
            let saved = request::set_status(
                tx,
                ws,
                id,
                Status::ResultSigned,
                Action::Issue,
                to,
                operator,
            )?;
            let (now, at) = clock::now()?;
            outgoing::issued(tx, ws, id, (now, &at), operator)?;
            if let Some(s) = survey {
                outgoing::survey(tx, ws, s, office_id, (now, &at), operator)?;
                tx.prepare_cached(
                    "INSERT INTO quality_surveys (request_id, office_id, process, information,
                         answered_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![
                    id.to_string(),
                    office_id,
                    s.process,
                    s.information,
                    at
                ])?;
            }
            Ok(saved)
        })
    }

    /// The survey answers given when a request's document was issued, if any.
    pub fn survey(&self, id: Uuid) -> Result<Option<SurveyAnswers>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT process, information FROM quality_surveys WHERE request_id = ?1",
            )?
            .query_row([id.to_string()], |r| {
                Ok(SurveyAnswers {
                    process: r.get(0)?,
                    information: r.get(1)?,
                })
            })
            .optional()?)
    }

    /// Requests whose signed output document still carries the provisional number although the
    /// server's official number has arrived: the talons (and refusals) to re-sign and reprint.
    /// Newest first, at most `limit`.
    pub fn documents_to_reprint(
        &self,
        limit: usize,
    ) -> Result<Vec<super::RequestSummary>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {} FROM requests r
             WHERE r.number IS NOT NULL
               AND coalesce((SELECT s.document_number FROM request_signatures s
                             WHERE s.request_id = r.id AND s.kind = 'result'
                             ORDER BY s.signed_at DESC, s.id DESC LIMIT 1), r.number) <> r.number
             ORDER BY r.created_at DESC, r.id DESC LIMIT ?1",
            request::SUMMARY_COLUMNS
        ))?;
        let rows = stmt
            .query_map([limit], request::summary_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        request::finish_summaries(&self.conn, rows)
    }

    /// Whether request `id`'s signed document carries another number than the one it has now
    /// (it was signed with the provisional number and the official one has arrived).
    pub fn needs_reprint(&self, id: Uuid) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT r.number IS NOT NULL
                    AND coalesce((SELECT s.document_number FROM request_signatures s
                                  WHERE s.request_id = r.id AND s.kind = 'result'
                                  ORDER BY s.signed_at DESC, s.id DESC LIMIT 1), r.number)
                        <> r.number
                 FROM requests r WHERE r.id = ?1",
            )?
            .query_row([id.to_string()], |r| r.get::<_, bool>(0))
            .optional()?
            .unwrap_or(false))
    }

    /// The output documents handed out for a request, oldest first: `(document, content hash,
    /// issued at)`.
    pub fn issued_documents(
        &self,
        id: Uuid,
    ) -> Result<Vec<(String, String, OffsetDateTime)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT document, content_sha256, issued_at FROM issued_documents
             WHERE request_id = ?1 ORDER BY issued_at, id",
        )?;
        let rows = stmt
            .query_map([id.to_string()], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(d, h, at)| Ok((d, h, clock::parse(&at)?)))
            .collect()
    }

    /// Appends a print audit row: which document of which request went to which queue (no
    /// personal data).
    pub fn audit_print(
        &mut self,
        id: Uuid,
        document: &str,
        printer: &str,
        operator: Uuid,
    ) -> Result<(), StoreError> {
        self.audit(
            Some(operator),
            AuditAction::Print,
            EntityKind::Document,
            Some(id),
            &json!({ "document": document, "printer": printer }),
        )
        .map(|_| ())
    }
}

//! What the archive found for an archival certificate: entered by the archivist when deciding,
//! kept with the request, printed on the certificate.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::{AuditAction, EntityKind, Store, StoreError, audit, clock, operator, request};

/// One archive record the findings rest on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchivalReference {
    /// Fund number (қор / фонд).
    pub fund: String,
    /// Inventory number (тізімдеме / опись).
    pub inventory: String,
    /// File number (іс / дело).
    pub file: String,
    /// Sheets, e.g. `17–19`.
    pub sheets: String,
}

/// The archive's findings for one request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchivalFindings {
    /// What the archive found, as printed.
    pub findings: String,
    /// The records the findings rest on.
    pub references: Vec<ArchivalReference>,
}

impl Store {
    /// Keeps the archive's findings for request `id` (replacing earlier ones), audited. Empty
    /// findings are [`StoreError::Invalid`].
    pub fn record_archival_findings(
        &mut self,
        id: Uuid,
        found: &ArchivalFindings,
        by: Uuid,
    ) -> Result<(), StoreError> {
        if found.findings.trim().is_empty() {
            return Err(StoreError::Invalid {
                what: "archival findings",
            });
        }
        operator::require(&self.conn, by)?;
        let refs = serde_json::to_string(&found.references)?;
        let (_, at) = clock::now()?;
        self.write(|tx| {
            if !request::exists(tx, id)? {
                return Err(StoreError::NotFound { id });
            }
            tx.prepare_cached(
                "INSERT INTO archival_findings (request_id, findings, refs, recorded_at,
                                                recorded_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (request_id) DO UPDATE SET findings = excluded.findings,
                     refs = excluded.refs, recorded_at = excluded.recorded_at,
                     recorded_by = excluded.recorded_by",
            )?
            .execute(params![
                id.to_string(),
                found.findings,
                refs,
                at,
                by.to_string()
            ])?;
            audit::append(
                tx,
                &audit::Entry {
                    at: &at,
                    operator: Some(by),
                    action: AuditAction::Decide,
                    kind: EntityKind::Request,
                    entity: Some(id),
                    detail: &json!({ "archival-references": found.references.len() }),
                },
            )?;
            Ok(())
        })
    }

    /// The archive's findings for request `id`, once recorded.
    pub fn archival_findings(&self, id: Uuid) -> Result<Option<ArchivalFindings>, StoreError> {
        let row: Option<(String, String)> = self
            .conn
            .prepare_cached("SELECT findings, refs FROM archival_findings WHERE request_id = ?1")?
            .query_row([id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        row.map(|(findings, refs)| {
            Ok(ArchivalFindings {
                findings,
                references: serde_json::from_str(&refs)?,
            })
        })
        .transpose()
    }
}

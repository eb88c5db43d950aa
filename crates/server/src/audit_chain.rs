//! Continuity of the workstations' audit chains. Each sync reports the chain's head and the
//! hash the chain has today at the position the server acknowledged last; a chain that no longer
//! has that hash there was rewritten. That is recorded (server audit row
//! `audit-chain-rewritten`, ids only), logged without personal data and listed for the
//! administrator; the old head stays acknowledged.

use tereze_protocol::{AuditHeadAnswer, AuditHeadReport, AuditMark, WorkstationId};

use crate::db::{DbError, Sql};

/// The audit action of a flagged report.
pub const REWRITTEN: &str = "audit-chain-rewritten";

/// Checks and records a report, in one transaction.
pub fn report(
    sql: &mut dyn Sql,
    workstation: WorkstationId,
    report: &AuditHeadReport,
) -> Result<AuditHeadAnswer, DbError> {
    let ws = workstation.0.to_string();
    sql.transaction(|tx| {
        let known = tx
            .query_opt(
                "SELECT seq, hash FROM audit_heads WHERE workstation_id = $1",
                &[ws.as_str().into()],
            )?
            .map(|r| {
                Ok::<_, DbError>(AuditMark {
                    seq: r.int(0)?,
                    hash: r.text(1)?,
                })
            })
            .transpose()?;
        let continuous = match &known {
            None => true,
            Some(k) => report.at_acknowledged.as_ref() == Some(k) && report.head.seq >= k.seq,
        };
        if !continuous {
            crate::audit::record(tx, Some(workstation), None, REWRITTEN, None, None)?;
            tracing::warn!(workstation = %workstation.0, "audit chain does not extend the acknowledged head");
            return Ok(AuditHeadAnswer {
                continuous,
                acknowledged: known.unwrap_or(AuditMark {
                    seq: 0,
                    hash: String::new(),
                }),
            });
        }
        tx.execute(
            "INSERT INTO audit_heads (workstation_id, seq, hash, updated_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (workstation_id) DO UPDATE
             SET seq = excluded.seq, hash = excluded.hash, updated_at = excluded.updated_at",
            &[
                ws.as_str().into(),
                report.head.seq.into(),
                report.head.hash.as_str().into(),
                crate::clock::now_text().into(),
            ],
        )?;
        Ok(AuditHeadAnswer {
            continuous,
            acknowledged: report.head.clone(),
        })
    })
}

/// Workstations whose rewritten history was flagged, with when: `(workstation id, at)`,
/// newest first, for the administrator.
pub fn flagged(sql: &mut dyn Sql) -> Result<Vec<(String, String)>, DbError> {
    sql.query(
        "SELECT workstation_id, at FROM audit WHERE action = $1 ORDER BY id DESC",
        &[REWRITTEN.into()],
    )?
    .iter()
    .map(|r| Ok((r.opt_text(0)?.unwrap_or_default(), r.text(1)?)))
    .collect()
}

//! The server's audit trail: refusals and decisions, by id and reason key only.

use tereze_protocol::WorkstationId;
use uuid::Uuid;

use crate::db::{DbError, Sql};

/// Appends one audit row inside the caller's transaction (or on its own).
pub fn record(
    sql: &mut dyn Sql,
    workstation: Option<WorkstationId>,
    operator: Option<Uuid>,
    action: &str,
    entity: Option<Uuid>,
    reason: Option<&str>,
) -> Result<(), DbError> {
    sql.execute(
        "INSERT INTO audit (id, at, workstation_id, operator_id, action, entity_id, reason)
         VALUES ((SELECT coalesce(max(id), 0) + 1 FROM audit), $1, $2, $3, $4, $5, $6)",
        &[
            crate::clock::now_text().into(),
            workstation.map(|w| w.0.to_string()).into(),
            operator.map(|o| o.to_string()).into(),
            action.into(),
            entity.map(|e| e.to_string()).into(),
            reason.map(str::to_owned).into(),
        ],
    )?;
    Ok(())
}

/// How many audit rows carry this action and reason (for the administrator and tests).
pub fn count(sql: &mut dyn Sql, action: &str, reason: &str) -> Result<i64, DbError> {
    sql.query_opt(
        "SELECT count(*) FROM audit WHERE action = $1 AND reason = $2",
        &[action.into(), reason.into()],
    )?
    .map_or(Ok(0), |r| r.int(0))
}

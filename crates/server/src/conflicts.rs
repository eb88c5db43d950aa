//! The conflicts a head of department sees and resolves.

use tereze_protocol::{ConflictList, ConflictRecord};
use uuid::Uuid;

use crate::db::Sql;
use crate::error::ServerError;

/// The conflicts of one office: unresolved first, then oldest first.
pub fn list(sql: &mut dyn Sql, office_id: &str) -> Result<ConflictList, ServerError> {
    let rows = sql.query(
        "SELECT id, entity_id, base_version, server_version, server_state, incoming,
                recorded_at, resolved_at
         FROM conflicts WHERE office_id = $1
         ORDER BY CASE WHEN resolved_at IS NULL THEN 0 ELSE 1 END, recorded_at, id",
        &[office_id.into()],
    )?;
    let mut conflicts = Vec::new();
    for row in rows {
        let parse_id = |s: String| Uuid::parse_str(&s).unwrap_or_default();
        conflicts.push(ConflictRecord {
            id: parse_id(row.text(0)?),
            entity_id: parse_id(row.text(1)?),
            base_version: row.int(2)?,
            server_version: row.int(3)?,
            server_state: row
                .opt_text(4)?
                .map(|s| serde_json::from_str(&s))
                .transpose()?,
            incoming: serde_json::from_str(&row.text(5)?)?,
            recorded_at: crate::clock::parse(&row.text(6)?),
            resolved: row.opt_text(7)?.is_some(),
        });
    }
    Ok(ConflictList { conflicts })
}

/// Marks a conflict of `office_id` resolved by `head`; false when there is no such open one.
pub fn resolve(
    sql: &mut dyn Sql,
    office_id: &str,
    id: Uuid,
    head: Uuid,
) -> Result<bool, ServerError> {
    let changed = sql.execute(
        "UPDATE conflicts SET resolved_at = $1, resolved_by = $2
         WHERE id = $3 AND office_id = $4 AND resolved_at IS NULL",
        &[
            crate::clock::now_text().into(),
            head.to_string().into(),
            id.to_string().into(),
            office_id.into(),
        ],
    )?;
    Ok(changed == 1)
}

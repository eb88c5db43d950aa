//! The change log: every accepted change with a monotonic cursor, read in pages by workstations.

use tereze_protocol::{Change, ChangedEntity, ChangesPage, Cursor};
use uuid::Uuid;

use crate::db::Sql;
use crate::error::ServerError;

/// The most changes one page carries.
pub const MAX_PAGE: u64 = 1000;

/// Appends a change of an entity owned by `office_id` inside the caller's transaction and
/// returns its cursor.
pub fn append(
    sql: &mut dyn Sql,
    entity_id: Uuid,
    office_id: &str,
    entity: &ChangedEntity,
) -> Result<Cursor, ServerError> {
    let body = serde_json::to_string(entity)?;
    let row = sql.query_opt(
        "INSERT INTO change_log (cursor, entity_id, office_id, body, recorded_at)
         VALUES ((SELECT coalesce(max(cursor), 0) + 1 FROM change_log), $1, $2, $3, $4)
         RETURNING cursor",
        &[
            entity_id.to_string().into(),
            office_id.into(),
            body.into(),
            crate::clock::now_text().into(),
        ],
    )?;
    let cursor = row.map_or(Ok(0), |r| r.int(0))?;
    Ok(Cursor(u64::try_from(cursor).unwrap_or(0)))
}

/// The changes of `office_id`'s entities after `after`, at most `limit` (capped at
/// [`MAX_PAGE`]). Cursors are global, so a page may skip numbers that belong to other offices.
pub fn page(
    sql: &mut dyn Sql,
    office_id: &str,
    after: Cursor,
    limit: u64,
) -> Result<ChangesPage, ServerError> {
    let limit = limit.clamp(1, MAX_PAGE);
    let after_i = i64::try_from(after.0).unwrap_or(i64::MAX);
    let rows = sql.query(
        "SELECT cursor, body FROM change_log WHERE office_id = $1 AND cursor > $2
         ORDER BY cursor LIMIT $3",
        &[
            office_id.into(),
            after_i.into(),
            i64::try_from(limit + 1).unwrap_or(i64::MAX).into(),
        ],
    )?;
    let more = rows.len() as u64 > limit;
    let mut changes = Vec::new();
    for row in rows
        .iter()
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
    {
        changes.push(Change {
            cursor: Cursor(u64::try_from(row.int(0)?).unwrap_or(0)),
            entity: serde_json::from_str(&row.text(1)?)?,
        });
    }
    let next = changes.last().map_or(after, |c| c.cursor);
    Ok(ChangesPage {
        changes,
        next,
        more,
    })
}

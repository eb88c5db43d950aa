//! The head of department's part of the sync screen: the office's open conflicts from the
//! server, both versions side by side field by field with the differences marked, and the two
//! ways out: keep the server's version, or keep the late one (saved again here as a new edit
//! made against the server's version, then sent with the next sync).

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use tereze_core::i18n::{Localize, Localized};
use tereze_core::store::{RequestDraft, Store};
use tereze_protocol::{ChangedEntity, ConflictRecord, Operation};
use tereze_sync::SyncEngine;
use uuid::Uuid;

use crate::app::Context;

/// One line of the side-by-side comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDiff {
    /// The field id (`status` for the request's status).
    pub field: String,
    /// The server's value (the version that won).
    pub theirs: Option<String>,
    /// The late write's value.
    pub mine: Option<String>,
}

impl FieldDiff {
    /// Whether the two versions disagree on this field.
    pub fn differs(&self) -> bool {
        self.theirs != self.mine
    }
}

/// Both versions of a conflict, field by field (the status first, then the form's fields in
/// order); fields the late write did not carry (a status move carries only the status) are left
/// out.
pub fn diff(record: &ConflictRecord) -> Vec<FieldDiff> {
    let theirs = match &record.server_state {
        Some(ChangedEntity::Request { request }) => Some(request),
        _ => None,
    };
    let mut out = Vec::new();
    match &record.incoming.operation {
        Operation::SaveRequest { request: mine } => {
            out.push(FieldDiff {
                field: "status".to_owned(),
                theirs: theirs.map(|t| t.status.clone()),
                mine: Some(mine.status.clone()),
            });
            let names: BTreeSet<&String> = mine
                .fields
                .keys()
                .chain(theirs.into_iter().flat_map(|t| t.fields.keys()))
                .collect();
            for name in names {
                out.push(FieldDiff {
                    field: name.clone(),
                    theirs: theirs.and_then(|t| t.fields.get(name).cloned()),
                    mine: mine.fields.get(name).cloned(),
                });
            }
        }
        Operation::SetStatus { to, .. } => out.push(FieldDiff {
            field: "status".to_owned(),
            theirs: theirs.map(|t| t.status.clone()),
            mine: Some(to.clone()),
        }),
        Operation::AddAttachment { .. }
        | Operation::RemoveAttachment { .. }
        | Operation::QueueStep { .. }
        | Operation::AddSignature { .. }
        | Operation::RecordDecision { .. }
        | Operation::IssueDocument { .. }
        | Operation::AnswerSurvey { .. } => {}
    }
    out
}

/// Whether "keep the late version" is possible: only a form save can be saved again.
pub fn can_keep_mine(record: &ConflictRecord) -> bool {
    matches!(record.incoming.operation, Operation::SaveRequest { .. })
}

/// An engine for the logged-in head, from the stored connection.
fn engine(ctx: &Context) -> Result<SyncEngine, Localized> {
    crate::sync::engine(ctx, Localized::new("connect-conflicts-failed"))
}

/// Asks the server for the open conflicts (a future for `Task::perform`).
pub fn load(
    ctx: &Context,
) -> impl Future<Output = Result<Vec<ConflictRecord>, Localized>> + Send + 'static {
    let engine = engine(ctx);
    async move {
        let list = engine?.conflicts().await.map_err(|e| e.localized())?;
        Ok(list.conflicts.into_iter().filter(|c| !c.resolved).collect())
    }
}

/// Settles a conflict: with `keep_mine` the late write's form is saved again here, as an edit
/// of the version the store holds now (the server's, pulled by sync), before the server marks
/// the conflict resolved. Returns the conflict's id.
pub fn resolve(
    ctx: &Context,
    record: ConflictRecord,
    keep_mine: bool,
) -> impl Future<Output = Result<Uuid, Localized>> + Send + 'static {
    let engine = engine(ctx);
    let store = Arc::clone(&ctx.store);
    let head = ctx.operator.as_ref().map(|o| o.id);
    async move {
        let engine = engine?;
        let id = record.id;
        if keep_mine {
            let head = head.ok_or_else(|| Localized::new("connect-conflicts-failed"))?;
            tokio::task::spawn_blocking(move || save_again(&store, &record, head))
                .await
                .map_err(|_| Localized::new("connect-conflicts-failed"))??;
        }
        engine
            .resolve_conflict(id)
            .await
            .map_err(|e| e.localized())?;
        Ok(id)
    }
}

fn save_again(store: &Mutex<Store>, record: &ConflictRecord, head: Uuid) -> Result<(), Localized> {
    let Operation::SaveRequest { request: mine } = &record.incoming.operation else {
        return Err(Localized::new("connect-conflicts-keep-mine-form-only"));
    };
    let mut store = store
        .lock()
        .map_err(|_| Localized::new("connect-conflicts-failed"))?;
    let current = store.load_request(mine.id).map_err(|e| e.localized())?;
    store
        .save_request(
            &RequestDraft {
                id: Some(mine.id),
                expected_version: Some(current.version),
                service_id: current.service_id.clone(),
                profile: current.profile.clone(),
                channel: current.channel,
                fields: mine.fields.clone(),
            },
            head,
        )
        .map_err(|e| e.localized())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use tereze_protocol::{Envelope, RequestRecord, Seq, WorkstationId};
    use time::OffsetDateTime;

    use super::*;

    fn request(status: &str, fields: &[(&str, &str)]) -> RequestRecord {
        RequestRecord {
            id: Uuid::nil(),
            version: 2,
            number: None,
            service_id: "preschool-queue".into(),
            profile: "default".into(),
            channel: "office".into(),
            status: status.into(),
            fields: fields
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect::<BTreeMap<_, _>>(),
            created_by: Uuid::nil(),
            saved_by: Uuid::nil(),
            created_at: OffsetDateTime::UNIX_EPOCH,
            updated_at: OffsetDateTime::UNIX_EPOCH,
            queue: None,
        }
    }

    #[test]
    fn both_versions_line_up_field_by_field_and_differences_are_marked() {
        let record = ConflictRecord {
            id: Uuid::nil(),
            entity_id: Uuid::nil(),
            base_version: 1,
            server_version: 2,
            server_state: Some(ChangedEntity::Request {
                request: request("draft", &[("child-name", "Әлібек"), ("phone", "1")]),
            }),
            incoming: Envelope {
                workstation: WorkstationId(Uuid::nil()),
                seq: Seq(3),
                operation: Operation::SaveRequest {
                    request: request("draft", &[("child-name", "Әлібек (B)"), ("note", "x")]),
                },
            },
            recorded_at: OffsetDateTime::UNIX_EPOCH,
            resolved: false,
        };
        let rows = diff(&record);
        let fields: Vec<(&str, bool)> = rows
            .iter()
            .map(|r| (r.field.as_str(), r.differs()))
            .collect();
        assert_eq!(
            fields,
            [
                ("status", false),
                ("child-name", true),
                ("note", true),
                ("phone", true)
            ]
        );
        assert_eq!(rows[2].theirs, None);
        assert_eq!(rows[3].mine, None);
        assert!(can_keep_mine(&record));
    }
}

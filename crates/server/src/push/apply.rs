//! Settling one operation whose seq is the next expected.

use tereze_core::lifecycle::{Action, Flow, Status, transition};
use tereze_protocol::{ChangedEntity, Operation, PushOperation, PushOutcome, RequestRecord};
use uuid::Uuid;

use super::{Settled, rejected};
use crate::auth::{self, Caller};
use crate::db::Sql;
use crate::error::ServerError;
use crate::permission;
use crate::reason::Reason;

/// The operator accounts already looked up during one batch.
pub(crate) type Authors = std::collections::HashMap<Uuid, Option<auth::OperatorAccount>>;

/// An entity as the server holds it.
struct Current {
    version: i64,
    state: ChangedEntity,
    office_id: String,
}

fn load(sql: &mut dyn Sql, id: Uuid) -> Result<Option<Current>, ServerError> {
    let row = sql.query_opt(
        "SELECT version, state, office_id FROM entities WHERE id = $1",
        &[id.to_string().into()],
    )?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(Current {
        version: row.int(0)?,
        state: serde_json::from_str(&row.text(1)?)?,
        office_id: row.text(2)?,
    }))
}

/// Loads the current state of an entity of `office_id` (for the e-mail route); another
/// office's entity reads as absent.
pub(crate) fn load_state(
    sql: &mut dyn Sql,
    id: Uuid,
    office_id: &str,
) -> Result<Option<ChangedEntity>, ServerError> {
    Ok(load(sql, id)?
        .filter(|c| c.office_id == office_id)
        .map(|c| c.state))
}

fn author(op: &Operation) -> Uuid {
    match op {
        Operation::SaveRequest { request } => request.saved_by,
        Operation::SetStatus { by, .. } => *by,
        Operation::AddAttachment { attachment } => attachment.added_by,
        Operation::RemoveAttachment { by, .. } => *by,
        Operation::QueueStep { by, .. } => *by,
        Operation::AddSignature { .. }
        | Operation::RecordDecision { .. }
        | Operation::IssueDocument { .. }
        | Operation::AnswerSurvey { .. } => crate::counter::author(op).unwrap_or_default(),
    }
}

/// The time the workstation's clock gave the operation.
fn claimed_at(op: &Operation) -> time::OffsetDateTime {
    match op {
        Operation::SaveRequest { request } => request.updated_at,
        Operation::SetStatus { at, .. } | Operation::RemoveAttachment { at, .. } => *at,
        Operation::AddAttachment { attachment } => attachment.added_at,
        Operation::QueueStep { at, .. } => *at,
        Operation::AddSignature { .. }
        | Operation::RecordDecision { .. }
        | Operation::IssueDocument { .. }
        | Operation::AnswerSurvey { .. } => {
            crate::counter::claimed_at(op).unwrap_or_else(crate::clock::now)
        }
    }
}

/// Settles `op` for `caller`: checks, then applies or records a conflict.
pub(crate) fn settle(
    sql: &mut dyn Sql,
    caller: &Caller,
    op: &PushOperation,
    authors: &mut Authors,
) -> Result<Settled, ServerError> {
    let operation = &op.envelope.operation;
    let version = operation.entity_version();
    if op.entity_id != operation.entity_id() || op.base_version != version - 1 {
        return Ok(Settled::Final(rejected(Reason::EntityMismatch)));
    }
    let author = author(operation);
    let account = match authors.get(&author) {
        Some(known) => known.clone(),
        None => {
            let found = auth::operator(sql, author)?;
            authors.insert(author, found.clone());
            found
        }
    };
    match account {
        Some(a) if a.active && a.office_id == caller.workstation.office_id => {
            let allowed = match operation {
                Operation::SaveRequest { .. }
                | Operation::AddAttachment { .. }
                | Operation::RemoveAttachment { .. } => permission::may_edit(a.role),
                Operation::SetStatus { action, .. } => match Action::parse(action) {
                    Some(action) => permission::may_act(a.role, action),
                    None => return Ok(Settled::Final(rejected(Reason::IllegalTransition))),
                },
                Operation::QueueStep { step, .. } => crate::queue::steps::may_take(a.role, step),
                Operation::AddSignature { .. }
                | Operation::RecordDecision { .. }
                | Operation::IssueDocument { .. }
                | Operation::AnswerSurvey { .. } => crate::counter::allowed(a.role, operation),
            };
            if !allowed {
                return Ok(Settled::Final(rejected(Reason::NotPermitted)));
            }
        }
        Some(a) if a.active => return Ok(Settled::Final(rejected(Reason::AuthorOtherOffice))),
        _ => return Ok(Settled::Final(rejected(Reason::UnknownAuthor))),
    }

    if let Operation::QueueStep { step, at, .. } = operation {
        return crate::queue::steps::settle(sql, caller, step, *at).map(Settled::Final);
    }
    if crate::counter::handles(operation) {
        return crate::counter::settle(sql, caller, operation).map(Settled::Final);
    }
    let current = load(sql, op.entity_id)?;
    if current
        .as_ref()
        .is_some_and(|c| c.office_id != caller.workstation.office_id)
    {
        // Another office's entity: refused as unknown, without saying it exists.
        return Ok(Settled::Final(rejected(Reason::UnknownRequest)));
    }
    let server_version = current.as_ref().map_or(0, |c| c.version);
    if version <= server_version && already_applied(sql, op)? {
        return Ok(Settled::Final(PushOutcome::Duplicate));
    }
    if op.base_version != server_version || diverged(sql, caller, op)? {
        return conflict(sql, caller, op, server_version, current.map(|c| c.state));
    }
    let (entity, number) = match operation {
        Operation::SaveRequest { request } => match save(request, current)? {
            Ok(r) => (ChangedEntity::Request { request: r }, None),
            Err(reason) => return Ok(Settled::Final(rejected(reason))),
        },
        Operation::SetStatus {
            version,
            from,
            to,
            action,
            outcome,
            by,
            at,
            ..
        } => {
            let Some(Current {
                state: ChangedEntity::Request { request },
                ..
            }) = current
            else {
                return Ok(Settled::Final(rejected(Reason::UnknownRequest)));
            };
            if request.status != *from {
                return Ok(Settled::Final(rejected(Reason::StatusMismatch)));
            }
            let legal = match (
                Status::parse(from),
                Status::parse(to),
                Action::parse(action),
            ) {
                (Some(f), Some(t), Some(a)) => {
                    transition(Flow::Standard, f, a) == Ok(t)
                        && outcome.as_deref() == a.outcome().map(|o| o.as_str())
                }
                _ => false,
            };
            if !legal {
                return Ok(Settled::Final(rejected(Reason::IllegalTransition)));
            }
            let mut next = request;
            next.version = *version;
            next.status.clone_from(to);
            next.saved_by = *by;
            next.updated_at = *at;
            let mut number = None;
            if action == Action::Register.as_str() {
                let n = crate::numbering::next_number(
                    sql,
                    &caller.workstation.office_id,
                    crate::clock::now().year(),
                )?;
                next.number = Some(n.clone());
                number = Some(n);
                next.queue = crate::queue::entries::on_register(
                    sql,
                    caller.workstation.id.0,
                    &caller.workstation.office_id,
                    &next,
                    *at,
                )
                .map_err(crate::queue::QueueError::into_server)?;
            }
            if action == Action::Refuse.as_str()
                && let Some(place) =
                    crate::queue::entries::on_refused(sql, &caller.workstation.office_id, next.id)
                        .map_err(crate::queue::QueueError::into_server)?
            {
                next.queue = Some(place);
            }
            (ChangedEntity::Request { request: next }, number)
        }
        Operation::AddAttachment { attachment } => {
            if attachment.version != 1 {
                return Ok(Settled::Final(rejected(Reason::AttachmentVersion)));
            }
            match load(sql, attachment.request_id)? {
                Some(Current {
                    state: ChangedEntity::Request { .. },
                    office_id,
                    ..
                }) if office_id == caller.workstation.office_id => {}
                _ => return Ok(Settled::Final(rejected(Reason::UnknownRequest))),
            }
            if !crate::blob::is_stored(sql, &attachment.sha256)? {
                return Ok(Settled::Retry(Reason::BlobMissing));
            }
            (
                ChangedEntity::Attachment {
                    attachment: attachment.clone(),
                },
                None,
            )
        }
        // Settled above; never reaches here.
        Operation::QueueStep { .. }
        | Operation::AddSignature { .. }
        | Operation::RecordDecision { .. }
        | Operation::IssueDocument { .. }
        | Operation::AnswerSurvey { .. } => {
            return Ok(Settled::Final(rejected(Reason::EntityMismatch)));
        }
        Operation::RemoveAttachment {
            request_id, by, at, ..
        } => {
            let Some(Current {
                state: ChangedEntity::Attachment { attachment },
                ..
            }) = current
            else {
                return Ok(Settled::Final(rejected(Reason::UnknownRequest)));
            };
            if attachment.request_id != *request_id {
                return Ok(Settled::Final(rejected(Reason::EntityMismatch)));
            }
            (
                ChangedEntity::AttachmentRemoved {
                    attachment,
                    removed_by: *by,
                    removed_at: *at,
                },
                None,
            )
        }
    };
    write_entity(sql, caller, op.entity_id, version, &entity)?;
    crate::queue::entries::note_operation(sql, caller.workstation.id.0, claimed_at(operation))?;
    crate::queue::entries::note_entity(sql, &entity)?;
    let cursor =
        crate::changelog::append(sql, op.entity_id, &caller.workstation.office_id, &entity)?;
    Ok(Settled::Final(PushOutcome::Accepted { number, cursor }))
}

/// The new state of a request after a form save, or why the save is refused.
fn save(
    incoming: &RequestRecord,
    current: Option<Current>,
) -> Result<Result<RequestRecord, Reason>, ServerError> {
    let mut next = incoming.clone();
    match current {
        None => {
            if incoming.status != Status::Draft.as_str() || incoming.created_by != incoming.saved_by
            {
                return Ok(Err(Reason::NewRequestNotDraft));
            }
            next.number = None;
            next.queue = None;
        }
        Some(Current {
            state: ChangedEntity::Request { request },
            ..
        }) => {
            if request.status != incoming.status {
                return Ok(Err(Reason::SaveChangesStatus));
            }
            next.number = request.number;
            next.queue = request.queue;
            next.created_by = request.created_by;
            next.created_at = request.created_at;
        }
        Some(_) => return Ok(Err(Reason::UnknownRequest)),
    }
    Ok(Ok(next))
}

fn write_entity(
    sql: &mut dyn Sql,
    caller: &Caller,
    id: Uuid,
    version: i64,
    entity: &ChangedEntity,
) -> Result<(), ServerError> {
    let kind = match entity {
        ChangedEntity::Request { .. } => "request",
        _ => "attachment",
    };
    sql.execute(
        "INSERT INTO entities (id, kind, version, state, office_id, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET version = excluded.version, state = excluded.state,
                                        updated_at = excluded.updated_at",
        &[
            id.to_string().into(),
            kind.into(),
            version.into(),
            serde_json::to_string(entity)?.into(),
            caller.workstation.office_id.as_str().into(),
            crate::clock::now_text().into(),
        ],
    )?;
    Ok(())
}

/// Whether the version this edit was made against is one this workstation wrote and the server
/// did not take, so the numbers may match the server's version while the contents differ and
/// applying the edit would silently overwrite the other write. That holds when this
/// workstation's write of that version was refused, or conflicted while the conflict is still
/// open. Once the head of department has resolved it, the workstation has pulled the server's
/// version in the meantime and edits made against it are accepted again.
fn diverged(sql: &mut dyn Sql, caller: &Caller, op: &PushOperation) -> Result<bool, ServerError> {
    if op.base_version == 0 {
        return Ok(false);
    }
    let outcomes: Vec<String> = sql
        .query(
            "SELECT DISTINCT outcome FROM settled_ops
             WHERE workstation_id = $1 AND entity_id = $2 AND entity_version = $3",
            &[
                caller.workstation.id.0.to_string().into(),
                op.entity_id.to_string().into(),
                op.base_version.into(),
            ],
        )?
        .iter()
        .map(|r| r.text(0))
        .collect::<Result<_, _>>()?;
    let has = |o: &str| outcomes.iter().any(|x| x == o);
    if has("accepted") {
        return Ok(false);
    }
    if has("rejected") {
        return Ok(true);
    }
    if !has("conflict") {
        return Ok(false);
    }
    Ok(sql
        .query_opt(
            "SELECT 1 FROM conflicts WHERE entity_id = $1 AND resolved_at IS NULL",
            &[op.entity_id.to_string().into()],
        )?
        .is_some())
}

/// Whether this exact entity version was accepted before (under any seq).
fn already_applied(sql: &mut dyn Sql, op: &PushOperation) -> Result<bool, ServerError> {
    let rows = sql.query(
        "SELECT payload FROM settled_ops
         WHERE entity_id = $1 AND entity_version = $2 AND outcome = 'accepted'",
        &[
            op.entity_id.to_string().into(),
            op.envelope.operation.entity_version().into(),
        ],
    )?;
    for row in rows {
        let stored: Operation = serde_json::from_str(&row.text(0)?)?;
        if stored == op.envelope.operation {
            return Ok(true);
        }
    }
    Ok(false)
}

fn conflict(
    sql: &mut dyn Sql,
    caller: &Caller,
    op: &PushOperation,
    server_version: i64,
    server_state: Option<ChangedEntity>,
) -> Result<Settled, ServerError> {
    let id = Uuid::now_v7();
    sql.execute(
        "INSERT INTO conflicts (id, entity_id, office_id, base_version, server_version,
                                server_state, incoming, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        &[
            id.to_string().into(),
            op.entity_id.to_string().into(),
            caller.workstation.office_id.as_str().into(),
            op.base_version.into(),
            server_version.into(),
            server_state
                .as_ref()
                .map(serde_json::to_string)
                .transpose()?
                .into(),
            serde_json::to_string(&op.envelope)?.into(),
            crate::clock::now_text().into(),
        ],
    )?;
    crate::changelog::append(
        sql,
        op.entity_id,
        &caller.workstation.office_id,
        &ChangedEntity::Conflict {
            conflict_id: id,
            entity_id: op.entity_id,
        },
    )?;
    crate::audit::record(
        sql,
        Some(caller.workstation.id),
        Some(caller.operator.id),
        "conflict",
        Some(op.entity_id),
        None,
    )?;
    Ok(Settled::Final(PushOutcome::Conflict { server_version }))
}

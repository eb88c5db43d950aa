//! Applying a pushed batch: dedupe, permission, conflict detection, numbering; one transaction.
//!
//! The whole batch commits before the answer is sent, so an operation is acknowledged only after
//! its own durable commit. Each operation is settled exactly once per `(workstation, seq)`;
//! a second arrival is a [`PushOutcome::Duplicate`], and so is the same entity version arriving
//! again under another seq. A write against a stale version is a [`PushOutcome::Conflict`]: both
//! versions are kept in `conflicts` for the head of department and nothing is overwritten.

mod apply;

pub(crate) use apply::load_state;

use tereze_protocol::{PushBatch, PushOperation, PushOutcome, PushResponse, PushResult, Seq};

use crate::auth::Caller;
use crate::db::Sql;
use crate::error::ServerError;
use crate::reason::Reason;

/// How one operation was settled.
pub(crate) enum Settled {
    /// Final: recorded, the seq advances.
    Final(PushOutcome),
    /// Not yet: the batch stops here.
    Retry(Reason),
}

/// Applies a batch for the authenticated caller and returns one result per operation.
pub fn push(
    sql: &mut dyn Sql,
    caller: &Caller,
    batch: &PushBatch,
) -> Result<PushResponse, ServerError> {
    sql.transaction(|tx| {
        let ws = caller.workstation.id;
        let mut last = last_seq(tx, caller)?;
        let start = last;
        let mut blocked = false;
        let mut authors = apply::Authors::new();
        let mut results = Vec::with_capacity(batch.operations.len());
        for op in &batch.operations {
            let seq = op.envelope.seq;
            let outcome = if op.envelope.workstation != ws {
                crate::audit::record(
                    tx,
                    Some(ws),
                    Some(caller.operator.id),
                    "push-refused",
                    Some(op.entity_id),
                    Some(Reason::ForeignWorkstation.key()),
                )?;
                rejected(Reason::ForeignWorkstation)
            } else if seq.0 <= last {
                PushOutcome::Duplicate
            } else if blocked {
                retry(Reason::EarlierPending, last)
            } else if seq.0 > last + 1 {
                blocked = true;
                retry(Reason::SeqGap, last)
            } else {
                match apply::settle(tx, caller, op, &mut authors)? {
                    Settled::Retry(reason) => {
                        blocked = true;
                        retry(reason, last)
                    }
                    Settled::Final(outcome) => {
                        record_settled(tx, caller, op, &outcome)?;
                        if let PushOutcome::Rejected { reason } = &outcome {
                            crate::audit::record(
                                tx,
                                Some(ws),
                                Some(caller.operator.id),
                                "push-refused",
                                Some(op.entity_id),
                                Some(reason),
                            )?;
                        }
                        last = seq.0;
                        outcome
                    }
                }
            };
            results.push(PushResult { seq, outcome });
        }
        if last != start {
            tx.execute(
                "UPDATE workstations SET last_seq = $1 WHERE id = $2",
                &[to_i64(last).into(), ws.0.to_string().into()],
            )?;
        }
        Ok(PushResponse { results })
    })
}

fn rejected(reason: Reason) -> PushOutcome {
    PushOutcome::Rejected {
        reason: reason.key().to_owned(),
    }
}

fn retry(reason: Reason, last: u64) -> PushOutcome {
    PushOutcome::Retry {
        reason: reason.key().to_owned(),
        expected: Seq(last + 1),
    }
}

fn to_i64(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

fn last_seq(sql: &mut dyn Sql, caller: &Caller) -> Result<u64, ServerError> {
    let row = sql.query_opt(
        "SELECT last_seq FROM workstations WHERE id = $1",
        &[caller.workstation.id.0.to_string().into()],
    )?;
    Ok(row
        .map_or(Ok(0), |r| r.int(0))
        .map(|v| u64::try_from(v).unwrap_or(0))?)
}

fn record_settled(
    sql: &mut dyn Sql,
    caller: &Caller,
    op: &PushOperation,
    outcome: &PushOutcome,
) -> Result<(), ServerError> {
    let kind = match outcome {
        PushOutcome::Accepted { .. } => "accepted",
        PushOutcome::Duplicate => "duplicate",
        PushOutcome::Conflict { .. } => "conflict",
        PushOutcome::Rejected { .. } => "rejected",
        PushOutcome::Retry { .. } => "retry",
    };
    sql.execute(
        "INSERT INTO settled_ops (workstation_id, seq, entity_id, entity_version, outcome,
                                  payload, settled_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &[
            caller.workstation.id.0.to_string().into(),
            to_i64(op.envelope.seq.0).into(),
            op.entity_id.to_string().into(),
            op.envelope.operation.entity_version().into(),
            kind.into(),
            serde_json::to_string(&op.envelope.operation)?.into(),
            crate::clock::now_text().into(),
        ],
    )?;
    Ok(())
}

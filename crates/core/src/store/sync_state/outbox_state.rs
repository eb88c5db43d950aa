//! The state of each outbox operation as the app shows it, and recording the server's answers.

use std::collections::BTreeSet;

use rusqlite::{Connection, OptionalExtension, params};
use tereze_protocol::{PushOutcome, PushResult, Seq, WorkstationId};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::i18n::{Localize, Localized};
use crate::store::{StoreError, clock};

/// Where an outbox operation stands with the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OutboxState {
    /// Not sent yet, or sent and told to come back later (the reason says why).
    Queued,
    /// Sent; the answer has not arrived (it is sent again if it never does).
    Sending,
    /// Applied by the server (now or by an earlier copy).
    Accepted,
    /// Made against a version someone else had already changed: the server kept both versions
    /// for the head of department.
    Conflict,
    /// Refused for good by the server (the reason says why).
    Rejected,
}

impl OutboxState {
    /// Every state, in the order the outbox screen lists them.
    pub const ALL: [OutboxState; 5] = [
        OutboxState::Queued,
        OutboxState::Sending,
        OutboxState::Accepted,
        OutboxState::Conflict,
        OutboxState::Rejected,
    ];

    /// The stable name, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxState::Queued => "queued",
            OutboxState::Sending => "sending",
            OutboxState::Accepted => "accepted",
            OutboxState::Conflict => "conflict",
            OutboxState::Rejected => "rejected",
        }
    }

    /// Parses the stable name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Whether the server has given its final answer.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            OutboxState::Accepted | OutboxState::Conflict | OutboxState::Rejected
        )
    }
}

impl Localize for OutboxState {
    fn localized(&self) -> Localized {
        match self {
            OutboxState::Queued => Localized::new("sync-state-queued"),
            OutboxState::Sending => Localized::new("sync-state-sending"),
            OutboxState::Accepted => Localized::new("sync-state-accepted"),
            OutboxState::Conflict => Localized::new("sync-state-conflict"),
            OutboxState::Rejected => Localized::new("sync-state-rejected"),
        }
    }
}

/// One line of the outbox screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxItem {
    /// The operation's position in the outbox.
    pub seq: Seq,
    /// What it does (stable name: `save-request`, `set-status`, `add-attachment`).
    pub kind: String,
    /// The entity it writes.
    pub entity_id: Uuid,
    /// The version of that entity it produces.
    pub entity_version: i64,
    /// Where it stands.
    pub state: OutboxState,
    /// The server's i18n key explaining a conflict, refusal or retry, if any.
    pub reason: Option<String>,
    /// When it was written, in UTC.
    pub created_at: OffsetDateTime,
    /// When the server's final answer was recorded, if it was.
    pub settled_at: Option<OffsetDateTime>,
}

/// How many operations are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutboxCounts {
    /// Not sent yet (or to be sent again).
    pub queued: u64,
    /// Sent, no answer yet.
    pub sending: u64,
    /// Applied by the server.
    pub accepted: u64,
    /// Kept by the server as a conflict.
    pub conflict: u64,
    /// Refused by the server.
    pub rejected: u64,
}

impl OutboxCounts {
    /// Operations still waiting for the server's final answer.
    pub fn waiting(&self) -> u64 {
        self.queued + self.sending
    }

    /// The count of one state.
    pub fn of(&self, state: OutboxState) -> u64 {
        match state {
            OutboxState::Queued => self.queued,
            OutboxState::Sending => self.sending,
            OutboxState::Accepted => self.accepted,
            OutboxState::Conflict => self.conflict,
            OutboxState::Rejected => self.rejected,
        }
    }
}

/// What one recorded push answer changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PushTally {
    /// Newly marked accepted (applied now or earlier).
    pub accepted: usize,
    /// Newly marked conflict.
    pub conflict: usize,
    /// Newly marked rejected.
    pub rejected: usize,
    /// Put back in the queue with a reason.
    pub retry: usize,
}

impl PushTally {
    /// Whether anything changed.
    pub fn any(&self) -> bool {
        self.accepted + self.conflict + self.rejected + self.retry > 0
    }

    /// Operations the server settled for good.
    pub fn settled(&self) -> usize {
        self.accepted + self.conflict + self.rejected
    }
}

pub(super) fn counts(
    conn: &Connection,
    workstation: WorkstationId,
) -> Result<OutboxCounts, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT sync_state, count(*) FROM outbox WHERE workstation_id = ?1 GROUP BY sync_state",
    )?;
    let rows = stmt.query_map([workstation.0.to_string()], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
    })?;
    let mut out = OutboxCounts::default();
    for row in rows {
        let (state, n) = row?;
        let n = u64::try_from(n).unwrap_or(0);
        match OutboxState::parse(&state) {
            Some(OutboxState::Queued) => out.queued = n,
            Some(OutboxState::Sending) => out.sending = n,
            Some(OutboxState::Accepted) => out.accepted = n,
            Some(OutboxState::Conflict) => out.conflict = n,
            Some(OutboxState::Rejected) => out.rejected = n,
            None => return Err(StoreError::Invalid { what: "sync state" }),
        }
    }
    Ok(out)
}

pub(super) fn items(
    conn: &Connection,
    workstation: WorkstationId,
    state: Option<OutboxState>,
    limit: usize,
) -> Result<Vec<OutboxItem>, StoreError> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut stmt = conn.prepare_cached(
        "SELECT seq, op_kind, entity_id, entity_version, sync_state, sync_reason, created_at,
                acked_at
         FROM outbox
         WHERE workstation_id = ?1 AND (?2 IS NULL OR sync_state = ?2)
         ORDER BY seq LIMIT ?3",
    )?;
    let rows = stmt.query_map(
        params![workstation.0.to_string(), state.map(|s| s.as_str()), limit],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, Option<String>>(7)?,
            ))
        },
    )?;
    let bad = |what| StoreError::Invalid { what };
    let mut out = Vec::new();
    for row in rows {
        let (seq, kind, entity, version, st, reason, created, acked) = row?;
        out.push(OutboxItem {
            seq: Seq(u64::try_from(seq).map_err(|_| bad("outbox seq"))?),
            kind,
            entity_id: Uuid::parse_str(&entity).map_err(|_| bad("outbox entity"))?,
            entity_version: version,
            state: OutboxState::parse(&st).ok_or(bad("sync state"))?,
            reason,
            created_at: clock::parse(&created)?,
            settled_at: acked.as_deref().map(clock::parse).transpose()?,
        });
    }
    Ok(out)
}

pub(super) fn mark_sending(
    conn: &Connection,
    workstation: WorkstationId,
    seqs: &[Seq],
) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(
        "UPDATE outbox SET sync_state = 'sending'
         WHERE workstation_id = ?1 AND seq = ?2 AND acked_at IS NULL",
    )?;
    let ws = workstation.0.to_string();
    for seq in seqs {
        stmt.execute(params![ws, i64::try_from(seq.0).unwrap_or(i64::MAX)])?;
    }
    Ok(())
}

/// Records answers; returns the tally and the entities whose operation became final.
pub(super) fn record(
    conn: &Connection,
    workstation: WorkstationId,
    results: &[PushResult],
) -> Result<(PushTally, BTreeSet<Uuid>), StoreError> {
    let (_, at) = clock::now()?;
    let ws = workstation.0.to_string();
    let mut tally = PushTally::default();
    let mut settled = BTreeSet::new();
    for result in results {
        let seq = i64::try_from(result.seq.0).unwrap_or(i64::MAX);
        let row: Option<(String, Option<String>)> = conn
            .prepare_cached(
                "SELECT entity_id, acked_at FROM outbox WHERE workstation_id = ?1 AND seq = ?2",
            )?
            .query_row(params![ws, seq], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        // An answer about an operation this store does not hold, or one already settled, is
        // ignored: the first final answer stands.
        let Some((entity, None)) = row else { continue };
        let (state, reason) = match &result.outcome {
            PushOutcome::Accepted { .. } | PushOutcome::Duplicate => {
                tally.accepted += 1;
                (OutboxState::Accepted, None)
            }
            PushOutcome::Conflict { .. } => {
                tally.conflict += 1;
                (OutboxState::Conflict, None)
            }
            PushOutcome::Rejected { reason } => {
                tally.rejected += 1;
                (OutboxState::Rejected, Some(reason.as_str()))
            }
            PushOutcome::Retry { reason, .. } => {
                tally.retry += 1;
                (OutboxState::Queued, Some(reason.as_str()))
            }
        };
        let acked = state.is_final().then_some(at.as_str());
        conn.prepare_cached(
            "UPDATE outbox SET sync_state = ?1, sync_reason = ?2, acked_at = ?3
             WHERE workstation_id = ?4 AND seq = ?5 AND acked_at IS NULL",
        )?
        .execute(params![state.as_str(), reason, acked, ws, seq])?;
        if state.is_final() {
            settled.insert(Uuid::parse_str(&entity).map_err(|_| StoreError::Invalid {
                what: "outbox entity",
            })?);
        }
    }
    Ok((tally, settled))
}

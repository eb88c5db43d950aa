//! Pushing: scans first (resumable), then the operations that cite them, in `seq` order; each
//! answer is recorded in the store before the next batch goes out.

use std::collections::BTreeSet;

use tereze_core::store::{OutboxEntry, PushTally, Store};
use tereze_protocol::{
    Envelope, Operation, PushBatch, PushOperation, PushOutcome, PushResponse, Seq,
};

use super::SyncSummary;
use crate::api::Api;
use crate::{EventSender, SyncError, SyncEvent};

fn batch(entries: &[OutboxEntry]) -> PushBatch {
    PushBatch {
        operations: entries
            .iter()
            .map(|e| {
                PushOperation::from_envelope(Envelope {
                    workstation: e.workstation,
                    seq: e.seq,
                    operation: e.operation.clone(),
                })
            })
            .collect(),
    }
}

/// Uploads the scans the entries cite that the server does not hold yet.
async fn upload_blobs(
    api: &Api,
    store: &mut Store,
    entries: &[OutboxEntry],
    events: &EventSender,
    summary: &mut SyncSummary,
) -> Result<(), SyncError> {
    let hashes: BTreeSet<&str> = entries
        .iter()
        .filter_map(|e| match &e.operation {
            Operation::AddAttachment { attachment } => Some(attachment.sha256.as_str()),
            _ => None,
        })
        .collect();
    let total = hashes.len();
    for (i, sha256) in hashes.into_iter().enumerate() {
        events.send(SyncEvent::Blob {
            index: i + 1,
            total,
        });
        if api.blob_progress(sha256).await?.complete {
            continue;
        }
        let bytes = store.read_attachment(sha256)?;
        api.upload_blob(sha256, &bytes).await?;
        summary.blobs += 1;
    }
    Ok(())
}

/// Checks that every result answers an operation that was sent.
fn check_answer(sent: &PushBatch, response: &PushResponse) -> Result<(), SyncError> {
    let seqs: BTreeSet<Seq> = sent.operations.iter().map(|o| o.envelope.seq).collect();
    if response.results.iter().all(|r| seqs.contains(&r.seq)) {
        Ok(())
    } else {
        Err(SyncError::BadAnswer(
            "push answer names operations not sent".into(),
        ))
    }
}

pub(super) async fn push(
    api: &Api,
    store: &mut Store,
    events: &EventSender,
    summary: &mut SyncSummary,
) -> Result<(), SyncError> {
    let total = usize::try_from(store.outbox_counts()?.waiting()).unwrap_or(usize::MAX);
    let mut done = 0;
    loop {
        let entries = store.pending_outbox(api.config().push_batch)?;
        if entries.is_empty() {
            return Ok(());
        }
        upload_blobs(api, store, &entries, events, summary).await?;
        let sent = batch(&entries);
        let seqs: Vec<Seq> = entries.iter().map(|e| e.seq).collect();
        store.mark_sending(&seqs)?;
        let response = api.push(&sent).await?;
        check_answer(&sent, &response)?;
        let tally = store.record_push(&response.results)?;
        summary.add_push(tally);
        done += tally.settled();
        events.send(SyncEvent::Pushed {
            done,
            total: total.max(done),
        });
        if tally.settled() == 0 {
            let reason = response
                .results
                .iter()
                .find_map(|r| match &r.outcome {
                    PushOutcome::Retry { reason, .. } => Some(reason.clone()),
                    _ => None,
                })
                .unwrap_or_default();
            return Err(SyncError::Stuck { reason });
        }
    }
}

pub(super) async fn resend_all(api: &Api, store: &mut Store) -> Result<PushTally, SyncError> {
    let mut after = Seq(0);
    let mut tally = PushTally::default();
    let mut summary = SyncSummary::default();
    loop {
        let entries = store.outbox_after(after, api.config().push_batch)?;
        let Some(last) = entries.last() else {
            return Ok(tally);
        };
        after = last.seq;
        upload_blobs(api, store, &entries, &EventSender::none(), &mut summary).await?;
        let sent = batch(&entries);
        let response = api.push(&sent).await?;
        check_answer(&sent, &response)?;
        let t = store.record_push(&response.results)?;
        tally.accepted += t.accepted;
        tally.conflict += t.conflict;
        tally.rejected += t.rejected;
        tally.retry += t.retry;
    }
}

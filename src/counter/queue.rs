//! The preschool queue's work at the counter, off the UI thread: reading the cached queue,
//! refreshing it from the server, the applicant's written answer to an offer (the scanned
//! statement attached to the request first), a referral against this workstation's lease
//! (checked offline on the cached queue), the applicant's withdrawal, and the head's
//! allocation runs with their published lists.

use std::path::Path;
use std::sync::{Arc, Mutex};

use tereze_core::i18n::{Localize, Localized};
use tereze_core::queue::QueueRules;
use tereze_core::store::{QueueCache, Store};
use tereze_protocol::{OfferAnswer, PublishedList, RunRequest};
use tereze_sync::SyncEngine;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::Context;
use crate::counter::documents::local;

/// The attachment slot of the applicant's written consent or refusal of an offered place.
pub const STATEMENT_SLOT: &str = "offer-answer";

/// An engine for the logged-in operator, from the stored connection.
pub fn engine(ctx: &Context) -> Result<SyncEngine, Localized> {
    crate::sync::engine(ctx, Localized::new("queue-screen-no-operator"))
}

fn lock(store: &Mutex<Store>) -> Result<std::sync::MutexGuard<'_, Store>, Localized> {
    store
        .lock()
        .map_err(|_| Localized::new("counter-store-busy"))
}

/// The cached queue (`None` before the first refresh).
pub fn read(store: &Mutex<Store>) -> Result<Option<QueueCache>, Localized> {
    lock(store)?.queue_cache().map_err(|e| e.localized())
}

/// Records the applicant's written answer to an offer: the scanned statement is attached to
/// the child's request (refused files change nothing), then the answer is queued for the
/// server and shown in the cache. Returns the cache after it.
pub fn answer(
    store: &Mutex<Store>,
    operator: Uuid,
    offer_id: Uuid,
    answer: OfferAnswer,
    statement: &Path,
    now: OffsetDateTime,
) -> Result<Option<QueueCache>, Localized> {
    let mut store = lock(store)?;
    let cache = store
        .queue_cache()
        .map_err(|e| e.localized())?
        .ok_or_else(|| Localized::new("queue-cache-empty"))?;
    let offer = cache
        .snapshot
        .offers
        .iter()
        .find(|o| o.offer_id == offer_id)
        .ok_or_else(|| Localized::new("queue-cache-unknown-offer"))?;
    let file_name = statement
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("statement");
    store
        .add_attachment(
            offer.request_id,
            STATEMENT_SLOT,
            file_name,
            statement,
            operator,
        )
        .map_err(|e| e.localized())?;
    store
        .answer_offer(offer_id, answer, operator, local(now).date())
        .map_err(|e| e.localized())?;
    store.queue_cache().map_err(|e| e.localized())
}

/// Issues a referral against this workstation's lease, checked on the cached queue with the
/// queue rules (the 1 : 3 ratio included); it reaches the server with the next sync.
pub fn refer(
    store: &Mutex<Store>,
    operator: Uuid,
    lease_id: Uuid,
    group_id: &str,
    request_id: Uuid,
    now: OffsetDateTime,
) -> Result<Option<QueueCache>, Localized> {
    let rules = QueueRules::builtin().map_err(|e| e.localized())?;
    let mut store = lock(store)?;
    store
        .refer_offline(
            &rules,
            lease_id,
            group_id,
            request_id,
            operator,
            now,
            local(now).date(),
        )
        .map_err(|e| e.localized())?;
    store.queue_cache().map_err(|e| e.localized())
}

/// Takes a fresh snapshot from the server into the cache.
pub async fn refresh(
    engine: Result<SyncEngine, Localized>,
    store: Arc<Mutex<Store>>,
) -> Result<Option<QueueCache>, Localized> {
    let snapshot = engine?.queue_snapshot().await.map_err(|e| e.localized())?;
    tokio::task::spawn_blocking(move || {
        let mut store = lock(&store)?;
        store
            .replace_queue_cache(&snapshot)
            .map_err(|e| e.localized())?;
        store.queue_cache().map_err(|e| e.localized())
    })
    .await
    .map_err(|_| Localized::new("queue-screen-failed"))?
}

/// The applicant withdraws the child: online only (the server takes the child out and offers
/// the place on), then the cache is refreshed.
pub async fn withdraw(
    engine: Result<SyncEngine, Localized>,
    store: Arc<Mutex<Store>>,
    request_id: Uuid,
) -> Result<Option<QueueCache>, Localized> {
    let engine = engine?;
    engine
        .withdraw(request_id)
        .await
        .map_err(|e| e.localized())?;
    refresh(Ok(engine), store).await
}

/// The head's allocation run for today, then the cache refreshed to show its offers.
pub async fn start_run(
    engine: Result<SyncEngine, Localized>,
    store: Arc<Mutex<Store>>,
) -> Result<Option<QueueCache>, Localized> {
    let engine = engine?;
    engine
        .start_run(&RunRequest::default())
        .await
        .map_err(|e| e.localized())?;
    refresh(Ok(engine), store).await
}

/// A run's published list.
pub async fn published(
    engine: Result<SyncEngine, Localized>,
    run_id: Uuid,
) -> Result<PublishedList, Localized> {
    engine?
        .published_list(run_id)
        .await
        .map_err(|e| e.localized())
}

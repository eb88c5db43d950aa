//! The preschool queue's work at the counter, off the UI thread: reading the cached queue and
//! the names of its kindergartens and groups, refreshing it from the server, the applicant's
//! written answer to an offer (the scanned statement attached to the request first; sent to
//! the server at once when it answers, queued for the next sync when it does not), a lease of
//! vacant places for working offline, a referral against this workstation's lease (checked
//! offline on the cached queue), the applicant's withdrawal, and the head's allocation runs
//! with their published lists.

use std::path::Path;
use std::sync::{Arc, Mutex};

use tereze_core::i18n::{Localize, Localized};
use tereze_core::queue::QueueRules;
use tereze_core::store::{QueueCache, QueueNames, Store};
use tereze_protocol::{LeaseRecord, LeaseRequest, OfferAnswer, PublishedList, RunRequest};
use tereze_sync::{SyncEngine, SyncError};
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

/// The store, locked; "busy" when a task that held it failed.
pub(crate) fn lock(store: &Mutex<Store>) -> Result<std::sync::MutexGuard<'_, Store>, Localized> {
    store
        .lock()
        .map_err(|_| Localized::new("counter-store-busy"))
}

/// The cached queue (`None` before the first refresh).
pub fn read(store: &Mutex<Store>) -> Result<Option<QueueCache>, Localized> {
    lock(store)?.queue_cache().map_err(|e| e.localized())
}

/// The names of the organisations and groups in the store's reference data (the server's set
/// once a sync brought it), the shipped set filling in what the store does not know.
pub fn names(store: &Store) -> Result<QueueNames, Localized> {
    let mut names = store.queue_names().map_err(|e| e.localized())?;
    if let Ok(shipped) = tereze_core::reference::ReferenceData::builtin() {
        names.fill_from(&shipped);
    }
    Ok(names)
}

/// What the operator is told about a server call that failed: the queue's own refusals (no
/// vacant places, the role, an offer no longer open, …) in their own words.
pub fn server_failure(error: &SyncError) -> Localized {
    let reason = match error {
        SyncError::Refused { reason, .. } | SyncError::Forbidden { reason } => reason.as_str(),
        other => return other.localized(),
    };
    match reason {
        "queue-frozen" => Localized::new("queue-frozen"),
        "queue-server-not-permitted" => Localized::new("queue-server-not-permitted"),
        "queue-server-unknown-organisation" => Localized::new("queue-server-unknown-organisation"),
        "queue-server-offer-not-open" => Localized::new("queue-server-offer-not-open"),
        "queue-server-bad-lease" => Localized::new("queue-server-bad-lease"),
        "queue-server-no-vacant-places" => Localized::new("queue-server-no-vacant-places"),
        "queue-server-lease-not-yours" => Localized::new("queue-server-lease-not-yours"),
        "queue-server-not-waiting" => Localized::new("queue-server-not-waiting"),
        "queue-server-does-not-fit" => Localized::new("queue-server-does-not-fit"),
        "queue-server-rules-changed" => Localized::new("queue-server-rules-changed"),
        _ => error.localized(),
    }
}

/// Whether a failed call never reached the server (or it could not work): the link is down.
fn unreachable(error: &SyncError) -> bool {
    matches!(
        error,
        SyncError::Timeout | SyncError::Connection(_) | SyncError::Unavailable { .. }
    )
}

/// Attaches the applicant's scanned statement to the request of a cached offer (refused
/// files change nothing).
fn attach_statement(
    store: &Mutex<Store>,
    operator: Uuid,
    offer_id: Uuid,
    statement: &Path,
) -> Result<(), Localized> {
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
    Ok(())
}

fn queue_answer(
    store: &Mutex<Store>,
    operator: Uuid,
    offer_id: Uuid,
    answer: OfferAnswer,
    now: OffsetDateTime,
) -> Result<Option<QueueCache>, Localized> {
    let mut store = lock(store)?;
    store
        .answer_offer(offer_id, answer, operator, local(now).date())
        .map_err(|e| e.localized())?;
    store.queue_cache().map_err(|e| e.localized())
}

/// Runs blocking store work on tokio's blocking pool.
async fn off_thread<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, Localized> + Send + 'static,
) -> Result<T, Localized> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|_| Localized::new("queue-screen-failed"))?
}

/// Records the applicant's written answer to an offer, the scanned statement attached to the
/// child's request first. With `engine` (the workstation is online) the answer goes to the
/// server at once and the cache is refreshed, so a place freed by a refusal shows offered to
/// the next child; nothing is queued then, so the server never gets the answer twice. If the
/// server cannot be reached, or without `engine`, the answer is queued for the next sync.
/// Returns the cache after it and what the operator is told.
pub async fn answer(
    engine: Option<SyncEngine>,
    store: Arc<Mutex<Store>>,
    operator: Uuid,
    offer_id: Uuid,
    answer: OfferAnswer,
    statement: std::path::PathBuf,
    now: OffsetDateTime,
) -> Result<(Option<QueueCache>, Localized), Localized> {
    let for_attach = Arc::clone(&store);
    off_thread(move || attach_statement(&for_attach, operator, offer_id, &statement)).await?;
    let fallback = match engine {
        None => Localized::new("queue-screen-answer-recorded"),
        Some(engine) => match engine.answer_offer(offer_id, answer).await {
            Ok(_) => {
                let for_note = Arc::clone(&store);
                off_thread(move || {
                    lock(&for_note)?
                        .note_answer_recorded(offer_id, answer, operator)
                        .map_err(|e| e.localized())
                })
                .await?;
                let cache = match refresh(Ok(engine), Arc::clone(&store)).await {
                    Ok(cache) => cache,
                    // The answer is on the server and in the cache; the rest comes with the
                    // next refresh.
                    Err(_) => off_thread(move || read(&store)).await?,
                };
                return Ok((cache, Localized::new("queue-counter-answer-on-server")));
            }
            Err(e) if unreachable(&e) => Localized::new("queue-counter-answer-offline"),
            Err(e) => return Err(server_failure(&e)),
        },
    };
    let cache = off_thread(move || queue_answer(&store, operator, offer_id, answer, now)).await?;
    Ok((cache, fallback))
}

/// Reserves vacant places for working offline (online only), then refreshes the cache so the
/// lease shows with its expiry. Returns the cache and what the operator is told: the places
/// and until when.
pub async fn take_lease(
    engine: Result<SyncEngine, Localized>,
    store: Arc<Mutex<Store>>,
    request: LeaseRequest,
) -> Result<(Option<QueueCache>, Localized), Localized> {
    let engine = engine?;
    let lease = engine
        .take_lease(&request)
        .await
        .map_err(|e| server_failure(&e))?;
    let cache = refresh(Ok(engine), store).await?;
    Ok((cache, lease_taken(&lease)))
}

/// What the operator is told once a lease is granted.
fn lease_taken(lease: &LeaseRecord) -> Localized {
    let places: u32 = lease.places.iter().map(|p| p.places).sum();
    let until = local(lease.expires_at);
    Localized::new("queue-counter-lease-taken")
        .arg("places", places)
        .arg("date", tereze_core::text::format_date(until.date()))
        .arg("time", format!("{:02}:{:02}", until.hour(), until.minute()))
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
    let snapshot = engine?
        .queue_snapshot()
        .await
        .map_err(|e| server_failure(&e))?;
    off_thread(move || {
        let mut store = lock(&store)?;
        store
            .replace_queue_cache(&snapshot)
            .map_err(|e| e.localized())?;
        store.queue_cache().map_err(|e| e.localized())
    })
    .await
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
        .map_err(|e| server_failure(&e))?;
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
        .map_err(|e| server_failure(&e))?;
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

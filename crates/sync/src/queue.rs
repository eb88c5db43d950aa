//! The preschool queue's calls for the counter and the head of department, and the refresh of
//! the queue this workstation caches (see `tereze_core::store::QueueCache`).

use tereze_core::store::Store;
use tereze_protocol::{
    LeaseRecord, LeaseRequest, OfferAnswer, OfferRecord, PositionAnswer, PositionQuery,
    PublishedList, QueuePlace, QueueSnapshot, RunRequest, RunSummary,
};
use uuid::Uuid;

use crate::{SyncEngine, SyncError};

impl SyncEngine {
    /// `GET /v1/queue/snapshot`: the office's queue, open offers, groups, this workstation's
    /// leases and the latest runs.
    pub async fn queue_snapshot(&self) -> Result<QueueSnapshot, SyncError> {
        self.api().get_json("v1/queue/snapshot").await
    }

    /// Takes a fresh snapshot and stores it as the cached queue, replacing the previous one.
    pub async fn refresh_queue(&self, store: &mut Store) -> Result<QueueSnapshot, SyncError> {
        let snapshot = self.queue_snapshot().await?;
        store.replace_queue_cache(&snapshot)?;
        Ok(snapshot)
    }

    /// `POST /v1/queue/runs`: the head's allocation run.
    pub async fn start_run(&self, request: &RunRequest) -> Result<RunSummary, SyncError> {
        self.api().post_json("v1/queue/runs", Some(request)).await
    }

    /// `GET /v1/queue/runs/{id}/published`: a run's public list (queue numbers and initials).
    pub async fn published_list(&self, run_id: Uuid) -> Result<PublishedList, SyncError> {
        self.api()
            .get_json(&format!("v1/queue/runs/{run_id}/published"))
            .await
    }

    /// `POST /v1/queue/offers/{id}/{answer}`: the answer recorded on the server at once (the
    /// offline way is a queue step in the outbox).
    pub async fn answer_offer(
        &self,
        offer_id: Uuid,
        answer: OfferAnswer,
    ) -> Result<OfferRecord, SyncError> {
        let name = match answer {
            OfferAnswer::Accept => "accept",
            OfferAnswer::Decline => "decline",
            OfferAnswer::Enroll => "enroll",
        };
        self.api()
            .post_json::<(), _>(&format!("v1/queue/offers/{offer_id}/{name}"), None)
            .await
    }

    /// `POST /v1/queue/leases`: reserves vacant places for working offline.
    pub async fn take_lease(&self, request: &LeaseRequest) -> Result<LeaseRecord, SyncError> {
        self.api().post_json("v1/queue/leases", Some(request)).await
    }

    /// `POST /v1/queue/entries/{id}/withdraw`: the applicant withdraws the child.
    pub async fn withdraw(&self, request_id: Uuid) -> Result<QueuePlace, SyncError> {
        self.api()
            .post_json::<(), _>(&format!("v1/queue/entries/{request_id}/withdraw"), None)
            .await
    }

    /// `POST /v1/queue/position`: a child's position by request number or IIN (never in a URL).
    pub async fn position(&self, query: &PositionQuery) -> Result<PositionAnswer, SyncError> {
        self.api().post_json("v1/queue/position", Some(query)).await
    }
}

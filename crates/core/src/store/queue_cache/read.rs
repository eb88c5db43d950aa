//! Reading the cached queue back.

use rusqlite::{Connection, OptionalExtension, Row};
use tereze_protocol::{
    GroupRecord, LeaseRecord, LeasedGroup, OfferRecord, QueueCacheEntry, QueueSnapshot, RunBrief,
};
use time::Date;
use uuid::Uuid;

use super::QueueCache;
use crate::store::{Store, StoreError, clock};

pub(super) fn day(s: &str) -> Result<Date, StoreError> {
    crate::validate::date::parse(s).map_err(|_| StoreError::Invalid { what: "queue date" })
}

pub(super) fn uuid(s: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(s).map_err(|_| StoreError::Invalid { what: "queue id" })
}

fn small(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(0)
}

/// A stored entry's columns, read raw so conversion errors become store errors.
type EntryRow = (
    String,
    Option<String>,
    i32,
    i64,
    String,
    String,
    String,
    String,
    String,
    bool,
    bool,
    String,
    String,
    Option<String>,
);

fn entry_row(r: &Row<'_>) -> rusqlite::Result<EntryRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
        r.get(10)?,
        r.get(11)?,
        r.get(12)?,
        r.get(13)?,
    ))
}

pub(super) fn entries(conn: &Connection) -> Result<Vec<QueueCacheEntry>, StoreError> {
    let rows = conn
        .prepare_cached(
            "SELECT request_id, request_number, cohort, position, class, state, applied_at,
                    birth_date, language, correctional, pmpk_decision, wishes, initials,
                    stop_listed_until
             FROM queue_cache_entries ORDER BY cohort, position, request_id",
        )?
        .query_map([], entry_row)?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|r| {
            Ok(QueueCacheEntry {
                request_id: uuid(&r.0)?,
                request_number: r.1,
                cohort: r.2,
                position: small(r.3),
                class: r.4,
                state: r.5,
                applied_at: clock::parse(&r.6)?,
                birth_date: day(&r.7)?,
                language: r.8,
                correctional: r.9,
                pmpk_decision: r.10,
                wishes: serde_json::from_str(&r.11)?,
                initials: r.12,
                stop_listed_until: r.13.as_deref().map(day).transpose()?,
            })
        })
        .collect()
}

type OfferRow = (
    String,
    Option<String>,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
);

pub(super) fn offers(conn: &Connection) -> Result<Vec<OfferRecord>, StoreError> {
    let rows: Vec<OfferRow> = conn
        .prepare_cached(
            "SELECT offer_id, run_id, request_id, class, group_id, organisation_id, state,
                    respond_by, referral_until
             FROM queue_cache_offers ORDER BY seq",
        )?
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    rows.into_iter()
        .map(|r| {
            Ok(OfferRecord {
                offer_id: uuid(&r.0)?,
                run_id: r.1.as_deref().map(uuid).transpose()?,
                request_id: uuid(&r.2)?,
                class: r.3,
                group_id: r.4,
                organisation_id: r.5,
                state: r.6,
                respond_by: day(&r.7)?,
                referral_until: r.8.as_deref().map(day).transpose()?,
            })
        })
        .collect()
}

fn groups(conn: &Connection) -> Result<Vec<GroupRecord>, StoreError> {
    let rows = conn
        .prepare_cached(
            "SELECT group_id, organisation_id, organisation_kind, office_id, age_min, age_max,
                    language, correctional, capacity, occupied, reserved, vacant
             FROM queue_cache_groups ORDER BY group_id",
        )?
        .query_map([], |r| {
            Ok(GroupRecord {
                group_id: r.get(0)?,
                organisation_id: r.get(1)?,
                organisation_kind: r.get(2)?,
                office_id: r.get(3)?,
                age_min: r.get(4)?,
                age_max: r.get(5)?,
                language: r.get(6)?,
                correctional: r.get(7)?,
                capacity: r.get(8)?,
                occupied: r.get(9)?,
                reserved: r.get(10)?,
                vacant: r.get(11)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

pub(super) fn leases(conn: &Connection, workstation: Uuid) -> Result<Vec<LeaseRecord>, StoreError> {
    let heads: Vec<(String, String, String)> = conn
        .prepare_cached(
            "SELECT lease_id, expires_at, returns_at FROM queue_cache_leases ORDER BY expires_at",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::with_capacity(heads.len());
    for (id, expires, returns) in heads {
        let places = conn
            .prepare_cached(
                "SELECT group_id, organisation_id, places, used FROM queue_cache_lease_places
                 WHERE lease_id = ?1 ORDER BY group_id",
            )?
            .query_map([&id], |r| {
                Ok(LeasedGroup {
                    group_id: r.get(0)?,
                    organisation_id: r.get(1)?,
                    places: r.get(2)?,
                    used: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        out.push(LeaseRecord {
            lease_id: uuid(&id)?,
            workstation,
            expires_at: clock::parse(&expires)?,
            returns_at: clock::parse(&returns)?,
            places,
        });
    }
    Ok(out)
}

fn runs(conn: &Connection) -> Result<Vec<RunBrief>, StoreError> {
    let rows: Vec<(String, String, String, i64)> = conn
        .prepare_cached("SELECT run_id, kind, run_date, offers FROM queue_cache_runs ORDER BY seq")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    rows.into_iter()
        .map(|(id, kind, date, offers)| {
            Ok(RunBrief {
                run_id: uuid(&id)?,
                kind,
                date: day(&date)?,
                offers: small(offers),
            })
        })
        .collect()
}

impl Store {
    /// The cached queue, or `None` before the first refresh.
    pub fn queue_cache(&self) -> Result<Option<QueueCache>, StoreError> {
        let head: Option<(String, String, String, String)> = self
            .conn
            .prepare_cached(
                "SELECT taken_at, server_today, rules_version, refreshed_at
                 FROM queue_cache_state WHERE singleton = 1",
            )?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .optional()?;
        let Some((taken, today, rules_version, refreshed)) = head else {
            return Ok(None);
        };
        Ok(Some(QueueCache {
            snapshot: QueueSnapshot {
                taken_at: clock::parse(&taken)?,
                today: day(&today)?,
                rules_version,
                entries: entries(&self.conn)?,
                offers: offers(&self.conn)?,
                groups: groups(&self.conn)?,
                leases: leases(&self.conn, self.workstation.0)?,
                runs: runs(&self.conn)?,
            },
            refreshed_at: clock::parse(&refreshed)?,
        }))
    }
}

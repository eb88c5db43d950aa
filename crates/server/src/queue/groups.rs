//! Groups of kindergartens and mini-centres and their places.
//!
//! A group's vacant places are capacity − occupied − reserved, where reserved counts open
//! offers, valid referrals and the unused places of leases not yet returned. Groups come from
//! the reference data (a mini-centre's groups exactly like a kindergarten's); the administrator
//! keeps capacity and occupied up to date and may add groups.

use tereze_core::queue::GroupPlaces;
use tereze_core::reference::{Language, OrganisationKind, ReferenceData};
use tereze_protocol::{GroupCounts, GroupList, GroupRecord, NewGroup};

use super::{QueueError, QueueRefusal};
use crate::db::{Row, Sql};
use crate::error::ServerError;

/// Brings the groups table in line with newly imported reference data: new groups join with
/// their file capacity and nothing occupied; known groups take the file's description but keep
/// the counts the administrator maintains.
pub fn sync_from_reference(sql: &mut dyn Sql, data: &ReferenceData) -> Result<(), ServerError> {
    for group in &data.groups {
        let Some(org) = data
            .organisations
            .iter()
            .find(|o| o.id == group.organisation_id)
        else {
            continue;
        };
        sql.execute(
            "INSERT INTO queue_groups (group_id, organisation_id, organisation_kind, office_id,
                                       age_min, age_max, language, correctional, capacity,
                                       occupied, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10)
             ON CONFLICT (group_id) DO UPDATE SET
                 organisation_id = excluded.organisation_id,
                 organisation_kind = excluded.organisation_kind,
                 office_id = excluded.office_id, age_min = excluded.age_min,
                 age_max = excluded.age_max, language = excluded.language,
                 correctional = excluded.correctional",
            &[
                group.id.as_str().into(),
                org.id.as_str().into(),
                org.kind.as_str().into(),
                org.office_id.clone().unwrap_or_default().into(),
                i64::from(group.age_min).into(),
                i64::from(group.age_max).into(),
                group.language.as_str().into(),
                i64::from(group.correctional).into(),
                i64::from(group.capacity).into(),
                crate::clock::now_text().into(),
            ],
        )?;
    }
    Ok(())
}

const COLUMNS: &str = "g.group_id, g.organisation_id, g.organisation_kind, g.office_id, g.age_min,
     g.age_max, g.language, g.correctional, g.capacity, g.occupied,
     (SELECT count(*) FROM queue_offers o
       WHERE o.group_id = g.group_id AND o.state IN ('offered', 'referred'))
     + CAST(coalesce((SELECT sum(p.places - p.used) FROM queue_lease_places p
                      JOIN queue_leases l ON l.id = p.lease_id
                      WHERE p.group_id = g.group_id AND l.returned = 0), 0) AS BIGINT)";

fn small(v: i64) -> u32 {
    u32::try_from(v.max(0)).unwrap_or(u32::MAX)
}

fn record(row: &Row) -> Result<GroupRecord, ServerError> {
    let capacity = small(row.int(8)?);
    let occupied = small(row.int(9)?);
    let reserved = small(row.int(10)?);
    Ok(GroupRecord {
        group_id: row.text(0)?,
        organisation_id: row.text(1)?,
        organisation_kind: row.text(2)?,
        office_id: row.text(3)?,
        age_min: u8::try_from(row.int(4)?).unwrap_or(0),
        age_max: u8::try_from(row.int(5)?).unwrap_or(0),
        language: row.text(6)?,
        correctional: row.int(7)? != 0,
        capacity,
        occupied,
        reserved,
        vacant: capacity.saturating_sub(occupied).saturating_sub(reserved),
    })
}

/// The groups of `office_id`, by id, with their counts.
pub fn list(sql: &mut dyn Sql, office_id: &str) -> Result<GroupList, ServerError> {
    let rows = sql.query(
        &format!("SELECT {COLUMNS} FROM queue_groups g WHERE g.office_id = $1 ORDER BY g.group_id"),
        &[office_id.into()],
    )?;
    let groups = rows.iter().map(record).collect::<Result<_, _>>()?;
    Ok(GroupList { groups })
}

/// One group with its counts.
pub fn get(sql: &mut dyn Sql, group_id: &str) -> Result<Option<GroupRecord>, ServerError> {
    let row = sql.query_opt(
        &format!("SELECT {COLUMNS} FROM queue_groups g WHERE g.group_id = $1"),
        &[group_id.into()],
    )?;
    row.as_ref().map(record).transpose()
}

/// A group as the core's allocation sees it, with `vacant` places.
pub fn places(group: &GroupRecord, vacant: u32) -> GroupPlaces {
    GroupPlaces {
        group_id: group.group_id.clone(),
        organisation_id: group.organisation_id.clone(),
        age_min: group.age_min,
        age_max: group.age_max,
        language: Language::parse(&group.language).unwrap_or(Language::Kk),
        correctional: group.correctional,
        vacant,
    }
}

/// The administrator changes a group's capacity or occupied places (of `office_id`'s groups
/// when given). The capacity may not fall below what is occupied and reserved.
pub fn set_counts(
    sql: &mut dyn Sql,
    office_id: Option<&str>,
    group_id: &str,
    counts: &GroupCounts,
) -> Result<GroupRecord, QueueError> {
    let group = get(sql, group_id)?
        .filter(|g| office_id.is_none_or(|o| g.office_id == o))
        .ok_or(QueueError::NotFound)?;
    let capacity = counts.capacity.unwrap_or(group.capacity);
    let occupied = counts.occupied.unwrap_or(group.occupied);
    if u64::from(occupied) + u64::from(group.reserved) > u64::from(capacity) {
        return Err(QueueRefusal::BadCounts.into());
    }
    sql.execute(
        "UPDATE queue_groups SET capacity = $1, occupied = $2, updated_at = $3
         WHERE group_id = $4",
        &[
            i64::from(capacity).into(),
            i64::from(occupied).into(),
            crate::clock::now_text().into(),
            group_id.into(),
        ],
    )?;
    get(sql, group_id)?.ok_or(QueueError::NotFound)
}

/// The administrator adds a group to a kindergarten or mini-centre of the current reference
/// data (of `office_id` when given: an office's administrator over HTTP).
pub fn add(
    sql: &mut dyn Sql,
    office_id: Option<&str>,
    new: &NewGroup,
) -> Result<GroupRecord, QueueError> {
    let language = Language::parse(&new.language).ok_or(QueueRefusal::BadGroup)?;
    if new.group_id.trim().is_empty()
        || new.age_min >= new.age_max
        || new.age_max > tereze_core::reference::MAX_AGE_YEARS
    {
        return Err(QueueRefusal::BadGroup.into());
    }
    if new.occupied > new.capacity {
        return Err(QueueRefusal::BadCounts.into());
    }
    if get(sql, &new.group_id)?.is_some() {
        return Err(QueueRefusal::GroupExists.into());
    }
    let set = crate::reference::current(sql)?.ok_or(QueueRefusal::UnknownOrganisation)?;
    let data = ReferenceData::parse(&set.offices_csv, &set.organisations_csv, &set.groups_csv)
        .map_err(|e| QueueError::Config(e.to_string()))?;
    let org = data
        .organisations
        .iter()
        .find(|o| o.id == new.organisation_id)
        .filter(|o| office_id.is_none_or(|office| o.office_id.as_deref() == Some(office)))
        .ok_or(QueueRefusal::UnknownOrganisation)?;
    let kind: OrganisationKind = org.kind;
    sql.execute(
        "INSERT INTO queue_groups (group_id, organisation_id, organisation_kind, office_id,
                                   age_min, age_max, language, correctional, capacity,
                                   occupied, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        &[
            new.group_id.trim().into(),
            org.id.as_str().into(),
            kind.as_str().into(),
            org.office_id.clone().unwrap_or_default().into(),
            i64::from(new.age_min).into(),
            i64::from(new.age_max).into(),
            language.as_str().into(),
            i64::from(new.correctional).into(),
            i64::from(new.capacity).into(),
            i64::from(new.occupied).into(),
            crate::clock::now_text().into(),
        ],
    )?;
    get(sql, new.group_id.trim())?.ok_or(QueueError::NotFound)
}

/// One more place occupied (an enrolment).
pub fn occupy(sql: &mut dyn Sql, group_id: &str) -> Result<(), ServerError> {
    sql.execute(
        "UPDATE queue_groups SET occupied = occupied + 1, updated_at = $1 WHERE group_id = $2",
        &[crate::clock::now_text().into(), group_id.into()],
    )?;
    Ok(())
}

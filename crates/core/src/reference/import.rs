//! Writing reference data into the store: an idempotent upsert by id.

use rusqlite::{Transaction, named_params};

use super::ReferenceData;
use super::error::ReferenceError;
use super::group::Group;
use super::office::Office;
use super::organisation::{Language, Organisation};

/// What an import did to one table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TableCounts {
    /// Rows that were not in the table before.
    pub inserted: usize,
    /// Rows whose id was present with different values, now overwritten.
    pub updated: usize,
    /// Rows already present with exactly these values.
    pub unchanged: usize,
}

impl TableCounts {
    /// Rows the import looked at.
    pub fn total(&self) -> usize {
        self.inserted + self.updated + self.unchanged
    }

    fn record(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Inserted => self.inserted += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Unchanged => self.unchanged += 1,
        }
    }
}

/// What an import did, per table; shown to the administrator after an import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    /// The `offices` table.
    pub offices: TableCounts,
    /// The `organisations` table.
    pub organisations: TableCounts,
    /// The `groups` table.
    pub groups: TableCounts,
}

impl ImportCounts {
    /// Whether the import inserted or updated anything.
    pub fn changed_anything(&self) -> bool {
        [self.offices, self.organisations, self.groups]
            .iter()
            .any(|t| t.inserted + t.updated > 0)
    }
}

#[derive(Debug, Clone, Copy)]
enum Outcome {
    Inserted,
    Updated,
    Unchanged,
}

/// Upserts every office, organisation and group by id inside the caller's transaction.
///
/// Running it twice changes nothing the second time; a row whose values differ from the stored
/// one is overwritten; rows missing from `data` are left alone (requests may refer to them).
/// Offices go first so that organisations and groups always find what they point at.
pub fn import(tx: &Transaction<'_>, data: &ReferenceData) -> Result<ImportCounts, ReferenceError> {
    let mut counts = ImportCounts::default();
    for office in &data.offices {
        counts.offices.record(upsert_office(tx, office)?);
    }
    for organisation in &data.organisations {
        counts
            .organisations
            .record(upsert_organisation(tx, organisation)?);
    }
    for group in &data.groups {
        counts.groups.record(upsert_group(tx, group)?);
    }
    Ok(counts)
}

fn upsert_office(tx: &Transaction<'_>, office: &Office) -> Result<Outcome, ReferenceError> {
    let existed = exists(
        tx,
        "SELECT EXISTS (SELECT 1 FROM offices WHERE id = ?1)",
        &office.id,
    )?;
    let phones = office
        .phones
        .iter()
        .map(|p| p.as_str())
        .collect::<Vec<_>>()
        .join(";");
    let changed = tx
        .prepare_cached(
            "INSERT INTO offices (id, kind, region, district, name_ru, name_kk, postal_index,
                                  address, phones, email, source, note)
             VALUES (:id, :kind, :region, :district, :name_ru, :name_kk, :postal_index,
                     :address, :phones, :email, :source, :note)
             ON CONFLICT (id) DO UPDATE SET
                 kind = excluded.kind, region = excluded.region, district = excluded.district,
                 name_ru = excluded.name_ru, name_kk = excluded.name_kk,
                 postal_index = excluded.postal_index, address = excluded.address,
                 phones = excluded.phones, email = excluded.email, source = excluded.source,
                 note = excluded.note
             WHERE offices.kind IS NOT excluded.kind
                OR offices.region IS NOT excluded.region
                OR offices.district IS NOT excluded.district
                OR offices.name_ru IS NOT excluded.name_ru
                OR offices.name_kk IS NOT excluded.name_kk
                OR offices.postal_index IS NOT excluded.postal_index
                OR offices.address IS NOT excluded.address
                OR offices.phones IS NOT excluded.phones
                OR offices.email IS NOT excluded.email
                OR offices.source IS NOT excluded.source
                OR offices.note IS NOT excluded.note",
        )?
        .execute(named_params! {
            ":id": office.id,
            ":kind": office.kind.as_str(),
            ":region": office.region,
            ":district": office.district,
            ":name_ru": office.name_ru,
            ":name_kk": office.name_kk,
            ":postal_index": office.postal_index,
            ":address": office.address,
            ":phones": phones,
            ":email": office.email,
            ":source": office.source,
            ":note": office.note,
        })?;
    Ok(outcome(existed, changed))
}

fn upsert_organisation(
    tx: &Transaction<'_>,
    organisation: &Organisation,
) -> Result<Outcome, ReferenceError> {
    let existed = exists(
        tx,
        "SELECT EXISTS (SELECT 1 FROM organisations WHERE id = ?1)",
        &organisation.id,
    )?;
    let languages = organisation
        .languages
        .iter()
        .map(|l| Language::as_str(*l))
        .collect::<Vec<_>>()
        .join(";");
    let changed = tx
        .prepare_cached(
            "INSERT INTO organisations (id, kind, region, district, office_id, name_kk, name_ru,
                                        address, languages, demo)
             VALUES (:id, :kind, :region, :district, :office_id, :name_kk, :name_ru,
                     :address, :languages, :demo)
             ON CONFLICT (id) DO UPDATE SET
                 kind = excluded.kind, region = excluded.region, district = excluded.district,
                 office_id = excluded.office_id, name_kk = excluded.name_kk,
                 name_ru = excluded.name_ru, address = excluded.address,
                 languages = excluded.languages, demo = excluded.demo
             WHERE organisations.kind IS NOT excluded.kind
                OR organisations.region IS NOT excluded.region
                OR organisations.district IS NOT excluded.district
                OR organisations.office_id IS NOT excluded.office_id
                OR organisations.name_kk IS NOT excluded.name_kk
                OR organisations.name_ru IS NOT excluded.name_ru
                OR organisations.address IS NOT excluded.address
                OR organisations.languages IS NOT excluded.languages
                OR organisations.demo IS NOT excluded.demo",
        )?
        .execute(named_params! {
            ":id": organisation.id,
            ":kind": organisation.kind.as_str(),
            ":region": organisation.region,
            ":district": organisation.district,
            ":office_id": organisation.office_id,
            ":name_kk": organisation.name_kk,
            ":name_ru": organisation.name_ru,
            ":address": organisation.address,
            ":languages": languages,
            ":demo": organisation.demo,
        })?;
    Ok(outcome(existed, changed))
}

fn upsert_group(tx: &Transaction<'_>, group: &Group) -> Result<Outcome, ReferenceError> {
    let existed = exists(
        tx,
        "SELECT EXISTS (SELECT 1 FROM groups WHERE id = ?1)",
        &group.id,
    )?;
    let changed = tx
        .prepare_cached(
            "INSERT INTO groups (id, organisation_id, name_kk, name_ru, age_min, age_max,
                                 language, correctional, capacity, demo)
             VALUES (:id, :organisation_id, :name_kk, :name_ru, :age_min, :age_max,
                     :language, :correctional, :capacity, :demo)
             ON CONFLICT (id) DO UPDATE SET
                 organisation_id = excluded.organisation_id, name_kk = excluded.name_kk,
                 name_ru = excluded.name_ru, age_min = excluded.age_min,
                 age_max = excluded.age_max, language = excluded.language,
                 correctional = excluded.correctional, capacity = excluded.capacity,
                 demo = excluded.demo
             WHERE groups.organisation_id IS NOT excluded.organisation_id
                OR groups.name_kk IS NOT excluded.name_kk
                OR groups.name_ru IS NOT excluded.name_ru
                OR groups.age_min IS NOT excluded.age_min
                OR groups.age_max IS NOT excluded.age_max
                OR groups.language IS NOT excluded.language
                OR groups.correctional IS NOT excluded.correctional
                OR groups.capacity IS NOT excluded.capacity
                OR groups.demo IS NOT excluded.demo",
        )?
        .execute(named_params! {
            ":id": group.id,
            ":organisation_id": group.organisation_id,
            ":name_kk": group.name_kk,
            ":name_ru": group.name_ru,
            ":age_min": group.age_min,
            ":age_max": group.age_max,
            ":language": group.language.as_str(),
            ":correctional": group.correctional,
            ":capacity": group.capacity,
            ":demo": group.demo,
        })?;
    Ok(outcome(existed, changed))
}

fn exists(tx: &Transaction<'_>, sql: &str, id: &str) -> Result<bool, ReferenceError> {
    Ok(tx.prepare_cached(sql)?.query_row([id], |row| row.get(0))?)
}

fn outcome(existed: bool, changed: usize) -> Outcome {
    match (existed, changed) {
        (false, _) => Outcome::Inserted,
        (true, 0) => Outcome::Unchanged,
        (true, _) => Outcome::Updated,
    }
}
